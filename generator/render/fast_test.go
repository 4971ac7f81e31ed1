package render_test

import (
	"bytes"
	"io/fs"
	"maps"
	"testing"
	"testing/fstest"

	"github.com/relbook/relbook/cmd/benchgen/synth"
	"github.com/relbook/relbook/content"
	"github.com/relbook/relbook/generator/render"
	"github.com/relbook/relbook/themes"
)

// The default theme's checklists and release schedules are written by Go
// code rather than by its templates (see fastChecklists, fastReleases); a
// theme whose checklist.html or release.html differs in any byte gets the
// templates. Both must give the same pages.
func TestFastPagesSameAsTemplates(t *testing.T) {
	theme := fstest.MapFS{}
	err := fs.WalkDir(themes.Default(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(themes.Default(), name)
		theme[name] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// A comment changes a file but not what it writes: with base.html
	// changed, the checklists' task groups are still written in Go, and
	// with checklist.html changed, nothing is.
	changed := func(theme fstest.MapFS, name string) fstest.MapFS {
		th := maps.Clone(theme)
		th[name] = &fstest.MapFile{Data: append(bytes.Clone(theme[name].Data), "{{/* changed */}}"...)}
		return th
	}
	themeBase := changed(theme, "templates/base.html")
	theme = changed(changed(changed(theme, "templates/checklist.html"), "templates/print.html"), "templates/release.html")

	synthetic := fstest.MapFS{}
	for name, b := range synth.Files(synth.Config{Releases: 3, Roles: 4, Tasks: 40, Terms: 60}) {
		synthetic[name] = &fstest.MapFile{Data: b}
	}
	// A milestone that moved twice, with a note on the second move.
	slipped := maps.Clone(site)
	release := slipped["releases/v1.0.toml"].Data
	slipped["releases/v1.0.toml"] = &fstest.MapFile{Data: bytes.Replace(release,
		[]byte("kind = \"release\"\n"), []byte("kind = \"release\"\nwas = [2025-10-29, { date = 2025-11-03, note = \"Twice & again\" }]\n"), 1)}
	if bytes.Equal(slipped["releases/v1.0.toml"].Data, release) {
		t.Fatal("the test site has no release milestone to move")
	}
	sites := map[string]fs.FS{"test site": site, "slipped twice": slipped, "example": content.FS, "synthetic": synthetic}
	for name, fsys := range sites {
		h := resolveSite(t, fsys)
		fast, err := render.Site(h, themes.Default())
		if err != nil {
			t.Fatal(err)
		}
		slow, err := render.Site(h, theme)
		if err != nil {
			t.Fatal(err)
		}
		groups, err := render.Site(h, themeBase)
		if err != nil {
			t.Fatal(err)
		}
		checklists := 0
		for path, want := range slow {
			if !bytes.Equal(fast[path], want) {
				t.Errorf("%s: %s differs between the templates and the Go code", name, path)
				diffAt(t, fast[path], want)
			}
			if !bytes.Equal(groups[path], want) {
				t.Errorf("%s: %s differs between the templates and the Go code for task groups", name, path)
				diffAt(t, groups[path], want)
			}
			if bytes.Contains(want, []byte(`<li class="task">`)) {
				checklists++
			}
		}
		if checklists == 0 {
			t.Errorf("%s: no page has a task", name)
		}
	}
}

// diffAt logs where got first differs from want.
func diffAt(t *testing.T, got, want []byte) {
	t.Helper()
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	t.Logf("first difference at byte %d:\n got …%q…\nwant …%q…", i, got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
}
