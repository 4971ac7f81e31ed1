package dateexpr

import (
	"fmt"
	"strings"
	"time"

	"github.com/relbook/relbook/generator/handbook"
)

// UnknownMilestone is the error for an expression naming a milestone the
// release does not have.
type UnknownMilestone struct{ ID string }

func (e *UnknownMilestone) Error() string { return fmt.Sprintf("unknown milestone %q", e.ID) }

// ForRelease returns an Env over a release whose milestones are already
// resolved: what role-guide `when`s and inline references are evaluated
// against.
func ForRelease(r *handbook.Release) Env { return releaseEnv{r} }

type releaseEnv struct{ r *handbook.Release }

func (e releaseEnv) Start() handbook.Date                { return e.r.Start }
func (e releaseEnv) DueWeekday() time.Weekday            { return e.r.DueWeekday }
func (e releaseEnv) IsBusinessDay(d handbook.Date) bool  { return e.r.IsBusinessDay(d) }
func (e releaseEnv) ReleaseDate() (handbook.Date, error) { return e.Milestone("release") }

func (e releaseEnv) WeekOf(id string) (handbook.Date, bool) {
	if m := e.r.Milestone(id); m != nil && m.WholeWeek {
		return m.WeekOf, true
	}
	return 0, false
}

func (e releaseEnv) Milestone(id string) (handbook.Date, error) {
	if m := e.r.Milestone(id); m != nil {
		return m.Date, nil
	}
	if kind, ref, ok := strings.Cut(id, "."); ok {
		for _, p := range e.r.Support {
			if kind == "support" && p.ID == ref {
				return p.To, nil
			}
		}
		for _, p := range e.r.Patches {
			if kind == "patch" && p.ID == ref {
				return p.Date, nil
			}
		}
	}
	return 0, &UnknownMilestone{id}
}
