package resolve

import (
	"cmp"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/internal/parallel"
	"github.com/relbook/relbook/generator/load"
	"github.com/relbook/relbook/generator/markdown"
	"github.com/relbook/relbook/generator/sourceurl"
)

// people resolves the second half of a handbook: the glossary, the role
// guides and pages, the definitions, summaries and descriptions (parsed
// once, with the glossary, or taken from the cache), and every release's
// dated checklists.
func people(src *load.Source, h *handbook.Handbook, cache *Cache, diags *diag.List) {
	h.Terms = glossary(src.Terms, diags)
	terms := make([]markdown.Term, len(h.Terms))
	for i, t := range h.Terms {
		// A Cache keeps these options to compare with the next
		// resolution's, so they share nothing with the handbook, which
		// the later stages of the build hold.
		terms[i] = markdown.Term{ID: t.ID, Name: t.Name, Expansion: t.Expansion, Aliases: slices.Clone(t.Aliases)}
	}
	p := cache.parser(markdown.Options{UnsafeHTML: h.UnsafeHTML, Glossary: terms})

	refs := &refChecker{h: h, parser: p, diags: diags, checked: map[string]refCheck{}}
	// Every guide, page, definition and description is parsed once, all
	// at the same time: they do not depend on each other.
	var texts []string
	for _, d := range src.Roles {
		texts = append(texts, guideKey(d.Body, d.Tasks.V == "lists"))
	}
	for _, d := range src.Pages {
		texts = append(texts, d.Body)
	}
	p.parseAll(append(texts, descriptionTexts(src)...))
	definitions(src.Terms, h.Terms, p, diags)
	// parse reports what the author of a guide or page got wrong in it.
	parse := func(d *load.Doc) *markdown.Doc {
		doc := p.parse(guideKey(d.Body, d.Tasks.V == "lists"))
		for _, p := range doc.Problems {
			diags.Errorf(docPos(d, p.Line, p.Col), "%s", p.Msg)
		}
		for _, w := range doc.Warnings {
			diags.Warnf(docPos(d, w.Line, w.Col), w.Code, "%s", w.Msg)
		}
		refs.doc(doc, d)
		return doc
	}
	sources := sourceURLs(src, diags)
	for _, d := range src.Roles {
		role := &handbook.Role{
			SourceURL:  sources[d],
			ID:         d.ID,
			Title:      or(d.Title.V, handbook.RoleTitle(d.ID)),
			Summary:    d.Summary.V,
			Commitment: d.Commitment.V,
			Order:      d.Order.V,
			Path:       d.Path,
			BodyLine:   d.BodyLine,
			Guide:      parse(d),
			Folder:     d.Folder,
			Files:      publishable(d.Files, h.UnsafeHTML, diags),
		}
		role.FormerIDs = formerIDs(d, src, diags)
		for _, pd := range d.Pages {
			role.Pages = append(role.Pages, &handbook.Page{
				Slug:      strings.TrimSuffix(load.GuidePagePath(pd.ID), "/"),
				Title:     or(pd.Title.V, handbook.RoleTitle(path.Base(strings.TrimSuffix(strings.TrimSuffix(pd.ID, "/README"), "/index")))),
				Summary:   pd.Summary.V,
				Path:      pd.Path,
				BodyLine:  pd.BodyLine,
				Doc:       parse(pd),
				SourceURL: or(sources[pd], derivedSourceURL(sources[d], d.Path, pd.Path)),
			})
		}
		h.Roles = append(h.Roles, role)
	}
	slices.SortStableFunc(h.Roles, byOrder(func(r *handbook.Role) (int, string) { return r.Order, r.Title }))
	h.Roles = append(h.Roles, guidelessRoles(src, h, diags)...)

	for _, d := range src.Pages {
		page := &handbook.Page{
			SourceURL: sources[d],
			Slug:      d.ID,
			Title:     or(d.Title.V, handbook.RoleTitle(d.ID)),
			Summary:   d.Summary.V,
			Order:     d.Order.V,
			Path:      d.Path,
			BodyLine:  d.BodyLine,
			Doc:       parse(d),
		}
		h.Pages = append(h.Pages, page)
	}
	slices.SortStableFunc(h.Pages, byOrder(func(p *handbook.Page) (int, string) { return p.Order, p.Title }))

	refs.descriptions(src)
	checklists(h, diags)
	cache.keep(p)
}

