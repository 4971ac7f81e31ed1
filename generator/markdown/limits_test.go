package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// attributes returns n attributes for a heading: an id, and classes.
func attributes(n int) string {
	attrs := []string{`#top when="week 1"`}
	for i := 1; i < n-1; i++ {
		attrs = append(attrs, fmt.Sprintf(".c%d", i))
	}
	return "{" + strings.Join(attrs, " ") + "}"
}

// TestHeadingAttributeLimit checks that a heading takes up to
// maxHeadingAttributes attributes, and that one with more is a problem at
// its first {, whether it is written with #s or underlined.
func TestHeadingAttributeLimit(t *testing.T) {
	m := New(Options{})
	doc := m.Parse("## Most " + attributes(maxHeadingAttributes) + "\n")
	if len(doc.Problems) != 0 || doc.Headings[0].ID != "top" || doc.Headings[0].When != "week 1" {
		t.Errorf("%d attributes: problems %v, heading %+v", maxHeadingAttributes, doc.Problems, doc.Headings[0])
	}

	tests := []struct {
		name, src string
		line, col int
	}{
		{"atx", "Intro\n\n## Too many " + attributes(maxHeadingAttributes+1) + "\n\n- [ ] A task\n", 3, 13},
		{"setext", "Intro\n\nToo many " + attributes(maxHeadingAttributes+1) + "\n---\n\n- [ ] A task\n", 3, 10},
		{"closing hashes", "# Too many " + attributes(maxHeadingAttributes+1) + " #\n", 1, 12},
	}
	for _, tt := range tests {
		doc := m.Parse(tt.src)
		want := []Problem{{tt.line, tt.col, tooManyAttributes}}
		if fmt.Sprint(doc.Problems) != fmt.Sprint(want) {
			t.Errorf("%s: problems %v, want %v", tt.name, doc.Problems, want)
		}
		// Its attributes were not read: not its id, nor its when.
		for _, h := range doc.Headings {
			if h.ID == "top" || h.When != "" {
				t.Errorf("%s: heading %+v has attributes", tt.name, h)
			}
		}
	}
}

// TestFootnoteLimit checks that a document takes up to maxFootnotes
// footnotes, and that the ones after are left out, with one problem at
// the first of them.
func TestFootnoteLimit(t *testing.T) {
	footnotes := func(n int) string {
		var b strings.Builder
		b.WriteString("See[^1] and[^last].\n\n")
		for i := 1; i < n; i++ {
			fmt.Fprintf(&b, "[^%d]: Note %d, see[^%d].\n", i, i, i+1)
		}
		fmt.Fprintf(&b, "[^last]: The last note.\n")
		return b.String()
	}
	m := New(Options{})
	doc := m.Parse(footnotes(maxFootnotes))
	out, err := doc.Render(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Problems) != 0 || !strings.Contains(string(out), "The last note.") {
		t.Errorf("%d footnotes: problems %v, last note shown %v", maxFootnotes, doc.Problems, strings.Contains(string(out), "The last note."))
	}

	doc = m.Parse(footnotes(maxFootnotes + 1))
	// The first definition is on line 3, the one past the limit on line
	// 3+maxFootnotes.
	want := fmt.Sprint([]Problem{{3 + maxFootnotes, 1, fmt.Sprintf(
		"more than %d footnotes: a page takes at most %d; this one and the ones after it are left out", maxFootnotes, maxFootnotes)}})
	if fmt.Sprint(doc.Problems) != want {
		t.Errorf("problems %v, want %v", doc.Problems, want)
	}
	out, err = doc.Render(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(string(out), `<li id="fn:`); got != maxFootnotes || strings.Contains(string(out), "The last note.") {
		t.Errorf("%d footnotes shown, want %d without the last:\n%s", got, maxFootnotes, out)
	}
}
