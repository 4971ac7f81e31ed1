package markdown

import (
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
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
// The text is read once whatever the number and the length of the terms
// (see automaton): a term as long as the paragraph it is almost used in
// costs no more than a short one.
type glossary struct {
	// patterns are what the automata look for: fold finds those that
	// match ignoring case, exact the others.
	patterns    []pattern
	fold, exact automaton
	terms       []*term
	// spellings counts the spellings, for uses of the same length.
	spellings int
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
	// order is the spelling's place in the glossary.
	order int
}

func newGlossary(terms []Term) *glossary {
	g := &glossary{}
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
	g.fold = newAutomaton(g.patterns, true)
	g.exact = newAutomaton(g.patterns, false)
	return g
}

func (g *glossary) add(t *term, s string) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return
	}
	sp := &spelling{term: t, fold: true, order: g.spellings}
	g.spellings++
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
	// A use is the spelling, perhaps a plural s, and then no letter or
	// digit: the end of a word.
	buf := symbolBuffers.Get().(*[]symbol)
	defer symbolBuffers.Put(buf)
	*buf = readSymbols((*buf)[:0], []byte(string(sp.text)))
	syms := make([]rune, len(*buf))
	for i, sym := range *buf {
		syms[i] = sym.r
	}
	g.patterns = append(g.patterns, pattern{spelling: sp, syms: syms})
	if unicode.IsLetter(sp.text[len(sp.text)-1]) {
		g.patterns = append(g.patterns, pattern{spelling: sp, syms: syms, plural: true})
	}
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
//
// Uses start at the start of a word, or at punctuation for the odd
// spelling that starts with it, and end at the end of a word (see
// readSymbols). Each automaton gives the longest use that starts at every
// symbol; then the uses are taken from the left, each one's end being
// where the next may start.
func (g *glossary) find(b []byte) []match {
	if len(b) > math.MaxInt32 {
		return nil // beyond what a symbol can point at
	}
	buf := symbolBuffers.Get().(*[]symbol)
	defer symbolBuffers.Put(buf)
	t := readSymbols((*buf)[:0], b)
	*buf = t
	g.fold.longest(t, g.patterns)
	g.exact.longest(t, g.patterns)
	var found []match
	for k := 0; k < len(t); k++ {
		if t[k].longest == 0 || !t[k].start {
			continue
		}
		p := &g.patterns[t[k].longest-1]
		// A use ends on the wordEnd before the character that follows
		// it, which is also where that character's own symbols start.
		end := k + p.len() - 1
		found = append(found, match{int(t[k].at), int(t[end].at), p.spelling})
		k = end - 1
	}
	return found
}

// symbolBuffers keep the symbols of a text for the next one: a document
// is read in many short runs of text.
var symbolBuffers = sync.Pool{New: func() any { return new([]symbol) }}

// wordEnd is the symbol that marks where a word may end: before every
// character that is not a letter or digit, and at the end of the text.
// A use of a term ends on one.
const wordEnd rune = -1

// symbol is a symbol of a text as the automata read it (see readSymbols).
type symbol struct {
	r rune
	// at is where the symbol's character is in the text: for a wordEnd,
	// the character it comes before.
	at int32
	// longest is the longest use that starts here: 1 + its index in the
	// glossary's patterns, 0 for none.
	longest int32
	// start is set on the first symbol of each character a use may start
	// at: one that is not white space, and not a letter or digit right
	// after another.
	start bool
}

// readSymbols reads b as symbols: its characters, with a run of spaces,
// tabs and newlines read as one space, and a wordEnd before every
// character that is not a letter or digit and at the end. A spelling read
// the same way is a use of it that ends at the end of a word. The symbols
// are appended to t.
func readSymbols(t []symbol, b []byte) []symbol {
	t = slices.Grow(t, len(b)+1)
	prevWord := false
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		word := isWordRune(r)
		at := int32(i)
		switch {
		case r == ' ' || r == '\t' || r == '\n':
			t = append(t, symbol{r: wordEnd, at: at}, symbol{r: ' ', at: at})
			for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n') {
				i++
			}
			prevWord = false
			continue
		case word:
			t = append(t, symbol{r: r, at: at, start: !prevWord})
		default:
			t = append(t, symbol{r: wordEnd, at: at, start: !unicode.IsSpace(r)}, symbol{r: r, at: at})
		}
		prevWord = word
		i += size
	}
	return append(t, symbol{r: wordEnd, at: int32(len(b))})
}

// pattern is what an automaton looks for: a spelling, or its plural, read
// as symbols and ending on a wordEnd.
type pattern struct {
	spelling *spelling
	// syms is the spelling read as symbols; plural puts an s before
	// their final wordEnd.
	syms   []rune
	plural bool
}

// len is the number of symbols of p.
func (p *pattern) len() int {
	if p.plural {
		return len(p.syms) + 1
	}
	return len(p.syms)
}

// backwards calls f with p's symbols, last first.
func (p *pattern) backwards(f func(r rune)) {
	f(wordEnd)
	if p.plural {
		f('s')
	}
	for i := len(p.syms) - 2; i >= 0; i-- {
		f(p.syms[i])
	}
}

