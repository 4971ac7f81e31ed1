// Package handbook holds relbook's domain: a release handbook as the rest of
// the program sees it once every date has been worked out.
//
// A [Handbook] has site settings, [Release]s, [Role]s, glossary [Term]s and
// free [Page]s. A release has [Milestone]s (single days or spans, all-day
// or pinned to a time), [Phase]s between two dates, [Meeting]s that repeat,
// a team, and a [Checklist] per role: the role's guide with every task
// bound to a day of that release. Every
// value here is resolved: dates are [Date]s, times are exact instants, and
// nothing refers to the files it came from except through diag positions.
//
// Dates are calendar days ([Date]), never instants in the machine's zone;
// only a milestone with a time becomes an instant, computed by
// [TimeOfDay.Instant] with the zone rules of RFC 5545. The package does no
// I/O: reading files is the load package's job, and turning expressions
// into dates the resolve package's.
package handbook

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/markdown"
)

// Handbook is the whole site: its settings and every release, newest first.
type Handbook struct {
	Title       string
	Description string
	// BaseURL is absolute and ends in "/".
	BaseURL    string
	Zone       *time.Location
	Language   string
	EditURL    string
	Theme      string
	UnsafeHTML bool
	UIDDomain  string
	// Updated is the time feeds give as DTSTAMP; zero when unknown.
	Updated  time.Time
	Holidays []Date

	// Releases sorted by start date, newest first.
	Releases []*Release
	// Roles with a guide, then roles named only in teams and schedules;
	// each part by order, then title.
	Roles []*Role
	// Terms of the glossary, alphabetical by name.
	Terms []*Term
	// Pages are the free pages, by order, then title.
	Pages []*Page
	// Current is the release the dashboard shows; nil without releases.
	Current *Release
	// CurrentWritten is set when handbook.toml names the current release:
	// then it does not move with the day the site is read on.
	CurrentWritten bool
	// Today is the date the site was built for (--now).
	Today Date
}

