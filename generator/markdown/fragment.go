package markdown

import (
	"bufio"
	"bytes"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// A fragment is markdown rendered once for every page that shows it.
//
// A guide's tasks are shown on one checklist per release, and the only
// things that differ from page to page are what a [Context] decides: the
// dates that references stand for, whether a glossary term links (and
// where to), link destinations, heading levels and due notes. goldmark
// renders the tree once with a recorder in place of the Context (see
// pageWriter), and every node renderer that would ask the Context leaves
// a hole instead; filling the holes for a page is then a matter of
// copying bytes, with the Context consulted at each hole in the order a
// direct rendering would have consulted it — so glossary terms link on
// their first use exactly as before, and the output is byte for byte what
// rendering the tree for that page gives.
type fragment struct {
	html  string
	holes []hole
}

type holeKind uint8

const (
	// holeDateRef is an inline {{expr}}: Context.DateRef's HTML, else raw.
	holeDateRef holeKind = iota
	// holeTemplateRef is a {{expr}} in a template block: Context.DateRef's
	// text, escaped, else raw.
	holeTemplateRef
	// holeTermOpen and holeTermClose surround a use of a glossary term:
	// the link, when it is the term's first use on the page.
	holeTermOpen
	holeTermClose
	// holeDestination is a link's or an image's URL, through
	// Context.Rebase.
	holeDestination
	// holeHeadingOpen and holeHeadingClose are a heading's tags, whose
	// level moves with Context.HeadingOffset; after the closing tag comes
	// Context.When's due note.
	holeHeadingOpen
	holeHeadingClose
	// holeTaskBox is a task's checkbox, and with Context.TaskIDPrefix
	// the opening of its label; holeTaskLabelEnd closes that label.
	holeTaskBox
	holeTaskLabelEnd
	// holeSectionOpen and holeSectionClose surround a heading with its
	// own when and what follows it up to the next heading of its level
	// or a higher one: a section, when Context.Section makes one.
	holeSectionOpen
	holeSectionClose
)

// hole is a place in a fragment's HTML that the page decides.
type hole struct {
	at   int // offset in fragment.html
	kind holeKind
	// expr is the date expression of a reference or of a heading's when,
	// or a link's destination as written.
	expr string
	// raw is what an unresolved reference writes (its source, escaped),
	// or a heading's id, escaped.
	raw []byte
	// plain is a link's destination as a page without Rebase writes it,
	// or a task's former ids, escaped.
	plain    []byte
	spelling *spelling
	// level is a heading's level as written; anchor is set when its
	// closing tag is preceded by a link to it, and for a checked task
	// box. section is set on the closing tag of a section's heading.
	level   int
	anchor  bool
	section bool
	// unsafe is the Markdown's UnsafeHTML, which lets dangerous link
	// destinations through.
	unsafe bool
	// image is set for an image's destination (Context.RebaseImage).
	image bool
	// rebased remembers a destination's last rebasing (see rebasedMemo).
	rebased *rebasedMemo
}

// rebasedMemo remembers the last rebasing of a link destination and what
// it wrote: the pages that share a fragment rebase its links mostly the
// same way (a guide's links, on every checklist of the role), and the
// escaping is then done once. It is safe for concurrent use.
type rebasedMemo struct{ last atomic.Pointer[rebasedDest] }

type rebasedDest struct {
	dest string
	out  []byte
}

// recorder collects a fragment while goldmark renders.
type recorder struct {
	buf   bytes.Buffer
	holes []hole
	// sections are the levels of the headings whose sections are open,
	// outermost first (see renderHeading).
	sections []int
}

// closeSections closes the open sections of headings of level or
// deeper: all of them for level 0.
func (r *recorder) closeSections(w util.BufWriter, level int) {
	for len(r.sections) > 0 && r.sections[len(r.sections)-1] >= level {
		r.sections = r.sections[:len(r.sections)-1]
		r.hole(w, hole{kind: holeSectionClose})
	}
}

// hole marks the current end of the output as the place of h.
func (r *recorder) hole(w util.BufWriter, h hole) {
	_ = w.Flush()
	h.at = r.buf.Len()
	r.holes = append(r.holes, h)
}

// pageWriter is the writer goldmark's renderer writes a fragment into.
// It carries the fragment's recorder to relbook's node renderers: goldmark
// hands node renderers the writer it was given when that is already a
// util.BufWriter, and has no other way to pass per-call data.
type pageWriter struct {
	*bufio.Writer
	rec *recorder
}

// holeAt marks the current end of the output as the place of h. The
// goldmark instance is private to a Markdown, which only ever renders
// into a pageWriter.
func holeAt(w util.BufWriter, h hole) {
	w.(*pageWriter).rec.hole(w, h)
}

// compile renders nodes, in turn, into a fragment.
func (m *Markdown) compile(source []byte, nodes ...ast.Node) (*fragment, error) {
	rec := &recorder{}
	if err := m.compileTo(rec, source, nodes...); err != nil {
		return nil, err
	}
	return rec.fragment(), nil
}

func (m *Markdown) compileTo(rec *recorder, source []byte, nodes ...ast.Node) error {
	w := writers.Get().(*bufio.Writer)
	defer writers.Put(w)
	w.Reset(&rec.buf)
	pw := &pageWriter{Writer: w, rec: rec}
	for _, n := range nodes {
		// goldmark's renderer only reads the tree, and flushes at the end.
		if err := m.md.Renderer().Render(pw, source, n); err != nil {
			return err
		}
	}
	rec.closeSections(pw, 0)
	return pw.Flush()
}

// writers are the buffers goldmark writes through, for reuse: a build
// compiles thousands of small fragments.
var writers = sync.Pool{New: func() any { return bufio.NewWriter(nil) }}

func (r *recorder) fragment() *fragment {
	return &fragment{html: r.buf.String(), holes: r.holes}
}

// appendHTML appends the fragment as the page ctx describes shows it.
func (f *fragment) appendHTML(dst []byte, ctx *Context) []byte {
	if ctx == nil {
		ctx = &Context{}
	}
	at := 0
	var linked []bool      // the open term links, innermost last
	var sections []Section // the open sections, innermost last
	labelOpen := false
	var taskPrefix []byte // ctx.TaskIDPrefix escaped, once a page
	if ctx.TaskIDPrefix != "" {
		taskPrefix = appendEscaped(nil, ctx.TaskIDPrefix)
	}
	for i := range f.holes {
		h := &f.holes[i]
		dst = append(dst, f.html[at:h.at]...)
		at = h.at
		switch h.kind {
		case holeDateRef:
			if ctx.DateRef != nil {
				if html, _, ok := ctx.DateRef(h.expr); ok {
					dst = append(dst, html...)
					continue
				}
			}
			dst = append(dst, h.raw...)
		case holeTemplateRef:
			if ctx.DateRef != nil {
				if _, text, ok := ctx.DateRef(h.expr); ok {
					dst = appendEscaped(dst, text)
					continue
				}
			}
			dst = append(dst, h.raw...)
		case holeTermOpen:
			link := ctx.firstUse(h.spelling.term)
			linked = append(linked, link)
			if link {
				dst = appendTermLink(dst, ctx.escapedGlossaryURL(), h.spelling)
			}
		case holeTermClose:
			link := linked[len(linked)-1]
			linked = linked[:len(linked)-1]
			if link {
				if h.spelling.abbr {
					dst = append(dst, "</abbr>"...)
				}
				dst = append(dst, "</a>"...)
			}
		case holeDestination:
			rebase := ctx.Rebase
			if h.image && ctx.RebaseImage != nil {
				rebase = ctx.RebaseImage
			}
			if rebase == nil {
				dst = append(dst, h.plain...)
				continue
			}
			rebased := rebase(h.expr)
			if last := h.rebased.last.Load(); last != nil && last.dest == rebased {
				dst = append(dst, last.out...)
				continue
			}
			out := destination([]byte(rebased), h.unsafe)
			h.rebased.last.Store(&rebasedDest{rebased, out})
			dst = append(dst, out...)
		case holeHeadingOpen:
			dst = append(dst, "<h"...)
			dst = strconv.AppendInt(dst, int64(headingLevel(h.level, ctx)), 10)
		case holeHeadingClose:
			level := headingLevel(h.level, ctx)
			if h.anchor && level >= 2 {
				dst = append(dst, ` <a class="anchor" href="#`...)
				dst = append(dst, h.raw...)
				dst = append(dst, `" aria-label="Link to this section">#</a>`...)
			}
			dst = append(dst, "</h"...)
			dst = strconv.AppendInt(dst, int64(level), 10)
			dst = append(dst, ">\n"...)
			if h.section && len(sections) > 0 && sections[len(sections)-1].Open != "" {
				dst = append(dst, sections[len(sections)-1].Head...)
				continue
			}
			if ctx.When != nil && h.expr != "" {
				if due := ctx.When(h.expr); due != "" {
					dst = append(dst, `<p class="due">`...)
					dst = append(dst, due...)
					dst = append(dst, "</p>\n"...)
				}
			}
		case holeTaskBox:
			dst = appendTaskBox(dst, taskPrefix, h.anchor, h.raw, h.plain)
			labelOpen = taskPrefix != nil && h.raw != nil
		case holeTaskLabelEnd:
			if labelOpen {
				dst = append(dst, "</label>"...)
				labelOpen = false
			}
		case holeSectionOpen:
			var s Section
			if ctx.Section != nil {
				s = ctx.Section(h.expr)
			}
			sections = append(sections, s)
			dst = append(dst, s.Open...)
		case holeSectionClose:
			if len(sections) > 0 {
				dst = append(dst, sections[len(sections)-1].Close...)
				sections = sections[:len(sections)-1]
			}
		}
	}
	return append(dst, f.html[at:]...)
}

// render returns the fragment as the page ctx describes shows it.
func (f *fragment) render(ctx *Context) string {
	if len(f.holes) == 0 {
		return f.html
	}
	buf := getBuffer()
	defer putBuffer(buf)
	*buf = f.appendHTML((*buf)[:0], ctx)
	return string(*buf)
}

// buffers are scratch space for filling fragments: the result is copied
// into a string, so a buffer can serve the next page at once.
var buffers = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

func getBuffer() *[]byte  { return buffers.Get().(*[]byte) }
func putBuffer(b *[]byte) { buffers.Put(b) }

func headingLevel(level int, ctx *Context) int {
	return min(max(level+ctx.HeadingOffset, 1), 6)
}

// appendTermLink appends the opening tags of the link of a term's use.
func appendTermLink(dst, glossaryURL []byte, sp *spelling) []byte {
	t := sp.term
	dst = append(dst, `<a class="term" href="`...)
	dst = append(dst, glossaryURL...)
	dst = append(dst, t.hashID...)
	if sp.abbr {
		dst = append(dst, `"><abbr title="`...)
		dst = append(dst, t.expansion...)
	} else {
		dst = append(dst, `" title="`...)
		dst = append(dst, t.title...)
	}
	return append(dst, `">`...)
}

// appendEscaped appends s escaped as goldmark escapes text.
func appendEscaped(dst []byte, s string) []byte {
	return append(dst, util.EscapeHTML([]byte(s))...)
}

// destination is a link's URL, rebased, as the page needs it: escaped,
// and empty when dangerous (the parse-time safeURLs transform has
// normally removed those already).
func destination(dest []byte, unsafe bool) []byte {
	dest = util.URLEscape(dest, true)
	if !unsafe && isDangerous(dest) {
		return nil
	}
	return util.EscapeHTML(dest)
}

// isDangerous is html.IsDangerousURL, which lower-cases (and so
// allocates) for every link, for the URLs that can be dangerous at all:
// those that start with the first letter of a dangerous scheme
// (javascript:, vbscript:, file:, data:).
func isDangerous(url []byte) bool {
	if len(url) == 0 {
		return false
	}
	switch url[0] | 0x20 {
	case 'j', 'v', 'f', 'd':
		return html.IsDangerousURL(url)
	}
	return false
}
