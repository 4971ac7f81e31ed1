// Package tomlspan finds where the parts of a TOML document are written.
//
// relbook decodes TOML with BurntSushi/toml, whose MetaData names every key
// and its type but keeps no positions (v1.6 reports them for syntax errors
// only). Two stages need them: load, to report a misspelt key or a value of
// the wrong kind at its line and column, and scaffold, to rewrite a release
// file in place — moving its dates, dropping its slip history — while
// comments, blank lines, key order and quoting stay byte for byte as the
// author wrote them. Both read the same [Doc], made by one scan.
//
// [Scan] reads a document once and lists, as byte spans of the source:
//
//   - Headers: every [table] and [[array]] table header;
//   - Pairs: every key = value pair, on its own line or inside an inline
//     table, with the span of its key and of its value, and the '{' of
//     the inline table it is in;
//   - Values: every value — a pair's, and each element of an array — with
//     its kind (string, date, date-time, array, inline table, other).
//
// Each comes with two names. Its Path is the way to it in the decoded
// document: the table names and keys, and the index in decimal of each
// array element and [[array]] table on the way ("milestone", "rc1", "was",
// "0", "date"); a header [a.b] below the [[a]] tables goes to their last
// element, as TOML says. Its Keys are the same without the indexes: the
// keys a reader sees written ("milestone", "rc1", "was", "date"). A
// value's Keys are those of the pair it belongs to, so an array element
// has its array's. An array element does not carry its Path but points at
// its array ([Value.In]), and [Doc.ValuePath] writes the path out: an
// array nested n deep then costs n values, not n² path parts.
//
// Spans are half-open ranges [Start, End) of the source; [Doc.Pos] turns
// an offset into a line and column. A key's span runs from its first part
// to the end of its last ("rc1 . date"); a value's covers exactly its text
// — the quotes of a string, the brackets of an array, the braces of an
// inline table, both halves of a date-time written with a space. A
// byte-order mark at the start is passed over.
//
// Scan is meant for documents that BurntSushi has accepted, and for them
// every span is exact. On any other text it still returns, without a
// panic and in time linear in the text: odd input costs precision, never
// a hang.
package tomlspan

import (
	"slices"
	"strconv"
	"strings"

	"github.com/relbook/relbook/generator/dateexpr"
)

// Span is a half-open byte range [Start, End) of the source.
type Span struct{ Start, End int }

// Header is a table header: [milestone.code-freeze] or [[x.was]].
type Header struct {
	Path, Keys []string
	// Array is true for an [[array]] table header.
	Array bool
	// Span runs from the first '[' to just after the last ']'.
	Span
}

// Pair is one key = value pair.
type Pair struct {
	// Path and Keys lead to the key: the table's, then the dotted key's
	// parts.
	Path, Keys []string
	// Parts is how many parts the key itself has: 2 for rc1.date, whose
	// Path goes on from the table it is written in.
	Parts int
	Key   Span
	Value Span
	// Brace is where the '{' of the inline table the pair is in is
	// written, shared by the pairs of that table; -1 for a pair on its
	// own line.
	Brace int
}

// Value is one value: a pair's, or an element of an array.
type Value struct {
	// Path is the Path of the pair whose value this is; nil for an
	// element of an array.
	Path []string
	Keys []string
	// In is, for an element of an array, the array's place in
	// Doc.Values, and Index the element's place in the array; In is -1
	// for a pair's value.
	In, Index int
	Kind      Kind
	Span
}

// Kind classifies a value by how it is written.
type Kind int

const (
	Other    Kind = iota // a number, a boolean or a local time
	String               // any of the four kinds of string
	Date                 // a local date: 2026-10-05
	DateTime             // a date-time, which begins with a date: 2026-10-05T10:00:00Z
	Array
	Table // an inline table
)

// Doc is what Scan found in a document, each list in the order of the
// text, except that a pair whose value is an inline table comes after the
// pairs inside it (pairs are listed as their values end).
type Doc struct {
	Headers []Header
	Pairs   []Pair
	Values  []Value
	// lines holds the offset where each line begins.
	lines []int
}

// ValuePath returns the Path of Values[i], for an array element too.
func (d *Doc) ValuePath(i int) []string {
	var indexes []string
	for d.Values[i].In >= 0 {
		indexes = append(indexes, strconv.Itoa(d.Values[i].Index))
		i = d.Values[i].In
	}
	path := append(make([]string, 0, len(d.Values[i].Path)+len(indexes)), d.Values[i].Path...)
	for _, index := range slices.Backward(indexes) {
		path = append(path, index)
	}
	return path
}

// Pos returns the line and column (from 1, the column in bytes) of the
// byte at offset off.
func (d *Doc) Pos(off int) (line, col int) {
	n, found := slices.BinarySearch(d.lines, off)
	if !found {
		n--
	}
	return n + 1, off - d.lines[n] + 1
}

