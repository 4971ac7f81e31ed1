// Package agenda answers the release lead's Monday-morning question —
// what is going on, what did we miss, what is due next — for one release,
// one day and one role or every role.
//
// [Build] takes a resolved handbook and returns an [Agenda]: the release
// and where the cycle is (week N, R-N, the phases under way), what fell
// due in the last two weeks (task groups and key milestones just passed),
// what is due this week (today to Sunday) and next week, grouped by role,
// and the next key deadlines with countdowns. Dates are calendar days, as
// everywhere in relbook; a timed deadline also carries its exact instant.
// Nothing here reads the clock: today is an argument, so the same
// handbook and day give the same agenda.
//
// An Agenda is written for people by [Agenda.WriteText] (plain, aligned
// text) and for programs by [Agenda.WriteJSON]; the JSON form is
// documented in docs/commands.md and its Version changes when a field
// changes meaning or goes away.
package agenda

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/markdown"
)

// Version is the version of the JSON form. Version 2 gives a release the
// fields schedule.json gives it (handbook.Summary), a milestone's time as
// schedule.json writes it, and a milestone's countdown in words as
// countdown_text.
const Version = 2

// OverdueDays is how far back the agenda looks for what fell due: all of a
// cycle so far would bury this week's work.
const OverdueDays = 14

// MaxDeadlines is how many upcoming deadlines the agenda lists.
const MaxDeadlines = 5

// Options choose the agenda.
type Options struct {
	// Release is a release id; "" means the handbook's current release.
	Release string
	// Role is a role id; "" means every role.
	Role string
	// Today is the day the agenda is for.
	Today handbook.Date
}

// Agenda is what is due around one day of one release.
type Agenda struct {
	Version int           `json:"version"`
	Today   handbook.Date `json:"today"`
	Release Release       `json:"release"`
	// Role is the role asked for; nil for every role.
	Role *Role `json:"role"`
	// Phases are the phases under way today.
	Phases []Phase `json:"phases"`
	// Overdue covers the OverdueDays days before today.
	Overdue Window `json:"overdue"`
	// ThisWeek runs from today to Sunday; NextWeek is the Monday–Sunday
	// week after.
	ThisWeek Window `json:"this_week"`
	NextWeek Window `json:"next_week"`
	// Deadlines are the next key milestones (and, for a role, the
	// milestones it owns) from today on, at most MaxDeadlines.
	Deadlines []Milestone `json:"deadlines"`
	// Patches are the patch releases and cherry-pick deadlines of every
	// release, from today to the end of next week (for a role, those it
	// owns), soonest first. ID is the patch's calendar UID without its
	// domain, Kind "deadline" or "release".
	Patches []Milestone `json:"patches"`
}

// Release says where the cycle stands on the agenda's day.
type Release struct {
	// The fields every JSON output gives a release, as schedule.json
	// does.
	handbook.Summary
	// Week is the cycle week of today (week 1 holds start; 0 and less
	// are before it); Countdown is N of the R-N week (negative after
	// the release week).
	Week      int `json:"week"`
	Countdown int `json:"countdown"`
	// DaysToRelease counts from today to the release date; negative
	// after it.
	DaysToRelease int `json:"days_to_release"`
}

// Role names a role.
type Role struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Checklist is the URL of the role's dated checklist for the
	// release; "" for a role without a guide.
	Checklist string `json:"checklist,omitempty"`
}

// Phase is a phase under way.
type Phase struct {
	ID   string        `json:"id"`
	Name string        `json:"name"`
	From handbook.Date `json:"from"`
	To   handbook.Date `json:"to"`
	// Day is today's day of the phase, counting from 1; Days its length.
	Day  int `json:"day"`
	Days int `json:"days"`
}

// Window is what falls due between two days, both included.
type Window struct {
	From handbook.Date `json:"from"`
	To   handbook.Date `json:"to"`
	// Milestones of the release that fall in the window (for Overdue:
	// key milestones, and those the role owns, that just passed).
	Milestones []Milestone `json:"milestones"`
	// Roles are the roles with tasks due in the window, in the handbook's
	// role order.
	Roles []RoleTasks `json:"roles"`
}

