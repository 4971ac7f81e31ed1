package calendar

import (
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"
)

// weekSite is an OpenStack-like release with week items, one due on a
// Saturday, and free-text who.
func weekSite() map[string]string {
	return map[string]string{
		"releases/2026.1.toml": `name = "OpenStack 2026.1 Gazpacho"
start = 2025-10-06
due_weekday = "Thursday"

[milestone.g-3]
name = "Gazpacho-3 milestone"
week = "R-5"
owner = ["release-liaison"]
who = "PTLs and *release liaisons*, by {{g-3 + 0d}}"

[milestone.g-rc1]
name = "RC1 target week"
week = "R-3"

[milestone.release]
name = "Gazpacho release"
date = 2026-04-01
who = "The release team"
`,
		"releases/sat.toml": `name = "Saturday release"
start = 2026-01-05
due_weekday = "Saturday"

[milestone.sync]
name = "Weekend sync"
week = "week 2"
kind = "event"

[milestone.release]
date = 2026-03-04
`,
	}
}

// SPEC §7.3: a week item is an all-day event from its Monday through the
// later of Friday and its due day; who follows the owner roles in the
// description.
func TestWeekItemEvents(t *testing.T) {
	out := feeds(t, site(t, weekSite()))
	cals := map[string]*ics.Calendar{
		"2026.1": parse(t, "2026.1", out["releases/2026.1/calendar.ics"]),
		"sat":    parse(t, "sat", out["releases/sat/calendar.ics"]),
	}
	cal := cals["2026.1"]
	for _, c := range []struct{ uid, start, end string }{
		{"2026.1.g-3", "20260223", "20260228"},   // Monday 23 – Friday 27 February
		{"2026.1.g-rc1", "20260309", "20260314"}, // Monday 9 – Friday 13 March
		{"sat.sync", "20260112", "20260118"},     // Monday 12 – Saturday 17 January
	} {
		e := find(t, cals[c.uid[:strings.LastIndex(c.uid, ".")]], c.uid+"@handbook.example.org")
		if got := prop(t, e, ics.ComponentPropertyDtStart); got != c.start {
			t.Errorf("%s DTSTART %s, want %s", c.uid, got, c.start)
		}
		if got := prop(t, e, ics.ComponentPropertyDtEnd); got != c.end {
			t.Errorf("%s DTEND %s, want %s (the day after the last)", c.uid, got, c.end)
		}
	}
	desc := prop(t, find(t, cal, "2026.1.g-3@handbook.example.org"), ics.ComponentPropertyDescription)
	for _, want := range []string{
		`When: Week of Monday 23 February 2026`,
		`Due: Thursday 26 February 2026`,
		`Who: Release Liaison, PTLs and release liaisons, by Thursday 26 February 2026`,
	} {
		if !strings.Contains(desc, want) {
			t.Errorf("g-3 DESCRIPTION lacks %q:\n%s", want, desc)
		}
	}
	if desc := prop(t, find(t, cal, "2026.1.release@handbook.example.org"), ics.ComponentPropertyDescription); !strings.Contains(desc, "Who: The release team") {
		t.Errorf("release DESCRIPTION lacks who:\n%s", desc)
	}
	// The owner's feed has the week item too.
	if !strings.Contains(string(out["roles/release-liaison.ics"]), "UID:2026.1.g-3@") {
		t.Errorf("release-liaison.ics lacks g-3")
	}
}
