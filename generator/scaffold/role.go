package scaffold

import (
	"fmt"
	"slices"
	"strings"

	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/handbook"
)

// RoleRequest says what the new role guide is for.
type RoleRequest struct {
	ID string
	// Order places the role in menus: one after the last role is a good
	// default.
	Order int
	// Milestone is a milestone of the newest release, for the example of a
	// section relative to a milestone; nil when there is none.
	Milestone *handbook.Milestone
}

// Role returns the text of roles/<id>.md: front matter and one example of
// each kind of section — a cycle week, a milestone-relative date, release
// day as an ordered sequence, and undated tasks.
func Role(req RoleRequest) string {
	title := handbook.RoleTitle(req.ID)
	rel, relName := "release - 2w", "Two weeks before the release"
	remind := "the release, {{release}}, is two weeks away"
	if m := req.Milestone; m != nil {
		rel, relName = m.ID+" - 1w", "A week before "+lowerFirst(m.Name)
		remind = "{{" + m.ID + "}} is a week away"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `+++
title = %q
summary = "One sentence on what the %s is responsible for; the list of roles shows it."
order = %d
# commitment = "2–4 h/week, more in the last weeks"   # optional
+++

What the %s does during a release cycle, whom they work with and where
to reach them. Replace these examples with the role's own tasks.

Tasks (- [ ] items) under a heading with a when="..." date expression
become a dated checklist for every release: relbook works out the day each
one is due. A heading without when inherits the when of the heading it sits
under; tasks under no when at all are undated.

## Week 1 {when="week 1"}

- [ ] Introduce yourself to the release team and read this guide
- [ ] Check that the release schedule lists you in the team

## %s {when=%q}

- [ ] Remind the people you work with that %s

## Release day {when="release"}

Steps of an ordered list are done in the order written.

1. [ ] Confirm that nothing blocks the release in your area
2. [ ] Do your part of the release
3. [ ] Tell the release lead you are done

## Any time

- [ ] Keep notes for the next %s
`, title, strings.ToLower(title), req.Order, strings.ToLower(title), relName, rel, remind, strings.ToLower(title))
	return b.String()
}

// lowerFirst makes "Code freeze" read well mid-sentence, and leaves
// acronyms ("RC1") and ids ("v3.4.0-rc.1") alone.
func lowerFirst(s string) string {
	if len(s) < 2 || !('A' <= s[0] && s[0] <= 'Z') || 'A' <= s[1] && s[1] <= 'Z' {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// reservedRoles are ids that a release's own pages take (SPEC §1).
var reservedRoles = []string{"calendar", "schedule"}

// CheckRoleID applies SPEC §1 to a role id: [a-z0-9][a-z0-9-]*, at most
// handbook.MaxIDLength bytes, not a date-expression keyword, not calendar
// or schedule.
func CheckRoleID(id string) error {
	switch {
	case len(id) > handbook.MaxIDLength:
		return fmt.Errorf("role id %q is %d bytes long; ids may be at most %d bytes", id, len(id), handbook.MaxIDLength)
	case !dateexpr.IsID(id):
		return fmt.Errorf("role id %q must be lower-case letters, digits and '-', starting with a letter or digit", id)
	case dateexpr.Reserved(id) != "":
		return fmt.Errorf("role id %q is reserved: %s", id, dateexpr.Reserved(id))
	case slices.Contains(reservedRoles, id):
		return fmt.Errorf("role id %q is reserved: every release already has a page /releases/<id>/%s", id, id)
	}
	return nil
}

// CheckReleaseID applies SPEC §1 to a release id: [A-Za-z0-9][A-Za-z0-9.-]*
// without "..", at most handbook.MaxIDLength bytes.
func CheckReleaseID(id string) error {
	switch {
	case len(id) > handbook.MaxIDLength:
		return fmt.Errorf("release id %q is %d bytes long; ids may be at most %d bytes", id, len(id), handbook.MaxIDLength)
	case !handbook.IsReleaseID(id):
		return fmt.Errorf("release id %q must start with a letter or digit and hold only letters, digits, '.' and '-' (no \"..\")", id)
	}
	return nil
}

// ExampleMilestone picks the milestone a new guide's milestone-relative
// example counts from, in the newest release (releases are newest first): a
// code or feature freeze if there is one, else its first freeze, else its
// first key milestone, else its first milestone before the release.
// Milestones every release has come first, so that the example is
// scheduled in all of them. nil when the newest release has none.
func ExampleMilestone(releases []*handbook.Release) *handbook.Milestone {
	if len(releases) == 0 {
		return nil
	}
	everywhere := func(m *handbook.Milestone) bool {
		for _, r := range releases {
			if r.Milestone(m.ID) == nil {
				return false
			}
		}
		return true
	}
	if m := examplePick(releases[0], everywhere); m != nil {
		return m
	}
	return examplePick(releases[0], func(*handbook.Milestone) bool { return true })
}

func examplePick(r *handbook.Release, allowed func(*handbook.Milestone) bool) *handbook.Milestone {
	for _, id := range []string{"code-freeze", "feature-freeze", "enhancements-freeze"} {
		if m := r.Milestone(id); m != nil && allowed(m) {
			return m
		}
	}
	pick := func(ok func(*handbook.Milestone) bool) *handbook.Milestone {
		for _, m := range r.Milestones {
			if m.ID != "release" && m.Kind != handbook.KindEvent && allowed(m) && ok(m) {
				return m
			}
		}
		return nil
	}
	if m := pick(func(m *handbook.Milestone) bool { return m.Kind == handbook.KindFreeze }); m != nil {
		return m
	}
	if m := pick(func(m *handbook.Milestone) bool { return m.Key }); m != nil {
		return m
	}
	return pick(func(*handbook.Milestone) bool { return true })
}
