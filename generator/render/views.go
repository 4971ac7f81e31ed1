package render

import (
	"cmp"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"time"

	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/markdown"
)

// The types below are what templates see. They hold text ready to show,
// so that templates only arrange it and every page shows a date the same
// way.

// page is what every page has.
type page struct {
	Site        siteView
	Title       string
	Description string
	// Root is the way back to the site root ("./", "../../"); on 404.html,
	// which a host serves at any depth, it is the absolute base_url.
	Root string
	// Path is the page's folder under the root ("releases/v3.4/"), "" for
	// the dashboard.
	Path string
	// URL is the page's absolute address (base_url + Path), for
	// rel=canonical and Open Graph; "" where the page has no address of
	// its own (404.html).
	URL string
	// Nav is the top bar: the current release, Releases, Roles, Glossary
	// and the free pages.
	Nav navLinks
	// Crumbs is the way from the home page down to this page, the page
	// itself last (with an empty URL); nil on the dashboard.
	Crumbs crumbLinks
	// OG is what a link to the page shows when shared in chat.
	OG openGraph
	// AsOf is the date the build was made for, on pages that depend on it.
	AsOf *moment
	// SearchURL is search.json relative to the page; "" hides the search
	// box.
	SearchURL string
	// InlineCSS, when set, is the theme's stylesheet to write into the
	// page instead of linking it (404.html); NoScript leaves relbook.js out.
	InlineCSS template.CSS
	NoScript  bool
	// md renders the page's markdown: inline date references resolve
	// against the release the page is about, and glossary terms link on
	// their first use on the page.
	md *markdown.Context
}

type siteView struct {
	Title, Description, Language, BaseURL string
}

// link is an entry of the top bar or the breadcrumbs. Current is "page"
// on the link to the page itself and "true" on the section it is in, as
// aria-current wants them; "" elsewhere.
type link struct {
	Title   string
	URL     string
	Current string
}

// navLinks and crumbLinks are components: the top bar's and the
// breadcrumbs' list items, which every page has ({{.Nav.HTML}},
// {{.Crumbs.HTML}}); a theme that wants other markup ranges over the
// links.
type (
	navLinks   []link
	crumbLinks []link
)

// HTML is the top bar's items: a link each, aria-current on the page's
// own and on its section's.
func (ls navLinks) HTML() template.HTML {
	return write(func(out []byte) []byte {
		for i := range ls {
			l := &ls[i]
			out = append(out, "\n        <li><a href=\""...)
			out = appendURL(out, l.URL, false)
			out = append(out, '"')
			if l.Current != "" {
				out = append(out, " aria-current=\""...)
				out = appendEscaped(out, l.Current)
				out = append(out, '"')
			}
			out = append(out, '>')
			out = appendEscaped(out, l.Title)
			out = append(out, "</a></li>"...)
		}
		return out
	})
}

// HTML is the breadcrumbs' items: a link each, the page itself last,
// unlinked.
func (ls crumbLinks) HTML() template.HTML {
	return write(func(out []byte) []byte {
		for i := range ls {
			l := &ls[i]
			out = append(out, "\n    <li>"...)
			if l.URL != "" {
				out = append(out, "<a href=\""...)
				out = appendURL(out, l.URL, false)
				out = append(out, "\">"...)
				out = appendEscaped(out, l.Title)
				out = append(out, "</a>"...)
			} else {
				out = append(out, "<span aria-current=\"page\">"...)
				out = appendEscaped(out, l.Title)
				out = append(out, "</span>"...)
			}
			out = append(out, "</li>"...)
		}
		return out
	})
}

// openGraph is the Open Graph card of a page, beyond its title and URL:
// Type ("website"), and a Description where the card should say more
// than the meta description (a release's next key date).
type openGraph struct {
	Type        string
	Description string
}

// builder turns handbook values into page values, for one file. It
// remembers the first markdown error, so that view code can stay free of
// error plumbing.
type builder struct {
	h   *handbook.Handbook
	err error
	*shared
}

