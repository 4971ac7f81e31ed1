package check

import (
	"bytes"
	"slices"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// scan reads one page for the ids, names and links in its start tags.
//
// It finds tags the way the tokenizer of golang.org/x/net/html does — the
// hard part of HTML: comments, <script>, <style>, <title>, quoted ">" —
// but without tokenizing the text between them: it jumps from one "<" to
// the next, and splits each start tag itself (see splitTag). A site is
// mostly text and a build checks every page of it, so this is where the
// Check stage spends its time. What the jump does not follow exactly,
// the tokenizer does: a <script> with content (its rules are the
// tokenizer's most intricate), from that tag to the end of the page, and
// an attribute value that needs decoding. FuzzScan holds scan to what the
// tokenizer alone finds.
//
// The links kept are copied into an arena that becomes a single string
// at the end, of which every link is a substring: a page costs a handful
// of allocations, not one per attribute. Ids and names are kept as hashes
// (page.anchors), and as text too when full is set.
func scan(src []byte, full bool) *page {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sc.full = full
	sc.arena, sc.ids, sc.names, sc.links = sc.arena[:0], sc.ids[:0], sc.names[:0], sc.links[:0]
	sc.idHashes, sc.nameHashes = sc.idHashes[:0], sc.nameHashes[:0]

	i := 0
	for {
		j := bytes.IndexByte(src[i:], '<')
		if j < 0 || i+j+1 >= len(src) {
			break // text to the end; "<" alone at the end is text too
		}
		i += j
		c := src[i+1]
		switch {
		case isLetter(c):
			// A start tag, to its ">" (quoted ones do not count).
			var name span
			end := 0
			name, sc.attrs, end = splitTag(src[i:], sc.attrs[:0])
			if end < 0 {
				i = len(src) // the page ends inside the tag: the tokenizer drops it
				break
			}
			raw := src[i : i+end+1]
			after := i + end + 1
			switch text := rawText(raw[name.start:name.end]); text {
			case "":
			case "script":
				if !endTagAt(src, after, "script") {
					// Script data has rules of its own: from here on, the
					// tokenizer reads the page.
					sc.tokens(src[i:])
					return sc.page()
				}
			case "plaintext":
				sc.tag(raw, name, nil)
				return sc.page() // the rest of the page is text
			default:
				// Raw text or RCDATA (<style>, <title>, <textarea>...)
				// runs to the tag's own end tag.
				sc.tag(raw, name, nil)
				i = rawTextEnd(src, after, text)
				continue
			}
			sc.tag(raw, name, nil)
			i = after
		case c == '/':
			// An end tag, "</>", or a bogus comment up to ">".
			if i+2 >= len(src) {
				i = len(src)
				break
			}
			switch c := src[i+2]; {
			case c == '>':
				i += 3
			case isLetter(c):
				// Most end tags are "</name>": skip the name, and leave
				// anything else after it to splitTag.
				j := i + 3
				for j < len(src) && class[src[j]]&(classSpace|classSlash|classGT) == 0 {
					j++
				}
				if j < len(src) && src[j] == '>' {
					i = j + 1
					break
				}
				var end int
				_, sc.attrs, end = splitTag(src[i+1:], sc.attrs[:0])
				if end < 0 {
					i = len(src)
				} else {
					i += 1 + end + 1
				}
			default:
				i = closeAngle(src, i+2)
			}
		case c == '!':
			if bytes.HasPrefix(src[i+2:], []byte("--")) {
				i = commentEnd(src, i+4)
			} else {
				i = closeAngle(src, i+2) // a doctype, or a bogus comment
			}
		case c == '?':
			i = closeAngle(src, i+1)
		default:
			i++ // "<" followed by anything else is text
		}
		if i >= len(src) {
			break
		}
	}
	return sc.page()
}

// tag keeps the ids, names and links of the start tag raw, whose name is
// at name. z is the tokenizer that has just read the tag, which decodes
// its values in place, or nil for a tag the scanner split on its own.
func (sc *scratch) tag(raw []byte, name span, z *html.Tokenizer) {
	if len(sc.attrs) == 0 {
		return
	}
	tag := atom.Atom(0) // looked up only for a tag with a name, href or src
	for _, a := range sc.attrs {
		key, val := raw[a.key.start:a.key.end], raw[a.val.start:a.val.end]
		var list *[]span
		var hashes *[]uint64
		switch {
		case keyIs(key, "id"):
			list, hashes = &sc.ids, &sc.idHashes
		case keyIs(key, "name"):
			if tag == 0 {
				tag = tagAtom(raw[name.start:name.end])
			}
			if tag != atom.A {
				continue
			}
			list, hashes = &sc.names, &sc.nameHashes
		case keyIs(key, "href") || keyIs(key, "src"):
			if tag == 0 {
				tag = tagAtom(raw[name.start:name.end])
			}
			if !linksWith(tag) {
				continue
			}
			list = &sc.links
		default:
			continue
		}
		if !plain(val) {
			val = sc.decode(raw, key, val, z)
		}
		if hashes != nil {
			*hashes = append(*hashes, anchorHash(val))
			if !sc.full {
				continue
			}
		}
		*list = append(*list, sc.keep(val))
	}
}

// decode returns the attribute key's value val of the tag raw as a
// browser reads it: from z when the tokenizer has just read the tag, else
// by decodeCommon, else by a tokenizer reading the tag on its own.
func (sc *scratch) decode(raw, key, val []byte, z *html.Tokenizer) []byte {
	if z != nil {
		return decodedAttr(z, key)
	}
	if v, ok := sc.decodeCommon(val); ok {
		return v
	}
	z = html.NewTokenizer(bytes.NewReader(raw))
	z.Next()
	return decodedAttr(z, key)
}

// commonRefs are the character references that pages write most in
// attribute values (an escaped "&" in a query string, above all), each
// with what it stands for: the tokenizer decodes each of these, spelt
// exactly so, the same way wherever it stands.
var commonRefs = []struct{ ref, char string }{
	{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", `"`}, {"&#34;", `"`}, {"&#39;", "'"},
}

// decodeCommon decodes val when the only references in it are
// commonRefs and it holds no CR or NUL, into scratch space valid until the
// next call; ok is false for anything else, which the tokenizer decodes.
func (sc *scratch) decodeCommon(val []byte) (_ []byte, ok bool) {
	out := sc.decoded[:0]
	defer func() { sc.decoded = out }()
	for len(val) > 0 {
		i := 0
		for i < len(val) && class[val[i]]&classDecoded == 0 {
			i++
		}
		if i == len(val) {
			out = append(out, val...)
			break
		}
		out = append(out, val[:i]...)
		if val[i] != '&' {
			return nil, false
		}
		val = val[i:]
		found := false
		for _, r := range commonRefs {
			if bytes.HasPrefix(val, []byte(r.ref)) {
				out = append(out, r.char...)
				val = val[len(r.ref):]
				found = true
				break
			}
		}
		if !found {
			return nil, false
		}
	}
	return out, true
}

// keep copies val into the arena.
func (sc *scratch) keep(val []byte) span {
	sc.arena = append(sc.arena, val...)
	return span{len(sc.arena) - len(val), len(sc.arena)}
}

// page makes the page of what was kept.
func (sc *scratch) page() *page {
	all := string(sc.arena)
	p := &page{links: make([]string, len(sc.links))}
	for i, s := range sc.links {
		p.links[i] = all[s.start:s.end]
	}
	slices.Sort(sc.idHashes)
	for i := 1; i < len(sc.idHashes) && !p.dup; i++ {
		p.dup = sc.idHashes[i] == sc.idHashes[i-1]
	}
	anchors := append(make([]uint64, 0, len(sc.idHashes)+len(sc.nameHashes)), sc.idHashes...)
	if len(sc.nameHashes) > 0 {
		anchors = append(anchors, sc.nameHashes...)
		slices.Sort(anchors)
	}
	p.anchors = slices.Compact(anchors)
	if !sc.full {
		return p
	}
	p.ids = make(map[string]int, len(sc.ids))
	for _, s := range sc.ids {
		p.ids[all[s.start:s.end]]++
	}
	if len(sc.names) > 0 {
		p.names = make(map[string]struct{}, len(sc.names))
		for _, s := range sc.names {
			p.names[all[s.start:s.end]] = struct{}{}
		}
	}
	return p
}

// tokens reads the rest of a page, src, with the tokenizer: links and
// ids are attributes of start tags, and the tokenizer knows what is not
// markup. Attributes are split from each tag's raw text (see tag.go).
func (sc *scratch) tokens(src []byte) {
	z := html.NewTokenizer(bytes.NewReader(src))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return // io.EOF: a bytes.Reader cannot fail otherwise
		case html.StartTagToken, html.SelfClosingTagToken:
			raw := z.Raw()
			var name span
			name, sc.attrs, _ = splitTag(raw, sc.attrs[:0])
			sc.tag(raw, name, z)
		}
	}
}

