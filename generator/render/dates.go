package render

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/handbook"
)

// dateRef resolves the inline date references of markdown written for
// release r (SPEC §1): `{{code-freeze}}` is the milestone as the timeline
// shows it, with its time; any other expression is a date, or a range of
// dates. A reference that does not resolve stays as written; reporting it
// is `check`'s job.
func dateRef(r *handbook.Release) func(string) (template.HTML, bool) {
	return func(src string) (template.HTML, bool) {
		e, err := dateexpr.Parse(src)
		if err != nil {
			return "", false
		}
		if a := e.From.Anchor; !e.IsRange() && len(e.From.Steps) == 0 && a.Kind == dateexpr.Milestone {
			m := r.Milestone(a.ID)
			if m == nil {
				return "", false
			}
			return timeHTML(milestoneWhen(m)), true
		}
		from, to, err := e.Eval(releaseEnv{r}, dateexpr.AsDue)
		if err != nil {
			return "", false
		}
		if from == to {
			return timeHTML([]moment{dateMoment(from)}), true
		}
		return timeHTML([]moment{dateMoment(from), dateMoment(to)}), true
	}
}

// timeHTML writes moments as <time> elements, a span's two ends joined
// by a dash, the way the templates do.
func timeHTML(ms []moment) template.HTML {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = fmt.Sprintf(`<time datetime="%s">%s</time>`,
			template.HTMLEscapeString(m.DateTime), template.HTMLEscapeString(m.Text))
	}
	return template.HTML(strings.Join(parts, " – "))
}

// releaseEnv evaluates date expressions against a resolved release.
type releaseEnv struct{ r *handbook.Release }

func (e releaseEnv) Start() handbook.Date                { return e.r.Start }
func (e releaseEnv) DueWeekday() time.Weekday            { return e.r.DueWeekday }
func (e releaseEnv) IsBusinessDay(d handbook.Date) bool  { return e.r.IsBusinessDay(d) }
func (e releaseEnv) ReleaseDate() (handbook.Date, error) { return e.Milestone("release") }

func (e releaseEnv) Milestone(id string) (handbook.Date, error) {
	if m := e.r.Milestone(id); m != nil {
		return m.Date, nil
	}
	return 0, fmt.Errorf("%s has no milestone %q", e.r.ID, id)
}
