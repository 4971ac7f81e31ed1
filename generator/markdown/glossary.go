package markdown

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// glossary marks the uses of glossary terms in a document's text. Matching
// happens once, at parse time, and wraps each use in a term node; whether
// a use links is decided while rendering, because only the first use on a
// page does and a Doc can be part of many pages.
//
// The spellings are kept in a trie of lower-case characters, so the text
// is read once whatever the number of terms: from the start of each word,
// the trie is followed as far as the text allows, and only the spellings
// it ends on are checked in full (their case, a plural s, the end of the
// word).
type glossary struct {
	root  *trieNode
	terms []*term
}

// term is a glossary term as the glossary keeps it: numbered, for the
// pages that remember which terms they have linked (Context.firstUse),
// and with the parts of its link escaped once.
type term struct {
	Term
	gloss *glossary
	index int
	// hashID is "#" and the id, and title the link's title (or abbr's
	// expansion), escaped.
	hashID, title, expansion []byte
}

// trieNode is a node of the glossary's trie. The edge ' ' stands for a run
// of whitespace.
type trieNode struct {
	next map[rune]*trieNode
	// ends are the spellings that end here.
	ends []*spelling
}

// spelling is one way of writing a term: its name or an alias.
type spelling struct {
	term *term
	// text is the spelling with runs of whitespace made one space, in
	// lower case when fold is set.
	text []rune
	// fold is set when the spelling matches ignoring case.
	fold bool
	// abbr is set when the spelling is an abbreviation of the term's
	// expansion, and so is written in an <abbr>.
	abbr bool
}

func newGlossary(terms []Term) *glossary {
	g := &glossary{root: &trieNode{}}
	for i := range terms {
		t := &term{Term: terms[i], gloss: g, index: i} // a copy, so that the caller's slice can change
		t.Aliases = append([]string(nil), t.Aliases...)
		title := t.Expansion
		if title == "" {
			title = t.Name
		}
		t.hashID = util.EscapeHTML([]byte("#" + t.ID))
		t.title = util.EscapeHTML([]byte(title))
		t.expansion = util.EscapeHTML([]byte(t.Expansion))
		g.terms = append(g.terms, t)
		for _, s := range append([]string{t.Name}, t.Aliases...) {
			g.add(t, s)
		}
	}
	return g
}

func (g *glossary) add(t *term, s string) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return
	}
	sp := &spelling{term: t, fold: true}
	for i, r := range []rune(s) {
		// An upper-case letter after the first character makes the
		// spelling case-sensitive (AoE, RC); a capital first letter is
		// only sentence case (Code freeze).
		if i > 0 && unicode.IsUpper(r) {
			sp.fold = false
		}
	}
	sp.abbr = t.Expansion != "" && !sp.fold
	sp.text = []rune(s)
	if sp.fold {
		sp.text = []rune(strings.ToLower(s))
	}
	n := g.root
	for _, r := range sp.text {
		r = unicode.ToLower(r)
		child := n.next[r]
		if child == nil {
			if n.next == nil {
				n.next = map[rune]*trieNode{}
			}
			child = &trieNode{}
			n.next[r] = child
		}
		n = child
	}
	n.ends = append(n.ends, sp)
}

func (g *glossary) Extend(m goldmark.Markdown) {
	// Transformers run from the lowest priority value up: after template
	// blocks (100), before unsafe links are taken apart (10000).
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(g, 500)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(termRenderer{}, 500)))
}

// Transform wraps every use of a term in a term node. Text in headings,
// links, images, code and raw HTML elements is left alone.
func (g *glossary) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	g.visit(doc, reader.Source(), false)
}

