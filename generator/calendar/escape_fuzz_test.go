package calendar

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
)

// fuzzContentLine is an unfolded content line: a name, parameters, a colon
// and a value (RFC 5545 §3.1).
var fuzzContentLine = regexp.MustCompile(`^[A-Z][A-Z0-9-]*(;[A-Z0-9-]+=("[^"]*"|[^";:,]*)(,("[^"]*"|[^";:,]*))*)*:`)

// FuzzTextProperties: whatever an author writes in a milestone's name, a
// release's name, a meeting's name or a description, every feed is made
// of CRLF-terminated content lines of at most 75 octets that keep UTF-8
// characters whole; no text starts a property or an event of its own;
// golang-ical reads back as many events as were written; and SUMMARY and
// CATEGORIES unescape to the text on one line.
func FuzzTextProperties(f *testing.F) {
	f.Add("Code Freeze", "v1.0", "Some *markdown*; with, commas\\ and {{code-freeze}}")
	f.Add("Freeze\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil", "R\nX-INJECTED:1", "line\r\nSUMMARY:injected")
	f.Add(strings.Repeat("Déploiement – 発表 – ✓ \\, ", 9), strings.Repeat("\\", 80), strings.Repeat("é", 100))
	f.Add("\x00\x01\x7f\t tab", ";,:\"'", "\r\r\n\n")
	f.Add("", "", "")
	f.Fuzz(func(t *testing.T, name, release, desc string) {
		if !utf8.ValidString(name + release + desc) {
			return // the loader accepts only UTF-8 text
		}
		h := site(t, map[string]string{"releases/v1.toml": `name = "v1"
start = 2026-10-05
timezone = "Europe/Berlin"

[milestone.code-freeze]
date = 2026-11-06
time = "AoE"
key = true
owner = ["lead"]

[milestone.release]
date = 2026-12-02
key = true

[meeting.sync]
every = "week"
on = ["Monday"]
time = "10:00"
roles = ["lead"]
`})
		r := h.Releases[0]
		r.Name = release
		for _, m := range r.Milestones {
			m.Name, m.Description = name, parseDescription(desc)
		}
		for _, m := range r.Meetings {
			m.Name = name
		}
		h.Title = release
		out, err := Feeds(h, Options{Stamp: stamp})
		if err != nil {
			t.Fatal(err)
		}
		// The code freeze is AoE: "Name (Release, AoE)", and in the
		// feeds of its release "Name (AoE)".
		wantSummary, wantShort := oneLine(name+" ("+release+", AoE)"), oneLine(name+" (AoE)")
		for path, data := range out {
			if bytes.Contains(bytes.ReplaceAll(data, []byte("\r\n"), nil), []byte("\n")) ||
				bytes.Contains(bytes.ReplaceAll(data, []byte("\r\n"), nil), []byte("\r")) {
				t.Fatalf("%s: a bare CR or LF", path)
			}
			for _, l := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
				if len(l) > maxLine {
					t.Fatalf("%s: a line of %d octets: %q", path, len(l), l)
				}
				if !utf8.ValidString(l) {
					t.Fatalf("%s: a line splits a character: %q", path, l)
				}
			}
			unfolded := strings.ReplaceAll(string(data), "\r\n ", "")
			begins, summaries := 0, 0
			var uid string
			for _, l := range strings.Split(strings.TrimSuffix(unfolded, "\r\n"), "\r\n") {
				if !fuzzContentLine.MatchString(l) {
					t.Fatalf("%s: not a content line: %q", path, l)
				}
				switch {
				case l == "BEGIN:VEVENT":
					begins++
				case strings.HasPrefix(l, "UID:"):
					uid = strings.TrimPrefix(l, "UID:")
				case strings.HasPrefix(l, "SUMMARY:") && strings.HasPrefix(uid, "v1.code-freeze@"):
					summaries++
					want := wantSummary
					if strings.HasPrefix(path, "releases/") {
						want = wantShort
					}
					if got := fuzzUnescape(strings.TrimPrefix(l, "SUMMARY:")); got != want {
						t.Fatalf("%s: SUMMARY reads back as %q, want %q", path, got, want)
					}
				case strings.HasPrefix(l, "CATEGORIES:") && strings.HasPrefix(uid, "v1.code-freeze@"):
					if got := fuzzUnescape(strings.TrimPrefix(l, "CATEGORIES:")); got != oneLine(release) && got != "Milestone" && got != "Key date" {
						t.Fatalf("%s: CATEGORIES reads back as %q", path, got)
					}
				}
			}
			if strings.Contains(path, "v1/calendar.ics") && summaries != 1 {
				t.Fatalf("%s: %d SUMMARY lines for code-freeze, want 1", path, summaries)
			}
			cal, err := ics.ParseCalendar(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: golang-ical cannot read it: %v", path, err)
			}
			if len(cal.Events()) != begins {
				t.Fatalf("%s: %d events written, golang-ical reads %d", path, begins, len(cal.Events()))
			}
		}
	})
}

// fuzzUnescape undoes TEXT escaping (RFC 5545 §3.3.11).
func fuzzUnescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
