// Package site runs a relbook build from end to end:
//
//	Load → Resolve → Render (pages, feeds) → Check → Write
//
// [Generate] runs the first four stages and returns the whole site as
// bytes in memory, with every problem the stages found (Check reports
// broken internal links and #anchors across the rendered site); it touches no
// disk, so `relbook check`, the tests and a live preview share it.
// [Write] puts a generated site in place atomically: it fills a sibling
// temporary folder and swaps it in only when every file is written, so a
// failed build never leaves a half-written or missing public/ behind.
//
// Errors from each stage carry the stage's name ("render: ..."), as Hugo's
// do, except diagnostics about the input, which name the file, line and
// column the author has to fix.
package site

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/relbook/relbook/generator/calendar"
	"github.com/relbook/relbook/generator/check"
	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/load"
	"github.com/relbook/relbook/generator/render"
	"github.com/relbook/relbook/generator/resolve"
	"github.com/relbook/relbook/themes"
)

// Options are the settings of a build that do not come from the site
// folder.
type Options struct {
	// Today is "now" (--now): statuses, the current release and the
	// dashboard depend on it.
	Today handbook.Date
	// BaseURL overrides handbook.toml's base_url (--base-url).
	BaseURL string
	// Stamp, when set, is the feeds' DTSTAMP and LAST-MODIFIED and the
	// Atom feed's updated time: SOURCE_DATE_EPOCH, for reproducible
	// builds. Without it: handbook.toml's updated, else CommitTime.
	Stamp time.Time
	// CommitTime is the time of the last commit that touched the site
	// folder, when it is in a git work tree (see LastCommit).
	CommitTime time.Time
}

// defaultStamp is the feeds' timestamp when nothing else tells one: a
// fixed instant, never the clock, so that two builds of the same input
// are byte-identical.
var defaultStamp = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// stamp picks the feeds' timestamp (SPEC §4): SOURCE_DATE_EPOCH, else
// handbook.toml's updated, else the last git commit, else 2000-01-01.
func (o Options) stamp(h *handbook.Handbook) time.Time {
	for _, t := range []time.Time{o.Stamp, h.Updated, o.CommitTime} {
		if !t.IsZero() {
			return t.UTC()
		}
	}
	return defaultStamp
}

// Result is a generated site.
type Result struct {
	Handbook *handbook.Handbook
	// Files maps slash paths under the output folder to their bytes.
	Files render.Output
}

// Generate builds the site in memory. When the diagnostics hold an error,
// Result is nil (or holds only what resolved, for callers that inspect it)
// and nothing should be written.
func Generate(src fs.FS, opts Options) (*Result, diag.List, error) {
	source, diags := load.Read(src)
	h, more := resolve.Handbook(source, resolve.Options{Today: opts.Today, BaseURL: opts.BaseURL})
	diags.Add(more...)
	if diags.HasErrors() {
		return &Result{Handbook: h}, diags, nil
	}
	theme, err := Theme(src, h.Theme)
	if err != nil {
		return nil, diags, fmt.Errorf("render: %w", err)
	}
	// The pages and the feeds only read the handbook: they are made at
	// the same time, each stage on every core, so that one stage's parts
	// that run alone leave the other cores to the other.
	stamp := opts.stamp(h)
	type made struct {
		feeds    map[string][]byte
		err      error
		panicked any
	}
	calendarDone := make(chan made, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				calendarDone <- made{panicked: p}
			}
		}()
		feeds, err := calendar.Feeds(h, calendar.Options{Stamp: stamp})
		calendarDone <- made{feeds: feeds, err: err}
	}()
	files, err := render.Site(h, theme)
	if err == nil {
		files["changes.xml"], err = render.Changes(h, stamp)
	}
	cal := <-calendarDone
	if cal.panicked != nil {
		panic(cal.panicked) // the caller's, as it was before the goroutine
	}
	if err != nil {
		return nil, diags, fmt.Errorf("render: %w", err)
	}
	feeds, err := cal.feeds, cal.err
	if err != nil {
		return nil, diags, fmt.Errorf("calendar: %w", err)
	}
	for name, b := range feeds {
		if _, taken := files[name]; taken {
			return nil, diags, fmt.Errorf("calendar: the feed %s would replace a page of the same path", name)
		}
		files[name] = b
	}
	diags.Add(copyStatic(src, files)...)
	if diags.HasErrors() {
		return &Result{Handbook: h}, diags, nil
	}
	diags.Add(checkLinks(src, files)...)
	return &Result{Handbook: h, Files: files}, diags, nil
}

// checkLinks runs the Check stage: every internal link and #anchor of the
// rendered site must lead somewhere. A problem is reported in the file
// that made the page, at the place the link is written when the author
// wrote it there (a markdown link), else at the top of the file.
func checkLinks(src fs.FS, files render.Output) diag.List {
	problems := check.Links(files)
	if len(problems) == 0 {
		return nil
	}
	sources := map[string]bool{}
	_ = fs.WalkDir(src, ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			sources[name] = true
		}
		return nil
	})
	texts := map[string]string{}
	var diags diag.List
	for _, p := range problems {
		path := check.SourceOf(p.Page, sources)
		if path == "" {
			path = "themes/" // a page only the theme makes
		}
		pos := diag.Pos{Path: path, Line: 1, Col: 1}
		if p.Href != "" && sources[path] {
			text, ok := texts[path]
			if !ok {
				b, _ := fs.ReadFile(src, path)
				text = string(b)
				texts[path] = text
			}
			if i := strings.Index(text, p.Href); i >= 0 {
				pos.Line = strings.Count(text[:i], "\n") + 1
				pos.Col = i - strings.LastIndexByte(text[:i], '\n')
			}
		}
		page := strings.TrimSuffix(p.Page, "index.html")
		diags.Errorf(pos, "on /%s: %s", page, p.Msg)
	}
	return diags
}

// Theme returns the theme files a build renders with: the site's own
// themes/<name>/ folder over relbook's embedded default theme, so that a
// site overrides any template or static file by writing one at the same
// relative path.
func Theme(src fs.FS, name string) (fs.FS, error) {
	embedded := themes.Default()
	site, err := fs.Sub(src, "themes/"+name)
	if err != nil {
		return nil, err
	}
	if _, err := fs.Stat(site, "."); err != nil {
		if name != "default" {
			return nil, fmt.Errorf("theme %q: there is no themes/%s/ folder in the site", name, name)
		}
		return embedded, nil
	}
	return overlay{upper: site, lower: embedded}, nil
}

// copyStatic copies the site's static/ folder into the output root, as is.
// A file there that would replace one relbook generates is an error naming
// both, never a silent overwrite.
func copyStatic(src fs.FS, files render.Output) diag.List {
	var diags diag.List
	err := fs.WalkDir(src, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == "static" && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		out := strings.TrimPrefix(name, "static/")
		if _, taken := files[out]; taken {
			diags.Errorf(diag.Pos{Path: name}, "%s would replace /%s, which relbook generates; rename or move it", name, out)
			return nil
		}
		b, err := fs.ReadFile(src, name)
		if err != nil {
			return err
		}
		files[out] = b
		return nil
	})
	if err != nil {
		diags.Errorf(diag.Pos{Path: "static"}, "cannot read: %v", err)
	}
	return diags
}
