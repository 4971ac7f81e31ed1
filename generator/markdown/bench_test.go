package markdown

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// manyTerms is a glossary of n terms, most of two words, to measure
// linking against a realistic handbook glossary.
func manyTerms(n int) []Term {
	terms := append([]Term(nil), testGlossary...)
	for i := len(terms); i < n; i++ {
		terms = append(terms, Term{
			ID:      fmt.Sprintf("term-%d", i),
			Name:    fmt.Sprintf("Word%d freeze", i),
			Aliases: []string{fmt.Sprintf("release word%d", i), fmt.Sprintf("W%dX", i)},
		})
	}
	return terms
}

func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile("testdata/glossary.md")
	if err != nil {
		b.Fatal(err)
	}
	tasks, err := os.ReadFile("testdata/tasks.md")
	if err != nil {
		b.Fatal(err)
	}
	doc := strings.Repeat(string(src)+"\n"+string(tasks)+"\n", 10)
	for _, n := range []int{0, 400} {
		b.Run(fmt.Sprintf("terms=%d", n), func(b *testing.B) {
			m := New(Options{Glossary: manyTerms(n)})
			if n == 0 {
				m = New(Options{})
			}
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				m.Parse(doc)
			}
		})
	}
}

func BenchmarkRender(b *testing.B) {
	src, err := os.ReadFile("testdata/tasks.md")
	if err != nil {
		b.Fatal(err)
	}
	m := New(Options{Glossary: manyTerms(400)})
	doc := m.Parse(string(src))
	for b.Loop() {
		if _, err := doc.Render(testContext()); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzParse checks that no input makes Parse or Render panic, that
// every position Parse reports lies in the input, and that every task's
// parts make its text (checkParts).
func FuzzParse(f *testing.F) {
	for _, name := range []string{"tasks", "glossary", "headings", "daterefs", "safety", "dialect"} {
		src, err := os.ReadFile("testdata/" + name + ".md")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src))
	}
	f.Add("## x {when=\"\"}\n- [ ] {{a}}\n")
	f.Add("## W {when=\"week 1\"}\n- a\n  - b\n> [!NOTE]\n> - c\n\n<details>\n\n- d\n\n</details>\n### V {when=\"x\"}\n1. e\n")
	m := New(Options{Glossary: testGlossary})
	f.Fuzz(func(t *testing.T, src string) {
		doc := m.Parse(src)
		lines := strings.Count(src, "\n") + 1
		check := func(what string, line, col int) {
			if line < 1 || line > lines || col < 1 {
				t.Errorf("%s at %d:%d, outside the %d lines of %q", what, line, col, lines, src)
			}
		}
		for _, r := range doc.Refs {
			check("ref", r.Line, r.Col)
		}
		for _, p := range doc.Problems {
			check("problem", p.Line, p.Col)
		}
		var tasks func([]*Task)
		tasks = func(ts []*Task) {
			for _, task := range ts {
				if task.When != "" {
					check("when", task.WhenLine, task.WhenCol)
				}
				if _, _, err := task.Render(testContext()); err != nil {
					t.Error(err)
				}
				checkParts(t, task.Plain)
				tasks(task.Steps)
			}
		}
		tasks(doc.Tasks)
		for _, h := range doc.Headings {
			checkParts(t, h.Plain)
		}
		if _, err := doc.Render(testContext()); err != nil {
			t.Error(err)
		}
		// The plain text fills in every reference the page does.
		filled := 0
		plain := doc.Text(TextOptions{DateRef: func(string) (string, bool) { filled++; return "DATE", true }})
		if filled != len(doc.Refs) {
			t.Errorf("Text filled in %d references of %d in %q", filled, len(doc.Refs), src)
		}
		// It neither starts with a blank line nor ends in white space.
		first, _, _ := strings.Cut(plain, "\n")
		if plain != "" && strings.TrimSpace(first) == "" || strings.TrimRightFunc(plain, unicode.IsSpace) != plain ||
			utf8.ValidString(src) && !utf8.ValidString(plain) {
			t.Errorf("Text of %q is %q", src, plain)
		}
		// As a checklist shows it, with list items as tasks: every
		// section and every label it opens, it closes.
		lists := m.ParseWith(src, ParseOptions{ListTasks: true})
		ctx := testContext()
		ctx.TaskIDPrefix = "r-x-"
		ctx.Section = func(string) Section { return Section{Open: "<section>", Close: "</section>"} }
		out, err := lists.Render(ctx)
		if err != nil {
			t.Error(err)
		}
		html := string(out)
		if o, c := strings.Count(html, "<section>"), strings.Count(html, "</section>"); o != c {
			t.Errorf("%d sections opened, %d closed in %q", o, c, src)
		}
		if o, c := strings.Count(html, "<label for="), strings.Count(html, "</label>"); o != c {
			t.Errorf("%d labels opened, %d closed in %q", o, c, src)
		}
	})
}

