package cadence

import (
	"strings"
	"testing"
	"time"

	"github.com/relbook/relbook/generator/handbook"
)

func date(s string) handbook.Date {
	d, err := handbook.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestParseEvery(t *testing.T) {
	for _, c := range []struct {
		in      string
		n       int
		u       Unit
		problem string
	}{
		{"month", 1, Months, ""},
		{"2 months", 2, Months, ""},
		{"week", 1, Weeks, ""},
		{"3 weeks", 3, Weeks, ""},
		{"2 month", 0, 0, `did you mean "2 months"?`},
		{"1 months", 0, 0, `did you mean "month"?`},
		{"fortnight", 0, 0, "is not a cadence"},
		{"0 months", 0, 0, "from 1 to 120"},
		{"every month on Tuesday", 0, 0, "is not a cadence"},
	} {
		n, u, problem := ParseEvery(c.in)
		if c.problem != "" {
			if !strings.Contains(problem, c.problem) {
				t.Errorf("ParseEvery(%q) problem = %q, want it to say %q", c.in, problem, c.problem)
			}
			continue
		}
		if problem != "" || n != c.n || u != c.u {
			t.Errorf("ParseEvery(%q) = %d, %v, %q; want %d, %v", c.in, n, u, problem, c.n, c.u)
		}
	}
}

func TestParseOn(t *testing.T) {
	for _, c := range []struct {
		in      string
		u       Unit
		ord     int
		day     time.Weekday
		problem string
	}{
		{"first Tuesday", Months, 1, time.Tuesday, ""},
		{"last friday", Months, -1, time.Friday, ""},
		{"Second Wed", Months, 2, time.Wednesday, ""},
		{"Tuesday", Weeks, 0, time.Tuesday, ""},
		{"Tuesday", Months, 0, 0, `did you mean "first Tuesday"?`},
		{"first Tuesday", Weeks, 0, 0, `did you mean "Tuesday"?`},
		{"fifth Monday", Months, 0, 0, "first, second, third, fourth or last"},
	} {
		ord, day, problem := ParseOn(c.in, c.u)
		if c.problem != "" {
			if !strings.Contains(problem, c.problem) {
				t.Errorf("ParseOn(%q) problem = %q, want it to say %q", c.in, problem, c.problem)
			}
			continue
		}
		if problem != "" || ord != c.ord || day != c.day {
			t.Errorf("ParseOn(%q) = %d, %v, %q; want %d, %v", c.in, ord, day, problem, c.ord, c.day)
		}
	}
}

// PEP 745 plans a 3.14 bugfix release about every two months on a
// Tuesday; Kubernetes patches monthly, on the second Tuesday.
func TestPeriods(t *testing.T) {
	for _, c := range []struct {
		name string
		rule Rule
		want []string // "key start..end date"
	}{
		{
			"every two months, first Tuesday",
			Rule{Every: 2, Unit: Months, Ordinal: 1, Weekday: time.Tuesday, From: date("2025-12-02"), Until: date("2026-06-30")},
			[]string{
				"2025-12 2025-12-01..2026-01-31 2025-12-02",
				"2026-02 2026-02-01..2026-03-31 2026-02-03",
				"2026-04 2026-04-01..2026-05-31 2026-04-07",
				"2026-06 2026-06-01..2026-07-31 2026-06-02",
			},
		},
		{
			// The first Tuesday of December is before from, so the
			// periods count from January.
			"from after the month's day",
			Rule{Every: 1, Unit: Months, Ordinal: 1, Weekday: time.Tuesday, From: date("2025-12-03"), Until: date("2026-02-01")},
			[]string{
				"2026-01 2026-01-01..2026-01-31 2026-01-06",
				"2026-02 2026-02-01..2026-02-28 2026-02-03",
			},
		},
		{
			"last Friday",
			Rule{Every: 1, Unit: Months, Ordinal: -1, Weekday: time.Friday, From: date("2026-01-01"), Until: date("2026-02-27")},
			[]string{
				"2026-01 2026-01-01..2026-01-31 2026-01-30",
				"2026-02 2026-02-01..2026-02-28 2026-02-27",
			},
		},
		{
			"every two weeks on Wednesday, ISO week keys",
			Rule{Every: 2, Unit: Weeks, Weekday: time.Wednesday, From: date("2026-12-24"), Until: date("2027-01-20")},
			[]string{
				"2026-W53 2026-12-28..2027-01-10 2026-12-30",
				"2027-W02 2027-01-11..2027-01-24 2027-01-13",
			},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			periods, err := c.rule.Periods()
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range periods {
				got = append(got, p.Key+" "+p.Start.String()+".."+p.End.String()+" "+p.Date.String())
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("periods:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

func TestPeriodsBounded(t *testing.T) {
	r := Rule{Every: 1, Unit: Weeks, Weekday: time.Monday, From: date("2026-01-01"), Until: date("9999-12-31")}
	if _, err := r.Periods(); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("a rule of thousands of years: err = %v, want a bound", err)
	}
	r = Rule{Every: 1, Unit: Months, Ordinal: -1, Weekday: time.Friday, From: date("9999-12-01"), Until: date("9999-12-31")}
	periods, err := r.Periods()
	if err != nil || len(periods) != 1 || periods[0].Date != date("9999-12-31") {
		t.Errorf("the last month of the year 9999: %v, %v", periods, err)
	}
}