// shared is what the builders of every file share: work done once for
// the whole site. It is safe for concurrent use.
type shared struct {
	// refs remembers each release's date references.
	refs map[*handbook.Release]*refMemo
	// defs are the glossary's definitions, parsed once, by term id.
	defs map[string]*definition
	// rebased remembers where links lead (see shared.rebase): for each
	// home, a *sync.Map of its links by destination.
	rebased sync.Map
	// glossary holds the terms as every page shows them (see
	// shared.termViews).
	glossary struct {
		once  sync.Once
		views []termView
	}
	// summaries remembers release summaries by summaryKey (see
	// builder.summary).
	summaries sync.Map
	// fastChecklists and fastPages are set when the theme's checklists
	// are written in Go (see fastChecklists, fastPages).
	fastChecklists, fastPages bool
}

type definition struct {
	once sync.Once
	src  string
	doc  *markdown.Doc
}

func newShared(h *handbook.Handbook) *shared {
	s := &shared{refs: map[*handbook.Release]*refMemo{}, defs: map[string]*definition{}}
	for _, r := range h.Releases {
		s.refs[r] = &refMemo{resolve: dateRef(r), refs: map[string]resolvedRef{}}
	}
	for _, t := range h.Terms {
		s.defs[t.ID] = &definition{src: t.Definition}
	}
	return s
}

// definition returns term t's definition, parsed.
func (b *builder) definition(t *handbook.Term) *markdown.Doc {
	d := b.defs[t.ID]
	if d == nil || d.src != t.Definition {
		return b.h.Markdown.Parse(t.Definition)
	}
	d.once.Do(func() { d.doc = b.h.Markdown.Parse(d.src) })
	return d.doc
}

// page starts the data of the page at dir, about release r (nil for pages
// about no release in particular).
func (b *builder) page(dir string, r *handbook.Release) page {
	root := strings.Repeat("../", strings.Count(dir, "/"))
	if root == "" {
		root = "./"
	}
	p := page{
		Site: siteView{b.h.Title, b.h.Description, b.h.Language, b.h.BaseURL},
		Root: root,
		Path: dir,
		URL:  b.h.BaseURL + dir,
		OG:   openGraph{Type: "website"},
	}
	p.SearchURL = p.url("search.json")
	p.Nav = b.nav(p)
	p.md = &markdown.Context{DateRef: b.dateRef(r), When: b.whenNote(r)}
	if len(b.h.Terms) > 0 {
		p.md.GlossaryURL = p.url("glossary/")
	}
	return p
}

// nav is the top bar of page p. With forty releases it still names only
// the current one; the rest are a click away on the Releases page.
func (b *builder) nav(p page) navLinks {
	var nav navLinks
	add := func(title, sitePath string, section bool) {
		l := link{Title: title, URL: p.url(sitePath)}
		switch {
		case p.Path == sitePath:
			l.Current = "page"
		case section && strings.HasPrefix(p.Path, sitePath):
			l.Current = "true"
		}
		nav = append(nav, l)
	}
	inCurrent := false
	if cur := b.h.Current; cur != nil {
		add(cur.Name, releasePath(cur), true)
		inCurrent = strings.HasPrefix(p.Path, releasePath(cur))
	}
	if len(b.h.Releases) > 0 {
		// Another release's pages are in the Releases section.
		add("Releases", "releases/", !inCurrent)
	}
	add("Roles", "roles/", true)
	if len(b.h.Terms) > 0 {
		add("Glossary", "glossary/", false)
	}
	for _, pg := range b.h.Pages {
		if pg.Slug != "index" {
			add(pg.Title, pg.Slug+"/", false)
		}
	}
	return nav
}

// crumbs sets the breadcrumbs of p: Home, then each (title, site path)
// pair, then the page itself under title.
func (p *page) crumbs(title string, trail ...string) {
	p.Crumbs = crumbLinks{{Title: "Home", URL: p.url("")}}
	for i := 0; i+1 < len(trail); i += 2 {
		p.Crumbs = append(p.Crumbs, link{Title: trail[i], URL: p.url(trail[i+1])})
	}
	p.Crumbs = append(p.Crumbs, link{Title: title, Current: "page"})
}