// Scan finds the headers, pairs and values of the TOML document src.
func Scan(src string) *Doc {
	s := &scanner{src: src, doc: &Doc{lines: []int{0}}}
	for i := 0; ; {
		nl := strings.IndexByte(src[i:], '\n')
		if nl < 0 {
			break
		}
		i += nl + 1
		s.doc.lines = append(s.doc.lines, i)
	}
	// Room for a pair and a value on each line that may hold one spares
	// growing the lists many times (it halves Scan's time on a file of
	// many keys); the estimate is at most one per eight bytes, however
	// many lines of '=' a long string has.
	n := min(len(s.doc.lines), strings.Count(src, "="), len(src)/8)
	s.doc.Pairs = make([]Pair, 0, n)
	s.doc.Values = make([]Value, 0, n)
	s.document()
	return s.doc
}

type scanner struct {
	src string
	i   int
	doc *Doc
	// path and keys are those of the table the pairs read now belong to.
	path, keys []string
	// arrays counts the elements of each array of tables, by its path
	// joined with pathSep.
	arrays map[string]int
}

const pathSep = "\x00"

func (s *scanner) eof() bool              { return s.i >= len(s.src) }
func (s *scanner) has(prefix string) bool { return strings.HasPrefix(s.src[s.i:], prefix) }

// skip passes blanks and comments, and line breaks too when newlines is set.
func (s *scanner) skip(newlines bool) {
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

func (s *scanner) document() {
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
			s.pair(s.path, s.keys, -1)
		}
		if s.i == start {
			s.i++ // not TOML; never stall
		}
	}
}

func (s *scanner) header() {
	start := s.i
	array := s.has("[[")
	s.i++
	if array {
		s.i++
	}
	s.skip(false)
	keys, _, _ := s.key(nil)
	s.skip(false)
	for n := 0; n < 2 && !s.eof() && s.src[s.i] == ']'; n++ {
		s.i++
	}
	s.path, s.keys = s.tablePath(keys, array), keys
	s.doc.Headers = append(s.doc.Headers, Header{Path: s.path, Keys: keys, Array: array, Span: Span{start, s.i}})
}

// tablePath is the decoded path of the table a header names: after each
// part that names an array of tables, the index of its last element, or,
// for the last part of an [[array]] header, of the element it adds.
func (s *scanner) tablePath(keys []string, array bool) []string {
	if !array && len(s.arrays) == 0 {
		return keys
	}
	if s.arrays == nil {
		s.arrays = map[string]int{}
	}
	path := make([]string, 0, len(keys)+1)
	for n, k := range keys {
		path = append(path, k)
		id := strings.Join(path, pathSep)
		count, isArray := s.arrays[id]
		switch {
		case array && n == len(keys)-1:
			s.arrays[id] = count + 1
			path = append(path, strconv.Itoa(count))
		case isArray:
			path = append(path, strconv.Itoa(count-1))
		}
	}
	return path
}

// key reads a dotted key of bare and quoted parts, and returns them after
// those of prefix, how many it read, and where the last one ends.
func (s *scanner) key(prefix []string) (parts []string, n, end int) {
	parts = make([]string, len(prefix), len(prefix)+1)
	copy(parts, prefix)
	for !s.eof() {
		s.skip(false)
		if s.eof() {
			break
		}
		start := s.i
		switch c := s.src[s.i]; {
		case c == '"':
			s.basicString()
			parts = append(parts, unquote(s.src[start:s.i]))
		case c == '\'':
			s.literalString()
			parts = append(parts, strings.Trim(s.src[start:s.i], "'"))
		case isBare(c):
			for !s.eof() && isBare(s.src[s.i]) {
				s.i++
			}
			parts = append(parts, s.src[start:s.i])
		default:
			return slices.Clip(parts), len(parts) - len(prefix), end
		}
		end = s.i
		s.skip(false)
		if s.eof() || s.src[s.i] != '.' {
			break
		}
		s.i++
	}
	return slices.Clip(parts), len(parts) - len(prefix), end
}

