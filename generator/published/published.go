// Package published is relbook's memory of what its calendar feeds have
// published: the file published.toml beside handbook.toml, kept the way
// Go keeps go.sum. It is committed with the handbook, written only by
// `relbook feeds --update`, and read by every build.
//
// Subscribers' calendar clients decide whether to apply an update by an
// event's SEQUENCE and LAST-MODIFIED (RFC 5545 §3.8.7.4). A build cannot
// know that an event changed since the last publication from the
// handbook alone, so the file records, for every event UID, what a
// subscriber sees of it (its [Visible] lines: SUMMARY, DTSTART, DTEND or
// DURATION, RRULE, EXDATE, RDATE and STATUS), the SEQUENCE it was
// published with and when it last changed:
//
//	version = 1
//
//	[event."v3.4.code-freeze@lighthouse.example.org"]
//	sequence = 2
//	modified = 2026-11-20T09:00:00Z
//	slips = 1
//	feeds = ["calendar.ics", "releases/v3.4/calendar.ics"]
//	ical = ["SUMMARY:Code freeze (Lighthouse v3.4\\, AoE)", "DTSTART:20261119T120000Z", "DURATION:PT0S"]
//
// [Update] makes the next memory from the previous one and the events of
// a build: an event whose lines differ gets one more sequence and a new
// modified time, a new event starts at the sequence its `was` entries
// give it, an unchanged one keeps everything, and an event the handbook
// no longer has is marked cancelled (one more sequence), kept so that
// feeds go on announcing it as STATUS:CANCELLED, and forgotten
// [CancelledFor] after the later of its last day and its cancellation.
// [Stale] says whether a memory is out of date for a build: what
// `relbook check` reports.
//
// A build is a function of the handbook, this file and the site's
// timestamp: it needs no network and no history, so a shallow clone in
// CI builds the same bytes.
package published

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/internal/tomlspan"
)

// File is the memory's name, beside handbook.toml.
const File = "published.toml"

// Version is the version of the file's shape.
const Version = 1

// CancelledFor is how long a removed event is still published as
// cancelled, counted from the later of its last day and its
// cancellation.
const CancelledFor = 90 * 24 * time.Hour

// Memory is what the feeds have published, by event UID.
type Memory struct {
	Events map[string]*Event
}

// Event is one published event.
type Event struct {
	// Sequence is the SEQUENCE it was last published with.
	Sequence int
	// Modified is its LAST-MODIFIED (and DTSTAMP): when what a
	// subscriber sees of it last changed.
	Modified time.Time
	// Slips is the number of `was` entries its date depends on, for a
	// milestone or a patch: a date that moves without a new one is
	// warned (moved-without-was).
	Slips int
	// Feeds are the feeds that held it, by path in the output folder.
	Feeds []string
	// Lines are what a subscriber sees of it (see Visible).
	Lines []string
	// Cancelled, when set, is when the handbook stopped having it.
	Cancelled time.Time
}

// Seen is an event of a build, as the memory records it.
type Seen struct {
	UID string
	// Sequence is the SEQUENCE its `was` entries give it.
	Sequence int
	Slips    int
	Feeds    []string
	Lines    []string
}

// Visible returns what a subscriber sees of a VEVENT, as written by a
// feed (folded, CRLF line ends): its SUMMARY, DTSTART, DTEND, DURATION,
// RRULE, EXDATE, RDATE and STATUS lines, unfolded, in the order written.
// These are the properties whose change RFC 5545 §3.8.7.4 asks SEQUENCE
// to announce, with the summary, which clients show.
func Visible(vevent []byte) []string {
	text := strings.ReplaceAll(string(vevent), "\r\n ", "")
	var lines []string
	for line := range strings.SplitSeq(text, "\r\n") {
		if visibleLine(line) {
			lines = append(lines, line)
		}
	}
	return lines
}

// visibleProperties are the properties Visible keeps.
var visibleProperties = []string{"SUMMARY", "DTSTART", "DTEND", "DURATION", "RRULE", "EXDATE", "RDATE", "STATUS"}

// visibleLine reports whether line is a content line of one of the
// visibleProperties: the name, then parameters or the value.
func visibleLine(line string) bool {
	i := strings.IndexAny(line, ";:")
	return i >= 0 && strings.Contains(line[i:], ":") && slices.Contains(visibleProperties, strings.ToUpper(line[:i]))
}

// hasControl reports whether s holds a control character, which no
// content line relbook writes does once unfolded.
func hasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f || 0x80 <= r && r < 0xa0 })
}

// Read reads the memory from the site folder. Without the file it
// returns nil and no problems: feeds then behave as they always did.
func Read(fsys fs.FS) (*Memory, diag.List) {
	data, err := fs.ReadFile(fsys, File)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var diags diag.List
	if err != nil {
		diags.Errorf(diag.Pos{Path: File}, "%v", err)
		return nil, diags
	}
	m, diags := Parse(data)
	return m, diags
}

// file is the shape of published.toml.
type file struct {
	Version int               `toml:"version"`
	Event   map[string]*entry `toml:"event"`
}

