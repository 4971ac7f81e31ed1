package scaffold

import (
	"strconv"
	"strings"
)

// textDoc is a TOML document seen as text: where each table header, each
// key/value pair and each scalar value is written, as byte spans of the
// source. Decoders (BurntSushi/toml) throw that away; rewriting a file in
// place needs it, so that everything the rewrite does not touch — comments,
// blank lines, key order, quoting — stays byte for byte as the author wrote
// it.
//
// The scanner is meant for documents that a TOML parser has accepted. It
// never fails and always advances, so odd input costs precision, never a
// hang or a panic.
type textDoc struct {
	src     string
	headers []header
	keyvals []keyval
	scalars []scalar
}

// span is a half-open byte range [start, end) of the source.
type span struct{ start, end int }

// header is a table header: [milestone.code-freeze] or [[x.was]].
type header struct {
	keys  []string
	array bool
	span  // from '[' to just after the closing bracket
}

// keyval is one key = value pair.
type keyval struct {
	// keys is the full key path: the table's keys, then the dotted key.
	// Array elements and [[array]] tables add no part.
	keys  []string
	key   span
	value span
	// inline is true inside an inline table ({ date = ..., note = ... });
	// false for a pair written on its own line.
	inline bool
	// brace is where the '{' of the inline table the pair is in is
	// written: the pairs of one inline table share it.
	brace int
}

// scalarKind classifies a scalar value.
type scalarKind int

const (
	otherScalar scalarKind = iota // numbers, booleans, local times
	stringScalar
	dateScalar     // a TOML local date: 2026-10-05
	dateTimeScalar // a date-time that starts with a date: 2026-10-05T10:00:00Z
)

// scalar is one value that is not an array or inline table, with the key it
// belongs to (for an array element, the array's key).
type scalar struct {
	keys []string
	kind scalarKind
	span
}

// lastKey is the key a value is written under: "date" for
// milestone.code-freeze.was[0].date.
func lastKey(keys []string) string {
	if len(keys) == 0 {
		return ""
	}
	return keys[len(keys)-1]
}

func scanText(src string) *textDoc {
	s := &textScanner{src: src, doc: &textDoc{src: src}}
	s.document()
	return s.doc
}

type textScanner struct {
	src   string
	i     int
	table []string
	doc   *textDoc
}

func (s *textScanner) eof() bool              { return s.i >= len(s.src) }
func (s *textScanner) has(prefix string) bool { return strings.HasPrefix(s.src[s.i:], prefix) }

// skip passes blanks and comments, and line breaks too when newlines is set.
func (s *textScanner) skip(newlines bool) {
	for !s.eof() {
		switch c := s.src[s.i]; {
		case c == ' ' || c == '\t' || c == '\r' || newlines && c == '\n':
			s.i++
		case c == '#':
			for !s.eof() && s.src[s.i] != '\n' {
				s.i++
			}
		default:
			return
		}
	}
}

func (s *textScanner) document() {
	s.i = len(s.src) - len(strings.TrimPrefix(s.src, "\ufeff"))
	for {
		s.skip(true)
		if s.eof() {
			return
		}
		start := s.i
		if s.src[s.i] == '[' {
			s.header()
		} else {
			s.keyval(s.table, -1)
		}
		if s.i == start {
			s.i++ // not TOML; never stall
		}
	}
}

func (s *textScanner) header() {
	start := s.i
	array := s.has("[[")
	s.i++
	if array {
		s.i++
	}
	s.skip(false)
	keys := s.key()
	s.skip(false)
	for n := 0; n < 2 && !s.eof() && s.src[s.i] == ']'; n++ {
		s.i++
	}
	s.table = keys
	s.doc.headers = append(s.doc.headers, header{keys: keys, array: array, span: span{start, s.i}})
}

// key reads a dotted key of bare and quoted parts.
func (s *textScanner) key() []string {
	var parts []string
	for !s.eof() {
		s.skip(false)
		if s.eof() {
			break
		}
		switch c := s.src[s.i]; {
		case c == '"':
			start := s.i
			s.basicString()
			raw := s.src[start:s.i]
			if k, err := strconv.Unquote(raw); err == nil {
				parts = append(parts, k)
			} else {
				parts = append(parts, strings.Trim(raw, `"`))
			}
		case c == '\'':
			start := s.i
			s.literalString()
			parts = append(parts, strings.Trim(s.src[start:s.i], "'"))
		case isBare(c):
			start := s.i
			for !s.eof() && isBare(s.src[s.i]) {
				s.i++
			}
			parts = append(parts, s.src[start:s.i])
		default:
			return parts
		}
		s.skip(false)
		if s.eof() || s.src[s.i] != '.' {
			return parts
		}
		s.i++
	}
	return parts
}

