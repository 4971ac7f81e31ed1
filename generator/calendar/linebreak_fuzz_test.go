package calendar

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/markdown"
)

// parserLineBreaks are the characters some common parser ends a line at:
// CR and LF (most), and VT, FF, FS, GS, RS, NEL, LS and PS as well
// (Python's str.splitlines, which the Python icalendar library splits a
// feed with; LS and PS in JavaScript). Listed here, apart from
// cleanText, so that the tests do not take the gate's word for it.
const parserLineBreaks = "\r\n\v\f\x1c\x1d\x1e\u0085\u2028\u2029"

// lineBreakSite is a handbook with one of every kind of event, and the
// text of every feed-bound field that is not an id.
const lineBreakSite = `name = "v1"
start = 2026-10-05
timezone = "Europe/Berlin"

[milestone.feature-freeze]
date = 2026-11-06
time = "AoE"
key = true
owner = ["lead"]
was = [2026-10-30]

[milestone.release]
date = 2026-12-02
key = true
owner = ["docs"]

[phase.stabilise]
from = "feature-freeze"
to = "release"

[meeting.sync]
every = "week"
on = ["Monday"]
time = "10:00"
until = "feature-freeze"
roles = ["lead", "docs"]

[team]
lead = ["Ada"]
`

const lineBreakGuide = `+++
title = "Release Lead"
+++

## Before the freeze {when="feature-freeze - 1w"}

- [ ] Remind everyone
  - [ ] a step
`

// hostileSite is lineBreakSite resolved once, for fuzzing: set puts
// text in every field that reaches a feed, straight on the resolved
// handbook, past the loader and resolve: names, descriptions, urls,
// notes, role titles, task and heading texts, the handbook's title,
// base URL and UID domain. Team members are set too: no feed shows them
// today, and the property must hold if one ever does.
type hostileSite struct {
	h               *handbook.Handbook
	base, uidDomain string
}

func newHostileSite(t testing.TB) *hostileSite {
	h := site(t, map[string]string{"releases/v1.toml": lineBreakSite, "roles/lead.md": lineBreakGuide})
	return &hostileSite{h: h, base: h.BaseURL, uidDomain: h.UIDDomain}
}

func (s *hostileSite) set(name, desc, url, note string) *handbook.Handbook {
	h := s.h
	h.Title = name
	h.BaseURL = s.base + url
	h.UIDDomain = s.uidDomain + url
	for _, r := range h.Releases {
		r.Name = name
		for _, m := range r.Milestones {
			m.Name, m.Description, m.URL, m.Note = name, parseDescription(desc), url, note
			for i := range m.Was {
				m.Was[i].Note = note
			}
		}
		for _, p := range r.Phases {
			p.Name, p.Description = name, parseDescription(desc)
		}
		for _, m := range r.Meetings {
			m.Name, m.URL = name, url
		}
		for i := range r.Team {
			r.Team[i].People = []string{note}
		}
	}
	for _, role := range h.Roles {
		role.Title = name
		if role.Guide == nil {
			continue
		}
		for i := range role.Guide.Headings {
			role.Guide.Headings[i].Plain.Text = name
		}
		var walk func([]*markdown.Task)
		walk = func(tasks []*markdown.Task) {
			for _, task := range tasks {
				task.Plain.Text = desc
				walk(task.Steps)
			}
		}
		walk(role.Guide.Tasks)
	}
	return h
}

// FuzzFeedLineBreaks: whatever text the fields of a handbook hold, no
// character that any common parser reads as a line break, and no other
// control character, appears inside a content line of any feed, before
// or after unfolding; every feed holds the events it holds with plain
// text, and golang-ical reads that many back.
func FuzzFeedLineBreaks(f *testing.F) {
	f.Add("Code Freeze", "Some *markdown*; with, commas", "https://meet.example.org/x", "moved")
	f.Add("a\rEND:VEVENT\rBEGIN:VEVENT", "b\fX-FF:1", "https://m/j\rEND:VEVENT\rBEGIN:VEVENT\rUID:evil", "n\u0085X-NEL:1")
	f.Add("a\u2028END:VEVENT\u2029BEGIN:VEVENT", "b\u0085SUMMARY:x\vX-VT:1", "https://m/j\u0085END:VEVENT\u2028BEGIN:VEVENT", "\x1cX-FS:1\x1d\x1e")
	f.Add("\u009bCSI\u0080\u009f", "\x00\x01\x7f\t tab", "mailto:a@b.c\r\n", "\xff\xfe invalid")
	f.Add("", "", "", "")
	hostile := newHostileSite(f)
	plain := feeds(f, hostile.set("NAME1", "DESC2", "URL3", "NOTE4"))
	reached(f, plain)
	f.Fuzz(func(t *testing.T, name, desc, url, note string) {
		out, err := Feeds(hostile.set(name, desc, url, note), Options{Stamp: stamp})
		if err != nil {
			t.Fatal(err)
		}
		if len(out) != len(plain) {
			t.Fatalf("%d feeds, %d with plain text", len(out), len(plain))
		}
		for path, data := range out {
			checkLines(t, path, data)
			want := bytes.Count(plain[path], []byte("\r\nBEGIN:VEVENT\r\n"))
			if got := bytes.Count(data, []byte("\r\nBEGIN:VEVENT\r\n")); got != want {
				t.Fatalf("%s: %d events, %d with plain text", path, got, want)
			}
			cal, err := ics.ParseCalendar(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: golang-ical cannot read it: %v", path, err)
			}
			if len(cal.Events()) != want {
				t.Fatalf("%s: golang-ical reads %d events, want %d", path, len(cal.Events()), want)
			}
		}
	})
}