type entry struct {
	Sequence  int       `toml:"sequence"`
	Modified  time.Time `toml:"modified"`
	Slips     int       `toml:"slips"`
	Cancelled time.Time `toml:"cancelled"`
	Feeds     []string  `toml:"feeds"`
	ICal      []string  `toml:"ical"`
}

// Parse reads published.toml's bytes. Problems are reported at their
// place in the file; the file is written by relbook, so they mean it was
// edited by hand or merged badly, and the message says how to mend it.
func Parse(data []byte) (*Memory, diag.List) {
	var diags diag.List
	if at := tomlspan.TooDeep(string(data)); at >= 0 {
		// As every TOML file relbook reads: nesting is bounded before
		// the decoder sees it (see tomlspan.MaxDepth).
		line := bytes.Count(data[:at], []byte("\n")) + 1
		diags.Errorf(diag.Pos{Path: File, Line: line, Col: at - bytes.LastIndexByte(data[:at], '\n')}, "arrays and inline tables nest more than %d deep here; relbook reads at most %d levels", tomlspan.MaxDepth, tomlspan.MaxDepth)
		return nil, diags
	}
	var f file
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		pos := diag.Pos{Path: File, Line: 1, Col: 1}
		var perr toml.ParseError
		if errors.As(err, &perr) {
			pos.Line, pos.Col = perr.Position.Line, max(perr.Position.Col, 1)
		}
		diags.Errorf(pos, "%s cannot be read (%s); take it back from version control, or delete it and run `relbook feeds --update`", File, firstLine(err.Error()))
		return nil, diags
	}
	for _, key := range md.Undecoded() {
		diags.Errorf(at(data, key), "unknown key %q: %s is written by `relbook feeds --update`; do not edit it by hand", key.String(), File)
	}
	if f.Version != Version {
		diags.Errorf(at(data, toml.Key{"version"}), "%s has version %d; this relbook reads version %d", File, f.Version, Version)
	}
	m := &Memory{Events: make(map[string]*Event, len(f.Event))}
	for _, uid := range slices.Sorted(maps.Keys(f.Event)) {
		e := f.Event[uid]
		pos := at(data, toml.Key{"event", uid})
		if e.Modified.IsZero() || len(e.ICal) == 0 {
			diags.Errorf(pos, "event %q has no modified time or no ical lines; run `relbook feeds --update`", uid)
			continue
		}
		if y := e.Modified.UTC().Year(); y < handbook.MinYear || y > handbook.MaxYear {
			diags.Errorf(pos, "event %q: modified %s is outside the years %d–%d that feeds hold", uid, e.Modified.UTC().Format(time.RFC3339), handbook.MinYear, handbook.MaxYear)
			continue
		}
		// A cancelled event is written into the feeds from these lines:
		// only the properties Visible keeps, on one line each, so that
		// the file can add nothing else to a feed.
		if hasControl(uid) {
			diags.Errorf(pos, "event %q: a UID has no control characters; take the file back from version control", uid)
			continue
		}
		bad := false
		for _, line := range e.ICal {
			if !visibleLine(line) || hasControl(line) {
				diags.Errorf(pos, "event %q: %q is not a line relbook writes (%s); take the file back from version control, or delete it and run `relbook feeds --update`", uid, line, strings.Join(visibleProperties, ", "))
				bad = true
				break
			}
		}
		if bad {
			continue
		}
		m.Events[uid] = &Event{
			Sequence: e.Sequence, Modified: e.Modified.UTC(), Slips: e.Slips,
			Feeds: e.Feeds, Lines: e.ICal, Cancelled: e.Cancelled.UTC(),
		}
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return m, diags
}

// at is where key was written: the line of its table header or of the
// key itself, as relbook writes the file; line 1 when it is not found.
func at(data []byte, key toml.Key) diag.Pos {
	want := key[len(key)-1]
	if len(key) == 2 && key[0] == "event" {
		want = "[event." + quote(key[1]) + "]"
	}
	for i, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed == want || strings.HasPrefix(trimmed, want+" ") || strings.HasPrefix(trimmed, want+"=") {
			return diag.Pos{Path: File, Line: i + 1, Col: len(line) - len(strings.TrimLeft(line, " \t")) + 1}
		}
	}
	return diag.Pos{Path: File, Line: 1, Col: 1}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// Encode writes the memory as published.toml: events by UID, one feed
// and one line a row, so that a change shows in a review as the lines a
// subscriber will see change.
func (m *Memory) Encode() []byte {
	var b bytes.Buffer
	b.WriteString("# What relbook's calendar feeds have published: written by\n")
	b.WriteString("# `relbook feeds --update`, checked by `relbook check`. Commit it with the\n")
	b.WriteString("# handbook and do not edit it by hand (see docs/format.md).\n")
	fmt.Fprintf(&b, "version = %d\n", Version)
	for _, uid := range slices.Sorted(maps.Keys(m.Events)) {
		e := m.Events[uid]
		fmt.Fprintf(&b, "\n[event.%s]\n", quote(uid))
		fmt.Fprintf(&b, "sequence = %d\n", e.Sequence)
		fmt.Fprintf(&b, "modified = %s\n", e.Modified.UTC().Format(time.RFC3339))
		if e.Slips > 0 {
			fmt.Fprintf(&b, "slips = %d\n", e.Slips)
		}
		if !e.Cancelled.IsZero() {
			fmt.Fprintf(&b, "cancelled = %s\n", e.Cancelled.UTC().Format(time.RFC3339))
		}
		writeArray(&b, "feeds", e.Feeds)
		writeArray(&b, "ical", e.Lines)
	}
	return b.Bytes()
}

