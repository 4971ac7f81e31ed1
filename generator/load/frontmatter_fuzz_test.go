package load

import (
	"errors"
	"strings"
	"testing"
)

// FuzzSplitFrontMatter: whatever a markdown file holds, splitting it
// never panics; an error leaves the text whole and names a line; a
// success gives a body that is the end of the text, starting on the line
// it says, and a front matter that was fenced by +++ lines, holds none,
// and splits again, fenced anew, to itself and the same body.
func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{
		"+++\ntitle = \"Release Lead\"\norder = 1\n+++\n\nProse.\n",
		"+++\r\ntitle = \"CRLF\"\r\n+++\r\nBody\r\n",
		"+++ \t\ntitle = \"trailing blanks\"\n+++  \nBody",
		"+++\ntitle = \"no end\"\n",
		"+++\n+++\n",
		"+++\na\n+++",
		"---\ntitle: yaml\n---\nBody\n",
		"# No front matter\n\n+++\nnot front matter\n+++\n",
		"",
		"+++",
		"\n+++\n+++\n",
		"++++\nx\n++++\n",
		"+++\n\"\"\"\n+++\n\"\"\"\n+++\nbody\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		front, body, bodyLine, err := SplitFrontMatter(text)
		if err != nil {
			var ferr *FrontMatterError
			if !errors.As(err, &ferr) {
				t.Fatalf("error %T is not a *FrontMatterError", err)
			}
			if ferr.Line < 1 || ferr.Line > strings.Count(text, "\n")+1 {
				t.Fatalf("error at line %d of a text of %d lines", ferr.Line, strings.Count(text, "\n")+1)
			}
			if front != "" || body != text || bodyLine != 1 {
				t.Fatalf("on error: front %q, body %q, line %d; want the text whole", front, body, bodyLine)
			}
			return
		}
		if !strings.HasSuffix(text, body) {
			t.Fatalf("body %q is not the end of the text", body)
		}
		head := text[:len(text)-len(body)]
		if head == "" {
			if front != "" || bodyLine != 1 {
				t.Fatalf("no front matter, but front %q and body line %d", front, bodyLine)
			}
			return
		}
		first, _, _ := strings.Cut(text, "\n")
		if strings.TrimRight(first, " \t\r") != "+++" {
			t.Fatalf("front matter %q split off a text whose first line %q is no +++ fence", front, first)
		}
		if body != "" && bodyLine != strings.Count(head, "\n")+1 {
			t.Fatalf("body starts on line %d, but %d lines come before it", bodyLine, strings.Count(head, "\n"))
		}
		for _, l := range strings.Split(strings.TrimSuffix(front, "\n"), "\n") {
			if strings.TrimRight(l, " \t\r") == "+++" && front != "" {
				t.Fatalf("front matter %q holds a fence line", front)
			}
		}
		if front != "" && !strings.HasSuffix(front, "\n") {
			t.Fatalf("front matter %q does not end in a line break", front)
		}
		front2, body2, line2, err := SplitFrontMatter("+++\n" + front + "+++\n" + body)
		if err != nil || front2 != front || body2 != body || line2 != strings.Count(front, "\n")+3 {
			t.Fatalf("fenced anew, splits to %q, %q, line %d, %v; want %q, %q, line %d", front2, body2, line2, err, front, body, strings.Count(front, "\n")+3)
		}
	})
}
