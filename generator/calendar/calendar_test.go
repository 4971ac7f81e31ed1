package calendar

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/internal/icscheck"
	"github.com/relbook/relbook/generator/load"
	"github.com/relbook/relbook/generator/markdown"
	"github.com/relbook/relbook/generator/resolve"
)

var stamp = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// example resolves the example handbook in content/.
func example(t *testing.T) *handbook.Handbook {
	t.Helper()
	src, diags := load.Read(os.DirFS("../../content"))
	h, more := resolve.Handbook(src, resolve.Options{Today: handbook.MustDate(2026, 11, 21)})
	diags.Add(more...)
	if diags.HasErrors() {
		t.Fatalf("example handbook: %v", diags.Errors())
	}
	return h
}

// site resolves a handbook made of files; handbook.toml is added when
// missing.
func site(t testing.TB, files map[string]string) *handbook.Handbook {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	if _, ok := files["handbook.toml"]; !ok {
		fsys["handbook.toml"] = &fstest.MapFile{Data: []byte(`title = "Test Handbook"
base_url = "https://handbook.example.org/docs/"
timezone = "UTC"
`)}
	}
	src, diags := load.Read(fsys)
	h, more := resolve.Handbook(src, resolve.Options{Today: handbook.MustDate(2026, 11, 21)})
	diags.Add(more...)
	if diags.HasErrors() {
		t.Fatalf("test site: %v", diags.Errors())
	}
	return h
}

// plainMarkdown parses the descriptions that tests put straight on a
// resolved handbook.
var plainMarkdown = markdown.New(markdown.Options{})

// parseDescription is text parsed the way resolve parses a description:
// nil when there is none.
func parseDescription(text string) *markdown.Doc {
	if text == "" {
		return nil
	}
	return plainMarkdown.Parse(text)
}

func feeds(t testing.TB, h *handbook.Handbook) map[string][]byte {
	t.Helper()
	out, err := Feeds(h, Options{Stamp: stamp})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func parse(t *testing.T, name string, data []byte) *ics.Calendar {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: golang-ical cannot parse it back: %v", name, err)
	}
	return cal
}

// find returns the event of a feed with the UID.
func find(t *testing.T, cal *ics.Calendar, uid string) *ics.VEvent {
	t.Helper()
	for _, e := range cal.Events() {
		if e.Id() == uid {
			return e
		}
	}
	t.Fatalf("no event %s", uid)
	return nil
}

func prop(t *testing.T, e *ics.VEvent, name ics.ComponentProperty) string {
	t.Helper()
	p := e.GetProperty(name)
	if p == nil {
		t.Fatalf("event %s has no %s", e.Id(), name)
	}
	return p.Value
}

// lines returns the physical lines of a feed, checking that each ends
// in CRLF.
func lines(t *testing.T, name string, data []byte) [][]byte {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Errorf("%s does not end with CRLF", name)
	}
	ls := bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n"))
	for i, l := range ls {
		if bytes.ContainsAny(l, "\r\n") {
			t.Errorf("%s line %d holds a bare CR or LF: %q", name, i+1, l)
		}
	}
	return ls
}

func TestExampleFeeds(t *testing.T) {
	h := example(t)
	out := feeds(t, h)

	var want []string
	want = append(want, "calendar.ics")
	for _, r := range h.Releases {
		want = append(want, "releases/"+r.ID+"/calendar.ics")
		for _, role := range h.Roles {
			if role.HasGuide() {
				want = append(want, "releases/"+r.ID+"/"+role.ID+".ics")
			}
		}
	}
	for _, role := range h.Roles {
		if role.HasGuide() {
			want = append(want, "roles/"+role.ID+".ics")
		}
	}
	want = append(want, "patches.ics", "current.ics")
	var got []string
	for p := range out {
		got = append(got, p)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("feeds:\n got %v\nwant %v", got, want)
	}

	// current.ics holds the current release's events, as its own feed
	// does, under the same UIDs.
	uids := func(name string) []string {
		var ids []string
		for _, e := range parse(t, name, out[name]).Events() {
			ids = append(ids, e.Id())
		}
		return ids
	}
	if cur, own := uids("current.ics"), uids("releases/"+h.Current.ID+"/calendar.ics"); len(cur) == 0 || !slices.Equal(cur, own) {
		t.Errorf("current.ics has %d events, releases/%s/calendar.ics %d: want the same", len(cur), h.Current.ID, len(own))
	}

	again := feeds(t, h)
	for name, data := range out {
		if !bytes.Equal(data, again[name]) {
			t.Errorf("%s differs between two calls", name)
		}
		for i, l := range lines(t, name, data) {
			if len(l) > 75 {
				t.Errorf("%s line %d is %d octets", name, i+1, len(l))
			}
			if !utf8.Valid(l) {
				t.Errorf("%s line %d splits a UTF-8 character", name, i+1)
			}
		}
		cal := parse(t, name, data)
		uids := map[string]bool{}
		for _, e := range cal.Events() {
			if uids[e.Id()] {
				t.Errorf("%s: UID %s is used twice", name, e.Id())
			}
			uids[e.Id()] = true
			if !strings.HasSuffix(e.Id(), "@lighthouse.example.org") {
				t.Errorf("%s: UID %s is not in the uid_domain", name, e.Id())
			}
			for _, p := range []ics.ComponentProperty{ics.ComponentPropertyDtstamp, ics.ComponentPropertyLastModified} {
				if v := prop(t, e, p); v != "20261120T090000Z" {
					t.Errorf("%s %s: %s is %s", name, e.Id(), p, v)
				}
			}
			if u := prop(t, e, ics.ComponentPropertyUrl); !strings.HasPrefix(u, "https://lighthouse.example.org/handbook/releases/") {
				t.Errorf("%s %s: URL %s", name, e.Id(), u)
			}
			if len(e.GetProperties(ics.ComponentPropertyCategories)) < 2 {
				t.Errorf("%s %s: no release category", name, e.Id())
			}
		}
		head, _, _ := strings.Cut(string(data), "\r\nBEGIN:")
		head += "\r\n"
		for _, p := range []string{"VERSION:2.0\r\n", "PRODID:", "\r\nNAME:", "X-WR-CALNAME:", "X-WR-CALDESC:", "REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n", "X-PUBLISHED-TTL:PT6H\r\n"} {
			if !strings.Contains(head, p) {
				t.Errorf("%s: calendar lacks %q", name, p)
			}
		}
		if strings.Contains(string(data), "METHOD:") || strings.Contains(string(data), "ORGANIZER") {
			t.Errorf("%s: METHOD or ORGANIZER written", name)
		}
	}

	// One event, one UID, one SEQUENCE in every feed that holds it; one
	// SUMMARY in the feeds of many releases, and that SUMMARY less its
	// release's name in the feeds of the release, whose name gives it.
	type seen struct {
		seq  string
		feed string
	}
	byUID := map[string]seen{}
	for _, name := range slices.Sorted(maps.Keys(out)) {
		for _, e := range parse(t, name, out[name]).Events() {
			summary := prop(t, e, ics.ComponentPropertySummary)
			if strings.HasPrefix(name, "releases/") {
				r := h.Releases[slices.IndexFunc(h.Releases, func(r *handbook.Release) bool { return strings.HasPrefix(e.Id(), r.ID+".") })]
				if strings.Contains(summary, r.Name) {
					t.Errorf("%s: %s names its release: %q", name, e.Id(), summary)
				}
				if strings.HasSuffix(summary, " (AoE)") {
					summary = strings.TrimSuffix(summary, " (AoE)") + " (" + r.Name + ", AoE)"
				} else {
					summary += " (" + r.Name + ")"
				}
			}
			seq := prop(t, e, ics.ComponentPropertySequence) + "|" + prop(t, e, ics.ComponentPropertyDtStart) + "|" + summary
			if s, ok := byUID[e.Id()]; ok && s.seq != seq {
				t.Errorf("%s differs between %s and %s:\n%s\n%s", e.Id(), s.feed, name, s.seq, seq)
			}
			byUID[e.Id()] = seen{seq, name}
		}
	}
	for _, uid := range []string{"v3.4.code-freeze@lighthouse.example.org", "v3.4.release-team@lighthouse.example.org"} {
		n := 0
		for _, data := range out {
			if bytes.Contains(data, []byte("UID:"+uid+"\r\n")) {
				n++
			}
		}
		if n < 3 {
			t.Errorf("%s is in %d feeds, want the release feed, role feeds and more", uid, n)
		}
	}

	// calendar.ics holds the key milestones and the patch releases with
	// their cherry-pick deadlines; patches.ics only the latter.
	key := parse(t, "calendar.ics", out["calendar.ics"])
	patches := parse(t, "patches.ics", out["patches.ics"])
	npatch := 0
	for _, e := range patches.Events() {
		if !strings.Contains(e.Id(), ".patches.") && !strings.Contains(e.Id(), ".patch.") {
			t.Errorf("patches.ics holds %s, which is not a patch release", e.Id())
		}
		npatch++
	}
	for _, e := range key.Events() {
		id := strings.TrimSuffix(e.Id(), "@lighthouse.example.org")
		if strings.Contains(id, ".patches.") || strings.Contains(id, ".patch.") {
			continue
		}
		rel, ms, _ := strings.Cut(id, ".")
		for strings.Contains(ms, ".") { // release ids hold dots
			more, rest, _ := strings.Cut(ms, ".")
			rel, ms = rel+"."+more, rest
		}
		if r := h.Release(rel); r == nil {
			t.Errorf("calendar.ics holds %s, of no release", e.Id())
		} else if m := r.Milestone(ms); m == nil || !m.Key {
			t.Errorf("calendar.ics holds %s, which is not a key milestone", e.Id())
		}
	}
	nkey, wantPatch := 0, 0
	for _, r := range h.Releases {
		nkey += len(r.KeyMilestones())
		for _, p := range r.Patches {
			wantPatch++
			if p.HasCherryPick() {
				wantPatch++
			}
		}
	}
	if npatch != wantPatch || npatch == 0 {
		t.Errorf("patches.ics has %d events, want %d patch releases and deadlines", npatch, wantPatch)
	}
	if len(key.Events()) != nkey+npatch {
		t.Errorf("calendar.ics has %d events, want %d key milestones and %d patch events", len(key.Events()), nkey, npatch)
	}
}

