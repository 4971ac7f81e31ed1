package render_test

import (
	"io/fs"
	"regexp"
	"testing"
	"testing/fstest"

	"github.com/relbook/relbook/themes"
)

// A release's summary is made once for the pages that link to it alike,
// but a checklist whose role owns a key date has its own: there, the
// owner's link is the page itself.
func TestChecklistSummaryLinks(t *testing.T) {
	guide := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\ntitle = \"" + title + "\"\n+++\n\n## Freeze {when=\"code-freeze\"}\n\n- [ ] Freeze\n")}
	}
	h := resolveSite(t, fstest.MapFS{
		"handbook.toml": {Data: []byte("title = \"H\"\nbase_url = \"https://example.org/h/\"\ntimezone = \"UTC\"\n")},
		"releases/v1.toml": {Data: []byte(`
name = "v1"
start = 2025-09-01
[milestone.code-freeze]
name = "Code freeze"
date = 2025-10-16
key = true
owner = ["docs"]
[milestone.release]
name = "Released"
date = 2025-11-05
kind = "release"
key = true
`)},
		"roles/docs.md":  guide("Docs"),
		"roles/notes.md": guide("Notes"),
	})
	theme := fstest.MapFS{"templates/checklist.html": {Data: []byte(
		`{{define "main"}}{{range .Release.KeyDates}}{{range .Owners}}<a class="owner" href="{{.URL}}">{{.Title}}</a>{{end}}{{end}}{{end}}`)}}
	err := fs.WalkDir(themes.Default(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || theme[name] != nil {
			return err
		}
		b, err := fs.ReadFile(themes.Default(), name)
		theme[name] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	owner := regexp.MustCompile(`<a class="owner" href="([^"]*)">Docs</a>`)
	// Pages are made in parallel: whichever checklist comes first, each
	// gets its own links.
	for range 20 {
		out, err := renderAll(h, theme)
		if err != nil {
			t.Fatal(err)
		}
		for page, want := range map[string]string{
			"releases/v1/docs/index.html":  "./",
			"releases/v1/notes/index.html": "../../../releases/v1/docs/",
		} {
			m := owner.FindSubmatch(out[page])
			if m == nil || string(m[1]) != want {
				t.Fatalf("%s: the key date's owner links to %q, want %q", page, m, want)
			}
		}
	}
}
