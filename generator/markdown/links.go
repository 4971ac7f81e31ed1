package markdown

import (
	"bytes"
	stdhtml "html"
	"strings"

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

// rawLinks renders raw HTML, where it is rendered at all (UnsafeHTML), as
// goldmark does, but for the href of an <a> and the src of an <img>,
// which go through Context.Rebase and Context.RebaseImage as markdown
// links and images do: the same link leads to the same place whichever
// way it is written.
type rawLinks struct{}

func (rawLinks) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(rawLinks{}, 100)))
}

func (rawLinks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := node.(*ast.RawHTML).Segments
			for i := range segs.Len() {
				seg := segs.At(i)
				writeRawHTML(w, seg.Value(source), false)
			}
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*ast.HTMLBlock)
		if entering {
			for i := range n.Lines().Len() {
				line := n.Lines().At(i)
				writeRawHTML(w, line.Value(source), true)
			}
		} else if n.HasClosure() {
			writeRawHTML(w, n.ClosureLine.Value(source), true)
		}
		return ast.WalkContinue, nil
	})
}

// writeRawHTML writes raw HTML with a destination hole for every link in
// it (see rawLinkSpans). secure replaces NUL bytes, as goldmark does in
// HTML blocks.
func writeRawHTML(w util.BufWriter, raw []byte, secure bool) {
	write := func(b []byte) {
		if secure {
			b = bytes.ReplaceAll(b, []byte{0}, []byte("\ufffd"))
		}
		_, _ = w.Write(b)
	}
	at := 0
	for _, s := range rawLinkSpans(raw) {
		write(raw[at:s.start])
		value := raw[s.start:s.end]
		holeAt(w, hole{kind: holeDestination, expr: stdhtml.UnescapeString(string(value)), plain: bytes.Clone(value), unsafe: true, image: s.image, rebased: &rebasedMemo{}})
		at = s.end
	}
	write(raw[at:])
}

// rawLink is the value of an <a href> or <img src> in raw HTML.
type rawLink struct {
	start, end int
	image      bool
}

// rawLinkSpans finds the href of every <a> tag and the src of every
// <img> tag that starts in raw: the offsets of the value, inside its
// quotes if it has them.
func rawLinkSpans(raw []byte) []rawLink {
	var out []rawLink
	for i := 0; i < len(raw); i++ {
		if raw[i] != '<' {
			continue
		}
		if bytes.HasPrefix(raw[i:], []byte("<!--")) {
			end := bytes.Index(raw[i+4:], []byte("-->"))
			if end < 0 {
				return out
			}
			i += 4 + end + 2
			continue
		}
		j := i + 1
		for j < len(raw) && isASCIILetter(raw[j]) {
			j++
		}
		var attr string
		switch strings.ToLower(string(raw[i+1 : j])) {
		case "a":
			attr = "href"
		case "img":
			attr = "src"
		default:
			continue
		}
		// Attributes, up to the end of the tag.
		for j < len(raw) && raw[j] != '>' {
			for j < len(raw) && (util.IsSpace(raw[j]) || raw[j] == '/') {
				j++
			}
			nameStart := j
			for j < len(raw) && !util.IsSpace(raw[j]) && raw[j] != '=' && raw[j] != '>' && raw[j] != '/' {
				j++
			}
			name := strings.ToLower(string(raw[nameStart:j]))
			for j < len(raw) && util.IsSpace(raw[j]) {
				j++
			}
			if j >= len(raw) || raw[j] != '=' {
				if j == nameStart && j < len(raw) && raw[j] != '>' {
					j++ // a stray character: step over it
				}
				continue
			}
			j++
			for j < len(raw) && util.IsSpace(raw[j]) {
				j++
			}
			var start, end int
			if j < len(raw) && (raw[j] == '"' || raw[j] == '\'') {
				q := raw[j]
				start = j + 1
				end = bytes.IndexByte(raw[start:], q)
				if end < 0 {
					return out // an unclosed quote: not a tag
				}
				end += start
				j = end + 1
			} else {
				start = j
				for j < len(raw) && !util.IsSpace(raw[j]) && raw[j] != '>' {
					j++
				}
				end = j
			}
			if name == attr {
				out = append(out, rawLink{start, end, attr == "src"})
			}
		}
		i = j
	}
	return out
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