func TestInstants(t *testing.T) {
	h := example(t)
	out := feeds(t, h)
	cal := parse(t, "v3.4", out["releases/v3.4/calendar.ics"])

	at := func(uid string) time.Time {
		t.Helper()
		s, err := find(t, cal, uid).GetStartAt()
		if err != nil {
			t.Fatal(err)
		}
		return s.UTC()
	}
	for uid, want := range map[string]time.Time{
		// AoE on 29 October: noon UTC on the 30th.
		"v3.4.enhancements-freeze@lighthouse.example.org": time.Date(2026, 10, 30, 12, 0, 0, 0, time.UTC),
		// 18:00 Los Angeles on 10 November, after the DST change: PST.
		"v3.4.alpha-2@lighthouse.example.org": time.Date(2026, 11, 11, 2, 0, 0, 0, time.UTC),
		// 10:00 Europe/Berlin on Friday of week 10 (11 December): CET.
		"v3.4.docs-ready@lighthouse.example.org": time.Date(2026, 12, 11, 9, 0, 0, 0, time.UTC),
	} {
		if got := at(uid); !got.Equal(want) {
			t.Errorf("%s starts %s, want %s", uid, got, want)
		}
		e := find(t, cal, uid)
		if v := prop(t, e, ics.ComponentPropertyDtStart); !strings.HasSuffix(v, "Z") || e.GetProperty(ics.ComponentPropertyDtStart).ICalParameters["TZID"] != nil {
			t.Errorf("%s: DTSTART %s is not a UTC instant", uid, v)
		}
		if v := prop(t, e, ics.ComponentPropertyDuration); v != "PT0S" {
			t.Errorf("%s: DURATION %s", uid, v)
		}
		if e.HasProperty(ics.ComponentPropertyDtEnd) {
			t.Errorf("%s has a DTEND as well as a DURATION", uid)
		}
	}

	for uid, want := range map[string][2]string{
		"v3.4.alpha-0@lighthouse.example.org":        {"20261013", "20261014"},
		"v3.4.summit@lighthouse.example.org":         {"20261116", "20261120"}, // 16–19 November, end exclusive
		"v3.4.quiet-period@lighthouse.example.org":   {"20261221", "20270102"},
		"v3.4.burndown.start@lighthouse.example.org": {"20261203", "20261204"},
		"v3.4.burndown.end@lighthouse.example.org":   {"20270113", "20270114"},
	} {
		e := find(t, cal, uid)
		start, end := e.GetProperty(ics.ComponentPropertyDtStart), e.GetProperty(ics.ComponentPropertyDtEnd)
		if start.Value != want[0] || end.Value != want[1] || start.ICalParameters["VALUE"][0] != "DATE" || end.ICalParameters["VALUE"][0] != "DATE" {
			t.Errorf("%s: DTSTART %v DTEND %v, want all-day %s–%s", uid, start, end, want[0], want[1])
		}
	}
}

// observance is one STANDARD or DAYLIGHT of a VTIMEZONE, as the test reads it.
type observance struct {
	onset  string // local DATE-TIME
	offset time.Duration
	rrule  string // "" for a dated observance
}

