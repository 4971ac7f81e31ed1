// Package dateexpr parses and evaluates relbook's date expressions, the small
// language release definitions and role guides use to say when things happen:
//
//	expr     := point | point ".." point
//	point    := anchor { " + " duration | " - " duration }
//	anchor   := <milestone id> | "start" | "week " N | "R-" N | "R+" N | YYYY-MM-DD
//	          | "support." <id> | "patch." <id>
//	duration := N "d" | N "w" | N "bd"
//
// "code-freeze - 1w" is a week before code freeze; "week 3" is the Friday
// (the release's due weekday) of the third week of the cycle; "R-4" is the
// due day of the fourth week before the release week; "start + 10bd" is ten
// business days after the cycle starts. Operators need a space on each
// side, so "code-freeze-1w" stays a milestone id.
//
// [Parse] turns text into an [Expr] and reports errors with the byte offset
// at which they occur, so that callers can point at the exact column.
// [Expr.Eval] turns an expression into dates, asking an [Env] for what the
// expression refers to: the release's start, its milestones and its
// business days. Nothing here reads files or the clock.
package dateexpr

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/relbook/relbook/generator/handbook"
)

// AnchorKind says what a point is counted from.
type AnchorKind int

// The anchors of a point.
const (
	Milestone AnchorKind = iota // a milestone id
	Start                       // the release's start date
	Week                        // "week N": the Nth week of the cycle
	Countdown                   // "R-N" / "R+N": weeks counted to the release week
	Literal                     // an absolute YYYY-MM-DD date
)

// Unit is the unit of a duration.
type Unit int

// Duration units.
const (
	Days Unit = iota
	Weeks
	BusinessDays
)

var unitSuffix = map[Unit]string{Days: "d", Weeks: "w", BusinessDays: "bd"}

// Limits on numbers, so that no expression can make evaluation run away.
const (
	maxDuration = 99999
	maxWeek     = 9999
)

// Anchor is what a point starts from.
type Anchor struct {
	Kind AnchorKind
	// ID is the milestone id, for Milestone anchors.
	ID string
	// N is the week number of a Week anchor, or the countdown of a
	// Countdown anchor (positive for R-N, negative for R+N).
	N int
	// Date is the date of a Literal anchor.
	Date handbook.Date
	// Offset is the byte offset of the anchor in the source text.
	Offset int
}

// Step is one "+ duration" or "- duration".
type Step struct {
	N    int // negative for "-"
	Unit Unit
	// Offset is the byte offset of the operator in the source text.
	Offset int
}

// Point is an anchor moved by zero or more durations.
type Point struct {
	Anchor Anchor
	Steps  []Step
}

// Expr is a parsed date expression: one point, or a range of two.
type Expr struct {
	From Point
	// To is the right end of a range, nil for a single point.
	To *Point
}

// IsRange reports whether the expression has two ends.
func (e Expr) IsRange() bool { return e.To != nil }

// Error is a parse error at a byte offset of the expression's text.
type Error struct {
	Offset int
	Msg    string
}

func (e *Error) Error() string { return e.Msg }

// Parse reads a date expression.
func Parse(s string) (Expr, error) {
	if strings.TrimSpace(s) == "" {
		return Expr{}, &Error{0, "empty date expression"}
	}
	left, right, isRange := strings.Cut(s, "..")
	from, err := parsePoint(left, 0)
	if err != nil {
		return Expr{}, err
	}
	e := Expr{From: from}
	if isRange {
		off := len(left) + 2
		if strings.Contains(right, "..") {
			return Expr{}, &Error{off + strings.Index(right, ".."), "a range has exactly two ends: write \"a .. b\""}
		}
		to, err := parsePoint(right, off)
		if err != nil {
			return Expr{}, err
		}
		e.To = &to
	}
	return e, nil
}

type token struct {
	text   string
	offset int
}

