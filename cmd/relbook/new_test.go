package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/relbook/relbook/content"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/site"
)

// `relbook new release` on the example handbook, then a build: the new
// release is v3.4 moved by exactly 15 weeks — every milestone, phase,
// meeting and checklist date — with no slip history and an empty team.
func TestNewReleaseShiftsTheExample(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, content.FS); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"new", "release", "v3.6", "--from", "v3.4", "--start", "2027-01-18", "--source", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("the new release has problems:\n%s", stderr.String())
	}
	res, diags, err := site.Generate(os.DirFS(dir), site.Options{Today: handbook.MustDate(2026, 11, 21)})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diags {
		if d.Pos.Path == "releases/v3.6.toml" {
			t.Errorf("build: %s", d)
		}
	}
	if res.Files != nil && res.Files["releases/v3.6/index.html"] == nil {
		t.Error("the build has no schedule page for v3.6")
	}
	h := res.Handbook
	old, nw := h.Release("v3.4"), h.Release("v3.6")
	if old == nil || nw == nil {
		t.Fatalf("releases: v3.4 %v, v3.6 %v", old, nw)
	}
	const shift = 15 * 7
	moved := func(d handbook.Date) handbook.Date { return d.AddDays(shift) }
	movedAll := func(ds []handbook.Date) []handbook.Date {
		out := []handbook.Date{}
		for _, d := range ds {
			out = append(out, moved(d))
		}
		return out
	}

	if nw.Start != moved(old.Start) || nw.EOL != moved(old.EOL) || nw.Name != "Lighthouse v3.6" || nw.Zone.String() != old.Zone.String() {
		t.Errorf("release: start %s, eol %s, name %q", nw.Start, nw.EOL, nw.Name)
	}
	if len(nw.Milestones) != len(old.Milestones) {
		t.Fatalf("%d milestones, want %d", len(nw.Milestones), len(old.Milestones))
	}
	for i, o := range old.Milestones {
		n := nw.Milestones[i]
		if n.ID != o.ID || n.Date != moved(o.Date) || n.End != moved(o.End) ||
			n.Time.Kind != o.Time.Kind || n.Time.Hour != o.Time.Hour || n.Time.Minute != o.Time.Minute || n.Kind != o.Kind || n.Key != o.Key {
			t.Errorf("milestone %s: %s–%s %+v, want %s: %s–%s", n.ID, n.Date, n.End, n.Time, o.ID, moved(o.Date), moved(o.End))
		}
		if len(n.Was) > 0 || n.Note != "" || n.Sequence != 0 {
			t.Errorf("milestone %s keeps slip history: %v %q %d", n.ID, n.Was, n.Note, n.Sequence)
		}
		if strings.Contains(n.Name, "v3.4") {
			t.Errorf("milestone %s is still named %q", n.ID, n.Name)
		}
	}
	if len(nw.Phases) != len(old.Phases) {
		t.Fatalf("%d phases, want %d", len(nw.Phases), len(old.Phases))
	}
	for i, o := range old.Phases {
		if n := nw.Phases[i]; n.ID != o.ID || n.From != moved(o.From) || n.To != moved(o.To) {
			t.Errorf("phase %s: %s–%s, want %s–%s", n.ID, n.From, n.To, moved(o.From), moved(o.To))
		}
	}

	// The handbook's own holidays (25 December, 1 January) do not move
	// with the release; the release's do.
	var ownHolidays []handbook.Date
	for _, d := range old.Holidays {
		if !slices.Contains(h.Holidays, d) {
			ownHolidays = append(ownHolidays, d)
		}
	}
	wantHolidays := append(movedAll(ownHolidays), h.Holidays...)
	slices.Sort(wantHolidays)
	if !slices.Equal(nw.Holidays, wantHolidays) {
		t.Errorf("holidays %v, want %v", nw.Holidays, wantHolidays)
	}

	if len(nw.Meetings) != len(old.Meetings) {
		t.Fatalf("%d meetings, want %d", len(nw.Meetings), len(old.Meetings))
	}
	for i, o := range old.Meetings {
		n := nw.Meetings[i]
		if n.ID != o.ID || n.From != moved(o.From) || n.Until != moved(o.Until) || n.First != moved(o.First) ||
			!slices.Equal(n.Skip, movedAll(o.Skip)) || n.Hour != o.Hour || n.Zone.String() != o.Zone.String() {
			t.Errorf("meeting %s: %s–%s first %s skip %v", n.ID, n.From, n.Until, n.First, n.Skip)
		}
		// Every occurrence moves, except where a holiday of the handbook
		// (which does not move) kept the old series from meeting.
		want := movedAll(o.Occurrences)
		for _, d := range o.Holidays {
			if !nw.IsHoliday(moved(d)) {
				want = append(want, moved(d))
			}
		}
		want = slices.DeleteFunc(want, func(d handbook.Date) bool { return n.Every == handbook.EveryWeekday && nw.IsHoliday(d) })
		slices.Sort(want)
		if !slices.Equal(n.Occurrences, want) {
			t.Errorf("meeting %s occurs on %v, want %v", n.ID, n.Occurrences, want)
		}
	}

	for _, e := range nw.Team {
		if len(e.People) > 0 {
			t.Errorf("team %s keeps %v", e.Role, e.People)
		}
	}
	if len(nw.Team) != len(old.Team) {
		t.Errorf("team roles %d, want %d", len(nw.Team), len(old.Team))
	}

	// Checklists move too. A "week N" or "R-N" due day that fell on one of
	// the handbook's holidays was moved back to the business day before;
	// in the new cycle that day is no holiday, so it is due a day or two
	// later than the old date moved.
	handbookHoliday := func(from, to handbook.Date) bool {
		return slices.ContainsFunc(h.Holidays, func(d handbook.Date) bool { return from < d && d <= to })
	}
	for _, oc := range old.Checklists {
		nc := nw.Checklist(oc.Role.ID)
		if len(nc.Groups) != len(oc.Groups) {
			t.Errorf("checklist %s: %d groups, want %d", oc.Role.ID, len(nc.Groups), len(oc.Groups))
			continue
		}
		for i, og := range oc.Groups {
			ng := nc.Groups[i]
			if !slices.Equal(ng.When, og.When) {
				t.Errorf("checklist %s group %d: when %v, want %v", oc.Role.ID, i, ng.When, og.When)
				continue
			}
			if ng.From == moved(og.From) && ng.Due == moved(og.Due) {
				continue
			}
			late := int(ng.Due - moved(og.Due))
			if late < 1 || late > 3 || !handbookHoliday(og.Due, og.Due.AddDays(late)) {
				t.Errorf("checklist %s %v: %s..%s, want %s..%s", oc.Role.ID, og.When, ng.From, ng.Due, moved(og.From), moved(og.Due))
			}
		}
	}

	text, err := os.ReadFile(filepath.Join(dir, "releases", "v3.6.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(text), "#:schema ../schemas/release.schema.json\n# Made by `relbook new release v3.6 --from v3.4 --start 2027-01-18`:\n# dates shifted by 15 weeks from v3.4 (weekdays unchanged);\n") {
		t.Errorf("header comment:\n%.300s", text)
	}
}
