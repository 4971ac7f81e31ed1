package check

import (
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/relbook/relbook/generator/diag"
)

// SourceOf maps an output page to the site-folder file an author edits to
// fix it, by relbook's URL conventions (SPEC §4):
//
//	index.html                        pages/index.md if sources has it, else handbook.toml
//	releases/index.html               handbook.toml
//	releases/<id>/index.html          releases/<id>.toml
//	releases/<id>/<role>/index.html   roles/<role>.md (or its folder's guide)
//	releases/<id>/<role>/agenda/...   roles/<role>.md (or its folder's guide)
//	roles/index.html                  handbook.toml
//	roles/<role>/index.html           roles/<role>.md, roles/<role>/index.md or README.md
//	roles/<role>/<page>/index.html    roles/<role>/<page>.md (or <page>/README.md, index.md)
//	print/<role>/index.html           roles/<role>.md (or its folder's guide)
//	glossary/index.html               glossary.toml
//	<slug>/index.html                 pages/<slug>.md
//
// Anything else (feeds, schedule.json, 404.html, theme files) maps to "".
// sources is the set of files in the site folder, slash-separated and
// relative to it; it picks between candidates and may be nil.
//
// The mapping names the file that generates the page, which is where most
// problems start; a broken link that a theme template writes on every page
// still maps to each page's own source.
func SourceOf(page string, sources map[string]bool) string {
	dir, ok := strings.CutSuffix(page, "/index.html")
	if !ok {
		if page == "index.html" {
			if sources["pages/index.md"] {
				return "pages/index.md"
			}
			return "handbook.toml"
		}
		return ""
	}
	seg := strings.Split(dir, "/")
	if slices.Contains(seg, "") {
		return ""
	}
	// A role's guide may be a folder, roles/<role>/ with an index.md or
	// a README.md, and its other markdown files pages under it.
	guide := func(role string) string {
		for _, name := range []string{"roles/" + role + "/index.md", "roles/" + role + "/README.md"} {
			if sources[name] {
				return name
			}
		}
		return "roles/" + role + ".md"
	}
	if len(seg) >= 3 && seg[0] == "roles" {
		rest := "roles/" + strings.Join(seg[1:], "/")
		for _, name := range []string{rest + ".md", rest + "/README.md", rest + "/index.md"} {
			if sources[name] {
				return name
			}
		}
		return rest + ".md"
	}
	switch len(seg) {
	case 1:
		switch seg[0] {
		case "releases", "roles":
			return "handbook.toml"
		case "glossary":
			return "glossary.toml"
		}
		return "pages/" + seg[0] + ".md"
	case 2:
		switch seg[0] {
		case "releases":
			return "releases/" + seg[1] + ".toml"
		case "roles", "print":
			return guide(seg[1])
		}
	case 3:
		if seg[0] == "releases" {
			return guide(seg[2])
		}
	case 4:
		if seg[0] == "releases" && seg[3] == "agenda" {
			return guide(seg[2])
		}
	}
	return ""
}

// TemplateOf names the template of a theme that lays out the output page
// (see package render), by the same conventions as SourceOf:
//
//	index.html                        index.html
//	404.html                          404.html
//	releases/index.html               releases.html
//	releases/<id>/index.html          release.html
//	releases/<id>/<role>/index.html   checklist.html
//	releases/<id>/<role>/agenda/...   checklist.html
//	roles/index.html                  roles.html
//	roles/<role>/index.html           role.html
//	print/<role>/index.html           print.html
//	glossary/index.html               glossary.html
//	<slug>/index.html                 page.html
//
// Anything else maps to "". Every page also uses base.html and
// partials.html.
func TemplateOf(page string) string {
	switch page {
	case "index.html", "404.html":
		return page
	}
	source := SourceOf(page, nil)
	switch {
	case source == "":
		return ""
	case source == "handbook.toml":
		return strings.TrimSuffix(page, "/index.html") + ".html" // releases.html, roles.html
	case source == "glossary.toml":
		return "glossary.html"
	case strings.HasPrefix(page, "releases/"):
		if strings.HasPrefix(source, "roles/") {
			return "checklist.html"
		}
		return "release.html"
	case strings.HasPrefix(page, "roles/"):
		return "role.html"
	case strings.HasPrefix(page, "print/"):
		return "print.html"
	}
	return "page.html"
}

