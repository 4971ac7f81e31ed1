package render

import (
	"errors"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/handbook"
)

// dateRef resolves the inline date references of markdown shown for
// release r (SPEC §1): `{{code-freeze}}` is the milestone as the timeline
// shows it, with its time; any other expression is a date, or a range of
// dates. It gives HTML for prose and plain text for `template` blocks. A
// milestone r does not have reads "not scheduled in <release>"; a
// reference that does not parse stays as written (check reports it).
//
// What a reference stands for depends only on the release, so each is
// worked out once per release and remembered (see refMemo): a guide's
// `{{code-freeze}}` is on every checklist of the release.
func (s *shared) dateRef(r *handbook.Release) func(string) (template.HTML, string, bool) {
	if r == nil {
		return func(string) (template.HTML, string, bool) { return "", "", false }
	}
	memo := s.refs[r]
	if memo == nil { // a release the handbook does not list
		return dateRef(r)
	}
	return memo.get
}

// refMemo remembers the date references of one release.
type refMemo struct {
	resolve func(string) (template.HTML, string, bool)
	mu      sync.Mutex
	refs    map[string]resolvedRef
}

type resolvedRef struct {
	html template.HTML
	text string
	ok   bool
}

func (m *refMemo) get(src string) (template.HTML, string, bool) {
	m.mu.Lock()
	r, found := m.refs[src]
	m.mu.Unlock()
	if !found {
		r.html, r.text, r.ok = m.resolve(src)
		m.mu.Lock()
		m.refs[src] = r
		m.mu.Unlock()
	}
	return r.html, r.text, r.ok
}

func dateRef(r *handbook.Release) func(string) (template.HTML, string, bool) {
	return func(src string) (template.HTML, string, bool) {
		e, err := dateexpr.Parse(src)
		if err != nil {
			return "", "", false
		}
		if a := e.From.Anchor; !e.IsRange() && len(e.From.Steps) == 0 && a.Kind == dateexpr.Milestone {
			if m := r.Milestone(a.ID); m != nil {
				return timeHTML(milestoneWhen(m)), m.When(), true
			}
		}
		from, to, err := e.Eval(dateexpr.ForRelease(r), dateexpr.AsDue)
		var unknown *dateexpr.UnknownMilestone
		switch {
		case errors.As(err, &unknown):
			text := fmt.Sprintf("%s: not scheduled in %s", unknown.ID, r.Name)
			return template.HTML(`<span class="unscheduled">` + template.HTMLEscapeString(text) + `</span>`), text, true
		case err != nil:
			return "", "", false
		case from == to:
			return timeHTML([]moment{dateMoment(from)}), from.Long(), true
		}
		return timeHTML([]moment{dateMoment(from), dateMoment(to)}), from.Long() + " – " + to.Long(), true
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
