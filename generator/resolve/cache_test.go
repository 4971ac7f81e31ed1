package resolve_test

import (
	"fmt"
	"html/template"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relbook/relbook/cmd/benchgen/synth"
	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/load"
	"github.com/relbook/relbook/generator/markdown"
	"github.com/relbook/relbook/generator/resolve"
)

// cacheSite is a small handbook with everything the caches keep: release
// files, guides and a page that use the glossary and date references,
// raw HTML, and descriptions with references.
var cacheSite = map[string]string{
	"handbook.toml": `title = "Lighthouse"
base_url = "https://lighthouse.example.org/"
timezone = "UTC"
`,
	"releases/v1.toml": `name = "v1"
start = 2026-10-05
summary = "Code freeze is {{code-freeze}}."

[milestone.code-freeze]
name = "Code freeze"
date = 2026-11-02
description = "The branch opens again {{code-freeze + 1w}}, after the burndown."

[milestone.release]
name = "v1 released"
at = "code-freeze + 4w"

[phase.burndown]
name = "Burndown"
from = "code-freeze"
to = "release"
`,
	"releases/v2.toml": `name = "v2"
start = 2027-01-04

[milestone.code-freeze]
name = "Code freeze"
at = "start + 5w"

[milestone.release]
name = "v2 released"
at = "code-freeze + 3w"
`,
	"glossary.toml": `[term.code-freeze]
name = "Code freeze"
definition = "No new features after it."

[term.rc]
name = "RC"
expansion = "Release candidate"
definition = "A build that may become the release, late in the burndown."
`,
	"roles/lead.md": `+++
title = "Release lead"
+++
# Release lead

The lead watches the code freeze, cuts the RC and runs the burndown. <!-- Raw HTML. -->

## Before the freeze {when="code-freeze - 1w"}

- [ ] Announce the code freeze, due {{code-freeze - 1w}}
- [ ] Check the burndown

## Release day {when="release"}

1. [ ] Tag the RC
   - [ ] Push the tag
`,
	"roles/docs.md": `# Docs

## Docs freeze {when="code-freeze"}

- [ ] Write the notes for the burndown
`,
	"pages/onboarding.md": "Read about the burndown before {{release}}.\n",
}

// cacheBuild is the live preview's Load and Resolve, with both caches.
type cacheBuild struct {
	files  load.Cache
	parsed resolve.Cache
}

var cacheToday = handbook.MustDate(2026, time.October, 20)

func (b *cacheBuild) run(fsys fstest.MapFS) (*handbook.Handbook, diag.List) {
	src, diags := b.files.Read(fsys)
	h, more := resolve.Handbook(src, resolve.Options{Today: cacheToday, Cache: &b.parsed})
	diags.Add(more...)
	return h, diags
}

func coldBuild(fsys fstest.MapFS) (*handbook.Handbook, diag.List) {
	src, diags := load.Read(fsys)
	h, more := resolve.Handbook(src, resolve.Options{Today: cacheToday})
	diags.Add(more...)
	return h, diags
}

