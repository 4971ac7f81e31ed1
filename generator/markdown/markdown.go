// Package markdown parses the markdown a handbook author writes — role
// guides, free pages, release summaries, milestone and phase descriptions —
// and renders it to HTML that can be put into a page as is.
//
// # Parse once, render many times
//
// A role guide is shown as the guide page and as one dated checklist per
// release, so the two steps are separate. [Markdown.Parse] reads a document
// once into a [Doc]: the goldmark tree with every transform already applied,
// plus what the rest of relbook needs to know about it —
//
//   - [Doc.Headings]: every heading with its id, plain text, level and
//     `when` (its own `{when="week 3"}` attribute, else its parent
//     heading's);
//   - [Doc.Tasks]: the GitHub task-list items (`- [ ]`, `1. [ ]`), each
//     anchored to the `when` of the nearest heading above it, with an id
//     made of that heading's id and a slug of the task's text; nested task
//     items are the [Task.Steps] of their parent;
//   - [Doc.Refs]: every inline date reference `{{code-freeze - 1w}}`;
//   - [Doc.Problems]: author mistakes worth a `check` message, with the line
//     and column they are at: a `{when` that goldmark left in a heading's
//     text (`{when=week 1}`), and a when attribute that is empty, not
//     quoted or not spelt in lower case;
//   - [Doc.Warnings]: what a reader will not see although the author
//     wrote it: raw HTML left out because raw HTML is off (a `<Project
//     Name>` placeholder in prose, an HTML table);
//
// [Doc.Render] then writes a Doc for one page, described by a [Context]:
// how date references and `when` read on that page, where the glossary
// is, and which glossary terms the page has linked already. A Doc renders
// with the Markdown that parsed it, so the rest of relbook holds parsed
// documents only, never the Markdown. Dates are the caller's business —
// this package never evaluates an expression, it only hands expressions
// to the Context — because only the caller knows which release a page is
// about. A page that shows a guide as a dated checklist also sets
// [Context.TaskIDPrefix], which makes every task's box the reader's to
// tick, and [Context.Section], which wraps each dated section (a top-level
// heading with its own `when`, to the next heading of its level) in the
// page's own markup. [Task.Render] writes one task for a checklist ([Task.AppendLabel]
// and [Task.AppendBody] into a buffer), and [Markdown.RenderString] and
// [Markdown.RenderInline] parse and render a small fragment in one go.
//
// Rendering is itself done once: the first time a Doc or a task is
// rendered, goldmark writes it with a hole wherever a Context decides
// something, and every page after that only fills in the holes (see
// fragment). A large handbook shows each guide on a thousand checklists.
//
// A Doc is never changed after Parse returns, but for the rendering it
// keeps of itself, and a [Markdown] holds no per-page state, so any
// number of goroutines may render the same Doc at once, each with its own
// Context. A Doc may also outlive the build that parsed it: the live
// preview keeps the documents whose text did not change from one build
// to the next, each with the Markdown that parsed it and the renderings
// it keeps of itself.
//
// # The dialect
//
// relbook's markdown is CommonMark plus the GitHub extensions (tables,
// strikethrough, task lists, autolinks), typographic punctuation,
// footnotes, definition lists and heading attributes, and:
//
//   - Headings get the ids GitHub gives them (see githubSlugs), so that a
//     "#fragment" written for a document on GitHub finds its heading, or
//     the one written as `{#id}`. Of the attributes written on a heading only
//     standard HTML ones such as id and class are written out — never
//     `when` — and every h2–h6 ends with a visible `#` anchor link to
//     itself. A heading whose own `when` the page can describe is followed
//     by `<p class="due">` saying when it is due ([Context.When]).
//     [Context.HeadingOffset] moves headings down a level or more, so a
//     fragment can sit under a page's own h1.
//   - `{{expr}}` is an inline date reference: one line, no braces inside,
//     not empty. It is never recognised in code spans, code blocks, link
//     destinations or after a backslash (`\{{`). [Context.DateRef] says
//     what it stands for on a page; unresolved, it is written as it stands.
//   - A fenced code block whose info string is `template` is a text to copy
//     (an announcement e-mail, say): its date references are filled in with
//     plain text, and it is written as a `<div class="template-block">`
//     with a copy button the site's JavaScript reveals. In any other code
//     block `{{` is literal.
//   - GitHub's alerts, a blockquote whose first line is `[!NOTE]`,
//     `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]`, are callouts
//     labelled with their kind (see alerts).
//   - Code blocks in a language chroma knows are syntax-highlighted with CSS
//     classes (themes/default/static/highlight.css has the colours, for
//     light and dark mode); other code blocks are written plainly.
//   - The names and aliases of glossary terms ([Options.Glossary]) become
//     links to the glossary — the first use of each term on a page only,
//     and never in headings, links, images, code or raw HTML elements.
//     See [Term] for how words are matched.
//
// # Safety
//
// The output is safe to embed whatever the author wrote, which matters
// because handbooks take pull requests from many people:
//
//   - raw HTML in the markdown is left out (an HTML comment marks where)
//     unless [Options.UnsafeHTML] is set, the handbook's `unsafe_html`;
//   - links, images and autolinks whose URL uses the javascript:, vbscript:,
//     data: or file: scheme are neutralised, with or without UnsafeHTML:
//     a link keeps its text, an image its alt text, an autolink its label;
//   - text from the Context (dates, the glossary URL) and from the glossary
//     is escaped, except the HTML that [Context.DateRef] and
//     [Context.When] return, which the caller must have escaped.
//
// # How it is built
//
// Every feature is a goldmark extension, the way goldmark's own are: inline
// parsers for date references, AST transformers for template blocks,
// glossary terms and unsafe links, node renderers for what they produce.
// Nothing rewrites HTML after the fact. The node renderers never see a
// page: where the page decides, they leave a hole in the fragment being
// recorded (see fragment and pageWriter), and the holes are filled from
// the page's Context, in the order a direct rendering would have asked
// it. The goldmark instance is built once by [New] and shared by every
// page.
package markdown

