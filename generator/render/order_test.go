package render

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relbook/relbook/cmd/benchgen/synth"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/load"
	"github.com/relbook/relbook/generator/resolve"
	"github.com/relbook/relbook/themes"
)

// Render starts the files made from the whole handbook before any page
// of one release or role, and makes every file exactly once.
func TestRenderOrderWideFilesFirst(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, data := range synth.Files(synth.Config{Releases: 3, Roles: 4, Tasks: 20, Terms: 30}) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	src, diags := load.Read(fsys)
	h, more := resolve.Handbook(src, resolve.Options{Today: handbook.DateFromTime(synth.Today)})
	if diags.Add(more...); len(diags) > 0 {
		t.Fatal(diags)
	}
	p, err := NewPlan(h, themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	order := p.renderOrder()
	if len(order) != len(p.files) {
		t.Fatalf("%d files in the order, %d in the plan", len(order), len(p.files))
	}
	seen := make([]bool, len(p.files))
	var names []string
	for _, i := range order {
		if seen[i] {
			t.Fatalf("%s is in the order twice", p.files[i].name)
		}
		seen[i] = true
		names = append(names, p.files[i].name)
	}
	firstOfOne := len(names)
	for k, name := range names {
		if strings.HasPrefix(name, "releases/v") || strings.HasPrefix(name, "roles/") {
			firstOfOne = min(firstOfOne, k)
		}
	}
	for _, wide := range []string{"search.json", "schedule.json", "glossary/index.html", "index.html", "releases/index.html"} {
		k := slices.Index(names, wide)
		if k < 0 || k > firstOfOne {
			t.Errorf("%s is made at %d, after the first page of one release or role (%d: %s)", wide, k, firstOfOne, names[firstOfOne])
		}
	}
	for k, name := range names {
		if strings.HasPrefix(name, "print/") && k > firstOfOne {
			t.Errorf("%s is made at %d, after %s", name, k, names[firstOfOne])
		}
	}
}
