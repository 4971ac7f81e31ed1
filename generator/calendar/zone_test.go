package calendar

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/internal/icscheck"
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

	t.Run("ical.js", func(t *testing.T) { icscheck.CompareICALJS(t, dir, len(h.Releases)) })
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

// TestVTimezoneEveryZone reads back the VTIMEZONE of every zone of the
// system's zone1970.tab, over spans that cross rule changes of many
// zones, and compares its offsets with Go's (away from the changes
// themselves, where local times are ambiguous or skipped).
func TestVTimezoneEveryZone(t *testing.T) {
	if testing.Short() {
		t.Skip("every zone: not in -short")
	}
	tab, err := os.ReadFile("/usr/share/zoneinfo/zone1970.tab")
	if err != nil {
		t.Skip(err)
	}
	var zones []string
	for _, l := range strings.Split(string(tab), "\n") {
		if f := strings.Split(l, "\t"); len(f) >= 3 && !strings.HasPrefix(l, "#") {
			zones = append(zones, f[2])
		}
	}
	spans := [][2]time.Time{
		{time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 8, 1, 0, 0, 0, 0, time.UTC)},
		{time.Date(2009, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(2016, 6, 1, 0, 0, 0, 0, time.UTC)},
		{time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	rules := 0
	for _, z := range zones {
		loc, err := time.LoadLocation(z)
		if err != nil {
			continue
		}
		for _, s := range spans {
			tz := vtimezone(loc, s[0], s[1])
			cal := ics.NewCalendar()
			cal.AddVTimezone(tz)
			obs := zoneOf(t, cal, z)
			for _, o := range obs {
				if o.rrule != "" {
					rules++
				}
			}
			for at := s[0]; at.Before(s[1]); at = at.Add(53*time.Hour + 17*time.Minute) {
				local := at.In(loc)
				_, before := local.Add(-26 * time.Hour).Zone()
				_, after := local.Add(26 * time.Hour).Zone()
				if before != after {
					continue
				}
				if got := instant(t, obs, local.Format(localLayout)); !got.Equal(at) {
					t.Errorf("%s %s–%s: %s is %s by the VTIMEZONE, %s by Go\n%q", z, s[0].Format(time.DateOnly), s[1].Format(time.DateOnly),
						local.Format(localLayout), got.UTC(), at, describe(tz))
					break
				}
			}
		}
	}
	if len(zones) < 100 || rules < 100 {
		t.Errorf("%d zones, %d yearly rules: the test checks too little", len(zones), rules)
	}
	t.Logf("%d zones, %d yearly rules", len(zones), rules)
}
