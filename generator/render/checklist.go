package render

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"

	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/markdown"
)

// checklistPath is the folder of a role's checklist in a release.
func checklistPath(r *handbook.Release, id string) string { return releasePath(r) + id + "/" }

// agendaPath is the folder of a checklist's agenda: its tasks by date.
func agendaPath(r *handbook.Release, id string) string { return checklistPath(r, id) + "agenda/" }

// checklistPage is checklist.html, in two forms. The checklist itself
// (Agenda false) is the role's guide for one release: all of it, in the
// guide's order, every task a checkbox and every dated section headed by
// its date, week and status, past sections folded; above it what is due
// next. The agenda (Agenda true) is the same tasks grouped by the day
// they are due, and nothing else. Both remember the reader's ticks under
// the same key and checkbox ids, so a tick on one shows on the other.
type checklistPage struct {
	page
	Release releaseSummary
	Role    roleRow
	// GuideURL is the role's guide, PrintURL its onboarding packet.
	GuideURL string
	PrintURL string
	// ChecklistURL and AgendaURL are the two forms of this checklist.
	ChecklistURL string
	AgendaURL    string
	// Agenda is set on the agenda; Guide is the guide, on the checklist.
	Agenda bool
	Guide  template.HTML
	// DueNext are the next days with tasks due, soonest first, and
	// ThisWeek the anchor of the section of this week, or else the next
	// one due ("" when nothing is due any more).
	DueNext  []dueNext
	ThisWeek string
	checklistTasks
	// Storage is the key under which the reader's ticks are remembered.
	Storage string
	Feeds   feedList
}

// dueNext is a day of a checklist with tasks due, as its summary shows
// it.
type dueNext struct {
	Due       moment
	From      *moment
	Week      string
	Countdown string
	// URL is the guide's section the first of its tasks is in.
	URL string
	// Tasks are the first tasks' text, each clipped to a line; More
	// counts the others.
	Tasks []string
	More  int
	// Spare is set for a day after the first dueNextDays: hidden, it
	// takes the place of a day that is over where the page is read on a
	// later day than it was built for.
	Spare bool
}

// The checklist's summary shows dueNextDays days with tasks due, and of
// each day dueNextTasks tasks of at most dueNextChars characters: a
// summary of the guide below, which has them whole.
const (
	dueNextDays  = 3
	dueNextSpare = 3
	dueNextTasks = 3
	dueNextChars = 90
)

