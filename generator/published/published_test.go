package published

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/relbook/relbook/generator/handbook"
)

func TestVisible(t *testing.T) {
	vevent := "BEGIN:VEVENT\r\nUID:1.0.sync@example.org\r\nDTSTAMP:20260101T000000Z\r\nSEQUENCE:3\r\n" +
		"SUMMARY:Release sync with a long name that folds onto a second line of t\r\n he feed\r\n" +
		"DTSTART;TZID=America/Los_Angeles:20260203T100000\r\nDTEND;TZID=America/Los_Angeles:20260203T103000\r\n" +
		"RRULE:FREQ=WEEKLY;BYDAY=TU;WKST=MO;UNTIL=20260321T065959Z\r\nEXDATE;TZID=America/Los_Angeles:20260217T100000\r\n" +
		"DESCRIPTION:Not compared\r\nEND:VEVENT\r\n"
	want := []string{
		"SUMMARY:Release sync with a long name that folds onto a second line of the feed",
		"DTSTART;TZID=America/Los_Angeles:20260203T100000",
		"DTEND;TZID=America/Los_Angeles:20260203T103000",
		"RRULE:FREQ=WEEKLY;BYDAY=TU;WKST=MO;UNTIL=20260321T065959Z",
		"EXDATE;TZID=America/Los_Angeles:20260217T100000",
	}
	if got := Visible([]byte(vevent)); !slices.Equal(got, want) {
		t.Errorf("Visible:\n%q\nwant\n%q", got, want)
	}
	if got := LastDay(want); got != handbook.MustDate(2026, 3, 21) {
		t.Errorf("LastDay = %s, want the UNTIL day", got)
	}
}

func TestEncodeParses(t *testing.T) {
	m := &Memory{Events: map[string]*Event{
		"1.0.freeze@example.org": {Sequence: 2, Slips: 1, Modified: time.Date(2026, 2, 3, 9, 0, 0, 0, time.UTC),
			Feeds: []string{"calendar.ics"}, Lines: []string{`SUMMARY:Freeze (A\, "quoted" \\ back)`, "DTSTART;VALUE=DATE:20260226"}},
		"1.0.beta@example.org": {Sequence: 1, Modified: time.Date(2026, 2, 4, 0, 0, 0, 0, time.UTC),
			Cancelled: time.Date(2026, 2, 4, 0, 0, 0, 0, time.UTC), Feeds: []string{"calendar.ics"}, Lines: []string{"SUMMARY:Béta ✓ 测试"}},
	}}
	back, diags := Parse(m.Encode())
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for uid, e := range m.Events {
		got := back.Events[uid]
		if got == nil || got.Sequence != e.Sequence || got.Slips != e.Slips || !got.Modified.Equal(e.Modified) ||
			!got.Cancelled.Equal(e.Cancelled) || !slices.Equal(got.Lines, e.Lines) || !slices.Equal(got.Feeds, e.Feeds) {
			t.Errorf("%s: %+v, want %+v", uid, got, e)
		}
	}
}

func TestUpdate(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	seen := []Seen{{UID: "a", Sequence: 1, Lines: []string{"DTSTART;VALUE=DATE:20260301"}}}
	m, c := Update(nil, seen, t0)
	if !slices.Equal(c.Added, []string{"a"}) || m.Events["a"].Sequence != 1 {
		t.Fatalf("a new event starts at its was count: %+v %+v", c, m.Events["a"])
	}
	if _, c := Update(m, seen, t0.Add(time.Hour)); !c.Empty() {
		t.Errorf("nothing changed, yet %+v", c)
	}
	if c := Stale(m, seen); !c.Empty() {
		t.Errorf("stale: %+v", c)
	}
	m2, c := Update(m, nil, t0.Add(time.Hour))
	if !slices.Equal(c.Cancelled, []string{"a"}) || m2.Events["a"].Sequence != 2 || m2.Events["a"].Cancelled.IsZero() {
		t.Errorf("a removed event is cancelled with one more sequence: %+v %+v", c, m2.Events["a"])
	}
	// Kept until 90 days after the later of its last day and its
	// cancellation.
	if _, c := Update(m2, nil, time.Date(2026, 5, 30, 0, 0, 0, 0, time.UTC)); len(c.Forgotten) != 0 {
		t.Errorf("forgotten 89 days after its day: %+v", c)
	}
	if _, c := Update(m2, nil, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)); len(c.Forgotten) != 1 {
		t.Errorf("kept more than 90 days after its day: %+v", c)
	}
	m3, c := Update(m2, seen, t0.Add(2*time.Hour))
	if !slices.Equal(c.Restored, []string{"a"}) || m3.Events["a"].Sequence != 3 || !m3.Events["a"].Cancelled.IsZero() {
		t.Errorf("an event back after its cancellation: %+v %+v", c, m3.Events["a"])
	}
}

