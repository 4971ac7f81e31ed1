package site

import (
	"os"
	"strings"
	"testing"
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