// homeOf is the page that the text of a source file is written for, which
// its relative links count from: the inverse of SourceOf for the file's
// own page. Text shown on other pages as well (a guide's, on each of its
// checklists) has its links rewritten to lead to the same places.
func homeOf(source string) string {
	dir, file := path.Split(source)
	switch {
	case source == "handbook.toml" || source == "pages/index.md":
		return "index.html"
	case source == "glossary.toml":
		return "glossary/index.html"
	case dir == "releases/" && strings.HasSuffix(file, ".toml"):
		return "releases/" + strings.TrimSuffix(file, ".toml") + "/index.html"
	case dir == "roles/" && strings.HasSuffix(file, ".md"):
		return "roles/" + strings.TrimSuffix(file, ".md") + "/index.html"
	case strings.HasPrefix(dir, "roles/") && (file == "index.md" || file == "README.md"):
		return dir + "index.html"
	case strings.HasPrefix(dir, "roles/") && strings.HasSuffix(file, ".md"):
		return dir + strings.TrimSuffix(file, ".md") + "/index.html"
	case dir == "pages/" && strings.HasSuffix(file, ".md"):
		return strings.TrimSuffix(file, ".md") + "/index.html"
	}
	return ""
}

// Origins finds the place in the site folder where the author wrote what
// a problem of [Links] is about, for `relbook check` to report it there.
// It reads each file it looks into once; it is not safe for use by
// several goroutines.
type Origins struct {
	// WrittenAs, when set, says how a link of a page was written in the
	// markdown it comes from, when the page writes it otherwise (a
	// guide's link on a checklist); see render.Plan.WrittenAs.
	WrittenAs func(page, href string) (dest string, ok bool)

	site      fs.FS
	theme     string // the site's own folder of the theme: "themes/<name>/"
	texts     map[string]string
	templates []string // the site's own templates of the theme, sorted; nil until read
}

// NewOrigins returns the Origins of problems found in a site built from
// the site folder site with the theme named theme.
func NewOrigins(site fs.FS, theme string) *Origins {
	return &Origins{site: site, theme: "themes/" + theme + "/", texts: map[string]string{}}
}

// Pos returns the place to fix problem p at:
//
//   - in the file that made the page (SourceOf), where the link or the id
//     is written: as it stands on the page, percent-decoded ("café/" is on
//     the page as "caf%C3%A9/"), or, on a page that shows text written for
//     another page, as written there ("../nowhere/" in a guide is
//     "../../../roles/nowhere/" on its checklists);
//   - else in the site's own templates of the theme, the page's own
//     (TemplateOf) first, where the link is written, after {{.Root}} or
//     not, or the id;
//   - else at the top of the file that made the page, or, on a page that
//     only the theme makes (404.html), of its template.
//
// A link is found only where it stands whole, between the quotes,
// brackets or blanks that delimit a link, never inside a longer one
// ("gone/" in "nav-gone/"). A duplicate id is reported where it is
// written last: the place that a link to it cannot reach.
func (o *Origins) Pos(p Problem) diag.Pos {
	source := SourceOf(p.Page, o.candidates(p.Page))
	forms := o.written(p, source)
	if text, ok := o.text(source); ok {
		if pos, ok := locate(source, text, forms, p.ID != ""); ok {
			return pos
		}
	}
	template := TemplateOf(p.Page)
	if p.ID == "" {
		forms = fromRoot(forms)
	}
	for _, name := range o.themeTemplates(template) {
		text, _ := o.text(name)
		if pos, ok := locate(name, text, forms, p.ID != ""); ok {
			return pos
		}
	}
	if source != "" {
		return diag.Pos{Path: source, Line: 1, Col: 1}
	}
	if template == "" {
		return diag.Pos{Path: strings.TrimSuffix(o.theme, "/"), Line: 1, Col: 1}
	}
	return diag.Pos{Path: o.theme + "templates/" + template, Line: 1, Col: 1}
}

// written returns the ways an author may have written what p is about in
// source, the likeliest first.
func (o *Origins) written(p Problem, source string) []string {
	if p.ID != "" {
		// A heading's {#id} (or {.class #id}), an id attribute.
		return []string{"#" + p.ID + "}", "#" + p.ID + " ", `id="` + p.ID + `"`, `id='` + p.ID + `'`}
	}
	var forms []string
	if o.WrittenAs != nil {
		if dest, ok := o.WrittenAs(p.Page, p.Href); ok {
			forms = withDecoded(forms, dest)
		}
	}
	forms = withDecoded(forms, p.Href)
	home := homeOf(source)
	if home == "" || home == p.Page {
		return forms
	}
	r, target := resolve(p.Page, p.Href, nil)
	if r.kind != internal {
		return forms
	}
	rel := relativeHref(home, string(target))
	switch {
	case string(target) == home && r.hasFragment:
		rel = "" // "#anchor" of the home page itself
	case string(target) == home:
		rel = "./"
	}
	if r.hasFragment {
		rel += "#" + r.fragment
	}
	return withDecoded(forms, rel)
}

