package resolve

import (
	"time"

	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
)

// cycleSlack is how far outside its cycle (before start, after the release)
// a milestone may fall before check asks whether it belongs to another
// release: a planning call a few weeks early or a retrospective after the
// release is normal; a date months away is usually a typo in the year.
const cycleSlack = 28

// warnings questions what a resolved handbook does without refusing it,
// for `relbook check` (only --strict fails on warnings):
//
//   - a task group due on a Saturday or Sunday, once per guide, release
//     and `when` (milestones on weekends are warned about as they
//     resolve);
//   - a milestone more than four weeks before its cycle starts or after
//     its release day, unless it is an event (a conference, a summit,
//     a retrospective may lie anywhere);
//   - a role guide with no task items, whose checklists are empty.
func warnings(h *handbook.Handbook) diag.List {
	var diags diag.List
	for _, role := range h.Roles {
		if !role.HasGuide() {
			continue
		}
		if len(role.Guide.Tasks) == 0 {
			diags.Warnf(diag.Pos{Path: role.Path, Line: 1, Col: 1}, diag.NoTasks,
				"role guide %q has no tasks: write - [ ] items under headings with when=\"...\" so that every release gets a dated checklist", role.ID)
			continue
		}
		sites := map[string]whenSite{}
		for _, w := range whenSites(role.Guide) {
			sites[w.expr] = w
		}
		for _, r := range h.Releases {
			c := r.Checklist(role.ID)
			if c == nil {
				continue
			}
			for _, g := range c.Groups {
				day := g.Due.Weekday()
				if day != time.Saturday && day != time.Sunday {
					continue
				}
				for _, when := range g.When {
					w := sites[when]
					// Reported at the heading's when, and so
					// acknowledged by that heading's allow.
					pos := guidePos(role, w.line, w.col)
					diags.WarnIn(diag.Scope{Table: pos}, pos, diag.Weekend, "when %q is due on a %s in %s (%s)", when, day, r.ID, g.Due)
				}
			}
		}
	}
	for _, r := range h.Releases {
		release := r.ReleaseDate()
		for _, m := range r.Milestones {
			if m.Kind == handbook.KindEvent || m.ID == "release" {
				continue
			}
			switch {
			case m.End < r.Start-cycleSlack:
				diags.WarnIn(diag.Scope{Table: m.Pos}, m.Pos, diag.OutsideCycle, "milestone %q (%s) is more than 4 weeks before %s starts (%s): is the date right? (kind = \"event\" may lie anywhere)", m.ID, m.End, r.ID, r.Start)
			case m.Date > release+cycleSlack:
				diags.WarnIn(diag.Scope{Table: m.Pos}, m.Pos, diag.OutsideCycle, "milestone %q (%s) is more than 4 weeks after the release day of %s (%s): is the date right? (kind = \"event\" may lie anywhere)", m.ID, m.Date, r.ID, release)
			}
		}
	}
	return diags
}
