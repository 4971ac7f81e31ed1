package markdown

import (
	"bytes"
	"html/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// dateRefs adds inline date references, `{{code-freeze - 1w}}`. A reference
// lies on one line and holds no braces. Code spans and code blocks are
// parsed before inline text, so `{{` inside them stays literal.
type dateRefs struct {
	resolve func(expr string) (template.HTML, bool)
}

func (e dateRefs) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(dateRefParser(e), 500)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(dateRefRenderer{}, 500)))
}

// kindDateRef is the node kind of a resolved date reference.
var kindDateRef = ast.NewNodeKind("DateRef")

// dateRefNode is a resolved reference: the expression as written and the
// HTML it stands for.
type dateRefNode struct {
	ast.BaseInline
	Expr string
	HTML template.HTML
}

func (n *dateRefNode) Kind() ast.NodeKind { return kindDateRef }

func (n *dateRefNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Expr": n.Expr}, nil)
}

type dateRefParser dateRefs

func (dateRefParser) Trigger() []byte { return []byte{'{'} }

func (p dateRefParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("{{")) {
		return nil
	}
	end := bytes.Index(line[2:], []byte("}}"))
	if end < 0 {
		return nil
	}
	inner := line[2 : 2+end]
	expr := string(bytes.TrimSpace(inner))
	if expr == "" || bytes.ContainsAny(inner, "{}") {
		return nil
	}
	html, ok := p.resolve(expr)
	if !ok {
		return nil
	}
	block.Advance(2 + end + 2)
	return &dateRefNode{Expr: expr, HTML: html}
}

type dateRefRenderer struct{}

func (dateRefRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindDateRef, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(string(n.(*dateRefNode).HTML))
		}
		return ast.WalkSkipChildren, nil
	})
}
