package markdown

import (
	"slices"
	"testing"
)

// TestHeadingIDsFollowGitHub checks heading ids against the ids GitHub
// gives the same headings, so that a "#fragment" written for a document
// on GitHub finds its heading here.
func TestHeadingIDsFollowGitHub(t *testing.T) {
	src := `# Release Team Lead Handbook
## Code freeze
## Code freeze
## Code freeze
## Week 1 -- kick-off
## What's new? (v1.35)
## Use **bold** and [a link](https://example.org/x) and ` + "`code_span`" + `
## snake_case_name
## Überprüfung der Änderungen
## Pre-release: rc.1 / rc.2
## Own id {#own}
## Own
## !!!
## Cherry–pick — done
## Trailing hashes ##
Setext heading
--------------
`
	doc := New(Options{}).Parse(src)
	var got []string
	for _, h := range doc.Headings {
		got = append(got, h.ID)
	}
	want := []string{
		"release-team-lead-handbook",
		"code-freeze",
		"code-freeze-1",
		"code-freeze-2",
		"week-1----kick-off",
		"whats-new-v135",
		"use-bold-and-a-link-and-code_span",
		"snake_case_name",
		"überprüfung-der-änderungen",
		"pre-release-rc1--rc2",
		"own",
		"own-1",
		"heading",
		"cherrypick--done",
		"trailing-hashes",
		"setext-heading",
	}
	if !slices.Equal(got, want) {
		t.Errorf("heading ids\n got %q\nwant %q", got, want)
	}
}

func TestGitHubSlug(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Release Notes", "release-notes"},
		{"  two  spaces  ", "--two--spaces--"},
		{"v1.35 RC.1", "v135-rc1"},
		{"under_score", "under_score"},
		{"emoji 🚀 rocket", "emoji--rocket"},
		{"日本語", "日本語"},
		{"A&B", "ab"},
	} {
		if got := GitHubSlug(c.text); got != c.want {
			t.Errorf("GitHubSlug(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestDroppedHTMLWarned checks that raw HTML left out while raw HTML is
// off is warned where it is written, and that comments are not.
func TestDroppedHTMLWarned(t *testing.T) {
	src := "Replace <Project Name> with yours.\n\n<!-- a note -->\n\n<table>\n<tr><td>x</td></tr>\n</table>\n\n`<code>` and \\<escaped>\n"
	doc := New(Options{}).Parse(src)
	var got []string
	for _, w := range doc.Warnings {
		got = append(got, w.String()+" ["+string(w.Code)+"]")
	}
	want := []string{
		`1:9: raw HTML "<Project Name>" is left out of the page: raw HTML is off (unsafe_html); to show the text, write it in backticks or escape the < as \< [raw-html-dropped]`,
		`5:1: an HTML block "<table>" is left out of the page: raw HTML is off (unsafe_html); to show the text, write it in backticks or escape the < as \< [raw-html-dropped]`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings\n got %q\nwant %q", got, want)
	}
	if w := New(Options{UnsafeHTML: true}).Parse(src).Warnings; len(w) != 0 {
		t.Errorf("with raw HTML on, warnings %v", w)
	}
}

// TestRawHTMLLinksRebased checks that with raw HTML on, the href of an
// <a> and the src of an <img> written in raw HTML go through Rebase and
// RebaseImage as markdown links do, and are written as they stand
// without them.
func TestRawHTMLLinksRebased(t *testing.T) {
	src := "Inline <a href=\"../x/?a=1&amp;b=2\" title=\"t\">x</a> and <IMG alt=y SRC='pics/a.png'>.\n\n" +
		"<div>\n<a class=\"c\" href=../y/>y</a><!-- <a href=\"gone/\"> -->\n<img src=\"pics/b.png\">\n</div>\n"
	m := New(Options{UnsafeHTML: true})
	plain, err := m.RenderString(src, nil)
	if err != nil {
		t.Fatal(err)
	}
	goldmarkWrites := "<p>Inline <a href=\"../x/?a=1&amp;b=2\" title=\"t\">x</a> and <IMG alt=y SRC='pics/a.png'>.</p>\n" +
		"<div>\n<a class=\"c\" href=../y/>y</a><!-- <a href=\"gone/\"> -->\n<img src=\"pics/b.png\">\n</div>\n"
	if string(plain) != goldmarkWrites {
		t.Errorf("without Rebase\n got %q\nwant %q", plain, goldmarkWrites)
	}
	var seen []string
	ctx := &Context{
		Rebase:      func(dest string) string { seen = append(seen, dest); return "L:" + dest },
		RebaseImage: func(dest string) string { seen = append(seen, dest); return "I:" + dest },
	}
	got, err := m.RenderString(src, ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := "<p>Inline <a href=\"L:../x/?a=1&amp;b=2\" title=\"t\">x</a> and <IMG alt=y SRC='I:pics/a.png'>.</p>\n" +
		"<div>\n<a class=\"c\" href=L:../y/>y</a><!-- <a href=\"gone/\"> -->\n<img src=\"I:pics/b.png\">\n</div>\n"
	if string(got) != want {
		t.Errorf("with Rebase\n got %q\nwant %q", got, want)
	}
	if !slices.Equal(seen, []string{"../x/?a=1&b=2", "pics/a.png", "../y/", "pics/b.png"}) {
		t.Errorf("rebased %q", seen)
	}
}