func (b *builder) checklistPage(p page, c *handbook.Checklist, agenda bool) *checklistPage {
	r, role := c.Release, c.Role
	p.Title = role.Title + " checklist for " + r.Name
	p.Description = fmt.Sprintf("What the %s does in %s, with dates.", role.Title, r.Name)
	if agenda {
		p.Title = role.Title + " agenda for " + r.Name
		p.Description = fmt.Sprintf("The %s's tasks in %s, by the day they are due.", role.Title, r.Name)
		p.crumbs("Agenda", "Releases", "releases/", r.Name, releasePath(r), role.Title+" checklist", checklistPath(r, role.ID))
	} else {
		p.crumbs(role.Title+" checklist", "Releases", "releases/", r.Name, releasePath(r))
	}
	asOf := dateMoment(b.h.Today)
	p.AsOf = &asOf
	v := &checklistPage{
		page:         p,
		Release:      b.summary(p, r),
		Role:         roleRow{Title: role.Title, Summary: role.Summary, Commitment: role.Commitment, HasGuide: true},
		GuideURL:     p.url(rolePath(role.ID)),
		PrintURL:     p.url(printPath(role.ID)),
		ChecklistURL: p.url(checklistPath(r, role.ID)),
		AgendaURL:    p.url(agendaPath(r, role.ID)),
		Agenda:       agenda,
		Storage:      "relbook:" + r.ID + ":" + role.ID,
	}
	v.Role.People, v.Role.Shadows = r.Holders(role.ID)
	v.Feeds = feedList{
		b.feed(p, role.Title+" in "+r.Name, roleReleaseFeedPath(r, role.ID)),
		b.feed(p, role.Title+": every release", roleFeedPath(role.ID)),
	}
	// The tasks' text was written for the guide's page.
	p.md.Rebase, p.md.RebaseImage = b.links(p, rolePath(role.ID), rolePath(role.ID))
	if agenda {
		v.checklistTasks = b.checklistTasks(p, c, "")
		return v
	}

	guide := p.url(checklistPath(r, role.ID))
	monday := b.h.Today.Monday()
	for _, g := range c.Groups {
		if g.Due < monday || len(g.Tasks) == 0 {
			continue
		}
		if v.ThisWeek == "" && g.Tasks[0].Heading != "" {
			v.ThisWeek = "#" + g.Tasks[0].Heading
		}
		if g.Due < b.h.Today || len(v.DueNext) == dueNextDays+dueNextSpare {
			continue
		}
		d := dueNext{Due: dateMoment(g.Due), URL: guide + "#" + g.Tasks[0].Heading, Spare: len(v.DueNext) >= dueNextDays}
		if g.IsRange() {
			from := dateMoment(g.From)
			d.From = &from
		}
		d.Week, d.Countdown = dueWeek(r, g.Due)
		ref := b.refText(r)
		for i, t := range g.Tasks {
			if i == dueNextTasks {
				d.More = len(g.Tasks) - i
				break
			}
			d.Tasks = append(d.Tasks, clip(t.TextFor(ref), dueNextChars))
		}
		v.DueNext = append(v.DueNext, d)
	}

	p.md.HeadingOffset = headingOffset(role.Guide, 2)
	p.md.TaskIDPrefix = r.ID + "-" + role.ID + "-"
	p.md.When = nil
	p.md.Section = b.guideSection(r)
	body, err := role.Guide.Render(p.md)
	b.fail(err, role.Path)
	v.Guide = body
	return v
}

// guideSection is the Context.Section of a guide shown as release r's
// checklist: each dated section is a <section> whose heading is followed
// by its date, week and status, and whose content is in a <details>,
// folded when its day is past. The heading stays outside the <details>:
// inside its <summary> it would be a button's text, no longer a heading
// to a screen reader, and its anchor link a control inside a control.
func (b *builder) guideSection(r *handbook.Release) func(string) markdown.Section {
	section := guideSectionOf(r, b.h.Today)
	return func(expr string) markdown.Section {
		key := sectionKey{r, expr}
		if s, ok := b.sections.Load(key); ok {
			return s.(markdown.Section)
		}
		s := section(expr)
		b.sections.Store(key, s)
		return s
	}
}

// sectionKey is a dated section of a guide in a release.
type sectionKey struct {
	r    *handbook.Release
	expr string
}

// guideSectionOf is guideSection's work, done once for each expression of
// release r.
func guideSectionOf(r *handbook.Release, today handbook.Date) func(string) markdown.Section {
	const (
		body  = "<details class=\"section-body\"%s>\n<summary>Tasks and notes</summary>\n"
		close = "</details>\n</section>\n"
	)
	return func(expr string) markdown.Section {
		e, err := dateexpr.Parse(expr)
		if err != nil {
			return markdown.Section{}
		}
		from, due, err := e.Eval(dateexpr.ForRelease(r), dateexpr.AsDue)
		if err != nil {
			return markdown.Section{
				Open:  "<section class=\"guide-section unscheduled\">\n",
				Head:  template.HTML(`<p class="section-due">Not scheduled in ` + template.HTMLEscapeString(r.Name) + "</p>\n" + fmt.Sprintf(body, " open")),
				Close: close,
			}
		}
		status, open := "upcoming", " open"
		switch {
		case due < today:
			status, open = "past", ""
		case from <= today:
			status = "due now"
		case due < today.Monday().AddDays(7):
			status = "this week"
		}
		g := taskGroupView{Due: dateMoment(due)}
		if from != due {
			f := dateMoment(from)
			g.From = &f
		}
		g.Week, g.Countdown = dueWeek(r, due)
		var out []byte
		out = append(out, `<section class="guide-section" data-from="`...)
		out = appendEscaped(out, dateMoment(from).DateTime)
		out = append(out, `" data-due="`...)
		out = appendEscaped(out, g.Due.DateTime)
		out = append(out, "\">\n"...)
		openHTML := template.HTML(out)
		out = nil
		out = append(out, `<p class="section-due">Due `...)
		out = g.appendDates(out)
		out = append(out, " "...)
		out = g.appendWeeks(out)
		out = append(out, ` <span class="section-status">`...)
		out = append(out, status...)
		out = append(out, "</span></p>\n"...)
		out = fmt.Appendf(out, body, open)
		return markdown.Section{Open: openHTML, Head: template.HTML(out), Close: close}
	}
}

