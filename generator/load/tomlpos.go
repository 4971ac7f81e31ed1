package load

import (
	"strconv"
	"strings"
)

// keyPositions maps TOML key paths to where they were written. BurntSushi's
// decoder reports positions only for syntax errors, yet every semantic
// message ("unknown key", "not a date") must point at a line and column, so
// relbook scans each file once more, after it has parsed, and records where
// every key and every value begins.
//
// Paths join their parts with pathSep; array elements are their index in
// decimal ("was" + pathSep + "0").
type keyPositions struct {
	keys   map[string]position
	values map[string]position
}

// position is where something begins: its line and column (from 1, in
// bytes), and its byte offset in the document.
type position struct{ line, col, off int }

const pathSep = "\x1f"

func joinPath(parts ...string) string { return strings.Join(parts, pathSep) }

// scanPositions indexes a TOML document that BurntSushi has already
// accepted. It never fails and always advances, so odd input only costs
// precision, never a hang.
func scanPositions(src string) keyPositions {
	s := &posScanner{src: src, line: 1, col: 1, kp: keyPositions{map[string]position{}, map[string]position{}}}
	s.document()
	return s.kp
}

type posScanner struct {
	src       string
	i         int
	line, col int
	kp        keyPositions
	arrayIdx  map[string]int // next index of each [[array]] table
	tablePath []string
}

func (s *posScanner) eof() bool  { return s.i >= len(s.src) }
func (s *posScanner) peek() byte { return s.src[s.i] }

func (s *posScanner) advance() {
	if s.src[s.i] == '\n' {
		s.line, s.col = s.line+1, 1
	} else {
		s.col++
	}
	s.i++
}

func (s *posScanner) pos() position { return position{s.line, s.col, s.i} }

func (s *posScanner) has(prefix string) bool { return strings.HasPrefix(s.src[s.i:], prefix) }

// skipSpace skips blanks and comments; with newlines, line breaks too.
func (s *posScanner) skipSpace(newlines bool) {
	for !s.eof() {
		switch c := s.peek(); {
		case c == ' ' || c == '\t' || c == '\r' || newlines && c == '\n':
			s.advance()
		case c == '#':
			for !s.eof() && s.peek() != '\n' {
				s.advance()
			}
		default:
			return
		}
	}
}

func (s *posScanner) document() {
	s.arrayIdx = map[string]int{}
	for !s.eof() {
		s.skipSpace(true)
		if s.eof() {
			return
		}
		start := s.i
		if s.peek() == '[' {
			s.header()
		} else {
			s.keyValue(s.tablePath)
		}
		if s.i == start {
			s.advance()
		}
	}
}

func (s *posScanner) header() {
	at := s.pos()
	array := s.has("[[")
	s.advance()
	if array {
		s.advance()
	}
	s.skipSpace(false)
	parts := s.key()
	for !s.eof() && s.peek() != '\n' {
		s.advance()
	}
	if array {
		p := joinPath(parts...)
		n := s.arrayIdx[p]
		s.arrayIdx[p] = n + 1
		parts = append(parts, strconv.Itoa(n))
	}
	s.tablePath = parts
	// [milestone.code-freeze] also writes the table "milestone"; its first
	// header is where that table was written.
	for n := 1; n <= len(parts); n++ {
		if _, seen := s.kp.keys[joinPath(parts[:n]...)]; !seen || n == len(parts) {
			s.kp.keys[joinPath(parts[:n]...)] = at
		}
	}
}

// keyValue reads "key = value" under the table path.
func (s *posScanner) keyValue(table []string) {
	at := s.pos()
	parts := s.key()
	if len(parts) == 0 {
		return
	}
	path := append(append([]string{}, table...), parts...)
	// A dotted key (milestone.rc1.date = ...) also writes its tables.
	for n := len(table) + 1; n < len(path); n++ {
		if _, seen := s.kp.keys[joinPath(path[:n]...)]; !seen {
			s.kp.keys[joinPath(path[:n]...)] = at
		}
	}
	s.kp.keys[joinPath(path...)] = at
	s.skipSpace(false)
	if !s.eof() && s.peek() == '=' {
		s.advance()
	}
	s.skipSpace(false)
	s.value(path)
}

// key reads a dotted key of bare and quoted parts.
func (s *posScanner) key() []string {
	var parts []string
	for !s.eof() {
		s.skipSpace(false)
		if s.eof() {
			break
		}
		switch c := s.peek(); {
		case c == '"' || c == '\'':
			parts = append(parts, s.quoted(c))
		case isBare(c):
			start := s.i
			for !s.eof() && isBare(s.peek()) {
				s.advance()
			}
			parts = append(parts, s.src[start:s.i])
		default:
			return parts
		}
		s.skipSpace(false)
		if s.eof() || s.peek() != '.' {
			return parts
		}
		s.advance()
	}
	return parts
}

func isBare(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// quoted reads a one-line quoted key or string and returns its text with
// the simple escapes undone (enough to match keys; values are decoded by
// BurntSushi).
func (s *posScanner) quoted(q byte) string {
	s.advance()
	var b strings.Builder
	for !s.eof() && s.peek() != q && s.peek() != '\n' {
		if q == '"' && s.peek() == '\\' {
			s.advance()
			if s.eof() {
				break
			}
		}
		b.WriteByte(s.peek())
		s.advance()
	}
	if !s.eof() && s.peek() == q {
		s.advance()
	}
	return b.String()
}

func (s *posScanner) value(path []string) {
	if s.eof() {
		return
	}
	s.kp.values[joinPath(path...)] = s.pos()
	switch {
	case s.has(`"""`) || s.has(`'''`):
		delim := s.src[s.i : s.i+3]
		for range 3 {
			s.advance()
		}
		for !s.eof() && !s.has(delim) {
			if delim == `"""` && s.peek() == '\\' {
				s.advance()
				if s.eof() {
					return
				}
			}
			s.advance()
		}
		for !s.eof() && (s.has(delim) || s.peek() == delim[0]) {
			s.advance() // the closing delimiter, and up to two quotes before it
		}
	case s.peek() == '"' || s.peek() == '\'':
		s.quoted(s.peek())
	case s.peek() == '[':
		s.advance()
		for n := 0; ; n++ {
			s.skipSpace(true)
			if s.eof() || s.peek() == ']' {
				break
			}
			start := s.i
			s.value(append(path, strconv.Itoa(n)))
			s.skipSpace(true)
			if !s.eof() && s.peek() == ',' {
				s.advance()
			}
			if s.i == start {
				s.advance()
			}
		}
		if !s.eof() {
			s.advance()
		}
	case s.peek() == '{':
		s.advance()
		for {
			s.skipSpace(true)
			if s.eof() || s.peek() == '}' {
				break
			}
			start := s.i
			s.keyValue(path)
			s.skipSpace(true)
			if !s.eof() && s.peek() == ',' {
				s.advance()
			}
			if s.i == start {
				s.advance()
			}
		}
		if !s.eof() {
			s.advance()
		}
	default: // numbers, booleans, dates and times
		for !s.eof() && !strings.ContainsRune(",]}\n#", rune(s.peek())) {
			s.advance()
		}
	}
}