// visit links the terms in the text of n's descendants. inRaw is set
// inside a raw HTML element (<abbr>RC</abbr>, or <a href="...">RC</a>,
// where a link would be nested in the author's).
func (g *glossary) visit(n ast.Node, source []byte, inRaw bool) {
	var run []*ast.Text
	depth := 0 // raw HTML elements opened among n's children so far
	for c := n.FirstChild(); c != nil; {
		// Taken before the run is rewritten: link replaces only the text
		// nodes of the run, which come before next.
		next := c.NextSibling()
		raw := inRaw || depth > 0
		t, isText := c.(*ast.Text)
		switch c := c.(type) {
		case *ast.Text:
			if !raw && !c.IsRaw() {
				run = append(run, c)
			}
		case *ast.RawHTML:
			depth = max(depth+rawDepth(c, source), 0)
		case *ast.Heading, *ast.Link, *ast.AutoLink, *ast.Image, *ast.CodeSpan,
			*ast.HTMLBlock, *ast.CodeBlock, *ast.FencedCodeBlock,
			*templateBlock, *dateRefNode, *termNode:
		default:
			g.visit(c, source, raw)
		}
		if !isText || t.IsRaw() || t.HardLineBreak() || next == nil {
			g.link(n, run, source)
			run = run[:0]
		}
		c = next
	}
}

// rawDepth tells whether an inline raw HTML tag opens an element (1),
// closes one (-1) or neither (0: comments, void and self-closed elements).
// Text inside raw HTML elements is not linked: a link there could end up
// inside the author's own <a>.
func rawDepth(n *ast.RawHTML, source []byte) int {
	var tag []byte
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		tag = append(tag, seg.Value(source)...)
	}
	s := string(tag)
	switch {
	case strings.HasPrefix(s, "</"):
		return -1
	case strings.HasPrefix(s, "<!"), strings.HasPrefix(s, "<?"), strings.HasSuffix(s, "/>"):
		return 0
	}
	name := strings.ToLower(strings.TrimLeft(s, "<"))
	if i := strings.IndexFunc(name, func(r rune) bool { return !isWordRune(r) }); i >= 0 {
		name = name[:i]
	}
	if voidElements[name] {
		return 0
	}
	return 1
}

// voidElements are the HTML elements that have no end tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// match is a use of a term, as offsets into a run's text.
type match struct {
	start, end int
	spelling   *spelling
}

// link finds the terms used in run, consecutive text nodes of parent, and
// wraps them in term nodes. A use may span several nodes: a line break
// splits text nodes, and other parsers split them where they tried and
// failed.
func (g *glossary) link(parent ast.Node, run []*ast.Text, source []byte) {
	if len(run) == 0 {
		return
	}
	// The run's text, with a newline for each soft line break, and where
	// each node's text starts in it.
	var buf []byte
	starts := make([]int, len(run))
	for i, t := range run {
		starts[i] = len(buf)
		buf = append(buf, t.Segment.Value(source)...)
		if t.SoftLineBreak() {
			buf = append(buf, '\n')
		}
	}
	matches := g.find(buf)
	if len(matches) == 0 {
		return
	}

	// Cut each node where a use starts or ends, and put the pieces inside
	// a use into its term node. find returns the uses in order and apart,
	// so the first one that ends after pos is the only one that can hold
	// it: a binary search keeps a long paragraph full of terms linear.
	firstEndingAfter := func(pos int) int {
		return sort.Search(len(matches), func(k int) bool { return matches[k].end > pos })
	}
	matchAt := func(pos int) *match {
		if k := firstEndingAfter(pos); k < len(matches) && matches[k].start <= pos {
			return &matches[k]
		}
		return nil
	}
	var term *termNode
	var termOf *match
	for i, t := range run {
		from, to := starts[i], starts[i]+t.Segment.Len()
		cuts := []int{from}
		for _, m := range matches[firstEndingAfter(from):] {
			if m.start >= to {
				break
			}
			for _, at := range []int{m.start, m.end} {
				if from < at && at < to {
					cuts = append(cuts, at)
				}
			}
		}
		sort.Ints(cuts)
		cuts = append(cuts, to)
		for k := 0; k+1 < len(cuts); k++ {
			piece := ast.NewTextSegment(text.NewSegment(
				t.Segment.Start+cuts[k]-from, t.Segment.Start+cuts[k+1]-from))
			if k+2 == len(cuts) {
				piece.SetSoftLineBreak(t.SoftLineBreak())
				piece.SetHardLineBreak(t.HardLineBreak())
			}
			switch m := matchAt(cuts[k]); {
			case m == nil:
				parent.InsertBefore(parent, run[0], piece)
			case m == termOf:
				term.AppendChild(term, piece)
			default:
				term, termOf = &termNode{spelling: m.spelling}, m
				parent.InsertBefore(parent, run[0], term)
				term.AppendChild(term, piece)
			}
		}
	}
	for _, t := range run {
		parent.RemoveChild(parent, t)
	}
}

