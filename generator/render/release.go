package render

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/relbook/relbook/generator/handbook"
)

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
	// Owners are the roles, linked to their checklists; Who is the
	// milestone's free-text responsibility, shown after them.
	Owners      []roleLink
	Who         template.HTML
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
		URL:     m.URL,
		PageURL: strings.TrimPrefix(p.url(releasePath(r)), "./") + "#" + m.ID,
		Note:    m.Note,
	}
	v.Week, v.Countdown = dueWeek(r, m.Date)
	for _, o := range m.Owners {
		v.Owners = append(v.Owners, b.roleLink(p, o, r))
	}
	v.Who = b.markdownInline(p, m.Who, r.Path)
	for _, s := range m.Was {
		v.Moved = append(v.Moved, dateMoment(s.Date))
	}
	return v
}

// milestoneWhen is m.When() cut into its dates. A week item is one
// moment, its week: "Week of <time>Monday 23 February 2026</time>".
func milestoneWhen(m *handbook.Milestone) []moment {
	if m.WholeWeek {
		return []moment{weekMoment("Week of ", m.WeekOf)}
	}
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
	// StatusDays is the release's status from each day on (statusDays),
	// for the script to show the status of the reader's day; empty when
	// it is settled for good.
	StatusDays string
	// DueWeekday is set when it is not Friday: "Thursday".
	DueWeekday string
	EOL        *moment
	Summary    template.HTML
	Milestones []milestoneView
	Phases     []phaseView
	// Support are the phases of its life after the release day, and
	// Patches its patch releases, by date.
	Support  []supportRow
	Patches  []patchRow
	Meetings []meetingView
	Team     []teamRow
	Slips    []slipRow
	Weeks    []weekRow
	// WeeksOmitted counts the milestones after the grid's last week,
	// which is at most ten years after its first; the timeline lists them.
	WeeksOmitted int
	// Chart is the timeline drawn as an SVG picture.
	Chart chartView
	// Checklists link to every role's dated checklist for the release.
	Checklists []roleLink
	// Feeds are the release's calendar and its roles' calendars.
	Feeds feedList
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
	// Quiet, when not 0, makes the row a run of that many weeks with no
	// milestone, from Monday to Sunday of its last week.
	Quiet int
}

// weekItem is a link from the grid to a row of the schedule.
type weekItem struct {
	Name string
	URL  string
}

// gridMaxWeeks bounds the grid at ten years, so that a date far away
// cannot make a page of hundreds of megabytes; what lies beyond it, the
// page names (Release.WeeksOmitted). Real cycles, support years
// included, stay far inside it.
const gridMaxWeeks = 520

// quietWeeks is the longest run of weeks without a milestone that the
// grid shows a row each; a longer one is one row, saying so, so that a
// milestone years away cannot make the page endless.
const quietWeeks = 26

// weeks lays out the cycle week by week, from week 1 (or the week of an
// earlier milestone) through the later of the release week and the week
// of the last milestone. Nothing is cut: a long quiet stretch is one row.
func weeks(r *handbook.Release) (rows []weekRow, omitted int) {
	first, last := r.Start.Monday(), r.ReleaseDate().Monday()
	for _, m := range r.Milestones {
		first, last = min(first, m.Date.Monday()), max(last, m.End.Monday())
		if m.WholeWeek {
			first = min(first, m.WeekOf)
		}
	}
	if limit := first.AddDays(7 * (gridMaxWeeks - 1)); last > limit {
		last = limit
		for _, m := range r.Milestones {
			if m.Date > last.AddDays(6) {
				omitted++
			}
		}
	}
	// Milestones by Monday of each week they fall in, so each week finds
	// its own without looking at every milestone.
	byWeek := map[handbook.Date][]weekItem{}
	for _, m := range r.Milestones {
		from := m.Date.Monday()
		if m.WholeWeek {
			from = m.WeekOf
		}
		for mon := from; mon <= min(m.End.Monday(), last); mon = mon.AddDays(7) {
			byWeek[mon] = append(byWeek[mon], weekItem{m.Name, "#" + m.ID})
		}
	}
	phases := func(from, to handbook.Date) []weekItem {
		var items []weekItem
		for _, p := range r.Phases {
			if p.From <= to && p.To >= from {
				items = append(items, weekItem{p.Name, "#phase-" + p.ID})
			}
		}
		return items
	}
	for mon := first; mon <= last; mon = mon.AddDays(7) {
		quiet := 0
		for next := mon; next <= last && len(byWeek[next]) == 0; next = next.AddDays(7) {
			quiet++
		}
		if quiet > quietWeeks {
			end := mon.AddDays(7*quiet - 1)
			rows = append(rows, weekRow{
				Week:   weekLabel(r, mon),
				Monday: dateMoment(mon),
				Sunday: dateMoment(end),
				Quiet:  quiet,
				Phases: phases(mon, end),
			})
			mon = end.AddDays(1 - 7)
			continue
		}
		sun := mon.AddDays(6)
		rows = append(rows, weekRow{
			Week:       weekLabel(r, mon),
			Countdown:  countdown(r, mon),
			Monday:     dateMoment(mon),
			Sunday:     dateMoment(sun),
			Milestones: byWeek[mon],
			Phases:     phases(mon, sun),
		})
	}
	return rows, omitted
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
	// Next is the first meeting on or after the build's day, with its
	// time in the meeting's zone and in UTC (the script shows it in the
	// reader's zone, and moves it on when the page is read later); nil
	// once the series is over.
	Next *moment
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
	if days, moves := statusDays(r, b.h.Today); moves {
		v.StatusDays = days
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
	v.Support = b.supportRows(r)
	for _, pt := range r.Patches {
		v.Patches = append(v.Patches, b.patchRow(p, r, pt))
	}
	for _, m := range r.Meetings {
		v.Meetings = append(v.Meetings, b.meeting(p, r, m))
	}
	v.Team = b.team(p, r)
	v.Weeks, v.WeeksOmitted = weeks(r)
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
		URL:      m.URL,
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
		if v.Next == nil && d >= b.h.Today {
			v.Next = &v.Occurrences[len(v.Occurrences)-1]
		}
	}
	return v
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

// releasePath is the folder of a release's pages. Release ids are checked
// by the load stage ([A-Za-z0-9.-], no ".."), so they are safe as a path
// segment and in a URL.
func releasePath(r *handbook.Release) string { return r.PagePath() }