// BenchmarkParse reads a memory of 15,000 events, as many as the large
// synthetic handbook of cmd/benchgen publishes (about 4.6 MB).
func BenchmarkParse(b *testing.B) {
	m := &Memory{Events: map[string]*Event{}}
	for i := range 15000 {
		m.Events[fmt.Sprintf("r%d.role-%d.when-%d@example.org", i%40, i%13, i)] = &Event{
			Sequence: i % 3, Modified: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC),
			Feeds: []string{"calendar.ics", "releases/r1/calendar.ics", "releases/r1/role.ics", "roles/role.ics"},
			Lines: []string{"SUMMARY:Week 3 tasks of the role (Release r1)", "DTSTART;VALUE=DATE:20261119", "DTEND;VALUE=DATE:20261120"},
		}
	}
	data := m.Encode()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, diags := Parse(data); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}

// TestParseRefusesOtherLines: a cancelled event is written into the
// feeds from its lines, so the file may hold only the lines relbook
// writes there, each a line of its own; anything else is refused where it
// is written, and nothing of the file is used.
func TestParseRefusesOtherLines(t *testing.T) {
	for _, line := range []string{
		"END:VEVENT",
		"BEGIN:VALARM",
		"X-INJECTED:1",
		"SUMMARY:two\rlines",
		"SUMMARY:a\u0085b",
		"DTSTART",
		"SUMMARY",
	} {
		m := &Memory{Events: map[string]*Event{"1.0.x@example.org": {Sequence: 1, Modified: time.Date(2026, 2, 3, 9, 0, 0, 0, time.UTC), Cancelled: time.Date(2026, 2, 3, 9, 0, 0, 0, time.UTC), Lines: []string{"DTSTART;VALUE=DATE:20260226", line}}}}
		got, diags := Parse(m.Encode())
		if got != nil || !diags.HasErrors() || diags[0].Pos.Line != 6 {
			t.Errorf("%q: read as %v, problems %v", line, got, diags)
		}
	}
}

// TestParseRefusesYearsFeedsCannotHold: a modified time before 1900 is
// refused, as an updated time is.
func TestParseRefusesYearsFeedsCannotHold(t *testing.T) {
	data := []byte("version = 1\n[event.\"a@example.org\"]\nsequence = 1\nmodified = 0001-01-01T00:00:01Z\nfeeds = []\nical = [\"DTSTART;VALUE=DATE:20260226\"]\n")
	if m, diags := Parse(data); m != nil || !diags.HasErrors() {
		t.Errorf("year 1 read as %v, %v", m, diags)
	}
}

// TestParseBoundsNesting: nesting is refused before the decoder sees it,
// as in every TOML file relbook reads.
func TestParseBoundsNesting(t *testing.T) {
	data := []byte("version = 1\nx = " + strings.Repeat("[", 10000) + "\n")
	m, diags := Parse(data)
	if m != nil || len(diags) != 1 || diags[0].Pos.Line != 2 || !strings.Contains(diags[0].Message, "nest more than") {
		t.Errorf("deep nesting read as %v, %v", m, diags)
	}
}
