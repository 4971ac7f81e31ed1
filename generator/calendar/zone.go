package calendar

import (
	"fmt"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
)

// vtimezone describes loc as a VTIMEZONE for every instant from from to
// to: one observance per period of Go's zone data that overlaps the range,
// each with the DTSTART at which it begins, written in the local time of
// the offset before it (RFC 5545 §3.6.5). A zone that never changes its
// clocks in the range gets a single observance.
//
// The observances carry no RRULE: they list the transitions that actually
// happen, taken from Go's own tables, so a client needs no zone database
// of its own and no rule can disagree with the one Go applied to compute
// relbook's occurrences.
//
// golang-ical's Calendar.AddTimezone only writes BEGIN:VTIMEZONE, TZID
// and END:VTIMEZONE (v0.3.6), which clients reject or read as UTC, so the
// observances are built here.
func vtimezone(loc *time.Location, from, to time.Time) *ics.VTimezone {
	tz := ics.NewTimezone(loc.String())
	t := from.In(loc) // ZoneBounds and Zone answer for t's own location
	for {
		start, end := t.ZoneBounds()
		name, offset := t.Zone()
		before := offset
		onset := "19700101T000000" // the zone has never changed: any early DTSTART will do
		if !start.IsZero() {
			_, before = start.Add(-time.Second).Zone()
			onset = start.In(time.FixedZone("", before)).Format(localLayout)
		}
		var ob ics.Component
		props := &ics.ComponentBase{}
		props.AddProperty(ics.ComponentPropertyDtStart, onset)
		props.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), utcOffset(before))
		props.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), utcOffset(offset))
		props.AddProperty(ics.ComponentProperty(ics.PropertyTzname), name)
		if t.IsDST() {
			ob = &ics.Daylight{ComponentBase: *props}
		} else {
			ob = &ics.Standard{ComponentBase: *props}
		}
		// VTimezone has AddStandard but no AddDaylight; the component
		// list is exported, so both kinds go in the same way.
		tz.Components = append(tz.Components, ob)
		if end.IsZero() || end.After(to) {
			return tz
		}
		t = end
	}
}

// localLayout is a DATE-TIME in local time ("floating" or with a TZID).
const localLayout = "20060102T150405"

// utcOffset writes a UTC-OFFSET value: "-0800", "+0530", "+001945".
func utcOffset(seconds int) string {
	sign := "+"
	if seconds < 0 {
		sign, seconds = "-", -seconds
	}
	s := fmt.Sprintf("%s%02d%02d", sign, seconds/3600, seconds/60%60)
	if seconds%60 != 0 {
		s += fmt.Sprintf("%02d", seconds%60)
	}
	return s
}

// checkTZID makes sure a zone name can be written as a TZID parameter
// value as it is. golang-ical escapes parameter values with backslashes
// (v0.3.6: `TZID=a\,b`) where RFC 5545 §3.2 requires double quotes, so a
// name holding any of , ; : " \ ' would come out invalid. IANA names never
// do; refuse rather than write a broken feed.
func checkTZID(name string) error {
	if name == "" || strings.ContainsAny(name, ",;:\"\\'") || strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return fmt.Errorf("time zone %q cannot be written as a TZID", name)
	}
	return nil
}
