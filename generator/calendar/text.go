package calendar

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// cleanText makes author text safe for a TEXT value. golang-ical escapes
// \ ; , and LF (v0.3.6) but passes a CR through, and a bare CR inside a
// value would end the content line early in some parsers, and RFC 5545
// §3.1 allows no control characters but HTAB in a value: so CRLF and CR
// become LF, and the other control characters go.
func cleanText(s string) string {
	if isCleanASCII(s) {
		return s // most text is; this spares three passes over it
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || r >= 0x20 && r != 0x7f {
			return r
		}
		return -1
	}, s)
}

// isCleanASCII reports whether s is ASCII that cleanText keeps as it is.
func isCleanASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\n' && c != '\t') || c >= 0x7f {
			return false
		}
	}
	return true
}

// oneLine is cleanText for values shown on one line, such as SUMMARY.
func oneLine(s string) string {
	if isOneLine(s) {
		return s // most values are; this spares the split and the join
	}
	return strings.Join(strings.Fields(cleanText(s)), " ")
}

// isOneLine reports whether oneLine would return s as it is: valid UTF-8
// without control characters (which cleanText would drop or change), and
// words parted by single ASCII spaces, with none at either end (which
// strings.Fields and the join would change). A U+FFFD, valid or not, is
// left to the slow way.
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
			if r == utf8.RuneError || unicode.IsSpace(r) {
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
