// Package markdown turns the markdown a handbook author writes — release
// summaries, milestone and phase descriptions, and later role guides and
// pages — into HTML that can be put into a page as is.
//
// relbook's dialect is CommonMark plus the GitHub extensions (tables,
// strikethrough, task lists, autolinks), typographic punctuation, footnotes,
// definition lists and heading attributes (`## Week 1 {when="week 1"}`, of
// which only standard HTML attributes such as id and class are written out).
// Headings get ids made from their text, as in Hugo and GitHub.
//
// The output is safe to embed whatever the author wrote, which matters
// because handbooks take pull requests from many people:
//
//   - raw HTML in the markdown is left out (an HTML comment marks where)
//     unless [Options.UnsafeHTML] is set, the handbook's `unsafe_html`;
//   - links, images and autolinks whose URL uses the javascript:, vbscript:,
//     data: or file: scheme are neutralised, with or without UnsafeHTML:
//     a link keeps its text, an image its alt text, an autolink its label.
//
// Inline date references (`{{code-freeze}}`, `{{code-freeze - 1w}}`) are
// recognised when [Options.DateRef] is set; what a reference stands for is
// the caller's business, since only the caller knows which release a page
// is about.
//
// [New] builds the goldmark instance the way goldmark extensions are built —
// an [goldmark.Extender] per feature, AST transformers for what rewrites the
// tree — so relbook's later features (when-anchored tasks, glossary links)
// slot in as further extensions.
package markdown

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// Options configure a [Markdown].
type Options struct {
	// UnsafeHTML renders raw HTML written in the markdown instead of leaving
	// it out. Dangerous link URLs are neutralised either way.
	UnsafeHTML bool

	// DateRef, when set, is asked what an inline date reference
	// `{{expr}}` stands for; it receives the text between the braces with
	// surrounding spaces trimmed. Its HTML is written out as is, so it
	// must be escaped already. When it reports false, the reference is
	// left in the text as written, for `check` to complain about. When
	// DateRef is nil, `{{` is ordinary text.
	DateRef func(expr string) (template.HTML, bool)
}

// Markdown renders relbook markdown. It is safe for concurrent use.
type Markdown struct {
	md goldmark.Markdown
}

// New returns a renderer configured by opts.
func New(opts Options) *Markdown {
	exts := []goldmark.Extender{
		extension.GFM,
		extension.Typographer,
		extension.Footnote,
		extension.DefinitionList,
		safeURLs{},
	}
	if opts.DateRef != nil {
		exts = append(exts, dateRefs{opts.DateRef})
	}
	var rendererOpts []goldmark.Option
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	return &Markdown{md: goldmark.New(append([]goldmark.Option{
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAttribute(), parser.WithAutoHeadingID()),
	}, rendererOpts...)...)}
}

// Render converts markdown to HTML.
func (m *Markdown) Render(src string) (template.HTML, error) {
	source := []byte(src)
	return m.render(source, m.md.Parser().Parse(text.NewReader(source)))
}

// RenderInline converts one line of markdown — a title, a note — to HTML
// that fits inside a paragraph or a table cell: a lone paragraph loses its
// <p> wrapper. Text that is more than one paragraph renders as [Render]
// would.
func (m *Markdown) RenderInline(src string) (template.HTML, error) {
	source := []byte(src)
	doc := m.md.Parser().Parse(text.NewReader(source))
	if p, ok := doc.FirstChild().(*ast.Paragraph); ok && doc.ChildCount() == 1 {
		// A TextBlock is the paragraph of a tight list: the HTML renderer
		// writes its content without a wrapper.
		tb := ast.NewTextBlock()
		tb.SetLines(p.Lines())
		for c := p.FirstChild(); c != nil; {
			next := c.NextSibling()
			tb.AppendChild(tb, c)
			c = next
		}
		doc.ReplaceChild(doc, p, tb)
	}
	out, err := m.render(source, doc)
	return template.HTML(strings.TrimSpace(string(out))), err
}

func (m *Markdown) render(source []byte, doc ast.Node) (template.HTML, error) {
	var buf bytes.Buffer
	if err := m.md.Renderer().Render(&buf, source, doc); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}