// sourceURLs checks the source_url of every guide and page: an absolute
// http(s) URL, and no two documents at the same address (see
// sourceurl.Key), since a link to it could lead to one of them only.
func sourceURLs(src *load.Source, diags *diag.List) map[*load.Doc]string {
	out := map[*load.Doc]string{}
	seen := map[string]*load.Doc{}
	docs := slices.Clone(src.Roles)
	for _, d := range src.Roles {
		docs = append(docs, d.Pages...)
	}
	for _, d := range append(docs, src.Pages...) {
		f := d.SourceURL
		if !f.Set || f.Bad {
			continue
		}
		if _, err := sourceurl.Parse(f.V); err != nil {
			diags.Errorf(f.Pos, "%v", err)
			continue
		}
		key, _ := sourceurl.Key(f.V)
		if other, dup := seen[key]; dup {
			diags.Errorf(f.Pos, "source_url %q is the address of %s too (source_url = %q): each document lives at its own address", f.V, other.Path, other.SourceURL.V)
			continue
		}
		seen[key] = d
		out[d] = f.V
	}
	return out
}

// scriptable are the kinds of file a browser runs script in when it
// opens one: a guide folder publishes them only where the handbook lets
// its markdown carry raw HTML (unsafe_html), since a guide takes pull
// requests from many people.
var scriptable = []string{".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".xml", ".xsl", ".js", ".mjs"}

// publishable are the files of a guide folder to publish: all of them
// with unsafe_html, else all but the scriptable ones, which are left out
// with a warning. A link to one then resolves against the guide's
// source_url, if it has one, or is reported as broken.
func publishable(files []string, unsafe bool, diags *diag.List) []string {
	if unsafe {
		return files
	}
	var out []string
	for _, f := range files {
		if slices.Contains(scriptable, strings.ToLower(path.Ext(f))) {
			diags.Warnf(diag.Pos{Path: f}, diag.IgnoredFile, "ignored: a guide folder does not publish %s files while unsafe_html is off, as a browser can run script in one; use a PNG or JPEG, or put the file in static/", path.Ext(f))
			continue
		}
		out = append(out, f)
	}
	return out
}

// derivedSourceURL is the source_url of a guide folder's page that
// gives none: where it lies beside its guide's source_url, as it lies
// beside the guide in the folder.
func derivedSourceURL(guideURL, guidePath, pagePath string) string {
	if guideURL == "" {
		return ""
	}
	b, err := sourceurl.Parse(guideURL)
	if err != nil {
		return ""
	}
	rel := strings.TrimPrefix(pagePath, path.Dir(guidePath)+"/")
	u, _ := b.Resolve(rel, false)
	return u
}

func byOrder[T any](key func(T) (int, string)) func(a, b T) int {
	return func(a, b T) int {
		oa, ta := key(a)
		ob, tb := key(b)
		return cmp.Or(cmp.Compare(oa, ob), cmp.Compare(strings.ToLower(ta), strings.ToLower(tb)))
	}
}

// docPos turns a position inside a markdown body into one in its file.
func docPos(d *load.Doc, line, col int) diag.Pos {
	return diag.Pos{Path: d.Path, Line: d.BodyLine + line - 1, Col: col}
}

// glossary checks the terms and sorts them alphabetically. A spelling,
// ignoring case, may belong to one term only: it decides where a word
// links to.
func glossary(defs []*load.Term, diags *diag.List) []*handbook.Term {
	ids := map[string]bool{}
	for _, d := range defs {
		ids[d.ID] = true
	}
	seen := map[string]string{} // lower-case spelling → term id
	var terms []*handbook.Term
	for _, d := range defs {
		t := &handbook.Term{ID: d.ID, Name: d.Name.V, Expansion: d.Expansion.V}
		spellings := append([]load.Field[string]{d.Name}, d.Aliases...)
		for i, s := range spellings {
			key := strings.ToLower(strings.TrimSpace(s.V))
			if !s.Set {
				continue
			}
			if key == "" {
				diags.Errorf(s.Pos, "term %q: an empty name or alias cannot link anywhere", d.ID)
				continue
			}
			if other, dup := seen[key]; dup && other != d.ID {
				diags.Errorf(s.Pos, "%q is already a name or alias of term %q: each spelling may link to one term only", s.V, other)
				continue
			}
			// The same term's name again in other letter case ("Code
			// Freeze", "code freeze") is what people write when they do
			// not know how matching treats case; it is kept, since a
			// spelling with capitals inside matches only as written.
			seen[key] = d.ID
			if i > 0 && !slices.Contains(t.Aliases, s.V) && s.V != t.Name {
				t.Aliases = append(t.Aliases, s.V)
			}
		}
		for _, s := range d.See {
			if !ids[s.V] {
				diags.Errorf(s.Pos, "see: there is no term %q in the glossary", s.V)
				continue
			}
			t.See = append(t.See, s.V)
		}
		if d.Name.Set {
			terms = append(terms, t)
		}
	}
	// Alphabetically, ignoring case: each name lowered once, not at every
	// comparison.
	type entry struct {
		lower string
		t     *handbook.Term
	}
	entries := make([]entry, len(terms))
	for i, t := range terms {
		entries[i] = entry{strings.ToLower(t.Name), t}
	}
	slices.SortStableFunc(entries, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.lower, b.lower), cmp.Compare(a.t.ID, b.t.ID))
	})
	for i, e := range entries {
		terms[i] = e.t
	}
	return terms
}

