// Package terminal makes text from a handbook safe to print in a terminal.
//
// Names, titles, task texts and file names come from the site folder,
// which anyone who sends a pull request can change. Written to a terminal
// as they are, control characters in them are commands to the terminal,
// not text: an escape sequence can set the window title, hide or rewrite
// what was printed before, or make a link; a bidirectional override makes
// the line read differently from what it holds. [Escape] turns such
// characters into visible escapes, so that what relbook prints is what
// the file says. Every place that prints text from the input to the
// terminal goes through it; JSON output needs nothing more, since
// encoding/json escapes control characters itself.
package terminal

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Escape returns s with every character that a terminal could take as a
// command written as a Go escape, as strconv.Quote writes it: the C0
// controls (\t, \n, \x1b, …), DEL (\x7f), the C1 controls (\u0085,
// \u009b, …), the bidirectional embeddings, overrides and isolates
// (U+202A–U+202E, U+2066–U+2069), the line and paragraph separators
// (U+2028, U+2029), and each byte that is not part of valid UTF-8 (\xff),
// which some terminals read as a C1 control. Everything else, backslashes
// and printable non-ASCII text included, is left as it is, so ordinary
// text prints unchanged; the result is for reading, not for unquoting.
func Escape(s string) string {
	if !strings.ContainsFunc(s, needsEscape) && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	var quoted [16]byte
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteByte(hexDigits[s[0]>>4])
			b.WriteByte(hexDigits[s[0]&0xf])
		case needsEscape(r):
			q := strconv.AppendQuoteRuneToASCII(quoted[:0], r)
			b.Write(q[1 : len(q)-1]) // without the quotes
		default:
			b.WriteString(s[:size])
		}
		s = s[size:]
	}
	return b.String()
}

const hexDigits = "0123456789abcdef"

// needsEscape reports whether r is one of the characters Escape escapes.
func needsEscape(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x2028, r == 0x2029:
		return true
	}
	return false
}
