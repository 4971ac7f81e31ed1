// Package render is the third stage of a build: it turns a resolved
// handbook into the files of the published site, as values. It writes
// nothing to disk and reads nothing but the theme it is given, so the same
// handbook and theme always give byte-identical output.
//
// [NewPlan] lists the files of the site and [Plan.Render] makes them: an
// [Output], a map from slash paths under the output folder to file
// contents (SPEC §4):
//
//	index.html                      the dashboard: current release and its
//	                                phase, countdown to the next key
//	                                deadline, what each role has due this
//	                                week, next key dates, releases, feeds
//	releases/index.html             every release, newest first, with key dates
//	releases/<id>/index.html        one release's schedule, with its
//	                                timeline drawn as an SVG chart
//	releases/<id>/<role>/index.html a role's dated checklist in that release:
//	                                its guide with that release's dates
//	releases/<id>/<role>/agenda/    the same tasks by the day they are due
//	releases/<id>/schedule.json     that schedule, for bots
//	releases/<id>/due.json          what each role has due when, for the
//	                                dashboard read in a later week
//	patches/index.html              the upcoming patch releases of every
//	                                supported release (when any has one)
//	releases.json                   every release in endoflife.date's shape
//	roles/index.html                every role
//	roles/<role>/index.html         a role's guide
//	roles/<role>/<page>/index.html  a page of a guide folder (roles/<role>/<page>.md)
//	feeds/index.html                every calendar feed, grouped, and changes.xml
//	print/<role>/index.html         the onboarding packet: guide, current
//	                                dated checklist and glossary, to print
//	glossary/index.html             every term
//	<slug>/index.html               a free page
//	schedule.json                   every release's schedule
//	search.json                     the index the search box reads
//	sitemap.xml                     every page's absolute address
//	404.html                        the page a host shows for a missing one
//	static/...                      the theme's static/ files
//
// Package calendar writes the feeds, the Atom one (changes.xml) included.
//
// Pages come from the theme's html/template files: base.html (the layout,
// defining "base"), partials.html, and one file per kind of page defining
// "main" — index, releases, release, checklist, roles, role, print,
// glossary, page and 404 (see package themes). There is one way to make
// a page: execute "base" with the page's value. Each kind of page has its
// file, named after its template, with the struct its template sees and
// the builder method that makes it: dashboard.go (index.html),
// releases.go, release.go, checklist.go, roles.go, role.go, print.go,
// glossary.go, page.go and notfound.go (404.html); layout.go is what every
// page has (base.html); docs/themes.md lists every field. What every page
// has: Site (Title, Description, Language, BaseURL), Title, Description,
// Root (the way back to the site root, "./" or "../../", put in front of
// site paths such as "static/style.css"; base_url itself on 404.html,
// which a host serves at any depth), Path, URL (absolute, for
// rel=canonical and Open Graph), Nav (the top bar: the current release, Releases, Roles,
// Glossary, free pages — never every release), Crumbs (breadcrumbs, the
// page itself last), OG, AsOf (the date the build was made for, on pages
// that depend on it) and SearchURL.
//
// URLs in these values are already relative to the page, so the output
// works under any sub-path of base_url; the exceptions are absolute on
// purpose: feeds, Open Graph, the sitemap, 404.html and the links of the
// onboarding packet, which is read on paper. Every date has a Text and a
// DateTime and is written <time datetime="{{.DateTime}}">{{.Text}}</time>
// (the "time" partial does it): DateTime is a YYYY-MM-DD date, or the UTC
// instant (RFC 3339) of a timed deadline. Inline date references in
// markdown (`{{code-freeze}}`) resolve against the release the text
// belongs to and come out as <time> elements too. Markdown fields
// (summaries, descriptions, guides) are HTML made by the markdown package,
// their headings moved down so that each page keeps one h1 and its
// headings in order; every other string is the author's text, which
// html/template escapes.
//
// What depends on the reader — their time zone, today by their clock,
// ticks, search — is left to the theme's script, which only adds to pages
// that are complete without it.
//
// # Components
//
// Some values print themselves: a date ({{.Due.HTML}}, moment.go), a
// checklist's task groups and task lists ({{.Groups.HTML}}, a group's
// {{.HTML}}, {{.Undated.HTML}}, and on paper PrintHTML; tasklist.go), the
// glossary's entries ({{.Terms.HTML}}, glossary.go), a release's timeline
// chart ({{.Chart.HTML}}, chart.go) and every page's top bar and
// breadcrumbs ({{.Nav.HTML}}, {{.Crumbs.HTML}}, layout.go). They are the
// only markup written in Go: what a large handbook has by the thousand, which through
// html/template would be most of a build. Every theme gets them, so a
// theme that overrides any template keeps the speed; one that wants
// other markup writes it from the same values' fields.
//
// # Speed
//
// A large handbook has a thousand dated checklists, and they are most of
// a build. Pages are rendered on every core (see Plan.Render), the files
// made from the whole handbook first (see Plan.renderOrder); what every
// page of a kind shares is worked out once, in shared (date references
// per release, glossary terms, where a guide's links lead, the release
// summaries that pages outside releases/ list; all markdown comes parsed
// once, on the handbook's values); dates are written once each (see
// dateMoment); and a guide's markdown is rendered once and only filled in
// per checklist (see the markdown package). The output does not
// depend on any of it: the benchmarks in bench_test.go and cmd/benchgen
// measure it.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"strings"
	"sync"

	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/internal/parallel"
)

