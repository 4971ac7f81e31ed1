package render

import (
	"html/template"
	"strings"

	"github.com/relbook/relbook/generator/handbook"
)

// The onboarding packet, print/<role>/, is what a new shadow prints on day
// one: the role's guide, its checklist with the current release's dates,
// and the glossary, on one page. It is made for paper: links to other
// pages are absolute (base_url), so the address the stylesheet writes
// after each link can be typed in; links within the guide and to glossary
// terms stay on the page, since both are printed with it.

// printPath is the folder of a role's onboarding packet.
func printPath(id string) string { return "print/" + id + "/" }

// printPage is print.html.
type printPage struct {
	page
	Role roleRow
	// GuideURL and ChecklistURL are the absolute addresses of the
	// guide and of the checklist online.
	GuideURL     string
	ChecklistURL string
	Body         template.HTML
	// Release is the current release; nil when there is none. Checklist
	// is the role's tasks with its dates, nil when the role has none in
	// it.
	Release   *releaseSummary
	Checklist *checklistTasks
	// Terms are the glossary, each with the Anchor it has on this page.
	Terms glossaryTerms
}

func (b *builder) printPage(p page, role *handbook.Role) any {
	h := b.h
	p.Title = role.Title + ": onboarding packet"
	p.Description = "The " + role.Title + " guide, its dated checklist and the glossary of the " + h.Title + ", on one page to print."
	p.crumbs("Onboarding packet", "Roles", "roles/", role.Title, rolePath(role.ID))
	asOf := dateMoment(h.Today)
	p.AsOf = &asOf
	v := &printPage{
		page:     p,
		Role:     roleRow{Title: role.Title, Summary: role.Summary, Commitment: role.Commitment, HasGuide: true},
		GuideURL: h.BaseURL + rolePath(role.ID),
	}

	// Ids the page's own parts use; a glossary term whose id is taken
	// keeps its entry on the glossary page instead.
	ids := map[string]bool{"main": true, "packet-guide": true, "packet-checklist": true, "packet-glossary": true, "packet-not-scheduled": true, "packet-any-time": true}
	for _, hd := range role.Guide.Headings {
		ids[hd.ID] = true
	}
	inPage := true
	for _, t := range h.Terms {
		inPage = inPage && !ids[t.ID]
	}
	if len(h.Terms) > 0 {
		if inPage {
			p.md.GlossaryURL = "./"
		} else {
			p.md.GlossaryURL = h.BaseURL + "glossary/"
		}
	}

	p.md.Rebase, p.md.RebaseImage = b.printLinks(p, rolePath(role.ID))
	p.md.HeadingOffset = headingOffset(role.Guide, 3)
	body, err := role.Guide.Render(p.md)
	b.fail(err, role.Path)
	p.md.HeadingOffset = 0
	v.Body = body

	if r := h.Current; r != nil {
		s := b.summary(p, r)
		v.Release = &s
		v.Role.People, v.Role.Shadows = r.Holders(role.ID)
		if c := r.Checklist(role.ID); c != nil {
			tasks := b.checklistTasks(p, c, "packet-")
			v.Checklist = &tasks
			v.ChecklistURL = h.BaseURL + checklistPath(r, role.ID)
		}
	}

	p.md.RebaseImage = nil
	p.md.Rebase = printRebase(p, h.BaseURL, "glossary/")
	// The dates the packet writes out — a deadline's "(AoE)", in the
	// guide's templates and the checklist — use terms too.
	shown := plainText(string(v.Body))
	if v.Checklist != nil {
		shown += " " + plainText(string(v.Checklist.Groups.HTML()))
	}
	v.Terms = b.usedTerms(p, shown)
	if !inPage {
		for i := range v.Terms {
			v.Terms[i].Anchor = "term-" + v.Terms[i].ID
			for j := range v.Terms[i].See {
				v.Terms[i].See[j].URL = "#term-" + strings.TrimPrefix(v.Terms[i].See[j].URL, "#")
			}
		}
	}
	p.md.Rebase = nil
	return v
}

// printRebase is the Context.Rebase for text written for the page at home
// and printed on p: a link to an anchor stays on the page (the guide and
// the glossary are printed with it), and any other relative link becomes
// an absolute base_url address, which a reader of the paper can type.
func printRebase(p page, baseURL, home string) func(string) string {
	abs := rebase(page{Root: baseURL, Path: p.Path}, home)
	return func(dest string) string {
		if strings.HasPrefix(dest, "#") {
			return dest
		}
		return abs(dest)
	}
}

// printLinks is printRebase for a document that may have a source_url
// (see sourcelinks.go): a link that leaves the site is written as it
// leads, a link to another document's page as that page's base_url
// address.
func (b *builder) printLinks(p page, home string) (links, images func(string) string) {
	abs := printRebase(p, b.h.BaseURL, home)
	if !b.sources.active() {
		return abs, abs
	}
	through := func(image bool) func(string) string {
		return func(dest string) string {
			if strings.HasPrefix(dest, "#") {
				return dest // the guide is on the page
			}
			to := b.sources.linkTo(home, home, dest, image)
			switch {
			case to.abs != "":
				return to.abs
			case to.page:
				return b.h.BaseURL + to.resolved + to.tail
			}
			return abs(dest)
		}
	}
	return through(false), through(true)
}
