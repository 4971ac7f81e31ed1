package render

import (
	"slices"
	"strings"
	"sync"

	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/sourceurl"
)

// Links of documents that also live elsewhere (source_url; see package
// sourceurl). A guide or page with a source_url was written for that
// place, often a repository: its links to the repository's other files
// ("../enhancements/README.md", "/releases/release-1.35/", "pics/a.png")
// name nothing in the site. Each link of such a document is decided once
// (see linkTo) and then written on every page that shows the document:
//
//   - a link that names a file or page of the site stays a link into the
//     site, rebased as any other (see shared.rebase);
//   - any other relative link, and every root-absolute one, resolves
//     against the source_url: to another document's page when it names
//     that document's source_url (its #fragment checked there), else to
//     the absolute URL, an image to its raw address;
//   - an absolute link that names a document's source_url leads to that
//     document's page too, in every document.
//
// A guide folder's markdown files are documents too: a link to one
// (setup.md, timeline/README.md) leads to its page. A handbook with
// neither a source_url nor a guide folder never gets here: its links are
// written as they always were.

// sources are the documents of a handbook that have a source_url, and
// the markdown files of guide folders.
type sources struct {
	// bases are the source_urls parsed, by the site path of the
	// document's page ("roles/docs/").
	bases map[string]*sourceurl.Base
	// pages are the site paths of the documents' pages by the
	// sourceurl.Key of their source_url.
	pages map[string]string
	// files are the site paths of the pages of guide folders by the
	// path of their markdown file ("roles/docs/README.md" →
	// "roles/docs/"): a link to the file leads to the page.
	files map[string]string
	// has reports whether a name is a file of the site (see
	// Plan.AlsoServes); set before anything renders.
	has func(name string) bool
	// decided are the links decided so far (see linkTo).
	decided sync.Map // linkKey → *linkTo
}

func newSources(h *handbook.Handbook) *sources {
	s := &sources{bases: map[string]*sourceurl.Base{}, pages: map[string]string{}, files: map[string]string{}}
	add := func(home, raw string) {
		if raw == "" {
			return
		}
		b, err := sourceurl.Parse(raw)
		key, ok := sourceurl.Key(raw)
		if err != nil || !ok {
			return // reported by the resolve stage
		}
		s.bases[home] = b
		if _, taken := s.pages[key]; !taken {
			s.pages[key] = home
		}
	}
	for _, r := range h.Roles {
		if !r.HasGuide() {
			continue
		}
		add(rolePath(r.ID), r.SourceURL)
		if r.Folder == "" {
			continue
		}
		s.files[r.Folder+"/README.md"] = rolePath(r.ID)
		s.files[r.Folder+"/index.md"] = rolePath(r.ID)
		for _, pg := range r.Pages {
			dir := guidePagePath(r, pg)
			add(dir, pg.SourceURL)
			s.files[pg.Path] = dir
		}
	}
	for _, pg := range h.Pages {
		add(pagePath(pg), pg.SourceURL)
	}
	return s
}

// guidePagePath is the folder of a page of a guide folder.
func guidePagePath(r *handbook.Role, pg *handbook.Page) string {
	if pg.Slug == "" {
		return rolePath(r.ID)
	}
	return rolePath(r.ID) + pg.Slug + "/"
}

// pagePath is the folder of a free page: the site root for pages/index.md.
func pagePath(pg *handbook.Page) string {
	if pg.Slug == "index" {
		return ""
	}
	return pg.Slug + "/"
}

// active reports whether any link needs more than rebasing: some
// document has a source_url, or some guide is a folder.
func (s *sources) active() bool { return len(s.pages) > 0 || len(s.files) > 0 }

type linkKey struct {
	home, self, dest string
	image            bool
}

// linkTo is where a link of a document leads, whatever page shows it.
type linkTo struct {
	// abs is the absolute URL to write, when the link leaves the site.
	abs string
	// page is set for a link to a document's page: resolved and tail
	// are where.
	page bool
	rebased
}

// linkTo decides where the link dest of a document leads: its relative
// links start from the folder home, and its page is self.
func (s *sources) linkTo(home, self, dest string, image bool) *linkTo {
	k := linkKey{home, self, dest, image}
	if l, ok := s.decided.Load(k); ok {
		return l.(*linkTo)
	}
	l, _ := s.decided.LoadOrStore(k, s.decide(home, self, dest, image))
	return l.(*linkTo)
}

