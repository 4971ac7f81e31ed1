package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/relbook/relbook/cmd/benchgen/synth"
	"github.com/relbook/relbook/themes"
)

// copyTheme is the name of the theme of -theme-copy's handbook.
const copyTheme = "copy"

// copyMark is what the copied base.html adds to every page's head, so that
// a run can tell the copy was used.
const copyMark = `<meta name="theme" content="` + copyTheme + `">`

// withThemeCopy is the handbook of c with a theme of its own, themes/copy/,
// that overrides every template of the default theme with a changed copy:
// an HTML comment at the start of every template it defines (which
// html/template leaves out of the page), and a meta element in base.html's
// head (which it does not). Relbook has one way to make each page whatever
// the theme, so the copy should build as fast as the default theme.
func withThemeCopy(c synth.Config) (map[string][]byte, error) {
	files := synth.Files(c)
	conf := files["handbook.toml"]
	title := []byte("\ntitle = ")
	at := bytes.Index(conf, title)
	if at < 0 {
		return nil, fmt.Errorf("handbook.toml has no title to put the theme after")
	}
	files["handbook.toml"] = append(append(bytes.Clone(conf[:at]), "\ntheme = \""+copyTheme+"\""...), conf[at:]...)
	def := themes.Default()
	names, err := fs.Glob(def, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		src, err := fs.ReadFile(def, name)
		if err != nil {
			return nil, err
		}
		changed := defineAction.ReplaceAllFunc(src, func(define []byte) []byte {
			out := append(bytes.Clone(define), "<!-- a copy of the default theme's "+path.Base(name)+" -->"...)
			if bytes.HasSuffix(define, []byte("-}}")) {
				out = append(out, "{{- /* as the define trimmed */ -}}"...)
			}
			return out
		})
		if path.Base(name) == "base.html" {
			changed = []byte(strings.Replace(string(changed), `<meta charset="utf-8">`, `<meta charset="utf-8">`+copyMark, 1))
		}
		if bytes.Equal(changed, src) || !bytes.Contains(changed, []byte("<!--")) {
			return nil, fmt.Errorf("themes/default/%s: found no template to change", name)
		}
		files["themes/"+copyTheme+"/"+name] = changed
	}
	return files, nil
}

// defineAction is a {{define "name"}} action.
var defineAction = regexp.MustCompile(`\{\{-?\s*define\s+"[^"]*"\s*-?\}\}`)

// versusCopy times the handbook of c with the default theme against the
// same handbook with every template overridden by a changed copy.
func (b *bench) versusCopy(c synth.Config) error {
	src, err := b.handbook(c)
	if err != nil {
		return err
	}
	copied, err := withThemeCopy(c)
	if err != nil {
		return err
	}
	copySrc := src + "-theme-copy"
	if err := writeFiles(copySrc, copied); err != nil {
		return err
	}
	b.printf("\ntheme copy: the handbook of %d dated checklists, with the default theme and with themes/%s/ overriding every template with a changed copy\n", c.Releases*c.Roles, copyTheme)
	// Warm up, and check the copy is the theme the pages come from.
	if _, _, err := b.relbookBuild(src); err != nil {
		return err
	}
	_, out, err := b.relbookBuild(copySrc)
	if err != nil {
		return err
	}
	if files, _, err := outputSize(out); err != nil || files == 0 {
		return fmt.Errorf("the theme copy's build wrote nothing: %v", err)
	}
	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		return err
	}
	if !bytes.Contains(page, []byte(copyMark)) {
		return fmt.Errorf("the theme copy's pages do not come from themes/%s/", copyTheme)
	}
	b.printf("%d timed runs of each, alternating, each into a new folder after a sync, after one warm-up run\n", b.runs)
	var def, cp []result
	for i := range b.runs {
		steps := []func() error{
			func() error { r, _, err := b.relbookBuild(src); def = append(def, r); return err },
			func() error { r, _, err := b.relbookBuild(copySrc); cp = append(cp, r); return err },
		}
		for k := range steps {
			if err := steps[(i+k)%len(steps)](); err != nil {
				return err
			}
		}
	}
	if err := b.removeOutputs(); err != nil {
		return err
	}
	d, t := median(def, wallOf), median(cp, wallOf)
	dc, tc := median(def, cpuOf), median(cp, cpuOf)
	b.printf("\n%-28s %10s %10s %10s %12s\n", "", "median", "min", "max", "median CPU")
	b.printf("%-28s %10s %10s %10s %12s\n", "relbook, default theme", secs(d), secs(minWall(def)), secs(maxWall(def)), secs(dc))
	b.printf("%-28s %10s %10s %10s %12s\n", "relbook, theme copy", secs(t), secs(minWall(cp)), secs(maxWall(cp)), secs(tc))
	b.printf("\nthe theme copy takes %.2f× the default theme's time (%s / %s), and %.2f× its processor time\n", t.Seconds()/d.Seconds(), secs(t), secs(d), tc.Seconds()/dc.Seconds())
	return nil
}