// definitions gives each term its definition, parsed by p: defs are the
// terms as written, terms the glossary they made.
func definitions(defs []*load.Term, terms []*handbook.Term, p *parser, diags *diag.List) {
	byID := make(map[string]*load.Term, len(defs))
	for _, d := range defs {
		byID[d.ID] = d
	}
	for _, t := range terms {
		if d := byID[t.ID]; d != nil && d.Definition.V != "" {
			t.Definition = p.parse(d.Definition.V)
			textWarnings(t.Definition, d.Definition, d.Pos, diags)
		}
	}
}

// guidelessRoles collects roles that teams, owners and meetings name but
// that have no guide. They are shown title-cased, and check warns once per
// role, where it is first named.
func guidelessRoles(src *load.Source, h *handbook.Handbook, diags *diag.List) []*handbook.Role {
	known := map[string]bool{}
	for _, r := range h.Roles {
		known[r.ID] = true
	}
	var roles []*handbook.Role
	add := func(id string, pos diag.Pos, where string) {
		// "<role>-shadow" names the shadows of <role>, unless it has a
		// guide of its own.
		if base, ok := strings.CutSuffix(id, "-shadow"); ok && base != "" && !known[id] {
			id = base
		}
		if known[id] {
			return
		}
		known[id] = true
		roles = append(roles, &handbook.Role{ID: id, Title: handbook.RoleTitle(id)})
		// A guide that is there but could not be read is reported as
		// such; telling the author to add it would mislead.
		if !slices.Contains(src.Unloaded, "roles/"+id+".md") {
			diags.Warnf(pos, diag.NoGuide, "%s names role %q, which has no guide: add roles/%s.md", where, id, id)
		}
	}
	for _, r := range src.Releases {
		for _, t := range r.Team {
			add(t.Role, t.Pos, "the team")
		}
		for _, m := range r.Milestones {
			for _, o := range m.Owner {
				add(o.V, o.Pos, "owner")
			}
		}
		for _, m := range r.Meetings {
			for _, o := range m.Roles {
				add(o.V, o.Pos, "roles")
			}
		}
		if r.Patches != nil {
			for _, o := range r.Patches.Owner {
				add(o.V, o.Pos, "owner")
			}
		}
		for _, p := range r.Patch {
			for _, o := range p.Owner {
				add(o.V, o.Pos, "owner")
			}
		}
	}
	slices.SortStableFunc(roles, byOrder(func(r *handbook.Role) (int, string) { return 0, r.Title }))
	return roles
}

