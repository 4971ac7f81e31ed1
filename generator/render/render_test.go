package render_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relbook/relbook/generator/calendar"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/load"
	"github.com/relbook/relbook/generator/render"
	"github.com/relbook/relbook/generator/resolve"
	"github.com/relbook/relbook/themes"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// site is a small handbook that exercises every part of a schedule page,
// with markup in every string an author can write.
var site = fstest.MapFS{
	"handbook.toml": {Data: []byte(`
title = "Test <script>alert('title')</script> Handbook"
description = "A handbook & its <em>tests</em>."
base_url = "https://example.org/hb/"
timezone = "UTC"
edit_url = "https://git.example.org/edit/{path}"
`)},
	"releases/v1.0.toml": {Data: []byte(`
name = "Test v1.0 <script>alert('name')</script>"
codename = "<b>Bold</b>"
start = 2025-09-01
timezone = "America/Los_Angeles"
eol = 2026-09-01
summary = """
Code freeze is {{code-freeze}}; the RC lands {{rc}}, a week after {{code-freeze + 1w}}.

<script>alert('summary')</script> [bad](javascript:alert(1))
"""

[milestone.code-freeze]
name = "Code freeze <script>alert('milestone')</script>"
date = 2025-10-16
time = "AoE"
kind = "freeze"
key = true
owner = ["release-lead", "docs-shadow"]
url = "javascript:alert('url')"
description = "Only **fixes** after this. <img src=x onerror=alert(1)>"
was = [{ date = 2025-10-14, changed = 2025-10-01, note = "<script>alert('slip')</script>" }]
note = "Moved <i>once</i>"

[milestone.rc]
name = "RC"
at = "code-freeze + 1w"
time = "18:00"
kind = "prerelease"

[milestone.summit]
name = "Summit"
date = 2025-10-20
end = 2025-10-22
kind = "event"

[milestone.release]
name = "Released"
date = 2025-11-05
kind = "release"
key = true

[phase.burndown]
name = "Burndown"
from = "code-freeze"
to = "release"
description = "Fixes only."

[meeting.weekly]
name = "Weekly <script>alert('meeting')</script>"
every = "week"
on = ["Monday"]
time = "10:00"
duration = "1h"
skip = [2025-09-15]
roles = ["release-lead"]
url = "https://meet.example.org/weekly"

[team]
release-lead = ["Ada <script>alert('ada')</script>"]
release-lead-shadow = ["Lin"]
`)},
	"roles/docs.md": {Data: []byte(`+++
title = "Docs"
summary = "Writes the release notes."
+++

The docs lead keeps the [glossary](../../glossary/#ffe) close and answers
every FFE question.

## Week 5 {when="week 5"}

- [ ] Send the <script>alert('task')</script> reminder
- [ ] Check the list of open FFE requests before {{code-freeze}}

## Code freeze {when="code-freeze"}

1. [ ] Freeze the docs branch
2. [ ] Announce the docs freeze

## Any time

- [ ] Read the [schedule](../../releases/v1.0/#code-freeze) and the [intro](#week-5)

## Once {{code-freeze}} is past {when="code-freeze + 1w"}

- [ ] Archive the freeze notes
`)},
	"glossary.toml": {Data: []byte(`
[term.ffe]
name = "FFE"
expansion = "Feature Freeze Exception"
aliases = ["feature freeze exception"]
definition = "A request to merge a feature after the freeze, see [the schedule](../releases/v1.0/)."
see = ["soak"]

[term.soak]
name = "Soak test"
definition = "Running a candidate for days under load."
`)},
	"pages/about.md": {Data: []byte(`+++
title = "About"
summary = "What this handbook is."
+++

# Written with a top-level heading

Pages may start at "#"; the page keeps its one h1.

## And a second level
`)},
	"releases/v2.0.toml": {Data: []byte(`
name = "Test v2.0"
start = 2025-11-10
due_weekday = "Thursday"

[milestone.kickoff]
name = "Kickoff"
at = "week 1"

[milestone.feature-freeze]
name = "Feature freeze"
at = "R-3"
key = true

[milestone.release]
name = "Released"
date = 2026-02-04
kind = "release"
key = true
`)},
}

