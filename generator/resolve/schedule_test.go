package resolve_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
)

// gazpachoTOML is OpenStack 2026.1 Gazpacho as openstack/releases
// doc/source/gazpacho/schedule.yaml gives it: "start-week: '2025-10-06'",
// "release-week: '2026-03-30'", the week before (29 Sep – 3 Oct 2025,
// "f-final") has no R name, and milestones belong to whole weeks: g-1 in
// R-20, g-2 in R-12, g-3 and feature freeze in R-5 (23–27 Feb 2026),
// RC1 in R-3, final RCs in R-1, the release in R+0.
const gazpachoTOML = `name = "OpenStack 2026.1 Gazpacho"
start = 2025-10-06
due_weekday = "Thursday"

[milestone.f-final]
name = "2025.2 Flamingo final release"
date = 2025-10-01
kind = "event"

[milestone.g-1]
name = "Gazpacho-1 milestone"
week = "R-20"

[milestone.g-2]
name = "Gazpacho-2 milestone"
week = "R-12"
who = "PTLs and release liaisons"

[milestone.g-ff]
name = "Feature freeze"
at = "g-3"
kind = "freeze"

[milestone.g-3]
name = "Gazpacho-3 milestone"
week = "R-5"
key = true

[milestone.g-rc1]
name = "RC1 target week"
week = "R-3"
kind = "prerelease"

[milestone.g-finalrc]
name = "Final RCs"
week = "R-1"
kind = "prerelease"

[milestone.g-trailing]
name = "Cycle-trailing release week"
week = "R+1"

[milestone.release]
name = "Gazpacho release"
date = 2026-04-01

[phase.rc]
name = "Release candidates"
from = "g-rc1"
to = "g-finalrc"
`

func TestWeekItems(t *testing.T) {
	h, diags := rwResolve(t, map[string]string{"releases/2026.1.toml": gazpachoTOML}, handbook.MustDate(2026, 2, 1))
	if errs := rwStrings(diags, diag.Error); len(errs) > 0 {
		t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
	}
	if w := rwStrings(diags, diag.Warning); len(w) > 0 {
		t.Errorf("warnings: %q", w)
	}
	r := rwRelease(t, h, "2026.1")
	tests := []struct {
		id          string
		monday, due handbook.Date
		when        string
	}{
		{"g-1", handbook.MustDate(2025, 11, 10), handbook.MustDate(2025, 11, 13), "Week of Monday 10 November 2025"},
		{"g-2", handbook.MustDate(2026, 1, 5), handbook.MustDate(2026, 1, 8), "Week of Monday 5 January 2026"},
		{"g-3", handbook.MustDate(2026, 2, 23), handbook.MustDate(2026, 2, 26), "Week of Monday 23 February 2026"},
		{"g-rc1", handbook.MustDate(2026, 3, 9), handbook.MustDate(2026, 3, 12), "Week of Monday 9 March 2026"},
		{"g-finalrc", handbook.MustDate(2026, 3, 23), handbook.MustDate(2026, 3, 26), "Week of Monday 23 March 2026"},
		{"g-trailing", handbook.MustDate(2026, 4, 6), handbook.MustDate(2026, 4, 9), "Week of Monday 6 April 2026"},
	}
	for _, tt := range tests {
		m := r.Milestone(tt.id)
		if m == nil {
			t.Errorf("no %s", tt.id)
			continue
		}
		if !m.WholeWeek || m.WeekOf != tt.monday || m.Date != tt.due || m.End != tt.due {
			t.Errorf("%s: week item %v of %s due %s..%s; want of %s due %s", tt.id, m.WholeWeek, m.WeekOf, m.Date, m.End, tt.monday, tt.due)
		}
		if got := m.When(); got != tt.when {
			t.Errorf("%s When() = %q, want %q", tt.id, got, tt.when)
		}
		// The feed span: Monday through Friday (the due day is earlier).
		if first, last := m.WeekSpan(); first != tt.monday || last != tt.monday.AddDays(4) {
			t.Errorf("%s WeekSpan() = %s..%s", tt.id, first, last)
		}
	}
	// As an anchor, a week item is its due day for a date ...
	if ff := r.Milestone("g-ff"); ff.Date != handbook.MustDate(2026, 2, 26) || ff.WholeWeek {
		t.Errorf("g-ff at g-3 = %s (week item %v), want the due day 2026-02-26", ff.Date, ff.WholeWeek)
	}
	// ... and its Monday where a week's Monday is meant: a phase's from.
	if p := r.Phases[0]; p.From != handbook.MustDate(2026, 3, 9) || p.To != handbook.MustDate(2026, 3, 26) {
		t.Errorf("phase rc = %s .. %s, want 2026-03-09 .. 2026-03-26", p.From, p.To)
	}
	// {{g-3}} is the week; {{g-3 + 0d}} its due day; a range from it
	// starts on its Monday.
	refs := map[string]string{
		"g-3":              "the week of Monday 23 February 2026",
		"g-3 + 0d":         "Thursday 26 February 2026",
		"g-3 .. g-finalrc": "Monday 23 February 2026 – Thursday 26 March 2026",
	}
	for src, want := range refs {
		if ref, ok := dateexpr.ResolveRef(r, src); !ok || ref.Text != want {
			t.Errorf("{{%s}} = %q (%v), want %q", src, ref.Text, ok, want)
		}
	}
	// The due day orders it: g-ff (written first) and g-3 share 26 Feb.
	var order []string
	for _, m := range r.Milestones {
		order = append(order, m.ID)
	}
	want := []string{"f-final", "g-1", "g-2", "g-ff", "g-3", "g-rc1", "g-finalrc", "release", "g-trailing"}
	if !slices.Equal(order, want) {
		t.Errorf("order\n got %v\nwant %v", order, want)
	}
	// Week numbers stay integers: f-final is in week 0, R-26.
	if f := r.Milestone("f-final"); r.Week(f.Date) != 0 || r.Countdown(f.Date) != 26 {
		t.Errorf("f-final week %d countdown %d", r.Week(f.Date), r.Countdown(f.Date))
	}
	if r.Milestone("g-2").Who == nil {
		t.Errorf("g-2 has no who")
	}
}