// checklists binds every guide's tasks to every release's dates.
//
// A `when` that does not parse is reported once, where it is written. One
// that names a milestone no release has is an error; one that names a
// milestone only some releases have leaves its tasks "not scheduled" in the
// others, with one warning a guide and release.
//
// The guides are bound all at the same time, each into checklists and
// problems of its own, which are then put in place in the order of the
// roles.
func checklists(h *handbook.Handbook, diags *diag.List) {
	var roles []*handbook.Role
	for _, role := range h.Roles {
		if role.HasGuide() {
			roles = append(roles, role)
		}
	}
	type bound struct {
		lists []*handbook.Checklist // one a release, in h.Releases' order
		diags diag.List
	}
	out := make([]bound, len(roles))
	parallel.For(len(roles), func(i int) {
		out[i].lists = roleChecklists(h, roles[i], &out[i].diags)
	})
	for i := range roles {
		diags.Add(out[i].diags...)
		for j, r := range h.Releases {
			r.Checklists = append(r.Checklists, out[i].lists[j])
		}
	}
}

// roleChecklists binds one guide's tasks to every release's dates. It
// only reads h.
func roleChecklists(h *handbook.Handbook, role *handbook.Role, diags *diag.List) []*handbook.Checklist {
	parsed := map[string]dateexpr.Expr{}
	for _, w := range whenSites(role.Guide) {
		e, err := dateexpr.Parse(w.expr)
		if err != nil {
			var perr *dateexpr.Error
			errors.As(err, &perr)
			diags.Errorf(guidePos(role, w.line, w.col+perr.Offset), "when: %v", err)
			continue
		}
		parsed[w.expr] = e
		if missing := missingEverywhere(h, e); missing != "" {
			diags.Errorf(guidePos(role, w.line, w.col), "when: unknown milestone %q: no release defines it", missing)
			delete(parsed, w.expr)
		}
	}
	// The tasks under one heading share its when, so each distinct when
	// is evaluated once a release, and its tasks go where it says.
	b := binder{role: role}
	index := map[string]int{}
	for _, t := range role.Guide.Tasks {
		switch e, ok := parsed[t.When]; {
		case t.When == "":
			b.undated++
			b.tasks = append(b.tasks, boundTask{t, undated})
		case ok:
			i, seen := index[t.When]
			if !seen {
				i = len(b.whens)
				index[t.When] = i
				b.whens, b.exprs, b.counts = append(b.whens, t.When), append(b.exprs, e), append(b.counts, 0)
			}
			b.counts[i]++
			b.tasks = append(b.tasks, boundTask{t, i})
		}
		// A when that does not parse, or names a milestone no release
		// has, is reported above; its tasks are left out.
	}
	lists := make([]*handbook.Checklist, len(h.Releases))
	for i, r := range h.Releases {
		lists[i] = b.checklist(r, diags)
	}
	return lists
}

// binder binds the tasks of one guide to the dates of one release after
// another.
type binder struct {
	role *handbook.Role
	// whens are the guide's distinct dated whens that resolve somewhere,
	// in the order of their first task, with their expressions and
	// numbers of tasks.
	whens  []string
	exprs  []dateexpr.Expr
	counts []int
	// tasks are the guide's top-level tasks to bind, in order.
	tasks   []boundTask
	undated int
}

