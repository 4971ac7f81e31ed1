package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// headings replaces goldmark's heading renderer with one that shifts
// levels by [Context.HeadingOffset], ends h2–h6 with an anchor link to the
// heading, and follows a heading that has its own when with a line saying
// when it is due ([Context.When]).
//
// The anchor is written by the renderer rather than added to the tree, so
// the tree holds only what the author wrote (glossary linking, which skips
// headings, and plain heading text need no special case for it).
//
// Of the attributes written on a heading only standard HTML ones go out,
// and style only with unsafe HTML: like raw HTML, it can restyle the page
// around it.
type headings struct {
	unsafe bool
}

func (e headings) Extend(m goldmark.Markdown) {
	// goldmark registers renderers from the highest priority value to the
	// lowest, the last registered winning: below the HTML renderer's 1000,
	// this one replaces its heading renderer.
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(headingRenderer(e), 100)))
}

type headingRenderer headings

func (r headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	filter := html.HeadingAttributeFilter
	if !r.unsafe {
		filter = withoutStyle{filter}
	}
	reg.Register(ast.KindHeading, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		return renderHeading(w, n.(*ast.Heading), entering, filter)
	})
}

// withoutStyle is an attribute filter that lets no style attribute
// through.
type withoutStyle struct{ util.BytesFilter }

func (f withoutStyle) Contains(name []byte) bool {
	return !strings.EqualFold(string(name), "style") && f.BytesFilter.Contains(name)
}

func renderHeading(w util.BufWriter, n *ast.Heading, entering bool, filter util.BytesFilter) (ast.WalkStatus, error) {
	// The level, and so the tags, move with the page's HeadingOffset (see
	// fragment).
	_, top := n.Parent().(*ast.Document)
	when, hasWhen := n.AttributeString("when")
	expr := ""
	if b, ok := when.([]byte); ok && hasWhen {
		expr = string(bytes.TrimSpace(b))
	}
	if entering {
		if top {
			// A heading ends the sections of the headings of its level
			// and deeper, and one with its own when starts one.
			rec := w.(*pageWriter).rec
			rec.closeSections(w, n.Level)
			if expr != "" {
				rec.sections = append(rec.sections, n.Level)
				holeAt(w, hole{kind: holeSectionOpen, expr: expr, level: n.Level})
			}
		}
		holeAt(w, hole{kind: holeHeadingOpen, level: n.Level})
		if n.Attributes() != nil {
			// when is not a standard attribute: it stays out.
			html.RenderAttributes(w, n, filter)
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	h := hole{kind: holeHeadingClose, level: n.Level}
	if id, ok := n.AttributeString("id"); ok {
		if id, ok := id.([]byte); ok {
			h.anchor, h.raw = true, util.EscapeHTML(id)
		}
	}
	h.expr = expr
	h.section = top && expr != ""
	holeAt(w, h)
	return ast.WalkContinue, nil
}