// A week item whose due day is a weekend day is warned, at its week.
func TestWeekItemWeekend(t *testing.T) {
	_, diags := rwResolve(t, map[string]string{"releases/v1.toml": `name = "v1"
start = 2026-01-05
due_weekday = "Saturday"

[milestone.sync]
week = "week 2"

[milestone.release]
date = 2026-03-04
`}, handbook.MustDate(2026, 1, 1))
	want := `releases/v1.toml:6:8: warning: milestone "sync" is due on a Saturday (2026-01-17) [weekend]`
	if w := rwStrings(diags, diag.Warning); !slices.Contains(w, want) {
		t.Errorf("warnings = %q, want %q", w, want)
	}
}

func TestWeekItemErrors(t *testing.T) {
	head := "name = \"v1\"\nstart = 2026-01-05\n\n[milestone.release]\ndate = 2026-03-04\n\n[milestone.x]\n"
	tests := []struct{ body, want string }{
		{"week = \"R-3\"\ndate = 2026-02-05\n", `releases/v1.toml:9:8: milestone "x" has both week and date`},
		{"week = \"R-3\"\nat = \"start\"\n", `releases/v1.toml:9:6: milestone "x" has both week and at`},
		{"week = \"R-3\"\nend = \"R-2\"\n", `releases/v1.toml:9:7: milestone "x" has both week and end`},
		{"week = \"R-3\"\ntime = \"AoE\"\n", `releases/v1.toml:9:8: milestone "x" has both week and time`},
		{"week = \"R-3 + 1d\"\n", `releases/v1.toml:8:8: week "R-3 + 1d": write the week as "week N", "R-N" or "R+N"`},
		{"week = \"week 3 .. week 4\"\n", `week "week 3 .. week 4": write the week as`},
		{"week = \"start\"\n", `week "start": write the week as`},
		{"week = \"Week 3\"\n", `week "Week 3": write the week as`},
		{"week = \"release\"\n", `week "release": write the week as`},
		{"week = \"R-\"\n", `week "R-": write the week as`},
		{"week = 3\n", `releases/v1.toml:8:8: week must be a string, not a number`},
		{"who = [\"SIG leads\"]\nat = \"start\"\n", `releases/v1.toml:8:7: who must be a string, not a list`},
	}
	for _, tt := range tests {
		_, diags := rwResolve(t, map[string]string{"releases/v1.toml": head + tt.body}, handbook.MustDate(2026, 1, 1))
		errs := rwStrings(diags, diag.Error)
		if !slices.ContainsFunc(errs, func(e string) bool { return strings.Contains(e, tt.want) }) {
			t.Errorf("%q: errors %q, want one containing %q", tt.body, errs, tt.want)
		}
		// One problem, one error: not also "needs a date".
		if len(errs) != 1 {
			t.Errorf("%q: %d errors %q", tt.body, len(errs), errs)
		}
	}
	// The release milestone cannot be a week item.
	_, diags := rwResolve(t, map[string]string{"releases/v1.toml": "name = \"v1\"\nstart = 2026-01-05\n\n[milestone.release]\nweek = \"week 9\"\n"}, handbook.MustDate(2026, 1, 1))
	if errs := rwStrings(diags, diag.Error); !slices.Contains(errs, "releases/v1.toml:5:8: the release milestone cannot be a week item: give the release day with date or at") {
		t.Errorf("week on release: %q", errs)
	}
	// All forms that are accepted.
	for _, w := range []string{"week 3", "week 0", "week -2", "R-5", "R-0", "R+0", "R+2"} {
		h, diags := rwResolve(t, map[string]string{"releases/v1.toml": head + "week = \"" + w + "\"\nkind = \"event\"\n"}, handbook.MustDate(2026, 1, 1))
		if errs := rwStrings(diags, diag.Error); len(errs) > 0 {
			t.Errorf("week = %q: %q", w, errs)
			continue
		}
		if m := rwRelease(t, h, "v1").Milestone("x"); !m.WholeWeek || m.WeekOf.Weekday() != 1 {
			t.Errorf("week = %q: not a week item of a Monday: %+v", w, m)
		}
	}
}