// checklistTasks are a checklist's tasks as pages show them.
type checklistTasks struct {
	Groups      taskGroups
	Undated     taskList
	Unscheduled taskList
}

// checklistTasks writes the tasks of c on page p, in the order the page
// shows them: the groups, then the undated and the unscheduled tasks.
// idPrefix goes in front of the groups' anchors.
func (b *builder) checklistTasks(p page, c *handbook.Checklist, idPrefix string) checklistTasks {
	r := c.Release
	w := b.taskWriter(p, r.ID+"-"+c.Role.ID+"-")
	v := checklistTasks{Groups: make(taskGroups, len(c.Groups))}
	// A group that runs over several days is placed where it starts:
	// tasks to begin in week 9 and finish in week 14 are read in week 9.
	groups := slices.Clone(c.Groups)
	slices.SortStableFunc(groups, func(a, b *handbook.TaskGroup) int { return cmp.Compare(a.From, b.From) })
	for i, g := range groups {
		gv := &v.Groups[i]
		*gv = taskGroupView{
			ID:        idPrefix + groupID(g),
			Due:       dateMoment(g.Due),
			When:      g.When,
			WhenWords: whenWords(r, g.When),
			Tasks:     w.list(g.Tasks),
		}
		gv.Week, gv.Countdown = dueWeek(r, g.Due)
		gv.Ordered = gv.Tasks.Ordered()
		if g.IsRange() {
			from := dateMoment(g.From)
			gv.From = &from
		}
		start := len(w.out)
		w.out = gv.appendOpen(w.out)
		w.out = gv.Tasks.appendOpen(w.out, "\n", "tasks")
		w.items(gv.Tasks, g.Tasks)
		w.out = gv.Tasks.appendClose(w.out, "\n", "\n")
		w.out = append(w.out, groupClose...)
		w.mark(&gv.HTML, start)
	}
	if len(v.Groups) == 0 {
		v.Groups = nil
	}
	v.Undated = w.list(c.Undated)
	w.items(v.Undated, c.Undated)
	v.Unscheduled = w.list(c.Unscheduled)
	w.items(v.Unscheduled, c.Unscheduled)
	w.done()
	return v
}

// groupID is the anchor of a checklist's task group.
func groupID(g *handbook.TaskGroup) string {
	id := "due-" + dateMoment(g.Due).DateTime
	if g.IsRange() {
		id += "-from-" + dateMoment(g.From).DateTime
	}
	return id
}

// whenWords says each of a group's `when`s in words, naming r's
// milestones ("1 week before Code freeze"); one that does not parse is
// given as written.
func whenWords(r *handbook.Release, when []string) []string {
	name := func(id string) string {
		if m := r.Milestone(id); m != nil {
			return m.Name
		}
		return ""
	}
	out := make([]string, len(when))
	for i, w := range when {
		out[i] = w
		if e, err := dateexpr.Parse(w); err == nil {
			out[i] = e.Words(name)
		}
	}
	return out
}