// A build through the caches resolves to exactly what a build without
// them does, after an edit to a guide, to the glossary, to a release, to
// handbook.toml, and after a guide goes and comes back; it parses again
// only the guides it must.
func TestCacheMatchesColdBuild(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, text := range cacheSite {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	edit := func(name, old, new string) func() {
		return func() {
			text := string(fsys[name].Data)
			if !strings.Contains(text, old) {
				t.Fatalf("%s has no %q", name, old)
			}
			fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(text, old, new, 1))}
		}
	}
	var docs string
	edits := []struct {
		name string
		edit func()
		// reparsed are the guides that must be parsed again; the others
		// must be the last build's documents.
		reparsed []string
	}{
		{"first build", func() {}, nil},
		{"a guide", edit("roles/docs.md", "burndown\n", "burndown\n- [ ] Edit number 1\n"), []string{"docs"}},
		{"a glossary term", edit("glossary.toml", `[term.rc]`, "[term.burndown]\nname = \"Burndown\"\ndefinition = \"The last weeks.\"\n\n[term.rc]"), []string{"lead", "docs"}},
		{"a glossary alias", edit("glossary.toml", `name = "RC"`, "name = \"RC\"\naliases = [\"release candidate\"]"), []string{"lead", "docs"}},
		{"a definition only", edit("glossary.toml", "No new features", "No new features or APIs"), nil},
		{"a release date", edit("releases/v1.toml", "date = 2026-11-02", "date = 2026-11-09"), nil},
		{"a release gone", func() { delete(fsys, "releases/v2.toml") }, nil},
		{"unsafe_html", edit("handbook.toml", `timezone = "UTC"`, "timezone = \"UTC\"\nunsafe_html = true"), []string{"lead", "docs"}},
		{"a guide gone", func() { docs = string(fsys["roles/docs.md"].Data); delete(fsys, "roles/docs.md") }, nil},
		{"the guide back", func() { fsys["roles/docs.md"] = &fstest.MapFile{Data: []byte(docs)} }, []string{"docs"}},
	}
	var b cacheBuild
	last := map[string]*markdown.Doc{}
	for _, e := range edits {
		e.edit()
		h, diags := b.run(fsys)
		want, wantDiags := coldBuild(fsys)
		if got, want := describe(t, h), describe(t, want); got != want {
			t.Errorf("%s: the cached build differs from a fresh one:\n got %s\nwant %s", e.name, got, want)
		}
		if !slices.Equal(diags, wantDiags) {
			t.Errorf("%s: diagnostics\n got %v\nwant %v", e.name, diags, wantDiags)
		}
		guides := map[string]*markdown.Doc{}
		for _, r := range h.Roles {
			if r.HasGuide() {
				guides[r.ID] = r.Guide
			}
		}
		for id, doc := range guides {
			before, ok := last[id]
			switch reparsed := slices.Contains(e.reparsed, id); {
			case !ok:
			case reparsed && doc == before:
				t.Errorf("%s: guide %s was not parsed again", e.name, id)
			case !reparsed && doc != before:
				t.Errorf("%s: guide %s was parsed again", e.name, id)
			}
		}
		last = guides
	}
}

