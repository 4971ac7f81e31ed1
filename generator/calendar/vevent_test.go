package calendar

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode"

	ics "github.com/arran4/golang-ical"

	"github.com/relbook/relbook/generator/handbook"
)

// Task deadlines and phases are written straight to bytes (allDayEvent);
// everything else goes through golang-ical. Both must write the same
// event the same way, whatever the text holds.
func TestAllDayEventSameAsGolangICal(t *testing.T) {
	b := newBuilder(&handbook.Handbook{UIDDomain: "example.org"}, time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), nil)
	long := strings.Repeat("Ünïcödé, semi; colon: back\\slash ", 12)
	for _, c := range []struct {
		e    allDayEvent
		list string // the list, before escaping
	}{
		{e: allDayEvent{uid: "v1.docs.week-3", sequence: 0, summary: summary{"Docs: Week 3 (Lighthouse v1)", "Docs: Week 3"}, first: handbook.MustDate(2026, 10, 23), last: handbook.MustDate(2026, 10, 23),
			categories: []string{"Lighthouse v1", "Checklist"}, desc: "Due Friday 23 October 2026 (week 3).\n\n- Do a thing\n  - a step", url: "https://example.org/releases/v1/docs/"}},
		{e: allDayEvent{uid: "v1.x;y,z\\w", sequence: 7, summary: summary{"  Spaced\n out,\r\n title; \x01 ", "Spaced;\n\x01"}, first: handbook.MustDate(2026, 12, 31), last: handbook.MustDate(2027, 1, 2),
			categories: []string{"A, B; C", "Phase", long}, desc: "\n\n" + long + "\r\nline\rtwo\ttab\x7f", url: "https://example.org/a,b;c/#x"}},
		{e: allDayEvent{uid: "empty", first: handbook.MustDate(2000, 2, 29), last: handbook.MustDate(2000, 2, 29), url: "https://example.org/"}},
		{e: allDayEvent{uid: "v1.docs.list", first: handbook.MustDate(2026, 1, 5), last: handbook.MustDate(2026, 1, 5), categories: []string{"R", "Checklist"},
			desc: "  Due Monday 5 January 2026 (code-freeze - 1w).", url: "https://example.org/r/;,/"},
			list: "- Tag; push, and \\ wait\n  - a step, " + long + "\n- "},
	} {
		e, desc := c.e, c.e.desc
		if c.list != "" {
			// The list as allDay gets it, escaped already, and as
			// golang-ical gets it.
			desc += "\n\n" + c.list
			e.list = func(out []byte) []byte { return append(out, escapeList(c.list)...) }
		}
		want := b.newEvent(e.uid, e.sequence, e.summary)
		want.allDay(e.first, e.last)
		want.finish(true, e.categories, desc, e.url)
		want.serialize()
		if want.err != nil {
			t.Fatal(want.err)
		}
		got := b.allDay(e)
		if !bytes.Equal(got.ics, want.ics) {
			t.Errorf("%s:\n got %q\nwant %q", e.uid, got.ics, want.ics)
		}
		if !bytes.Equal(got.inItsRelease(), want.inItsRelease()) {
			t.Errorf("%s, in its release:\n got %q\nwant %q", e.uid, got.inItsRelease(), want.inItsRelease())
		}
		if e.summary.short != "" {
			// The splice is the event golang-ical writes with the
			// short summary.
			short := b.newEvent(e.uid, e.sequence, summary{e.summary.short, ""})
			short.allDay(e.first, e.last)
			short.finish(true, e.categories, desc, e.url)
			short.serialize()
			if !bytes.Equal(got.inItsRelease(), short.ics) {
				t.Errorf("%s, in its release:\n got %q\nwant %q", e.uid, got.inItsRelease(), short.ics)
			}
		}
		if (got.shortLine != nil) != (e.summary.short != "") {
			t.Errorf("%s: short summary %q gives %q", e.uid, e.summary.short, got.inItsRelease())
		}
		if got.uid != want.uid || got.day != want.day || got.at != want.at {
			t.Errorf("%s: uid, day, at = %s %v %v, want %s %v %v", e.uid, got.uid, got.day, got.at, want.uid, want.day, want.at)
		}
	}
}

// escapeList escapes a whole list at once, the way golang-ical escapes a
// DESCRIPTION: what guideInfo.appendTaskList does a line at a time.
func escapeList(list string) string {
	return ics.ToText(cleanText(strings.TrimRightFunc(list, unicode.IsSpace)))
}

// inItsRelease is the event as the feeds of its release write it.
func (e *event) inItsRelease() []byte {
	return e.appendIn(nil, &feed{inRelease: true})
}
