// Package render is the third stage of a build: it turns a resolved
// handbook into the files of the published site, as values. It writes
// nothing to disk and reads nothing but the theme it is given, so the same
// handbook and theme always give byte-identical output.
//
// [Site] returns an [Output], a map from slash paths under the output folder
// to file contents (SPEC §4):
//
//	index.html                      the dashboard: current release and its
//	                                phase, countdown to the next key
//	                                deadline, what each role has due this
//	                                week, next key dates, releases, feeds
//	releases/index.html             every release, newest first, with key dates
//	releases/<id>/index.html        one release's schedule, with its
//	                                timeline drawn as an SVG chart
//	releases/<id>/<role>/index.html a role's dated checklist in that release
//	releases/<id>/schedule.json     that schedule, for bots
//	roles/index.html                every role
//	roles/<role>/index.html         a role's guide
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
// [Changes] writes changes.xml; package calendar writes the feeds.
//
// Pages come from the theme's html/template files: base.html (the layout,
// defining "base"), partials.html, and one file per kind of page defining
// "main" — index, releases, release, checklist, roles, role, print,
// glossary, page and 404 (see package themes). Each executes "base" with
// the page's value, the structs in views.go, guides.go, print.go and
// chart.go; docs/themes.md lists every field. What every page has:
// Site (Title, Description, Language, BaseURL), Title, Description, Root
// (the way back to the site root, "./" or "../../", put in front of site
// paths such as "static/style.css"; base_url itself on 404.html, which a
// host serves at any depth), Path, URL (absolute, for rel=canonical and
// Open Graph), Nav (the top bar: the current release, Releases, Roles,
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
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"

	"github.com/relbook/relbook/generator/handbook"
)

// Output is a rendered site: slash paths relative to the output folder
// ("releases/v3.4/index.html") and their bytes.
type Output map[string][]byte

// Site renders every page, the JSON schedules and the theme's static files.
// It reads templates and static files only from theme.
func Site(h *handbook.Handbook, theme fs.FS) (Output, error) {
	t, err := loadTheme(theme)
	if err != nil {
		return nil, err
	}
	out := Output{}
	b := &builder{h: h}
	if err := t.execute(out, "index", "", b.dashboard(b.page("", h.Current))); err != nil {
		return nil, err
	}
	if err := t.execute(out, "releases", "releases/", b.releaseList(b.page("releases/", nil))); err != nil {
		return nil, err
	}
	for _, r := range h.Releases {
		dir := releasePath(r)
		data, err := b.releasePage(b.page(dir, r), r)
		if err != nil {
			return nil, err
		}
		if err := t.execute(out, "release", dir, data); err != nil {
			return nil, err
		}
		for _, c := range r.Checklists {
			dir := checklistPath(r, c.Role.ID)
			if err := t.execute(out, "checklist", dir, b.checklistPage(b.page(dir, r), c)); err != nil {
				return nil, err
			}
		}
		if out[dir+"schedule.json"], err = encodeJSON(releaseSchedule(h, r)); err != nil {
			return nil, err
		}
	}
	if err := t.execute(out, "roles", "roles/", b.rolesPage(b.page("roles/", h.Current))); err != nil {
		return nil, err
	}
	for _, role := range h.Roles {
		if role.HasGuide() {
			dir := rolePath(role.ID)
			if err := t.execute(out, "role", dir, b.rolePage(b.page(dir, h.Current), role)); err != nil {
				return nil, err
			}
			dir = printPath(role.ID)
			if err := t.execute(out, "print", dir, b.printPage(b.page(dir, h.Current), role)); err != nil {
				return nil, err
			}
		}
	}
	if len(h.Terms) > 0 {
		if err := t.execute(out, "glossary", "glossary/", b.glossaryPage(b.page("glossary/", h.Current))); err != nil {
			return nil, err
		}
	}
	for _, pg := range h.Pages {
		if pg.Slug != "index" {
			dir := pg.Slug + "/"
			if err := t.execute(out, "page", dir, b.freePage(b.page(dir, h.Current), pg)); err != nil {
				return nil, err
			}
		}
	}
	if b.err != nil {
		return nil, b.err
	}
	if out["schedule.json"], err = encodeJSON(siteSchedule(h)); err != nil {
		return nil, err
	}
	if out["search.json"], err = encodeJSON(b.searchIndex()); err != nil {
		return nil, err
	}
	if err := copyStatic(out, theme); err != nil {
		return nil, err
	}
	if err := t.executeFile(out, "404", notFoundPath, b.notFound(out["static/style.css"])); err != nil {
		return nil, err
	}
	out["sitemap.xml"] = sitemap(h.BaseURL, out)
	return out, nil
}

// releasePath is the folder of a release's pages. Release ids are checked
// by the load stage ([A-Za-z0-9.-], no ".."), so they are safe as a path
// segment and in a URL.
func releasePath(r *handbook.Release) string { return "releases/" + r.ID + "/" }

// theme is the parsed templates: one template set per kind of page, each
// holding the shared layout and partials and the page's own template.
type theme struct {
	pages map[string]*template.Template
}

// pageKinds are the page templates a theme must have.
var pageKinds = []string{"index", "releases", "release", "roles", "role", "checklist", "glossary", "page", "print", "404"}

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

// execute renders one page into out at dir + "index.html".
func (t *theme) execute(out Output, kind, dir string, data any) error {
	return t.executeFile(out, kind, dir+"index.html", data)
}

// executeFile renders one page into out at name.
func (t *theme) executeFile(out Output, kind, name string, data any) error {
	var buf bytes.Buffer
	if err := t.pages[kind].ExecuteTemplate(&buf, "base", data); err != nil {
		return fmt.Errorf("theme: %s.html: %w", kind, err)
	}
	out[name] = buf.Bytes()
	return nil
}

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