// checkParts checks that a task's or a heading's parts make its Text,
// and make one line with any one-line text in place of its references:
// what lets a reader of the parts fill them in without writing the line
// again.
func checkParts(t *testing.T, text Plain) {
	t.Helper()
	var joined, filled strings.Builder
	for _, p := range text.Parts() {
		joined.WriteString(p.Text)
		if p.Ref != "" {
			filled.WriteString("Thursday 3 December, 12:00 UTC")
		} else {
			filled.WriteString(p.Text)
		}
	}
	if joined.String() != text.Text {
		t.Errorf("parts %q make %q, not Text %q", text.Parts(), joined.String(), text.Text)
	}
	if f := filled.String(); oneLine(f) != f {
		t.Errorf("parts %q filled in make %q, not one line", text.Parts(), f)
	}
	ref := func(string) (string, bool) { return "Thursday 3 December, 12:00 UTC", true }
	if got := text.TextFor(ref); got != filled.String() {
		t.Errorf("TextFor = %q, want %q", got, filled.String())
	}
}

// The benchmarks below feed Parse the inputs that once took it quadratic
// time, at three sizes each (1x, 4x, 16x): linear growth shows as ns/op
// growing about four times from one size to the next.

// BenchmarkParseLongTerm parses a paragraph of n words with a glossary
// term of n words that the paragraph almost uses, from every word on.
func BenchmarkParseLongTerm(b *testing.B) {
	for _, n := range []int{500, 2000, 8000} {
		b.Run(fmt.Sprintf("words=%d", n), func(b *testing.B) {
			name := strings.Repeat("lorem ", n-1) + "ipsum"
			m := New(Options{Glossary: []Term{{ID: "long", Name: name}}})
			doc := strings.Repeat("lorem ", n) + "\n"
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				m.Parse(doc)
			}
		})
	}
}

// BenchmarkParseHeadingAttributes parses a heading with n attributes.
func BenchmarkParseHeadingAttributes(b *testing.B) {
	for _, n := range []int{1000, 4000, 16000} {
		b.Run(fmt.Sprintf("attributes=%d", n), func(b *testing.B) {
			var doc strings.Builder
			doc.WriteString("## Heading {")
			for i := range n {
				fmt.Fprintf(&doc, " a%d=x", i)
			}
			doc.WriteString("}\n")
			m := New(Options{})
			b.SetBytes(int64(doc.Len()))
			for b.Loop() {
				m.Parse(doc.String())
			}
		})
	}
}

// BenchmarkParseFootnotes parses n footnotes, each referring to the next.
func BenchmarkParseFootnotes(b *testing.B) {
	for _, n := range []int{500, 2000, 8000} {
		b.Run(fmt.Sprintf("footnotes=%d", n), func(b *testing.B) {
			var doc strings.Builder
			doc.WriteString("Start[^1].\n\n")
			for i := 1; i <= n; i++ {
				fmt.Fprintf(&doc, "[^%d]: See[^%d].\n", i, i%n+1)
			}
			m := New(Options{})
			b.SetBytes(int64(doc.Len()))
			for b.Loop() {
				m.Parse(doc.String())
			}
		})
	}
}