var today = handbook.MustDate(2025, 10, 1)

func resolveSite(t *testing.T, fsys fs.FS) *handbook.Handbook {
	t.Helper()
	src, diags := load.Read(fsys)
	h, more := resolve.Handbook(src, resolve.Options{Today: today})
	diags.Add(more...)
	if diags.HasErrors() {
		t.Fatalf("test site does not resolve:\n%v", diags)
	}
	return h
}

// renderAll renders every file of h's site with theme, as a build does.
func renderAll(h *handbook.Handbook, theme fs.FS) (render.Output, error) {
	p, err := render.NewPlan(h, theme)
	if err != nil {
		return nil, err
	}
	return p.Render()
}

func renderSite(t *testing.T) render.Output {
	t.Helper()
	h := resolveSite(t, site)
	out, err := renderAll(h, themes.Default())
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	// The site stage adds changes.xml, which every page's footer links.
	if out["changes.xml"], err = calendar.Changes(h, calendar.Options{Stamp: time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPages(t *testing.T) {
	out := renderSite(t)
	want := []string{
		"404.html",
		"about/index.html",
		"changes.xml",
		"feeds/index.html",
		"glossary/index.html",
		"index.html",
		"print/docs/index.html",
		"releases.json",
		"releases/index.html",
		"releases/v1.0/docs/agenda/index.html",
		"releases/v1.0/docs/index.html",
		"releases/v1.0/due.json",
		"releases/v1.0/index.html",
		"releases/v1.0/schedule.json",
		"releases/v2.0/docs/agenda/index.html",
		"releases/v2.0/docs/index.html",
		"releases/v2.0/due.json",
		"releases/v2.0/index.html",
		"releases/v2.0/schedule.json",
		"roles/docs/index.html",
		"roles/index.html",
		"schedule.json",
		"search.json",
		"sitemap.xml",
		"static/highlight.css",
		"static/relbook.js",
		"static/style.css",
	}
	got := slices.Sorted(maps.Keys(out))
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("files:\n got %q\nwant %q", got, want)
	}
}

func TestDeterministic(t *testing.T) {
	a, b := renderSite(t), renderSite(t)
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two renders of the same handbook", name)
		}
	}
	if len(a) != len(b) {
		t.Errorf("two renders made %d and %d files", len(a), len(b))
	}
}

