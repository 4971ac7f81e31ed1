package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// dateRefs adds inline date references, `{{code-freeze - 1w}}`. The parser
// only records them: what they stand for depends on the page, so they are
// resolved while rendering, by [Context.DateRef].
type dateRefs struct{}

func (dateRefs) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(dateRefParser{}, 500)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(dateRefRenderer{}, 500)))
}

// kindDateRef is the node kind of a date reference.
var kindDateRef = ast.NewNodeKind("DateRef")

// dateRefNode is a date reference: its expression, and where the
// reference is written, braces included.
type dateRefNode struct {
	ast.BaseInline
	Expr        string
	start, stop int
}

func (n *dateRefNode) Kind() ast.NodeKind { return kindDateRef }

func (n *dateRefNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Expr": n.Expr}, nil)
}

// dateRefAt reports whether line starts with a date reference: "{{", an
// expression that is not blank and holds no braces, "}}", all on one line.
// It returns the reference's length and its expression, trimmed.
func dateRefAt(line []byte) (n int, expr string, ok bool) {
	if !bytes.HasPrefix(line, []byte("{{")) {
		return 0, "", false
	}
	// Stopping at the first brace, rather than looking for "}}", keeps a
	// line full of braces from taking quadratic time.
	end := bytes.IndexAny(line[2:], "{}\r\n")
	if end < 0 || !bytes.HasPrefix(line[2+end:], []byte("}}")) {
		return 0, "", false
	}
	inner := line[2 : 2+end]
	if len(bytes.TrimSpace(inner)) == 0 {
		return 0, "", false
	}
	return 2 + end + 2, string(bytes.TrimSpace(inner)), true
}

// dateRefParser finds date references in inline text. Code spans,
// autolinks, raw HTML and link destinations are consumed by their own
// parsers, so `{{` inside them stays literal; a backslash before the
// braces (`\{{`) does too.
type dateRefParser struct{}

func (dateRefParser) Trigger() []byte { return []byte{'{'} }

func (dateRefParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	n, expr, ok := dateRefAt(line)
	if !ok {
		return nil
	}
	block.Advance(n)
	return &dateRefNode{Expr: expr, start: seg.Start, stop: seg.Start + n}
}

type dateRefRenderer struct{}

func (dateRefRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindDateRef, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		n := node.(*dateRefNode)
		holeAt(w, hole{kind: holeDateRef, expr: n.Expr, raw: util.EscapeHTML(source[n.start:n.stop])})
		return ast.WalkSkipChildren, nil
	})
}

// templateBlocks turns fenced code blocks whose info string is `template`
// into template blocks: texts to copy, such as an announcement e-mail,
// whose date references are filled in with plain text.
type templateBlocks struct{}

func (templateBlocks) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(templateBlocks{}, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(templateBlockRenderer{}, 500)))
}

// kindTemplateBlock is the node kind of a template block.
var kindTemplateBlock = ast.NewNodeKind("TemplateBlock")

// templateBlock is a template code block. Its lines are the code block's;
// refs are the date references in them, in order.
type templateBlock struct {
	ast.BaseBlock
	refs []templateRef
}

// templateRef is a date reference in a template block, and where it is
// written, braces included.
type templateRef struct {
	expr        string
	start, stop int
}

func (n *templateBlock) Kind() ast.NodeKind { return kindTemplateBlock }
func (n *templateBlock) IsRaw() bool        { return true }

func (n *templateBlock) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, nil, nil)
}

func (templateBlocks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	var blocks []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if b, ok := n.(*ast.FencedCodeBlock); ok && entering {
			if string(b.Language(source)) == "template" {
				blocks = append(blocks, b)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, b := range blocks {
		t := &templateBlock{}
		t.SetLines(b.Lines())
		for i := 0; i < b.Lines().Len(); i++ {
			seg := b.Lines().At(i)
			line := source[seg.Start:seg.Stop]
			for j := 0; j < len(line); {
				n, expr, ok := dateRefAt(line[j:])
				if !ok {
					j++
					continue
				}
				t.refs = append(t.refs, templateRef{expr: expr, start: seg.Start + j, stop: seg.Start + j + n})
				j += n
			}
		}
		b.Parent().ReplaceChild(b.Parent(), b, t)
	}
}

type templateBlockRenderer struct{}

func (templateBlockRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTemplateBlock, renderTemplateBlock)
}

// renderTemplateBlock writes a template block with its references filled
// in. The copy button is hidden until the site's JavaScript, which does
// the copying, shows it.
func renderTemplateBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*templateBlock)
	_, _ = w.WriteString(`<div class="template-block"><button type="button" class="copy" hidden>Copy</button><pre><code>`)
	codeLines(n, source, n.refs,
		func(text []byte) { _, _ = w.Write(util.EscapeHTML(text)) },
		func(r templateRef) {
			holeAt(w, hole{kind: holeTemplateRef, expr: r.expr, raw: util.EscapeHTML(source[r.start:r.stop])})
		})
	_, _ = w.WriteString("</code></pre></div>\n")
	return ast.WalkSkipChildren, nil
}

// codeLines walks the lines of a code block in order: text for what is
// written as it is (a line's indentation included), ref for each of refs,
// the date references in the lines, in order.
func codeLines(n ast.Node, source []byte, refs []templateRef, text func([]byte), ref func(templateRef)) {
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		if seg.Padding > 0 {
			text(bytes.Repeat([]byte{' '}, seg.Padding))
		}
		at := seg.Start
		for len(refs) > 0 && refs[0].start < seg.Stop {
			r := refs[0]
			refs = refs[1:]
			text(source[at:r.start])
			ref(r)
			at = r.stop
		}
		text(source[at:seg.Stop])
	}
}