// Empty reports whether nothing falls in the window.
func (w *Window) Empty() bool { return len(w.Milestones) == 0 && len(w.Roles) == 0 }

// RoleTasks are one role's task groups in a window, by due date.
type RoleTasks struct {
	Role   Role    `json:"role"`
	Groups []Group `json:"groups"`
}

// Group is the tasks of a role guide due on one day (or over a range).
type Group struct {
	// From is the first day of a range; equal to Due otherwise.
	From handbook.Date `json:"from"`
	Due  handbook.Date `json:"due"`
	// When are the guide's expressions that gave this date.
	When  []string `json:"when"`
	Tasks []Task   `json:"tasks"`
	// Days is Due minus today: negative when overdue.
	Days int `json:"days"`
}

// Task is one checklist item, with its steps.
type Task struct {
	// ID is the task's checkbox id on the checklist page, without the
	// "<release>-<role>-" prefix.
	ID   string `json:"id"`
	Text string `json:"text"`
	// Ordered tasks are items of a numbered list: do them in order.
	Ordered bool   `json:"ordered,omitempty"`
	Steps   []Task `json:"steps,omitempty"`
}

// Milestone is a dated milestone as the agenda shows it.
type Milestone struct {
	ID     string        `json:"id"`
	Name   string        `json:"name"`
	Kind   handbook.Kind `json:"kind"`
	Key    bool          `json:"key"`
	Owners []string      `json:"owners"`
	Date   handbook.Date `json:"date"`
	// End is the last day of a span; equal to Date for one day.
	End handbook.Date `json:"end"`
	// Time is "", "AoE" or the clock time and its zone as schedule.json
	// writes them ("18:00 America/Los_Angeles"); Label is the same for
	// people ("18:00 PST").
	Time  string `json:"time,omitempty"`
	Label string `json:"-"`
	// Instant is the exact deadline of a timed milestone, in UTC, and
	// Local the same instant in the release's zone.
	Instant *time.Time `json:"instant,omitempty"`
	Local   *time.Time `json:"local,omitempty"`
	// Days is Date minus today: 0 today, negative in the past.
	Days int `json:"days"`
	// Countdown says Days in words: "today", "in 5 days", "2 days ago",
	// "under way until Thu 19 Nov".
	Countdown string `json:"countdown_text"`
	// Page is the milestone's row on its release's schedule page (for a
	// patch, the release's list of patches).
	Page string `json:"page"`
}

// ErrNoReleases is returned for a handbook without releases.
var ErrNoReleases = errors.New("the handbook has no releases yet: add one to releases/")