func (s *sources) decide(home, self, dest string, image bool) *linkTo {
	base := s.bases[self]
	switch {
	case sourceurl.HasScheme(dest):
		return s.toPage(dest, dest)
	case strings.HasPrefix(dest, "//") || strings.HasPrefix(dest, `\`):
		return &linkTo{abs: dest}
	case strings.HasPrefix(dest, "#"):
		return &linkTo{page: true, rebased: rebased{resolved: self, tail: dest}}
	case !sourceurl.IsRootAbsolute(dest):
		r := resolveRebase(home, dest)
		if r.keep {
			break
		}
		if page, ok := s.files[r.resolved]; ok {
			return &linkTo{page: true, rebased: rebased{resolved: page, tail: r.tail}}
		}
		if base == nil || s.inSite(r.resolved) {
			return &linkTo{} // a link into the site
		}
	}
	if base == nil {
		return &linkTo{} // as written: the link checker says what is wrong
	}
	u, ok := base.Resolve(dest, image)
	if !ok {
		return &linkTo{}
	}
	return s.toPage(u, u)
}

// toPage is a link to u: the page of the document whose source_url it
// names, else out.
func (s *sources) toPage(u, out string) *linkTo {
	rest, fragment := sourceurl.Fragment(u)
	if key, ok := sourceurl.Key(rest); ok {
		if home, ok := s.pages[key]; ok {
			return &linkTo{page: true, rebased: rebased{resolved: home, tail: fragment}}
		}
	}
	return &linkTo{abs: out}
}

// inSite reports whether a site path, as resolveRebase gives it, is a
// file or page of the site: a folder ("roles/x/") is one when it has an
// index.html, and a path without the slash ("roles/x") too, as the link
// checker then says how to write it.
func (s *sources) inSite(resolved string) bool {
	if s.has == nil {
		return false
	}
	if resolved == "" || strings.HasSuffix(resolved, "/") {
		return s.has(resolved + "index.html")
	}
	return s.has(resolved) || s.has(resolved+"/index.html")
}

// links returns the Context.Rebase and Context.RebaseImage for a
// document shown on page p: its relative links start from the folder
// home, and its own page is self (a guide's, or a guide folder's page's,
// whose links start from the guide's folder). Both are nil where links
// are written as they stand.
func (s *shared) links(p page, home, self string) (links, images func(string) string) {
	if !s.sources.active() {
		r := s.noted(p, self, s.rebase(p, home))
		return r, r
	}
	rebase := s.rebase(p, home)
	through := func(image bool) func(string) string {
		return func(dest string) string {
			to := s.sources.linkTo(home, self, dest, image)
			switch {
			case to.abs != "":
				return to.abs
			case to.page && to.resolved == p.Path && to.tail == dest:
				return dest // "#anchor" on its own page
			case to.page:
				return p.url(to.resolved) + to.tail
			case rebase == nil:
				return dest
			}
			return rebase(dest)
		}
	}
	return s.noted(p, self, through(false)), s.noted(p, self, through(true))
}

// noted is links, noting each link it writes otherwise than as written
// (see writtenAs).
func (s *shared) noted(p page, self string, links func(string) string) func(string) string {
	if links == nil {
		return nil
	}
	seen := s.written.shown(p, self)
	return func(dest string) string {
		out := links(dest)
		if out != dest {
			seen.note(out, dest)
		}
		return out
	}
}

// writtenAs remembers how the links that pages write otherwise than
// their markdown does (a guide's, on a checklist; a link resolved against
// source_url) are written in the markdown, so that a problem with one is
// reported where it is written. A document's links are written the same
// way on every page as deep as another that shows it (see
// shared.rebase), so they are remembered by the document (its own page)
// and the page's way to the root, and each page only remembers which
// documents it shows: a thousand checklists of a role share one list.
type writtenAs struct {
	links sync.Map // writtenKey → *docLinks
	docs  sync.Map // page → *pageDocs
}

type writtenKey struct{ doc, root string }

// docLinks are the links of a document written otherwise, by how they
// are written on the page, as written in the document.
type docLinks struct {
	mu    sync.Mutex
	links map[string]string
}

func (l *docLinks) note(out, dest string) {
	l.mu.Lock()
	if _, ok := l.links[out]; !ok {
		l.links[out] = dest
	}
	l.mu.Unlock()
}

func (l *docLinks) dest(out string) (string, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	dest, ok := l.links[out]
	return dest, ok
}

type pageDocs struct {
	mu   sync.Mutex
	root string
	docs []string
}

// shown notes that page p shows the document whose own page is doc, and
// returns the links noted for them.
func (w *writtenAs) shown(p page, doc string) *docLinks {
	name := p.Path + "index.html"
	v, ok := w.docs.Load(name)
	if !ok {
		v, _ = w.docs.LoadOrStore(name, &pageDocs{root: p.Root})
	}
	ph := v.(*pageDocs)
	ph.mu.Lock()
	if !slices.Contains(ph.docs, doc) {
		ph.docs = append(ph.docs, doc)
	}
	ph.mu.Unlock()
	k := writtenKey{doc, p.Root}
	m, ok := w.links.Load(k)
	if !ok {
		m, _ = w.links.LoadOrStore(k, &docLinks{links: map[string]string{}})
	}
	return m.(*docLinks)
}

// WrittenAs returns how the link href of the page named page (an output
// path, "releases/v1/docs/index.html") is written in the markdown it
// comes from, when the page writes it otherwise; ok is false for a link
// written on the page as the author wrote it, or not from markdown. Ask
// once the page is rendered.
func (p *Plan) WrittenAs(page, href string) (dest string, ok bool) {
	w := &p.shared.written
	v, found := w.docs.Load(page)
	if !found {
		return "", false
	}
	ph := v.(*pageDocs)
	ph.mu.Lock()
	docs := slices.Clone(ph.docs)
	ph.mu.Unlock()
	for _, doc := range docs {
		if m, ok := w.links.Load(writtenKey{doc, ph.root}); ok {
			if d, ok := m.(*docLinks).dest(href); ok {
				return d, true
			}
		}
	}
	return "", false
}
