package calendar

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
)

// cleanText is the gate every text passes on its way into a feed,
// whatever its property or parameter: names, descriptions, notes, urls,
// ids and the handbook's own strings alike, on both ways an event is
// written (golang-ical, through cleanComponent, and allDayEvent, through
// appendText and appendURI).
//
// A content line ends at CRLF (RFC 5545 §3.1), but parsers are lenient
// in different ways: many end a line at a bare CR or LF, and the Python
// icalendar library, which splits a feed with str.splitlines, also at
// VT, FF, FS, GS, RS, NEL (U+0085), LS (U+2028) and PS (U+2029), the
// mandatory breaks of Unicode's line breaking algorithm. A value holding
// any of them could end its property early in some client and start a
// property or an event the author wrote. So every one of them becomes
// LF (CRLF is one break), which a TEXT value writes escaped as \n and
// oneLine turns into a space; every other control character goes (C0
// but HTAB, and DEL, which RFC 5545 allows nowhere in a value, and C1,
// which no text needs); and a byte that is not UTF-8 becomes U+FFFD.
func cleanText(s string) string {
	if isClean(s) {
		return s // most text is; this spares a pass that copies it
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		switch {
		case r == '\r' && i+1 < len(s) && s[i+1] == '\n':
			// CRLF is one line break: its LF writes it.
		case isLineBreak(r):
			b.WriteByte('\n')
		case r == '\t' || 0x20 <= r && r < 0x7f || r >= 0xa0:
			b.WriteRune(r) // an invalid byte comes as utf8.RuneError: U+FFFD
		}
	}
	return b.String()
}

// isLineBreak reports whether some parser reads r as the end of a line:
// CR, LF, VT, FF, FS, GS, RS, NEL, LS or PS.
func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\v', '\f', '\r', 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// isClean reports whether cleanText would return s as it is: valid
// UTF-8 without control characters and line breaks but HTAB and LF.
func isClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < 0xa0 || r == 0x2028 || r == 0x2029 || r == utf8.RuneError && n == 1 {
			return false
		}
		i += n
	}
	return true
}

// cleanComponent passes every value and parameter of c and of its
// subcomponents through the gate, just before golang-ical writes them:
// a TEXT value through cleanText (golang-ical escapes its LFs as \n),
// and every other value and every parameter, which have no escape for a
// line break, through oneLine. So whichever setter filled a property,
// and whatever its type, no text reaches a feed without passing it.
func cleanComponent(c ics.Component) {
	props := c.UnknownPropertiesIANAProperties()
	for i := range props {
		cleanProperty(&props[i].BaseProperty)
	}
	for _, sub := range c.SubComponents() {
		cleanComponent(sub)
	}
}

// cleanCalendar is cleanComponent for the calendar's own properties and
// its components.
func cleanCalendar(cal *ics.Calendar) {
	for i := range cal.CalendarProperties {
		cleanProperty(&cal.CalendarProperties[i].BaseProperty)
	}
	for _, c := range cal.Components {
		cleanComponent(c)
	}
}

func cleanProperty(p *ics.BaseProperty) {
	if p.GetValueType() == ics.ValueDataTypeText {
		p.Value = cleanText(p.Value)
	} else {
		p.Value = oneLine(p.Value)
	}
	for _, values := range p.ICalParameters {
		for i, v := range values {
			values[i] = oneLine(v)
		}
	}
}

// oneLine is cleanText for values that must stay on one line: SUMMARY,
// CATEGORIES and the calendar's name, and every value and parameter
// that has no escape for a line break (URI, CAL-ADDRESS, …). Each run
// of white space, line breaks included, becomes one space, with none at
// either end.
func oneLine(s string) string {
	if isOneLine(s) {
		return s // most values are; this spares the split and the join
	}
	return strings.Join(strings.Fields(cleanText(s)), " ")
}

// isOneLine reports whether oneLine would return s as it is: valid UTF-8
// without control characters, C1 included (which cleanText would drop or
// change), and words parted by single ASCII spaces, with none at either
// end (which strings.Fields and the join would change). A U+FFFD, valid
// or not, is left to the slow way.
func isOneLine(s string) bool {
	space := true // a leading space is not one line
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ':
			if space {
				return false
			}
			space = true
		case c < 0x20 || c == 0x7f:
			return false
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r < 0xa0 || r == utf8.RuneError || unicode.IsSpace(r) {
				return false
			}
			i += n
			space = false
			continue
		default:
			space = false
		}
		i++
	}
	return !space || s == ""
}

// slug turns a normalised date expression into the readable part of a
// task-deadline UID: lower case, every run of other characters one "-",
// with "+" spelled "plus" and the minus sign of a negative number spelled
// "minus", so that expressions that differ only there stay apart:
//
//	code-freeze - 1w   →  code-freeze-1w
//	code-freeze + 1w   →  code-freeze-plus-1w
//	week 3 .. week 5   →  week-3-week-5
//	R-4                →  r-4
//	R+1                →  r-plus-1
//	week -1            →  week-minus-1
func slug(expr string) string {
	var b strings.Builder
	dash := false
	word := func(w string) {
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(w)
		dash = false
	}
	for i, r := range expr {
		switch {
		case r == '+':
			word("plus")
			dash = true
		case r == '-' && i+1 < len(expr) && isDigit(expr[i+1]) && (i == 0 || expr[i-1] == ' '):
			word("minus")
			dash = true
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(unicode.ToLower(r))
			dash = false
		default:
			dash = true
		}
	}
	return b.String()
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// slugs gives each distinct normalised expression of one role guide its
// UID part. slug keeps apart every pair of expressions a handbook writes
// in practice, but milestone ids may contain anything slug produces
// ("week-3" is a valid id, and so is "a-1w"), so in theory two
// expressions of a guide can still meet: then each of them gets "-x"
// and the first 8 hex digits of the SHA-256 of its normal form appended,
// which depends on nothing but the expression itself.
func slugs(exprs []string) map[string]string {
	bySlug := map[string][]string{}
	for _, e := range exprs {
		s := slug(e)
		if !slices.Contains(bySlug[s], e) {
			bySlug[s] = append(bySlug[s], e)
		}
	}
	out := map[string]string{}
	for s, es := range bySlug {
		for _, e := range es {
			if len(es) == 1 {
				out[e] = s
				continue
			}
			sum := sha256.Sum256([]byte(e))
			out[e] = s + "-x" + hex.EncodeToString(sum[:4])
		}
	}
	return out
}
