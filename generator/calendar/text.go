package calendar

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
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

// plainText turns a markdown description into the plain text a calendar
// client shows: paragraphs unwrapped into single lines, list items and
// headings on their own lines, emphasis and code markers dropped, links
// written as "text (url)", and inline date references ({{code-freeze}})
// replaced by ref's text. It is deliberately simple: descriptions are a
// few sentences, and a client shows DESCRIPTION as plain text anyway.
func plainText(md string, ref func(expr string) string) string {
	var out []string
	var para []string // the lines of the paragraph being read
	flush := func() {
		if len(para) > 0 {
			out = append(out, strings.Join(para, " "))
			para = nil
		}
	}
	fence, template := "", false
	for _, line := range strings.Split(cleanText(md), "\n") {
		trimmed := strings.TrimSpace(line)
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
				continue
			}
			if template {
				line = dateRefs(line, ref)
			}
			out = append(out, line)
			continue
		}
		switch {
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			flush()
			fence = trimmed[:3]
			template = strings.TrimSpace(strings.Trim(trimmed, "`~")) == "template"
		case trimmed == "":
			flush()
			if len(out) > 0 && out[len(out)-1] != "" {
				out = append(out, "")
			}
		case headingRE.MatchString(trimmed):
			flush()
			out = append(out, inline(headingRE.ReplaceAllString(trimmed, ""), ref))
		case listRE.MatchString(line):
			flush()
			indent := len(line) - len(strings.TrimLeft(line, " \t"))
			para = []string{strings.Repeat(" ", min(indent, 4)) + "- " + inline(listRE.ReplaceAllString(line, ""), ref)}
		default:
			para = append(para, inline(strings.TrimPrefix(trimmed, "> "), ref))
		}
	}
	flush()
	return strings.TrimSpace(strings.Join(out, "\n"))
}

var (
	headingRE = regexp.MustCompile(`^#{1,6}\s+`)
	listRE    = regexp.MustCompile(`^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?`)
	linkRE    = regexp.MustCompile(`(!?)\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)`)
	autoRE    = regexp.MustCompile(`<((?:https?|mailto):[^>\s]*)>`)
	strongRE  = regexp.MustCompile(`\*\*|__`)
	emRE      = regexp.MustCompile(`(^|[\s(])[*_](\S(?:[^*_]*\S)?)[*_]([\s).,;:!?]|$)`)
)

// inline strips inline markdown from one line. Code spans are kept
// verbatim, apart from their backticks.
func inline(s string, ref func(string) string) string {
	var b strings.Builder
	for s != "" {
		i := strings.IndexByte(s, '`')
		if i < 0 {
			b.WriteString(inlineText(s, ref))
			break
		}
		b.WriteString(inlineText(s[:i], ref))
		n := len(s[i:]) - len(strings.TrimLeft(s[i:], "`"))
		ticks := s[i : i+n]
		end := strings.Index(s[i+n:], ticks)
		if end < 0 {
			b.WriteString(ticks)
			s = s[i+n:]
			continue
		}
		b.WriteString(s[i+n : i+n+end])
		s = s[i+n+end+n:]
	}
	return b.String()
}

// inlineText strips the markdown of text outside code spans. Each
// expression is only run on text holding the character it needs to
// match: most text has no links or emphasis, and a regexp costs even
// when it finds nothing.
func inlineText(s string, ref func(string) string) string {
	s = dateRefs(s, ref)
	if strings.Contains(s, "](") {
		s = linkRE.ReplaceAllStringFunc(s, func(m string) string {
			g := linkRE.FindStringSubmatch(m)
			image, text, url := g[1] == "!", g[2], g[3]
			switch {
			case text == "":
				return url
			case image || url == "" || text == url:
				return text
			}
			return text + " (" + url + ")"
		})
	}
	if strings.Contains(s, "<") {
		s = autoRE.ReplaceAllString(s, "$1")
	}
	if strings.ContainsAny(s, "*_") {
		s = strongRE.ReplaceAllString(s, "")
		s = emRE.ReplaceAllString(s, "$1$2$3")
	}
	return unescapeMarkdown(s)
}

// dateRefs replaces every {{expr}} in s with ref(expr); a reference ref
// cannot resolve (it returns "") stays as written, and so does one
// escaped as \{{.
func dateRefs(s string, ref func(string) string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			break
		}
		b.WriteString(s[:i])
		expr, rest, ok := dateRefAt(s[i:])
		if !ok || i > 0 && s[i-1] == '\\' {
			b.WriteString("{{")
			s = s[i+2:]
			continue
		}
		if text := ref(expr); text != "" {
			b.WriteString(text)
		} else {
			b.WriteString(s[i : len(s)-len(rest)])
		}
		s = rest
	}
	b.WriteString(s)
	return b.String()
}

// dateRefAt reads the reference s starts with the way the markdown
// package does: "{{", an expression that is not blank and holds no
// braces, "}}". It returns the expression, trimmed, and what follows.
func dateRefAt(s string) (expr, rest string, ok bool) {
	end := strings.IndexAny(s[2:], "{}")
	if end < 0 || !strings.HasPrefix(s[2+end:], "}}") || strings.TrimSpace(s[2:2+end]) == "" {
		return "", s, false
	}
	return strings.TrimSpace(s[2 : 2+end]), s[2+end+2:], true
}

// asciiPunct is what markdown lets a backslash escape.
const asciiPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// unescapeMarkdown drops the backslash of a backslash-escaped ASCII
// punctuation character, as markdown does.
func unescapeMarkdown(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(asciiPunct, s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
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