// url makes a site path ("releases/v3.4/") relative to the page: from
// releases/ it is "v3.4/", from releases/v3.4/ "./", from elsewhere it
// climbs to the root first ("../../releases/v3.4/").
func (p page) url(sitePath string) string {
	if rest, ok := strings.CutPrefix(sitePath, p.Path); ok {
		if rest == "" {
			return "./"
		}
		return rest
	}
	return p.Root + sitePath
}

// markdown renders an author's markdown fragment (a summary, a
// description) on page p, one heading level below the page's own.
func (b *builder) markdown(p page, src, where string) template.HTML {
	if src == "" {
		return ""
	}
	// Set and restore rather than copy: the context carries the page's
	// glossary state, and a page renders on one goroutine.
	p.md.HeadingOffset = 2
	defer func() { p.md.HeadingOffset = 0 }()
	// The same fragment is often in every release: it is parsed once
	// (handbook.Docs), and a Doc, once compiled, is only filled in for
	// each page.
	out, err := b.h.Markdown.Render(b.h.Docs.Parse(src), p.md)
	b.fail(err, where)
	return out
}

// fail remembers the first error.
func (b *builder) fail(err error, where string) {
	if err != nil && b.err == nil {
		b.err = fmt.Errorf("markdown in %s: %w", where, err)
	}
}

// releaseSummary is a release as lists show it.
type releaseSummary struct {
	ID       string
	Name     string
	Codename string
	Status   string
	URL      string
	Start    moment
	Release  moment
	// Current marks the release the dashboard is about.
	Current bool
	// KeyDates are the key milestones, in timeline order.
	KeyDates []milestoneView
}

// summary is r with its key dates, as page p links to them.
//
// Every link in it leads under releases/<id>/, so on a page outside
// releases/ (and not the dashboard, whose empty Path is a prefix of
// everything) p.url writes each of them as p.Root and the site path: the
// summary is the same on every such page at the same depth, and is made
// once for all of them. That is what a role page, which lists every
// release, needs. Summaries are only read once made, so the pages share
// their KeyDates.
func (b *builder) summary(p page, r *handbook.Release) releaseSummary {
	if p.Path == "" || strings.HasPrefix(p.Path, "releases/") {
		return b.makeSummary(p, r)
	}
	key := summaryKey{r, p.Root}
	if s, ok := b.summaries.Load(key); ok {
		return *s.(*releaseSummary)
	}
	s := b.makeSummary(p, r)
	b.summaries.Store(key, &s)
	return s
}

// summaryKey is what a memoized summary depends on (see builder.summary).
type summaryKey struct {
	r    *handbook.Release
	root string
}

func (b *builder) makeSummary(p page, r *handbook.Release) releaseSummary {
	s := b.summaryOnly(p, r)
	for _, m := range r.KeyMilestones() {
		s.KeyDates = append(s.KeyDates, b.milestone(p, r, m))
	}
	return s
}

// summaryOnly is summary without the KeyDates, for a page that does not
// show them.
func (b *builder) summaryOnly(p page, r *handbook.Release) releaseSummary {
	return releaseSummary{
		ID:       r.ID,
		Name:     r.Name,
		Codename: r.Codename,
		Status:   string(r.Status),
		URL:      p.url(releasePath(r)),
		Start:    dateMoment(r.Start),
		Release:  dateMoment(r.ReleaseDate()),
		Current:  r == b.h.Current,
	}
}

// milestoneView is one row of a timeline.
type milestoneView struct {
	ID   string
	Name string
	Kind string
	Key  bool
	// When is the full date and time, or the first and last day of a span.
	When []moment
	// Due is the day the milestone is due (the last day of a span), for
	// scripts that mark what is past.
	Due string
	// Week is "Week 5"; Countdown is "R-3", or empty where it would not
	// help the reader.
	Week      string
	Countdown string
	// Owners are the roles, linked to their checklists.
	Owners      []roleLink
	Description template.HTML
	URL         string
	// PageURL is the milestone's row on its release's schedule.
	PageURL string
	// Moved are the earlier dates, oldest first, and Note why it moved.
	Moved []moment
	Note  string
}