//go:generate go run ./internal/highlightcss -o ../../themes/default/static/highlight.css

import (
	"bytes"
	"html/template"
	"strings"
	"sync"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Options configure a [Markdown].
type Options struct {
	// UnsafeHTML renders raw HTML written in the markdown instead of leaving
	// it out. Dangerous link URLs are neutralised either way.
	UnsafeHTML bool

	// Glossary lists the terms whose names and aliases link to the glossary.
	// Nil means no glossary linking.
	Glossary []Term
}

// Term is a glossary entry as far as linking is concerned.
//
// Its Name and each of its Aliases are matched in the text of a document
// as whole words: no letter or digit may come right before or after. A
// name or alias with an upper-case letter after its first character (AoE,
// FFE, RC, CI signal) is matched with exactly that case, so that "rc" in
// prose is not RC; any other (release team, Code freeze) is matched
// ignoring case, a capital first letter being how glossary names are
// written rather than part of the word. A trailing plural "s" may follow
// (RCs, shadows). Where names overlap, the longest wins: "code freeze
// exception" before "code freeze". Whitespace inside a name matches any
// run of whitespace, line breaks included.
//
// The first use of a term on a page links to the glossary's #ID. A
// case-sensitive spelling of a term with an Expansion is an abbreviation
// (FFE) and is written as <abbr title="Expansion">; any other linked use
// has the Expansion, or else the Name, as the link's title.
type Term struct {
	// ID is the term's anchor on the glossary page.
	ID string
	// Name is how the term is written.
	Name string
	// Expansion is what an abbreviation stands for; optional.
	Expansion string
	// Aliases are other spellings that link to the term.
	Aliases []string
}

// Markdown parses and renders relbook markdown. It is safe for concurrent
// use.
type Markdown struct {
	md goldmark.Markdown
	// unsafe is Options.UnsafeHTML: without it, raw HTML is left out and
	// Parse warns where (Doc.Warnings).
	unsafe bool
}

// New returns a Markdown configured by opts.
func New(opts Options) *Markdown {
	exts := []goldmark.Extender{
		extension.GFM,
		extension.Typographer,
		extension.Footnote,
		boundedFootnotes{},
		boundedHeadings{},
		extension.DefinitionList,
		highlighting.NewHighlighting(
			// Classes rather than inline styles, so that highlight.css can
			// recolour code for dark mode.
			highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
			highlighting.WithWrapperRenderer(wrapCode),
		),
		githubSlugs{},
		dateRefs{},
		templateBlocks{},
		alerts{},
		headings{unsafe: opts.UnsafeHTML},
		rebasedLinks{unsafe: opts.UnsafeHTML},
		accessible{},
		safeURLs{},
		taskIDs{},
	}
	if len(opts.Glossary) > 0 {
		exts = append(exts, newGlossary(opts.Glossary))
	}
	var rendererOpts []goldmark.Option
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
		exts = append(exts, rawLinks{})
	}
	return &Markdown{unsafe: opts.UnsafeHTML, md: goldmark.New(append([]goldmark.Option{
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAttribute(), parser.WithAutoHeadingID()),
	}, rendererOpts...)...)}
}

