package render_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relbook/relbook/themes"
)

// The test site's base_url.
const baseURL = "https://example.org/hb/"

func TestPrintPage(t *testing.T) {
	out := renderSite(t)
	page := string(out["print/docs/index.html"])
	for _, want := range []string{
		// The guide, its headings one level down under the part's h2.
		`<h2 id="packet-guide">1. The Docs guide</h2>`,
		`The docs lead keeps the`,
		`<h3 id="week-5">`,
		// The current release's checklist, grouped, with dates.
		`<h2 id="packet-checklist">2. The checklist for Test v1.0`,
		`<h3 id="packet-due-2025-10-03"><time datetime="2025-10-03">Friday 3 October 2025</time>`,
		`Check the list of open`,
		`Freeze the docs branch`,
		`Send the <!-- raw HTML omitted -->alert(`,
		`<h3 id="packet-any-time">Any time</h3>`,
		// The glossary, with its terms' anchors on the page.
		`<h2 id="packet-glossary">3. The glossary</h2>`,
		`<dt id="ffe"><dfn>FFE</dfn>`,
		`<dt id="soak"><dfn>Soak test</dfn>`,
		// Links to other pages are absolute, for paper; links within
		// the guide and to terms stay on the page.
		`href="https://example.org/hb/releases/v1.0/#code-freeze"`,
		`href="https://example.org/hb/glossary/#ffe"`,
		`href="#week-5"`,
		`href="./#ffe"`,
		`href="https://example.org/hb/releases/v1.0/docs/"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("print page lacks %s", want)
		}
	}
	if strings.Contains(page, `type="checkbox" id=`) {
		t.Error("the print page has the checklist's checkboxes (and their ids, twice on the site)")
	}
	guide := string(out["roles/docs/index.html"])
	if !strings.Contains(guide, `href="../../print/docs/"`) || !strings.Contains(guide, "Print the onboarding packet") {
		t.Error("the guide does not link to its onboarding packet")
	}
}

// A term whose id a guide heading already uses keeps the page's ids
// unique: the packet's glossary entries move to term-<id>. (The guide
// uses the term, so the packet prints it.)
func TestPrintPageIDClash(t *testing.T) {
	clash := maps.Clone(site)
	clash["glossary.toml"] = &fstest.MapFile{Data: []byte(`
[term.week-5]
name = "Reminder"
definition = "A note sent in week five; the docs guide sends one."
`)}
	out, err := renderAll(resolveSite(t, clash), themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	page := string(out["print/docs/index.html"])
	if !strings.Contains(page, `<dt id="term-week-5">`) {
		t.Errorf("a clashing term keeps its id on the print page")
	}
	doc := parse(t, "print/docs/index.html", out["print/docs/index.html"])
	seen := map[string]bool{}
	for _, el := range doc.all("") {
		if id := el.attr("id"); id != "" {
			if seen[id] {
				t.Errorf("id %q is used twice", id)
			}
			seen[id] = true
		}
	}
}

// The table of contents shows a heading's inline dates as the heading
// does, not as written.
func TestTOCFillsDateRefs(t *testing.T) {
	page := string(renderSite(t)["roles/docs/index.html"])
	want := `<a href="#once-code-freeze-is-past">Once Thursday 16 October 2025 (AoE) / Friday 17 October 2025, 12:00 UTC is past</a>`
	if !strings.Contains(page, want) {
		t.Errorf("roles/docs/index.html lacks the TOC entry %s", want)
	}
	if strings.Contains(page, "{{code-freeze}}") {
		t.Error("roles/docs/index.html shows {{code-freeze}} as written")
	}
}

type searchIndex struct {
	Entries []struct{ Title, URL, Kind, Text string }
}

func TestSearchJSON(t *testing.T) {
	out := renderSite(t)
	if !bytes.Equal(out["search.json"], renderSite(t)["search.json"]) {
		t.Error("two renders give different search.json")
	}
	var idx searchIndex
	if err := json.Unmarshal(out["search.json"], &idx); err != nil {
		t.Fatal(err)
	}
	docs := pages(t, out)
	kinds := map[string]int{}
	for _, e := range idx.Entries {
		kinds[e.Kind]++
		if e.Title == "" {
			t.Errorf("entry without a title: %+v", e)
		}
		u, err := url.Parse(e.URL)
		if err != nil || u.Scheme != "" || strings.HasPrefix(e.URL, "/") {
			t.Errorf("%q: want a URL relative to the site root", e.URL)
			continue
		}
		target := path.Join(u.Path, "index.html")
		doc := docs[target]
		if doc == nil {
			t.Errorf("%q: %s is not in the output", e.URL, target)
			continue
		}
		if u.Fragment != "" && doc.byID(u.Fragment) == nil {
			t.Errorf("%q: %s has no id %q", e.URL, target, u.Fragment)
		}
	}
	for _, k := range []string{"page", "release", "milestone", "role", "heading", "task", "term"} {
		if kinds[k] == 0 {
			t.Errorf("search.json has no %s entries", k)
		}
	}
	for _, want := range []string{
		`"url": "releases/v1.0/#code-freeze"`,
		`"kind": "milestone"`,
		`"url": "glossary/#ffe"`,
		`"text": "Feature Freeze Exception (also: feature freeze exception): A request to merge a feature after the freeze, see the schedule."`,
		`"url": "releases/v1.0/docs/#v1.0-docs-code-freeze-freeze-the-docs-branch"`,
		`"text": "Docs, due Thursday 16 October 2025"`,
		// A heading's inline date, as the guide shows it for the current release.
		`"title": "Once Thursday 16 October 2025 (AoE) / Friday 17 October 2025, 12:00 UTC is past"`,
	} {
		if !bytes.Contains(out["search.json"], []byte(want)) {
			t.Errorf("search.json lacks %s", want)
		}
	}
	// The box that reads it is on every page, labelled.
	for name, doc := range docs {
		if name == "404.html" {
			continue
		}
		form := doc.byID("search-input")
		if form == nil || len(doc.all("label")) == 0 {
			t.Errorf("%s has no labelled search box", name)
		}
	}
}

func TestSitemap(t *testing.T) {
	out := renderSite(t)
	var sm struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(out["sitemap.xml"], &sm); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	var got, want []string
	for _, u := range sm.URLs {
		got = append(got, u.Loc)
		if u.LastMod != "" {
			t.Errorf("%s has a lastmod nobody gave", u.Loc)
		}
	}
	for name := range out {
		if strings.HasSuffix(name, ".html") && name != "404.html" {
			want = append(want, baseURL+strings.TrimSuffix(name, "index.html"))
		}
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("sitemap:\n got %q\nwant %q (every HTML page, absolute, sorted)", got, want)
	}
}

func TestNotFound(t *testing.T) {
	out := renderSite(t)
	doc := parse(t, "404.html", out["404.html"])
	for _, el := range doc.all("") {
		for _, attr := range []string{"href", "src"} {
			if ref, ok := el.attrOK(attr); ok && !strings.HasPrefix(ref, baseURL) && !strings.HasPrefix(ref, "#") {
				t.Errorf("404.html: %s=%q: a page served at any depth needs absolute links", attr, ref)
			}
		}
	}
	if len(doc.all("style")) != 1 || len(doc.all("script")) != 0 {
		t.Error("404.html should carry its stylesheet inline and need no script")
	}
	if n := len(doc.all("h1")); n != 1 {
		t.Errorf("404.html has %d h1", n)
	}
}

func TestChart(t *testing.T) {
	out := renderSite(t)
	doc := parse(t, "releases/v1.0/index.html", out["releases/v1.0/index.html"])
	svgs := doc.all("svg")
	if len(svgs) != 1 {
		t.Fatalf("release page has %d <svg>, want the timeline chart", len(svgs))
	}
	svg := svgs[0]
	if svg.attr("role") != "img" || !strings.HasPrefix(svg.attr("viewBox"), "0 0 ") {
		t.Errorf("chart: role=%q viewBox=%q", svg.attr("role"), svg.attr("viewBox"))
	}
	for _, id := range strings.Fields(svg.attr("aria-labelledby")) {
		if el := svg.byID(id); el == nil || el.text() == "" {
			t.Errorf("chart: aria-labelledby names %q, which is not a non-empty element of the chart", id)
		}
	}
	if titles := svg.childElements("title"); len(titles) != 1 || !strings.Contains(titles[0].text(), "Timeline of Test v1.0") {
		t.Errorf("chart has no <title>")
	}
	var texts []string
	for _, el := range svg.all("text") {
		texts = append(texts, el.text())
	}
	all := strings.Join(texts, "|")
	for _, want := range []string{"Burndown", "Released", "Today", "W1"} {
		if !strings.Contains(all, want) {
			t.Errorf("chart labels %q lack %q", all, want)
		}
	}
	page := string(out["releases/v1.0/index.html"])
	if strings.Contains(page, `fill="#`) || strings.Contains(page, `stroke="#`) {
		t.Error("the chart sets colours itself; the stylesheet should, for dark mode")
	}
	if !strings.Contains(page, `href="#timeline-table"`) || doc.byID("timeline-table") == nil {
		t.Error("the chart does not point at the timeline table, its text alternative")
	}
}

