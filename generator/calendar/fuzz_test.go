package calendar

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzFold(f *testing.F) {
	f.Add("DESCRIPTION:" + strings.Repeat("Déploiement – 発表 – ✓ \\, ", 9))
	f.Add(strings.Repeat(`\`, 200))
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.NewReplacer("\r", "", "\n", "").Replace(s)
		in := s + "\r\n"
		out := string(fold([]byte(in)))
		if got := strings.ReplaceAll(out, "\r\n ", ""); got != in {
			t.Fatalf("unfolds to %q, want %q", got, in)
		}
		for _, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if len(l) > maxLine {
				t.Fatalf("line of %d octets", len(l))
			}
			if utf8.ValidString(s) && !utf8.ValidString(l) {
				t.Fatalf("line %q splits a character", l)
			}
		}
	})
}

func FuzzSlug(f *testing.F) {
	f.Add("code-freeze - 1w")
	f.Add("R+1 .. week -1")
	f.Fuzz(func(t *testing.T, expr string) {
		if s := slug(expr); strings.Trim(s, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" || strings.Contains(s, "--") {
			t.Fatalf("slug %q", s)
		}
	})
}

func FuzzLineEnd(f *testing.F) {
	f.Add([]byte("A:b\r\nC:d\r\n"))
	f.Add([]byte("\n\r\r\na\nb\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := lineEnd(data), bytes.Index(data, []byte("\r\n")); got != want {
			t.Fatalf("lineEnd(%q) = %d, want %d", data, got, want)
		}
	})
}

// FuzzFastPaths checks that cleanText and oneLine return text as it is
// only where their full work would not change it either: the work
// written out here the plain way, one character at a time.
func FuzzFastPaths(f *testing.F) {
	f.Add("Release Lead: tasks due (Beacon v1.0)")
	f.Add(" two  spaces\u00a0nbsp\u0085nel\r\n\x01\x7f\xff\uFFFD – ✓ ")
	f.Add("ls\u2028ps\u2029vt\vff\fcsi\u009bfs\x1crs\x1e\r\r\n\n")
	f.Fuzz(func(t *testing.T, s string) {
		s1 := strings.ReplaceAll(s, "\r\n", "\n")
		clean := strings.Map(func(r rune) rune {
			switch {
			case strings.ContainsRune(parserLineBreaks, r):
				return '\n'
			case r == '\t' || r >= 0x20 && r < 0x7f || r >= 0xa0:
				return r
			}
			return -1
		}, s1)
		if got := cleanText(s); got != clean {
			t.Fatalf("cleanText(%q) = %q, want %q", s, got, clean)
		}
		if got, want := oneLine(s), strings.Join(strings.Fields(clean), " "); got != want {
			t.Fatalf("oneLine(%q) = %q, want %q", s, got, want)
		}
	})
}