// better reports whether pattern i is a better use than pattern j
// (indexes into patterns, 1 up; 0 for none) at the same place: it is
// longer, or as long and its spelling is shorter (a plural of a shorter
// spelling before a spelling that ends in s) or earlier in the glossary.
func better(patterns []pattern, i, j int32) bool {
	if j == 0 {
		return i != 0
	}
	p, q := &patterns[i-1], &patterns[j-1]
	switch {
	case p.len() != q.len():
		return p.len() > q.len()
	case len(p.spelling.text) != len(q.spelling.text):
		return len(p.spelling.text) < len(q.spelling.text)
	}
	return p.spelling.order < q.spelling.order
}

// automaton finds, for every symbol of a text, the longest pattern that
// starts there: an Aho–Corasick automaton of the patterns written
// backwards, run over the text from its end. Read backwards, a pattern
// that starts at a symbol is one that ends there, and the longest that
// ends at each symbol is what such an automaton knows in constant time, so
// the text is read once: the time is linear in the text and in the
// glossary, where following a trie from every word would take the length
// of the text times that of the longest term.
type automaton struct {
	// nodes are the states; nodes[0] is the root.
	nodes []node
	// fold makes the automaton read the text in lower case.
	fold bool
}

// node is a state of an automaton: the symbols read so far that are the
// end of a pattern (the start of the pattern, in the text). Nodes are
// numbered by their place in the automaton's nodes.
type node struct {
	// label and child are the only edge when there is one, as on every
	// node of a long term but its first (child 0 for none: the root is
	// no one's child); next holds the edges when there are more.
	label rune
	child int32
	next  map[rune]int32
	// fail is the node of the longest proper suffix of this node's
	// symbols that the automaton knows.
	fail int32
	// use is the longest pattern that this node's symbols end with: 1 +
	// its index in the glossary's patterns, 0 for none.
	use int32
}

// newAutomaton returns the automaton of the patterns that match ignoring
// case, or of the others.
func newAutomaton(patterns []pattern, fold bool) automaton {
	size := 1
	for i := range patterns {
		if patterns[i].spelling.fold == fold {
			size += patterns[i].len()
		}
	}
	a := automaton{nodes: make([]node, 1, size), fold: fold}
	for i := range patterns {
		if patterns[i].spelling.fold == fold {
			a.add(patterns, i)
		}
	}
	a.link()
	return a
}

// edge returns the node reached from node n by the edge r, 0 for none.
func (a *automaton) edge(n int32, r rune) int32 {
	if next := a.nodes[n].next; next != nil {
		return next[r]
	}
	if a.nodes[n].label == r {
		return a.nodes[n].child
	}
	return 0
}

// addEdge adds an edge r from node n to a new node, and returns it.
func (a *automaton) addEdge(n int32, r rune) int32 {
	child := int32(len(a.nodes))
	a.nodes = append(a.nodes, node{})
	switch p := &a.nodes[n]; {
	case p.next != nil:
		p.next[r] = child
	case p.child == 0:
		p.label, p.child = r, child
	default:
		p.next = map[rune]int32{p.label: p.child, r: child}
		p.child = 0
	}
	return child
}

// add adds patterns[i], written backwards.
func (a *automaton) add(patterns []pattern, i int) {
	n := int32(0)
	patterns[i].backwards(func(r rune) {
		child := a.edge(n, r)
		if child == 0 {
			child = a.addEdge(n, r)
		}
		n = child
	})
	if use := int32(i + 1); better(patterns, use, a.nodes[n].use) {
		a.nodes[n].use = use
	}
}

// link sets every node's fail link and longest use, breadth first: a
// node's fail link is shorter than it, so it is done before.
func (a *automaton) link() {
	queue := []int32{0}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		visit := func(r rune, child int32) {
			if n != 0 {
				a.nodes[child].fail = a.step(a.nodes[n].fail, r)
			}
			if a.nodes[child].use == 0 {
				a.nodes[child].use = a.nodes[a.nodes[child].fail].use
			}
			queue = append(queue, child)
		}
		if c := a.nodes[n].child; c != 0 {
			visit(a.nodes[n].label, c)
		}
		for r, c := range a.nodes[n].next {
			visit(r, c)
		}
	}
}

// step is the node reached from node n by reading r.
func (a *automaton) step(n int32, r rune) int32 {
	for {
		if next := a.edge(n, r); next != 0 {
			return next
		}
		if n == 0 {
			return 0
		}
		n = a.nodes[n].fail
	}
}

// longest reads t backwards and sets each symbol's longest use to the
// longest pattern that starts there, unless it has a better one.
func (a *automaton) longest(t []symbol, patterns []pattern) {
	n := int32(0)
	for k := len(t) - 1; k >= 0; k-- {
		r := t[k].r
		if a.fold && r != wordEnd {
			r = unicode.ToLower(r)
		}
		n = a.step(n, r)
		if use := a.nodes[n].use; use != 0 && better(patterns, use, t[k].longest) {
			t[k].longest = use
		}
	}
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
