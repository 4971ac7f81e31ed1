package export

import (
	"strings"

	"github.com/relbook/relbook/generator/markdown"
)

// people writes the holders of a role for the issue, separated by ", ":
// each GitHub handle in them ("Priya Raman (@praman)", "@kubernetes/release-team")
// as an @-mention, so that GitHub notifies the person or team when the
// issue is opened, and the rest escaped to show as written.
func people(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = mentions(n)
	}
	return strings.Join(out, ", ")
}

// mentions escapes s as markdown text, except the GitHub handles in it,
// which it writes as they are so that they stay mentions (escaping would
// turn the "_" of a managed user's handle into "\_", which GitHub reads as
// no handle).
func mentions(s string) string {
	s = strings.Join(strings.Fields(s), " ") // one line, as EscapeText makes it
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '@' || !mentionStart(s, i) {
			continue
		}
		n := handleLen(s[i+1:])
		if n == 0 {
			continue
		}
		b.WriteString(escape(s[last:i]))
		b.WriteString(s[i : i+1+n])
		last = i + 1 + n
		i = last - 1
	}
	b.WriteString(escape(s[last:]))
	return b.String()
}

// escape is markdown.EscapeText for a part of a line: the spaces around
// it stay.
func escape(s string) string {
	t := strings.TrimSpace(s)
	if t == "" {
		return s
	}
	i := strings.Index(s, t)
	return s[:i] + markdown.EscapeText(t) + s[i+len(t):]
}

// mentionStart reports whether an '@' at s[i] can start a mention: at the
// start, or after a space or an opening mark, as GitHub reads them; never
// inside a word ("a@example.org" is an address).
func mentionStart(s string, i int) bool {
	if i == 0 {
		return true
	}
	return strings.IndexByte(" \t([{<,;:\"'", s[i-1]) >= 0
}

// handleLen returns the length of the GitHub handle at the start of s (the
// text after an '@'), 0 when there is none: a user name (letters, digits
// and single hyphens, not at either end, at most 39 characters), with a
// managed user's "_shortcode", or an organisation and a team slug
// ("kubernetes/release-team"). What follows must not continue a name.
func handleLen(s string) int {
	n := 0
	for n < len(s) && n < 39 && (alnum(s[n]) || s[n] == '-' && n > 0 && n+1 < len(s) && alnum(s[n+1]) && s[n-1] != '-') {
		n++
	}
	if n == 0 {
		return 0
	}
	if n < len(s) && s[n] == '_' {
		m := n + 1
		for m < len(s) && alnum(s[m]) {
			m++
		}
		if m > n+1 {
			n = m
		}
	} else if n < len(s) && s[n] == '/' {
		m := n + 1
		for m < len(s) && (alnum(s[m]) || s[m] == '-' || s[m] == '_') {
			m++
		}
		if m > n+1 && alnum(s[m-1]) {
			n = m
		}
	}
	if n < len(s) && (alnum(s[n]) || s[n] == '-' || s[n] == '_' || s[n] == '/' || s[n] == '@') {
		return 0 // a longer word than a handle can be
	}
	return n
}

func alnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