// Build works out the agenda.
func Build(h *handbook.Handbook, opts Options) (*Agenda, error) {
	r, err := PickRelease(h, opts.Release)
	if err != nil {
		return nil, err
	}
	var role *handbook.Role
	if opts.Role != "" {
		if role, err = PickRole(h, opts.Role); err != nil {
			return nil, err
		}
	}
	today := opts.Today
	monday := today.Monday()
	a := &Agenda{
		Version: Version,
		Today:   today,
		Release: Release{
			Summary: handbook.Summarize(r, h.BaseURL),
			Week:    r.Week(today), Countdown: r.Countdown(today),
			DaysToRelease: int(r.ReleaseDate() - today),
		},
		Phases:    []Phase{},
		Overdue:   Window{From: today - OverdueDays, To: today - 1},
		ThisWeek:  Window{From: today, To: monday + 6},
		NextWeek:  Window{From: monday + 7, To: monday + 13},
		Deadlines: []Milestone{},
	}
	if role != nil {
		a.Role = roleOf(h, r, role)
	}
	for _, p := range r.PhasesOn(today) {
		a.Phases = append(a.Phases, Phase{ID: p.ID, Name: p.Name, From: p.From, To: p.To,
			Day: int(today-p.From) + 1, Days: int(p.To-p.From) + 1})
	}

	// A role sees the key milestones and its own; every role sees them
	// all in the weeks ahead, and the key ones in what just passed and in
	// the deadlines.
	owned := func(m *handbook.Milestone) bool { return role != nil && slices.Contains(m.Owners, role.ID) }
	notable := func(m *handbook.Milestone) bool { return m.Key || owned(m) }
	for _, w := range []*Window{&a.Overdue, &a.ThisWeek, &a.NextWeek} {
		w.Milestones, w.Roles = []Milestone{}, []RoleTasks{}
		for _, m := range r.Milestones {
			switch {
			case w == &a.Overdue:
				// Passed: its last day is behind us, within the window.
				if notable(m) && w.From <= m.End && m.End <= w.To {
					w.Milestones = append(w.Milestones, milestone(h, m, r, today))
				}
			case (role == nil || notable(m)) && m.Date <= w.To && m.End >= w.From:
				w.Milestones = append(w.Milestones, milestone(h, m, r, today))
			}
		}
		for _, c := range r.Checklists {
			if role != nil && c.Role.ID != role.ID {
				continue
			}
			rt := RoleTasks{Role: *roleOf(h, r, c.Role)}
			for _, g := range c.Groups {
				if w.From <= g.Due && g.Due <= w.To {
					rt.Groups = append(rt.Groups, group(g, r, today))
				}
			}
			if len(rt.Groups) > 0 {
				w.Roles = append(w.Roles, rt)
			}
		}
	}
	for _, m := range r.Milestones {
		if len(a.Deadlines) < MaxDeadlines && m.End >= today && notable(m) {
			a.Deadlines = append(a.Deadlines, milestone(h, m, r, today))
		}
	}
	a.Patches = patches(h, role, today, a.NextWeek.To)
	return a, nil
}

// patches are the patch releases and cherry-pick deadlines of every
// release from today through last, for role (nil: every role), as
// milestones: soonest first, a deadline before its patch.
func patches(h *handbook.Handbook, role *handbook.Role, today, last handbook.Date) []Milestone {
	out := []Milestone{}
	for _, r := range h.Releases {
		for _, p := range r.Patches {
			if role != nil && !slices.Contains(p.Owners, role.ID) {
				continue
			}
			if p.HasCherryPick() && today <= p.CherryPick && p.CherryPick <= last {
				m := &handbook.Milestone{
					ID: r.ID + "." + p.Key + ".cherry-pick", Name: "Cherry-pick deadline for " + p.Name + " (" + r.Name + ")",
					Kind: handbook.KindDeadline, Owners: p.Owners, Date: p.CherryPick, End: p.CherryPick, Time: p.CherryPickTime,
				}
				out = append(out, patchMilestone(h, m, r, today))
			}
			if today <= p.Date && p.Date <= last {
				m := &handbook.Milestone{
					ID: r.ID + "." + p.Key, Name: p.Name + " patch release (" + r.Name + ")",
					Kind: handbook.KindRelease, Owners: p.Owners, Date: p.Date, End: p.Date,
				}
				out = append(out, patchMilestone(h, m, r, today))
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Milestone) int { return int(a.Date - b.Date) })
	return out
}

// patchMilestone is milestone for a patch release or its cherry-pick
// deadline, whose page is the release's list of patches.
func patchMilestone(h *handbook.Handbook, m *handbook.Milestone, r *handbook.Release, today handbook.Date) Milestone {
	out := milestone(h, m, r, today)
	out.Page = h.BaseURL + r.PagePath() + "#patches"
	return out
}

func roleOf(h *handbook.Handbook, r *handbook.Release, role *handbook.Role) *Role {
	out := &Role{ID: role.ID, Title: role.Title}
	if role.HasGuide() {
		out.Checklist = h.BaseURL + "releases/" + r.ID + "/" + role.ID + "/"
	}
	return out
}

// PickRelease finds the release a command names: id, or the handbook's
// current release when id is "". An unknown id is an error that lists
// the releases and suggests the closest one; a handbook without releases
// gives ErrNoReleases.
func PickRelease(h *handbook.Handbook, id string) (*handbook.Release, error) {
	if len(h.Releases) == 0 {
		return nil, ErrNoReleases
	}
	if id == "" {
		if h.Current == nil {
			return nil, ErrNoReleases
		}
		return h.Current, nil
	}
	if r := h.Release(id); r != nil {
		return r, nil
	}
	var ids []string
	for _, r := range h.Releases {
		ids = append(ids, r.ID)
	}
	hint := ""
	if s := diag.Closest(id, ids); s != "" {
		hint = fmt.Sprintf("; did you mean %q?", s)
	}
	return nil, fmt.Errorf("there is no release %q%s (releases: %s)", id, hint, join(ids))
}

// PickRole finds the role a command names. An unknown id is an error
// that lists the roles and suggests the closest one.
func PickRole(h *handbook.Handbook, id string) (*handbook.Role, error) {
	if role := h.Role(id); role != nil {
		return role, nil
	}
	var ids []string
	for _, r := range h.Roles {
		ids = append(ids, r.ID)
	}
	hint := ""
	if s := diag.Closest(id, ids); s != "" {
		hint = fmt.Sprintf("; did you mean %q?", s)
	}
	return nil, fmt.Errorf("there is no role %q%s (roles: %s)", id, hint, join(ids))
}

func join(ids []string) string {
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += ", "
		}
		s += id
	}
	return s
}

