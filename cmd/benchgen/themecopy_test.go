package main

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relbook/relbook/cmd/benchgen/synth"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/site"
	"github.com/relbook/relbook/themes"
)

// The theme copy overrides every template of the default theme with a
// changed one, and the handbook's pages come from it, without a problem;
// the dated checklists differ from the default theme's only by what the
// copy changed.
func TestThemeCopy(t *testing.T) {
	c := synth.Config{Releases: 3, Roles: 2, Tasks: 10, Terms: 10}
	files, err := withThemeCopy(c)
	if err != nil {
		t.Fatal(err)
	}
	names, err := fs.Glob(themes.Default(), "templates/*.html")
	if err != nil || len(names) == 0 {
		t.Fatalf("default templates: %v %v", names, err)
	}
	for _, name := range names {
		def, _ := fs.ReadFile(themes.Default(), name)
		copied, ok := files["themes/"+copyTheme+"/"+name]
		if !ok || bytes.Equal(copied, def) {
			t.Errorf("themes/%s/%s: not a changed copy of the default theme's", copyTheme, name)
		}
	}
	build := func(files map[string][]byte) map[string][]byte {
		fsys := fstest.MapFS{}
		for name, data := range files {
			fsys[name] = &fstest.MapFile{Data: data}
		}
		res, diags, err := site.Generate(fsys, site.Options{Today: handbook.DateFromTime(synth.Today)})
		if err != nil || len(diags) > 0 {
			t.Fatalf("%v %v", err, diags)
		}
		return res.Files
	}
	def, copied := build(synth.Files(c)), build(files)
	checklists := 0
	for name, page := range copied {
		if !strings.HasSuffix(name, ".html") || name == "404.html" {
			continue
		}
		if !bytes.Contains(page, []byte(copyMark)) {
			t.Errorf("%s does not come from the theme copy", name)
		}
		if strings.HasPrefix(name, "releases/") && strings.Count(name, "/") == 3 {
			checklists++
			if got := bytes.Replace(page, []byte(copyMark), nil, 1); !bytes.Equal(got, def[name]) {
				t.Errorf("%s: differs from the default theme's by more than the copy's mark", name)
			}
		}
	}
	if checklists != c.Releases*c.Roles {
		t.Errorf("%d checklists, want %d", checklists, c.Releases*c.Roles)
	}
}