// Output is a rendered site: slash paths relative to the output folder
// ("releases/v3.4/index.html") and their bytes.
type Output map[string][]byte

// Plan is a site ready to render: the name of every file of the output and
// how to make it. The live preview renders the pages a reader looks at
// first, one by one ([Plan.File]), and the rest afterwards ([Plan.Render]);
// either way each file is rendered once, and its bytes are the same as in
// a whole build. A Plan is safe for use by several goroutines.
type Plan struct {
	h      *handbook.Handbook
	shared *shared
	files  []file
	index  map[string]int // files by name
	made   []made
	// static are the theme's static files; they go over the pages, as
	// they always have (404.html, made after them, excepted).
	static    Output
	staticErr error
	// theme and css make 404.html again for another root (NotFoundAt).
	theme *theme
	css   []byte
}

// made is one file's bytes or error, made once.
type made struct {
	once sync.Once
	data []byte
	err  error
}

// NewPlan reads the theme and lists the files of the site; it renders
// nothing yet.
func NewPlan(h *handbook.Handbook, theme fs.FS) (*Plan, error) {
	t, err := loadTheme(theme)
	if err != nil {
		return nil, err
	}
	static := Output{}
	staticErr := copyStatic(static, theme)
	shared := newShared(h)
	var files []file
	page := func(kind, dir string, data func(b *builder) any) {
		wide := kind == "index" || kind == "releases" || kind == "print" || kind == "glossary"
		files = append(files, file{name: dir + "index.html", make: func(b *builder) ([]byte, error) { return t.render(kind, data(b)) }, wide: wide})
	}
	page("index", "", func(b *builder) any { return b.dashboard(b.page("", h.Current)) })
	page("releases", "releases/", func(b *builder) any { return b.releaseList(b.page("releases/", nil)) })
	if hasPatches(h) {
		page("patches", patchesPath, func(b *builder) any { return b.patchesPage(b.page(patchesPath, nil)) })
	}
	for _, r := range h.Releases {
		dir := releasePath(r)
		files = append(files, file{name: dir + "index.html", make: func(b *builder) ([]byte, error) {
			v, err := b.releasePage(b.page(dir, r), r)
			if err != nil {
				return nil, err
			}
			return t.render("release", v)
		}})
		for _, c := range r.Checklists {
			dir := checklistPath(r, c.Role.ID)
			files = append(files, file{name: dir + "index.html", make: func(b *builder) ([]byte, error) {
				return t.render("checklist", b.checklistPage(b.page(dir, r), c, false))
			}})
			adir := agendaPath(r, c.Role.ID)
			files = append(files, file{name: adir + "index.html", make: func(b *builder) ([]byte, error) {
				return t.render("checklist", b.checklistPage(b.page(adir, r), c, true))
			}})
		}
		files = append(files, file{name: dir + "schedule.json", make: func(*builder) ([]byte, error) {
			j := releaseSchedule(h, r)
			j.Version = scheduleVersion
			return encodeJSON(j)
		}})
		if len(r.Checklists) > 0 {
			files = append(files, file{name: dueJSONPath(r), make: func(b *builder) ([]byte, error) { return encodeJSON(b.dueJSON(r)) }})
		}
	}
	page("roles", "roles/", func(b *builder) any { return b.rolesPage(b.page("roles/", h.Current)) })
	page("feeds", feedsPath, func(b *builder) any { return b.feedsPage(b.page(feedsPath, nil)) })
	for _, role := range h.Roles {
		if role.HasGuide() {
			dir := rolePath(role.ID)
			page("role", dir, func(b *builder) any { return b.rolePage(b.page(dir, h.Current), role) })
			pdir := printPath(role.ID)
			page("print", pdir, func(b *builder) any { return b.printPage(b.page(pdir, h.Current), role) })
			for _, pg := range role.Pages {
				dir := guidePagePath(role, pg)
				page("page", dir, func(b *builder) any { return b.guidePage(b.page(dir, h.Current), role, pg) })
			}
		}
	}
	files = append(files, movedPages(h)...)
	if len(h.Terms) > 0 {
		page("glossary", "glossary/", func(b *builder) any { return b.glossaryPage(b.page("glossary/", h.Current)) })
	}
	for _, pg := range h.Pages {
		if pg.Slug != "index" {
			dir := pg.Slug + "/"
			page("page", dir, func(b *builder) any { return b.freePage(b.page(dir, h.Current), pg) })
		}
	}
	files = append(files,
		file{name: "schedule.json", make: func(*builder) ([]byte, error) { return encodeJSON(siteSchedule(h)) }, wide: true},
		file{name: "releases.json", make: func(*builder) ([]byte, error) { return encodeJSON(releasesJSON(h)) }},
		file{name: "search.json", make: func(b *builder) ([]byte, error) { return encodeJSON(b.searchIndex()) }, wide: true},
	)
	css := static["static/style.css"]
	files = append(files, file{name: notFoundPath, make: func(b *builder) ([]byte, error) { return t.render("404", b.notFound(css, h.BaseURL)) }})

	index := make(map[string]int, len(files))
	for i, f := range files {
		index[f.name] = i
	}
	plan := &Plan{h: h, shared: shared, files: files, index: index, made: make([]made, len(files)), static: static, staticErr: staticErr, theme: t, css: css}
	shared.sources.has = plan.Has
	return plan, nil
}

