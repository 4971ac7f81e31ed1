package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// accessible makes two GFM constructs readable by screen readers: a task
// list's read-only checkbox gets a name ("to do" or "done"), since a form
// control without a label says nothing, and a table's header cells get
// scope="col", so each data cell is announced with its column.
type accessible struct{}

func (accessible) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(headerScope{}, 500)))
	// Below the task-list renderer's priority: this one replaces it (see
	// headings).
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(checkboxRenderer{}, 100)))
}

// headerScope marks every header cell of every table with scope="col".
// goldmark writes the attribute through its <th> attribute filter, which
// allows scope.
type headerScope struct{}

func (headerScope) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == extast.KindTableCell && n.Parent() != nil && n.Parent().Kind() == extast.KindTableHeader {
			n.SetAttributeString("scope", []byte("col"))
		}
		return ast.WalkContinue, nil
	})
}

type checkboxRenderer struct{}

func (checkboxRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(extast.KindTaskCheckBox, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.(*extast.TaskCheckBox).IsChecked {
			_, _ = w.WriteString(`<input checked="" disabled="" type="checkbox" aria-label="done"> `)
		} else {
			_, _ = w.WriteString(`<input disabled="" type="checkbox" aria-label="to do"> `)
		}
		return ast.WalkContinue, nil
	})
}
