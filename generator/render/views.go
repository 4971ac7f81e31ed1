package render

import (
	"cmp"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/markdown"
)

// The types below are what templates see. They hold text ready to show,
// so that templates only arrange it and every page shows a date the same
// way.

// moment is a date or an instant as a page shows it.
type moment struct {
	// Text is what the reader sees: "Thursday 16 October 2025".
	Text string
	// DateTime is the machine-readable form for <time datetime>:
	// "2025-10-16", or the UTC instant "2025-10-17T12:00:00Z".
	DateTime string
}

func dateMoment(d handbook.Date) moment { return moment{d.Long(), d.String()} }

func instantMoment(text string, t time.Time) moment {
	return moment{text, t.UTC().Format(time.RFC3339)}
}

// page is what every page has.
type page struct {
	Site        siteView
	Title       string
	Description string
	Root        string
	Path        string
	Nav         []link
	AsOf        *moment
	// md renders the page's markdown: inline date references resolve
	// against the release the page is about, and glossary terms link on
	// their first use on the page.
	md *markdown.Context
}

type siteView struct {
	Title, Description, Language, BaseURL string
}

type link struct {
	Title   string
	URL     string
	Current bool
}

// builder turns handbook values into page values. It remembers the first
// markdown error, so that view code can stay free of error plumbing.
type builder struct {
	h   *handbook.Handbook
	err error
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
	}
	p.Nav = append(p.Nav, link{"Home", p.url(""), dir == ""}, link{"Releases", p.url("releases/"), dir == "releases/"})
	p.Nav = append(p.Nav, link{"Roles", p.url("roles/"), strings.HasPrefix(dir, "roles/")})
	if len(b.h.Terms) > 0 {
		p.Nav = append(p.Nav, link{"Glossary", p.url("glossary/"), dir == "glossary/"})
	}
	for _, pg := range b.h.Pages {
		if pg.Slug != "index" {
			p.Nav = append(p.Nav, link{pg.Title, p.url(pg.Slug + "/"), dir == pg.Slug+"/"})
		}
	}
	p.md = &markdown.Context{DateRef: dateRef(r), When: b.whenNote(r)}
	if len(b.h.Terms) > 0 {
		p.md.GlossaryURL = p.url("glossary/")
	}
	return p
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
	out, err := b.h.Markdown.RenderString(src, p.md)
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

func (b *builder) summary(p page, r *handbook.Release) releaseSummary {
	s := releaseSummary{
		ID:       r.ID,
		Name:     r.Name,
		Codename: r.Codename,
		Status:   string(r.Status),
		URL:      p.url(releasePath(r)),
		Start:    dateMoment(r.Start),
		Release:  dateMoment(r.ReleaseDate()),
		Current:  r == b.h.Current,
	}
	for _, m := range r.KeyMilestones() {
		s.KeyDates = append(s.KeyDates, b.milestone(p, r, m))
	}
	return s
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
		Week:    fmt.Sprintf("Week %d", r.Week(m.Date)),
		URL:     webURL(m.URL),
		PageURL: strings.TrimPrefix(p.url(releasePath(r)), "./") + "#" + m.ID,
		Note:    m.Note,
	}
	if n := r.Countdown(m.Date); n <= 6 || r.DueWeekday != time.Friday {
		v.Countdown = countdown(n)
	}
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

// countdown writes N of the countdown week R-N: "R-3", "R-0", "R+1".
func countdown(n int) string {
	if n < 0 {
		return fmt.Sprintf("R+%d", -n)
	}
	return fmt.Sprintf("R-%d", n)
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
	Next     []deadline
	Releases []releaseSummary
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
			c.Week = fmt.Sprintf("Week %d of %d", r.Week(h.Today), r.Week(r.ReleaseDate()))
			c.Countdown = countdown(r.Countdown(h.Today))
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
	for _, u := range upcoming[:min(len(upcoming), nextDeadlines)] {
		s := b.summary(p, u.r)
		s.KeyDates = nil
		d.Next = append(d.Next, deadline{Release: s, Milestone: b.milestone(p, u.r, u.m)})
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
			Week:      fmt.Sprintf("Week %d", r.Week(mon)),
			Countdown: countdown(r.Countdown(mon)),
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

func (b *builder) releasePage(p page, r *handbook.Release) (any, error) {
	p.Title = r.Name
	if r.Codename != "" {
		p.Title += " “" + r.Codename + "”"
	}
	p.Description = fmt.Sprintf("Schedule of %s: key dates, timeline, phases, meetings and team.", r.Name)
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