// NotFoundAt renders 404.html for the site served at root rather than at
// base_url: the live preview's own page for a missing address, whose
// links must lead around the preview, not to the published site.
func (p *Plan) NotFoundAt(root string) ([]byte, error) {
	b := &builder{h: p.h, shared: p.shared}
	data, err := p.theme.render("404", b.notFound(p.css, root))
	if err == nil {
		err = b.err
	}
	return data, err
}

// AlsoServes tells the plan of files that are part of the site without
// being its own (the site's static/ folder): a link to one from a
// document with a source_url is a link into the site. Call it before
// anything renders.
func (p *Plan) AlsoServes(has func(name string) bool) {
	p.shared.sources.has = func(name string) bool { return p.Has(name) || has(name) }
}

// make renders file i, once.
func (p *Plan) make(i int) ([]byte, error) {
	m := &p.made[i]
	m.once.Do(func() {
		// A builder per file: it remembers the file's first markdown
		// error, and shares only what is safe to share.
		b := &builder{h: p.h, shared: p.shared}
		m.data, m.err = p.files[i].make(b)
		if m.err == nil {
			m.err = b.err
		}
	})
	return m.data, m.err
}

// File renders one file of the output, as [Plan.Render] would have it;
// found is false for a name that is not in the output.
func (p *Plan) File(name string) (data []byte, found bool, err error) {
	if name == "sitemap.xml" {
		return sitemap(p.h.BaseURL, p.indexed()), true, nil
	}
	if b, ok := p.static[name]; ok && name != notFoundPath {
		return b, true, p.staticErr
	}
	i, ok := p.index[name]
	if !ok {
		return nil, false, nil
	}
	data, err = p.make(i)
	if err == nil && name == notFoundPath {
		err = p.staticErr
	}
	return data, true, err
}

// Has reports whether name is a file of the output, rendering nothing.
func (p *Plan) Has(name string) bool {
	_, page := p.index[name]
	_, static := p.static[name]
	return page || static || name == "sitemap.xml"
}

// names is every name of the output but the sitemap's, as a set.
func (p *Plan) names() map[string]bool {
	names := make(map[string]bool, len(p.files)+len(p.static))
	for _, f := range p.files {
		names[f.name] = true
	}
	for name := range p.static {
		names[name] = true
	}
	return names
}

