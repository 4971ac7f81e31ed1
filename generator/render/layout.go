package render

import (
	"cmp"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/markdown"
)

// The types below are what templates see. They hold text ready to show,
// so that templates only arrange it and every page shows a date the same
// way.

// page is what every page has.
type page struct {
	Site        siteView
	Title       string
	Description string
	// Root is the way back to the site root ("./", "../../"); on 404.html,
	// which a host serves at any depth, it is the absolute base_url.
	Root string
	// Path is the page's folder under the root ("releases/v3.4/"), "" for
	// the dashboard.
	Path string
	// URL is the page's absolute address (base_url + Path), for
	// rel=canonical and Open Graph; "" where the page has no address of
	// its own (404.html).
	URL string
	// Nav is the top bar: the current release, Releases, Roles, Glossary
	// and the free pages.
	Nav navLinks
	// Crumbs is the way from the home page down to this page, the page
	// itself last (with an empty URL); nil on the dashboard.
	Crumbs crumbLinks
	// OG is what a link to the page shows when shared in chat.
	OG openGraph
	// AsOf is the date the build was made for, on pages that depend on it.
	AsOf *moment
	// SearchURL is search.json relative to the page; "" hides the search
	// box.
	SearchURL string
	// InlineCSS, when set, is the theme's stylesheet to write into the
	// page instead of linking it (404.html); NoScript leaves relbook.js out.
	InlineCSS template.CSS
	NoScript  bool
	// md renders the page's markdown: inline date references resolve
	// against the release the page is about, and glossary terms link on
	// their first use on the page.
	md *markdown.Context
}

// Page is the fields every page has, by themselves. Each kind of page
// embeds them, and a template finds such a field of a page by a search
// through the embedding struct each time it reads one; base.html, which
// reads a dozen on every page, reads them from .Page instead.
func (p *page) Page() *page { return p }

// Head is a component: the part of a page's <head> that is all the
// page's own values, from its <title> to its script: the description,
// the canonical address, the Open Graph card, the stylesheets (or, on
// 404.html, the stylesheet itself) and relbook.js. base.html prints it
// ({{$p.Head}}); a theme that wants another head writes its own from
// these fields.
func (p *page) Head() template.HTML {
	return write(func(out []byte) []byte {
		out = append(out, "<title>"...)
		if p.Title != "" && p.Title != p.Site.Title {
			out = appendEscaped(out, p.Title)
			out = append(out, " · "...)
		}
		out = appendEscaped(out, p.Site.Title)
		out = append(out, "</title>\n<meta name=\"description\" content=\""...)
		out = appendEscaped(out, p.Description)
		out = append(out, "\">\n<meta name=\"generator\" content=\"relbook\">"...)
		if p.URL != "" {
			out = append(out, "\n<link rel=\"canonical\" href=\""...)
			out = appendURL(out, p.URL, false)
			out = append(out, "\">\n<meta property=\"og:url\" content=\""...)
			out = appendEscaped(out, p.URL)
			out = append(out, "\">"...)
		}
		out = append(out, "\n<meta property=\"og:type\" content=\""...)
		out = appendEscaped(out, p.OG.Type)
		out = append(out, "\">\n<meta property=\"og:site_name\" content=\""...)
		out = appendEscaped(out, p.Site.Title)
		out = append(out, "\">\n<meta property=\"og:title\" content=\""...)
		out = appendEscaped(out, cmp.Or(p.Title, p.Site.Title))
		out = append(out, "\">\n<meta property=\"og:description\" content=\""...)
		out = appendEscaped(out, cmp.Or(p.OG.Description, p.Description))
		out = append(out, "\">"...)
		if p.InlineCSS != "" {
			// Trusted: the theme's own stylesheet, as html/template
			// writes a template.CSS.
			out = append(out, "\n<style>"...)
			out = append(out, p.InlineCSS...)
			out = append(out, "</style>"...)
		} else {
			for _, css := range []string{"style.css", "highlight.css"} {
				out = append(out, "\n<link rel=\"stylesheet\" href=\""...)
				out = appendURL(out, p.Root, false)
				out = append(out, "static/"...)
				out = append(out, css...)
				out = append(out, "\">"...)
			}
		}
		if !p.NoScript {
			out = append(out, "\n<script src=\""...)
			out = appendURL(out, p.Root, false)
			out = append(out, "static/relbook.js\" defer></script>"...)
		}
		return out
	})
}

