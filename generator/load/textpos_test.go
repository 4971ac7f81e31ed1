package load

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/schema"
)

// readString reads the string value of key a from a TOML document.
func readString(t *testing.T, src string) Field[string] {
	t.Helper()
	var diags diag.List
	f, m := readTOML("x.toml", []byte(src), schema.Handbook, &diags)
	if f == nil {
		t.Fatalf("%q: %v", src, diags.Errors())
	}
	return f.root(m).str("a")
}

func TestTextPos(t *testing.T) {
	tests := []struct {
		name, src string
		line, col int    // in the text
		want      string // line:col in the file
	}{
		{"basic", `a = "one {{x}}"`, 1, 5, "1:10"},
		{"after escapes", `a = "\u00e9\t\"\\ {{x}}"`, 1, 7, "1:19"},
		{"inside an escape", `a = "x\u00e9y"`, 1, 3, "1:7"},
		{"literal", `a = 'C:\dir {{x}}'`, 1, 8, "1:13"},
		{"multi-line, first newline dropped", "a = \"\"\"\nline one\nline {{x}}\n\"\"\"", 2, 6, "3:6"},
		{"multi-line on the first line", `a = """one {{x}}"""`, 1, 5, "1:12"},
		{"line-ending backslash", "a = \"\"\"\nfirst \\  \n\n   {{x}} joined\"\"\"", 1, 7, "4:4"},
		{"CRLF", "a = '''\r\none\r\n{{x}}'''\r\n", 2, 1, "3:1"},
		{"front of a multi-line literal", "b = 1\na = '''\n\\n {{x}}'''", 1, 4, "3:4"},
		{"past the end", `a = "short"`, 1, 9, "1:5"},
		{"past the last line", "a = \"\"\"\none\"\"\"", 2, 1, "1:5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := readString(t, tt.src)
			pos := f.TextPos(tt.line, tt.col)
			if got := strings.TrimPrefix(pos.String(), "x.toml:"); got != tt.want {
				t.Errorf("TextPos(%d, %d) of %q = %s, want %s", tt.line, tt.col, tt.src, got, tt.want)
			}
		})
	}
}

// FuzzTextPos: for any text, written the way BurntSushi's encoder writes
// it (escapes and all) and, where it can be, as a multi-line literal
// string, every byte of the text is found where it is written: at that
// very byte, or at the backslash of the escape that stands for it, and
// each after the one before.
func FuzzTextPos(f *testing.F) {
	f.Add("Café \"quoted\" {{code-freeze}}")
	f.Add("line one\nline two\ttabbed\n\u2028 and \x7f")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || strings.ContainsRune(text, 0) {
			return
		}
		var encoded bytes.Buffer
		if err := toml.NewEncoder(&encoded).Encode(map[string]string{"a": text}); err != nil {
			return
		}
		docs := []string{encoded.String()}
		if !strings.Contains(text, "'''") && !strings.HasSuffix(text, "'") && !strings.ContainsFunc(text, isControl) {
			docs = append(docs, "a = '''\n"+text+"'''\n")
		}
		for _, src := range docs {
			f := readString(t, src)
			if f.V != text {
				t.Fatalf("%q reads back as %q", src, f.V)
			}
			lines := lineStarts(src)
			line, col, last := 1, 1, -1
			for k := 0; k < len(text); k++ {
				pos := f.TextPos(line, col)
				at := lines[pos.Line-1] + pos.Col - 1
				if pos == f.Pos || at <= last && src[at] != '\\' || src[at] != text[k] && src[at] != '\\' {
					t.Fatalf("byte %d (%d:%d) of %q is at %d:%d of %q", k, line, col, text, pos.Line, pos.Col, src)
				}
				last = at
				if text[k] == '\n' {
					line, col = line+1, 1
				} else {
					col++
				}
			}
		}
	})
}

func isControl(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f }

// lineStarts are the offsets where the lines of src start.
func lineStarts(src string) []int {
	starts := []int{0}
	for i := range len(src) {
		if src[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}
