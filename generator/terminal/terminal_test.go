package terminal

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Code freeze", "Code freeze"},
		{"Café – Überblick, 日本語, emoji 🚀", "Café – Überblick, 日本語, emoji 🚀"},
		{`C:\path\to "quoted" 'x'`, `C:\path\to "quoted" 'x'`},
		{"RC1 \x1b]0;TITLE\a", `RC1 \x1b]0;TITLE\a`},
		{"\x1b[2J\x1b[1;1Hok", `\x1b[2J\x1b[1;1Hok`},
		{"tab\there\nnew line\r", `tab\there\nnew line\r`},
		{"nul\x00 del\x7f", `nul\x00 del\x7f`},
		{"c1 \u0085 \u009b31m", `c1 \u0085 \u009b31m`},
		{"bidi \u202eevil\u202c \u2066iso\u2069 \u2067\u2068 \u202a\u202b\u202d", `bidi \u202eevil\u202c \u2066iso\u2069 \u2067\u2068 \u202a\u202b\u202d`},
		{"line\u2028para\u2029end", `line\u2028para\u2029end`},
		{"raw csi \x9b31m, bad \xff\xfe", `raw csi \x9b31m, bad \xff\xfe`},
		{"", ""},
	} {
		if got := Escape(c.in); got != c.want {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// No output of Escape holds a control character, whatever the input.
func FuzzEscape(f *testing.F) {
	f.Add("RC1 \x1b]0;TITLE\a")
	f.Add("\u202e\xff\u2028")
	f.Fuzz(func(t *testing.T, s string) {
		out := Escape(s)
		if strings.ContainsFunc(out, needsEscape) || !utf8.ValidString(out) {
			t.Errorf("Escape(%q) = %q still holds a control character or invalid UTF-8", s, out)
		}
		if !strings.ContainsFunc(s, needsEscape) && utf8.ValidString(s) && out != s {
			t.Errorf("Escape(%q) = %q changed harmless text", s, out)
		}
	})
}

// BenchmarkEscape escapes a line of ordinary text, which comes back as it
// is, and one with a control character in every word, at 1, 4 and 16
// times a line's length.
func BenchmarkEscape(b *testing.B) {
	for _, kind := range []struct{ name, word string }{{"clean", "Code freeze – "}, {"hostile", "RC1 \x1b]0;T\a "}} {
		for _, n := range []int{1, 4, 16} {
			s := strings.Repeat(kind.word, 6*n)
			b.Run(fmt.Sprintf("%s/%dx", kind.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(s)))
				for b.Loop() {
					Escape(s)
				}
			})
		}
	}
}
