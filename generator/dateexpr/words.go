package dateexpr

import (
	"fmt"
	"strings"
)

// Words says an expression the way a reader would: "code-freeze - 1w" is
// "1 week before Code freeze", "start + 10bd" "10 business days after the
// start", "week 3 .. R-2" "from week 3 to R-2". name gives a milestone's
// name for its id. A point whose steps go both ways ("release - 1w + 2d")
// has no plain wording and is given as written.
func (e Expr) Words(name func(id string) string) string {
	if e.To != nil {
		return "from " + e.From.words(name) + " to " + e.To.words(name)
	}
	return e.From.words(name)
}

func (p Point) words(name func(id string) string) string {
	anchor := p.Anchor.words(name)
	if len(p.Steps) == 0 {
		return anchor
	}
	sign := p.Steps[0].N < 0
	var parts []string
	for _, s := range p.Steps {
		if (s.N < 0) != sign || s.N == 0 {
			return p.String()
		}
		n := s.N
		if n < 0 {
			n = -n
		}
		parts = append(parts, amount(n, s.Unit))
	}
	dir := " after "
	if sign {
		dir = " before "
	}
	return strings.Join(parts, " and ") + dir + anchor
}

func (a Anchor) words(name func(id string) string) string {
	switch a.Kind {
	case Start:
		return "the start"
	case Week:
		return fmt.Sprintf("week %d", a.N)
	case Countdown:
		if a.N > 0 {
			return fmt.Sprintf("R-%d", a.N)
		}
		return fmt.Sprintf("R+%d", -a.N)
	case Literal:
		return a.Date.Long()
	}
	if n := name(a.ID); n != "" {
		return n
	}
	return a.ID
}

// amount is a duration in words: "1 week", "3 days", "2 business days".
func amount(n int, u Unit) string {
	what := map[Unit]string{Days: "day", Weeks: "week", BusinessDays: "business day"}[u]
	if n != 1 {
		what += "s"
	}
	return fmt.Sprintf("%d %s", n, what)
}