// wrapCode writes what goes around a code block: nothing around chroma's
// own <pre> but a line break after it, and <pre><code> around a block
// chroma does not know the language of, as goldmark would.
func wrapCode(w util.BufWriter, c highlighting.CodeBlockContext, entering bool) {
	switch {
	case c.Highlighted():
		if !entering {
			_ = w.WriteByte('\n')
		}
	case entering:
		_, _ = w.WriteString("<pre><code")
		if lang, ok := c.Language(); ok {
			_, _ = w.WriteString(` class="language-`)
			_, _ = w.Write(util.EscapeHTML(lang))
			_ = w.WriteByte('"')
		}
		_ = w.WriteByte('>')
	default:
		_, _ = w.WriteString("</code></pre>\n")
	}
}

// Context is one page being rendered.
//
// Every fragment rendered with the same Context belongs to the same page
// and shares its glossary state: only the first use of a term on the page
// links to the glossary. A Context must not be copied after its first use;
// use a new one for each page. It may be used from several goroutines, but
// which fragment then links a term first is up to the scheduler.
type Context struct {
	// DateRef resolves an inline date reference: html for prose (a <time>
	// element, say, written as is, so it must be escaped already) and
	// plain text for template blocks (escaped here). It receives the
	// expression with surrounding spaces trimmed. ok=false, or a nil
	// DateRef, leaves the reference as written.
	DateRef func(expr string) (html template.HTML, text string, ok bool)

	// When describes a heading's own `when` for readers ("Due <time
	// ...>Friday 23 October 2026</time>"), written as <p class="due"> right
	// after the heading. Nil, or an empty result, writes nothing. Headings
	// that only inherit their when get nothing either.
	When func(expr string) template.HTML

	// GlossaryURL is the glossary page's URL relative to this page, such as
	// "../../glossary/". Empty disables glossary links.
	GlossaryURL string

	// Skip is a term id that must not link: the glossary entry being
	// defined.
	Skip string

	// HeadingOffset moves headings down: 1 turns # into <h2>. Levels stop
	// at h6.
	HeadingOffset int

	// Rebase, when set, rewrites every link and image destination before
	// it is written, so that relative links written for the page a text
	// belongs to still work on the page showing it. It receives the
	// destination as written and must return it unchanged when it is not
	// relative.
	Rebase func(dest string) string
	// RebaseImage, when set, is Rebase for images: an image may be
	// published at another address than a link to the same file (a
	// repository's raw file rather than its page about the file).
	RebaseImage func(dest string) string

	// TaskIDPrefix, when set, makes every task's checkbox the reader's
	// to tick: <input type="checkbox" id="<prefix><task id>"> with the
	// task's text in its <label>, as a dated checklist shows the guide.
	// Without it the boxes are read-only, as a guide shows them.
	TaskIDPrefix string

	// Section, when set, is asked about each top-level heading with its
	// own when: the section it heads, from the heading to the next
	// heading of its level or a higher one, is written inside
	// Section.Open and Section.Close, and Section.Head follows the
	// heading in place of the When note. An empty Open makes no section.
	Section func(expr string) Section

	mu sync.Mutex
	// linked are the terms linked on this page so far: a bit per term of
	// the glossary in gloss (see term.index), and by id for any other.
	gloss  *glossary
	bits   []uint64
	linked map[string]bool
	// glossaryURL is GlossaryURL escaped, once per page.
	glossaryURL    []byte
	glossaryURLFor string
}