func isBare(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// keyval reads key = value under the table path; brace is where the '{'
// of the inline table it is in is written, or -1 for a pair on its own
// line.
func (s *textScanner) keyval(table []string, brace int) {
	keyStart := s.i
	parts := s.key()
	if len(parts) == 0 {
		return
	}
	keyEnd := s.i
	keys := append(append([]string{}, table...), parts...)
	s.skip(false)
	if !s.eof() && s.src[s.i] == '=' {
		s.i++
	}
	s.skip(false)
	valueStart := s.i
	s.value(keys)
	s.doc.keyvals = append(s.doc.keyvals, keyval{
		keys:   keys,
		key:    span{keyStart, strings.LastIndexFunc(s.src[:keyEnd], func(r rune) bool { return r != ' ' && r != '\t' }) + 1},
		value:  span{valueStart, s.i},
		inline: brace >= 0,
		brace:  brace,
	})
}

func (s *textScanner) value(keys []string) {
	if s.eof() {
		return
	}
	start := s.i
	switch c := s.src[s.i]; {
	case s.has(`"""`):
		s.multiline(`"""`)
	case s.has(`'''`):
		s.multiline(`'''`)
	case c == '"':
		s.basicString()
	case c == '\'':
		s.literalString()
	case c == '[':
		s.i++
		for {
			s.skip(true)
			if s.eof() {
				return
			}
			if s.src[s.i] == ']' {
				s.i++
				return
			}
			at := s.i
			s.value(keys)
			s.skip(true)
			if !s.eof() && s.src[s.i] == ',' {
				s.i++
			}
			if s.i == at {
				s.i++
			}
		}
	case c == '{':
		brace := s.i
		s.i++
		for {
			s.skip(true)
			if s.eof() {
				return
			}
			if s.src[s.i] == '}' {
				s.i++
				return
			}
			at := s.i
			s.keyval(keys, brace)
			s.skip(true)
			if !s.eof() && s.src[s.i] == ',' {
				s.i++
			}
			if s.i == at {
				s.i++
			}
		}
	default:
		s.bare()
		kind := otherScalar
		switch tok := s.src[start:s.i]; {
		case isDateShaped(tok):
			kind = dateScalar
		case len(tok) > 10 && isDateShaped(tok[:10]):
			kind = dateTimeScalar
		}
		s.doc.scalars = append(s.doc.scalars, scalar{keys: keys, kind: kind, span: span{start, s.i}})
		return
	}
	s.doc.scalars = append(s.doc.scalars, scalar{keys: keys, kind: stringScalar, span: span{start, s.i}})
}

// bare reads a number, boolean, date, date-time or time. A date-time may
// separate its date and time with a space ("2026-10-05 10:00:00").
func (s *textScanner) bare() {
	start := s.i
	s.token()
	if s.i-start == 10 && isDateShaped(s.src[start:s.i]) && s.has(" ") &&
		len(s.src) > s.i+3 && isDigit(s.src[s.i+1]) && isDigit(s.src[s.i+2]) && s.src[s.i+3] == ':' {
		s.i++
		s.token()
	}
}

func (s *textScanner) token() {
	for !s.eof() && !strings.ContainsRune(" \t\r\n,]}#", rune(s.src[s.i])) {
		s.i++
	}
}

func (s *textScanner) basicString() {
	s.i++
	for !s.eof() {
		switch s.src[s.i] {
		case '\\':
			s.i += 2
			continue
		case '"':
			s.i++
			return
		case '\n':
			return
		}
		s.i++
	}
	s.i = min(s.i, len(s.src))
}

func (s *textScanner) literalString() {
	s.i++
	for !s.eof() {
		switch s.src[s.i] {
		case '\'':
			s.i++
			return
		case '\n':
			return
		}
		s.i++
	}
}

// multiline reads a multi-line string, between three double or three
// single quotes. Up to two quotes may stand right before the closing
// delimiter and belong to the text.
func (s *textScanner) multiline(delim string) {
	s.i += 3
	for !s.eof() {
		if delim == `"""` && s.src[s.i] == '\\' {
			s.i = min(s.i+2, len(s.src))
			continue
		}
		if s.has(delim) {
			s.i += 3
			for n := 0; n < 2 && !s.eof() && s.src[s.i] == delim[0]; n++ {
				s.i++
			}
			return
		}
		s.i++
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isDateShaped reports whether s is NNNN-NN-NN.
func isDateShaped(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i := range len(s) {
		if i != 4 && i != 7 && !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// stringContent returns the text between a string value's quotes as written
// (escapes not undone), and whether the raw text is also the string's value
// (no escapes to undo).
func stringContent(raw string) (content string, verbatim bool) {
	delim := 1
	if strings.HasPrefix(raw, `"""`) || strings.HasPrefix(raw, `'''`) {
		delim = 3
	}
	if len(raw) < 2*delim {
		return "", false
	}
	content = raw[delim : len(raw)-delim]
	return content, raw[0] == '\'' || !strings.Contains(content, `\`)
}
