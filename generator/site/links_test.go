package site

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relbook/relbook/generator/handbook"
)

// TestSourceURLLinks builds testdata/links: guides and a page that also
// live in a GitHub or GitLab repository (source_url), whose links to the
// repository's other files resolve there, and whose links to each other's
// source_url lead to each other's pages in the site.
func TestSourceURLLinks(t *testing.T) {
	today, _ := handbook.DateOf(2026, time.February, 10)
	res, diags, err := Generate(os.DirFS("testdata/links/site"), Options{Today: today})
	if err != nil || diags.HasErrors() {
		t.Fatalf("build failed: %v\n%s", err, diags)
	}
	const repo = "https://github.com/kubernetes/sig-release/"
	for page, links := range map[string][]string{
		"roles/docs/index.html": {
			// Another guide's source_url, with and without a fragment,
			// as a file, a folder and a /tree/ URL.
			`href="../../roles/enhancements/">enhancements handbook`,
			`href="../../roles/enhancements/#tracking">tracking section`,
			`href="../enhancements/">its folder`,
			`href="../../roles/enhancements/">Enhancements on GitHub`,
			// Root-absolute: the repository's root, never the site's.
			`href="` + repo + `blob/master/releases/release-1.35/README.md">timeline`,
			`href="` + repo + `blob/master/release-team/role-handbooks/docs/Release-Timeline.md#week-1">another file`,
			// What names a page of the site stays in the site.
			`href="../../glossary/">glossary`,
			`href="#week-1">this section`,
			// Images display from the raw file.
			`src="` + repo + `raw/master/release-team/role-handbooks/docs/pics/flow.png"`,
		},
		"releases/v1/docs/index.html": {
			`href="../../../roles/enhancements/#tracking">enhancements tracking`,
			`href="` + repo + `blob/master/.github/ISSUE_TEMPLATE/docs.md">docs issue`,
		},
		"print/docs/index.html": {
			`href="https://example.org/hb/roles/enhancements/#tracking">tracking section`,
			`href="` + repo + `blob/master/releases/release-1.35/README.md">timeline`,
			`href="#week-1">this section`,
		},
		"roles/enhancements/index.html": {
			`href="../../roles/docs/#week-1">docs handbook`,
		},
		"notes/index.html": {
			`href="https://gitlab.com/group/sub/project/-/blob/main/CONTRIBUTING.md">contributing`,
			`href="https://gitlab.com/group/sub/project/-/blob/main/doc/guide.md">the guide`,
			`src="https://gitlab.com/group/sub/project/-/raw/main/doc/img/chart.png"`,
			`href="../roles/docs/">docs lead`,
		},
	} {
		html := string(res.Files[page])
		if html == "" {
			t.Errorf("no page %s", page)
			continue
		}
		for _, l := range links {
			if !strings.Contains(html, l) {
				t.Errorf("%s: no %s", page, l)
			}
		}
	}
}

// TestGuideFolder builds the guide folder of testdata/links,
// roles/comms/: its README.md is the guide, its other markdown files are
// pages under the guide's address, its image is published beside them,
// and the links between them, written as they work in the folder, work
// on every page that shows them.
func TestGuideFolder(t *testing.T) {
	today, _ := time.Parse("2006-01-02", "2026-02-10")
	date, _ := handbook.DateOf(today.Year(), today.Month(), today.Day())
	res, diags, err := Generate(os.DirFS("testdata/links/site"), Options{Today: date})
	if err != nil || diags.HasErrors() {
		t.Fatalf("build failed: %v\n%s", err, diags)
	}
	if !strings.HasPrefix(string(res.Files["roles/comms/pics/flow.png"]), "\x89PNG\r\n\x1a\n") {
		t.Error("the guide folder's image is not published beside the guide")
	}
	if !strings.Contains(string(res.Files["search.json"]), `"url": "roles/comms/setup/#step-1"`) {
		t.Error("the search index has no heading of the guide folder's pages")
	}
	for name := range res.Files {
		if strings.Contains(name, ".hidden") || strings.HasSuffix(name, ".md") {
			t.Errorf("published %s", name)
		}
	}
	for page, links := range map[string][]string{
		"roles/comms/index.html": {
			`href="setup/">the setup`,
			`href="setup/#step-1">first step`,
			`href="timeline/">timeline`,
			`src="./pics/flow.png"`,
		},
		"roles/comms/setup/index.html": {
			`href="../../../roles/comms/">the guide`,
			`href="../../../roles/comms/#before-the-freeze">its tasks`,
			`href="../../../roles/comms/timeline/">timeline`,
			`src="../../../roles/comms/pics/flow.png"`,
			`href="#step-1">step 1`,
		},
		"roles/comms/timeline/index.html": {
			`href="../../../roles/comms/setup/">the setup`,
			`src="../pics/flow.png"`,
		},
		"releases/v1/comms/index.html": {
			`href="../../../roles/comms/setup/#step-1">the setup`,
			`href="../../../roles/comms/pics/flow.png">flow`,
		},
	} {
		html := string(res.Files[page])
		if html == "" {
			t.Errorf("no page %s", page)
			continue
		}
		for _, l := range links {
			if !strings.Contains(html, l) {
				t.Errorf("%s: no %s", page, l)
			}
		}
	}
}

