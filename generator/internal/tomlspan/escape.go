package tomlspan

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Escape reads the escape sequence of a basic string that raw starts
// with: how many bytes it takes, and the text it stands for; 0 when it is
// not one. In a multi-line string (multiline set), a line-ending
// backslash is one too: it stands for nothing, and takes the white space
// and line breaks after it along.
func Escape(raw string, multiline bool) (n int, text string) {
	if len(raw) < 2 || raw[0] != '\\' {
		return 0, ""
	}
	if simple, ok := escapes[raw[1]]; ok {
		return 2, simple
	}
	digits := 0
	switch raw[1] {
	case 'x':
		digits = 2
	case 'u':
		digits = 4
	case 'U':
		digits = 8
	}
	if digits > 0 {
		if len(raw) < 2+digits {
			return 0, ""
		}
		r, err := strconv.ParseUint(raw[2:2+digits], 16, 32)
		if err != nil || !utf8.ValidRune(rune(r)) {
			return 0, ""
		}
		return 2 + digits, string(rune(r))
	}
	rest := strings.TrimLeft(raw[1:], " \t")
	if !multiline || !strings.HasPrefix(rest, "\n") && !strings.HasPrefix(rest, "\r\n") {
		return 0, ""
	}
	rest = strings.TrimLeft(rest, " \t\r\n")
	return len(raw) - len(rest), ""
}

// escapes are TOML's one-character escapes and what they stand for.
var escapes = map[byte]string{
	'b': "\b", 't': "\t", 'n': "\n", 'f': "\f", 'r': "\r", 'e': "\x1b", '"': `"`, '\\': `\`,
}