func TestNavigation(t *testing.T) {
	out := renderSite(t)
	docs := pages(t, out)
	for name, wantCrumbs := range map[string]string{
		"releases/v1.0/index.html":             "Home Releases Test v1.0",
		"releases/v1.0/docs/index.html":        "Home Releases Test v1.0 <script>alert('name')</script> Docs checklist",
		"releases/v1.0/docs/agenda/index.html": "Home Releases Test v1.0 <script>alert('name')</script> Docs checklist Agenda",
		"roles/docs/index.html":                "Home Roles Docs",
		"glossary/index.html":                  "Home Glossary",
		"about/index.html":                     "Home About",
		"print/docs/index.html":                "Home Roles Docs Onboarding packet",
	} {
		var crumbs *node
		for _, nav := range docs[name].all("nav") {
			if nav.attr("aria-label") == "Breadcrumb" {
				crumbs = nav
			}
		}
		if crumbs == nil {
			t.Errorf("%s has no breadcrumbs", name)
			continue
		}
		if got := crumbs.text(); !strings.HasPrefix(got, wantCrumbs) {
			t.Errorf("%s breadcrumbs %q, want %q", name, got, wantCrumbs)
		}
	}
	// The top bar names the current release and the Releases page, not
	// every release.
	index := string(out["index.html"])
	header := index[:strings.Index(index, "</header>")]
	if !strings.Contains(header, `href="releases/v1.0/"`) || strings.Contains(header, `href="releases/v2.0/"`) || !strings.Contains(header, `href="releases/"`) {
		t.Errorf("top bar: want the current release and the Releases page only:\n%s", header)
	}
	rel := string(out["releases/v2.0/index.html"])
	if !strings.Contains(rel, `<li><a href="../../releases/" aria-current="true">Releases</a></li>`) {
		t.Errorf("on another release's page, Releases is not the current section")
	}
}