// withDecoded appends href and, when it differs, href percent-decoded.
func withDecoded(forms []string, href string) []string {
	forms = append(forms, href)
	if dec, ok := unescape(href); ok && dec != href {
		forms = append(forms, dec)
	}
	return forms
}

// fromRoot adds to each link the site path it names after the "../" and
// "./" that lead to the root: what a template writes after {{.Root}}.
func fromRoot(forms []string) []string {
	out := slices.Clone(forms)
	for _, f := range forms {
		rest := f
		for {
			if r, ok := strings.CutPrefix(rest, "../"); ok {
				rest = r
			} else if r, ok := strings.CutPrefix(rest, "./"); ok {
				rest = r
			} else {
				break
			}
		}
		if rest != f && rest != "" {
			out = append(out, rest)
		}
	}
	return out
}

// themeTemplates lists the site's own templates of the theme, first the
// one named first.
func (o *Origins) themeTemplates(first string) []string {
	if o.templates == nil {
		o.templates, _ = fs.Glob(o.site, o.theme+"templates/*.html")
		if o.templates == nil {
			o.templates = []string{}
		}
	}
	names := slices.Clone(o.templates)
	if i := slices.Index(names, o.theme+"templates/"+first); i > 0 {
		own := names[i]
		names = slices.Insert(slices.Delete(names, i, i+1), 0, own)
	}
	return names
}

// candidates are the files of the site folder that may have made the
// page (see SourceOf) and are there.
func (o *Origins) candidates(page string) map[string]bool {
	have := map[string]bool{}
	var names []string
	dir := strings.TrimSuffix(page, "/index.html")
	seg := strings.Split(dir, "/")
	switch {
	case page == "index.html":
		names = []string{"pages/index.md"}
	case len(seg) >= 3 && seg[0] == "roles":
		names = []string{dir + ".md", dir + "/README.md", dir + "/index.md"}
	case len(seg) >= 2:
		role := seg[len(seg)-1]
		if len(seg) == 4 && seg[0] == "releases" && seg[3] == "agenda" {
			role = seg[2] // a checklist's agenda
		}
		names = []string{"roles/" + role + "/index.md", "roles/" + role + "/README.md"}
	}
	for _, name := range names {
		have[name] = o.exists(name)
	}
	return have
}

func (o *Origins) exists(name string) bool {
	_, ok := o.text(name)
	return ok
}

// text returns the text of a file of the site folder, read once; ok is
// false when there is no such file.
func (o *Origins) text(name string) (string, bool) {
	if name == "" {
		return "", false
	}
	if text, ok := o.texts[name]; ok {
		return text, true
	}
	b, err := fs.ReadFile(o.site, name)
	if err != nil {
		return "", false
	}
	o.texts[name] = string(b)
	return string(b), true
}

// locate finds the first of forms that stands whole in text (see whole),
// and returns where it first does. With last, it returns the last place
// any form is written; forms of ids carry their own delimiters.
func locate(name, text string, forms []string, last bool) (diag.Pos, bool) {
	at := -1
	for _, f := range forms {
		switch {
		case f == "":
		case last:
			at = max(at, strings.LastIndex(text, f))
		case at < 0:
			at = whole(text, f)
		}
	}
	if at < 0 {
		return diag.Pos{}, false
	}
	before := text[:at]
	return diag.Pos{Path: name, Line: strings.Count(before, "\n") + 1, Col: at - strings.LastIndexByte(before, '\n')}, true
}

// whole returns the offset of the first place where link stands whole in
// text: after what opens a link in markdown, HTML or a template ("(",
// "<", a quote, "=", a blank, "}}") and before what closes it; -1 if
// none.
func whole(text, link string) int {
	for from := 0; ; {
		i := strings.Index(text[from:], link)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(link)
		if (i == 0 || strings.IndexByte("(<\"'= \t\n}", text[i-1]) >= 0) &&
			(end == len(text) || strings.IndexByte(")>\"' \t\r\n{", text[end]) >= 0) {
			return i
		}
		from = i + 1
	}
}
