package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// githubSlugs gives every heading without a written {#id} the id GitHub
// gives it, so that a "#fragment" written for a document on GitHub finds
// its heading in relbook too:
//
//   - the heading's text as a reader sees it (the text of links and code
//     spans, not their markup; "--" and "---" as written, not as the
//     typographer's dashes), lower-cased;
//   - every character dropped that is not a letter, a mark, a digit, a
//     connector such as "_", a "-" or a space;
//   - every space a "-" ("a - b" is "a---b");
//   - an id already taken on the page gets "-1", "-2", ... after it.
//
// A heading whose text leaves nothing is "heading", as goldmark names it.
//
// goldmark names headings while it parses blocks, before their inline
// text is known, so its generator only marks them (see autoIDs) and this
// transformer, the first to run, names them from their text in document
// order, around the ids written as {#id}.
type githubSlugs struct{}

func (githubSlugs) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(githubSlugs{}, 0)))
}

// autoIDPrefix starts the mark autoIDs leaves as a heading's id: no id
// written in markdown can hold a NUL.
const autoIDPrefix = "\x00auto"

// autoIDs is the parser.IDs of a document: it hands out marks for
// githubSlugs to replace.
type autoIDs struct{ n int }

func (a *autoIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	a.n++
	return []byte(autoIDPrefix + strconv.Itoa(a.n))
}

func (a *autoIDs) Put(value []byte) {}

func (githubSlugs) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	var headings []*ast.Heading
	taken := map[string]bool{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		headings = append(headings, h)
		return ast.WalkSkipChildren, nil
	})
	for _, h := range headings {
		v, ok := h.AttributeString("id")
		id, isBytes := v.([]byte)
		if !ok || !isBytes {
			continue
		}
		if !strings.HasPrefix(string(id), autoIDPrefix) {
			taken[string(id)] = true
			continue
		}
		slug := GitHubSlug(headingText(h, source))
		if slug == "" {
			slug = "heading"
		}
		unique := slug
		for i := 1; taken[unique]; i++ {
			unique = slug + "-" + strconv.Itoa(i)
		}
		taken[unique] = true
		h.SetAttributeString("id", []byte(unique))
	}
}

// GitHubSlug is the id GitHub makes of a heading's text (see
// githubSlugs), before it is made unique on its page.
func GitHubSlug(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || unicode.In(r, unicode.L, unicode.M, unicode.Nd, unicode.Nl, unicode.No, unicode.Pc):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// headingText is the text of a heading as GitHub reads it for its id:
// what a reader sees, white space as written, with the typographer's
// dashes as the hyphens they were written as.
func headingText(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(textValue(n, source))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte('\n')
			}
		case *ast.String:
			switch string(n.Value) {
			case "&ndash;":
				b.WriteString("--")
			case "&mdash;":
				b.WriteString("---")
			default:
				b.WriteString(stringValue(n))
			}
		case *ast.AutoLink:
			b.Write(n.Label(source))
		case *dateRefNode:
			b.Write(source[n.start:n.stop])
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *ast.Image, *extast.TaskCheckBox:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
