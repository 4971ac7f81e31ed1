package load

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/sitefs"
)

// Doc is a markdown file with TOML front matter: a role guide or a page.
type Doc struct {
	// ID is the file name without ".md": the role id or page slug.
	ID      string
	Path    string
	Title   Field[string]
	Summary Field[string]
	Order   Field[int]
	// Commitment is a role guide's time commitment.
	Commitment Field[string]
	// SourceURL is where the document also lives (source_url): its
	// links that name nothing in the site resolve against it.
	SourceURL Field[string]
	// FormerIDs are a role guide's `former_ids`: ids the role had before,
	// whose feeds go on being published.
	FormerIDs []Field[string]
	// Tasks is a role guide's `tasks`: "checkboxes" (also when not set)
	// or "lists"; any other value is reported and left unset.
	Tasks Field[string]
	// Allow are the warning codes the front matter acknowledges in the
	// whole file.
	Allow []diag.Code
	// Folder is a guide folder's path ("roles/<id>") when the guide is
	// its index.md or README.md; "" for a guide or page in a file of its
	// own.
	Folder string
	// Pages are a guide folder's other markdown files, in path order,
	// each with its path in the folder, without ".md", as its ID
	// ("setup", "notes/README"); Files are its other files (images), as
	// paths in the site folder. Both are published beside the guide.
	Pages []*Doc
	Files []string
	// Body is the markdown after the front matter.
	Body string
	// BodyLine is the line of the file on which Body begins, so that
	// positions inside the markdown map back to the file.
	BodyLine int
}

// Term is one [term.<id>] of glossary.toml.
type Term struct {
	ID         string
	Pos        diag.Pos
	Name       Field[string]
	Expansion  Field[string]
	Definition Field[string]
	Aliases    []Field[string]
	See        []Field[string]
}

// Reserved ids: role ids that would clash with a release's own pages, and
// page slugs that would clash with the site's sections.
var (
	reservedRoles = []string{"calendar", "schedule"}
	reservedPages = []string{"releases", "roles", "glossary", "print", "index", "search", "sitemap", "404", "static"}
)

// readDocs plans the reading of the markdown files in dir, the role
// guides or the pages, into docs.
func readDocs(fsys fs.FS, p *plan, dir, what string, reserved []string, frontKeys []string, docs *[]*Doc, unloaded *[]string) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			p.errorf(diag.Pos{Path: dir}, "%s", sitefs.Why(err))
		}
		return
	}
	decode := func(name string, data []byte, diags *diag.List) any {
		return decodeDoc(name, data, frontKeys, diags)
	}
	for _, e := range entries {
		name := path.Join(dir, e.Name())
		id, isMD := strings.CutSuffix(e.Name(), ".md")
		if e.IsDir() && what == "role" && guideIn(fsys, name) != "" {
			if why := idProblem(what, e.Name(), reserved); why != "" {
				p.errorf(diag.Pos{Path: name}, "%s", why)
				continue
			}
			if slices.ContainsFunc(entries, func(f fs.DirEntry) bool { return f.Name() == e.Name()+".md" }) {
				p.errorf(diag.Pos{Path: name}, "role %q has two guides, %s.md and the folder %s/: keep one", e.Name(), name, name)
				continue
			}
			readGuideFolder(fsys, p, name, e.Name(), frontKeys, docs, unloaded)
			continue
		}
		if e.IsDir() || !isMD {
			if why := sitefs.Problem(e); why != "" {
				p.errorf(diag.Pos{Path: name}, "%s", why)
			} else {
				msg := fmt.Sprintf("ignored: %s/ holds only <id>.md files", dir)
				if e.IsDir() && what == "role" {
					msg = fmt.Sprintf("ignored: %s/ holds no index.md or README.md, so it is not a guide", name)
				}
				p.warnf(diag.Pos{Path: name}, diag.IgnoredFile, "%s", msg)
			}
			continue
		}
		if why := idProblem(what, id, reserved); why != "" {
			p.errorf(diag.Pos{Path: name}, "%s", why)
			continue
		}
		p.file(name, decode, func(v any) {
			if d, _ := v.(*Doc); d != nil {
				*docs = append(*docs, d)
			} else {
				*unloaded = append(*unloaded, name)
			}
		})
	}
}

// idProblem says what is wrong with the id of a guide or page, taken
// from its file or folder name; "" when nothing is.
func idProblem(what, id string, reserved []string) string {
	switch {
	case len(id) > handbook.MaxIDLength:
		return tooLong(what, id)
	case !dateexpr.IsID(id):
		return fmt.Sprintf("%s id %q (from the file name) must be lower-case letters, digits and '-'", what, id)
	case slices.Contains(reserved, id) && !(what == "page" && id == "index"):
		return fmt.Sprintf("%s id %q is reserved: the site already has a page there", what, id)
	}
	return ""
}

