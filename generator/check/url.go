package check

import (
	"bytes"
	"net/url"
	"path"
	"strings"
)

// kind sorts links by what the checker does with them.
type kind int

const (
	internal     kind = iota // a file of the site: check it
	external                 // a scheme or another host: not ours to check
	rootAbsolute             // "/x": works only at the root of a host
	aboveRoot                // "../" past the root of the site
	badEscape                // a "%" not followed by two hex digits
)

// resolved is a link resolved against the page it is on. The file it lands
// on is returned next to it, in a caller's buffer, so that checking a link
// that is fine allocates nothing.
type resolved struct {
	kind        kind
	dir         bool   // the URL named a folder ("x/", ".", ".."): the target is its index.html
	fragment    string // after "#", as written
	hasFragment bool
	relative    string // for rootAbsolute: the relative link to write instead
}

// resolve resolves href, found on the page at output path page, the way a
// browser resolves it against the page's URL (RFC 3986 §5.2, with the
// WHATWG URL standard's leniencies for http URLs). For an internal link it
// appends the site path of the target to buf[:0] and returns it.
func resolve(page, href string, buf []byte) (resolved, []byte) {
	buf = buf[:0]
	h := clean(href)
	if hasScheme(h) {
		return resolved{kind: external}, buf
	}
	var r resolved
	if i := strings.IndexByte(h, '#'); i >= 0 {
		h, r.fragment, r.hasFragment = h[:i], h[i+1:], true
	}
	if i := strings.IndexByte(h, '?'); i >= 0 {
		h = h[:i]
	}
	if strings.Contains(h, `\`) {
		h = strings.ReplaceAll(h, `\`, "/")
	}
	switch {
	case strings.HasPrefix(h, "//"):
		return resolved{kind: external}, buf
	case h == "":
		return r, append(buf, page...)
	case h[0] == '/':
		// The same URL, relative: one "../" per folder the page is in.
		rel := strings.TrimLeft(clean(href), `/\`)
		rel = strings.Repeat("../", strings.Count(page, "/")) + rel
		if rel == "" || rel[0] == '#' || rel[0] == '?' {
			rel = "./" + rel
		}
		return resolved{kind: rootAbsolute, relative: rel}, buf
	}

	// Merge with the page's folder and remove dot segments, keeping the
	// path in buf as a stack of n segments joined by "/". Each segment is
	// decoded before it is compared with "." and "..", as browsers treat
	// "%2e" as "."; one that decodes to a "/" stays as written, since no
	// file can have that name.
	n := 0
	if i := strings.LastIndexByte(page, '/'); i >= 0 {
		buf = append(buf, page[:i]...)
		n = strings.Count(page[:i], "/") + 1
	}
	for rest, more := h, true; more; {
		// Cut at the next "/" by hand: segments are a few bytes long,
		// and a loop beats strings.Cut's call into the general search.
		j := 0
		for j < len(rest) && rest[j] != '/' {
			j++
		}
		seg := rest[:j]
		if more = j < len(rest); more {
			rest = rest[j+1:]
		}
		if strings.IndexByte(seg, '%') >= 0 {
			dec, ok := unescape(seg)
			if !ok {
				return resolved{kind: badEscape}, buf[:0]
			}
			if strings.IndexByte(dec, '/') < 0 {
				seg = dec
			}
		}
		switch {
		case seg == ".":
			r.dir = r.dir || !more
		case seg == "..":
			if n == 0 {
				return resolved{kind: aboveRoot}, buf[:0]
			}
			if n--; n == 0 {
				buf = buf[:0]
			} else {
				buf = buf[:bytes.LastIndexByte(buf, '/')]
			}
			r.dir = r.dir || !more
		case seg == "" && !more:
			r.dir = true
		default: // "a//b" keeps its empty segment: a path of its own, which will not be found
			if n > 0 {
				buf = append(buf, '/')
			}
			buf = append(buf, seg...)
			n++
		}
	}
	if r.dir {
		if n > 0 {
			buf = append(buf, '/')
		}
		buf = append(buf, "index.html"...)
	}
	return r, buf
}

// clean does to an attribute value what a browser does before parsing it as
// a URL: strip leading and trailing spaces and control characters, and drop
// tabs and newlines anywhere.
func clean(s string) string {
	if s == "" || s[0] > ' ' && s[len(s)-1] > ' ' && !hasTabOrNewline(s) {
		return s
	}
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(s)
	}
	return s
}

// hasTabOrNewline reports whether s has a tab, LF or CR: a loop, as
// links are short and strings.ContainsAny costs more to set up.
func hasTabOrNewline(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\t' || c == '\n' || c == '\r' {
			return true
		}
	}
	return false
}

// hasScheme reports whether s starts with a URL scheme ("https:",
// "mailto:", "webcal:"): a letter, then letters, digits, "+", "-" or ".",
// then a colon, all before any "/", "?" or "#".
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.':
			if i == 0 {
				return false
			}
		case c == ':':
			return i > 0
		default:
			return false
		}
	}
	return false
}

// unescape percent-decodes s; ok is false when s has a malformed escape.
func unescape(s string) (string, bool) {
	if !strings.Contains(s, "%") {
		return s, true
	}
	d, err := url.PathUnescape(s)
	return d, err == nil
}

// relativeHref is the link to write on page from to reach the site file to:
// relative, and ending in "/" for a folder's index.html, as relbook writes
// links. Segments are escaped where a URL needs it.
func relativeHref(from, to string) string {
	fromDir := strings.Split(path.Dir(from), "/")
	if fromDir[0] == "." {
		fromDir = nil
	}
	dir, file := path.Split(to)
	toDir := strings.Split(strings.TrimSuffix(dir, "/"), "/")
	if toDir[0] == "" {
		toDir = nil
	}
	if file == "index.html" {
		file = ""
	}
	common := 0
	for common < len(fromDir) && common < len(toDir) && fromDir[common] == toDir[common] {
		common++
	}
	var b strings.Builder
	b.WriteString(strings.Repeat("../", len(fromDir)-common))
	for _, s := range toDir[common:] {
		b.WriteString(url.PathEscape(s))
		b.WriteByte('/')
	}
	b.WriteString(url.PathEscape(file))
	if b.Len() == 0 {
		return "./"
	}
	return b.String()
}
