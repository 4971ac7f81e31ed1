package render

import (
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"math"
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
	// Phases are the current release's phases from today on; the ones
	// that contain today are marked and show their description, the
	// others are hidden, name and dates only, until a reader's day falls
	// in them (relbook.js).
	Phases     []phaseNow
	PhaseToday bool
	// Next are the next key deadlines, from today on, of every release.
	Next []deadline
	// Countdown is the next key deadline, the first of Next, with how
	// far away it is; nil when none is coming up.
	Countdown *countdownView
	// Week is the Monday–Sunday week of today, and DueThisWeek what each
	// role of the current release has due in it, by their checklists.
	Week        *weekSpan
	DueThisWeek []roleDue
	// DueURL is the current release's due.json, for the script.
	DueURL   string
	Releases []releaseSummary
	// Intro is pages/index.md, shown under the dashboard.
	Intro template.HTML
	// Feeds: the key dates of every release, then the current release.
	Feeds feedList
	// Moving holds, by release id, the dates of the releases whose
	// status can still change or that can still become current: the
	// script redoes those for the reader's day. CurrentWritten is set
	// when handbook.toml names the current release, so it never moves.
	Moving         map[string]*movingRelease
	CurrentWritten bool
}

// movingRelease is what the script needs of a release: its first and
// release day and statusDays.
type movingRelease struct {
	Start, Release, Status string
}

// phaseNow is a phase of the current release on the dashboard.
type phaseNow struct {
	phaseView
	Today bool
}

// statusDays is r's status from each day on, for relbook.js to tell the
// status on the reader's day: a JSON array of [first day, name, class],
// before whose first day the release is planned. A status written in
// the file is one entry from "", and statuses over before the build's
// day (less a day, for readers in zones behind it) are left out.
// The second result is false when the status is settled for good and
// the release can no longer become current (its release day is over).
func statusDays(r *handbook.Release, today handbook.Date) (string, bool) {
	var days [][3]string
	add := func(from string, s handbook.Status) {
		v := statusViewOf(r, s)
		days = append(days, [3]string{from, v.Name, v.Class})
	}
	if r.StatusWritten {
		add("", r.Status)
	} else {
		add(r.Start.String(), handbook.Active)
		if len(r.Support) == 0 {
			add(r.ReleaseDate().AddDays(1).String(), handbook.Released)
		}
		for _, p := range r.Support {
			add(p.From.String(), handbook.Status(p.ID))
		}
		if n := len(r.Support); n > 0 {
			add(r.Support[n-1].To.AddDays(1).String(), handbook.EOL)
		}
	}
	earliest := today.AddDays(-1)
	for len(days) > 1 && days[1][0] <= earliest.String() {
		days = days[1:]
	}
	moves := len(days) > 1 || days[0][0] > earliest.String() || r.ReleaseDate() >= earliest
	b, err := json.Marshal(days)
	if err != nil {
		panic(err) // strings only
	}
	return string(b), moves
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
	return b.dueBetween(p, r, mon, mon.AddDays(6))
}

// dueBetween lists, for every role of r with a checklist, the task
// groups due from first to last.
func (b *builder) dueBetween(p page, r *handbook.Release, first, last handbook.Date) []roleDue {
	var roles []roleDue
	refText := b.refText(r)
	for _, c := range r.Checklists {
		rd := roleDue{Role: roleLink{c.Role.Title, p.url(checklistPath(r, c.Role.ID))}}
		for _, g := range c.Groups {
			if g.Due < first || g.Due > last {
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

// dueJSONPath is the file of what each role of r has due when, read by
// the dashboard's script when the reader's week is not the build's.
func dueJSONPath(r *handbook.Release) string { return releasePath(r) + "due.json" }

// dueFile is due.json: every task group of every checklist of a
// release, as the dashboard lists them (see roleDue). Its addresses are
// relative to the file.
type dueFile struct {
	Roles []dueRole `json:"roles"`
}

type dueRole struct {
	Title  string     `json:"title"`
	URL    string     `json:"url"`
	Groups []dueEntry `json:"groups"`
}

type dueEntry struct {
	Due   string   `json:"due"`
	From  string   `json:"from,omitempty"`
	URL   string   `json:"url"`
	Tasks []string `json:"tasks"`
	More  int      `json:"more,omitempty"`
}

// dueJSON is r's due.json.
func (b *builder) dueJSON(r *handbook.Release) dueFile {
	var f dueFile
	p := b.page(releasePath(r), r)
	for _, rd := range b.dueBetween(p, r, handbook.Date(math.MinInt32), handbook.Date(math.MaxInt32)) {
		dr := dueRole{Title: rd.Role.Title, URL: rd.Role.URL}
		for _, g := range rd.Groups {
			e := dueEntry{Due: g.Due.DateTime, URL: g.URL, Tasks: g.Tasks, More: g.More}
			if g.From != nil {
				e.From = g.From.DateTime
			}
			dr.Groups = append(dr.Groups, e)
		}
		f.Roles = append(f.Roles, dr)
	}
	return f
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
		for _, ph := range r.Phases {
			// A reader is on the build's day or later (a day earlier
			// in a zone behind it): phases over before that are left out.
			if ph.To < h.Today.AddDays(-1) {
				continue
			}
			today := ph.From <= h.Today && h.Today <= ph.To
			d.Phases = append(d.Phases, phaseNow{b.phase(p, r, ph), today})
			d.PhaseToday = d.PhaseToday || today
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
		if len(r.Checklists) > 0 {
			d.DueURL = p.url(dueJSONPath(r))
		}
	}
	for _, r := range h.Releases {
		d.Releases = append(d.Releases, b.summary(p, r))
	}
	d.Feeds = append(d.Feeds, b.feed(p, "Key dates of every release", siteFeedPath))
	if r := h.Current; r != nil {
		d.Feeds = append(d.Feeds, b.feed(p, "All of "+r.Name, releaseFeedPath(r)),
			b.feed(p, "All of the current release, whichever it is", currentFeedPath))
	}
	d.CurrentWritten = h.CurrentWritten
	d.Moving = map[string]*movingRelease{}
	for _, r := range h.Releases {
		// A release over before the reader's earliest day is never
		// current again: the current one releases later, or starts later.
		if status, moves := statusDays(r, h.Today); moves {
			d.Moving[r.ID] = &movingRelease{r.Start.String(), r.ReleaseDate().String(), status}
		}
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
