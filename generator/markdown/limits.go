package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Some of goldmark's work grows with the square of what one heading or
// one document holds:
//
//   - every attribute of a heading is looked up among the ones before it
//     (ast.BaseNode.SetAttribute), and the attribute block is tried again
//     from every { of the heading's line (parser.parseLastLineAttributes;
//     see https://github.com/yuin/goldmark/issues/537): a heading with
//     100,000 attributes took 20 seconds;
//   - every footnote reference is looked up among all the definitions
//     (extension.footnoteParser.Parse), and the definitions are sorted by
//     insertion (ast.BaseNode.SortChildren): 20,000 footnotes took seconds
//     and hundreds of megabytes.
//
// relbook does not change goldmark. It hands goldmark's parsers only as
// much as they do quickly, and reports the rest as a problem at the place
// that asks for more: a heading with more than [maxHeadingAttributes]
// attributes is parsed as if it had none, and a document's footnotes
// after the first [maxFootnotes] are left out.
const (
	// maxHeadingAttributes bounds the attributes of a heading. Each
	// attribute is named with a #, a . or an =, so a heading line with
	// no more of them after its first { has no more attributes.
	maxHeadingAttributes = 32
	// maxFootnotes bounds the footnote definitions of a document.
	maxFootnotes = 100
)

// limits is what the parsers below note about a document while goldmark
// parses it, kept in the parser.Context under limitsKey.
type limits struct {
	// headings are the headings parsed without their attributes, with
	// the offset of the first { of their line.
	headings map[*ast.Heading]int
	// footnotes counts the footnote definitions, and extraFootnotes are
	// the ones past maxFootnotes.
	footnotes      int
	extraFootnotes map[ast.Node]bool
	// problems are the problems found, with the offset they are at.
	problems []limitProblem
}

type limitProblem struct {
	offset int
	msg    string
}

var limitsKey = parser.NewContextKey()

// newLimitsContext returns a parser.Context for one document, with its
// limits.
func newLimitsContext() (parser.Context, *limits) {
	pc := parser.NewContext(parser.WithIDs(&autoIDs{}))
	l := newLimits()
	pc.Set(limitsKey, l)
	return pc, l
}

// limitsOf returns the limits kept in pc; a Context that keeps none, as
// when goldmark is called without newLimitsContext, gets its own.
func limitsOf(pc parser.Context) *limits {
	if l, ok := pc.Get(limitsKey).(*limits); ok {
		return l
	}
	l := newLimits()
	pc.Set(limitsKey, l)
	return l
}

func newLimits() *limits {
	return &limits{headings: map[*ast.Heading]int{}, extraFootnotes: map[ast.Node]bool{}}
}

// tooManyAttributes is the problem of a heading with more attributes
// than goldmark is given.
var tooManyAttributes = fmt.Sprintf("this heading has more than %d attributes (#id, .class or name=value after its first {): "+
	"a heading takes at most %d", maxHeadingAttributes, maxHeadingAttributes)

// attributeMarks counts the characters after the first { of line that
// start or name an attribute: #, . and =.
func attributeMarks(line []byte) int {
	i := bytes.IndexByte(line, '{')
	if i < 0 {
		return 0
	}
	n := 0
	for _, c := range line[i:] {
		if c == '#' || c == '.' || c == '=' {
			n++
		}
	}
	return n
}

// boundedHeadings is an extension that takes, before goldmark's own
// heading parsers do, the headings with too many attributes, and parses
// them with goldmark's heading parsers that read no attributes: their
// attribute block stays in their text, and the document has a problem.
type boundedHeadings struct{}

func (boundedHeadings) Extend(m goldmark.Markdown) {
	// Block parsers are tried from the lowest priority value up: just
	// before goldmark's (setext 100, ATX 600).
	m.Parser().AddOptions(parser.WithBlockParsers(
		util.Prioritized(&manyAttributes{parser.NewSetextHeadingParser(parser.WithAutoHeadingID()), true}, 99),
		util.Prioritized(&manyAttributes{parser.NewATXHeadingParser(parser.WithAutoHeadingID()), false}, 599),
	))
}

// manyAttributes is a heading parser that opens only the headings whose
// line has too many attributes (see attributeMarks), and leaves the
// others to the next parser.
type manyAttributes struct {
	parser.BlockParser
	// setext is set for the parser of underlined headings, whose line is
	// the paragraph above the underline.
	setext bool
}

func (p *manyAttributes) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	var line []byte
	if p.setext {
		para, ok := pc.LastOpenedBlock().Node.(*ast.Paragraph)
		if !ok || para.Lines().Len() == 0 {
			return nil, parser.NoChildren
		}
		last := para.Lines().At(para.Lines().Len() - 1)
		line = last.Value(reader.Source())
	} else {
		line, _ = reader.PeekLine()
	}
	if attributeMarks(line) <= maxHeadingAttributes {
		return nil, parser.NoChildren
	}
	return p.BlockParser.Open(parent, reader, pc)
}

func (p *manyAttributes) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc)
	// Noted here rather than in Open: a setext heading opened there is
	// dropped again when its paragraph turns out to be a table.
	h := node.(*ast.Heading)
	if h.Lines().Len() == 0 || h.Parent() == nil {
		return
	}
	seg := h.Lines().At(h.Lines().Len() - 1)
	if i := bytes.IndexByte(seg.Value(reader.Source()), '{'); i >= 0 {
		limitsOf(pc).headings[h] = seg.Start + i
	}
}

// boundedFootnotes is an extension that counts a document's footnote
// definitions before goldmark's footnote parser takes them, and leaves
// out those after the first maxFootnotes.
type boundedFootnotes struct{}

func (boundedFootnotes) Extend(m goldmark.Markdown) {
	// Just before goldmark's footnote definitions (999).
	m.Parser().AddOptions(parser.WithBlockParsers(
		util.Prioritized(&countedFootnotes{extension.NewFootnoteBlockParser()}, 998),
	))
}

// countedFootnotes is goldmark's footnote definition parser, counting.
type countedFootnotes struct {
	parser.BlockParser
}

func (p *countedFootnotes) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	_, seg := reader.PeekLine()
	at := seg.Start + pc.BlockOffset() - seg.Padding
	node, state := p.BlockParser.Open(parent, reader, pc)
	if node == nil {
		return nil, state
	}
	l := limitsOf(pc)
	l.footnotes++
	switch {
	case l.footnotes == maxFootnotes+1:
		l.problems = append(l.problems, limitProblem{at, fmt.Sprintf(
			"more than %d footnotes: a page takes at most %d; this one and the ones after it are left out", maxFootnotes, maxFootnotes)})
		fallthrough
	case l.footnotes > maxFootnotes:
		l.extraFootnotes[node] = true
	}
	return node, state
}

func (p *countedFootnotes) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	if limitsOf(pc).extraFootnotes[node] {
		// Past the limit, a definition is dropped instead of joining
		// the document's footnotes: goldmark would look up every
		// reference among them all.
		node.Parent().RemoveChild(node.Parent(), node)
		return
	}
	p.BlockParser.Close(node, reader, pc)
}
