package render

import (
	"html/template"

	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/markdown"
)

// rolePath is the folder of a role's guide. Role ids are checked by the
// load stage.
func rolePath(id string) string { return "roles/" + id + "/" }

// rolePage is role.html: a role's guide, with its dates for the current
// release, who holds it, and its checklist in every release.
type rolePage struct {
	page
	Role       roleRow
	Body       template.HTML
	TOC        []tocEntry
	Current    *releaseSummary
	Checklists []checklistLink
	EditURL    string
	Feeds      feedList
	// PrintURL is the role's onboarding packet: guide, current checklist
	// and glossary on one printable page.
	PrintURL string
}

type tocEntry struct {
	Text  string
	URL   string
	Level int
}

type checklistLink struct {
	Release releaseSummary
	URL     string
	Tasks   int
}

func (b *builder) rolePage(p page, role *handbook.Role) any {
	p.Title = role.Title
	p.Description = role.Summary
	if p.Description == "" {
		p.Description = "The " + role.Title + " guide of the " + b.h.Title + "."
	}
	p.crumbs(role.Title, "Roles", "roles/")
	v := &rolePage{page: p, Role: roleRow{Title: role.Title, Summary: role.Summary, Commitment: role.Commitment, HasGuide: true}}
	v.PrintURL = p.url(printPath(role.ID))
	p.md.HeadingOffset = headingOffset(role.Guide, 2)
	defer func() { p.md.HeadingOffset = 0 }()
	if cur := b.h.Current; cur != nil {
		s := b.summary(p, cur)
		v.Current = &s
		v.Role.People, v.Role.Shadows = cur.Holders(role.ID)
	}
	p.md.Rebase, p.md.RebaseImage = b.links(p, rolePath(role.ID), rolePath(role.ID))
	body, err := role.Guide.Render(p.md)
	p.md.Rebase, p.md.RebaseImage = nil, nil
	b.fail(err, role.Path)
	v.Body = body
	v.TOC = toc(role.Guide, b.currentRefText())
	for _, r := range b.h.Releases {
		if c := r.Checklist(role.ID); c != nil {
			v.Checklists = append(v.Checklists, checklistLink{b.summary(p, r), p.url(checklistPath(r, role.ID)), countTasks(c)})
		}
	}
	v.EditURL = editURL(b.h, role.Path)
	v.Feeds = feedList{b.feed(p, role.Title+": every release", roleFeedPath(role.ID))}
	return v
}

// headingOffset is the Context.HeadingOffset that keeps a document's
// headings in order on a page whose own headings above it go down to
// level top-1: a guide written with "#" headings moves down one level, so
// the page keeps one h1. Documents that start at "##" stay as written.
func headingOffset(doc *markdown.Doc, top int) int {
	least := 0
	for _, h := range doc.Headings {
		if least == 0 || h.Level < least {
			least = h.Level
		}
	}
	if least == 0 || least >= top {
		return 0
	}
	return top - least
}

// toc is the table of contents of doc, its inline date references
// filled in by ref, as the headings show them on the page.
func toc(doc *markdown.Doc, ref func(string) (string, bool)) []tocEntry {
	var entries []tocEntry
	for _, h := range doc.TOC() {
		entries = append(entries, tocEntry{h.TextFor(ref), "#" + h.ID, h.Level})
	}
	return entries
}

func countTasks(c *handbook.Checklist) int {
	n := len(c.Undated) + len(c.Unscheduled)
	for _, g := range c.Groups {
		n += len(g.Tasks)
	}
	return n
}
