package dateexpr

import (
	"fmt"
	"time"

	"github.com/relbook/relbook/generator/handbook"
)

// Env is what an expression is evaluated against: one release.
type Env interface {
	// Start is the release's start date.
	Start() handbook.Date
	// Milestone returns a milestone's date (the first day of a span).
	Milestone(id string) (handbook.Date, error)
	// ReleaseDate returns the date of the release milestone, the week R-0.
	ReleaseDate() (handbook.Date, error)
	// DueWeekday is the day a week means as a due date.
	DueWeekday() time.Weekday
	// IsBusinessDay reports whether d is a weekday that is not a holiday.
	IsBusinessDay(d handbook.Date) bool
}

// WeekEnv is an Env whose milestones may be week items (`week = "R-5"`):
// such a milestone is due on its week's due day, which is its date, and
// stands for its week's Monday where a week anchor does (AsStart).
type WeekEnv interface {
	Env
	// WeekOf returns the Monday of a week item; ok is false for any
	// other milestone.
	WeekOf(id string) (monday handbook.Date, ok bool)
}

// Use says which day a week anchor stands for.
type Use int

const (
	// AsDue makes a week mean its due day (at, to, until, when, right ends).
	AsDue Use = iota
	// AsStart makes a week mean its Monday (from, left ends of ranges).
	AsStart
)

// EvalError is an evaluation error at a byte offset of the expression.
type EvalError struct {
	Offset int
	Err    error
}

func (e *EvalError) Error() string { return e.Err.Error() }
func (e *EvalError) Unwrap() error { return e.Err }

// Eval returns the dates of an expression: for a single point, from and to
// are the same date; for a range, its first and last day. use says what a
// week anchor at the left end means; the right end of a range always means
// a due day.
func (e Expr) Eval(env Env, use Use) (from, to handbook.Date, err error) {
	if e.To == nil {
		d, err := e.From.Eval(env, use)
		return d, d, err
	}
	if from, err = e.From.Eval(env, AsStart); err != nil {
		return 0, 0, err
	}
	if to, err = e.To.Eval(env, AsDue); err != nil {
		return 0, 0, err
	}
	if to < from {
		return 0, 0, &EvalError{e.To.Anchor.Offset, fmt.Errorf("the range runs backwards: %s is before %s", to, from)}
	}
	return from, to, nil
}

// Eval returns the date of one point.
func (p Point) Eval(env Env, use Use) (handbook.Date, error) {
	d, err := p.Anchor.eval(env, use)
	if err != nil {
		return 0, &EvalError{p.Anchor.Offset, err}
	}
	if !d.InRange() {
		return 0, &EvalError{p.Anchor.Offset, fmt.Errorf("the date falls outside the years %d–%d", handbook.MinYear, handbook.MaxYear)}
	}
	for _, s := range p.Steps {
		switch s.Unit {
		case Days:
			d = d.AddDays(s.N)
		case Weeks:
			d = d.AddDays(7 * s.N)
		case BusinessDays:
			d = addBusinessDays(env, d, s.N)
		}
		if !d.InRange() {
			return 0, &EvalError{s.Offset, fmt.Errorf("the date falls outside the years %d–%d", handbook.MinYear, handbook.MaxYear)}
		}
	}
	return d, nil
}

func (a Anchor) eval(env Env, use Use) (handbook.Date, error) {
	switch a.Kind {
	case Start:
		return env.Start(), nil
	case Literal:
		return a.Date, nil
	case Milestone:
		d, err := env.Milestone(a.ID)
		if err == nil && use == AsStart {
			if w, ok := env.(WeekEnv); ok {
				if monday, isWeek := w.WeekOf(a.ID); isWeek {
					return monday, nil
				}
			}
		}
		return d, err
	case Week:
		return weekDay(env, env.Start().Monday().AddDays(7*(a.N-1)), use), nil
	case Countdown:
		r, err := env.ReleaseDate()
		if err != nil {
			return 0, err
		}
		return weekDay(env, r.Monday().AddDays(-7*a.N), use), nil
	}
	return 0, fmt.Errorf("unknown anchor")
}

// weekDay picks the day a week stands for: its Monday, or its due day moved
// back to the previous business day when the due day is a holiday.
func weekDay(env Env, monday handbook.Date, use Use) handbook.Date {
	if use == AsStart {
		return monday
	}
	due := monday.AddDays((int(env.DueWeekday()) + 6) % 7)
	if env.IsBusinessDay(due) || isWeekend(due) {
		return due
	}
	// Holidays are finite, so this ends; the bound only guards odd input.
	for i := 0; i < 366 && !env.IsBusinessDay(due); i++ {
		due = due.AddDays(-1)
	}
	return due
}

func isWeekend(d handbook.Date) bool {
	w := d.Weekday()
	return w == time.Saturday || w == time.Sunday
}

// addBusinessDays steps one day at a time and counts only business days:
// Thursday + 2bd is Monday, Saturday + 1bd is Monday, Saturday - 1bd is
// Friday, and + 0bd changes nothing.
func addBusinessDays(env Env, d handbook.Date, n int) handbook.Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 && d.InRange() {
		d = d.AddDays(step)
		if env.IsBusinessDay(d) {
			n--
		}
	}
	return d
}