// decodedAttr returns the value of the attribute named key (raw, any case)
// of the current tag as TagAttr decodes it. TagAttr lower-cases and decodes
// in place in the tokenizer's buffer, so key must be copied first.
func decodedAttr(z *html.Tokenizer, key []byte) []byte {
	var lower [8]byte // long enough for "href", "name", "src" and "id"
	n := copy(lower[:], key)
	for i := range n {
		lower[i] = toLower(lower[i])
	}
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		if string(k) == string(lower[:n]) {
			return v
		}
	}
	return nil
}

// rawText returns the name of a tag whose contents the tokenizer reads as
// text, lower-cased, or "".
func rawText(name []byte) string {
	// Every start tag passes here: pick the candidates by length, so that
	// most names are turned away by their length or their first byte.
	var cands []string
	switch len(name) {
	case 3:
		cands = rawText3[:]
	case 5:
		cands = rawText5[:]
	case 6:
		cands = rawText6[:]
	case 7:
		cands = rawText7[:]
	case 8:
		cands = rawText8[:]
	case 9:
		cands = rawText9[:]
	}
	for _, n := range cands {
		if keyIs(name, n) {
			return n
		}
	}
	return ""
}

// The names of the tags whose contents the tokenizer reads as text, by length.
var (
	rawText3 = [...]string{"xmp"}
	rawText5 = [...]string{"style", "title"}
	rawText6 = [...]string{"iframe", "script"}
	rawText7 = [...]string{"noembed"}
	rawText8 = [...]string{"noframes", "noscript", "textarea"}
	rawText9 = [...]string{"plaintext"}
)

