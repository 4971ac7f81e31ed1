package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// Markdown is the task's text — its item's first paragraph, without the
// checkbox — written back as GitHub-flavoured markdown on one line, for a
// place that shows markdown itself (an issue, a pull request). It is
// written from the parsed text, so it keeps what the author marked up
// (emphasis, code, links, escapes as written) and can hold no block: each
// line break is a space, so no list item, heading or quote can start in
// it. opts work as for [Doc.Text]: DateRef fills in inline date
// references (its text is escaped, so that it shows as given), and Link
// rewrites link and image destinations, so that relative ones can be made
// absolute.
func (t *Task) Markdown(opts TextOptions) string {
	w := inlineWriter{source: t.doc.source, opts: opts}
	w.children(t.item.FirstChild())
	return strings.TrimSpace(w.b.String())
}

// EscapeText escapes s, plain text, for markdown: every character that
// could start markup (emphasis, code, a link, raw HTML, a character
// reference, a heading's closing hashes, a table cell) is
// backslash-escaped, and white space is one space, so that s shows as
// written on one line.
func EscapeText(s string) string {
	var b strings.Builder
	for i, r := range oneLine(s) {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '&':
			b.WriteByte('\\')
		case '+', '-', '=':
			if i == 0 { // a list item or a setext underline at a line's start
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// inlineWriter writes inline nodes back as markdown.
type inlineWriter struct {
	source []byte
	opts   TextOptions
	b      strings.Builder
}

func (w *inlineWriter) children(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.node(c)
	}
}

func (w *inlineWriter) node(n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		// As written, escapes included; a line break is a space.
		v := string(n.Segment.Value(w.source))
		if n.SoftLineBreak() || n.HardLineBreak() {
			v = strings.TrimRight(v, " \t")
			if n.HardLineBreak() {
				v = strings.TrimSuffix(v, "\\")
			}
			v += " "
		}
		w.b.WriteString(tildesEscaped(strings.NewReplacer("\r", " ", "\n", " ").Replace(v)))
	case *ast.String:
		w.b.WriteString(EscapeText(stringValue(n)))
	case *ast.CodeSpan:
		var code strings.Builder
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				code.Write(t.Segment.Value(w.source))
			}
		}
		w.code(strings.NewReplacer("\r\n", " ", "\n", " ").Replace(code.String()))
	case *ast.Emphasis:
		mark := strings.Repeat(string(w.delimiter(n)), n.Level)
		w.b.WriteString(mark)
		w.children(n)
		w.b.WriteString(mark)
	case *extast.Strikethrough:
		// Always two tildes: literal ones in text are escaped (see
		// tildesEscaped), so the pair cannot merge with them.
		w.b.WriteString("~~")
		w.children(n)
		w.b.WriteString("~~")
	case *ast.Link:
		w.b.WriteString("[")
		w.children(n)
		w.b.WriteString("](")
		w.destination(string(n.Destination), n.Title)
	case *ast.Image:
		w.b.WriteString("![")
		w.children(n)
		w.b.WriteString("](")
		w.destination(string(n.Destination), n.Title)
	case *ast.AutoLink:
		label := string(n.Label(w.source))
		if n.AutoLinkType == ast.AutoLinkEmail || strings.Contains(string(n.URL(w.source)), ":") && !strings.ContainsAny(label, "<> ") {
			w.b.WriteString("<" + label + ">")
		} else {
			w.b.WriteString(EscapeText(label))
		}
	case *dateRefNode:
		written := string(w.source[n.start:n.stop])
		if w.opts.DateRef != nil {
			if text, ok := w.opts.DateRef(n.Expr); ok {
				w.b.WriteString(EscapeText(text))
				return
			}
		}
		w.b.WriteString(EscapeText(written))
	case *ast.RawHTML:
		// Shown as written, never as markup: a "<Project Name>"
		// placeholder stays readable.
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			w.b.WriteString(EscapeText(string(seg.Value(w.source))))
		}
	case *extast.TaskCheckBox, *taskLabelEnd:
	default:
		w.children(n)
	}
}

// delimiter returns the character emphasis n was written with, '*' or
// '_', so that it reads back as written: the two differ inside words
// and next to each other. It is the character its delimiter run starts
// with, found from the first text inside it; '*' when no text starts it.
func (w *inlineWriter) delimiter(n *ast.Emphasis) byte {
	depth := 0
	var c ast.Node = n
	for {
		e, ok := c.(*ast.Emphasis)
		if !ok {
			break
		}
		depth += e.Level
		c = e.FirstChild()
	}
	if t, ok := c.(*ast.Text); ok {
		if i := t.Segment.Start - depth; i >= 0 && i < len(w.source) && (w.source[i] == '_' || w.source[i] == '*') {
			return w.source[i]
		}
	}
	return '*'
}

// tildesEscaped is markdown source s with its unescaped tildes escaped:
// a tilde in text is literal, and must stay so beside the strikethrough
// this writer writes, always with two tildes, whichever the author used.
func tildesEscaped(s string) string {
	if !strings.Contains(s, "~") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			b.WriteByte('\\')
			if i+1 < len(s) {
				i++
				b.WriteByte(s[i])
			}
		case '~':
			b.WriteString(`\~`)
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// code writes a code span with a fence of more backticks than any run in
// it, padded with spaces where it starts or ends with a backtick.
func (w *inlineWriter) code(s string) {
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	pad := ""
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		pad = " "
	}
	w.b.WriteString(fence + pad + s + pad + fence)
}

// destination writes a link's destination and title, and the closing
// parenthesis.
func (w *inlineWriter) destination(dest string, title []byte) {
	if w.opts.Link != nil {
		dest = w.opts.Link(dest)
	}
	if dest == "" || strings.ContainsAny(dest, " ()<>\n") {
		dest = "<" + strings.NewReplacer("<", "%3C", ">", "%3E", "\n", "%0A").Replace(dest) + ">"
	}
	w.b.WriteString(dest)
	if len(title) > 0 {
		w.b.WriteString(` "` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ").Replace(string(title)) + `"`)
	}
	w.b.WriteString(")")
}