// indexed are the names of the files a sitemap lists: names, less the
// pages that moved.
func (p *Plan) indexed() map[string]bool {
	names := p.names()
	for _, f := range p.files {
		if f.moved {
			delete(names, f.name)
		}
	}
	return names
}

// Render renders every file not rendered yet, on every core, and returns
// the whole output.
func (p *Plan) Render() (Output, error) {
	order := p.renderOrder()
	parallel.For(len(order), func(k int) { p.make(order[k]) })
	out := make(Output, len(p.files)+len(p.static)+1)
	for i, f := range p.files {
		data, err := p.make(i)
		if err != nil {
			return nil, err
		}
		if f.name == notFoundPath {
			if p.staticErr != nil {
				return nil, p.staticErr
			}
			maps.Copy(out, p.static)
		}
		out[f.name] = data
	}
	out["sitemap.xml"] = sitemap(p.h.BaseURL, p.indexed())
	return out, nil
}

// renderOrder is the order Render starts making the files in: the files
// made from the whole handbook first, as they are the slowest to make
// (search.json alone takes as long as a hundred checklist pages). Were
// one of them the last file left, the other cores would wait for it.
func (p *Plan) renderOrder() []int {
	order := make([]int, 0, len(p.files))
	for _, wide := range []bool{true, false} {
		for i, f := range p.files {
			if f.wide == wide {
				order = append(order, i)
			}
		}
	}
	return order
}

// file is one file of the output and how to make it.
type file struct {
	name string
	make func(b *builder) ([]byte, error)
	// wide is set for a file made from the whole handbook rather than
	// from one release or role: the search index, the site's schedule,
	// the glossary, the onboarding packets, the release list and the
	// home page.
	wide bool
	// moved is set for a page at an address that moved (see
	// movedPages), which the sitemap leaves out.
	moved bool
}

// theme is the parsed templates: one template set per kind of page, each
// holding the shared layout and partials and the page's own template.
type theme struct {
	pages map[string]*template.Template
}

// pageKinds are the page templates a theme must have.
var pageKinds = []string{"index", "releases", "release", "patches", "roles", "role", "checklist", "feeds", "glossary", "page", "print", "404"}

func loadTheme(fsys fs.FS) (*theme, error) {
	shared := template.New("").Funcs(funcs)
	for _, name := range []string{"base.html", "partials.html"} {
		if err := parseTemplate(shared, fsys, name); err != nil {
			return nil, err
		}
	}
	if shared.Lookup("base") == nil {
		return nil, fmt.Errorf("theme: templates/base.html must define a template named \"base\"")
	}
	t := &theme{pages: map[string]*template.Template{}}
	for _, kind := range pageKinds {
		set, err := shared.Clone()
		if err != nil {
			return nil, err
		}
		if err := parseTemplate(set, fsys, kind+".html"); err != nil {
			return nil, err
		}
		t.pages[kind] = set
	}
	return t, nil
}

func parseTemplate(set *template.Template, fsys fs.FS, name string) error {
	src, err := fs.ReadFile(fsys, "templates/"+name)
	if err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	if _, err := set.New(name).Parse(string(src)); err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	return nil
}

// funcs are the template functions a theme may use, beyond html/template's.
var funcs = template.FuncMap{
	"join": strings.Join,
	"list": func(xs ...any) []any { return xs },
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict needs key and value pairs")
		}
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict keys are strings")
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}

// render executes the page template of kind with data.
func (t *theme) render(kind string, data any) ([]byte, error) {
	// Pages are written into a buffer that has grown to the size of a
	// large page already, then copied out at their exact size: one
	// allocation per page rather than one per doubling.
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer pageBuffers.Put(buf)
	buf.Reset()
	if err := t.pages[kind].ExecuteTemplate(buf, "base", data); err != nil {
		return nil, fmt.Errorf("theme: %s.html: %w", kind, err)
	}
	return bytes.Clone(buf.Bytes()), nil
}

var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// copyStatic copies the theme's static/ folder to the output's.
func copyStatic(out Output, theme fs.FS) error {
	if _, err := fs.Stat(theme, "static"); err != nil {
		return nil // a theme without static files is fine
	}
	return fs.WalkDir(theme, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(theme, name)
		if err != nil {
			return fmt.Errorf("theme: %w", err)
		}
		out[path.Clean(name)] = b
		return nil
	})
}