// endTagAt reports whether src has the end tag of the raw-text element
// name (lower case) at i: "</", the name in any case, and a space, "/" or
// ">".
func endTagAt(src []byte, i int, name string) bool {
	if i+2+len(name) >= len(src) || src[i] != '<' || src[i+1] != '/' {
		return false
	}
	for k := range len(name) {
		if toLower(src[i+2+k]) != name[k] {
			return false
		}
	}
	switch src[i+2+len(name)] {
	case ' ', '\n', '\r', '\t', '\f', '/', '>':
		return true
	}
	return false
}

// rawTextEnd returns where the text of the raw-text element name, which
// starts at i, ends: at its end tag, or at the end of the page.
func rawTextEnd(src []byte, i int, name string) int {
	for {
		j := bytes.Index(src[i:], []byte("</"))
		if j < 0 {
			return len(src)
		}
		if endTagAt(src, i+j, name) {
			return i + j
		}
		i += j + 1
	}
}

// closeAngle returns the place after the first ">" at or after i, or the
// end of the page.
func closeAngle(src []byte, i int) int {
	if j := bytes.IndexByte(src[i:], '>'); j >= 0 {
		return i + j + 1
	}
	return len(src)
}

// commentEnd returns the place after the comment whose text starts at i,
// right after "<!--", the way the tokenizer ends one: at "-->", "--!>",
// or a ">" or "->" that comes first ("<!-->"); or the end of the page.
func commentEnd(src []byte, i int) int {
	dashes, beginning := 0, true
	for i < len(src) {
		c := src[i]
		i++
		switch c {
		case '-':
			dashes++
			continue
		case '>':
			if dashes >= 2 || beginning {
				return i
			}
		case '!':
			if dashes >= 2 {
				if i >= len(src) {
					return i
				}
				c = src[i]
				i++
				if c == '>' {
					return i
				}
				if c == '-' {
					dashes, beginning = 1, false
					continue
				}
			}
		}
		dashes, beginning = 0, false
	}
	return len(src)
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
