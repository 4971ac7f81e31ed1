package render

import (
	"strings"
)

// The components (see tasklist.go, moment.go, chart.go) are markup
// written in Go; what they write of an author's text, they escape the
// way html/template escapes it in the same place, so that a page reads
// the same whichever wrote each part of it (FuzzEscapingSameAsTemplates).

// appendEscaped appends s as html/template escapes a plain string in
// text and in a quoted attribute value (htmlReplacementTable): the same
// few characters in both.
func appendEscaped(out []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		repl := htmlEscapes[s[i]]
		if repl == "" {
			continue
		}
		out = append(out, s[last:i]...)
		out = append(out, repl...)
		last = i + 1
	}
	return append(out, s[last:]...)
}

// htmlEscapes is what appendEscaped writes for each byte it replaces: a
// table, because most text has none of them and is scanned byte by byte.
var htmlEscapes = [256]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// appendURL appends s as html/template writes a value at the start of a
// URL attribute (href, src): a URL with a scheme other than http, https
// or mailto replaced by "#ZgotmplZ" unless trusted (a template.URL), then
// normalized (percent-encoded where a URL may not hold a byte as it is)
// and escaped for the attribute.
func appendURL(out []byte, s string, trusted bool) []byte {
	if !trusted {
		if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
			!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
			s = "#ZgotmplZ"
		}
	}
	last := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0:
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue // an escape already (but not at the very end, as html/template has it)
		}
		out = appendEscaped(out, s[last:i])
		out = append(out, '%', hexDigits[s[i]>>4], hexDigits[s[i]&15])
		last = i + 1
	}
	return appendEscaped(out, s[last:])
}

const hexDigits = "0123456789abcdef"

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