// SPEC §7.3: within a day, items keep file order; timed ones are sorted
// by instant among the places timed ones hold.
func TestOrderWithinADay(t *testing.T) {
	h, diags := rwResolve(t, map[string]string{"releases/v1.toml": `name = "v1"
start = 2026-01-05
timezone = "America/Los_Angeles"

[milestone.a]
date = 2026-02-05
time = "18:00"

[milestone.z-earlier-day]
date = 2026-02-04

[milestone.b]
date = 2026-02-05

[milestone.c]
date = 2026-02-05
time = "09:00"

[milestone.aoe]
date = 2026-02-05
time = "AoE"

[milestone.d-span]
at = "2026-02-05 .. 2026-02-06"

[milestone.release]
date = 2026-03-04
`}, handbook.MustDate(2026, 1, 1))
	if errs := rwStrings(diags, diag.Error); len(errs) > 0 {
		t.Fatalf("errors: %q", errs)
	}
	var order []string
	for _, m := range rwRelease(t, h, "v1").Milestones {
		order = append(order, m.ID)
	}
	// Timed places are 1st, 3rd and 4th of the day: C 09:00, A 18:00 PST
	// (02:00 UTC the next day), AoE (12:00 UTC the next day).
	want := []string{"z-earlier-day", "c", "b", "a", "aoe", "d-span", "release"}
	if !slices.Equal(order, want) {
		t.Errorf("order\n got %v\nwant %v", order, want)
	}
}

