package check

import (
	"bytes"

	"golang.org/x/net/html/atom"
)

// The tokenizer of golang.org/x/net/html finds where each tag begins and
// ends, which is the hard part of HTML (comments, <script>, <style>, quoted
// ">"). But its TagName and TagAttr copy every name, key and value they
// return, and on a large site those copies were a sixth of the checker's
// time; and tokenizing the text between tags was most of the rest. So scan
// (scan.go) finds tags itself, and splitTag splits each start tag into
// attributes, and finds where it ends, by the same rules as the
// tokenizer's readTag (WHATWG 13.2.5.32–13.2.5.38); FuzzSplitTag and
// FuzzScan hold them to agreement. A value that needs decoding (a
// character reference, a CR, a NUL) is left to TagAttr.

// span is a half-open range of bytes.
type span struct{ start, end int }

// rawAttr is one attribute of a raw start tag: key and value as they appear
// in it, before lower-casing and decoding.
type rawAttr struct{ key, val span }

// splitTag splits raw, the text of a complete start tag from "<" to ">",
// into its name and its attributes, appending them to attrs. Like the
// tokenizer it drops an attribute whose key (in any case) came before.
// Given the rest of a page from a "<" on, it finds where the tag ends as
// the tokenizer does: end is the index of its ">", or -1 when the page
// ends first.
func splitTag(raw []byte, attrs []rawAttr) (name span, _ []rawAttr, end int) {
	i := 1
	for i < len(raw) && class[raw[i]]&(classSpace|classSlash|classGT) == 0 {
		i++
	}
	name = span{1, i}
	i = skipSpace(raw, i)
	for i < len(raw) && raw[i] != '>' {
		var a rawAttr
		// Attribute name state: up to a space, "/", ">" or "=", except
		// that a leading "=" is part of the name.
		a.key.start = i
		if raw[i] == '=' {
			i++
		}
		for i < len(raw) && class[raw[i]]&(classSpace|classSlash|classGT|classEq) == 0 {
			i++
		}
		a.key.end = i
		// After attribute name, before attribute value, the value.
		a.val = span{i, i}
		i = skipSpace(raw, i)
		switch {
		case i >= len(raw):
		case raw[i] == '/':
			i++
		case raw[i] != '=':
		default:
			i = skipSpace(raw, i+1)
			if i >= len(raw) || raw[i] == '>' {
				break
			}
			if q := raw[i]; q == '"' || q == '\'' {
				i++
				a.val.start = i
				if j := bytes.IndexByte(raw[i:], q); j >= 0 {
					i += j // values are long (ids, URLs): a jump beats a byte loop
				} else {
					i = len(raw)
				}
				a.val.end = i
				i = min(i+1, len(raw))
			} else {
				a.val.start = i
				for i < len(raw) && class[raw[i]]&(classSpace|classGT) == 0 {
					i++
				}
				a.val.end = i
				i = skipSpace(raw, i)
			}
		}
		if a.key.start < a.key.end && !seen(raw, attrs, a.key) {
			attrs = append(attrs, a)
		}
		i = skipSpace(raw, i)
	}
	if i >= len(raw) {
		return name, attrs, -1
	}
	return name, attrs, i
}

// seen reports whether attrs has a key equal to key ignoring ASCII case.
func seen(raw []byte, attrs []rawAttr, key span) bool {
	k := raw[key.start:key.end]
	for _, a := range attrs {
		if equalFold(raw[a.key.start:a.key.end], k) {
			return true
		}
	}
	return false
}

// keyIs reports whether b is lower, ignoring ASCII case; lower is in lower case.
func keyIs(b []byte, lower string) bool {
	if len(b) != len(lower) {
		return false
	}
	for i := range len(b) {
		if toLower(b[i]) != lower[i] {
			return false
		}
	}
	return true
}

func equalFold(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range len(a) {
		if toLower(a[i]) != toLower(b[i]) {
			return false
		}
	}
	return true
}

// tagAtom is the atom of a raw tag name, or 0 for a name no atom has.
func tagAtom(name []byte) atom.Atom {
	if len(name) == 1 && toLower(name[0]) == 'a' {
		return atom.A // most links are on <a>: skip hashing its name
	}
	var buf [16]byte
	if len(name) > len(buf) {
		return 0
	}
	for i, c := range name {
		buf[i] = toLower(c)
	}
	return atom.Lookup(buf[:len(name)])
}

// plain reports whether an attribute value reads the same decoded: TagAttr
// would change one with a character reference, a CR or a NUL.
func plain(val []byte) bool {
	for _, c := range val {
		// '&', CR and NUL sort below every letter, digit and most of
		// the punctuation of a URL: one comparison clears most bytes.
		if c <= '&' && class[c]&classDecoded != 0 {
			return false
		}
	}
	return true
}

func toLower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isSpace(c byte) bool { return class[c]&classSpace != 0 }

// class sorts the bytes that end a tag name, an attribute key or an
// unquoted value, and those that decoding changes, so that the loops of
// splitTag and plain test each byte once.
var class = [256]uint8{
	' ': classSpace, '\n': classSpace, '\r': classSpace | classDecoded, '\t': classSpace, '\f': classSpace,
	'/': classSlash, '>': classGT, '=': classEq,
	'&': classDecoded, 0: classDecoded,
}

const (
	classSpace   = 1 << iota // HTML whitespace
	classSlash               // "/"
	classGT                  // ">"
	classEq                  // "="
	classDecoded             // "&", CR or NUL: TagAttr would change the value
)

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}
