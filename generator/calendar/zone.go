package calendar

import (
	"fmt"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
)

// vtimezone describes loc as a VTIMEZONE for every instant from from to
// to, in the shape calendar clients expect (the one tzurl.org and vzic
// publish): where the zone's clocks change by one yearly rule each way
// over the range, one STANDARD and one DAYLIGHT observance, each with the
// DTSTART of its first onset and an RRULE such as
// FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU. Outlook is known to shift events by an
// hour when a VTIMEZONE lists each year's changes as separate observances
// without RRULE, so that list is kept for where it is needed: transitions
// that follow no yearly rule (the zone's rules changed within the range)
// are written as dated observances, and a rule that stops within the range
// (DST abolished, a new offset) ends with an UNTIL at its last onset.
// A range within one period of a zone whose yearly rules are in force (a
// release within one summer) still gets both rules. A zone that has never
// changed its clocks gets a single STANDARD, and one that does not change
// them in the range, by no yearly rule, a single observance.
//
// The rules are derived from Go's own zone data, never from a zone
// database of the client's: the transitions Go applies over the range
// (from the one in effect at from, to the last before to) are grouped
// into runs that one rule each way describes exactly — same month,
// weekday, "Nth" or "last" week, local time of day and offsets, in
// consecutive years — and a run is written as a rule only when its rule
// predicts every one of its transitions and no other within the range.
// So a client expanding the VTIMEZONE computes the same offsets relbook
// used for the occurrences.
//
// Every DTSTART is written in the local time of the offset before it
// (RFC 5545 §3.6.5) and every UNTIL in UTC (§3.3.10).
//
// golang-ical's Calendar.AddTimezone only writes BEGIN:VTIMEZONE, TZID
// and END:VTIMEZONE (v0.3.6), which clients reject or read as UTC, so the
// observances are built here.
func vtimezone(loc *time.Location, from, to time.Time) *ics.VTimezone {
	tz := ics.NewTimezone(loc.String())
	trs := transitions(loc, from, to)
	if len(trs) == 0 {
		// The zone has never changed its clocks: any early DTSTART will do.
		name, offset := from.In(loc).Zone()
		tz.Components = append(tz.Components, newObservance(false, "19700101T000000", offset, offset, name, ""))
		return tz
	}
	if len(trs) == 1 {
		// One period covers the range (a release within one summer): the
		// usual shape still names both changes when the zone makes them
		// by yearly rules, so take in the change before as well.
		if prev := transitions(loc, trs[0].at.Add(-time.Second), trs[0].at); len(prev) == 2 {
			if n, rules := yearlyRun(loc, prev); rules != nil && n == 2 && !rules[0].until {
				trs = prev
			}
		}
	}
	for i := 0; i < len(trs); {
		n, rules := yearlyRun(loc, trs[i:])
		if rules == nil {
			tr := trs[i]
			tz.Components = append(tz.Components, newObservance(tr.dst, tr.onset(), tr.before, tr.after, tr.name, ""))
			i++
			continue
		}
		// The run's two kinds of transition, in the order they first happen.
		for k := 0; k < 2; k++ {
			tr := trs[i+k]
			rrule := rules[k].String()
			if last := lastOfKind(trs[i:i+n], k); rules[k].until {
				rrule += ";UNTIL=" + last.at.UTC().Format("20060102T150405Z")
			}
			tz.Components = append(tz.Components, newObservance(tr.dst, tr.onset(), tr.before, tr.after, tr.name, rrule))
		}
		i += n
	}
	return tz
}

// newObservance is one STANDARD (or DAYLIGHT, when dst) of a VTIMEZONE.
func newObservance(dst bool, onset string, before, after int, name, rrule string) ics.Component {
	props := &ics.ComponentBase{}
	props.AddProperty(ics.ComponentPropertyDtStart, onset)
	props.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), utcOffset(before))
	props.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), utcOffset(after))
	props.AddProperty(ics.ComponentProperty(ics.PropertyTzname), name)
	if rrule != "" {
		props.AddProperty(ics.ComponentPropertyRrule, rrule)
	}
	// VTimezone has AddStandard but no AddDaylight; the component list is
	// exported, so both kinds go in the same way.
	if dst {
		return &ics.Daylight{ComponentBase: *props}
	}
	return &ics.Standard{ComponentBase: *props}
}

// transition is one change of a zone's clocks, as Go's zone data has it.
type transition struct {
	at            time.Time // the instant
	before, after int       // the UTC offsets, in seconds
	name          string    // the abbreviation from then on
	dst           bool      // whether the new period is daylight saving time
}

// onset is the local DATE-TIME of the transition in the offset before it.
func (tr transition) onset() string {
	return tr.wall().Format(localLayout)
}

// wall is the transition's local wall-clock time before it, as a UTC time.
func (tr transition) wall() time.Time {
	return tr.at.Add(time.Duration(tr.before) * time.Second).UTC()
}