var dateTime = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$`)

func TestTimesHaveDatetime(t *testing.T) {
	for name, doc := range pages(t, renderSite(t)) {
		n := 0
		for _, el := range doc.all("time") {
			n++
			if dt := el.attr("datetime"); !dateTime.MatchString(dt) {
				t.Errorf("%s: <time>%s</time> has datetime %q, want YYYY-MM-DD or an RFC 3339 UTC instant", name, el.text(), dt)
			}
		}
		undated := strings.HasPrefix(name, "roles/") || name == "glossary/index.html" || name == "feeds/index.html" || name == "about/index.html" || name == "404.html"
		if n == 0 && !undated {
			t.Errorf("%s shows no dates", name)
		}
	}
}

func TestAoE(t *testing.T) {
	page := string(renderSite(t)["releases/v1.0/index.html"])
	want := `<time datetime="2025-10-17T12:00:00Z">Thursday 16 October 2025 (AoE) / Friday 17 October 2025, 12:00 UTC</time>`
	if !strings.Contains(page, want) {
		t.Errorf("the AoE code freeze is not shown as %s", want)
	}
}

func TestRelativeLinks(t *testing.T) {
	out := renderSite(t)
	docs := pages(t, out)
	for name, doc := range docs {
		for _, el := range doc.all("") {
			for _, attr := range []string{"href", "src"} {
				ref, ok := el.attrOK(attr)
				if !ok {
					continue
				}
				u, err := url.Parse(ref)
				if err != nil {
					t.Errorf("%s: %s=%q: %v", name, attr, ref, err)
					continue
				}
				if u.Scheme != "" || u.Host != "" {
					continue // external
				}
				if strings.HasPrefix(u.Path, "/") {
					t.Errorf("%s: %s=%q is rooted; internal links must be relative", name, attr, ref)
					continue
				}
				target := name
				if u.Path != "" {
					target = path.Join(path.Dir(name), u.Path)
					if strings.HasSuffix(u.Path, "/") || u.Path == "." {
						target = path.Join(target, "index.html")
					}
				}
				if strings.HasPrefix(target, "../") {
					t.Errorf("%s: %s=%q leaves the site", name, attr, ref)
					continue
				}
				if _, ok := out[target]; !ok && !strings.HasSuffix(target, ".ics") { // feeds come from package calendar
					t.Errorf("%s: %s=%q points at %s, which is not in the output", name, attr, ref, target)
					continue
				}
				if u.Fragment != "" {
					if doc := docs[target]; doc == nil || doc.byID(u.Fragment) == nil {
						t.Errorf("%s: %s=%q: %s has no id %q", name, attr, ref, target, u.Fragment)
					}
				}
			}
		}
	}
}

func TestEscaping(t *testing.T) {
	out := renderSite(t)
	for name, b := range out {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		page := string(b)
		for _, bad := range []string{"<script>alert", "<b>Bold", "<i>once", "<img", "onerror", "javascript:", "<em>tests"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s contains %q: author text was not escaped", name, bad)
			}
		}
	}
	page := string(out["releases/v1.0/index.html"])
	for _, want := range []string{
		"Test v1.0 &lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;",
		"&lt;b&gt;Bold&lt;/b&gt;",
		"&lt;script&gt;alert(&#39;slip&#39;)&lt;/script&gt;",
		"Weekly &lt;script&gt;alert(&#39;meeting&#39;)&lt;/script&gt;",
		"Ada &lt;script&gt;",
		"<!-- raw HTML omitted -->", // the summary's <script>, left out
		"<p>Only <strong>fixes</strong> after this.",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("release page lacks %q", want)
		}
	}
}

func TestReleasePage(t *testing.T) {
	page := string(renderSite(t)["releases/v1.0/index.html"])
	for _, want := range []string{
		// Inline date references resolve against the release.
		`Code freeze is <time datetime="2025-10-17T12:00:00Z">Thursday 16 October 2025 (AoE)`,
		`the RC lands <time datetime="2025-10-24T01:00:00Z">Thursday 23 October 2025, 18:00 PDT / Friday 24 October 2025, 01:00 UTC</time>`,
		`a week after <time datetime="2025-10-23">Thursday 23 October 2025</time>`,
		// Spans, weeks and countdowns.
		`<time datetime="2025-10-20">Monday 20 October 2025</time> – <time datetime="2025-10-22">Wednesday 22 October 2025</time>`,
		`Week 7<br>R-3`,
		// Owners by role title, shadows as such.
		`Release Lead, Docs shadows`,
		// The slip, in the row and in the history.
		`Moved from <time datetime="2025-10-14">Tuesday 14 October 2025</time>.`,
		`<del><time datetime="2025-10-14">Tuesday 14 October 2025</time></del>`,
		`<time datetime="2025-10-01">Wednesday 1 October 2025</time>`,
		// Meetings: rhythm with marked-up dates, length, link.
		`not on <time datetime="2025-09-15">Monday 15 September 2025</time>`,
		`1 hour`,
		`href="https://meet.example.org/weekly"`,
		// Team, with shadows after their role.
		`<th scope="row">Release Lead shadows</th>`,
		// Edit link.
		`href="https://git.example.org/edit/releases/v1.0.toml"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("release page lacks %s", want)
		}
	}
	// A milestone url that is not a web link is not shown at all.
	if strings.Contains(page, "ZgotmplZ") || strings.Contains(page, "More information") {
		t.Errorf("the javascript: milestone url is shown")
	}
	// A release whose due day is not Friday shows R-N on every row.
	v2 := string(renderSite(t)["releases/v2.0/index.html"])
	if !strings.Contains(v2, "Week 1<br>R-12") || !strings.Contains(v2, "Weekly due day") {
		t.Errorf("v2.0 (due Thursday) should show countdown weeks everywhere")
	}
}

