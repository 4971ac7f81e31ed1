package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// rebasedLinks renders links and images through Context.Rebase, so that a
// relative link an author wrote for one page (a role guide at
// /roles/<role>/) still leads to the same place when its text is shown on
// another page (the role's checklist at /releases/<id>/<role>/). The shared
// tree is never changed: the new destination is only written out.
type rebasedLinks struct{ unsafe bool }

func (e rebasedLinks) Extend(m goldmark.Markdown) {
	// Below the HTML renderer's priority of 1000: these replace its link
	// and image renderers (see headings).
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(linkRenderer(e), 100)))
}

type linkRenderer rebasedLinks

func (r linkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, r.renderLink)
	reg.Register(ast.KindImage, r.renderImage)
}

// destination leaves the hole where a link's URL goes: the page rebases
// it (see fragment). It writes nothing itself.
func (r linkRenderer) destination(w util.BufWriter, dest []byte, image bool) []byte {
	holeAt(w, hole{kind: holeDestination, expr: string(dest), plain: destination(dest, r.unsafe), unsafe: r.unsafe, image: image, rebased: &rebasedMemo{}})
	return nil
}

func (r linkRenderer) renderLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(r.destination(w, n.Destination, false))
	_ = w.WriteByte('"')
	writeTitle(w, n.Title)
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func (r linkRenderer) renderImage(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	_, _ = w.WriteString(`<img src="`)
	_, _ = w.Write(r.destination(w, n.Destination, true))
	_, _ = w.WriteString(`" alt="`)
	text := plainText(n, source).Text
	_, _ = w.Write(util.EscapeHTML([]byte(text)))
	_ = w.WriteByte('"')
	writeTitle(w, n.Title)
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.ImageAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkSkipChildren, nil
}

// writeTitle writes a link's or image's title attribute, if it has one.
func writeTitle(w util.BufWriter, title []byte) {
	if title != nil {
		_, _ = w.WriteString(` title="`)
		_, _ = w.Write(util.EscapeHTML(title))
		_ = w.WriteByte('"')
	}
}
