package render

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"time"

	"github.com/relbook/relbook/generator/handbook"
)

// dashboardPage is the data of index.html.
type dashboardPage struct {
	page
	// Current is the release the handbook is about today; nil without
	// releases.
	Current *currentRelease
	// Phases are the current release's phases that contain today.
	Phases []phaseView
	// Next are the next key deadlines, from today on, of every release.
	Next []deadline
	// Countdown is the next key deadline, the first of Next, with how
	// far away it is; nil when none is coming up.
	Countdown *countdownView
	// Week is the Monday–Sunday week of today, and DueThisWeek what each
	// role of the current release has due in it, by their checklists.
	Week        *weekSpan
	DueThisWeek []roleDue
	Releases    []releaseSummary
	// Intro is pages/index.md, shown under the dashboard.
	Intro template.HTML
	// Feeds: the key dates of every release, then the current release.
	Feeds feedList
}

type currentRelease struct {
	releaseSummary
	// Week is "Week 7 of 15" while the cycle runs; Countdown "R-7".
	Week      string
	Countdown string
}

type deadline struct {
	Release   releaseSummary
	Milestone milestoneView
	// From is the deadline's (first) day, YYYY-MM-DD, and At the exact
	// instant of a timed deadline (RFC 3339, UTC), "" for an all-day date:
	// scripts count down to them from the reader's clock.
	From string
	At   string
}

// countdownView is how far away a deadline is.
type countdownView struct {
	deadline
	// Days is the number of days from today to the deadline's date: 0
	// today, negative while a span that started earlier is under way.
	Days int
	// Text says it in words: "today", "tomorrow", "in 12 days",
	// "under way until Friday 13 November 2026".
	Text string
}

// countdownText says how far away a deadline of m is from today.
func countdownText(today handbook.Date, m *handbook.Milestone) (int, string) {
	days := int(m.Date - today)
	switch {
	case days < 0:
		return days, "under way until " + m.End.Long()
	case days == 0:
		return 0, "today"
	case days == 1:
		return 1, "tomorrow"
	}
	return days, fmt.Sprintf("in %d days", days)
}

// weekSpan is a Monday–Sunday week.
type weekSpan struct {
	Monday, Sunday moment
}

// roleDue is what one role has due in a week, from its checklist.
type roleDue struct {
	Role   roleLink
	Groups []dueGroup
}

// dueGroup is one due date of a role's checklist with its tasks, as plain
// text: the dashboard lists them and links to the checklist for the rest.
type dueGroup struct {
	Due moment
	// From is the first day of a range; nil for one day.
	From *moment
	// URL is the group on the role's checklist page.
	URL   string
	Tasks []string
	// More counts the tasks not listed.
	More int
}

// dueTasksShown is how many tasks of a due date the dashboard lists.
const dueTasksShown = 4

// dueThisWeek lists, for every role of r with a checklist, the task
// groups due from mon to mon+6.
func (b *builder) dueThisWeek(p page, r *handbook.Release, mon handbook.Date) []roleDue {
	var roles []roleDue
	refText := b.refText(r)
	for _, c := range r.Checklists {
		rd := roleDue{Role: roleLink{c.Role.Title, p.url(checklistPath(r, c.Role.ID))}}
		for _, g := range c.Groups {
			if g.Due < mon || g.Due > mon.AddDays(6) {
				continue
			}
			dg := dueGroup{Due: dateMoment(g.Due), URL: p.url(agendaPath(r, c.Role.ID)) + "#" + groupID(g)}
			if g.IsRange() {
				from := dateMoment(g.From)
				dg.From = &from
			}
			for i, t := range g.Tasks {
				if i == dueTasksShown {
					dg.More = len(g.Tasks) - i
					break
				}
				dg.Tasks = append(dg.Tasks, t.TextFor(refText))
			}
			rd.Groups = append(rd.Groups, dg)
		}
		if len(rd.Groups) > 0 {
			roles = append(roles, rd)
		}
	}
	return roles
}

// nextDeadlines is how many key deadlines the dashboard lists.
const nextDeadlines = 5

func (b *builder) dashboard(p page) any {
	h := b.h
	p.Title = h.Title
	p.Description = h.Description
	if p.Description == "" {
		p.Description = "Release schedules of " + h.Title + "."
	}
	asOf := dateMoment(h.Today)
	p.AsOf = &asOf
	d := &dashboardPage{page: p}
	if r := h.Current; r != nil {
		c := &currentRelease{releaseSummary: b.summary(p, r)}
		if r.Contains(h.Today) {
			c.Week = weekLabel(r, h.Today) + " of " + strconv.Itoa(r.Week(r.ReleaseDate()))
			c.Countdown = countdown(r, h.Today)
		}
		d.Current = c
		for _, ph := range r.PhasesOn(h.Today) {
			d.Phases = append(d.Phases, b.phase(p, r, ph))
		}
	}
	type due struct {
		r *handbook.Release
		m *handbook.Milestone
	}
	var upcoming []due
	for _, r := range h.Releases {
		for _, m := range r.KeyMilestones() {
			if m.End >= h.Today {
				upcoming = append(upcoming, due{r, m})
			}
		}
	}
	// By day, then release; a release's own items of a day stay in its
	// timeline order (they were added in it, and the sort is stable).
	slices.SortStableFunc(upcoming, func(a, b due) int {
		return cmp.Or(
			cmp.Compare(a.m.Date, b.m.Date),
			cmp.Compare(a.r.Start, b.r.Start),
			cmp.Compare(a.r.ID, b.r.ID),
		)
	})
	for i, u := range upcoming[:min(len(upcoming), nextDeadlines)] {
		s := b.summary(p, u.r)
		s.KeyDates = nil
		dl := deadline{Release: s, Milestone: b.milestone(p, u.r, u.m), From: u.m.Date.String()}
		if u.m.Time.Kind != handbook.AllDay && !u.m.IsSpan() {
			dl.At = u.m.Instant().UTC().Format(time.RFC3339)
		}
		d.Next = append(d.Next, dl)
		if i == 0 {
			days, text := countdownText(h.Today, u.m)
			d.Countdown = &countdownView{deadline: dl, Days: days, Text: text}
		}
	}
	if r := h.Current; r != nil {
		mon := h.Today.Monday()
		d.Week = &weekSpan{dateMoment(mon), dateMoment(mon.AddDays(6))}
		d.DueThisWeek = b.dueThisWeek(p, r, mon)
	}
	for _, r := range h.Releases {
		d.Releases = append(d.Releases, b.summary(p, r))
	}
	d.Feeds = append(d.Feeds, b.feed(p, "Key dates of every release", siteFeedPath))
	if r := h.Current; r != nil {
		d.Feeds = append(d.Feeds, b.feed(p, "All of "+r.Name, releaseFeedPath(r)),
			b.feed(p, "All of the current release, whichever it is", currentFeedPath))
	}
	for _, pg := range h.Pages {
		if pg.Slug == "index" {
			body, err := pg.Doc.Render(p.md)
			b.fail(err, pg.Path)
			d.Intro = body
		}
	}
	return d
}