func TestDashboard(t *testing.T) {
	page := string(renderSite(t)["index.html"])
	for _, want := range []string{
		`As of <time datetime="2025-10-01">Wednesday 1 October 2025</time>`,
		`Week 5 of 10`,
		`<span class="status status-active">active</span>`,
		`<span class="status status-planned">planned</span>`,
		// Next key dates, across releases, from today on.
		`href="releases/v1.0/#code-freeze"`,
		`href="releases/v2.0/#feature-freeze"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("dashboard lacks %s", want)
		}
	}
	// Phases under way today: none yet (burndown starts at code freeze).
	if !strings.Contains(page, "No phase of") {
		t.Errorf("dashboard should say no phase is under way")
	}
}

func TestEmptyHandbook(t *testing.T) {
	h := resolveSite(t, fstest.MapFS{"handbook.toml": {Data: []byte(`title = "Empty"` + "\n")}})
	out, err := renderAll(h, themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out["index.html"]), "No releases yet") {
		t.Errorf("the dashboard of a handbook without releases has no empty state")
	}
	var s struct{ Releases []any }
	if err := json.Unmarshal(out["schedule.json"], &s); err != nil || s.Releases == nil {
		t.Errorf("schedule.json of an empty handbook: %s (err %v)", out["schedule.json"], err)
	}
	pages(t, out) // and the pages are well-formed
}

// TestStructure checks what every page owes screen readers and phones.
func TestStructure(t *testing.T) {
	for name, doc := range pages(t, renderSite(t)) {
		html := doc.all("html")
		if len(html) != 1 || html[0].attr("lang") != "en" {
			t.Errorf("%s: want one <html lang=\"en\">", name)
		}
		for _, landmark := range []string{"header", "nav", "main", "footer", "title"} {
			if len(doc.all(landmark)) == 0 {
				t.Errorf("%s: no <%s>", name, landmark)
			}
		}
		metas := map[string]string{}
		for _, m := range doc.all("meta") {
			metas[m.attr("name")] = m.attr("content")
		}
		if metas["viewport"] == "" || metas["description"] == "" {
			t.Errorf("%s: meta viewport and description are required, got %q", name, metas)
		}
		if n := len(doc.all("h1")); n != 1 {
			t.Errorf("%s: %d <h1>, want 1", name, n)
		}
		level := 0
		for _, el := range doc.all("") {
			if len(el.name) == 2 && el.name[0] == 'h' && '1' <= el.name[1] && el.name[1] <= '6' {
				l := int(el.name[1] - '0')
				if l > level+1 {
					t.Errorf("%s: <%s>%s</%s> skips a heading level", name, el.name, el.text(), el.name)
				}
				level = l
			}
		}
		for _, table := range doc.all("table") {
			if len(table.childElements("caption")) == 0 && table.attr("aria-label") == "" {
				t.Errorf("%s: a table has neither <caption> nor aria-label", name)
			}
			for _, th := range table.all("th") {
				if s := th.attr("scope"); s != "col" && s != "row" {
					t.Errorf("%s: <th>%s</th> has scope %q", name, th.text(), s)
				}
			}
		}
	}
}

func TestScheduleJSON(t *testing.T) {
	out := renderSite(t)
	var all struct {
		Title, BaseURL, GeneratedFor, Current string
		Releases                              []struct {
			ID, URL, Timezone string
			Milestones        []struct {
				ID, Date, End, Time, Instant string
				Week, Countdown, Sequence    int
				Was                          []struct{ Date, Changed, Note string }
			}
			Meetings []struct {
				Duration    int
				Occurrences []struct{ Date, Start string }
			}
			Team map[string][]string
		}
	}
	if err := json.Unmarshal(out["schedule.json"], &all); err != nil {
		t.Fatal(err)
	}
	if len(all.Releases) != 2 || all.Releases[0].ID != "v2.0" || all.Current != "v1.0" {
		t.Fatalf("schedule.json: releases %+v, current %q", all.Releases, all.Current)
	}
	v1 := all.Releases[1]
	if v1.URL != "https://example.org/hb/releases/v1.0/" {
		t.Errorf("url = %q", v1.URL)
	}
	cf := v1.Milestones[0]
	if cf.ID != "code-freeze" || cf.Date != "2025-10-16" || cf.Time != "AoE" || cf.Instant != "2025-10-17T12:00:00Z" {
		t.Errorf("code freeze = %+v, want the AoE instant 2025-10-17T12:00:00Z", cf)
	}
	if len(cf.Was) != 1 || cf.Was[0].Changed != "2025-10-01" || cf.Sequence != 1 {
		t.Errorf("code freeze slip = %+v, sequence %d", cf.Was, cf.Sequence)
	}
	if m := v1.Meetings[0]; m.Duration != 60 || m.Occurrences[0].Start != "2025-09-01T17:00:00Z" {
		t.Errorf("meeting = %+v", m)
	}

	// Each release's file is the same release, and the shape is pinned by
	// a golden file.
	var one json.RawMessage
	if err := json.Unmarshal(out["releases/v1.0/schedule.json"], &one); err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/v1.0.schedule.json", out["releases/v1.0/schedule.json"])
	for name, b := range out {
		object := bytes.HasSuffix(b, []byte("}\n")) && bytes.HasPrefix(b, []byte("{\n  \""))
		array := bytes.HasSuffix(b, []byte("]\n")) && bytes.HasPrefix(b, []byte("[\n  {"))
		if strings.HasSuffix(name, ".json") && !object && !array {
			t.Errorf("%s is not indented by two spaces with a final newline", name)
		}
	}

	// releases.json has endoflife.date's shape: `eol = D` alone is one
	// support phase, so support and eol are both D; without a patch the
	// latest version is the cycle itself.
	var eol []map[string]any
	if err := json.Unmarshal(out["releases.json"], &eol); err != nil {
		t.Fatal(err)
	}
	byCycle := map[string]map[string]any{}
	for _, r := range eol {
		byCycle[r["cycle"].(string)] = r
	}
	v1json := byCycle["1.0"]
	for key, want := range map[string]any{
		"releaseDate": "2025-11-05", "support": "2026-09-01", "eol": "2026-09-01",
		"latest": "1.0", "latestReleaseDate": "2025-11-05", "id": "v1.0", "status": "active",
	} {
		if v1json[key] != want {
			t.Errorf("releases.json v1.0 %s = %v, want %v", key, v1json[key], want)
		}
	}
	if v2 := byCycle["2.0"]; v2 == nil || v2["support"] != true || v2["eol"] != false {
		t.Errorf("releases.json: a release with no end written is supported, with no eol: %v", v2)
	}
}

func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run go test -update if the change is meant):\n%s", file, got)
	}
}

func TestThemeOverride(t *testing.T) {
	theme := fstest.MapFS{}
	err := fs.WalkDir(themes.Default(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(themes.Default(), name)
		theme[name] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	theme["templates/release.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<h1>Custom {{.Release.Name}}</h1>{{end}}`)}
	theme["static/logo.svg"] = &fstest.MapFile{Data: []byte(`<svg/>`)}
	h := resolveSite(t, site)
	out, err := renderAll(h, theme)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out["releases/v2.0/index.html"]), "<h1>Custom Test v2.0</h1>") {
		t.Errorf("the theme's release.html was not used")
	}
	if string(out["static/logo.svg"]) != "<svg/>" {
		t.Errorf("the theme's static files were not copied")
	}

	delete(theme, "templates/index.html")
	if _, err := renderAll(h, theme); err == nil || !strings.Contains(err.Error(), "index.html") {
		t.Errorf("a theme without index.html: err = %v", err)
	}
	theme["templates/index.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.NoSuchField}}{{end}}`)}
	if _, err := renderAll(h, theme); err == nil || !strings.Contains(err.Error(), "index.html") {
		t.Errorf("a template that fails: err = %v", err)
	}
}