// zoneOf reads the VTIMEZONE of a feed for tzid.
func zoneOf(t *testing.T, cal *ics.Calendar, tzid string) []observance {
	t.Helper()
	for _, tz := range cal.Timezones() {
		if tz.GetProperty(ics.ComponentPropertyTzid).Value != tzid {
			continue
		}
		var obs []observance
		for _, c := range tz.Components {
			var cb *ics.ComponentBase
			switch c := c.(type) {
			case *ics.Standard:
				cb = &c.ComponentBase
			case *ics.Daylight:
				cb = &c.ComponentBase
			case *ics.GeneralComponent:
				cb = &c.ComponentBase
			default:
				t.Fatalf("VTIMEZONE %s holds a %T", tzid, c)
			}
			var rrule string
			if p := cb.GetProperty(ics.ComponentPropertyRrule); p != nil {
				rrule = p.Value
			}
			obs = append(obs, observance{cb.GetProperty(ics.ComponentPropertyDtStart).Value, parseOffset(t, cb.GetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto)).Value), rrule})
		}
		slices.SortFunc(obs, func(a, b observance) int { return strings.Compare(a.onset, b.onset) })
		return obs
	}
	t.Fatalf("no VTIMEZONE %s", tzid)
	return nil
}

// parseOffset reads a UTC-OFFSET ("-0800", "+0530").
func parseOffset(t *testing.T, v string) time.Duration {
	t.Helper()
	if len(v) != 5 && len(v) != 7 {
		t.Fatalf("UTC-OFFSET %q", v)
	}
	sign := time.Duration(1)
	if v[0] == '-' {
		sign = -1
	}
	hh, mm := (v[1]-'0')*10+v[2]-'0', (v[3]-'0')*10+v[4]-'0'
	return sign * (time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute)
}

// onsets expands one observance to its local onsets up to the end of
// year last: its DTSTART, and for an RRULE (the only kind relbook writes:
// FREQ=YEARLY;BYMONTH=m;BYDAY=<n or -1><day>[;UNTIL=<UTC>]) the same
// local time on the rule's day of every year after, up to UNTIL. It reads
// the rule with its own code, not relbook's.
func onsets(t *testing.T, o observance, last int) []string {
	t.Helper()
	out := []string{o.onset}
	if o.rrule == "" {
		return out
	}
	parts := map[string]string{}
	for _, kv := range strings.Split(o.rrule, ";") {
		k, v, _ := strings.Cut(kv, "=")
		parts[k] = v
	}
	if parts["FREQ"] != "YEARLY" || len(parts) > 4 {
		t.Fatalf("unexpected VTIMEZONE rule %s", o.rrule)
	}
	var month, week int
	var day string
	if _, err := fmt.Sscanf(parts["BYMONTH"], "%d", &month); err != nil {
		t.Fatalf("BYMONTH in %s: %v", o.rrule, err)
	}
	byday := parts["BYDAY"]
	if _, err := fmt.Sscanf(byday[:len(byday)-2], "%d", &week); err != nil {
		t.Fatalf("BYDAY in %s: %v", o.rrule, err)
	}
	day = byday[len(byday)-2:]
	first, err := time.Parse(localLayout, o.onset)
	if err != nil {
		t.Fatal(err)
	}
	var until time.Time
	if u := parts["UNTIL"]; u != "" {
		if until, err = time.Parse("20060102T150405Z", u); err != nil {
			t.Fatal(err)
		}
	}
	tod := first.Sub(first.Truncate(24 * time.Hour))
	for y := first.Year() + 1; y <= last; y++ {
		var ds []time.Time
		for d := time.Date(y, time.Month(month), 1, 0, 0, 0, 0, time.UTC); d.Month() == time.Month(month); d = d.AddDate(0, 0, 1) {
			if strings.ToUpper(d.Weekday().String()[:2]) == day {
				ds = append(ds, d)
			}
		}
		var d time.Time
		switch {
		case week > 0 && week <= len(ds):
			d = ds[week-1]
		case week < 0 && -week <= len(ds):
			d = ds[len(ds)+week]
		default:
			continue
		}
		// UNTIL is an instant: compare the onset's own UTC time (its
		// wall time less the offset before it is close enough for the
		// yearly rules here, whose onsets are months apart).
		if !until.IsZero() && d.Add(tod).Add(-o.offset).After(until.Add(3*time.Hour)) {
			break
		}
		out = append(out, d.Add(tod).Format(localLayout))
	}
	return out
}