// transitions lists the changes of loc's clocks that a VTIMEZONE for from
// to to must describe: the one that began the period in effect at from,
// and every one after it up to to. It is empty when loc has never changed
// its clocks before to.
func transitions(loc *time.Location, from, to time.Time) []transition {
	var trs []transition
	t := from.In(loc) // ZoneBounds and Zone answer for t's own location
	for {
		start, end := t.ZoneBounds()
		if !start.IsZero() {
			_, before := start.Add(-time.Second).Zone()
			name, after := t.Zone()
			trs = append(trs, transition{start, before, after, name, t.IsDST()})
		}
		if end.IsZero() || end.After(to) {
			return trs
		}
		t = end
	}
}

// yearlyRule is "the Nth (or last) weekday of a month, at a local time",
// once a year, as an RRULE writes it.
type yearlyRule struct {
	month   time.Month
	weekday time.Weekday
	week    int  // 1–5 for the Nth weekday of the month, -1 for the last
	until   bool // whether the rule stops at its run's last transition
}

func (r yearlyRule) String() string {
	return fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s", int(r.month), r.week, strings.ToUpper(r.weekday.String()[:2]))
}

// on is the rule's day in year.
func (r yearlyRule) on(year int) time.Time {
	if r.week > 0 {
		first := time.Date(year, r.month, 1, 0, 0, 0, 0, time.UTC)
		return first.AddDate(0, 0, (int(r.weekday)-int(first.Weekday())+7)%7+7*(r.week-1))
	}
	last := time.Date(year, r.month+1, 0, 0, 0, 0, 0, time.UTC)
	return last.AddDate(0, 0, -((int(last.Weekday()) - int(r.weekday) + 7) % 7))
}

// fits reports whether tr happens on the rule's day of its year, at the
// same local time of day and with the same offsets and name as like.
func (r yearlyRule) fits(tr, like transition) bool {
	w, l := tr.wall(), like.wall()
	day := time.Date(w.Year(), w.Month(), w.Day(), 0, 0, 0, 0, time.UTC)
	return day.Equal(r.on(w.Year())) && w.Sub(day) == l.Sub(time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)) &&
		tr.before == like.before && tr.after == like.after && tr.name == like.name && tr.dst == like.dst
}

// candidates are the rules that put tr on its day: its Nth weekday of the
// month, and the last one when it is.
func candidates(tr transition) []yearlyRule {
	w := tr.wall()
	rules := []yearlyRule{{month: w.Month(), weekday: w.Weekday(), week: (w.Day()-1)/7 + 1}}
	if w.AddDate(0, 0, 7).Month() != w.Month() {
		// Prefer "last": it is how the zones whose change falls in the
		// last week write their rules (the EU's, for one).
		rules = append([]yearlyRule{{month: w.Month(), weekday: w.Weekday(), week: -1}}, rules...)
	}
	return rules
}

// lastOfKind is the last transition of trs[k], trs[k+2], ….
func lastOfKind(trs []transition, k int) transition {
	return trs[k+(len(trs)-1-k)/2*2]
}

// yearlyRun finds how many of trs, from the first, two yearly rules
// describe exactly — alternating kinds, each in consecutive years, on its
// rule's day — and returns the rules (for trs[0]'s kind and trs[1]'s), or
// nil when trs[0] starts no run worth a rule. A run is worth a rule when
// it holds two transitions of each kind, or when it reaches the end of
// the range and Go's zone data goes on following its rules for two more
// transitions (the usual case: a zone whose rules have not changed); the
// rules then need no UNTIL. Any other run gets an UNTIL at its last
// transition, so a client never applies a change that does not happen.
func yearlyRun(loc *time.Location, trs []transition) (int, []yearlyRule) {
	if len(trs) < 2 || trs[0].dst == trs[1].dst {
		return 0, nil
	}
	kinds := [2][]yearlyRule{candidates(trs[0]), candidates(trs[1])}
	n := follow(trs, 0, &kinds)
	if n < 2 {
		return 0, nil
	}
	carries := false
	if n == len(trs) {
		// Go's transitions after the run: do the rules carry on? They
		// also break a tie between "Nth" and "last" the run may leave.
		last := trs[n-1]
		seq := append(trs[:n:n], transitions(loc, last.at, last.at.AddDate(3, 0, 0))[1:]...)
		carries = follow(seq, n, &kinds) >= n+2
	}
	if !carries && n < 4 {
		return 0, nil
	}
	rules := []yearlyRule{kinds[0][0], kinds[1][0]}
	rules[0].until, rules[1].until = !carries, !carries
	return n, rules
}

// follow narrows kinds (the rules still possible for trs[0]'s kind and
// trs[1]'s) with trs[start:], one at a time, and returns the index of the
// first transition no remaining rule fits, or len(trs).
func follow(trs []transition, start int, kinds *[2][]yearlyRule) int {
	for i := start; i < len(trs); i++ {
		tr, k := trs[i], i%2
		if i >= 2 && tr.wall().Year() != trs[i-2].wall().Year()+1 {
			return i
		}
		var keep []yearlyRule
		for _, r := range kinds[k] {
			if r.fits(tr, trs[k]) {
				keep = append(keep, r)
			}
		}
		if len(keep) == 0 {
			return i
		}
		kinds[k] = keep
	}
	return len(trs)
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