func (b *builder) milestone(p page, r *handbook.Release, m *handbook.Milestone) milestoneView {
	v := milestoneView{
		ID:      m.ID,
		Name:    m.Name,
		Kind:    string(m.Kind),
		Key:     m.Key,
		When:    milestoneWhen(m),
		Due:     m.End.String(),
		URL:     webURL(m.URL),
		PageURL: strings.TrimPrefix(p.url(releasePath(r)), "./") + "#" + m.ID,
		Note:    m.Note,
	}
	v.Week, v.Countdown = dueWeek(r, m.Date)
	for _, o := range m.Owners {
		v.Owners = append(v.Owners, b.roleLink(p, o, r))
	}
	for _, s := range m.Was {
		v.Moved = append(v.Moved, dateMoment(s.Date))
	}
	return v
}

// milestoneWhen is m.When() cut into its dates.
func milestoneWhen(m *handbook.Milestone) []moment {
	if m.IsSpan() {
		return []moment{dateMoment(m.Date), dateMoment(m.End)}
	}
	if m.Time.Kind == handbook.AllDay {
		return []moment{dateMoment(m.Date)}
	}
	return []moment{instantMoment(m.When(), m.Instant())}
}

// nextKeyDate says what is next for r as of today, for a link preview:
// "Next key date: Code freeze, Thursday 3 December 2026 (AoE)." or, once
// every key date has passed, when it was released.
func (b *builder) nextKeyDate(r *handbook.Release) string {
	for _, m := range r.KeyMilestones() {
		if m.End >= b.h.Today {
			return fmt.Sprintf("Next key date: %s, %s.", m.Name, m.When())
		}
	}
	return fmt.Sprintf("Released %s.", r.ReleaseDate().Long())
}

// phaseView is a phase of a release.
type phaseView struct {
	ID          string
	Name        string
	From, To    moment
	Description template.HTML
	// Release is set where phases of several releases are shown together.
	Release *releaseSummary
}

