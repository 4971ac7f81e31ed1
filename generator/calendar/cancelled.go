package calendar

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/handbook"
)

// addCancelled adds to the feeds the events the memory has as cancelled
// (see package published): a milestone, phase, meeting or deadline the
// handbook no longer has. Each goes into every feed that held it, as
// STATUS:CANCELLED, with its last start, end, recurrence and summary, so
// that a client which imported the feed, or keeps events a feed drops,
// learns that it is gone; a cancelled series goes whole. A feed the site
// no longer has (a release removed from the handbook) is written with
// its cancelled events alone, so that calendars subscribed to it learn
// of them instead of meeting a missing file. An event the handbook has
// again is not written twice: the handbook's copy stands, and `relbook
// check` asks for the memory to be brought up to date. It returns the
// feeds with those it added.
func (b *builder) addCancelled(feeds []*feed) ([]*feed, error) {
	byPath := make(map[string]*feed, len(feeds))
	have := map[string]bool{}
	for _, f := range feeds {
		byPath[f.path] = f
		for _, e := range f.events {
			have[e.uid] = true
		}
	}
	owned := map[*feed]bool{}
	for _, uid := range slices.Sorted(maps.Keys(b.memory.Events)) {
		m := b.memory.Events[uid]
		if m.Cancelled.IsZero() || have[uid] {
			continue
		}
		e, err := cancelledEvent(uid, m.Sequence, m.Modified, m.Lines)
		if err != nil {
			return nil, fmt.Errorf("%s: event %s: %w", "published.toml", uid, err)
		}
		for _, path := range m.Feeds {
			if path == CurrentPath {
				continue // which release it follows is the day's, not the memory's
			}
			f := byPath[path]
			if f == nil {
				if f = b.goneFeed(path); f == nil {
					continue
				}
				byPath[path] = f
				feeds = append(feeds, f)
			}
			// Feeds may share their list of events (current.ics and its
			// release's): each gets a list of its own before it grows.
			if !owned[f] {
				owned[f] = true
				f.events = slices.Clone(f.events)
			}
			f.events = append(f.events, e)
		}
	}
	return feeds, nil
}

// goneFeed is a feed the site no longer makes, at path, which the memory
// says held events: named as it was, and saying that what it holds is
// cancelled. It is nil for a path that is no feed's address: an entry of
// published.toml names no other file into being.
func (b *builder) goneFeed(path string) *feed {
	parts := strings.Split(strings.TrimSuffix(path, ".ics"), "/")
	var f *feed
	switch {
	case !strings.HasSuffix(path, ".ics"):
	case len(parts) == 3 && parts[0] == "releases" && handbook.IsReleaseID(parts[1]) && parts[2] == "calendar":
		f = b.releaseFeed(parts[1], parts[1])
	case len(parts) == 3 && parts[0] == "releases" && handbook.IsReleaseID(parts[1]) && dateexpr.IsID(parts[2]):
		f = b.roleReleaseFeed(parts[2], parts[1], parts[1])
	case len(parts) == 2 && parts[0] == "roles" && dateexpr.IsID(parts[1]):
		f = b.roleFeed(parts[1])
	case path == "patches.ics":
		f = b.patchesFeed()
	}
	if f == nil || f.path != path {
		return nil
	}
	f.desc += " This calendar is no longer kept: its events are cancelled."
	return f
}

// cancelledEvent writes a cancelled VEVENT from what a subscriber last
// saw of it.
func cancelledEvent(uid string, sequence int, modified time.Time, lines []string) (*event, error) {
	stamp := modified.UTC().Format(utcLayout)
	out := []byte("BEGIN:VEVENT\r\n")
	out = appendText(out, "UID:", uid)
	out = append(out, "DTSTAMP:"+stamp+"\r\nLAST-MODIFIED:"+stamp+"\r\nSEQUENCE:"...)
	out = strconv.AppendInt(out, int64(sequence), 10)
	out = append(out, "\r\n"...)
	e := &event{uid: uid}
	for _, line := range lines {
		name, value, ok := strings.Cut(line, ":")
		if !ok || strings.ContainsAny(line, "\r\n") {
			return nil, fmt.Errorf("not an iCalendar line: %q", line)
		}
		prop, params, _ := strings.Cut(name, ";")
		if strings.EqualFold(prop, "STATUS") {
			continue
		}
		if strings.EqualFold(prop, "DTSTART") {
			if err := e.startFrom(params, value); err != nil {
				return nil, err
			}
		}
		out = append(out, line+"\r\n"...)
	}
	out = append(out, "STATUS:CANCELLED\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n"...)
	e.ics = fold(out)
	return e, nil
}

// startFrom sets what a feed needs of an event from its DTSTART: its day
// and instant, to sort it, and for a local time its zone, so the feed
// describes the zone.
func (e *event) startFrom(params, value string) error {
	loc := time.UTC
	for p := range strings.SplitSeq(params, ";") {
		if tz, ok := strings.CutPrefix(p, "TZID="); ok {
			l, err := time.LoadLocation(strings.Trim(tz, `"`))
			if err != nil {
				return fmt.Errorf("time zone %q: %w", tz, err)
			}
			loc = l
			e.zone = loc
		}
	}
	layout := "20060102T150405"
	switch {
	case len(value) == 8:
		layout = "20060102"
	case strings.HasSuffix(value, "Z"):
		layout = utcLayout
	}
	t, err := time.ParseInLocation(layout, value, loc)
	if err != nil {
		return fmt.Errorf("DTSTART %q: %w", value, err)
	}
	e.day = handbook.DateFromTime(t)
	if len(value) > 8 {
		e.at = t
	}
	if e.zone != nil {
		e.from, e.to = t, t
	}
	return nil
}
