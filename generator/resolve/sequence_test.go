package resolve

import (
	"testing"
	"testing/fstest"

	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/load"
)

// Phases and meetings whose dates hang on a milestone get a SEQUENCE that
// rises with that milestone's slips (and with the slips of what it hangs
// on), so calendar clients replace their events when the dates move.
func TestDependentSequence(t *testing.T) {
	fsys := fstest.MapFS{
		"handbook.toml": {Data: []byte("title = \"t\"\nbase_url = \"https://example.org/\"\n")},
		"releases/v1.toml": {Data: []byte(`name = "v1"
start = 2026-10-05

[milestone.enhancements-freeze]
date = 2026-10-29
was = [2026-10-22, 2026-10-27]

[milestone.code-freeze]
at = "enhancements-freeze + 3w"
was = [2026-11-12]

[milestone.release]
date = 2027-01-13

[phase.burndown]
from = "code-freeze"
to = "release"

[phase.planning]
from = "start"
to = "week 3"

[meeting.sync]
every = "week"
on = ["Monday"]
time = "10:00"
until = "code-freeze - 1d"

[meeting.daily]
every = "weekday"
time = "10:00"
from = "week 12"
`)},
	}
	src, diags := load.Read(fsys)
	h, more := Handbook(src, Options{Today: handbook.MustDate(2026, 11, 21)})
	diags.Add(more...)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	r := h.Release("v1")
	phase := func(id string) int {
		for _, p := range r.Phases {
			if p.ID == id {
				return p.Sequence
			}
		}
		t.Fatalf("no phase %s", id)
		return 0
	}
	meeting := func(id string) int {
		for _, m := range r.Meetings {
			if m.ID == id {
				return m.Sequence
			}
		}
		t.Fatalf("no meeting %s", id)
		return 0
	}
	for _, tc := range []struct {
		what      string
		got, want int
	}{
		{"code freeze (own slip + the enhancements freeze's two)", r.Milestone("code-freeze").Sequence, 3},
		{"burndown phase (from code freeze)", phase("burndown"), 3},
		{"planning phase (start and week 3: no milestone)", phase("planning"), 0},
		{"sync meeting (until code freeze)", meeting("sync"), 3},
		{"daily meeting (until the release by default)", meeting("daily"), 0},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: sequence = %d, want %d", tc.what, tc.got, tc.want)
		}
	}
}
