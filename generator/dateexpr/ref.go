package dateexpr

import (
	"errors"

	"github.com/relbook/relbook/generator/handbook"
)

// Ref is what an inline date reference in markdown ({{code-freeze}},
// {{code-freeze - 1w}}, {{week 3 .. week 4}}) stands for in one release
// (SPEC §1). A page writes it as HTML from these fields; a calendar, a
// search result or a terminal writes Text.
type Ref struct {
	// Milestone is set when the reference names a milestone of the
	// release and nothing more: it shows as the timeline shows the
	// milestone, with its time when it has one.
	Milestone *handbook.Milestone
	// From and To are the dates of any other reference; equal for a
	// single day.
	From, To handbook.Date
	// Unscheduled is the milestone the release does not have, when that
	// is why the reference has no dates.
	Unscheduled string
	// Text is the reference as plain text: the milestone's When, a date,
	// "from – to", or "<milestone>: not scheduled in <release>".
	Text string
}

// ResolveRef works out the reference whose expression is src in release
// r. ok is false when src does not parse or evaluate; the reference then
// stays as written, and check reports it.
func ResolveRef(r *handbook.Release, src string) (ref Ref, ok bool) {
	e, err := Parse(src)
	if err != nil {
		return Ref{}, false
	}
	if a := e.From.Anchor; !e.IsRange() && len(e.From.Steps) == 0 && a.Kind == Milestone {
		if m := r.Milestone(a.ID); m != nil {
			text := m.When()
			if m.WholeWeek {
				text = "the week of " + m.WeekOf.Long()
			}
			return Ref{Milestone: m, From: m.Date, To: m.Date, Text: text}, true
		}
	}
	from, to, err := e.Eval(ForRelease(r), AsDue)
	var unknown *UnknownMilestone
	switch {
	case errors.As(err, &unknown):
		return Ref{Unscheduled: unknown.ID, Text: unknown.ID + ": not scheduled in " + r.Name}, true
	case err != nil:
		return Ref{}, false
	case from == to:
		return Ref{From: from, To: to, Text: from.Long()}, true
	}
	return Ref{From: from, To: to, Text: from.Long() + " – " + to.Long()}, true
}
