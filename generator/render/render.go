// Package render is the third stage of a build: it turns a resolved
// handbook into the files of the published site, as values. It writes
// nothing to disk and reads nothing but the theme it is given, so the same
// handbook and theme always give byte-identical output.
//
// [Site] returns an [Output], a map from slash paths under the output folder
// to file contents:
//
//	index.html                      the dashboard: current release, phases
//	                                under way today, next key deadlines
//	releases/index.html             every release, newest first, with key dates
//	releases/<id>/index.html        one release's schedule
//	releases/<id>/schedule.json     that schedule, for bots
//	schedule.json                   every release's schedule
//	static/...                      the theme's static/ files
//
// Pages come from the theme's html/template files (see package themes).
// Each template executes "base" with a value whose fields it may use:
//
//   - every page: Site (Title, Description, Language, BaseURL), Title,
//     Description, Root (the way back to the site root from the page,
//     "./" or "../../", to put in front of site paths such as
//     "static/style.css"), Path (the page's own path), Nav (Title, URL,
//     Current) and AsOf (the date the build was made for, on pages that
//     depend on it);
//   - index.html: Current, Phases, Next (the next key deadlines, each a
//     Release and a Milestone) and Releases;
//   - releases.html: Releases;
//   - release.html: Release, the whole schedule.
//
// URLs in these values are already relative to the page. Every date has a
// Text and a DateTime and is written <time datetime="{{.DateTime}}">{{.Text}}</time>
// (the "time" partial does it): DateTime is a YYYY-MM-DD date, or the UTC
// instant (RFC 3339) of a timed deadline. Inline date references in
// markdown (`{{code-freeze}}`) resolve against the release the text
// belongs to and come out as <time> elements too.
// Markdown fields (summaries and descriptions) are HTML made by the
// markdown package; every other string is the author's text, which
// html/template escapes.
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
	if err := copyStatic(out, theme); err != nil {
		return nil, err
	}
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
var pageKinds = []string{"index", "releases", "release", "roles", "role", "checklist", "glossary", "page"}

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
	var buf bytes.Buffer
	if err := t.pages[kind].ExecuteTemplate(&buf, "base", data); err != nil {
		return fmt.Errorf("theme: %s.html: %w", kind, err)
	}
	out[dir+"index.html"] = buf.Bytes()
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