// Release finds a release by id.
func (h *Handbook) Release(id string) *Release {
	for _, r := range h.Releases {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// Status is where a release is in its life.
type Status string

// The statuses of a release, in the order a release passes through them.
const (
	Planned  Status = "planned"
	Active   Status = "active"
	Released Status = "released"
	EOL      Status = "eol"
)

// Release is one release cycle.
type Release struct {
	ID       string
	Name     string
	Codename string
	// Cycle is the release's name in /releases.json and in patch names:
	// its `cycle` key, else its id without a leading "v".
	Cycle string
	// PatchName is the [patches] rule's name template ("3.14.{n}"),
	// empty without a rule.
	PatchName string
	// Path is the definition file, relative to the site folder.
	Path  string
	Start Date
	Zone  *time.Location
	// Status is the explicit status if one was written, else derived from
	// the dates and today.
	Status Status
	// StatusWritten is set when Status was written in the release file:
	// then it does not move with the day the site is read on.
	StatusWritten bool
	EOL           Date
	HasEOL        bool
	DueWeekday    time.Weekday
	// Holidays merges the handbook's and the release's, sorted.
	Holidays []Date
	// Summary is the release's summary, parsed; nil when it has none.
	Summary *markdown.Doc

	// Milestones in timeline order: by day; within a day in the order
	// they are written, timed ones sorted by instant among the places
	// timed ones hold.
	Milestones []*Milestone
	Phases     []*Phase
	Meetings   []*Meeting
	Team       []TeamEntry
	// Checklists are the role guides bound to this release's dates, one
	// per role with a guide, in the order of Handbook.Roles.
	Checklists []*Checklist
	// Support are the phases of the release's life after its release
	// day, in order; `eol = D` alone is one phase, "released", until D.
	Support []*SupportPhase
	// Patches are its patch releases by date, generated ones last on a
	// day.
	Patches []*Patch
}

// Milestone finds a milestone by id.
func (r *Release) Milestone(id string) *Milestone {
	for _, m := range r.Milestones {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// ReleaseDate is the date of the `release` milestone.
func (r *Release) ReleaseDate() Date { return r.Milestone("release").Date }

// Contains reports whether the cycle (start through release day) holds d.
func (r *Release) Contains(d Date) bool { return r.Start <= d && d <= r.ReleaseDate() }

// Week returns the cycle week of d: week 1 holds the start date; weeks
// before it are 0, -1, ...
func (r *Release) Week(d Date) int {
	return floorDiv(int(d.Monday()-r.Start.Monday()), 7) + 1
}

// Countdown returns N of the OpenStack-style countdown week R-N that holds
// d: 0 for the release week (shown as R+0), negative after it.
func (r *Release) Countdown(d Date) int {
	return floorDiv(int(r.ReleaseDate().Monday()-d.Monday()), 7)
}

// IsHoliday reports whether d is one of the release's holidays.
func (r *Release) IsHoliday(d Date) bool {
	// A binary search: meetings and business-day arithmetic ask about
	// every day of a cycle, and a release may list many holidays.
	_, found := slices.BinarySearch(r.Holidays, d)
	return found
}

// IsBusinessDay reports whether d is a Monday–Friday day that is not a
// holiday.
func (r *Release) IsBusinessDay(d Date) bool {
	w := d.Weekday()
	return w != time.Saturday && w != time.Sunday && !r.IsHoliday(d)
}

// KeyMilestones returns the milestones marked key, in timeline order.
func (r *Release) KeyMilestones() []*Milestone {
	var key []*Milestone
	for _, m := range r.Milestones {
		if m.Key {
			key = append(key, m)
		}
	}
	return key
}

// PhasesOn returns every phase that contains d.
func (r *Release) PhasesOn(d Date) []*Phase {
	var on []*Phase
	for _, p := range r.Phases {
		if p.From <= d && d <= p.To {
			on = append(on, p)
		}
	}
	return on
}

// Slipped returns the milestones whose date has moved, in timeline order.
func (r *Release) Slipped() []*Milestone {
	var moved []*Milestone
	for _, m := range r.Milestones {
		if len(m.Was) > 0 {
			moved = append(moved, m)
		}
	}
	return moved
}

// SortTimeline puts milestones, given in the order they are written, in
// timeline order: by day; within a day they keep their order, except that
// the timed ones are sorted by instant among the places timed ones hold
// (A 18:00, B all-day, C 09:00 becomes C, B, A). A milestone's day is its
// written date, its due day for a week item.
func SortTimeline(ms []*Milestone) {
	slices.SortStableFunc(ms, func(a, b *Milestone) int { return cmp.Compare(a.Date, b.Date) })
	var timed []*Milestone
	for i := 0; i < len(ms); {
		j := i
		for j < len(ms) && ms[j].Date == ms[i].Date {
			j++
		}
		day := ms[i:j]
		timed = timed[:0]
		for _, m := range day {
			if m.Time.Kind != AllDay {
				timed = append(timed, m)
			}
		}
		if len(timed) > 1 {
			slices.SortStableFunc(timed, func(a, b *Milestone) int { return a.Instant().Compare(b.Instant()) })
			k := 0
			for n, m := range day {
				if m.Time.Kind != AllDay {
					day[n] = timed[k]
					k++
				}
			}
		}
		i = j
	}
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// Kind classifies a milestone, for styling and for feeds.
type Kind string

// Milestone kinds.
const (
	KindMilestone  Kind = "milestone"
	KindFreeze     Kind = "freeze"
	KindDeadline   Kind = "deadline"
	KindRelease    Kind = "release"
	KindPrerelease Kind = "prerelease"
	KindEvent      Kind = "event"
)

// Kinds lists every milestone kind, for validation and documentation.
var Kinds = []Kind{KindMilestone, KindFreeze, KindDeadline, KindRelease, KindPrerelease, KindEvent}

// Milestone is a dated point of the cycle, or a span of days.
type Milestone struct {
	ID   string
	Name string
	// Date is the day (the first day of a span).
	Date Date
	// End is the last day of a span, inclusive; equal to Date for one day.
	End  Date
	Time TimeOfDay
	Kind Kind
	Key  bool
	// Owners are role ids.
	Owners []string
	// Description is the milestone's description, parsed; nil when it
	// has none.
	Description *markdown.Doc
	URL         string
	// At is the relative expression the date came from, as written; empty
	// for an absolute date.
	At string
	// Was lists earlier planned dates, oldest first.
	Was  []Slip
	Note string
	// Who is free-text responsibility ("SIG leads and enhancement
	// owners"), shown after the owner roles; nil when it has none.
	Who *markdown.Doc
	// WholeWeek is set for a week item (`week = "R-5"`): the milestone
	// belongs to the Monday–Sunday week starting WeekOf, and Date and End
	// are its due day, which orders it and marks it overdue.
	WholeWeek bool
	WeekOf    Date
	// Sequence counts the slips of this milestone and of every milestone
	// its date depends on: a calendar's SEQUENCE.
	Sequence int
	Pos      diag.Pos
}

// IsSpan reports whether the milestone lasts more than one day.
func (m *Milestone) IsSpan() bool { return m.End != m.Date }

// WeekSpan returns the days a week item's feed event spans: its Monday
// through the later of that week's Friday and its due day.
func (m *Milestone) WeekSpan() (first, last Date) {
	return m.WeekOf, max(m.WeekOf.AddDays(4), m.End)
}

// Instant is the exact moment of a timed milestone, in UTC; zero when the
// milestone is all-day.
func (m *Milestone) Instant() time.Time { return m.Time.Instant(m.Date) }

// When writes the milestone's date the way the site shows it; a week
// item reads "Week of Monday 23 February 2026".
func (m *Milestone) When() string {
	if m.WholeWeek {
		return "Week of " + m.WeekOf.Long()
	}
	if m.IsSpan() {
		return m.Date.Long() + " – " + m.End.Long()
	}
	return m.Time.Format(m.Date)
}

// Slip is one earlier planned date of a milestone.
type Slip struct {
	Date Date
	// Changed is when the date was moved; zero when not recorded.
	Changed Date
	Note    string
}

// Phase is a named stretch of the cycle; both ends are included.
type Phase struct {
	ID   string
	Name string
	From Date
	To   Date
	// Description is the phase's description, parsed; nil when it has
	// none.
	Description *markdown.Doc
	// Sequence counts the slips of the milestones its ends depend on: a
	// calendar's SEQUENCE for the phase's start and end events.
	Sequence int
	Pos      diag.Pos
}

// Contains reports whether the phase holds d.
func (p *Phase) Contains(d Date) bool { return p.From <= d && d <= p.To }

// Frequency is how often a meeting repeats.
type Frequency int

const (
	// Weekly meetings happen on their `on` days every week.
	Weekly Frequency = iota
	// Biweekly meetings happen every second week, counted from the week of
	// the first occurrence.
	Biweekly
	// EveryWeekday meetings happen on every business day.
	EveryWeekday
)

// Meeting is a recurring meeting, with its occurrences worked out.
type Meeting struct {
	ID       string
	Name     string
	Every    Frequency
	On       []time.Weekday
	Hour     int
	Minute   int
	Zone     *time.Location
	Duration time.Duration
	From     Date
	Until    Date
	// First is the first meeting day on or after From, before skips: where
	// the series starts, and the week "every 2 weeks" counts from.
	First Date
	// Skip are the cancelled days, sorted.
	Skip  []Date
	Roles []string
	URL   string
	// Occurrences are the dates the meeting takes place, skips and (for
	// weekday meetings) holidays removed.
	Occurrences []Date
	// Holidays are the business-day holidays a weekday meeting does not
	// meet on, sorted.
	Holidays []Date
	// Sequence counts the slips of the milestones its from and until
	// depend on: the series' SEQUENCE in calendars.
	Sequence int
	Pos      diag.Pos
}

// Start returns the instant an occurrence on d begins.
func (m *Meeting) Start(d Date) time.Time { return LocalInstant(d, m.Hour, m.Minute, m.Zone) }

// Describe writes the meeting in words: its Rhythm, then
// ", from Monday 5 October 2026 until ..., not on ...".
func (m *Meeting) Describe() string {
	var b strings.Builder
	b.WriteString(m.Rhythm())
	b.WriteString(", from " + m.First.Long() + " until " + m.Until.Long())
	if len(m.Skip) > 0 {
		b.WriteString(", not on ")
		for i, d := range m.Skip {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(d.Long())
		}
	}
	return b.String()
}

// Rhythm writes when the meeting repeats: "Mondays 10:00 PT", "Every other
// Thursday 09:00 JST", "Every weekday 10:00 PT".
func (m *Meeting) Rhythm() string {
	var b strings.Builder
	switch m.Every {
	case EveryWeekday:
		b.WriteString("Every weekday")
	case Biweekly:
		b.WriteString("Every other ")
		b.WriteString(plural(m.On, false))
	default:
		b.WriteString(plural(m.On, true))
	}
	b.WriteString(" " + clockString(m.Hour, m.Minute) + " " + ZoneName(m.Zone))
	return b.String()
}

func clockString(h, m int) string {
	return time.Date(2000, 1, 1, h, m, 0, 0, time.UTC).Format("15:04")
}

// plural writes weekdays as a list: "Mondays and Thursdays" (or the singular
// names, for "every other Monday and Thursday").
func plural(days []time.Weekday, s bool) string {
	names := make([]string, len(days))
	for i, d := range days {
		names[i] = d.String()
		if s {
			names[i] += "s"
		}
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// TeamEntry is one role of a release team and the people holding it.
type TeamEntry struct {
	Role   string
	People []string
}

// RoleTitle turns a role id without a guide into a readable name:
// "branch-manager" → "Branch Manager".
func RoleTitle(id string) string {
	words := strings.Split(id, "-")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}