// reached fails unless each field hostileSite sets reaches the
// properties it should: a fuzz target that passes because a field never
// gets to a feed proves nothing about it.
func reached(t testing.TB, feeds map[string][]byte) {
	t.Helper()
	want := map[string][]string{
		"NAME1": {"NAME", "X-WR-CALNAME", "DESCRIPTION", "X-WR-CALDESC", "SUMMARY", "CATEGORIES"},
		"DESC2": {"DESCRIPTION"},
		"URL3":  {"SOURCE", "URL", "UID", "LOCATION", "DESCRIPTION"},
		"NOTE4": {"DESCRIPTION"},
	}
	found := map[string]bool{}
	deadline := false
	for _, data := range feeds {
		uid := ""
		for _, l := range strings.Split(strings.ReplaceAll(string(data), "\r\n ", ""), "\r\n") {
			name, value, _ := strings.Cut(l, ":")
			name, _, _ = strings.Cut(name, ";")
			if name == "UID" {
				uid = value
			}
			for marker := range want {
				if strings.Contains(value, marker) {
					found[marker+" "+name] = true
				}
			}
			deadline = deadline || name == "DESCRIPTION" && strings.Contains(uid, ".lead.") && strings.Contains(value, "- DESC2")
		}
	}
	for marker, names := range want {
		for _, name := range names {
			if !found[marker+" "+name] {
				t.Errorf("%s never reaches %s", marker, name)
			}
		}
	}
	if !deadline {
		t.Error("the task text never reaches a deadline's DESCRIPTION")
	}
}

// checkLines fails unless data is CRLF-terminated lines none of which,
// folded or unfolded, holds a line break or a control character but
// HTAB, or splits a UTF-8 character; and every unfolded line is a
// content line.
func checkLines(t *testing.T, path string, data []byte) {
	t.Helper()
	text, ok := strings.CutSuffix(string(data), "\r\n")
	if !ok {
		t.Fatalf("%s: does not end in CRLF", path)
	}
	check := func(what, l string) {
		t.Helper()
		if !utf8.ValidString(l) {
			t.Fatalf("%s: a %s line that is not UTF-8: %q", path, what, l)
		}
		for _, r := range l {
			if strings.ContainsRune(parserLineBreaks, r) || r < 0x20 && r != '\t' || 0x7f <= r && r < 0xa0 {
				t.Fatalf("%s: %U in a %s line: %q", path, r, what, l)
			}
		}
	}
	for _, l := range strings.Split(text, "\r\n") {
		check("folded", l)
	}
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n ", ""), "\r\n") {
		check("content", l)
		if !fuzzContentLine.MatchString(l) {
			t.Fatalf("%s: not a content line: %q", path, l)
		}
	}
}

// FuzzAllDayEventSameAsGolangICal is TestAllDayEventSameAsGolangICal for
// any text: the two ways of writing an event pass it through the same
// gate and write the same bytes.
func FuzzAllDayEventSameAsGolangICal(f *testing.F) {
	f.Add("v1.docs.week-3", "Docs: Week 3 (v1)", "Checklist", "Due Friday.\n\n- Do a thing", "https://example.org/releases/v1/docs/")
	f.Add("u\r\nEND:VEVENT", "s\u2028X:1", "c\u0085,;\\", "d\r\x0c\u2029\u009b\x00", "https://m/\rj\u0085 k")
	f.Add("", "", "", "", "")
	b := newBuilder(&handbook.Handbook{UIDDomain: "example.org"}, stamp, nil)
	day := handbook.MustDate(2026, 10, 23)
	f.Fuzz(func(t *testing.T, uid, title, category, desc, url string) {
		e := allDayEvent{uid: uid, summary: summary{title + " (R)", title}, first: day, last: day, categories: []string{category, "Checklist"}, desc: desc, url: url}
		want := b.newEvent(e.uid, e.sequence, e.summary)
		want.allDay(e.first, e.last)
		want.finish(true, e.categories, e.desc, e.url)
		want.serialize()
		if want.err != nil {
			t.Fatal(want.err)
		}
		got := b.allDay(e)
		if !bytes.Equal(got.ics, want.ics) || !bytes.Equal(got.inItsRelease(), want.inItsRelease()) {
			t.Fatalf("\n got %q\n     %q\nwant %q\n     %q", got.ics, got.inItsRelease(), want.ics, want.inItsRelease())
		}
		checkLines(t, "event", got.ics)
		if got.shortLine != nil {
			checkLines(t, "event in its release", got.inItsRelease())
		}
	})
}