// fields splits on spaces, keeping each word's offset.
func fields(s string, base int) []token {
	var toks []token
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			if start >= 0 {
				toks = append(toks, token{s[start:i], base + start})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	return toks
}

func parsePoint(s string, base int) (Point, error) {
	toks := fields(s, base)
	if len(toks) == 0 {
		return Point{}, &Error{base, "a range needs a date expression on each side of \"..\""}
	}
	anchor, rest, err := parseAnchor(toks)
	if err != nil {
		return Point{}, err
	}
	steps, err := parseSteps(rest)
	return Point{Anchor: anchor, Steps: steps}, err
}

// ParseOffset reads an offset with no anchor, such as "- 2bd" or
// "- 1w - 1bd": what a cherry-pick deadline counts back from its patch.
func ParseOffset(s string) ([]Step, error) {
	toks := fields(s, 0)
	if len(toks) == 0 {
		return nil, &Error{0, "empty offset: write \"- 2bd\""}
	}
	return parseSteps(toks)
}

// Shift moves d by steps, counting business days against env.
func Shift(env Env, d handbook.Date, steps []Step) (handbook.Date, error) {
	return Point{Anchor: Anchor{Kind: Literal, Date: d}, Steps: steps}.Eval(env, AsDue)
}

// IsLifecycleRef reports whether s names a support phase or a patch
// release: "support.<id>" (the phase's last day) or "patch.<id>" (the
// patch's date). Milestone ids hold no dot, so these never clash.
func IsLifecycleRef(s string) bool {
	kind, id, ok := strings.Cut(s, ".")
	return ok && (kind == "support" || kind == "patch") && IsID(id)
}

// parseSteps reads the "+ duration" and "- duration" steps of a point.
func parseSteps(rest []token) ([]Step, error) {
	var steps []Step
	for len(rest) > 0 {
		op := rest[0]
		if op.text != "+" && op.text != "-" {
			return nil, unexpected(op)
		}
		if len(rest) < 2 {
			return nil, &Error{op.offset, fmt.Sprintf("%q needs a duration after it, such as 1w, 3d or 2bd", op.text)}
		}
		step, err := parseDuration(rest[1])
		if err != nil {
			return nil, err
		}
		step.Offset = op.offset
		if op.text == "-" {
			step.N = -step.N
		}
		steps = append(steps, step)
		rest = rest[2:]
	}
	return steps, nil
}

func parseAnchor(toks []token) (Anchor, []token, error) {
	t := toks[0]
	a := Anchor{Offset: t.offset}
	switch {
	case t.text == "start":
		a.Kind = Start
	case t.text == "week":
		if len(toks) < 2 {
			return a, nil, &Error{t.offset, "\"week\" needs a number: week 3"}
		}
		n, err := strconv.Atoi(toks[1].text)
		if err != nil || n > maxWeek || n < -maxWeek {
			return a, nil, &Error{toks[1].offset, fmt.Sprintf("week %q: the week must be a whole number", toks[1].text)}
		}
		a.Kind, a.N = Week, n
		return a, toks[2:], nil
	case (strings.HasPrefix(t.text, "R-") || strings.HasPrefix(t.text, "R+")) && len(t.text) > 2:
		n, ok := number(t.text[2:], maxWeek)
		if !ok {
			return a, nil, &Error{t.offset, fmt.Sprintf("%q: a countdown week is R-N or R+N with a whole number N", t.text)}
		}
		if t.text[1] == '+' {
			n = -n
		}
		a.Kind, a.N = Countdown, n
	case IsDateShaped(t.text):
		d, err := handbook.ParseDate(t.text)
		if err != nil {
			return a, nil, &Error{t.offset, err.Error()}
		}
		a.Kind, a.Date = Literal, d
	case IsID(t.text) || IsLifecycleRef(t.text):
		a.Kind, a.ID = Milestone, t.text
	case strings.Contains(t.text, "+"):
		return a, nil, &Error{t.offset, fmt.Sprintf("%q: put a space on each side of + and -", t.text)}
	default:
		return a, nil, unexpected(t)
	}
	return a, toks[1:], nil
}

func unexpected(t token) error {
	msg := fmt.Sprintf("unexpected %q", t.text)
	switch {
	case t.text == "Week" || t.text == "Start" || strings.HasPrefix(t.text, "r-") || strings.HasPrefix(t.text, "r+"):
		msg += ": keywords are case-sensitive (start, week N, R-N, R+N)"
	case strings.HasPrefix(t.text, "+") || strings.HasPrefix(t.text, "-"):
		msg += ": put a space on each side of + and -"
	default:
		msg += ": expected a milestone id, start, week N, R-N, R+N or a YYYY-MM-DD date, then + or - durations"
	}
	return &Error{t.offset, msg}
}

func parseDuration(t token) (Step, error) {
	bad := &Error{t.offset, fmt.Sprintf("%q is not a duration: write a whole number and d, w or bd (3d, 2w, 5bd)", t.text)}
	for _, unit := range []Unit{BusinessDays, Days, Weeks} {
		if num, ok := strings.CutSuffix(t.text, unitSuffix[unit]); ok && num != "" {
			n, ok := number(num, maxDuration)
			if !ok {
				if n, err := strconv.Atoi(num); err == nil && n > maxDuration {
					return Step{}, &Error{t.offset, fmt.Sprintf("%q is too long a duration (at most %d)", t.text, maxDuration)}
				}
				return Step{}, bad
			}
			return Step{N: n, Unit: unit}, nil
		}
	}
	return Step{}, bad
}

// number reads a non-negative decimal of at most max.
func number(s string, max int) (int, bool) {
	if s == "" || len(s) > 6 {
		return 0, false
	}
	n := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n <= max
}

// IsID reports whether s is a valid milestone, phase, meeting, role, term or
// page id: [a-z0-9][a-z0-9-]*.
func IsID(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range []byte(s) {
		ok := 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' && i > 0
		if !ok {
			return false
		}
	}
	return true
}

// IsDateShaped reports whether s looks like a date (NNNN-NN-NN), valid or not.
func IsDateShaped(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range []byte(s) {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// Reserved reports why an id can never be a milestone, phase or meeting id
// ("" if it can): the keywords of this language and anything shaped like a
// date would make expressions ambiguous.
func Reserved(id string) string {
	switch {
	case id == "start" || id == "week":
		return fmt.Sprintf("%q is a keyword of date expressions", id)
	case IsDateShaped(id):
		return fmt.Sprintf("%q is shaped like a date", id)
	case (strings.HasPrefix(id, "R-") || strings.HasPrefix(id, "R+")) && len(id) > 2:
		if _, ok := number(id[2:], 1<<30); ok {
			return fmt.Sprintf("%q is a countdown week", id)
		}
	}
	return ""
}

// String writes the expression in its normal form: single spaces around
// operators and " .. " between the ends of a range. Two spellings of the
// same expression have the same normal form.
func (e Expr) String() string {
	s := e.From.String()
	if e.To != nil {
		s += " .. " + e.To.String()
	}
	return s
}

func (p Point) String() string {
	var b strings.Builder
	switch a := p.Anchor; a.Kind {
	case Start:
		b.WriteString("start")
	case Week:
		fmt.Fprintf(&b, "week %d", a.N)
	case Countdown:
		if a.N < 0 {
			fmt.Fprintf(&b, "R+%d", -a.N)
		} else {
			fmt.Fprintf(&b, "R-%d", a.N)
		}
	case Literal:
		b.WriteString(a.Date.String())
	default:
		b.WriteString(a.ID)
	}
	for _, s := range p.Steps {
		op, n := "+", s.N
		if n < 0 {
			op, n = "-", -n
		}
		fmt.Fprintf(&b, " %s %d%s", op, n, unitSuffix[s.Unit])
	}
	return b.String()
}

// Milestones returns the milestone ids the expression refers to, in order.
func (e Expr) Milestones() []Anchor {
	var ids []Anchor
	for _, p := range []*Point{&e.From, e.To} {
		if p != nil && p.Anchor.Kind == Milestone {
			ids = append(ids, p.Anchor)
		}
	}
	return ids
}

// UsesCountdown reports whether the expression counts weeks to the release.
func (e Expr) UsesCountdown() bool {
	return e.From.Anchor.Kind == Countdown || e.To != nil && e.To.Anchor.Kind == Countdown
}