// guideIn returns the guide of a guide folder, dir/index.md or
// dir/README.md, or "" when it has neither.
func guideIn(fsys fs.FS, dir string) string {
	for _, name := range []string{"index.md", "README.md"} {
		if info, err := fs.Stat(fsys, dir+"/"+name); err == nil && !info.IsDir() {
			return dir + "/" + name
		}
	}
	return ""
}

// readGuideFolder plans the reading of a guide folder, roles/<id>/: its
// guide (index.md or README.md), its other markdown files, published as
// pages beside the guide, and its other files (images), published as
// they are. Their names become addresses, so they are held to letters,
// digits, '.', '_' and '-'; two files that would be published at the
// same address are an error.
func readGuideFolder(fsys fs.FS, p *plan, dir, id string, frontKeys []string, docs *[]*Doc, unloaded *[]string) {
	names, problems := sitefs.Files(fsys, dir)
	for _, d := range problems {
		p.steps = append(p.steps, step{diag: d})
	}
	guide := guideIn(fsys, dir)
	if guide == dir+"/index.md" && slices.Contains(names, dir+"/README.md") {
		p.errorf(diag.Pos{Path: dir + "/README.md"}, "%s/ holds both index.md and README.md: the guide is index.md; rename or remove README.md", dir)
		return
	}
	var folder *Doc
	var files []string
	decode := func(name string, data []byte, diags *diag.List) any {
		return decodeDoc(name, data, frontKeys, diags)
	}
	p.file(guide, decode, func(v any) {
		d, _ := v.(*Doc)
		if d == nil {
			*unloaded = append(*unloaded, guide, dir+".md")
			return
		}
		// The decoded value may be kept for the next build: the guide is
		// a copy of it.
		c := *d
		// files is complete by the time the files are read.
		c.ID, c.Folder, c.Pages, c.Files = id, dir, nil, files
		folder = &c
		*docs = append(*docs, folder)
	})
	pageKeys := []string{"title", "summary", "allow", "source_url"}
	decodePage := func(name string, data []byte, diags *diag.List) any {
		return decodeDoc(name, data, pageKeys, diags)
	}
	published := map[string]string{"index.html": guide} // address in the folder → file
	for _, name := range names {
		rel := strings.TrimPrefix(name, dir+"/")
		if name == guide || strings.HasPrefix(rel, ".") || strings.Contains(rel, "/.") {
			continue // the guide; hidden files (.DS_Store), never published
		}
		if why := publishedNameProblem(rel); why != "" {
			p.errorf(diag.Pos{Path: name}, "%s", why)
			continue
		}
		out, isMD := rel, strings.HasSuffix(rel, ".md")
		if isMD {
			out = guidePageDir(strings.TrimSuffix(rel, ".md")) + "index.html"
		}
		if other, taken := published[out]; taken {
			p.errorf(diag.Pos{Path: name}, "%s and %s would both be published as /%s/%s: rename one", other, name, dir, strings.TrimSuffix(out, "index.html"))
			continue
		}
		published[out] = name
		if !isMD {
			files = append(files, name)
			continue
		}
		p.file(name, decodePage, func(v any) {
			d, _ := v.(*Doc)
			if d == nil || folder == nil {
				return
			}
			c := *d
			c.ID = strings.TrimSuffix(rel, ".md")
			folder.Pages = append(folder.Pages, &c)
		})
	}
}

// GuidePagePath is the folder, under its guide's, that a guide folder's
// page of the given ID (its path without ".md") is published in:
// "setup" → "setup/", "notes/README" → "notes/", "index" → "".
func GuidePagePath(id string) string { return guidePageDir(id) }

func guidePageDir(id string) string {
	dir, base := path.Split(id)
	if base == "README" || base == "index" {
		return dir
	}
	return id + "/"
}

// publishedNameProblem says why a file of a guide folder, at path rel in
// it, cannot be published under that name; "" when it can.
func publishedNameProblem(rel string) string {
	for _, seg := range strings.Split(rel, "/") {
		if seg == "" || strings.ContainsFunc(seg, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-')
		}) {
			return fmt.Sprintf("%q cannot be published from a guide folder: each part of its path must be letters, digits, '.', '_' and '-'", rel)
		}
	}
	return ""
}