func (b *builder) phase(p page, r *handbook.Release, ph *handbook.Phase) phaseView {
	return phaseView{
		ID:          ph.ID,
		Name:        ph.Name,
		From:        dateMoment(ph.From),
		To:          dateMoment(ph.To),
		Description: b.markdown(p, ph.Description, r.Path),
	}
}

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
	Feeds []feedView
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
			dg := dueGroup{Due: dateMoment(g.Due), URL: rd.Role.URL + "#" + groupID(g)}
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
	slices.SortStableFunc(upcoming, func(a, b due) int {
		return cmp.Or(
			cmp.Compare(a.m.Date, b.m.Date),
			a.m.Instant().Compare(b.m.Instant()),
			cmp.Compare(a.r.Start, b.r.Start),
			cmp.Compare(a.r.ID, b.r.ID),
			cmp.Compare(a.m.ID, b.m.ID),
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
		d.Feeds = append(d.Feeds, b.feed(p, "All of "+r.Name, releaseFeedPath(r)))
	}
	for _, pg := range h.Pages {
		if pg.Slug == "index" {
			body, err := h.Markdown.Render(pg.Doc, p.md)
			b.fail(err, pg.Path)
			d.Intro = body
		}
	}
	return d
}

// releasesPage is the data of releases.html.
type releasesPage struct {
	page
	Releases []releaseSummary
}

func (b *builder) releaseList(p page) any {
	p.Title = "Releases"
	p.Description = "Every release of " + b.h.Title + ", newest first, with its status and key dates."
	p.crumbs("Releases")
	asOf := dateMoment(b.h.Today)
	p.AsOf = &asOf
	l := &releasesPage{page: p}
	for _, r := range b.h.Releases {
		l.Releases = append(l.Releases, b.summary(p, r))
	}
	return l
}

// releasePage is the data of release.html.
type releasePage struct {
	page
	Release releaseView
}

// releaseView is one release's whole schedule.
type releaseView struct {
	releaseSummary
	// Zone is the release's zone: "America/Los_Angeles (PT)".
	Zone string
	// DueWeekday is set when it is not Friday: "Thursday".
	DueWeekday string
	EOL        *moment
	Summary    template.HTML
	Milestones []milestoneView
	Phases     []phaseView
	Meetings   []meetingView
	Team       []teamRow
	Slips      []slipRow
	Weeks      []weekRow
	// Chart is the timeline drawn as an SVG picture.
	Chart chartView
	// Checklists link to every role's dated checklist for the release.
	Checklists []roleLink
	// Feeds are the release's calendar and its roles' calendars.
	Feeds []feedView
	// JSONURL is the machine-readable schedule; EditURL, when the
	// handbook has an edit_url, the page to edit the definition.
	JSONURL string
	EditURL string
}

// weekRow is one Monday–Sunday week of the week-by-week grid.
type weekRow struct {
	Week      string // "Week 5"
	Countdown string // "R-3"
	Monday    moment
	Sunday    moment
	// Milestones falling in the week (a span in each week it covers).
	Milestones []weekItem
	// Phases running during the week.
	Phases []weekItem
}

// weekItem is a link from the grid to a row of the schedule.
type weekItem struct {
	Name string
	URL  string
}

// maxGridWeeks bounds the grid, whatever dates a release holds.
const maxGridWeeks = 104

// weeks lays out the cycle week by week, from the week of the start (or of
// an earlier milestone) to the week of the release (or of a later one).
func weeks(r *handbook.Release) []weekRow {
	first, last := r.Start.Monday(), r.ReleaseDate().Monday()
	for _, m := range r.Milestones {
		first, last = min(first, m.Date.Monday()), max(last, m.End.Monday())
	}
	last = min(last, first.AddDays(7*(maxGridWeeks-1)))
	var rows []weekRow
	for mon := first; mon <= last; mon = mon.AddDays(7) {
		sun := mon.AddDays(6)
		row := weekRow{
			Week:      weekLabel(r, mon),
			Countdown: countdown(r, mon),
			Monday:    dateMoment(mon),
			Sunday:    dateMoment(sun),
		}
		for _, m := range r.Milestones {
			if m.Date <= sun && m.End >= mon {
				row.Milestones = append(row.Milestones, weekItem{m.Name, "#" + m.ID})
			}
		}
		for _, p := range r.Phases {
			if p.From <= sun && p.To >= mon {
				row.Phases = append(row.Phases, weekItem{p.Name, "#phase-" + p.ID})
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// meetingView is a recurring meeting.
type meetingView struct {
	ID   string
	Name string
	// Rhythm is how it repeats ("Mondays 10:00 PT"); First and Until the
	// first and last days of the series, and Skip the cancelled days.
	Rhythm      string
	First       moment
	Until       moment
	Skip        []moment
	Duration    string
	Roles       []roleLink
	URL         string
	Occurrences []moment
}

// teamRow is a role of the team: "Release Lead shadows" and their people.
type teamRow struct {
	Role   roleLink
	People []string
}

// slipRow is one move of a milestone's date.
type slipRow struct {
	Milestone string
	// MilestoneURL is the milestone's row in the timeline.
	MilestoneURL string
	From, To     moment
	Changed      *moment
	Note         string
}

func (b *builder) releasePage(p page, r *handbook.Release) (*releasePage, error) {
	p.Title = r.Name
	if r.Codename != "" {
		p.Title += " “" + r.Codename + "”"
	}
	p.Description = fmt.Sprintf("Schedule of %s: key dates, timeline, phases, meetings and team.", r.Name)
	p.OG.Description = b.nextKeyDate(r) + " " + p.Description
	p.crumbs(r.Name, "Releases", "releases/")
	asOf := dateMoment(b.h.Today)
	p.AsOf = &asOf
	v := releaseView{
		releaseSummary: b.summary(p, r),
		Zone:           r.Zone.String(),
		Summary:        b.markdown(p, r.Summary, r.Path),
		JSONURL:        "schedule.json",
	}
	if n := handbook.ZoneName(r.Zone); n != v.Zone {
		v.Zone += " (" + n + ")"
	}
	if r.DueWeekday != time.Friday {
		v.DueWeekday = r.DueWeekday.String()
	}
	if r.HasEOL {
		eol := dateMoment(r.EOL)
		v.EOL = &eol
	}
	if b.h.EditURL != "" && r.Path != "" {
		v.EditURL = strings.ReplaceAll(b.h.EditURL, "{path}", r.Path)
	}
	for _, m := range r.Milestones {
		mv := b.milestone(p, r, m)
		mv.Description = b.markdown(p, m.Description, r.Path)
		v.Milestones = append(v.Milestones, mv)
	}
	for _, ph := range r.Phases {
		v.Phases = append(v.Phases, b.phase(p, r, ph))
	}
	for _, m := range r.Meetings {
		v.Meetings = append(v.Meetings, b.meeting(p, r, m))
	}
	v.Team = b.team(p, r)
	v.Weeks = weeks(r)
	v.Chart = chart(r, b.h.Today)
	v.Feeds = append(v.Feeds, b.feed(p, "All of "+r.Name, releaseFeedPath(r)))
	for _, c := range r.Checklists {
		v.Checklists = append(v.Checklists, roleLink{c.Role.Title, p.url(checklistPath(r, c.Role.ID))})
		v.Feeds = append(v.Feeds, b.feed(p, c.Role.Title+" in "+r.Name, roleReleaseFeedPath(r, c.Role.ID)))
	}
	for _, m := range r.Slipped() {
		for i, s := range m.Was {
			row := slipRow{
				Milestone:    m.Name,
				MilestoneURL: "#" + m.ID,
				From:         dateMoment(s.Date),
				To:           dateMoment(m.Date),
				Note:         s.Note,
			}
			if i+1 < len(m.Was) {
				row.To = dateMoment(m.Was[i+1].Date)
			} else if m.Note != "" {
				// The milestone's note explains where it is now.
				row.Note = strings.TrimSpace(row.Note + " " + m.Note)
			}
			if s.Changed != 0 {
				c := dateMoment(s.Changed)
				row.Changed = &c
			}
			v.Slips = append(v.Slips, row)
		}
	}
	return &releasePage{page: p, Release: v}, b.err
}

func (b *builder) meeting(p page, r *handbook.Release, m *handbook.Meeting) meetingView {
	v := meetingView{
		ID:       m.ID,
		Name:     m.Name,
		Rhythm:   m.Rhythm(),
		First:    dateMoment(m.First),
		Until:    dateMoment(m.Until),
		Duration: duration(m.Duration),
		URL:      webURL(m.URL),
	}
	for _, d := range m.Skip {
		v.Skip = append(v.Skip, dateMoment(d))
	}
	for _, role := range m.Roles {
		v.Roles = append(v.Roles, b.roleLink(p, role, r))
	}
	clock := handbook.TimeOfDay{Kind: handbook.Clock, Hour: m.Hour, Minute: m.Minute, Zone: m.Zone}
	for _, d := range m.Occurrences {
		v.Occurrences = append(v.Occurrences, instantMoment(clock.Format(d), m.Start(d)))
	}
	return v
}

// markDates escapes text and wraps each of dates, where the text writes
// webURL returns an author's link if it is one a reader can follow —
// http, https, mailto or relative — and "" otherwise. html/template would
// turn a javascript: URL into a dead "#ZgotmplZ" link; leaving the link
// out reads better, and `check` is the place to report it.
func webURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https", "mailto":
		return s
	}
	return ""
}

// duration writes a meeting length: "1 hour", "45 minutes", "1 hour 30 minutes".
func duration(d time.Duration) string {
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	var parts []string
	switch {
	case h == 1:
		parts = append(parts, "1 hour")
	case h > 1:
		parts = append(parts, fmt.Sprintf("%d hours", h))
	}
	switch {
	case m == 1:
		parts = append(parts, "1 minute")
	case m > 1:
		parts = append(parts, fmt.Sprintf("%d minutes", m))
	}
	return strings.Join(parts, " ")
}

// team lists the roster with each role's shadows right after the role.
func (b *builder) team(p page, r *handbook.Release) []teamRow {
	entries := r.Team
	var rows []teamRow
	placed := map[string]bool{}
	add := func(e handbook.TeamEntry) {
		if !placed[e.Role] {
			placed[e.Role] = true
			rows = append(rows, teamRow{b.roleLink(p, e.Role, r), e.People})
		}
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Role, "-shadow") {
			continue
		}
		add(e)
		for _, s := range entries {
			if s.Role == e.Role+"-shadow" {
				add(s)
			}
		}
	}
	for _, e := range entries {
		add(e) // shadows of roles that have no entry of their own
	}
	return rows
}