// Section is the markup around a dated section of a document (see
// Context.Section), already escaped: a <details> whose <summary> holds
// the heading and Head, say.
type Section struct {
	Open, Head, Close template.HTML
}

// firstUse reports whether the term t should link here, and remembers
// that the page has linked it.
func (c *Context) firstUse(t *term) bool {
	if c.GlossaryURL == "" || t.ID == c.Skip {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gloss == nil {
		c.gloss, c.bits = t.gloss, make([]uint64, (len(t.gloss.terms)+63)/64)
	}
	if t.gloss == c.gloss {
		w, bit := t.index/64, uint64(1)<<(t.index%64)
		if c.bits[w]&bit != 0 {
			return false
		}
		c.bits[w] |= bit
		return true
	}
	if c.linked[t.ID] {
		return false
	}
	if c.linked == nil {
		c.linked = map[string]bool{}
	}
	c.linked[t.ID] = true
	return true
}

// Linked reports whether the page has linked the glossary term id so far
// (a term links at its first use on a page): the terms a page uses.
func (c *Context) Linked(id string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.linked[id] {
		return true
	}
	if c.gloss != nil {
		for _, t := range c.gloss.terms {
			if t.ID == id {
				return c.bits[t.index/64]&(uint64(1)<<(t.index%64)) != 0
			}
		}
	}
	return false
}

// escapedGlossaryURL is GlossaryURL, escaped.
func (c *Context) escapedGlossaryURL() []byte {
	if c.glossaryURL == nil || c.glossaryURLFor != c.GlossaryURL {
		c.glossaryURL = util.EscapeHTML([]byte(c.GlossaryURL))
		c.glossaryURLFor = c.GlossaryURL
	}
	return c.glossaryURL
}

// Render writes d as HTML for the page ctx describes, with the Markdown
// that parsed it. A nil ctx is an empty Context; a nil Doc writes
// nothing.
func (d *Doc) Render(ctx *Context) (template.HTML, error) {
	if d == nil {
		return "", nil
	}
	f, err := d.fragment()
	if err != nil {
		return "", err
	}
	return template.HTML(f.render(ctx)), nil
}

// RenderInline is [Doc.Render] for text shown inside a table cell or a
// sentence (a milestone's who): a document of one paragraph loses its
// <p> wrapper.
func (d *Doc) RenderInline(ctx *Context) (template.HTML, error) {
	out, err := d.Render(ctx)
	if err != nil || d.root.ChildCount() != 1 {
		return out, err
	}
	if _, ok := d.root.FirstChild().(*ast.Paragraph); !ok {
		return out, nil
	}
	s := strings.TrimSpace(string(out))
	if inner, ok := strings.CutPrefix(s, "<p>"); ok {
		if inner, ok = strings.CutSuffix(inner, "</p>"); ok {
			return template.HTML(inner), nil
		}
	}
	return out, nil
}

// Render writes one task for a checklist: label is the inline content
// of the task's first paragraph, without the checkbox and without a <p>;
// body is the item's other blocks — code blocks, paragraphs, lists of
// things that are not tasks — but not its Steps, which the caller renders
// as tasks of their own.
//
// A task is rendered by goldmark once, the first time, and then only
// filled in for each page (see fragment): a guide's tasks appear on one
// checklist per release.
func (t *Task) Render(ctx *Context) (label, body template.HTML, err error) {
	if t == nil || t.item == nil {
		return "", "", nil
	}
	f, err := t.fragments()
	if err != nil {
		return "", "", err
	}
	return template.HTML(strings.TrimSpace(f.label.render(ctx))), template.HTML(f.body.render(ctx)), nil
}

// AppendLabel appends the label [Task.Render] gives to dst: for callers
// that write a whole checklist into one buffer.
func (t *Task) AppendLabel(dst []byte, ctx *Context) ([]byte, error) {
	if t == nil || t.item == nil {
		return dst, nil
	}
	f, err := t.fragments()
	if err != nil {
		return dst, err
	}
	start := len(dst)
	dst = f.label.appendHTML(dst, ctx)
	n := copy(dst[start:], bytes.TrimSpace(dst[start:]))
	return dst[:start+n], nil
}

// AppendBody appends the body [Task.Render] gives to dst.
func (t *Task) AppendBody(dst []byte, ctx *Context) ([]byte, error) {
	if t == nil || t.item == nil {
		return dst, nil
	}
	f, err := t.fragments()
	if err != nil {
		return dst, err
	}
	return f.body.appendHTML(dst, ctx), nil
}

// taskFragments are a task's label and body, compiled.
type taskFragments struct {
	label, body *fragment
}

func (m *Markdown) compileTask(t *Task) (*taskFragments, error) {
	var first []ast.Node
	for c := t.item.FirstChild().FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *extast.TaskCheckBox, *taskLabelEnd:
		default:
			first = append(first, c)
		}
	}
	label, err := m.compile(t.doc.source, first...)
	if err != nil {
		return nil, err
	}
	rec := &recorder{}
	for c := t.item.FirstChild().NextSibling(); c != nil; c = c.NextSibling() {
		list, ok := c.(*ast.List)
		if !ok {
			err = m.compileTo(rec, t.doc.source, c)
		} else {
			err = m.compileNonTasks(rec, t.doc.source, list)
		}
		if err != nil {
			return nil, err
		}
	}
	return &taskFragments{label: label, body: rec.fragment()}, nil
}

