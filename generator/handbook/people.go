package handbook

import (
	"slices"
	"strings"

	"github.com/relbook/relbook/generator/markdown"
)

// Role is a release role. Most roles have a guide in roles/<id>.md; a role
// named only in a team, an owner list or a meeting has none, and is shown
// by its id, title-cased.
type Role struct {
	ID         string
	Title      string
	Summary    string
	Commitment string
	Order      int
	// Path is the guide's file, relative to the site folder; "" when the
	// role has no guide.
	Path string
	// Guide is the parsed guide, rendered once per page that shows it.
	Guide *markdown.Doc
	// BodyLine is the line of Path on which the guide's markdown begins.
	BodyLine int
	// SourceURL is where the guide also lives (source_url), checked to
	// be an absolute http(s) URL; "" when it has none.
	SourceURL string
	// Folder is set for a guide written as a folder, roles/<id>/ with
	// an index.md or README.md: Pages are its other markdown files,
	// published under the guide's address (their Slug is their path in
	// the folder without ".md"), and Files its other files (images), as
	// paths in the site folder, published at the same path.
	Folder string
	Pages  []*Page
	Files  []string
	// FormerIDs are ids the role had before it was renamed (its guide's
	// former_ids): its feeds are published at their addresses too, so
	// that calendars subscribed to them keep up.
	FormerIDs []string
}

// HasGuide reports whether the role has a guide.
func (r *Role) HasGuide() bool { return r.Guide != nil }

// Role finds a role by id.
func (h *Handbook) Role(id string) *Role {
	for _, r := range h.Roles {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// Holders returns the people holding a role in a release, and its shadows
// (the "<role>-shadow" key of the team).
func (r *Release) Holders(role string) (people, shadows []string) {
	for _, t := range r.Team {
		switch t.Role {
		case role:
			people = t.People
		case role + "-shadow":
			shadows = t.People
		}
	}
	return people, shadows
}

// Checklist is one role's guide bound to one release's dates: its tasks
// grouped by the day they are due.
type Checklist struct {
	Release *Release
	Role    *Role
	// Groups are sorted by due date (the last day of a range), then by
	// first day; tasks keep the order they were written in.
	Groups []*TaskGroup
	// Undated are the tasks under no `when`.
	Undated []*markdown.Task
	// Unscheduled are the tasks whose `when` names a milestone this
	// release does not have.
	Unscheduled []*markdown.Task
}

// TaskGroup is the tasks due on one day, or over one range of days.
type TaskGroup struct {
	// From is the first day of a range; equal to Due for a single day.
	From Date
	// Due is the day the tasks are due.
	Due Date
	// When are the expressions that gave this date, as written.
	When  []string
	Tasks []*markdown.Task
}

// IsRange reports whether the group spans several days.
func (g *TaskGroup) IsRange() bool { return g.From != g.Due }

// Checklist finds a release's checklist for a role; nil if the role has
// no guide.
func (r *Release) Checklist(role string) *Checklist {
	for _, c := range r.Checklists {
		if c.Role.ID == role {
			return c
		}
	}
	return nil
}

// Term is a glossary entry.
type Term struct {
	ID        string
	Name      string
	Expansion string
	// Definition is the term's definition, parsed; nil when it has none.
	Definition *markdown.Doc
	Aliases    []string
	// See are ids of related terms.
	See []string
}

// Page is a free page of the site, such as an onboarding path.
type Page struct {
	Slug     string
	Title    string
	Summary  string
	Order    int
	Path     string
	Doc      *markdown.Doc
	BodyLine int
	// SourceURL is where the page also lives (source_url), as for a
	// Role.
	SourceURL string
}

// FeedRole is the role whose calendar feeds show what id owns or attends.
// A "<role>-shadow" without a guide of its own follows <role>'s
// calendar, as it shares <role>'s pages.
func (h *Handbook) FeedRole(id string) string {
	if h.Role(id) == nil {
		if base, ok := strings.CutSuffix(id, "-shadow"); ok && h.Role(base) != nil {
			return base
		}
	}
	return id
}

// ReleaseFeedRoles are the roles with a calendar feed in release r: every
// role with a guide, in the handbook's order, then the other roles that
// own a milestone or a patch release or attend a meeting of r (each as
// its FeedRole), then the ids named so that are no role of the handbook,
// sorted.
func (h *Handbook) ReleaseFeedRoles(r *Release) []string {
	named := map[string]bool{}
	name := func(ids []string) {
		for _, id := range ids {
			named[h.FeedRole(id)] = true
		}
	}
	for _, m := range r.Milestones {
		name(m.Owners)
	}
	for _, m := range r.Meetings {
		name(m.Roles)
	}
	for _, pt := range r.Patches {
		name(pt.Owners)
	}
	return h.feedRoles(named)
}

// FeedRoles are the roles with a calendar feed across every release:
// every role with a guide, and every role with a feed in some release,
// in the order of ReleaseFeedRoles.
func (h *Handbook) FeedRoles() []string {
	named := map[string]bool{}
	for _, r := range h.Releases {
		for _, id := range h.ReleaseFeedRoles(r) {
			named[id] = true
		}
	}
	return h.feedRoles(named)
}

// feedRoles orders the roles with a feed: those with a guide or named, in
// the handbook's order, then the named ids that are no role, sorted.
func (h *Handbook) feedRoles(named map[string]bool) []string {
	var ids, extra []string
	for _, role := range h.Roles {
		if role.HasGuide() || named[role.ID] {
			ids = append(ids, role.ID)
		}
	}
	for id := range named {
		if h.Role(id) == nil {
			extra = append(extra, id)
		}
	}
	slices.Sort(extra)
	return append(ids, extra...)
}
