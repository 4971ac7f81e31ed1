package render

import (
	"html/template"
	"sync"

	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/handbook"
)

// whenNote says, under a guide heading, when its tasks are due in release
// r: "Due Friday 23 October 2026 in Lighthouse v3.4".
func (b *builder) whenNote(r *handbook.Release) func(string) template.HTML {
	return func(expr string) template.HTML {
		if r == nil {
			return ""
		}
		e, err := dateexpr.Parse(expr)
		if err != nil {
			return ""
		}
		from, due, err := e.Eval(dateexpr.ForRelease(r), dateexpr.AsDue)
		if err != nil {
			return template.HTML("Not scheduled in " + template.HTMLEscapeString(r.Name))
		}
		when := whenHTML([]moment{dateMoment(due)})
		if from != due {
			when = whenHTML([]moment{dateMoment(from), dateMoment(due)})
		}
		return "Due " + when + template.HTML(" in "+template.HTMLEscapeString(r.Name))
	}
}

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

// refText resolves the inline date references of a task's plain text
// for release r, as [markdown.Task.TextFor] takes them: the text a
// template block shows.
func (s *shared) refText(r *handbook.Release) func(string) (string, bool) {
	ref := s.dateRef(r)
	return func(src string) (string, bool) {
		_, text, ok := ref(src)
		return text, ok
	}
}

// currentRefText is refText for the current release, which the pages
// outside any release (guides, free pages) show their inline dates for;
// nil when there is none, and the references stay as written.
func (b *builder) currentRefText() func(string) (string, bool) {
	if b.h.Current == nil {
		return nil
	}
	return b.refText(b.h.Current)
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
		ref, ok := dateexpr.ResolveRef(r, src)
		switch {
		case !ok:
			return "", "", false
		case ref.Milestone != nil && ref.Milestone.WholeWeek:
			return weekMoment("the week of ", ref.Milestone.WeekOf).HTML(), ref.Text, true
		case ref.Milestone != nil:
			return whenHTML(milestoneWhen(ref.Milestone)), ref.Text, true
		case ref.Unscheduled != "":
			return template.HTML(`<span class="unscheduled">` + template.HTMLEscapeString(ref.Text) + `</span>`), ref.Text, true
		case ref.From == ref.To:
			return whenHTML([]moment{dateMoment(ref.From)}), ref.Text, true
		}
		return whenHTML([]moment{dateMoment(ref.From), dateMoment(ref.To)}), ref.Text, true
	}
}
