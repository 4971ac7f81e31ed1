package render

import (
	"fmt"
	"html/template"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/markdown"
)

// rolePath is the folder of a role's guide; checklistPath that of its
// checklist in a release. Role ids are checked by the load stage.
func rolePath(id string) string                           { return "roles/" + id + "/" }
func checklistPath(r *handbook.Release, id string) string { return releasePath(r) + id + "/" }

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

// whenNote says, under a guide heading, when its tasks are due in release
// r: "Due Friday 23 October 2026 in Lighthouse v3.4".
func (b *builder) whenNote(r *handbook.Release) func(string) template.HTML {
	return func(expr string) template.HTML {
		if r == nil {
			return ""
		}
		e, err := dateexpr.Parse(expr)
		if err != nil {
			return ""
		}
		from, due, err := e.Eval(dateexpr.ForRelease(r), dateexpr.AsDue)
		if err != nil {
			return template.HTML("Not scheduled in " + template.HTMLEscapeString(r.Name))
		}
		when := whenHTML([]moment{dateMoment(due)})
		if from != due {
			when = whenHTML([]moment{dateMoment(from), dateMoment(due)})
		}
		return "Due " + when + template.HTML(" in "+template.HTMLEscapeString(r.Name))
	}
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
		v.Roles = append(v.Roles, row)
	}
	return v
}

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
	Feeds      []feedView
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
	body, err := b.h.Markdown.Render(role.Guide, p.md)
	b.fail(err, role.Path)
	v.Body = body
	v.TOC = toc(role.Guide, b.currentRefText())
	for _, r := range b.h.Releases {
		if c := r.Checklist(role.ID); c != nil {
			v.Checklists = append(v.Checklists, checklistLink{b.summary(p, r), p.url(checklistPath(r, role.ID)), countTasks(c)})
		}
	}
	v.EditURL = editURL(b.h, role.Path)
	v.Feeds = []feedView{b.feed(p, role.Title+": every release", roleFeedPath(role.ID))}
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

func editURL(h *handbook.Handbook, path string) string {
	if h.EditURL == "" || path == "" {
		return ""
	}
	return strings.ReplaceAll(h.EditURL, "{path}", path)
}

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
	Feeds   []feedView
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
	v.Feeds = []feedView{
		b.feed(p, role.Title+" in "+r.Name, roleReleaseFeedPath(r, role.ID)),
		b.feed(p, role.Title+": every release", roleFeedPath(role.ID)),
	}
	// The tasks' text was written for the guide's page.
	p.md.Rebase = b.rebase(p, rolePath(role.ID))
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
			Tasks: w.views(g.Tasks),
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
		w.mark(&gv.html, start)
	}
	if len(v.Groups) == 0 {
		v.Groups = nil
	}
	v.Undated = w.views(c.Undated)
	w.items(v.Undated, c.Undated)
	v.Unscheduled = w.views(c.Unscheduled)
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

// glossaryPage is glossary.html: every term, alphabetical.
type glossaryPage struct {
	page
	Letters []string
	Terms   glossaryTerms
}

type termView struct {
	ID string
	// Anchor is the entry's id on the page: the term id, except where
	// that is taken (the onboarding packet).
	Anchor     string
	Name       string
	Letter     string
	Expansion  string
	Definition template.HTML
	Aliases    []string
	See        []roleLink
}

func (b *builder) glossaryPage(p page) any {
	p.Title = "Glossary"
	p.Description = "The words of release management as the " + b.h.Title + " uses them."
	p.crumbs("Glossary")
	v := &glossaryPage{page: p, Terms: b.terms(p)}
	for _, tv := range v.Terms {
		if n := len(v.Letters); n == 0 || v.Letters[n-1] != tv.Letter {
			v.Letters = append(v.Letters, tv.Letter)
		}
	}
	return v
}

// terms renders the glossary for page p: the terms as every page shows
// them (see shared.termViews), with their definitions rendered for p. The
// views and their See links are p's own, for the page to change (the
// onboarding packet moves the anchors).
func (b *builder) terms(p page) glossaryTerms {
	terms := slices.Clone(b.termViews(b.h))
	for i, t := range b.h.Terms {
		p.md.Skip = t.ID // a definition does not link to itself
		def, err := b.h.Markdown.Render(b.definition(t), p.md)
		b.fail(err, "glossary.toml")
		terms[i].Definition = def
		terms[i].See = slices.Clone(terms[i].See)
	}
	p.md.Skip = ""
	return terms
}

// termViews are h's terms without their definitions, which depend on the
// page: made once, and only read afterwards.
func (s *shared) termViews(h *handbook.Handbook) []termView {
	s.glossary.once.Do(func() {
		byID := make(map[string]*handbook.Term, len(h.Terms))
		for _, t := range h.Terms {
			byID[t.ID] = t
		}
		views := make([]termView, 0, len(h.Terms))
		for _, t := range h.Terms {
			tv := termView{ID: t.ID, Anchor: t.ID, Name: t.Name, Letter: letter(t.Name), Expansion: t.Expansion, Aliases: t.Aliases}
			for _, id := range t.See {
				tv.See = append(tv.See, roleLink{byID[id].Name, "#" + id})
			}
			views = append(views, tv)
		}
		s.glossary.views = views
	})
	return s.glossary.views
}