func isBare(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// unquote returns the text of a one-line basic string as written at the
// start of raw, its escapes undone; an escape it cannot read is kept as
// written.
func unquote(raw string) string {
	raw = strings.TrimPrefix(raw, `"`)
	raw = strings.TrimSuffix(raw, `"`)
	if !strings.Contains(raw, `\`) {
		return raw
	}
	var b strings.Builder
	for i := 0; i < len(raw); {
		if raw[i] == '\\' {
			if n, text := Escape(raw[i:], false); n > 0 {
				b.WriteString(text)
				i += n
				continue
			}
		}
		b.WriteByte(raw[i])
		i++
	}
	return b.String()
}

// pair reads key = value in the table path (keys without its indexes);
// brace is where the '{' of the inline table it is in is written, or -1.
func (s *scanner) pair(path, keys []string, brace int) {
	keyStart := s.i
	full, n, keyEnd := s.key(path)
	if n == 0 {
		return
	}
	p := Pair{Path: full, Parts: n, Key: Span{keyStart, keyEnd}, Brace: brace}
	p.Keys = p.Path
	if len(keys) != len(path) {
		p.Keys = concat(keys, full[len(path):])
	}
	s.skip(false)
	if !s.eof() && s.src[s.i] == '=' {
		s.i++
	}
	s.skip(false)
	p.Value.Start = s.i
	s.value(p.Path, p.Keys, -1, 0)
	p.Value.End = s.i
	s.doc.Pairs = append(s.doc.Pairs, p)
}

// concat returns a new slice of a's parts, then b's, with no room to
// grow, so that appending to one path never writes into another.
func concat(a, b []string) []string {
	return append(append(make([]string, 0, len(a)+len(b)), a...), b...)
}

// value reads the value of the pair at path, or when in >= 0 the element
// index of the array Values[in].
func (s *scanner) value(path, keys []string, in, index int) {
	if s.eof() {
		return
	}
	at := len(s.doc.Values)
	s.doc.Values = append(s.doc.Values, Value{Path: path, Keys: keys, In: in, Index: index, Span: Span{Start: s.i}})
	kind := String
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
		kind = Array
		s.i++
		s.list(']', func(n int) { s.value(nil, keys, at, n) })
	case c == '{':
		kind = Table
		brace := s.i
		s.i++
		if in >= 0 {
			path = s.doc.ValuePath(at)
		}
		s.list('}', func(int) { s.pair(path, keys, brace) })
	default:
		start := s.i
		s.bare()
		switch tok := s.src[start:s.i]; {
		case dateexpr.IsDateShaped(tok):
			kind = Date
		case len(tok) > 10 && dateexpr.IsDateShaped(tok[:10]):
			kind = DateTime
		default:
			kind = Other
		}
	}
	v := &s.doc.Values[at]
	v.Kind, v.End = kind, s.i
}

// list reads the items of an array or inline table up to its closing
// bracket close, calling item(n) at the start of the nth.
func (s *scanner) list(close byte, item func(n int)) {
	for n := 0; ; n++ {
		s.skip(true)
		if s.eof() {
			return
		}
		if s.src[s.i] == close {
			s.i++
			return
		}
		at := s.i
		item(n)
		s.skip(true)
		if !s.eof() && s.src[s.i] == ',' {
			s.i++
		}
		if s.i == at {
			s.i++
		}
	}
}

// bare reads a number, boolean, date, date-time or time. A date-time may
// separate its date and time with a space ("2026-10-05 10:00:00").
func (s *scanner) bare() {
	start := s.i
	s.token()
	if s.i-start == 10 && dateexpr.IsDateShaped(s.src[start:s.i]) && s.has(" ") &&
		len(s.src) > s.i+3 && isDigit(s.src[s.i+1]) && isDigit(s.src[s.i+2]) && s.src[s.i+3] == ':' {
		s.i++
		s.token()
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func (s *scanner) token() {
	for !s.eof() && !strings.ContainsRune(" \t\r\n,]}#", rune(s.src[s.i])) {
		s.i++
	}
}

// basicString reads a one-line "string"; one left open ends with its line.
func (s *scanner) basicString() {
	s.i++
	for !s.eof() {
		switch s.src[s.i] {
		case '\\':
			s.i = min(s.i+2, len(s.src))
			continue
		case '"':
			s.i++
			return
		case '\n':
			return
		}
		s.i++
	}
}

// literalString reads a one-line 'string'; one left open ends with its
// line.
func (s *scanner) literalString() {
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
func (s *scanner) multiline(delim string) {
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

// MaxDepth is how deep arrays and inline tables may nest in a document
// relbook decodes. Release definitions need four levels at most (a
// milestone's `was` list of inline tables inside an inline table); the
// decoder takes time that grows with the square of the depth, so a
// document of ten thousand nested brackets, a few kilobytes long, would
// take minutes.
const MaxDepth = 100

// TooDeep returns the offset of the first bracket of an array or inline
// table that opens more than MaxDepth levels deep in src, or -1 when
// none does. It reads src once, passing over strings and comments, and
// is meant to run before src is decoded: any text is fine, TOML or not.
func TooDeep(src string) int {
	s := &scanner{src: src}
	depth := 0
	for !s.eof() {
		switch c := s.src[s.i]; {
		case s.has(`"""`):
			s.multiline(`"""`)
		case s.has(`'''`):
			s.multiline(`'''`)
		case c == '"':
			s.basicString()
		case c == '\'':
			s.literalString()
		case c == '#':
			s.skip(false)
		case c == '[' || c == '{':
			if depth++; depth > MaxDepth {
				return s.i
			}
			s.i++
		case c == ']' || c == '}':
			depth = max(depth-1, 0)
			s.i++
		default:
			s.i++
		}
	}
	return -1
}
