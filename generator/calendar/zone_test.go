package calendar

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/relbook/relbook/generator/handbook"
)

// zoneSite is a handbook whose meetings meet across the clock changes of
// zones with northern, southern, no, and abolished or moved DST.
func zoneSite() map[string]string {
	return map[string]string{
		"releases/v1.0.toml": `name = "Zones v1.0"
start = 2026-09-07
timezone = "America/Los_Angeles"

[milestone.release]
name = "v1.0.0"
date = 2027-05-28
kind = "release"

[meeting.la]
name = "Los Angeles"
every = "week"
on = ["Monday", "Thursday"]
time = "10:00"
duration = "1h"
skip = [2026-09-07]

[meeting.berlin]
name = "Berlin"
every = "week"
on = ["Sunday"]
time = "12:00"
timezone = "Europe/Berlin"
duration = "30m"

[meeting.sydney]
name = "Sydney"
every = "2 weeks"
on = ["Wednesday"]
time = "09:00"
timezone = "Australia/Sydney"
duration = "45m"
skip = [2026-09-09, 2026-09-23]

[meeting.kolkata]
name = "Kolkata"
every = "weekday"
time = "15:30"
timezone = "Asia/Kolkata"
duration = "15m"
`,
		"releases/v0.9.toml": `name = "Zones v0.9"
start = 2021-09-06
timezone = "America/Mexico_City"

[milestone.release]
name = "v0.9.0"
date = 2023-06-30
kind = "release"

[meeting.mexico]
name = "Mexico City"
every = "week"
on = ["Monday"]
time = "09:00"
duration = "1h"
`,
		"releases/v0.1.toml": `name = "Zones v0.1"
start = 2010-01-04
timezone = "Europe/Moscow"

[milestone.release]
name = "v0.1.0"
date = 2014-12-31
kind = "release"

[meeting.moscow]
name = "Moscow"
every = "2 weeks"
on = ["Friday"]
time = "12:00"
duration = "1h"
`,
	}
}

