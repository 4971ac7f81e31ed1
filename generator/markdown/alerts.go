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

// alerts turns GitHub's alerts into callouts: a blockquote whose first
// line is [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION] — in any
// letter case, with spaces after it — and that has something below that
// line. It is written as GitHub writes it, a
// <div class="markdown-alert markdown-alert-note"> whose first paragraph
// is its label ("Note"), so that the kind is in the text and not only in
// the colour the theme gives it. A blockquote with nothing but the marker
// stays a blockquote, as on GitHub.
//
// Other extensions for goldmark do this, but none is kept alongside
// goldmark itself, and one transformer and one renderer are less than a
// dependency to follow.
type alerts struct{}

func (alerts) Extend(m goldmark.Markdown) {
	// Before the glossary (500), so that the marker is never a term.
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(alertTransformer{}, 50)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(alertRenderer{}, 500)))
}

// alertKinds are the kinds of alert, as GitHub labels them.
var alertKinds = map[string]string{
	"note":      "Note",
	"tip":       "Tip",
	"important": "Important",
	"warning":   "Warning",
	"caution":   "Caution",
}

// kindAlert is the kind of an alert node.
var kindAlert = ast.NewNodeKind("Alert")

// alertNode is a callout: the blocks of the blockquote it was, less its
// marker line.
type alertNode struct {
	ast.BaseBlock
	// kind is "note", "tip", "important", "warning" or "caution".
	kind string
}

func (n *alertNode) Kind() ast.NodeKind { return kindAlert }

func (n *alertNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Kind": n.kind}, nil)
}

type alertTransformer struct{}

func (alertTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	// Innermost last: replacing an outer blockquote keeps the inner ones
	// in the tree, under the new node.
	for _, q := range quotes {
		if a := alertOf(q, source); a != nil {
			q.Parent().ReplaceChild(q.Parent(), q, a)
		}
	}
}

// alertOf returns the callout a blockquote is, nil if it is none.
func alertOf(q *ast.Blockquote, source []byte) *alertNode {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return nil
	}
	first := p.Lines().At(0)
	marker := bytes.TrimSpace(first.Value(source))
	if len(marker) < 4 || marker[0] != '[' || marker[1] != '!' || marker[len(marker)-1] != ']' {
		return nil
	}
	kind := string(bytes.ToLower(marker[2 : len(marker)-1]))
	if _, ok := alertKinds[kind]; !ok {
		return nil
	}
	if p.Lines().Len() == 1 && p.NextSibling() == nil {
		return nil // the marker alone
	}
	// The marker line's inline nodes go; the paragraph keeps the rest.
	for c := p.FirstChild(); c != nil; {
		next := c.NextSibling()
		t, ok := c.(*ast.Text)
		if !ok || t.Segment.Start >= first.Stop {
			break
		}
		p.RemoveChild(p, c)
		c = next
	}
	if p.Lines().Len() > 1 {
		lines := text.NewSegments()
		for i := 1; i < p.Lines().Len(); i++ {
			lines.Append(p.Lines().At(i))
		}
		p.SetLines(lines)
	}
	if !p.HasChildren() {
		q.RemoveChild(q, p)
	}
	a := &alertNode{kind: kind}
	a.SetLines(q.Lines())
	for c := q.FirstChild(); c != nil; {
		next := c.NextSibling()
		a.AppendChild(a, c)
		c = next
	}
	return a
}

type alertRenderer struct{}

func (alertRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindAlert, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		a := n.(*alertNode)
		if entering {
			_, _ = w.WriteString(`<div class="markdown-alert markdown-alert-` + a.kind + `">` + "\n")
			_, _ = w.WriteString(`<p class="markdown-alert-title">` + alertKinds[a.kind] + "</p>\n")
		} else {
			_, _ = w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
}
