package render

import (
	"slices"
	"strings"

	"github.com/relbook/relbook/generator/handbook"
)

// roleLink is how pages name a role: its title, linked to its guide (or,
// on a release's pages, to its checklist there) when it has one.
type roleLink struct {
	Title string
	URL   string
}

func (b *builder) roleLink(p page, id string, r *handbook.Release) roleLink {
	role := b.h.Role(id)
	if role == nil || !role.HasGuide() {
		// "<role>-shadow" in a team reads "<Role> shadows".
		if base, ok := strings.CutSuffix(id, "-shadow"); ok && base != "" && role == nil {
			return roleLink{Title: b.roleLink(p, base, nil).Title + " shadows"}
		}
		return roleLink{Title: roleTitle(b.h, id)}
	}
	if r != nil {
		return roleLink{role.Title, p.url(checklistPath(r, id))}
	}
	return roleLink{role.Title, p.url(rolePath(id))}
}

// roleTitle names a role by its guide's title, else by its id title-cased.
func roleTitle(h *handbook.Handbook, id string) string {
	if r := h.Role(id); r != nil {
		return r.Title
	}
	return handbook.RoleTitle(id)
}

// rolesPage is roles.html: every role.
type rolesPage struct {
	page
	Roles []roleRow
	// Current names the release whose team is shown.
	Current *releaseSummary
}

type roleRow struct {
	Title      string
	URL        string
	Summary    string
	Commitment string
	HasGuide   bool
	People     []string
	Shadows    []string
	// Feed is the role's calendar across every release; nil when the
	// role has nothing dated (no guide, nothing owned or attended).
	Feed *feedView
}

func (b *builder) rolesPage(p page) any {
	p.Title = "Roles"
	p.Description = "The roles of the " + b.h.Title + " and who holds them."
	p.crumbs("Roles")
	v := &rolesPage{page: p}
	cur := b.h.Current
	if cur != nil {
		s := b.summary(p, cur)
		v.Current = &s
	}
	for _, role := range b.h.Roles {
		row := roleRow{Title: role.Title, Summary: role.Summary, Commitment: role.Commitment, HasGuide: role.HasGuide()}
		if role.HasGuide() {
			row.URL = p.url(rolePath(role.ID))
		}
		if cur != nil {
			row.People, row.Shadows = cur.Holders(role.ID)
		}
		if hasFeed(b.h, role) {
			f := b.feed(p, role.Title+": every release", roleFeedPath(role.ID))
			row.Feed = &f
		}
		v.Roles = append(v.Roles, row)
	}
	return v
}

// hasFeed reports whether the site has a calendar of role's, as package
// calendar writes them: every role with a guide has one, and any other
// role that owns a milestone or a patch release or attends a meeting.
func hasFeed(h *handbook.Handbook, role *handbook.Role) bool {
	if role.HasGuide() {
		return true
	}
	for _, r := range h.Releases {
		for _, m := range r.Milestones {
			if slices.Contains(m.Owners, role.ID) {
				return true
			}
		}
		for _, m := range r.Meetings {
			if slices.Contains(m.Roles, role.ID) {
				return true
			}
		}
		for _, pt := range r.Patches {
			if slices.Contains(pt.Owners, role.ID) {
				return true
			}
		}
	}
	return false
}
