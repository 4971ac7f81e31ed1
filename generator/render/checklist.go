package render

import (
	"fmt"

	"github.com/relbook/relbook/generator/handbook"
)

// checklistPath is the folder of a role's checklist in a release.
func checklistPath(r *handbook.Release, id string) string { return releasePath(r) + id + "/" }

// checklistPage is checklist.html: one role's tasks with the dates of one
// release, grouped by the day they are due.
type checklistPage struct {
	page
	Release releaseSummary
	Role    roleRow
	// GuideURL is the role's guide, PrintURL its onboarding packet.
	GuideURL string
	PrintURL string
	checklistTasks
	// Storage is the key under which the reader's ticks are remembered.
	Storage string
	Feeds   feedList
}

func (b *builder) checklistPage(p page, c *handbook.Checklist) *checklistPage {
	r, role := c.Release, c.Role
	p.Title = role.Title + " checklist for " + r.Name
	p.Description = fmt.Sprintf("What the %s does in %s, with dates.", role.Title, r.Name)
	p.crumbs(role.Title+" checklist", "Releases", "releases/", r.Name, releasePath(r))
	asOf := dateMoment(b.h.Today)
	p.AsOf = &asOf
	v := &checklistPage{
		page:     p,
		Release:  b.summary(p, r),
		Role:     roleRow{Title: role.Title, Summary: role.Summary, Commitment: role.Commitment, HasGuide: true},
		GuideURL: p.url(rolePath(role.ID)),
		PrintURL: p.url(printPath(role.ID)),
		Storage:  "relbook:" + r.ID + ":" + role.ID,
	}
	v.Role.People, v.Role.Shadows = r.Holders(role.ID)
	v.Feeds = feedList{
		b.feed(p, role.Title+" in "+r.Name, roleReleaseFeedPath(r, role.ID)),
		b.feed(p, role.Title+": every release", roleFeedPath(role.ID)),
	}
	// The tasks' text was written for the guide's page.
	p.md.Rebase, p.md.RebaseImage = b.links(p, rolePath(role.ID), rolePath(role.ID))
	v.checklistTasks = b.checklistTasks(p, c, "")
	return v
}

// checklistTasks are a checklist's tasks as pages show them.
type checklistTasks struct {
	Groups      taskGroups
	Undated     taskList
	Unscheduled taskList
}

// checklistTasks writes the tasks of c on page p, in the order the page
// shows them: the groups, then the undated and the unscheduled tasks.
// idPrefix goes in front of the groups' anchors.
func (b *builder) checklistTasks(p page, c *handbook.Checklist, idPrefix string) checklistTasks {
	r := c.Release
	w := b.taskWriter(p, r.ID+"-"+c.Role.ID+"-")
	v := checklistTasks{Groups: make(taskGroups, len(c.Groups))}
	for i, g := range c.Groups {
		gv := &v.Groups[i]
		*gv = taskGroupView{
			ID:    idPrefix + groupID(g),
			Due:   dateMoment(g.Due),
			When:  g.When,
			Tasks: w.list(g.Tasks),
		}
		gv.Week, gv.Countdown = dueWeek(r, g.Due)
		gv.Ordered = gv.Tasks.Ordered()
		if g.IsRange() {
			from := dateMoment(g.From)
			gv.From = &from
		}
		start := len(w.out)
		w.out = gv.appendOpen(w.out)
		w.out = gv.Tasks.appendOpen(w.out, "\n", "tasks")
		w.items(gv.Tasks, g.Tasks)
		w.out = gv.Tasks.appendClose(w.out, "\n", "\n")
		w.out = append(w.out, groupClose...)
		w.mark(&gv.HTML, start)
	}
	if len(v.Groups) == 0 {
		v.Groups = nil
	}
	v.Undated = w.list(c.Undated)
	w.items(v.Undated, c.Undated)
	v.Unscheduled = w.list(c.Unscheduled)
	w.items(v.Unscheduled, c.Unscheduled)
	w.done()
	return v
}

// groupID is the anchor of a checklist's task group.
func groupID(g *handbook.TaskGroup) string {
	id := "due-" + dateMoment(g.Due).DateTime
	if g.IsRange() {
		id += "-from-" + dateMoment(g.From).DateTime
	}
	return id
}
