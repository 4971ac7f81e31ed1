package render

import (
	"html/template"
	"path"

	"github.com/relbook/relbook/generator/handbook"
)

// freePage is page.html: a free page from pages/.
type freePage struct {
	page
	Body    template.HTML
	TOC     []tocEntry
	EditURL string
	// Release names the release inline dates refer to.
	Release *releaseSummary
}

func (b *builder) freePage(p page, pg *handbook.Page) any {
	p.Title = pg.Title
	p.Description = pg.Summary
	if p.Description == "" {
		p.Description = pg.Title + " — " + b.h.Title
	}
	p.crumbs(pg.Title)
	return b.pageOf(p, pg, pagePath(pg), pagePath(pg))
}

// pageOf is page.html for pg, its links starting from the page at home
// and written for the page self (see builder.links).
func (b *builder) pageOf(p page, pg *handbook.Page, home, self string) *freePage {
	p.md.HeadingOffset = headingOffset(pg.Doc, 2)
	p.md.Rebase, p.md.RebaseImage = b.links(p, home, self)
	body, err := pg.Doc.Render(p.md)
	p.md.HeadingOffset = 0
	p.md.Rebase, p.md.RebaseImage = nil, nil
	b.fail(err, pg.Path)
	v := &freePage{page: p, Body: body, TOC: toc(pg.Doc, b.currentRefText()), EditURL: editURL(b.h, pg.Path)}
	if len(pg.Doc.Refs) > 0 && b.h.Current != nil {
		s := b.summary(p, b.h.Current)
		v.Release = &s
	}
	return v
}

// guidePage is page.html for a page of a guide folder: another markdown
// file of roles/<id>/, published under the guide's address. Its links
// start from the guide's folder, as where it also lives.
func (b *builder) guidePage(p page, role *handbook.Role, pg *handbook.Page) any {
	p.Title = pg.Title
	p.Description = pg.Summary
	if p.Description == "" {
		p.Description = pg.Title + " — " + role.Title + ", " + b.h.Title
	}
	p.crumbs(pg.Title, "Roles", "roles/", role.Title, rolePath(role.ID))
	return b.pageOf(p, pg, path.Dir(pg.Path)+"/", guidePagePath(role, pg))
}