type boundTask struct {
	t    *markdown.Task
	when int // index in binder.whens, or undated
}

const undated = -1

func (b *binder) checklist(r *handbook.Release, diags *diag.List) *handbook.Checklist {
	c := &handbook.Checklist{Release: r, Role: b.role}
	if b.undated > 0 {
		c.Undated = make([]*markdown.Task, 0, b.undated)
	}
	// Groups are made in the order of their first task, as they would be
	// task by task, and sized before the tasks go in: a build makes a
	// thousand checklists.
	type due struct {
		err   error
		group int
	}
	dues := make([]due, len(b.whens))
	groups := make([]handbook.TaskGroup, 0, len(b.whens))
	var sizes []int
	dated := 0
	for i, e := range b.exprs {
		from, to, err := e.Eval(dateexpr.ForRelease(r), dateexpr.AsDue)
		if err != nil {
			dues[i] = due{err: err}
			continue
		}
		g := slices.IndexFunc(groups, func(g handbook.TaskGroup) bool { return g.From == from && g.Due == to })
		if g < 0 {
			g = len(groups)
			groups = append(groups, handbook.TaskGroup{From: from, Due: to})
			sizes = append(sizes, 0)
		}
		groups[g].When = append(groups[g].When, b.whens[i])
		sizes[g] += b.counts[i]
		dated += b.counts[i]
		dues[i] = due{group: g}
	}
	tasks := make([]*markdown.Task, dated)
	c.Groups = make([]*handbook.TaskGroup, len(groups))
	for g, n := range sizes {
		// Full slices, so that no group can grow into the next.
		groups[g].Tasks, tasks = tasks[:0:n], tasks[n:]
		c.Groups[g] = &groups[g]
	}
	var lacking []string
	var lackingAt diag.Pos
	for _, bt := range b.tasks {
		t := bt.t
		if bt.when == undated {
			c.Undated = append(c.Undated, t)
			continue
		}
		d := dues[bt.when]
		if d.err == nil {
			groups[d.group].Tasks = append(groups[d.group].Tasks, t)
			continue
		}
		var unknown *dateexpr.UnknownMilestone
		if errors.As(d.err, &unknown) {
			c.Unscheduled = append(c.Unscheduled, t)
			if !slices.Contains(lacking, unknown.ID) {
				if len(lacking) == 0 {
					lackingAt = guidePos(b.role, t.WhenLine, t.WhenCol)
				}
				lacking = append(lacking, unknown.ID)
			}
			continue
		}
		var eerr *dateexpr.EvalError
		errors.As(d.err, &eerr)
		diags.Errorf(guidePos(b.role, t.WhenLine, t.WhenCol+eerr.Offset), "when %q in %s: %v", t.When, r.ID, d.err)
	}
	slices.SortStableFunc(c.Groups, func(a, b *handbook.TaskGroup) int {
		return cmp.Or(cmp.Compare(a.Due, b.Due), cmp.Compare(a.From, b.From))
	})
	if len(lacking) > 0 {
		diags.WarnIn(diag.Scope{Table: lackingAt, Release: r.Path}, lackingAt, diag.NotScheduled, "%s has no milestone %s: %s shows %s as not scheduled in that release",
			r.ID, strings.Join(quoteAll(lacking), ", "), b.role.ID, plural(len(c.Unscheduled), "task"))
	}
	return c
}

// whenSite is a distinct `when` of a guide and where it is first written.
type whenSite struct {
	expr      string
	line, col int
}

func whenSites(doc *markdown.Doc) []whenSite {
	var sites []whenSite
	seen := map[string]bool{}
	var walk func([]*markdown.Task)
	walk = func(tasks []*markdown.Task) {
		for _, t := range tasks {
			if t.When != "" && !seen[t.When] {
				seen[t.When] = true
				sites = append(sites, whenSite{t.When, t.WhenLine, t.WhenCol})
			}
			walk(t.Steps)
		}
	}
	walk(doc.Tasks)
	return sites
}