// TestSourceURLRawHTML checks that with unsafe_html, the links and images
// of a guide written in raw HTML resolve against its source_url as its
// markdown links do, on its page and on its checklist.
func TestSourceURLRawHTML(t *testing.T) {
	site := fstest.MapFS{
		"handbook.toml":    {Data: []byte("title = \"T\"\nbase_url = \"https://example.org/\"\nunsafe_html = true\n")},
		"releases/v1.toml": {Data: []byte("name = \"1\"\nstart = 2026-02-02\n[milestone.release]\nname = \"1\"\ndate = 2026-03-20\n")},
		"roles/lead.md": {Data: []byte(`+++
source_url = "https://gitlab.com/g/r/-/blob/main/handbook/lead.md"
+++
<img src="pics/a.png" alt="a"> and <a href="/RELEASING.md">releasing</a>

## Release {when="release"}

- [ ] Read <a href="notes.md#x">the notes</a> and <a href="../../glossary/">x</a>
`)},
	}
	today, _ := handbook.DateOf(2026, time.February, 10)
	res, diags, err := Generate(site, Options{Today: today})
	if err != nil || diags.HasErrors() {
		t.Fatalf("build failed: %v\n%s", err, diags)
	}
	for page, links := range map[string][]string{
		"roles/lead/index.html": {
			`<img src="https://gitlab.com/g/r/-/raw/main/handbook/pics/a.png" alt="a">`,
			`<a href="https://gitlab.com/g/r/-/blob/main/RELEASING.md">releasing</a>`,
			`<a href="https://gitlab.com/g/r/-/blob/main/handbook/notes.md#x">the notes</a>`,
		},
		"releases/v1/lead/index.html": {
			`<a href="https://gitlab.com/g/r/-/blob/main/handbook/notes.md#x">the notes</a>`,
		},
	} {
		html := string(res.Files[page])
		for _, l := range links {
			if !strings.Contains(html, l) {
				t.Errorf("%s: no %s", page, l)
			}
		}
	}
}

// TestGuideFolderScriptableFiles: a guide folder takes pull requests from
// many people, so the files of it a browser runs script in (an HTML page,
// an SVG picture, a script) are left out with a warning unless the
// handbook trusts its markdown with raw HTML; a picture is published.
func TestGuideFolderScriptableFiles(t *testing.T) {
	today, _ := handbook.DateOf(2026, time.February, 10)
	for _, unsafe := range []bool{false, true} {
		settings := "title = \"T\"\nbase_url = \"https://example.org/\"\n"
		if unsafe {
			settings += "unsafe_html = true\n"
		}
		site := fstest.MapFS{
			"handbook.toml":          {Data: []byte(settings)},
			"roles/docs/README.md":   {Data: []byte("+++\ntitle = \"Docs\"\n+++\n\n## Week 1 {when=\"week 1\"}\n\n- [ ] Read ![the flow](flow.png)\n")},
			"roles/docs/flow.png":    {Data: []byte("\x89PNG")},
			"roles/docs/demo.html":   {Data: []byte("<script>alert(1)</script>")},
			"roles/docs/diagram.svg": {Data: []byte("<svg onload=\"alert(1)\"/>")},
			"roles/docs/tool.js":     {Data: []byte("alert(1)")},
			"releases/v1.toml":       {Data: []byte("name = \"V1\"\nstart = 2026-01-05\n\n[milestone.release]\ndate = 2026-03-04\n")},
		}
		res, diags, err := Generate(site, Options{Today: today})
		if err != nil || diags.HasErrors() {
			t.Fatalf("unsafe_html %v: %v %v", unsafe, err, diags.Errors())
		}
		if res.Files["roles/docs/flow.png"] == nil {
			t.Errorf("unsafe_html %v: the picture is not published", unsafe)
		}
		for _, name := range []string{"roles/docs/demo.html", "roles/docs/diagram.svg", "roles/docs/tool.js"} {
			_, published := res.Files[name]
			if published != unsafe {
				t.Errorf("unsafe_html %v: %s published %v", unsafe, name, published)
			}
			warned := strings.Contains(diags.Error(), name+":1:1: warning") && strings.Contains(diags.Error(), "[ignored-file]")
			if warned == unsafe {
				t.Errorf("unsafe_html %v: %s warned %v:\n%s", unsafe, name, warned, diags)
			}
		}
	}
}
