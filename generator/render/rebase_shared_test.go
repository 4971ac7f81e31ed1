package render

import (
	"testing"

	"github.com/relbook/relbook/generator/handbook"
)

// shared.rebase remembers how links were written; it must write every
// link as rebase does, whatever page asked first.
func TestSharedRebaseSameAsRebase(t *testing.T) {
	pages := []page{
		{Path: "releases/v3.4/release-lead/", Root: "../../../"},
		{Path: "releases/v3.5/release-lead/", Root: "../../../"},
		{Path: "print/release-lead/", Root: "../../"},
		{Path: "", Root: "./"},
		{Path: "releases/v3.4/", Root: "../../"},
		{Path: "roles/release-lead/", Root: "https://example.org/hb/"},
	}
	dests := []string{
		"../../glossary/", "../../glossary/#ffe", "../branch-manager/", "#week-3",
		"../../releases/v3.4/", "../../releases/v3.4/release-lead/#x", "../../releases/v3.5/release-lead/",
		"notes.txt", "../../logo.svg?v=2", "https://example.org/a/", "/absolute/",
		"../../../../outside/", "..", ".", "", "?q", "#",
	}
	s := newShared(&handbook.Handbook{})
	for round := range 2 {
		for _, p := range pages {
			want, got := rebase(p, "roles/release-lead/"), s.rebase(p, "roles/release-lead/")
			if (want == nil) != (got == nil) {
				t.Fatalf("%s: rebase is nil: %v, shared: %v", p.Path, want == nil, got == nil)
			}
			if want == nil {
				continue
			}
			for _, d := range dests {
				if w, g := want(d), got(d); w != g {
					t.Errorf("round %d, %s: %q → %q, shared %q", round, p.Path, d, w, g)
				}
			}
		}
	}
}