func guidePos(r *handbook.Role, line, col int) diag.Pos {
	return diag.Pos{Path: r.Path, Line: r.BodyLine + max(line, 1) - 1, Col: col}
}

// missingEverywhere returns a milestone id the expression names that no
// release defines, or "".
func missingEverywhere(h *handbook.Handbook, e dateexpr.Expr) string {
	for _, a := range e.Milestones() {
		defined := slices.ContainsFunc(h.Releases, func(r *handbook.Release) bool { return r.Milestone(a.ID) != nil })
		if !defined && len(h.Releases) > 0 {
			return a.ID
		}
	}
	return ""
}

// refChecker checks inline date references ({{code-freeze - 1w}}).
type refChecker struct {
	h      *handbook.Handbook
	parser *parser
	diags  *diag.List
	// checked is what doc found of each expression, by its text: a
	// guide refers to the same few milestones again and again, and
	// each check looks through every release.
	checked map[string]refCheck
}

// refCheck is what is wrong with a reference in a guide or page, if
// anything: its expression does not parse (err, at offset) or names a
// milestone no release has (missing).
type refCheck struct {
	err     error
	offset  int
	missing string
}

// doc checks the references of a guide or page, which are shown for the
// current release: a reference must parse, and name milestones that some
// release has.
func (c *refChecker) doc(doc *markdown.Doc, d *load.Doc) {
	for _, ref := range doc.Refs {
		// The expression starts after "{{" and any spaces.
		pos := docPos(d, ref.Line, ref.Col+2)
		check, done := c.checked[ref.Expr]
		if !done {
			check = c.check(ref.Expr)
			c.checked[ref.Expr] = check
		}
		switch {
		case check.err != nil:
			c.errorf(pos.Shift(check.offset), "{{%s}}: %v", ref.Expr, check.err)
		case check.missing != "":
			c.errorf(pos, "{{%s}}: unknown milestone %q: no release defines it", ref.Expr, check.missing)
		}
	}
}

func (c *refChecker) check(expr string) refCheck {
	e, err := dateexpr.Parse(expr)
	if err != nil {
		var perr *dateexpr.Error
		errors.As(err, &perr)
		return refCheck{err: err, offset: perr.Offset}
	}
	return refCheck{missing: missingEverywhere(c.h, e)}
}

func (c *refChecker) errorf(pos diag.Pos, format string, args ...any) {
	c.diags.Errorf(pos, format, args...)
}

// descriptions gives each release its summary, and its milestones and
// phases their descriptions, parsed, and checks the date references in
// them: they are shown for that release only, so they must resolve in it.
func (c *refChecker) descriptions(src *load.Source) {
	for _, def := range src.Releases {
		r := c.h.Release(def.ID)
		if r == nil {
			continue
		}
		parse := func(f load.Field[string], table diag.Pos) *markdown.Doc {
			if f.V == "" {
				return nil
			}
			doc := c.parser.parse(f.V)
			textWarnings(doc, f, table, c.diags)
			c.inRelease(r, doc, f)
			return doc
		}
		r.Summary = parse(def.Summary, diag.Pos{})
		milestones := make(map[string]*handbook.Milestone, len(r.Milestones))
		for _, m := range r.Milestones {
			milestones[m.ID] = m
		}
		for _, d := range def.Milestones {
			doc, who := parse(d.Description, d.Pos), parse(d.Who, d.Pos)
			if m := milestones[d.ID]; m != nil {
				m.Description, m.Who = doc, who
			}
		}
		phases := make(map[string]*handbook.Phase, len(r.Phases))
		for _, p := range r.Phases {
			phases[p.ID] = p
		}
		for _, d := range def.Phases {
			doc := parse(d.Description, d.Pos)
			if p := phases[d.ID]; p != nil {
				p.Description = doc
			}
		}
	}
}