type siteView struct {
	Title, Description, Language, BaseURL string
}

// link is an entry of the top bar or the breadcrumbs. Current is "page"
// on the link to the page itself and "true" on the section it is in, as
// aria-current wants them; "" elsewhere.
type link struct {
	Title   string
	URL     string
	Current string
}

// navLinks and crumbLinks are components: the top bar's and the
// breadcrumbs' list items, which every page has ({{.Nav.HTML}},
// {{.Crumbs.HTML}}); a theme that wants other markup ranges over the
// links.
type (
	navLinks   []link
	crumbLinks []link
)

// HTML is the top bar's items: a link each, aria-current on the page's
// own and on its section's.
func (ls navLinks) HTML() template.HTML {
	return write(func(out []byte) []byte {
		for i := range ls {
			l := &ls[i]
			out = append(out, "\n        <li><a href=\""...)
			out = appendURL(out, l.URL, false)
			out = append(out, '"')
			if l.Current != "" {
				out = append(out, " aria-current=\""...)
				out = appendEscaped(out, l.Current)
				out = append(out, '"')
			}
			out = append(out, '>')
			out = appendEscaped(out, l.Title)
			out = append(out, "</a></li>"...)
		}
		return out
	})
}

// HTML is the breadcrumbs' items: a link each, the page itself last,
// unlinked.
func (ls crumbLinks) HTML() template.HTML {
	return write(func(out []byte) []byte {
		for i := range ls {
			l := &ls[i]
			out = append(out, "\n    <li>"...)
			if l.URL != "" {
				out = append(out, "<a href=\""...)
				out = appendURL(out, l.URL, false)
				out = append(out, "\">"...)
				out = appendEscaped(out, l.Title)
				out = append(out, "</a>"...)
			} else {
				out = append(out, "<span aria-current=\"page\">"...)
				out = appendEscaped(out, l.Title)
				out = append(out, "</span>"...)
			}
			out = append(out, "</li>"...)
		}
		return out
	})
}

// openGraph is the Open Graph card of a page, beyond its title and URL:
// Type ("website"), and a Description where the card should say more
// than the meta description (a release's next key date).
type openGraph struct {
	Type        string
	Description string
}

// builder turns handbook values into page values, for one file. It
// remembers the first markdown error, so that view code can stay free of
// error plumbing.
type builder struct {
	h   *handbook.Handbook
	err error
	*shared
}

// shared is what the builders of every file share: work done once for
// the whole site. It is safe for concurrent use.
type shared struct {
	// refs remembers each release's date references.
	refs map[*handbook.Release]*refMemo
	// rebased remembers where links lead (see shared.rebase): for each
	// home, a *sync.Map of its links by destination.
	rebased sync.Map
	// glossary holds the terms as every page shows them (see
	// shared.termViews).
	glossary struct {
		once  sync.Once
		views []termView
	}
	// summaries remembers release summaries by summaryKey (see
	// builder.summary).
	summaries sync.Map
	// sources are the documents with a source_url, and where their
	// links lead (see sourcelinks.go).
	sources *sources
	// written are the links pages write otherwise than their markdown
	// does (see Plan.WrittenAs).
	written writtenAs
	// sections remembers the markup of dated guide sections by
	// sectionKey (see builder.guideSection): every role's checklist in
	// a release has its "week 3".
	sections sync.Map
}

func newShared(h *handbook.Handbook) *shared {
	s := &shared{refs: map[*handbook.Release]*refMemo{}, sources: newSources(h)}
	for _, r := range h.Releases {
		s.refs[r] = &refMemo{resolve: dateRef(r), refs: map[string]resolvedRef{}}
	}
	return s
}

