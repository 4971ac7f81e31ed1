// Package cadence works out the dates a patch-release rule plans: "every
// 2 months on the first Tuesday from 2025-12-02 until 2027-10-07".
//
// A [Rule] divides time into periods of its length — N calendar months,
// or N weeks of Monday to Sunday — counted from the month (or week) of
// its first date, the first `on` day on or after `from`. Each period has
// one rule date, the `on` day of its first month (or week), and a key that
// names it in calendar UIDs: "2026-02" for a monthly period, "2026-W06"
// for a weekly one. The periods run through the one holding `until`; a
// rule date after `until` is not planned, but its period still exists, so
// a patch that slipped into it keeps its place.
//
// The package only does date arithmetic. What a period means for patch
// releases (which patch fills it, their numbers) is the resolve package's.
package cadence

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/relbook/relbook/generator/handbook"
)

// Unit is the unit of a rule's length.
type Unit int

// The units of a rule.
const (
	Months Unit = iota
	Weeks
)

// MaxPeriods bounds the periods one rule may plan, so that a mistyped
// `until` cannot make a build run away.
const MaxPeriods = 1200

// Rule is a parsed cadence.
type Rule struct {
	Every int
	Unit  Unit
	// Ordinal picks the week of the month for monthly rules: 1 to 4, or
	// -1 for the last; 0 for weekly rules.
	Ordinal int
	Weekday time.Weekday
	From    handbook.Date
	Until   handbook.Date
}

// Period is one period of a rule.
type Period struct {
	// Start and End are its first and last days.
	Start, End handbook.Date
	// Date is its rule date, the `on` day of its first month or week.
	Date handbook.Date
	// Key names it: "2026-02" or "2026-W06".
	Key string
}

// ParseEvery reads `every`: "month", "N months", "week" or "N weeks". It
// returns the problem to report, with the right spelling where one is
// near, when s is none of them.
func ParseEvery(s string) (n int, u Unit, problem string) {
	fields := strings.Fields(s)
	word := ""
	switch len(fields) {
	case 1:
		n, word = 1, fields[0]
	case 2:
		v, err := strconv.Atoi(fields[0])
		if err != nil || v < 1 || v > 120 {
			return 0, 0, fmt.Sprintf("every = %q: the number must be a whole number from 1 to 120 (\"2 months\")", s)
		}
		n, word = v, fields[1]
	default:
		return 0, 0, fmt.Sprintf("every = %q is not a cadence: write \"month\", \"2 months\", \"week\" or \"2 weeks\"", s)
	}
	switch word {
	case "month", "months":
		u = Months
	case "week", "weeks":
		u = Weeks
	default:
		return 0, 0, fmt.Sprintf("every = %q is not a cadence: write \"month\", \"2 months\", \"week\" or \"2 weeks\"", s)
	}
	if plural := strings.HasSuffix(word, "s"); plural != (n > 1) {
		fix := fmt.Sprintf("%d %ss", n, strings.TrimSuffix(word, "s"))
		if n == 1 {
			fix = strings.TrimSuffix(word, "s")
		}
		return 0, 0, fmt.Sprintf("every = %q: did you mean %q?", s, fix)
	}
	return n, u, ""
}

var ordinals = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}

// ParseOn reads `on`: "first Tuesday" (first, second, third, fourth or
// last) for monthly rules, a weekday for weekly ones.
func ParseOn(s string, u Unit) (ordinal int, day time.Weekday, problem string) {
	fields := strings.Fields(s)
	if u == Weeks {
		if len(fields) == 1 {
			if w, ok := handbook.ParseWeekday(fields[0]); ok {
				return 0, w, ""
			}
		}
		if len(fields) == 2 {
			if _, ok := handbook.ParseWeekday(fields[1]); ok {
				return 0, 0, fmt.Sprintf("on = %q: a weekly cadence takes a weekday alone; did you mean %q?", s, fields[1])
			}
		}
		return 0, 0, fmt.Sprintf("on = %q is not a weekday such as \"Tuesday\"", s)
	}
	if len(fields) == 1 {
		if _, ok := handbook.ParseWeekday(fields[0]); ok {
			return 0, 0, fmt.Sprintf("on = %q: a monthly cadence needs the week of the month too; did you mean \"first %s\"?", s, fields[0])
		}
	}
	if len(fields) == 2 {
		n, known := ordinals[strings.ToLower(fields[0])]
		w, isDay := handbook.ParseWeekday(fields[1])
		if known && isDay {
			return n, w, ""
		}
	}
	return 0, 0, fmt.Sprintf("on = %q is not a day of the month such as \"first Tuesday\" (first, second, third, fourth or last, then a weekday)", s)
}