// SPEC §7.1: a time written in UTC is shown in the release's zone too,
// zone first; a release in UTC shows it once.
func TestUTCTimeInReleaseZone(t *testing.T) {
	release := func(zone string) string {
		return `name = "v1.33"
start = 2025-01-13
timezone = "` + zone + `"

[milestone.enhancements-freeze]
date = 2025-02-14
time = "02:00 UTC"

[milestone.berlin]
date = 2025-02-14
time = "10:00 Europe/Berlin"

[milestone.release]
date = 2025-04-23
`
	}
	tests := []struct{ zone, id, want string }{
		{"America/Los_Angeles", "enhancements-freeze", "Thursday 13 February 2025, 18:00 PST / Friday 14 February 2025, 02:00 UTC"},
		{"UTC", "enhancements-freeze", "Friday 14 February 2025, 02:00 UTC"},
		{"Asia/Tokyo", "enhancements-freeze", "Friday 14 February 2025, 11:00 JST / Friday 14 February 2025, 02:00 UTC"},
		// A time written in another zone keeps it.
		{"America/Los_Angeles", "berlin", "Friday 14 February 2025, 10:00 CET / Friday 14 February 2025, 09:00 UTC"},
	}
	for _, tt := range tests {
		h, diags := rwResolve(t, map[string]string{"releases/v1.33.toml": release(tt.zone)}, handbook.MustDate(2025, 2, 1))
		if errs := rwStrings(diags, diag.Error); len(errs) > 0 {
			t.Fatalf("errors: %q", errs)
		}
		if got := rwRelease(t, h, "v1.33").Milestone(tt.id).When(); got != tt.want {
			t.Errorf("%s in %s: %q, want %q", tt.id, tt.zone, got, tt.want)
		}
	}
}

// A guide's when on a week item is due on its due day; a range from it
// starts on its Monday.
func TestWeekItemInGuide(t *testing.T) {
	h, diags := rwResolve(t, map[string]string{
		"releases/2026.1.toml": gazpachoTOML,
		"roles/release-liaison.md": "+++\ntitle = \"Release liaison\"\n+++\n\n" +
			"## RC1 {when=\"g-rc1\"}\n\n- [ ] Tag RC1\n\n" +
			"## Through the RCs {when=\"g-rc1 .. g-finalrc\"}\n\n- [ ] Watch the gate\n",
	}, handbook.MustDate(2026, 2, 1))
	if errs := rwStrings(diags, diag.Error); len(errs) > 0 {
		t.Fatalf("errors: %q", errs)
	}
	c := rwRelease(t, h, "2026.1").Checklist("release-liaison")
	if c == nil || len(c.Groups) != 2 {
		t.Fatalf("checklist %+v", c)
	}
	if g := c.Groups[0]; g.From != handbook.MustDate(2026, 3, 12) || g.Due != handbook.MustDate(2026, 3, 12) {
		t.Errorf("when g-rc1: %s .. %s, want Thursday 2026-03-12", g.From, g.Due)
	}
	if g := c.Groups[1]; g.From != handbook.MustDate(2026, 3, 9) || g.Due != handbook.MustDate(2026, 3, 26) {
		t.Errorf("when g-rc1 .. g-finalrc: %s .. %s, want 2026-03-09 .. 2026-03-26", g.From, g.Due)
	}
}

// Markup left out of markdown written in TOML — a description, a summary,
// a glossary definition — is warned where it is written in the string, as
// in a guide, and the milestone's allow list can acknowledge it.
func TestRawHTMLDroppedInTOML(t *testing.T) {
	files := map[string]string{
		"releases/v1.toml": "name = \"V1\"\nstart = 2026-01-05\nsummary = \"\"\"\nShips <b>fast</b>.\n\"\"\"\n\n" +
			"[milestone.release]\ndate = 2026-03-04\ndescription = \"Announce it on <Project Name> lists.\"\n\n" +
			"[milestone.rc]\ndate = 2026-02-25\ndescription = \"An <em>early</em> candidate.\"\nallow = [\"raw-html-dropped\"]\n",
		"glossary.toml": "[term.rc]\nname = \"RC\"\ndefinition = \"A <i>release</i> candidate.\"\n",
	}
	_, diags := lcResolve(t, files, handbook.MustDate(2026, 1, 10))
	got := strings.Join(rwStrings(diags, diag.Warning), "\n")
	for _, want := range []string{
		`releases/v1.toml:4:7: warning: raw HTML "<b>" is left out of the page`,
		`releases/v1.toml:9:31: warning: raw HTML "<Project Name>" is left out of the page`,
		`glossary.toml:3:17: warning: raw HTML "<i>" is left out of the page`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings:\n%s\nwant one starting %q", got, want)
		}
	}
	if strings.Contains(got, "<em>") {
		t.Errorf("the rc milestone's allow list does not acknowledge its description's warning:\n%s", got)
	}
}