// page starts the data of the page at dir, about release r (nil for pages
// about no release in particular).
func (b *builder) page(dir string, r *handbook.Release) page {
	root := strings.Repeat("../", strings.Count(dir, "/"))
	if root == "" {
		root = "./"
	}
	p := page{
		Site: siteView{b.h.Title, b.h.Description, b.h.Language, b.h.BaseURL},
		Root: root,
		Path: dir,
		URL:  b.h.BaseURL + dir,
		OG:   openGraph{Type: "website"},
	}
	p.SearchURL = p.url("search.json")
	p.Nav = b.nav(p)
	p.md = &markdown.Context{DateRef: b.dateRef(r), When: b.whenNote(r)}
	if len(b.h.Terms) > 0 {
		p.md.GlossaryURL = p.url("glossary/")
	}
	return p
}

// nav is the top bar of page p. With forty releases it still names only
// the current one; the rest are a click away on the Releases page.
func (b *builder) nav(p page) navLinks {
	var nav navLinks
	add := func(title, sitePath string, section bool) {
		l := link{Title: title, URL: p.url(sitePath)}
		switch {
		case p.Path == sitePath:
			l.Current = "page"
		case section && strings.HasPrefix(p.Path, sitePath):
			l.Current = "true"
		}
		nav = append(nav, l)
	}
	inCurrent := false
	if cur := b.h.Current; cur != nil {
		add(cur.Name, releasePath(cur), true)
		inCurrent = strings.HasPrefix(p.Path, releasePath(cur))
	}
	if len(b.h.Releases) > 0 {
		// Another release's pages are in the Releases section.
		add("Releases", "releases/", !inCurrent)
	}
	add("Roles", "roles/", true)
	if len(b.h.Terms) > 0 {
		add("Glossary", "glossary/", false)
	}
	for _, pg := range b.h.Pages {
		if pg.Slug != "index" {
			add(pg.Title, pg.Slug+"/", false)
		}
	}
	return nav
}

// crumbs sets the breadcrumbs of p: Home, then each (title, site path)
// pair, then the page itself under title.
func (p *page) crumbs(title string, trail ...string) {
	p.Crumbs = crumbLinks{{Title: "Home", URL: p.url("")}}
	for i := 0; i+1 < len(trail); i += 2 {
		p.Crumbs = append(p.Crumbs, link{Title: trail[i], URL: p.url(trail[i+1])})
	}
	p.Crumbs = append(p.Crumbs, link{Title: title, Current: "page"})
}

// url makes a site path ("releases/v3.4/") relative to the page: from
// releases/ it is "v3.4/", from releases/v3.4/ "./", from elsewhere it
// climbs to the root first ("../../releases/v3.4/").
func (p page) url(sitePath string) string {
	if rest, ok := strings.CutPrefix(sitePath, p.Path); ok {
		if rest == "" {
			return "./"
		}
		return rest
	}
	return p.Root + sitePath
}

// markdown renders an author's markdown fragment (a summary, a
// description) on page p, one heading level below the page's own.
func (b *builder) markdown(p page, doc *markdown.Doc, where string) template.HTML {
	if doc == nil {
		return ""
	}
	// Set and restore rather than copy: the context carries the page's
	// glossary state, and a page renders on one goroutine.
	p.md.HeadingOffset = 2
	defer func() { p.md.HeadingOffset = 0 }()
	// The same fragment is often in every release: it is parsed once,
	// and a Doc, once compiled, is only filled in for each page.
	out, err := doc.Render(p.md)
	b.fail(err, where)
	return out
}

// markdownInline renders an author's inline markdown (a milestone's who)
// on page p, without a paragraph around it.
func (b *builder) markdownInline(p page, doc *markdown.Doc, where string) template.HTML {
	if doc == nil {
		return ""
	}
	out, err := doc.RenderInline(p.md)
	b.fail(err, where)
	return out
}

// fail remembers the first error.
func (b *builder) fail(err error, where string) {
	if err != nil && b.err == nil {
		b.err = fmt.Errorf("markdown in %s: %w", where, err)
	}
}

func editURL(h *handbook.Handbook, path string) string {
	if h.EditURL == "" || path == "" {
		return ""
	}
	return strings.ReplaceAll(h.EditURL, "{path}", path)
}