// letter is the index letter a term sorts under.
func letter(name string) string {
	for _, c := range strings.ToUpper(name) {
		if 'A' <= c && c <= 'Z' {
			return string(c)
		}
		if '0' <= c && c <= '9' {
			return "#"
		}
	}
	return "#"
}

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
	p.md.HeadingOffset = headingOffset(pg.Doc, 2)
	body, err := b.h.Markdown.Render(pg.Doc, p.md)
	p.md.HeadingOffset = 0
	b.fail(err, pg.Path)
	v := &freePage{page: p, Body: body, TOC: toc(pg.Doc, b.currentRefText()), EditURL: editURL(b.h, pg.Path)}
	if len(pg.Doc.Refs) > 0 && b.h.Current != nil {
		s := b.summary(p, b.h.Current)
		v.Release = &s
	}
	return v
}

// rebase returns the Context.Rebase for text written for the page at home
// and shown on page p: a relative link keeps pointing where its author
// meant ("../../glossary/" from a guide is the glossary, also on a
// checklist one folder deeper), and a bare "#anchor" points at home's
// anchor. Absolute URLs and links that climb above the site root are left
// as written; the link checker reports the latter.
func rebase(p page, home string) func(string) string {
	if home == p.Path {
		return nil
	}
	return func(dest string) string { return resolveRebase(home, dest).on(p, dest) }
}

// rebase is the package's rebase, remembering where each link of each
// home leads, and how pages at the same depth write it: a guide's links
// are the same on every checklist of the role.
func (s *shared) rebase(p page, home string) func(string) string {
	if home == p.Path {
		return nil
	}
	links, ok := s.rebased.Load(home)
	if !ok {
		links, _ = s.rebased.LoadOrStore(home, new(sync.Map))
	}
	homeLinks := links.(*sync.Map) // dest → *rebasedLink
	return func(dest string) string {
		l, ok := homeLinks.Load(dest)
		if !ok {
			l, _ = homeLinks.LoadOrStore(dest, &rebasedLink{rebased: resolveRebase(home, dest)})
		}
		link := l.(*rebasedLink)
		r := link.rebased
		if r.keep || strings.HasPrefix(r.resolved, p.Path) {
			return r.on(p, dest) // as written, or relative to p's own folder
		}
		// Anywhere else the link climbs to the root first, the same way
		// from every page as deep as p.
		if last := link.last.Load(); last != nil && last.root == p.Root {
			return last.out
		}
		out := r.on(p, dest)
		link.last.Store(&rootedLink{p.Root, out})
		return out
	}
}

// rebasedLink is a link of a home, and how it was last written from the
// root.
type rebasedLink struct {
	rebased
	last atomic.Pointer[rootedLink]
}

type rootedLink struct{ root, out string }

// rebased is where a link written for a page leads, whatever page shows
// it.
type rebased struct {
	// keep is set for a link to leave as written.
	keep bool
	// resolved is the site path the link leads to, and tail its "?query"
	// and "#fragment", as written.
	resolved, tail string
}

func resolveRebase(home, dest string) rebased {
	rest, fragment, _ := strings.Cut(dest, "#")
	target, query, hasQuery := strings.Cut(rest, "?")
	if isAbsoluteURL(target) {
		return rebased{keep: true}
	}
	resolved := home
	if target != "" {
		resolved = path.Join(home, target)
		if resolved == ".." || strings.HasPrefix(resolved, "../") {
			return rebased{keep: true}
		}
		if strings.HasSuffix(target, "/") || path.Base(target) == ".." || path.Base(target) == "." {
			resolved += "/"
		}
		if resolved == "./" || resolved == "." {
			resolved = ""
		}
	}
	r := rebased{resolved: resolved}
	if hasQuery {
		r.tail = "?" + query
	}
	if fragment != "" || strings.HasSuffix(dest, "#") {
		r.tail += "#" + fragment
	}
	return r
}

// on is the link as page p writes it.
func (r rebased) on(p page, dest string) string {
	if r.keep {
		return dest
	}
	return p.url(r.resolved) + r.tail
}

// isAbsoluteURL reports whether a link names a scheme ("https:",
// "mailto:") or starts from a root ("/x", "//host").
func isAbsoluteURL(s string) bool {
	if strings.HasPrefix(s, "/") || strings.HasPrefix(s, "\\") {
		return true
	}
	for i, c := range s {
		switch {
		case c == ':':
			return i > 0
		case c == '/' || c == '?' || c == '#':
			return false
		case !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')):
			return false
		}
	}
	return false
}

// feedView is a calendar feed as a page offers it: a webcal:// link that
// opens the reader's calendar app, the https:// address to paste into a
// web calendar, and the file itself.
type feedView struct {
	Title string
	URL   string // relative, to download the file
	HTTPS string
	// Webcal is trusted: html/template does not know the webcal: scheme,
	// and the address is built from base_url, which resolve checked is an
	// absolute http(s) URL.
	Webcal template.URL
}

// feed describes the calendar feed at sitePath ("releases/v3.4/calendar.ics").
func (b *builder) feed(p page, title, sitePath string) feedView {
	abs := b.h.BaseURL + sitePath
	webcal := abs
	if rest, ok := strings.CutPrefix(abs, "https://"); ok {
		webcal = "webcal://" + rest
	} else if rest, ok := strings.CutPrefix(abs, "http://"); ok {
		webcal = "webcal://" + rest
	}
	return feedView{Title: title, URL: p.url(sitePath), HTTPS: abs, Webcal: template.URL(webcal)}
}

// Feed paths (SPEC §4); package calendar writes the files.
func releaseFeedPath(r *handbook.Release) string                { return releasePath(r) + "calendar.ics" }
func roleReleaseFeedPath(r *handbook.Release, id string) string { return releasePath(r) + id + ".ics" }
func roleFeedPath(id string) string                             { return "roles/" + id + ".ics" }

const siteFeedPath = "calendar.ics"
