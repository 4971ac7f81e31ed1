package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// safeURLs neutralises links whose URL would run code or smuggle content
// when followed. goldmark's HTML renderer does this only while raw HTML is
// off, and lets data:image/... through; relbook wants the same result in
// both modes, so the check lives in the tree, not in the renderer.
type safeURLs struct{}

func (safeURLs) Extend(m goldmark.Markdown) {
	// goldmark runs transformers from the lowest priority value up, so
	// 10000 runs after every other one and checks links made by other
	// features too.
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(safeURLs{}, 10000)))
}

func (safeURLs) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	var unsafe []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if isDangerousURL(n.Destination) {
				unsafe = append(unsafe, n)
			}
		case *ast.Image:
			if isDangerousURL(n.Destination) {
				unsafe = append(unsafe, n)
			}
		case *ast.AutoLink:
			if isDangerousURL(n.URL(source)) {
				unsafe = append(unsafe, n)
			}
		}
		return ast.WalkContinue, nil
	})
	// Rewrite after the walk: changing a tree while walking it skips nodes.
	for _, n := range unsafe {
		parent := n.Parent()
		if a, ok := n.(*ast.AutoLink); ok {
			parent.ReplaceChild(parent, n, ast.NewString(a.Label(source)))
			continue
		}
		// A link becomes its text and an image its alt text.
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// dangerousSchemes are the URL schemes a handbook never links to.
var dangerousSchemes = []string{"javascript:", "vbscript:", "data:", "file:"}

// isDangerousURL reports whether a browser would read url as one of the
// dangerous schemes. The HTML renderer decodes character references
// (`&#106;avascript:`) when it writes the URL out; browsers then drop
// leading spaces and control characters and every tab and newline before
// looking at the scheme, and compare it without regard to case. So does
// this.
func isDangerousURL(url []byte) bool {
	url = util.ResolveEntityNames(util.ResolveNumericReferences(url))
	var scheme []byte
	for _, c := range url {
		switch {
		case c <= ' ' && len(scheme) == 0, c == '\t', c == '\n', c == '\r':
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		scheme = append(scheme, c)
		if c == ':' || len(scheme) > len("javascript:") {
			break
		}
	}
	for _, s := range dangerousSchemes {
		if string(scheme) == s {
			return true
		}
	}
	return false
}
