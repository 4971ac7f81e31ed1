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

// taskIDAttr is the attribute of a task's checkbox node that holds the
// task's id (see collector.task).
const taskIDAttr = "relbook-task"

// taskFormerAttr is the attribute of a task's checkbox node that holds
// the task's former ids, space-separated (see Task.Former).
const taskFormerAttr = "relbook-task-former"

// kindTaskLabelEnd is the kind of taskLabelEnd.
var kindTaskLabelEnd = ast.NewNodeKind("TaskLabelEnd")

// taskLabelEnd marks the end of a task's first block: where the label
// of a live checkbox ends.
type taskLabelEnd struct{ ast.BaseInline }

func (n *taskLabelEnd) Kind() ast.NodeKind { return kindTaskLabelEnd }

func (n *taskLabelEnd) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// A task's checkbox is a hole (holeTaskBox): read-only on a guide, the
// reader's own to tick on a checklist, with the task's text its label.
func (checkboxRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(extast.KindTaskCheckBox, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		h := hole{kind: holeTaskBox, anchor: n.(*extast.TaskCheckBox).IsChecked}
		if id, ok := n.AttributeString(taskIDAttr); ok {
			h.raw = util.EscapeHTML(id.([]byte))
		}
		if former, ok := n.AttributeString(taskFormerAttr); ok {
			h.plain = util.EscapeHTML(former.([]byte))
		}
		holeAt(w, h)
		return ast.WalkContinue, nil
	})
	reg.Register(kindTaskLabelEnd, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			holeAt(w, hole{kind: holeTaskLabelEnd})
		}
		return ast.WalkContinue, nil
	})
}

// appendTaskBox appends a task's checkbox as the page shows it: checked
// is the box as written; raw is the task's id, escaped (nil for a
// checkbox that is not a task); former its former ids, escaped and
// space-separated, which go without the prefix into data-was; prefix is
// Context.TaskIDPrefix, escaped.
func appendTaskBox(dst, prefix []byte, checked bool, raw, former []byte) []byte {
	if prefix == nil || raw == nil {
		if checked {
			return append(dst, `<input checked="" disabled="" type="checkbox" aria-label="done"> `...)
		}
		return append(dst, `<input disabled="" type="checkbox" aria-label="to do"> `...)
	}
	dst = append(dst, `<input type="checkbox" class="task-box" id="`...)
	dst = append(dst, prefix...)
	dst = append(dst, raw...)
	dst = append(dst, '"')
	if former != nil {
		dst = append(dst, ` data-was="`...)
		dst = append(dst, former...)
		dst = append(dst, '"')
	}
	if checked {
		dst = append(dst, " checked"...)
	}
	dst = append(dst, `> <label for="`...)
	dst = append(dst, prefix...)
	dst = append(dst, raw...)
	return append(dst, `">`...)
}