// describe writes down a resolved handbook: every date, checklist, term,
// guide and page, and each guide, page, definition, summary and
// description rendered the way the site shows it (glossary links
// included).
func describe(t *testing.T, h *handbook.Handbook) string {
	t.Helper()
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p("handbook %q %s unsafe=%v", h.Title, h.BaseURL, h.UnsafeHTML)
	if h.Current != nil {
		p("current %s", h.Current.ID)
	}
	ctx := func() *markdown.Context {
		return &markdown.Context{
			GlossaryURL: "../../glossary/",
			DateRef: func(expr string) (template.HTML, string, bool) {
				return template.HTML("<time>" + template.HTMLEscapeString(expr) + "</time>"), expr, true
			},
		}
	}
	// html is a summary, description or definition as a page shows it.
	html := func(d *markdown.Doc) template.HTML {
		out, err := d.Render(ctx())
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, term := range h.Terms {
		p("term %s %q %q %q %s", term.ID, term.Name, term.Expansion, term.Aliases, html(term.Definition))
	}
	for _, r := range h.Releases {
		p("release %s %q start %s status %s holidays %v: %s", r.ID, r.Name, r.Start, r.Status, r.Holidays, html(r.Summary))
		for _, m := range r.Milestones {
			p("  milestone %s %s..%s %q %s: %s", m.ID, m.Date, m.End, m.At, m.Kind, html(m.Description))
		}
		for _, ph := range r.Phases {
			p("  phase %s %s..%s: %s", ph.ID, ph.From, ph.To, html(ph.Description))
		}
		for _, c := range r.Checklists {
			p("  checklist %s", c.Role.ID)
			for _, g := range c.Groups {
				p("    %s..%s %q %s", g.From, g.Due, g.When, taskIDs(g.Tasks))
			}
			p("    undated %s unscheduled %s", taskIDs(c.Undated), taskIDs(c.Unscheduled))
		}
	}
	doc := func(d *markdown.Doc) {
		p("  headings %+v", d.Headings)
		p("  refs %+v problems %+v", d.Refs, d.Problems)
		var tasks func(indent string, ts []*markdown.Task)
		tasks = func(indent string, ts []*markdown.Task) {
			for _, task := range ts {
				label, body, err := task.Render(ctx())
				if err != nil {
					t.Fatal(err)
				}
				p("%stask %s %q when %q %d:%d line %d: %s %s", indent, task.ID, task.Text, task.When, task.WhenLine, task.WhenCol, task.Line, label, body)
				tasks(indent+"  ", task.Steps)
			}
		}
		tasks("  ", d.Tasks)
		p("  html %s", html(d))
	}
	for _, r := range h.Roles {
		p("role %s %q %s:%d", r.ID, r.Title, r.Path, r.BodyLine)
		if r.HasGuide() {
			doc(r.Guide)
		}
	}
	for _, pg := range h.Pages {
		p("page %s %q %s:%d", pg.Slug, pg.Title, pg.Path, pg.BodyLine)
		doc(pg.Doc)
	}
	return b.String()
}

func taskIDs(tasks []*markdown.Task) string {
	ids := make([]string, len(tasks))
	for i, t := range tasks {
		ids[i] = t.ID
	}
	return strings.Join(ids, ",")
}

// A problem in a file is reported on every build until it is fixed, also
// when the file comes from the caches, and not after.
func TestCachedRebuildReportsProblems(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, text := range cacheSite {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	var b cacheBuild
	b.run(fsys)
	good := map[string][]byte{"releases/v2.toml": fsys["releases/v2.toml"].Data, "roles/docs.md": fsys["roles/docs.md"].Data}
	fsys["releases/v2.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(good["releases/v2.toml"]), `at = "code-freeze + 3w"`, `at = "code-freeze + 3w"`+"\ncolour = \"blue\"", 1))}
	fsys["roles/docs.md"] = &fstest.MapFile{Data: []byte(strings.Replace(string(good["roles/docs.md"]), `{when="code-freeze"}`, `{when="code-frezee"}`, 1))}
	want := []string{
		`releases/v2.toml:11:1: unknown key "colour" in [milestone.release]`,
		`roles/docs.md:3:23: when: unknown milestone "code-frezee": no release defines it`,
	}
	for _, build := range []string{"the build after the save", "the build after that"} {
		_, diags := b.run(fsys)
		if got := diagStrings(diags); !slices.Equal(got, want) {
			t.Errorf("%s: diagnostics\n got %q\nwant %q", build, got, want)
		}
	}
	for name, data := range good {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	if _, diags := b.run(fsys); len(diags) > 0 {
		t.Errorf("after the fix: %v", diags)
	}
}

func diagStrings(l diag.List) []string {
	var out []string
	for _, d := range l.Sort() {
		out = append(out, d.String())
	}
	return out
}

// Resolve only reads what Load made: the Cache hands the same values to
// the next build.
func TestHandbookLeavesSourceAlone(t *testing.T) {
	sites := map[string]map[string][]byte{"synthetic": synth.Files(synth.Config{Releases: 4, Roles: 3, Tasks: 20, Terms: 40})}
	cache := map[string][]byte{}
	for name, text := range cacheSite {
		cache[name] = []byte(text)
	}
	sites["cacheSite"] = cache
	for _, name := range slices.Sorted(maps.Keys(sites)) {
		fsys := fstest.MapFS{}
		for path, data := range sites[name] {
			fsys[path] = &fstest.MapFile{Data: data}
		}
		src, _ := load.Read(fsys)
		untouched, _ := load.Read(fsys)
		resolve.Handbook(src, resolve.Options{Today: cacheToday})
		if !reflect.DeepEqual(src, untouched) {
			t.Errorf("%s: resolving changed the Source", name)
		}
	}
}