// instant converts a local DATE-TIME to UTC with the feed's own VTIMEZONE
// (not Go's zone data), so the test checks what clients will compute: the
// offset of the latest onset, of any observance, not after it.
func instant(t *testing.T, obs []observance, local string) time.Time {
	t.Helper()
	var off time.Duration
	latest := ""
	for _, o := range obs {
		for _, on := range onsets(t, o, atoi(t, local[:4])) {
			if on <= local && on > latest {
				off, latest = o.offset, on
			}
		}
	}
	if latest == "" {
		t.Fatalf("the VTIMEZONE does not cover %s", local)
	}
	wall, err := time.Parse(localLayout, local)
	if err != nil {
		t.Fatal(err)
	}
	return wall.Add(-off)
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	var n int
	if _, err := fmt.Sscanf(s, "%d", &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// expand expands the RRULE of a meeting the way RFC 5545 does for the
// rules relbook writes (FREQ=WEEKLY, INTERVAL, BYDAY, WKST=MO, UNTIL),
// removes EXDATEs, and returns the local start of each occurrence.
func expand(t *testing.T, e *ics.VEvent, obs []observance) []string {
	t.Helper()
	dtstart := prop(t, e, ics.ComponentPropertyDtStart)
	rule, err := ics.ParseRecurrenceRule(prop(t, e, ics.ComponentPropertyRrule))
	if err != nil {
		t.Fatal(err)
	}
	if rule.Freq != ics.FrequencyWeekly || rule.Wkst != ics.WeekdayMonday {
		t.Fatalf("unexpected rule %s", rule)
	}
	interval := max(rule.Interval, 1)
	days := map[time.Weekday]bool{}
	for _, d := range rule.ByDay {
		days[map[ics.Weekday]time.Weekday{ics.WeekdayMonday: time.Monday, ics.WeekdayTuesday: time.Tuesday, ics.WeekdayWednesday: time.Wednesday,
			ics.WeekdayThursday: time.Thursday, ics.WeekdayFriday: time.Friday, ics.WeekdaySaturday: time.Saturday, ics.WeekdaySunday: time.Sunday}[d.Day]] = true
	}
	exdates := map[string]bool{}
	for _, p := range e.GetProperties(ics.ComponentPropertyExdate) {
		for _, v := range strings.Split(p.Value, ",") {
			exdates[v] = true
		}
	}
	first, err := time.Parse(localLayout, dtstart)
	if err != nil {
		t.Fatal(err)
	}
	firstMonday := first.AddDate(0, 0, -((int(first.Weekday()) + 6) % 7))
	var out []string
	for d := first; ; d = d.AddDate(0, 0, 1) {
		local := d.Format(localLayout)
		if instant(t, obs, local).After(rule.Until) {
			break
		}
		monday := d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
		week := int(monday.Sub(firstMonday).Hours()+12) / (24 * 7)
		if days[d.Weekday()] && week%interval == 0 && !exdates[local] {
			out = append(out, local)
		}
	}
	return out
}

func TestMeetingAcrossDST(t *testing.T) {
	h := example(t)
	out := feeds(t, h)
	cal := parse(t, "v3.4", out["releases/v3.4/calendar.ics"])
	e := find(t, cal, "v3.4.release-team@lighthouse.example.org")

	for name, want := range map[ics.ComponentProperty]string{
		ics.ComponentPropertyDtStart: "20261005T100000",
		ics.ComponentPropertyDtEnd:   "20261005T110000",
		ics.ComponentPropertyRrule:   "FREQ=WEEKLY;BYDAY=MO;WKST=MO;UNTIL=20261203T075959Z",
		ics.ComponentPropertyExdate:  "20261116T100000",
	} {
		p := e.GetProperty(name)
		if p == nil || p.Value != want {
			t.Errorf("%s = %v, want %s", name, p, want)
			continue
		}
		if name != ics.ComponentPropertyRrule && !slices.Equal(p.ICalParameters["TZID"], []string{"America/Los_Angeles"}) {
			t.Errorf("%s has TZID %v", name, p.ICalParameters["TZID"])
		}
	}

	obs := zoneOf(t, cal, "America/Los_Angeles")
	var starts []time.Time
	for _, local := range expand(t, e, obs) {
		starts = append(starts, instant(t, obs, local))
	}
	if len(starts) == 0 || !starts[0].Equal(time.Date(2026, 10, 5, 17, 0, 0, 0, time.UTC)) {
		t.Errorf("first meeting at %v, want 17:00Z (10:00 PDT)", starts)
	}
	nov2 := time.Date(2026, 11, 2, 18, 0, 0, 0, time.UTC)
	if !slices.ContainsFunc(starts, nov2.Equal) {
		t.Errorf("no meeting at 2026-11-02 18:00Z (10:00 PST): %v", starts)
	}
	// golang-ical reads DTSTART;TZID with Go's zone data: the same instant.
	if s, err := e.GetStartAt(); err != nil || !s.Equal(starts[0]) {
		t.Errorf("GetStartAt = %v, %v", s, err)
	}

	// Every meeting of the example: the feed's expansion (with the feed's
	// own VTIMEZONE) gives exactly the schedule's occurrences.
	for _, r := range h.Releases {
		cal := parse(t, r.ID, out["releases/"+r.ID+"/calendar.ics"])
		for _, m := range r.Meetings {
			e := find(t, cal, r.ID+"."+m.ID+"@lighthouse.example.org")
			obs := zoneOf(t, cal, m.Zone.String())
			var got, want []string
			for _, local := range expand(t, e, obs) {
				got = append(got, instant(t, obs, local).Format(time.RFC3339))
			}
			for _, d := range m.Occurrences {
				want = append(want, m.Start(d).UTC().Format(time.RFC3339))
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s %s: feed gives\n%v\nschedule says\n%v", r.ID, m.ID, got, want)
			}
		}
	}

	// The weekday burndown: MO–FR, holidays and skipped days excluded.
	b := find(t, cal, "v3.4.burndown@lighthouse.example.org")
	if r := prop(t, b, ics.ComponentPropertyRrule); r != "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;WKST=MO;UNTIL=20270114T075959Z" {
		t.Errorf("burndown RRULE %s", r)
	}
	var ex []string
	for _, p := range b.GetProperties(ics.ComponentPropertyExdate) {
		ex = append(ex, p.Value[:8])
	}
	for _, d := range []string{"20261225", "20270101", "20261221", "20261231"} {
		if !slices.Contains(ex, d) {
			t.Errorf("burndown: no EXDATE for %s in %v", d, ex)
		}
	}
	// The APAC sync meets every other Thursday in Tokyo, a zone without DST.
	a := find(t, cal, "v3.4.apac-sync@lighthouse.example.org")
	if r := prop(t, a, ics.ComponentPropertyRrule); !strings.HasPrefix(r, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;WKST=MO;UNTIL=") {
		t.Errorf("apac-sync RRULE %s", r)
	}
	if obs := zoneOf(t, cal, "Asia/Tokyo"); len(obs) != 1 || obs[0].offset != 9*time.Hour {
		t.Errorf("Asia/Tokyo VTIMEZONE: %v", obs)
	}
}

// describe writes a VTIMEZONE's observances one a line, in order.
func describe(tz *ics.VTimezone) []string {
	var got []string
	for _, c := range tz.Components {
		var kind string
		var cb *ics.ComponentBase
		switch c := c.(type) {
		case *ics.Standard:
			kind, cb = "STANDARD", &c.ComponentBase
		case *ics.Daylight:
			kind, cb = "DAYLIGHT", &c.ComponentBase
		}
		line := fmt.Sprintf("%s %s %s>%s %s", kind,
			cb.GetProperty(ics.ComponentPropertyDtStart).Value,
			cb.GetProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom)).Value,
			cb.GetProperty(ics.ComponentProperty(ics.PropertyTzoffsetto)).Value,
			cb.GetProperty(ics.ComponentProperty(ics.PropertyTzname)).Value)
		if r := cb.GetProperty(ics.ComponentPropertyRrule); r != nil {
			line += " " + r.Value
		}
		got = append(got, line)
	}
	return got
}

// zoneCases are VTIMEZONEs over a range, in the shape each should take.
var zoneCases = []struct {
	zone     string
	from, to string
	want     []string
}{
	// Stable rules: one yearly rule each way, no UNTIL.
	{"America/Los_Angeles", "2026-06-01", "2027-12-31", []string{
		"DAYLIGHT 20260308T020000 -0800>-0700 PDT FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
		"STANDARD 20261101T020000 -0700>-0800 PST FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
	}},
	// Within one summer: both rules all the same.
	{"America/Los_Angeles", "2026-06-01", "2026-09-30", []string{
		"STANDARD 20251102T020000 -0700>-0800 PST FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
		"DAYLIGHT 20260308T020000 -0800>-0700 PDT FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
	}},
	// The range starts in winter: the period in effect began the year before.
	{"Europe/Berlin", "2026-01-10", "2027-06-30", []string{
		"STANDARD 20251026T030000 +0200>+0100 CET FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
		"DAYLIGHT 20260329T020000 +0100>+0200 CEST FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
	}},
	// Southern hemisphere: daylight time across the new year.
	{"Australia/Sydney", "2026-09-01", "2027-05-31", []string{
		"STANDARD 20260405T030000 +1100>+1000 AEST FREQ=YEARLY;BYMONTH=4;BYDAY=1SU",
		"DAYLIGHT 20261004T020000 +1000>+1100 AEDT FREQ=YEARLY;BYMONTH=10;BYDAY=1SU",
	}},
	// No DST: one STANDARD.
	{"Asia/Kolkata", "2026-01-01", "2027-12-31", []string{
		"STANDARD 19451015T000000 +0630>+0530 IST",
	}},
	{"UTC", "2026-01-01", "2027-12-31", []string{
		"STANDARD 19700101T000000 +0000>+0000 UTC",
	}},
	// Mexico abolished DST after October 2022: the rules stop with an
	// UNTIL; the last onset stays in force.
	{"America/Mexico_City", "2019-01-01", "2023-12-31", []string{
		"STANDARD 20181028T020000 -0500>-0600 CST FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20221030T070000Z",
		"DAYLIGHT 20190407T020000 -0600>-0500 CDT FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20220403T080000Z",
	}},
	// Too few changes under the old rules to be worth one: dated
	// observances, as Go's data has them.
	{"America/Mexico_City", "2022-06-01", "2023-06-01", []string{
		"DAYLIGHT 20220403T020000 -0600>-0500 CDT",
		"STANDARD 20221030T020000 -0500>-0600 CST",
	}},
	// No DST any more: the last change only.
	{"America/Mexico_City", "2023-01-01", "2023-12-31", []string{
		"STANDARD 20221030T020000 -0500>-0600 CST",
	}},
	// Moscow: yearly rules to 2010, permanent +04 from March 2011, back
	// to +03 in October 2014.
	{"Europe/Moscow", "2008-01-01", "2015-01-01", []string{
		"STANDARD 20071028T030000 +0400>+0300 MSK FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20101030T230000Z",
		"DAYLIGHT 20080330T020000 +0300>+0400 MSD FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;UNTIL=20100327T230000Z",
		"STANDARD 20110327T020000 +0300>+0400 MSK",
		"STANDARD 20141026T020000 +0400>+0300 MSK",
	}},
}

