// Package site runs a relbook build from end to end:
//
//	Load → Resolve → Render → Write
//
// [Generate] runs the first three stages and returns the whole site as
// bytes in memory, with every problem the stages found; it touches no
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
	"fmt"
	"io/fs"

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
	files, err := render.Site(h, theme)
	if err != nil {
		return nil, diags, fmt.Errorf("render: %w", err)
	}
	return &Result{Handbook: h, Files: files}, diags, nil
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
