package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// TextOptions say how [Doc.Text] writes what plain text cannot show as
// it is.
type TextOptions struct {
	// DateRef fills in an inline date reference, in prose and in template
	// blocks alike. It receives the expression with surrounding spaces
	// trimmed; ok=false, or a nil DateRef, leaves the reference as
	// written.
	DateRef func(expr string) (text string, ok bool)
	// Link turns a link's destination, as written, into the URL written
	// after the link's text: a calendar has no page to be relative to.
	// Nil writes destinations as they are.
	Link func(dest string) string
}

// Text is the document as a plain-text reader sees it, such as a
// calendar client showing an event's DESCRIPTION. It is read from the
// parsed document, so it agrees with the page on what is markup:
//
//   - paragraphs and headings are one line each (a hard line break
//     excepted), blocks are parted by a blank line;
//   - list items start with "- " or their number, and what they hold is
//     indented under them; task checkboxes are left out;
//   - emphasis, code and strikethrough markers are dropped, code spans and
//     code blocks keep their text as written;
//   - a link is its text followed by its URL in parentheses, unless the
//     text is the URL; an image is its alt text;
//   - table rows are their cells parted by " | ";
//   - raw HTML is left out, and so are links the page neutralises (their
//     text stays);
//   - inline date references, and those in template blocks, are filled in
//     by opts.DateRef;
//   - the text starts with no blank line and ends in no white space, but
//     a code block it opens with keeps the indentation of its first line.
func (d *Doc) Text(opts TextOptions) string {
	w := textWriter{source: d.source, opts: opts}
	return trimBlankLines(strings.TrimRightFunc(w.blocks(d.root, "\n\n"), unicode.IsSpace))
}

// trimBlankLines drops the blank lines s starts with, and no more: a
// document that opens with a code block keeps the indentation of its
// first line.
func trimBlankLines(s string) string {
	for {
		line, rest, ok := strings.Cut(s, "\n")
		if strings.TrimSpace(line) != "" {
			return s
		}
		if !ok {
			return ""
		}
		s = rest
	}
}

// textWriter writes a document's plain text.
type textWriter struct {
	source []byte
	opts   TextOptions
}

// blocks is the text of parent's child blocks, each parted from the next
// by sep; blocks without text are left out.
func (w *textWriter) blocks(parent ast.Node, sep string) string {
	var parts []string
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		if s := w.block(c); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, sep)
}

func (w *textWriter) block(n ast.Node) string {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *extast.DefinitionTerm:
		return w.inline(n)
	case *ast.List:
		return w.list(n)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return w.code(n, nil)
	case *templateBlock:
		return w.code(n, n.refs)
	case *ast.HTMLBlock, *ast.ThematicBreak:
		return ""
	case *extast.Table:
		var rows []string
		for row := n.FirstChild(); row != nil; row = row.NextSibling() {
			var cells []string
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				cells = append(cells, w.inline(cell))
			}
			rows = append(rows, strings.Join(cells, " | "))
		}
		return strings.Join(rows, "\n")
	case *extast.DefinitionList:
		return w.blocks(n, "\n")
	case *extast.DefinitionDescription:
		return indented("  ", w.blocks(n, "\n"))
	case *extast.Footnote:
		return hanging("["+strconv.Itoa(n.Index)+"] ", w.blocks(n, "\n"))
	case *extast.FootnoteList:
		return w.blocks(n, "\n")
	case *alertNode:
		return alertKinds[n.kind] + ": " + w.blocks(n, "\n\n")
	}
	return w.blocks(n, "\n\n") // a block quote, or a block a plain text shows as its content
}

// list is a list's items, one after the other, each under its marker.
func (w *textWriter) list(l *ast.List) string {
	var items []string
	number := l.Start
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		marker := "- "
		if l.IsOrdered() {
			marker = strconv.Itoa(number) + ". "
			number++
		}
		items = append(items, hanging(marker, w.blocks(item, "\n")))
	}
	return strings.Join(items, "\n")
}

// code is a code block's lines as written, with the date references of a
// template block (refs) filled in.
func (w *textWriter) code(n ast.Node, refs []templateRef) string {
	var b strings.Builder
	codeLines(n, w.source, refs,
		func(text []byte) { b.Write(text) },
		func(r templateRef) { b.WriteString(w.dateRef(r.expr, string(w.source[r.start:r.stop]))) })
	return strings.TrimRight(b.String(), "\r\n")
}

// inline is the text of a block of inline content: each line on one
// line, its runs of white space one space.
func (w *textWriter) inline(n ast.Node) string {
	var b strings.Builder
	w.inlines(&b, n)
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = oneLine(l)
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

func (w *textWriter) inlines(b *strings.Builder, parent ast.Node) {
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(textValue(c, w.source))
			switch {
			case c.HardLineBreak():
				b.WriteByte('\n')
			case c.SoftLineBreak():
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(stringValue(c))
		case *ast.AutoLink:
			b.Write(c.Label(w.source))
		case *ast.Link:
			from := b.Len()
			w.inlines(b, c)
			text := strings.TrimSpace(b.String()[from:])
			dest := string(c.Destination)
			if w.opts.Link != nil && dest != "" {
				dest = w.opts.Link(dest)
			}
			switch {
			case text == "":
				b.WriteString(dest)
			case dest != "" && dest != text:
				b.WriteString(" (" + dest + ")")
			}
		case *dateRefNode:
			b.WriteString(w.dateRef(c.Expr, string(w.source[c.start:c.stop])))
		case *extast.FootnoteLink:
			b.WriteString("[" + strconv.Itoa(c.Index) + "]")
		case *ast.RawHTML, *extast.TaskCheckBox, *extast.FootnoteBacklink:
		default: // emphasis, a code span, an image's alt text, a glossary term
			w.inlines(b, c)
		}
	}
}

// dateRef is the text of the date reference expr, or the reference as
// written when there is none.
func (w *textWriter) dateRef(expr, written string) string {
	if w.opts.DateRef != nil {
		if text, ok := w.opts.DateRef(expr); ok {
			return text
		}
	}
	return written
}

// hanging is text after marker, its later lines indented to line up
// under the first.
func hanging(marker, text string) string {
	return marker + indentLines(strings.Repeat(" ", len(marker)), text, false)
}

// indented is text with every line indented.
func indented(indent, text string) string { return indentLines(indent, text, true) }

// indentLines indents the lines of text that are not blank, the first one
// too when first is set.
func indentLines(indent, text string, first bool) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l != "" && (i > 0 || first) {
			lines[i] = indent + l
		}
	}
	return strings.Join(lines, "\n")
}