// TestMeetingsAcrossZones expands every meeting of zoneSite with the
// feed's own VTIMEZONE and RRULE and compares the instants with the
// handbook's occurrences; then, when they are installed, has ical.js do
// the same and libical validate the feeds.
func TestMeetingsAcrossZones(t *testing.T) {
	h := site(t, zoneSite())
	out := feeds(t, h)
	shapes := map[string][]string{}
	dir := t.TempDir()
	for _, r := range h.Releases {
		name := "releases/" + r.ID + "/calendar.ics"
		cal := parse(t, name, out[name])
		type occurrence struct {
			Start string `json:"start"`
		}
		type meeting struct {
			ID          string       `json:"id"`
			Occurrences []occurrence `json:"occurrences"`
		}
		var schedule struct {
			Meetings []meeting `json:"meetings"`
		}
		for _, m := range r.Meetings {
			e := find(t, cal, r.ID+"."+m.ID+"@handbook.example.org")
			obs := zoneOf(t, cal, m.Zone.String())
			var got, want []string
			for _, local := range expand(t, e, obs) {
				got = append(got, instant(t, obs, local).Format(time.RFC3339))
			}
			sm := meeting{ID: m.ID}
			for _, d := range m.Occurrences {
				want = append(want, m.Start(d).UTC().Format(time.RFC3339))
				sm.Occurrences = append(sm.Occurrences, occurrence{want[len(want)-1]})
			}
			schedule.Meetings = append(schedule.Meetings, sm)
			if len(want) < 10 || !slices.Equal(got, want) {
				t.Errorf("%s %s: the feed gives\n%v\nthe schedule says\n%v", r.ID, m.ID, got, want)
			}
		}
		for _, tz := range cal.Timezones() {
			shapes[tz.GetProperty(ics.ComponentPropertyTzid).Value] = describe(tz)
		}
		f := filepath.Join(dir, "releases", r.ID, "calendar.ics")
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		js, err := json.Marshal(schedule)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, out[name], 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(filepath.Dir(f), "schedule.json"), js, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// Each zone in the shape it should take over its meetings' span.
	rules := func(tz string) bool {
		for _, l := range shapes[tz] {
			if strings.Contains(l, "RRULE") || strings.Contains(l, "FREQ=YEARLY") {
				return true
			}
		}
		return false
	}
	for tz, n := range map[string]int{"America/Los_Angeles": 2, "Europe/Berlin": 2, "Australia/Sydney": 2, "Asia/Kolkata": 1, "America/Mexico_City": 2, "Europe/Moscow": 5} {
		if len(shapes[tz]) != n {
			t.Errorf("%s: %d observances, want %d: %q", tz, len(shapes[tz]), n, shapes[tz])
		}
		// Moscow's old rules hold for too few changes in the span to be
		// worth a rule: every change is dated.
		if want := tz != "Asia/Kolkata" && tz != "Europe/Moscow"; rules(tz) != want {
			t.Errorf("%s: yearly rules %v, want %v: %q", tz, !want, want, shapes[tz])
		}
	}
	if s := strings.Join(shapes["America/Mexico_City"], "\n"); !strings.Contains(s, "UNTIL=20221030T070000Z") {
		t.Errorf("Mexico City's rules do not stop in October 2022:\n%s", s)
	}

	t.Run("ical.js", func(t *testing.T) {
		if _, err := os.Stat("testdata/icaljs/node_modules/ical.js"); err != nil {
			t.Skip("ical.js is not installed: npm ci --prefix generator/calendar/testdata/icaljs")
		}
		node, err := exec.LookPath("node")
		if err != nil {
			t.Skip("no node")
		}
		b, err := exec.Command(node, "testdata/icaljs/compare.mjs", dir).CombinedOutput()
		if err != nil {
			t.Errorf("ical.js disagrees: %v\n%s", err, b)
		}
		if n := strings.Count(string(b), "all equal"); n != len(h.Releases) {
			t.Errorf("ical.js compared %d releases, want %d:\n%s", n, len(h.Releases), b)
		}
	})
}

// TestFirstDaySkipped: a meeting whose first day (or first days) are
// cancelled starts on its first real occurrence, which is never also an
// EXDATE, and "every 2 weeks" keeps counting from the first day.
func TestFirstDaySkipped(t *testing.T) {
	h := site(t, zoneSite())
	cal := parse(t, "v1.0", feeds(t, h)["releases/v1.0/calendar.ics"])
	for id, want := range map[string]string{
		"la":     "20260910T100000", // Monday 7 September skipped: Thursday
		"sydney": "20261007T090000", // 9 and 23 September skipped: 7 October
		"berlin": "20260913T120000", // nothing skipped: the first Sunday
	} {
		e := find(t, cal, "v1.0."+id+"@handbook.example.org")
		if got := prop(t, e, ics.ComponentPropertyDtStart); got != want {
			t.Errorf("%s: DTSTART %s, want %s", id, got, want)
		}
		for _, p := range e.GetProperties(ics.ComponentPropertyExdate) {
			if p.Value <= want {
				t.Errorf("%s: EXDATE %s is not after DTSTART %s", id, p.Value, want)
			}
		}
	}
	found := false
	for _, r := range h.Releases {
		i := slices.IndexFunc(r.Meetings, func(m *handbook.Meeting) bool { return m.ID == "sydney" })
		if i < 0 {
			continue
		}
		m := r.Meetings[i]
		found = true
		if m.First != handbook.MustDate(2026, 9, 9) || m.Occurrences[0] != handbook.MustDate(2026, 10, 7) {
			t.Errorf("sydney: first %s, first occurrence %s", m.First, m.Occurrences[0])
		}
	}
	if !found {
		t.Error("no meeting sydney")
	}
}

// TestFeedNames: a calendar's name leads with what tells it apart from
// the others (the handbook's title, which every feed shares, comes last),
// the feeds of one release leave the release's name out of their events'
// summaries, and AoE deadlines say so.
func TestFeedNames(t *testing.T) {
	out := feeds(t, example(t))
	for path, want := range map[string]string{
		"calendar.ics":                          "Key dates — Lighthouse Release Handbook",
		"patches.ics":                           "Patch releases — Lighthouse Release Handbook",
		"roles/release-lead.ics":                "Release Lead — Lighthouse Release Handbook",
		"releases/v3.4/calendar.ics":            "v3.4 — Lighthouse Release Handbook",
		"releases/v3.4/release-lead.ics":        "Release Lead · v3.4 — Lighthouse Release Handbook",
		"releases/v3.4/release-lead-shadow.ics": "Release Lead Shadow · v3.4 — Lighthouse Release Handbook",
	} {
		data, ok := out[path]
		if !ok {
			t.Errorf("no %s", path)
			continue
		}
		for _, p := range []string{"NAME:", "X-WR-CALNAME:"} {
			if !strings.Contains(string(data), "\r\n"+p+want+"\r\n") {
				t.Errorf("%s: no %s%s", path, p, want)
			}
		}
	}
	const freeze = "v3.4.enhancements-freeze@lighthouse.example.org"
	for path, want := range map[string]string{
		"calendar.ics":                   "Enhancements freeze (Lighthouse v3.4, AoE)",
		"roles/enhancements.ics":         "Enhancements freeze (Lighthouse v3.4, AoE)",
		"releases/v3.4/calendar.ics":     "Enhancements freeze (AoE)",
		"releases/v3.4/enhancements.ics": "Enhancements freeze (AoE)",
	} {
		if got := prop(t, find(t, parse(t, path, out[path]), freeze), ics.ComponentPropertySummary); got != want {
			t.Errorf("%s: SUMMARY %q, want %q", path, got, want)
		}
	}
	// A deadline at a clock time is not AoE; an all-day one has no note.
	for uid, want := range map[string]string{
		"v3.4.alpha-2@lighthouse.example.org":      "v3.4.0-alpha.2",
		"v3.4.alpha-0@lighthouse.example.org":      "v3.4.0-alpha.0",
		"v3.4.release-team@lighthouse.example.org": "Release team meeting",
	} {
		if got := prop(t, find(t, parse(t, "v3.4", out["releases/v3.4/calendar.ics"]), uid), ics.ComponentPropertySummary); !strings.HasPrefix(got, want) || strings.Contains(got, "(") {
			t.Errorf("%s: SUMMARY %q", uid, got)
		}
	}
}