// First is the rule's first date: its first `on` day on or after From.
// ok is false when there is none before the end of the year 9999.
func (r Rule) First() (first handbook.Date, ok bool) {
	if r.Unit == Weeks {
		d := r.From
		for d.Weekday() != r.Weekday {
			d = d.AddDays(1)
		}
		return d, d.InRange()
	}
	y, m, _ := r.From.YMD()
	for i := 0; i < 2; i++ {
		d, ok := r.dayOfMonth(y, m)
		if ok && d >= r.From {
			return d, true
		}
		y, m = nextMonth(y, m, 1)
	}
	return 0, false
}

// Periods lists the rule's periods, from that of its first date through
// the one holding Until, at most [MaxPeriods]; more is an error.
func (r Rule) Periods() ([]Period, error) {
	if r.Every < 1 {
		return nil, fmt.Errorf("a cadence needs a length")
	}
	first, ok := r.First()
	if !ok {
		return nil, nil
	}
	var out []Period
	for i := 0; ; i++ {
		p, ok := r.period(first, i)
		if !ok || p.Start > r.Until {
			return out, nil
		}
		if len(out) == MaxPeriods {
			return nil, fmt.Errorf("the rule plans more than %d patch releases; check from, until and every", MaxPeriods)
		}
		out = append(out, p)
	}
}

// period is the i-th period after the one holding first; ok is false
// when it does not end before the year 10000.
func (r Rule) period(first handbook.Date, i int) (p Period, ok bool) {
	if r.Unit == Weeks {
		start := first.Monday().AddDays(7 * r.Every * i)
		end := start.AddDays(7*r.Every - 1)
		if !end.InRange() {
			return Period{}, false
		}
		y, w := start.Time(time.UTC).ISOWeek()
		date := start.AddDays((int(r.Weekday) + 6) % 7)
		return Period{Start: start, End: end, Date: date, Key: fmt.Sprintf("%04d-W%02d", y, w)}, true
	}
	y0, m0, _ := first.YMD()
	y, m := nextMonth(y0, m0, r.Every*i)
	yl, ml := nextMonth(y, m, r.Every-1)
	start, ok1 := handbook.DateOf(y, m, 1)
	end, ok2 := handbook.DateOf(yl, ml, handbook.DaysIn(yl, ml))
	date, ok3 := r.dayOfMonth(y, m)
	if !ok1 || !ok2 || !ok3 {
		return Period{}, false
	}
	return Period{Start: start, End: end, Date: date, Key: fmt.Sprintf("%04d-%02d", y, int(m))}, true
}

// dayOfMonth is the rule's day in a month: its first Tuesday, say.
func (r Rule) dayOfMonth(y int, m time.Month) (handbook.Date, bool) {
	first, ok := handbook.DateOf(y, m, 1)
	if !ok {
		return 0, false
	}
	if r.Ordinal < 0 {
		last := first.AddDays(handbook.DaysIn(y, m) - 1)
		for last.Weekday() != r.Weekday {
			last = last.AddDays(-1)
		}
		return last, true
	}
	d := first
	for d.Weekday() != r.Weekday {
		d = d.AddDays(1)
	}
	return d.AddDays(7 * (r.Ordinal - 1)), true
}

func nextMonth(y int, m time.Month, n int) (int, time.Month) {
	months := y*12 + int(m) - 1 + n
	return months / 12, time.Month(months%12 + 1)
}