// compileNonTasks writes the items of list that are not tasks, in a list
// of their own; a list of nothing but tasks, which are steps, writes
// nothing.
func (m *Markdown) compileNonTasks(rec *recorder, source []byte, list *ast.List) error {
	var items []ast.Node
	for c := list.FirstChild(); c != nil; c = c.NextSibling() {
		if taskBox(c) == nil {
			items = append(items, c)
		}
	}
	switch {
	case len(items) == 0:
		return nil
	case len(items) == list.ChildCount():
		return m.compileTo(rec, source, list)
	}
	// A mixed list: goldmark's list renderer would write every item, so
	// the list tags are written here and the items by goldmark.
	tag := "ul"
	if list.IsOrdered() {
		tag = "ol"
	}
	rec.buf.WriteString("<" + tag + ">\n")
	if err := m.compileTo(rec, source, items...); err != nil {
		return err
	}
	rec.buf.WriteString("</" + tag + ">\n")
	return nil
}

// RenderString parses and renders a small fragment such as a milestone
// description.
func (m *Markdown) RenderString(src string, ctx *Context) (template.HTML, error) {
	return m.Parse(src).Render(ctx)
}

// RenderInline is [Markdown.RenderString] for text that goes inside a
// paragraph or a table cell — a title, a note: a lone paragraph loses its
// <p> wrapper. Text that is more than one paragraph renders as
// RenderString would.
func (m *Markdown) RenderInline(src string, ctx *Context) (template.HTML, error) {
	doc := m.Parse(src)
	nodes := []ast.Node{doc.root}
	if p, ok := doc.root.FirstChild().(*ast.Paragraph); ok && doc.root.ChildCount() == 1 {
		nodes = nodes[:0]
		for c := p.FirstChild(); c != nil; c = c.NextSibling() {
			nodes = append(nodes, c)
		}
	}
	out, err := m.render(doc.source, ctx, nodes...)
	return template.HTML(strings.TrimSpace(string(out))), err
}

// render writes nodes, in turn, for the page ctx describes.
func (m *Markdown) render(source []byte, ctx *Context, nodes ...ast.Node) (template.HTML, error) {
	f, err := m.compile(source, nodes...)
	if err != nil {
		return "", err
	}
	return template.HTML(f.render(ctx)), nil
}