// A small HTML tree, from encoding/xml in its forgiving mode: enough for
// the pages relbook writes, which are well-formed apart from HTML's void
// elements and bare attributes.

type node struct {
	name     string
	attrs    []xml.Attr
	children []*node
	chars    string
}

func pages(t *testing.T, out render.Output) map[string]*node {
	t.Helper()
	docs := map[string]*node{}
	for name, b := range out {
		if strings.HasSuffix(name, ".html") {
			docs[name] = parse(t, name, b)
		}
	}
	return docs
}

func parse(t *testing.T, name string, b []byte) *node {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	root := &node{}
	stack := []*node{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		top := stack[len(stack)-1]
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: tok.Name.Local, attrs: tok.Attr}
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			if tok.Name.Local != top.name {
				t.Fatalf("%s: </%s> closes <%s>", name, tok.Name.Local, top.name)
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.children = append(top.children, &node{chars: string(tok)})
		}
	}
	if len(stack) != 1 {
		t.Fatalf("%s: <%s> is never closed", name, stack[len(stack)-1].name)
	}
	return root
}

func (n *node) attrOK(name string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

func (n *node) attr(name string) string { v, _ := n.attrOK(name); return v }

// all returns the elements under n named name (every element for ""), in
// document order.
func (n *node) all(name string) []*node {
	var found []*node
	for _, c := range n.children {
		if c.name != "" && (name == "" || c.name == name) {
			found = append(found, c)
		}
		found = append(found, c.all(name)...)
	}
	return found
}

func (n *node) childElements(name string) []*node {
	var found []*node
	for _, c := range n.children {
		if c.name == name {
			found = append(found, c)
		}
	}
	return found
}

func (n *node) byID(id string) *node {
	for _, el := range n.all("") {
		if el.attr("id") == id {
			return el
		}
	}
	return nil
}

func (n *node) text() string {
	var b strings.Builder
	for _, c := range n.children {
		b.WriteString(c.chars)
		b.WriteString(c.text())
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// Two supported releases with a patch in the same month: /patches/
// lists both, and each row's id is its own.
func TestPatchesPageIDs(t *testing.T) {
	rel := func(name, start, release string) string {
		return `name = "` + name + `"
start = ` + start + `

[milestone.release]
date = ` + release + `

[support.maintained]
until = 2027-12-31

[patches]
every = "month"
on = "second Tuesday"
until = "support.maintained"
`
	}
	fsys := fstest.MapFS{
		"handbook.toml":      {Data: []byte("title = \"T\"\nbase_url = \"https://example.org/\"\n")},
		"releases/v1.0.toml": {Data: []byte(rel("Project 1.0", "2026-01-05", "2026-03-04"))},
		"releases/v2.0.toml": {Data: []byte(rel("Project 2.0", "2026-05-04", "2026-07-01"))},
	}
	src, diags := load.Read(fsys)
	h, more := resolve.Handbook(src, resolve.Options{Today: handbook.MustDate(2026, 8, 1)})
	if all := append(diags, more...); all.HasErrors() {
		t.Fatal(all.Errors())
	}
	out, err := renderAll(h, themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	page := string(out["patches/index.html"])
	ids := regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(page, -1)
	seen := map[string]bool{}
	for _, m := range ids {
		if seen[m[1]] {
			t.Errorf("/patches/ has id %q twice", m[1])
		}
		seen[m[1]] = true
	}
	for _, want := range []string{"v1.0-patches-2026-08", "v2.0-patches-2026-08"} {
		if !seen[want] {
			t.Errorf("/patches/ has no row %q", want)
		}
	}
}