// decodeDoc splits a markdown file into TOML front matter between "+++"
// lines and its body, and reads the front matter's keys. Its id is its
// file name's.
func decodeDoc(name string, data []byte, frontKeys []string, diags *diag.List) *Doc {
	text, ok := checkText(name, data, diags)
	if !ok {
		return nil
	}
	d := &Doc{ID: strings.TrimSuffix(path.Base(name), ".md"), Path: name, Body: text, BodyLine: 1}
	front, body, bodyLine, err := SplitFrontMatter(text)
	if err != nil {
		var ferr *FrontMatterError
		errors.As(err, &ferr)
		diags.Errorf(diag.Pos{Path: name, Line: ferr.Line, Col: 1}, "%s", ferr.Msg)
		return nil
	}
	d.Body, d.BodyLine = body, bodyLine
	if front == "" {
		return d
	}
	m := map[string]any{}
	// Front matter begins on line 2, after the opening "+++".
	if d, ok := decodeTOML(name, front, 1, &m); !ok {
		d.Message = "front matter: " + d.Message
		diags.Add(d)
		return nil
	}
	f := &tomlFile{path: name, src: front, pos: scanPositions(front), diags: diags, lineOffset: 1}
	t := f.root(m)
	for _, k := range frontKeys {
		switch k {
		case "title":
			d.Title = t.str(k)
		case "summary":
			d.Summary = t.str(k)
		case "order":
			d.Order = t.integer(k)
		case "commitment":
			d.Commitment = t.str(k)
		case "allow":
			d.Allow = t.allow()
		case "source_url":
			d.SourceURL = t.str(k)
		case "tasks":
			d.Tasks = taskMode(t, k, diags)
		case "former_ids":
			d.FormerIDs = t.strs(k)
		}
	}
	t.done()
	return d
}

// TaskModes are the values of a guide's `tasks`: which list items are its
// tasks.
var TaskModes = []string{"checkboxes", "lists"}

// taskMode reads a guide's `tasks`, which must be one of TaskModes.
func taskMode(t *table, key string, diags *diag.List) Field[string] {
	f := t.str(key)
	if !f.Set || slices.Contains(TaskModes, f.V) {
		return f
	}
	msg := fmt.Sprintf(`tasks must be "checkboxes" (only "- [ ]" items are tasks) or "lists" (every list item under a dated heading is), not %q`, f.V)
	if s := diag.Closest(strings.ToLower(strings.TrimSpace(f.V)), TaskModes); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	diags.Errorf(f.Pos, "%s", msg)
	return Field[string]{Pos: f.Pos, Bad: true}
}

// FrontMatterError is a problem with the "+++" fences, at a line.
type FrontMatterError struct {
	Line int
	Msg  string
}

func (e *FrontMatterError) Error() string { return e.Msg }

// SplitFrontMatter separates TOML front matter fenced by "+++" lines from
// the markdown after it. A file that does not start with "+++" has no
// front matter. bodyLine is the line on which the body starts.
func SplitFrontMatter(text string) (front, body string, bodyLine int, err error) {
	first, rest, _ := strings.Cut(text, "\n")
	if strings.TrimRight(first, " \t\r") != "+++" {
		if strings.HasPrefix(first, "---") {
			return "", text, 1, &FrontMatterError{1, "front matter is TOML between +++ lines, not YAML between ---"}
		}
		return "", text, 1, nil
	}
	line := 2
	var b strings.Builder
	for rest != "" {
		l, next, _ := strings.Cut(rest, "\n")
		if strings.TrimRight(l, " \t\r") == "+++" {
			return b.String(), next, line + 1, nil
		}
		b.WriteString(l)
		b.WriteByte('\n')
		rest = next
		line++
	}
	return "", text, 1, &FrontMatterError{1, "the front matter that starts here never ends: close it with a line of +++"}
}

func readGlossary(fsys fs.FS, p *plan, src *Source) {
	const name = "glossary.toml"
	if _, err := fs.Stat(fsys, name); errors.Is(err, fs.ErrNotExist) {
		return
	}
	p.file(name, decodeGlossary, func(v any) {
		src.Terms, _ = v.([]*Term)
	})
}

func decodeGlossary(name string, data []byte, diags *diag.List) any {
	f, m := readTOML(name, data, diags)
	if f == nil {
		return nil
	}
	root := f.root(m)
	var terms []*Term
	for _, t := range root.subtables("term") {
		if !checkID(t, "term") {
			continue
		}
		term := &Term{ID: t.id(), Pos: t.pos()}
		term.Name = t.str("name")
		term.Expansion = t.str("expansion")
		term.Definition = t.str("definition")
		term.Aliases = t.strs("aliases")
		term.See = t.strs("see")
		if !term.Name.Set {
			diags.Errorf(term.Pos, "term %q needs a name: how the term is written", term.ID)
		}
		t.done()
		terms = append(terms, term)
	}
	root.done()
	return terms
}