func TestMeta(t *testing.T) {
	out := renderSite(t)
	for name, b := range out {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		doc := parse(t, name, b)
		meta := map[string]string{}
		for _, m := range doc.all("meta") {
			meta[m.attr("name")+m.attr("property")] = m.attr("content")
		}
		if meta["description"] == "" {
			t.Errorf("%s: no meta description", name)
		}
		if name != "404.html" && meta["og:url"] != baseURL+strings.TrimSuffix(name, "index.html") {
			t.Errorf("%s: og:url %q", name, meta["og:url"])
		}
	}
	doc := parse(t, "v1.0", out["releases/v1.0/index.html"])
	for _, m := range doc.all("meta") {
		if m.attr("property") == "og:description" && !strings.Contains(m.attr("content"), "Next key date: Code freeze") {
			t.Errorf("og:description %q does not name the next key date", m.attr("content"))
		}
	}
	for _, name := range []string{"releases/v1.0/index.html", "roles/docs/index.html", "about/index.html"} {
		if !strings.Contains(string(out[name]), `href="https://git.example.org/edit/`) {
			t.Errorf("%s has no edit link", name)
		}
	}
}

func TestDashboardWeek(t *testing.T) {
	page := string(renderSite(t)["index.html"])
	for _, want := range []string{
		// The countdown: code freeze is on 16 October, today is 1 October.
		`<strong class="countdown-text">in 15 days</strong>`,
		`data-at="2025-10-17T12:00:00Z"`,
		// Due this week (Monday 29 September – Sunday 5 October).
		`<h2 id="due-week">Due this week</h2>`,
		`<a href="releases/v1.0/docs/">Docs</a>`,
		`href="releases/v1.0/docs/agenda/#due-2025-10-03"`,
		// A task's date reference is the date, as on its checklist.
		`Check the list of open FFE requests before Thursday 16 October 2025 (AoE) / Friday 17 October 2025, 12:00 UTC`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("dashboard lacks %s", want)
		}
	}
}

// TestUniqueIDs: an id used twice on a page is one a link cannot reach,
// and a checkbox id used twice shares its remembered tick.
func TestUniqueIDs(t *testing.T) {
	for name, doc := range pages(t, renderSite(t)) {
		seen := map[string]bool{}
		for _, el := range doc.all("") {
			if id := el.attr("id"); id != "" {
				if seen[id] {
					t.Errorf("%s: id %q is used twice", name, id)
				}
				seen[id] = true
			}
		}
	}
}