func writeArray(b *bytes.Buffer, key string, values []string) {
	b.WriteString(key + " = [\n")
	for _, v := range values {
		b.WriteString("  " + quote(v) + ",\n")
	}
	b.WriteString("]\n")
}

// quote writes s as a TOML basic string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Changes are the differences between a memory and a build, by UID.
type Changes struct {
	Added, Changed, Cancelled, Restored, Forgotten []string
	// Moved are the events whose lines stay but whose feeds or slips
	// changed: nothing a subscriber's client compares, but what the
	// memory needs to cancel them in the right feeds later.
	Moved []string
}

// Empty reports whether there is nothing to write.
func (c Changes) Empty() bool {
	return len(c.Added)+len(c.Changed)+len(c.Cancelled)+len(c.Restored)+len(c.Forgotten)+len(c.Moved) == 0
}

// Update returns the memory after a build that has the events seen,
// made at the instant now, and what changed. A nil memory is an empty
// one. m is not modified.
func Update(m *Memory, seen []Seen, now time.Time) (*Memory, Changes) {
	now = now.UTC().Truncate(time.Second)
	next := &Memory{Events: make(map[string]*Event, len(seen))}
	var c Changes
	var old map[string]*Event
	if m != nil {
		old = m.Events
	}
	for _, s := range seen {
		prev := old[s.UID]
		e := &Event{Sequence: s.Sequence, Modified: now, Slips: s.Slips, Feeds: s.Feeds, Lines: s.Lines}
		switch {
		case prev == nil:
			c.Added = append(c.Added, s.UID)
		case !prev.Cancelled.IsZero():
			e.Sequence = max(prev.Sequence+1, s.Sequence)
			c.Restored = append(c.Restored, s.UID)
		case !slices.Equal(prev.Lines, s.Lines):
			e.Sequence = max(prev.Sequence+1, s.Sequence)
			c.Changed = append(c.Changed, s.UID)
		default:
			e.Sequence, e.Modified = max(prev.Sequence, s.Sequence), prev.Modified
			if !slices.Equal(prev.Feeds, s.Feeds) || prev.Slips != s.Slips || e.Sequence != prev.Sequence {
				c.Moved = append(c.Moved, s.UID)
			}
		}
		next.Events[s.UID] = e
	}
	for _, uid := range slices.Sorted(maps.Keys(old)) {
		prev := old[uid]
		if next.Events[uid] != nil {
			continue
		}
		if prev.Cancelled.IsZero() {
			e := *prev
			e.Sequence++
			e.Modified, e.Cancelled = now, now
			next.Events[uid] = &e
			c.Cancelled = append(c.Cancelled, uid)
			continue
		}
		if now.After(latest(prev.Cancelled, LastDay(prev.Lines)).Add(CancelledFor)) {
			c.Forgotten = append(c.Forgotten, uid)
			continue
		}
		next.Events[uid] = prev
	}
	for _, list := range []*[]string{&c.Added, &c.Changed, &c.Restored, &c.Moved} {
		slices.Sort(*list)
	}
	return next, c
}

// Stale reports how the memory differs from a build with the events
// seen: what `relbook feeds --update` would write, less the cancelled
// events it would forget, which are not a reason to fail a check.
func Stale(m *Memory, seen []Seen) Changes {
	_, c := Update(m, seen, time.Unix(0, 0))
	c.Forgotten = nil
	return c
}

func latest(a time.Time, d handbook.Date) time.Time {
	if end := d.Time(time.UTC).AddDate(0, 0, 1); end.After(a) {
		return end
	}
	return a
}

// LastDay is the last day an event's lines name: the latest date in its
// DTSTART, DTEND, RRULE UNTIL, EXDATE and RDATE values. A cancelled event
// is kept until CancelledFor after it.
func LastDay(lines []string) handbook.Date {
	var last handbook.Date
	for _, line := range lines {
		_, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		for i := 0; i+8 <= len(value); i++ {
			if i > 0 && isDigit(value[i-1]) {
				continue
			}
			if d, ok := parseDate(value[i : i+8]); ok && d > last {
				last = d
			}
		}
	}
	return last
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// parseDate reads YYYYMMDD.
func parseDate(s string) (handbook.Date, bool) {
	n, err := strconv.Atoi(s)
	if err != nil || s[0] == '+' || s[0] == '-' {
		return 0, false
	}
	y, mo, d := n/10000, n/100%100, n%100
	return handbook.DateOf(y, time.Month(mo), d)
}