func TestVTimezoneTransitions(t *testing.T) {
	for _, c := range zoneCases {
		loc, err := time.LoadLocation(c.zone)
		if err != nil {
			t.Fatal(err)
		}
		from, _ := time.Parse(time.DateOnly, c.from)
		to, _ := time.Parse(time.DateOnly, c.to)
		tz := vtimezone(loc, from, to)
		if got := describe(tz); !slices.Equal(got, c.want) {
			t.Errorf("%s %s–%s:\n got %q\nwant %q", c.zone, c.from, c.to, got, c.want)
		}
		// Read back as a client would, the VTIMEZONE gives Go's instant
		// for local times all through the range (every 3h07m), except
		// those a change of the clocks makes ambiguous or skips.
		cal := ics.NewCalendar()
		cal.AddVTimezone(tz)
		obs := zoneOf(t, cal, c.zone)
		checked := 0
		for at := from; at.Before(to.AddDate(0, 0, 1)); at = at.Add(3*time.Hour + 7*time.Minute) {
			local := at.In(loc)
			wall := local.Format(localLayout)
			if _, off := local.Add(-2 * time.Hour).Zone(); off != func() int { _, o := local.Add(2 * time.Hour).Zone(); return o }() {
				continue // within two hours of a change
			}
			if got := instant(t, obs, wall); !got.Equal(at) {
				t.Errorf("%s: %s is %s by the VTIMEZONE, %s by Go", c.zone, wall, got.UTC(), at)
				break
			}
			checked++
		}
		if checked == 0 {
			t.Errorf("%s: nothing checked", c.zone)
		}
	}

	utc := vtimezone(time.UTC, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	if len(utc.Components) != 1 {
		t.Fatalf("UTC has %d observances", len(utc.Components))
	}
	if _, ok := utc.Components[0].(*ics.Standard); !ok {
		t.Errorf("UTC's observance is a %T", utc.Components[0])
	}
	for v, want := range map[int]string{-8 * 3600: "-0800", 19800: "+0530", 0: "+0000", -(44*60 + 30): "-004430"} {
		if got := utcOffset(v); got != want {
			t.Errorf("utcOffset(%d) = %s, want %s", v, got, want)
		}
	}
}

// slipSite is a release whose code freeze is relative to the enhancements
// freeze, with a guide anchored on both; freeze is the enhancements
// freeze's line.
func slipSite(freeze string) map[string]string {
	return map[string]string{
		"releases/v1.0.toml": `name = "Test v1.0"
start = 2026-10-05
timezone = "America/Los_Angeles"

[milestone.enhancements-freeze]
name = "Enhancements freeze"
` + freeze + `
time = "AoE"
key = true
owner = ["lead"]

[milestone.code-freeze]
name = "Code freeze"
at = "enhancements-freeze + 3w"
time = "AoE"
owner = ["lead"]

[milestone.release]
name = "v1.0.0"
date = 2027-01-13
kind = "release"

[phase.burndown]
name = "Burndown"
from = "code-freeze"
to = "release"
`,
		"roles/lead.md": `+++
title = "Release Lead"
+++

## Before the freeze {when="code-freeze - 1w"}

- [ ] Remind everyone

## Countdown {when="R-1"}

- [ ] Write the announcement

## Right after {when="R+1"}

- [ ] Hold the retrospective
`,
	}
}

func TestSlipKeepsUIDRaisesSequence(t *testing.T) {
	before := feeds(t, site(t, slipSite(`date = 2026-10-29`)))
	after := feeds(t, site(t, slipSite(`date = 2026-11-05
was = [2026-10-29]`)))

	type state struct{ seq, start string }
	read := func(out map[string][]byte, feed, uid string) state {
		t.Helper()
		e := find(t, parse(t, feed, out[feed]), uid+"@handbook.example.org")
		return state{prop(t, e, ics.ComponentPropertySequence), prop(t, e, ics.ComponentPropertyDtStart)}
	}
	for _, c := range []struct {
		feed, uid  string
		seq0, seq1 string
		moves      bool
	}{
		{"releases/v1.0/calendar.ics", "v1.0.enhancements-freeze", "0", "1", true},
		{"calendar.ics", "v1.0.enhancements-freeze", "0", "1", true},
		{"releases/v1.0/calendar.ics", "v1.0.code-freeze", "0", "1", true}, // relative to the slipped one
		{"releases/v1.0/lead.ics", "v1.0.code-freeze", "0", "1", true},
		{"roles/lead.ics", "v1.0.code-freeze", "0", "1", true},
		{"releases/v1.0/lead.ics", "v1.0.lead.code-freeze-1w", "0", "1", true}, // the task deadline on it
		{"roles/lead.ics", "v1.0.lead.code-freeze-1w", "0", "1", true},
		{"releases/v1.0/lead.ics", "v1.0.lead.r-1", "0", "0", false},
		{"releases/v1.0/lead.ics", "v1.0.lead.r-plus-1", "0", "0", false},
		{"releases/v1.0/calendar.ics", "v1.0.release", "0", "0", false},
	} {
		b, a := read(before, c.feed, c.uid), read(after, c.feed, c.uid)
		if b.seq != c.seq0 || a.seq != c.seq1 {
			t.Errorf("%s in %s: SEQUENCE %s then %s, want %s then %s", c.uid, c.feed, b.seq, a.seq, c.seq0, c.seq1)
		}
		if moved := a.start != b.start; moved != c.moves {
			t.Errorf("%s in %s: DTSTART %s then %s", c.uid, c.feed, b.start, a.start)
		}
	}
	if got := read(after, "releases/v1.0/calendar.ics", "v1.0.enhancements-freeze").start; got != "20261106T120000Z" {
		t.Errorf("slipped freeze at %s", got)
	}
}

// A task's inline date references are dates in its deadline's
// DESCRIPTION, as on the checklist page, and follow a slip; a reference in
// a code span stays as written.
func TestDeadlineTasksFillDateRefs(t *testing.T) {
	withRefs := func(freeze string) map[string]string {
		files := slipSite(freeze)
		files["roles/lead.md"] = strings.Replace(files["roles/lead.md"], "- [ ] Remind everyone",
			"- [ ] Remind everyone of {{code-freeze}}, not `{{code-freeze}}`\n  - [ ] Two days before: {{code-freeze - 2d}}", 1)
		return files
	}
	description := func(out map[string][]byte, feed string) string {
		t.Helper()
		e := find(t, parse(t, feed, out[feed]), "v1.0.lead.code-freeze-1w@handbook.example.org")
		return prop(t, e, ics.ComponentPropertyDescription)
	}
	before := feeds(t, site(t, withRefs(`date = 2026-10-29`)))
	after := feeds(t, site(t, withRefs("date = 2026-11-05\nwas = [2026-10-29]")))
	for _, c := range []struct {
		out  map[string][]byte
		want []string
	}{
		{before, []string{
			"- Remind everyone of Thursday 19 November 2026 (AoE) / Friday 20 November 2026, 12:00 UTC, not {{code-freeze}}",
			"  - Two days before: Tuesday 17 November 2026",
		}},
		{after, []string{
			"- Remind everyone of Thursday 26 November 2026 (AoE) / Friday 27 November 2026, 12:00 UTC, not {{code-freeze}}",
			"  - Two days before: Tuesday 24 November 2026",
		}},
	} {
		for _, feed := range []string{"releases/v1.0/lead.ics", "roles/lead.ics"} {
			got := description(c.out, feed)
			for _, w := range c.want {
				if !strings.Contains(got, w+"\n") {
					t.Errorf("%s: DESCRIPTION lacks %q:\n%s", feed, w, got)
				}
			}
		}
	}
}

// A heading's inline date references are filled in for each release in
// the SUMMARY of the deadline it names, and follow a slip.
func TestDeadlineSummaryFillsHeadingRefs(t *testing.T) {
	withRef := func(freeze string) map[string]string {
		files := slipSite(freeze)
		files["roles/lead.md"] = strings.Replace(files["roles/lead.md"], "## Before the freeze {",
			"## Before the freeze on {{code-freeze}}, not `{{code-freeze}}` {", 1)
		return files
	}
	for _, c := range []struct {
		freeze, want string
	}{
		{`date = 2026-10-29`, "Release Lead: Before the freeze on Thursday 19 November 2026 (AoE) / Friday 20 November 2026, 12:00 UTC, not {{code-freeze}}"},
		{"date = 2026-11-05\nwas = [2026-10-29]", "Release Lead: Before the freeze on Thursday 26 November 2026 (AoE) / Friday 27 November 2026, 12:00 UTC, not {{code-freeze}}"},
	} {
		out := feeds(t, site(t, withRef(c.freeze)))
		for _, feed := range []string{"releases/v1.0/lead.ics", "roles/lead.ics"} {
			e := find(t, parse(t, feed, out[feed]), "v1.0.lead.code-freeze-1w@handbook.example.org")
			want := c.want + " (Test v1.0)"
			if strings.HasPrefix(feed, "releases/") {
				want = c.want
			}
			if got := prop(t, e, ics.ComponentPropertySummary); got != want {
				t.Errorf("%s: SUMMARY\n got %q\nwant %q", feed, got, c.want)
			}
		}
	}
}

// appendLine fills a task's escaped parts in for a release; that must
// give the bytes of escaping the whole line, whatever the text holds.
func TestTaskLineFromPartsSameAsWhole(t *testing.T) {
	files := slipSite(`date = 2026-10-29`)
	files["releases/v1.0.toml"] += `
[milestone.hackathon]
name = "Hackathon"
date = 2026-11-02
end = 2026-11-04
`
	files["roles/lead.md"] += `
## Texts {when="code-freeze"}

- [ ] {{code-freeze}}; then, \\ {{code-freeze - 1w .. code-freeze}}
- [ ] Plan {{hackathon}} — Ünïcödé, ` + "\x01" + ` {{code-freeze}} ` + "\x7f" + `
- [ ] Spaced {{ code-freeze  +  2d }}{{ week 2 }}
  - [ ] Step` + "\u00a0" + `{{code-freeze}}` + "\u00a0" + `, done
`
	h := site(t, files)
	r := h.Releases[0]
	role := h.Role("lead")
	g, memo := newGuideInfo(role), newReleaseMemo(r)
	var walk func([]*markdown.Task)
	n := 0
	walk = func(tasks []*markdown.Task) {
		for _, task := range tasks {
			line := string(g.appendLine(nil, task, memo))
			if want := escapeLine(task.TextFor(memo.refText)); line != want {
				t.Errorf("%q: line %q, want %q", task.Text, line, want)
			}
			if task.HasDateRefs() {
				n++
			}
			walk(task.Steps)
		}
	}
	walk(role.Guide.Tasks)
	if n != 4 || len(g.parts) != 3 {
		t.Errorf("%d tasks with references, %d of them in parts; want 4, 3 (the control characters are escaped whole)", n, len(g.parts))
	}
}

func TestSequenceOfCountdownFollowsRelease(t *testing.T) {
	files := slipSite(`date = 2026-10-29`)
	files["releases/v1.0.toml"] = strings.Replace(files["releases/v1.0.toml"], "date = 2027-01-13", "date = 2027-01-20\nwas = [2027-01-13]", 1)
	out := feeds(t, site(t, files))
	cal := parse(t, "lead", out["releases/v1.0/lead.ics"])
	for _, uid := range []string{"v1.0.lead.r-1", "v1.0.lead.r-plus-1"} {
		if s := prop(t, find(t, cal, uid+"@handbook.example.org"), ics.ComponentPropertySequence); s != "1" {
			t.Errorf("%s: SEQUENCE %s after the release slipped, want 1", uid, s)
		}
	}
}

// utf8Name is a milestone name that folds in the middle of multi-byte
// characters unless folding takes care, with TEXT specials at the end.
var utf8Name = strings.Repeat("Déploiement – 発表 – ✓ ", 8) + "; a, b \\ c"

// utf8Site is slipSite with utf8Name as the code freeze's name and a
// description that needs escaping and unwrapping.
func utf8Site() map[string]string {
	files := slipSite(`date = 2026-10-29`)
	files["releases/v1.0.toml"] = strings.Replace(files["releases/v1.0.toml"], `name = "Code freeze"`,
		`name = "`+strings.ReplaceAll(utf8Name, `\`, `\\`)+`"
description = """
Line one; with, punctuation \\ and a backslash.
Still line one.

Second paragraph: `+strings.Repeat("発表", 40)+`
"""`, 1)
	return files
}

func TestFoldingKeepsUTF8(t *testing.T) {
	name := utf8Name
	out := feeds(t, site(t, utf8Site()))
	for feed, data := range out {
		for i, l := range lines(t, feed, data) {
			if len(l) > 75 {
				t.Errorf("%s line %d is %d octets", feed, i+1, len(l))
			}
			if !utf8.Valid(l) {
				t.Errorf("%s line %d splits a UTF-8 character: %q", feed, i+1, l)
			}
		}
	}
	cal := parse(t, "v1.0", out["releases/v1.0/calendar.ics"])
	e := find(t, cal, "v1.0.code-freeze@handbook.example.org")
	if got, want := prop(t, e, ics.ComponentPropertySummary), strings.Join(strings.Fields(name), " ")+" (AoE)"; got != want {
		t.Errorf("SUMMARY read back as\n%q, want\n%q", got, want)
	}
	desc := prop(t, e, ics.ComponentPropertyDescription)
	if !strings.HasPrefix(desc, "Line one; with, punctuation \\ and a backslash. Still line one.\n\nSecond paragraph: 発表") {
		t.Errorf("DESCRIPTION read back as %q", desc)
	}
	raw := string(out["releases/v1.0/calendar.ics"])
	if !strings.Contains(strings.ReplaceAll(raw, "\r\n ", ""), `DESCRIPTION:Line one\; with\, punctuation \\ and a backslash. Still line one.\n\nSecond`) {
		t.Errorf("DESCRIPTION not escaped as TEXT:\n%s", raw)
	}
}

func TestFold(t *testing.T) {
	long := "DESCRIPTION:" + strings.Repeat(`a\,`, 40) + strings.Repeat("✓", 30)
	got := string(fold([]byte(long + "\r\nEND:VEVENT\r\n")))
	if strings.ReplaceAll(got, "\r\n ", "") != long+"\r\nEND:VEVENT\r\n" {
		t.Fatalf("fold does not unfold back:\n%s", got)
	}
	for _, l := range strings.Split(strings.TrimSuffix(got, "\r\n"), "\r\n") {
		if len(l) > 75 || !utf8.ValidString(l) || strings.HasSuffix(l, `\`) && !strings.HasSuffix(l, `\\`) {
			t.Errorf("bad line %q (%d octets)", l, len(l))
		}
	}
}

func TestRoleFeeds(t *testing.T) {
	files := slipSite(`date = 2026-10-29`)
	files["roles/docs.md"] = "+++\ntitle = \"Docs Lead\"\n+++\n\nNothing dated.\n"
	files["releases/v1.0.toml"] += `
[milestone.tag]
name = "Tag"
date = 2026-11-02
owner = ["branch-manager"]

[meeting.sync]
name = "Sync"
every = "week"
on = ["Monday"]
time = "10:00"
roles = ["lead-shadow"]
`
	out := feeds(t, site(t, files))
	for _, p := range []string{"releases/v1.0/docs.ics", "roles/docs.ics", "releases/v1.0/branch-manager.ics", "roles/branch-manager.ics"} {
		if out[p] == nil {
			t.Errorf("no %s", p)
		}
	}
	if n := bytes.Count(out["releases/v1.0/docs.ics"], []byte("BEGIN:VEVENT")); n != 0 {
		t.Errorf("docs.ics has %d events", n)
	}
	parse(t, "docs", out["releases/v1.0/docs.ics"])
	// A shadow without a guide follows its role's calendar.
	if !bytes.Contains(out["releases/v1.0/lead.ics"], []byte("UID:v1.0.sync@")) {
		t.Errorf("lead.ics lacks the meeting its shadows attend")
	}
	if out["releases/v1.0/lead-shadow.ics"] != nil {
		t.Errorf("a feed for lead-shadow, which has no guide")
	}
	if !bytes.Contains(out["roles/branch-manager.ics"], []byte("UID:v1.0.tag@")) {
		t.Errorf("branch-manager.ics lacks its milestone")
	}
}

func TestCategoriesAndURLs(t *testing.T) {
	files := slipSite(`date = 2026-10-29`)
	files["releases/v1.0.toml"] = strings.Replace(files["releases/v1.0.toml"], `name = "Test v1.0"`, `name = "Test, v1.0; beta"`, 1)
	out := feeds(t, site(t, files))
	cal := parse(t, "v1.0", out["releases/v1.0/calendar.ics"])
	e := find(t, cal, "v1.0.enhancements-freeze@handbook.example.org")
	var cats []string
	for _, p := range e.GetProperties(ics.ComponentPropertyCategories) {
		cats = append(cats, p.Value)
	}
	if want := []string{"Test, v1.0; beta", "Milestone", "Key date"}; !slices.Equal(cats, want) {
		t.Errorf("CATEGORIES %q", cats)
	}
	if !bytes.Contains(out["releases/v1.0/calendar.ics"], []byte("CATEGORIES:Test\\, v1.0\\; beta\r\n")) {
		t.Errorf("release name not escaped as one category")
	}
	for uid, want := range map[string]string{
		"v1.0.enhancements-freeze": "https://handbook.example.org/docs/releases/v1.0/#enhancements-freeze",
		"v1.0.burndown.start":      "https://handbook.example.org/docs/releases/v1.0/#phase-burndown",
		"v1.0.burndown.end":        "https://handbook.example.org/docs/releases/v1.0/#phase-burndown",
		"v1.0.lead.code-freeze-1w": "https://handbook.example.org/docs/releases/v1.0/lead/",
	} {
		feed := "releases/v1.0/calendar.ics"
		if strings.Contains(uid, ".lead.") {
			feed = "releases/v1.0/lead.ics"
		}
		e := find(t, parse(t, feed, out[feed]), uid+"@handbook.example.org")
		if got := prop(t, e, ics.ComponentPropertyUrl); got != want {
			t.Errorf("%s: URL %s, want %s", uid, got, want)
		}
		if !strings.HasSuffix(prop(t, e, ics.ComponentPropertyDescription), want) {
			t.Errorf("%s: DESCRIPTION does not end with the link", uid)
		}
	}
	d := find(t, parse(t, "lead", out["releases/v1.0/lead.ics"]), "v1.0.lead.code-freeze-1w@handbook.example.org")
	if got := prop(t, d, ics.ComponentPropertyDescription); !strings.Contains(got, "\n\n- Remind everyone\n\n") {
		t.Errorf("task deadline DESCRIPTION %q", got)
	}
	if got := prop(t, d, ics.ComponentPropertySummary); got != "Release Lead: Before the freeze" {
		t.Errorf("task deadline SUMMARY %q", got)
	}
}

func TestSlug(t *testing.T) {
	for expr, want := range map[string]string{
		"code-freeze - 1w": "code-freeze-1w",
		"code-freeze + 1w": "code-freeze-plus-1w",
		"week 3 .. week 5": "week-3-week-5",
		"R-4":              "r-4",
		"R+1":              "r-plus-1",
		"R-1":              "r-1",
		"week -1":          "week-minus-1",
		"week 1":           "week-1",
		"2026-10-05 + 2bd": "2026-10-05-plus-2bd",
		"start":            "start",
	} {
		if got := slug(expr); got != want {
			t.Errorf("slug(%q) = %q, want %q", expr, got, want)
		}
	}
	// Ids may spell what slug writes: colliding expressions both get a
	// hash of their own text, and keep it whatever else the guide holds.
	got := slugs([]string{"a - 1w", "a-1w", "week 3", "R+1", "R-1"})
	if got["a - 1w"] == got["a-1w"] || !strings.HasPrefix(got["a - 1w"], "a-1w-x") || !strings.HasPrefix(got["a-1w"], "a-1w-x") {
		t.Errorf("colliding slugs: %q", got)
	}
	if again := slugs([]string{"a-1w", "a - 1w"}); again["a-1w"] != got["a-1w"] {
		t.Errorf("hashed slug depends on the order: %q vs %q", again["a-1w"], got["a-1w"])
	}
	if got["week 3"] != "week-3" || got["R+1"] != "r-plus-1" || got["R-1"] != "r-1" {
		t.Errorf("plain slugs: %q", got)
	}
}

// TestDescriptionText checks a milestone's markdown description as a
// calendar shows it: the markup read by the markdown package, its date
// references filled in for the release, and its links made absolute from
// the release page the description belongs to.
func TestDescriptionText(t *testing.T) {
	files := slipSite(`date = 2026-10-29`)
	desc := strings.ReplaceAll(`Every **enhancement** needs a 'milestone/v1.0' label
by {{enhancements-freeze}}; see [the board](https://example.org/b),
[the lead’s guide](../../roles/lead/), [the freeze](#enhancements-freeze) or <https://example.org/c>.

1. [ ] one *item*
2. snake_case_stays

An escaped \{{code-freeze}} is literal; [a link](javascript:alert(1)) is only its text.

'''template
Freeze: {{code-freeze}}
'''
`, "'", "`")
	files["releases/v1.0.toml"] = strings.Replace(files["releases/v1.0.toml"], `name = "Code freeze"`,
		`name = "Code freeze"`+"\ndescription = '''\n"+desc+"'''", 1)
	h := site(t, files)
	cal := parse(t, "v1.0", feeds(t, h)["releases/v1.0/calendar.ics"])
	got := prop(t, find(t, cal, "v1.0.code-freeze@handbook.example.org"), ics.ComponentPropertyDescription)
	want := "Every enhancement needs a milestone/v1.0 label by Thursday 29 October 2026 (AoE) / Friday 30 October 2026, 12:00 UTC; " +
		"see the board (https://example.org/b), the lead’s guide (https://handbook.example.org/docs/roles/lead/), " +
		"the freeze (https://handbook.example.org/docs/releases/v1.0/#enhancements-freeze) or https://example.org/c.\n\n" +
		"1. one item\n2. snake_case_stays\n\n" +
		"An escaped {{code-freeze}} is literal; a link is only its text.\n\n" +
		"Freeze: Thursday 19 November 2026 (AoE) / Friday 20 November 2026, 12:00 UTC\n\n"
	if !strings.HasPrefix(got, want) {
		t.Errorf("DESCRIPTION:\n got %q\nwant it to start with %q", got, want)
	}
}

// A description that opens with a code block keeps the indentation of
// its first line in the feed, as on the page.
func TestDescriptionOpensWithCode(t *testing.T) {
	files := slipSite(`date = 2026-10-29`)
	files["releases/v1.0.toml"] = strings.Replace(files["releases/v1.0.toml"], `name = "Code freeze"`,
		`name = "Code freeze"`+"\ndescription = '''\n\n```\n  git tag -s v1.0.0\ngit push --tags\n```\n'''", 1)
	h := site(t, files)
	cal := parse(t, "v1.0", feeds(t, h)["releases/v1.0/calendar.ics"])
	got := prop(t, find(t, cal, "v1.0.code-freeze@handbook.example.org"), ics.ComponentPropertyDescription)
	if want := "  git tag -s v1.0.0\ngit push --tags\n\n"; !strings.HasPrefix(got, want) {
		t.Errorf("DESCRIPTION:\n got %q\nwant it to start with %q", got, want)
	}
}

func TestStampDefault(t *testing.T) {
	h := site(t, slipSite(`date = 2026-10-29`))
	out, err := Feeds(h, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out["calendar.ics"], []byte("DTSTAMP:20000101T000000Z\r\n")) {
		t.Errorf("zero Stamp is not 2000-01-01")
	}
}

// TestCheckICS runs the independent validator (libical plus RFC 5545 byte
// rules) on every feed of the example, when it is installed: set
// CHECK_ICS to its path, or keep the shared tools next to the repository.
func TestCheckICS(t *testing.T) {
	all := map[string][]byte{}
	for p, data := range feeds(t, example(t)) {
		all["example/"+p] = data
	}
	for p, data := range feeds(t, site(t, utf8Site())) {
		all["utf8/"+p] = data
	}
	for p, data := range feeds(t, site(t, weekSite())) {
		all["weeks/"+p] = data
	}
	for p, data := range feeds(t, site(t, zoneSite())) {
		all["zones/"+p] = data
	}
	// Text that would add a property at every character some parser
	// ends a line at (see parserLineBreaks), in every field. (Not
	// END:VEVENT: check-ics finds events with a regular expression that
	// would stop at those words inside a value, where they are harmless
	// text; FuzzFeedLineBreaks tries them.)
	breakOut := func(s string) string {
		var b strings.Builder
		for _, r := range parserLineBreaks + "\r\n\x00\x1b\u009b" {
			b.WriteString(s + string(r) + "X-INJECTED:1" + string(r) + "SUMMARY:injected" + string(r) + " ")
		}
		return b.String()
	}
	hostile := newHostileSite(t).set(breakOut("Name"), breakOut("Description"), breakOut("https://m/j"), breakOut("Note"))
	for p, data := range feeds(t, hostile) {
		all["hostile/"+p] = data
	}
	icscheck.Run(t, all)
}

func TestNoReleases(t *testing.T) {
	h := site(t, map[string]string{"roles/lead.md": "+++\ntitle = \"Release Lead\"\n+++\n\n## Week 1 {when=\"week 1\"}\n\n- [ ] Start\n"})
	out := feeds(t, h)
	if len(out) != 2 || out["calendar.ics"] == nil || out["roles/lead.ics"] == nil {
		t.Errorf("feeds of a handbook without releases: %d", len(out))
	}
	for name, data := range out {
		if cal := parse(t, name, data); len(cal.Events()) != 0 {
			t.Errorf("%s has events", name)
		}
	}
}
