package markdown

import (
	"strings"
	"testing"
)

// TestTaskMarkdown checks that a task's text written back as markdown
// keeps its inline markup, fills in date references as escaped text,
// rewrites link destinations, and stays on one line whatever the author
// wrote across lines.
func TestTaskMarkdown(t *testing.T) {
	opts := TextOptions{
		DateRef: func(expr string) (string, bool) {
			if expr == "freeze" {
				return "Fri 23 Oct *soon*", true
			}
			return "", false
		},
		Link: func(dest string) string {
			if strings.HasPrefix(dest, "https:") {
				return dest
			}
			return "https://example.org/roles/lead/" + dest
		},
	}
	for _, c := range []struct{ src, want string }{
		{"- [ ] Tag **RC1** with `git tag`", "Tag **RC1** with `git tag`"},
		{"- [ ] Send _the_ mail by {{freeze}}", "Send _the_ mail by Fri 23 Oct \\*soon\\*"},
		{"- [ ] Unknown {{nope}} stays", "Unknown {{nope}} stays"},
		{"- [ ] See [notes](notes.md \"The notes\") and <https://x.org/a>", "See [notes](https://example.org/roles/lead/notes.md \"The notes\") and <https://x.org/a>"},
		{"- [ ] A line\n  - [ ] not this step", "A line"},
		{"- [ ] first line\n  # not a heading\n", "first line"},
		{"- [ ] joined\n  1. no list", "joined"},
		{"- [ ] hard  \n  break\\\n  twice", "hard break twice"},
		{"- [ ] code `` a`b `` kept", "code ``a`b`` kept"},
		{"- [ ] escaped \\*star\\* and 1\\. kept", "escaped \\*star\\* and 1\\. kept"},
		{"- [ ] ~~gone~~ and ![logo](img/logo.png)", "~~gone~~ and ![logo](https://example.org/roles/lead/img/logo.png)"},
		{"- [ ] a [link](<has space.md>)", "a [link](<https://example.org/roles/lead/has space.md>)"},
	} {
		doc := New(Options{}).Parse(c.src)
		if len(doc.Tasks) == 0 {
			t.Errorf("%q: no task", c.src)
			continue
		}
		if got := doc.Tasks[0].Markdown(opts); got != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.src, got, c.want)
		}
	}
}

func TestEscapeText(t *testing.T) {
	for in, want := range map[string]string{
		"plain words":           "plain words",
		"- not an item":         "\\- not an item",
		"a *b* [c](d) <e> #1 |": "a \\*b\\* \\[c\\](d) \\<e\\> \\#1 \\|",
		"two\nlines":            "two lines",
		"R&D `x` ~y~ a_b \\":    "R\\&D \\`x\\` \\~y\\~ a\\_b \\\\",
	} {
		if got := EscapeText(in); got != want {
			t.Errorf("EscapeText(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzTaskMarkdown checks that whatever a task's text holds, written back
// as markdown it is one line that reads back as one task with the same
// text: no newline, list item or heading can come out of it.
func FuzzTaskMarkdown(f *testing.F) {
	for _, s := range []string{
		"a *b* _c_ `d` [e](f) <g@h.org>",
		"line\n  # heading\n  > quote",
		"a  \n  b\\\n  c",
		"_a_*b* ***c*** __d__ ~e~ ~~f~~",
		"x <br> &amp; &#10; {{ref}}",
		"one\n   2. two",
	} {
		f.Add(s)
	}
	md := New(Options{})
	f.Fuzz(func(t *testing.T, text string) {
		// The task as a guide has it, its text after the checkbox.
		src := "- [ ] " + text
		doc := md.Parse(src)
		if len(doc.Tasks) == 0 {
			return
		}
		task := doc.Tasks[0]
		// Every date reference is filled in, with text that looks like
		// markup.
		ref := func(string) (string, bool) { return "*Fri* #1 [x]", true }
		out := task.Markdown(TextOptions{DateRef: ref})
		if strings.ContainsAny(out, "\r\n") {
			t.Fatalf("%q: more than one line: %q", src, out)
		}
		back := md.Parse("- [ ] " + out)
		if len(back.Tasks) != 1 || len(back.Headings) != 0 || len(back.Tasks[0].Steps) != 0 {
			t.Fatalf("%q: written as %q reads back as %d tasks, %d headings", src, out, len(back.Tasks), len(back.Headings))
		}
		// Raw HTML is written as text, so only text without it reads
		// back the same. A literal tilde written against a strikethrough
		// ("~~~a~~") may read back as part of it: known, and left alone.
		// The typographer may curl a quote differently in the new context.
		quotes := strings.NewReplacer("“", `"`, "”", `"`, "‘", "'", "’", "'")
		if !strings.ContainsAny(src, "<~") && quotes.Replace(back.Tasks[0].Text) != quotes.Replace(task.TextFor(ref)) {
			t.Fatalf("%q: written as %q reads back as %q, want %q", src, out, back.Tasks[0].Text, task.TextFor(ref))
		}
	})
}