// textWarnings reports the warnings of markdown written in a TOML
// string f (markup left out because raw HTML is off), at their place in
// the string; table is the table f belongs to, whose allow list may
// acknowledge them, or zero for the file's top level.
func textWarnings(doc *markdown.Doc, f load.Field[string], table diag.Pos, diags *diag.List) {
	for _, w := range doc.Warnings {
		diags.WarnIn(diag.Scope{Table: table}, f.TextPos(w.Line, w.Col), w.Code, "%s", w.Msg)
	}
}

// inRelease checks the references of a summary or description of
// release r, parsed as doc.
func (c *refChecker) inRelease(r *handbook.Release, doc *markdown.Doc, f load.Field[string]) {
	for _, ref := range doc.Refs {
		e, err := dateexpr.Parse(ref.Expr)
		if err == nil {
			_, _, err = e.Eval(dateexpr.ForRelease(r), dateexpr.AsDue)
		}
		if err != nil {
			var hint string
			if unknown := (*dateexpr.UnknownMilestone)(nil); errors.As(err, &unknown) {
				hint = unknownHint(unknown.ID, milestoneIDs(r))
			}
			c.errorf(f.TextPos(ref.Line, ref.Col), "{{%s}}: %v%s", ref.Expr, err, hint)
		}
	}
}

// milestoneIDs are the ids of r's milestones, sorted.
func milestoneIDs(r *handbook.Release) []string {
	ids := make([]string, len(r.Milestones))
	for i, m := range r.Milestones {
		ids[i] = m.ID
	}
	slices.Sort(ids)
	return ids
}

// descriptionTexts are the glossary's definitions, the release summaries
// and the milestone and phase descriptions: the pages and the feeds show
// them, parsed (see definitions and refChecker.descriptions).
func descriptionTexts(src *load.Source) []string {
	var texts []string
	add := func(f load.Field[string]) {
		if f.V != "" {
			texts = append(texts, f.V)
		}
	}
	for _, d := range src.Terms {
		add(d.Definition)
	}
	for _, def := range src.Releases {
		add(def.Summary)
		for _, m := range def.Milestones {
			add(m.Description)
			add(m.Who)
		}
		for _, p := range def.Phases {
			add(p.Description)
		}
	}
	return texts
}

func quoteAll(ids []string) []string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = fmt.Sprintf("%q", id)
	}
	return q
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// formerIDs checks a guide's former_ids: each an id no role has now and
// no other guide names, so that each old feed address has one role.
func formerIDs(d *load.Doc, src *load.Source, diags *diag.List) []string {
	var ids []string
	seen := map[string]bool{}
	for _, f := range d.FormerIDs {
		twice := seen[f.V]
		seen[f.V] = true
		switch {
		case !dateexpr.IsID(f.V):
			diags.Errorf(f.Pos, "former_ids: %q is not an id (lowercase letters, digits and '-')", f.V)
			continue
		case f.V == d.ID:
			diags.Errorf(f.Pos, "former_ids: %q is this role's id now", f.V)
			continue
		case twice:
			diags.Errorf(f.Pos, "former_ids: %q is listed twice", f.V)
			continue
		}
		clash := ""
		for _, other := range src.Roles {
			if other == d {
				continue
			}
			if other.ID == f.V {
				clash = "is the id of the role in " + other.Path
			}
			if slices.ContainsFunc(other.FormerIDs, func(o load.Field[string]) bool { return o.V == f.V }) {
				clash = "is a former id of " + other.Path + " too"
			}
		}
		if clash != "" {
			diags.Errorf(f.Pos, "former_ids: %q %s: an old feed address can lead to one role only", f.V, clash)
			continue
		}
		ids = append(ids, f.V)
	}
	return ids
}