// find returns the uses of terms in b, leftmost first, longest first where
// they start at the same place.
func (g *glossary) find(b []byte) []match {
	var found []match
	prevWord := false // whether the character before i is a letter or digit
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		word := isWordRune(r)
		if word && prevWord || unicode.IsSpace(r) {
			// Uses start at the start of a word, or at punctuation for
			// the odd spelling that starts with it.
			prevWord = word
			i += size
			continue
		}
		if m, ok := g.longest(b, i); ok {
			found = append(found, m)
			i = m.end
			prevWord = false // a use ends before a letter or digit
			continue
		}
		prevWord = word
		i += size
	}
	return found
}

// longest returns the longest use of a term that starts at b[i:].
func (g *glossary) longest(b []byte, i int) (match, bool) {
	best := match{end: -1}
	n := g.root
	for k := i; n != nil; {
		for _, sp := range n.ends {
			if end, ok := sp.match(b, i); ok && end > best.end {
				best = match{i, end, sp}
			}
		}
		if k >= len(b) {
			break
		}
		r, size := utf8.DecodeRune(b[k:])
		if r == ' ' || r == '\t' || r == '\n' {
			n = n.next[' ']
			for k < len(b) && (b[k] == ' ' || b[k] == '\t' || b[k] == '\n') {
				k++
			}
			continue
		}
		n = n.next[unicode.ToLower(r)]
		k += size
	}
	return best, best.spelling != nil
}

// match reports whether the spelling is used at b[i:], and where the use
// ends: the spelling, an optional plural s, then no letter or digit.
func (sp *spelling) match(b []byte, i int) (end int, ok bool) {
	for _, want := range sp.text {
		if want == ' ' {
			n := 0
			for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n') {
				i++
				n++
			}
			if n == 0 {
				return 0, false
			}
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if i >= len(b) || !(r == want || sp.fold && unicode.ToLower(r) == want) {
			return 0, false
		}
		i += size
	}
	next := func(i int) rune {
		r, _ := utf8.DecodeRune(b[i:])
		return r
	}
	if i < len(b) && (b[i] == 's' || sp.fold && b[i] == 'S') && unicode.IsLetter(sp.text[len(sp.text)-1]) &&
		(i+1 == len(b) || !isWordRune(next(i+1))) {
		i++
	}
	if i < len(b) && isWordRune(next(i)) {
		return 0, false
	}
	return i, true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// kindTerm is the node kind of a use of a glossary term.
var kindTerm = ast.NewNodeKind("Term")

// termNode is a use of a glossary term. Its children are the text nodes of
// the use, as written.
type termNode struct {
	ast.BaseInline
	spelling *spelling
}

func (n *termNode) Kind() ast.NodeKind { return kindTerm }

func (n *termNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Term": n.spelling.term.ID}, nil)
}

type termRenderer struct{}

func (termRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTerm, renderTerm)
}

// renderTerm writes a use of a term: as a link to the glossary if it is
// the first use on the page, else as plain text.
func renderTerm(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*termNode)
	// Whether the use links is the page's business: the first use of the
	// term on the page does (see fragment).
	holeAt(w, hole{kind: holeTermOpen, spelling: n.spelling})
	var last *ast.Text
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if last != nil {
			writeBreak(w, last)
		}
		last = c.(*ast.Text)
		html.DefaultWriter.Write(w, last.Segment.Value(source))
	}
	holeAt(w, hole{kind: holeTermClose, spelling: n.spelling})
	// A line break after the term goes after the link, not inside it.
	if last != nil {
		writeBreak(w, last)
	}
	return ast.WalkSkipChildren, nil
}

// writeBreak writes the line break that ends t, if any, as goldmark's
// text renderer does.
func writeBreak(w util.BufWriter, t *ast.Text) {
	switch {
	case t.HardLineBreak():
		_, _ = w.WriteString("<br>\n")
	case t.SoftLineBreak():
		_ = w.WriteByte('\n')
	}
}