func milestone(h *handbook.Handbook, m *handbook.Milestone, r *handbook.Release, today handbook.Date) Milestone {
	out := Milestone{
		ID: m.ID, Name: m.Name, Kind: m.Kind, Key: m.Key, Owners: m.Owners,
		Date: m.Date, End: m.End, Time: m.Time.Spec(), Label: m.Time.Label(m.Date),
		Days: int(m.Date - today), Page: m.Page(r, h.BaseURL),
	}
	if out.Owners == nil {
		out.Owners = []string{}
	}
	if inst := m.Instant(); !inst.IsZero() {
		utc, local := inst.UTC(), inst.In(r.Zone)
		out.Instant, out.Local = &utc, &local
	}
	out.Countdown = countdown(out.Days)
	if m.IsSpan() && m.Date < today && today <= m.End {
		out.Countdown = "under way until " + m.End.Short()
	}
	return out
}

func group(g *handbook.TaskGroup, r *handbook.Release, today handbook.Date) Group {
	out := Group{From: g.From, Due: g.Due, When: g.When, Days: int(g.Due - today)}
	for _, t := range g.Tasks {
		out.Tasks = append(out.Tasks, task(t, r))
	}
	return out
}

func task(t *markdown.Task, r *handbook.Release) Task {
	out := Task{ID: t.ID, Text: t.TextFor(shortRef(r)), Ordered: t.Ordered}
	for _, s := range t.Steps {
		out.Steps = append(out.Steps, task(s, r))
	}
	return out
}

// shortRef writes an inline date reference of a task's text
// ("{{code-freeze}}") as the day it stands for in the release, in the
// agenda's short form (its last day, for a range); a reference that does
// not resolve, or names a milestone the release does not have, stays as
// written.
func shortRef(r *handbook.Release) func(string) (string, bool) {
	return func(src string) (string, bool) {
		ref, ok := dateexpr.ResolveRef(r, src)
		if !ok || ref.Unscheduled != "" {
			return "", false
		}
		return ref.To.Short() + " " + fmt.Sprint(ref.To.Year()), true
	}
}

// countdown says how far a day is from today.
func countdown(days int) string {
	switch {
	case days == 0:
		return "today"
	case days == 1:
		return "tomorrow"
	case days == -1:
		return "yesterday"
	case days < 0:
		return fmt.Sprintf("%d days ago", -days)
	}
	return fmt.Sprintf("in %d days", days)
}
