package load

import (
	"strings"

	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/internal/tomlspan"
)

// TextPos returns where the byte at line:col of a string's text is
// written in its file: lines and columns from 1, columns in bytes, as
// the markdown package counts them in a description. It undoes what TOML
// reading did to the text — the quotes, a multi-line string's first
// newline, escapes, a line-ending backslash — so that a problem inside a
// long description points at its own line. It returns f.Pos when the
// value's text is unknown, or line:col is not in it.
func (f Field[T]) TextPos(line, col int) diag.Pos {
	if pos, ok := textPos(f.raw, f.Pos, line, col); ok {
		return pos
	}
	return f.Pos
}

// textPos walks the TOML string written at the start of raw, at pos,
// until the byte at line:col of its text.
func textPos(raw string, pos diag.Pos, line, col int) (diag.Pos, bool) {
	var delim string
	for _, d := range []string{`"""`, `'''`, `"`, `'`} {
		if strings.HasPrefix(raw, d) {
			delim = d
			break
		}
	}
	if delim == "" {
		return pos, false
	}
	basic, multiline := delim[0] == '"', len(delim) == 3
	i := 0
	// skip moves past n bytes of raw.
	skip := func(n int) {
		for ; n > 0 && i < len(raw); n-- {
			if raw[i] == '\n' {
				pos.Line, pos.Col = pos.Line+1, 1
			} else {
				pos.Col++
			}
			i++
		}
	}
	skip(len(delim))
	if multiline { // a newline right after the delimiter is not text
		if strings.HasPrefix(raw[i:], "\n") {
			skip(1)
		} else if strings.HasPrefix(raw[i:], "\r\n") {
			skip(2)
		}
	}
	textLine, textCol := 1, 1 // where in the text raw[i] is read to
	for i < len(raw) && !strings.HasPrefix(raw[i:], delim) && (multiline || raw[i] != '\n') {
		n, text := 1, raw[i:i+1]
		if basic && raw[i] == '\\' {
			n, text = tomlspan.Escape(raw[i:], multiline)
			if n == 0 {
				return pos, false
			}
		}
		if textLine == line && textCol <= col && col < textCol+len(text) {
			return pos, true
		}
		for _, c := range []byte(text) {
			if c == '\n' {
				textLine, textCol = textLine+1, 1
			} else {
				textCol++
			}
		}
		skip(n)
	}
	return pos, false
}
