package synth_test

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relbook/relbook/cmd/benchgen/synth"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/site"
)

// The synthetic handbook must build without a single problem, or the
// benchmarks would measure relbook reporting problems; and the same
// configuration must give the same bytes.
func TestHandbookIsClean(t *testing.T) {
	c := synth.Config{Releases: 4, Roles: 5, Tasks: 30, Terms: 50}
	fsys := fstest.MapFS{}
	for name, data := range synth.Files(c) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	res, diags, err := site.Generate(fsys, site.Options{Today: handbook.DateFromTime(synth.Today)})
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) > 0 {
		t.Fatalf("problems in the synthetic handbook:\n%v", diags)
	}
	checklists := 0
	for name := range res.Files {
		if strings.HasPrefix(name, "releases/") && strings.Count(name, "/") == 3 && strings.HasSuffix(name, "/index.html") {
			checklists++
		}
	}
	if checklists != c.Releases*c.Roles {
		t.Errorf("%d checklists, want %d", checklists, c.Releases*c.Roles)
	}
	again := synth.Files(c)
	for name, data := range synth.Files(c) {
		if !bytes.Equal(again[name], data) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

// The Hugo site has a page per release and role, and the guides.
func TestHugoSite(t *testing.T) {
	c := synth.Config{Releases: 3, Roles: 4, Tasks: 10, Terms: 10}
	pages := 0
	for name := range synth.Hugo(c) {
		if strings.HasPrefix(name, "content/") {
			pages++
		}
	}
	if want := c.Releases*c.Roles + c.Roles; pages != want {
		t.Errorf("%d content pages, want %d", pages, want)
	}
}
