package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A task's id is what readers' ticks are remembered under, so it should
// outlive the small edits a guide gets: a typo fixed, a word added at the
// end of a long task. Two ways keep it:
//
//   - An explicit id, `{#id}` at the end of the task's first paragraph
//     (`- [ ] Tag the release candidate {#tag-rc}`), the way a heading
//     takes `{#id}`. goldmark reads attribute blocks on headings only, so
//     the list item's paragraph is trimmed here, before its inline
//     content is parsed: the block never reaches the page, a glossary
//     term or a date reference inside it is never seen, and the id is
//     kept on the list item (explicitIDAttr) for the collector. The id
//     is spelt as milestone ids are (lower-case letters, digits and
//     hyphens, not starting with a hyphen) and is the task's id as it
//     stands, with no heading before it, so a task keeps it when it moves
//     to another section. Two tasks of one guide may not share one.
//   - Without one, the heading's id and the first fallbackWords words of
//     the task's slug: rewording the end of a long task keeps its id, and
//     a task of up to fallbackWords words keeps the id it always had.
//
// Ids used to be the heading's id and the slug of the whole text. Where a
// task's id is no longer that (a long task, or one given an explicit id),
// the old id is kept as one of its [Task.Former] ids, which pages write
// on its checkbox so that the site's script moves a tick remembered under
// it to the new id, once.

// fallbackWords is how many words of a task's text make its id when the
// guide gives it none. Six tells apart the tasks of one section in the
// handbooks relbook is tried on, and leaves the rest of a long task free
// to be reworded.
const fallbackWords = 6

// explicitIDAttr is the attribute of a list item that holds the
// explicitID written at the end of its first paragraph.
const explicitIDAttr = "relbook-explicit-id"

// explicitID is a `{#id}` block: the id as written and the offset of its
// "{" in the source.
type explicitID struct {
	id string
	at int
}

// taskIDs is the extension that takes `{#id}` off list items.
type taskIDs struct{}

func (taskIDs) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithParagraphTransformers(util.Prioritized(taskIDTransformer{}, 500)))
}

type taskIDTransformer struct{}

// Transform takes a trailing `{#id}` off the first paragraph of a list
// item. The block must follow a space and hold no space or brace; a
// block that does not look like one stays text.
func (taskIDTransformer) Transform(p *ast.Paragraph, reader text.Reader, _ parser.Context) {
	item, ok := p.Parent().(*ast.ListItem)
	if !ok || item.FirstChild() != p {
		return
	}
	if _, done := item.Attribute([]byte(explicitIDAttr)); done {
		return // goldmark may transform a paragraph twice
	}
	lines := p.Lines()
	n := lines.Len()
	if n == 0 {
		return
	}
	source := reader.Source()
	seg := lines.At(n - 1)
	v := util.TrimRightSpace(seg.Value(source))
	if len(v) < 3 || v[len(v)-1] != '}' {
		return
	}
	open := bytes.LastIndex(v, []byte("{#"))
	if open < 0 || open > 0 && v[open-1] != ' ' && v[open-1] != '\t' || open == 0 && n == 1 {
		return
	}
	id := v[open+2 : len(v)-1]
	if bytes.ContainsAny(id, " \t{}") {
		return
	}
	if open == 0 {
		lines.SetSliced(0, n-1) // the block is a line of its own
	} else {
		kept := seg.WithStop(seg.Start + open)
		lines.Set(n-1, kept.TrimRightSpace(source))
	}
	item.SetAttribute([]byte(explicitIDAttr), explicitID{id: string(id), at: seg.Start + open})
}

// isTaskID reports whether s is spelt as an id: lower-case letters,
// digits and hyphens, not starting with a hyphen (dateexpr.IsID, which
// this package cannot import).
func isTaskID(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range []byte(s) {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' && i > 0) {
			return false
		}
	}
	return true
}

// firstWords is the first n hyphen-separated words of a slug.
func firstWords(slug string, n int) string {
	at := 0
	for i := 0; i < n; i++ {
		next := strings.IndexByte(slug[at:], '-')
		if next < 0 {
			return slug
		}
		at += next + 1
	}
	return slug[:at-1]
}

// taskIDInfo is what the collector learns of a task's id while walking;
// assignTaskIDs turns it into the task's ID and Former ids.
type taskIDInfo struct {
	task *Task
	box  ast.Node
	// explicit is the `{#id}` written on the task, if any.
	explicit *explicitID
	// fallback is the heading's id and the first words of the slug, not
	// yet made unique; whole is the id the task had before fallback ids,
	// made unique as it was then.
	fallback, whole string
}

// assignTaskIDs gives every task its id, once the whole document is
// walked: explicit ids first, so that no fallback id takes one, then
// fallback ids in document order. A bad or repeated explicit id is a
// problem, and its task falls back.
func (c *collector) assignTaskIDs() {
	ids := uniqueIDs{taken: map[string]bool{}, next: map[string]int{}}
	first := map[string]int{} // explicit id → line it is first given on
	for _, info := range c.taskInfos {
		e := info.explicit
		if e == nil {
			continue
		}
		line, col := c.lines.pos(e.at)
		switch {
		case !isTaskID(e.id):
			c.problem(line, col, fmt.Sprintf("task id %q must be lower-case letters, digits and hyphens, not starting with a hyphen: write it as {#%s}", e.id, slug(e.id)))
			info.explicit = nil
		case ids.taken[e.id]:
			c.problem(line, col, fmt.Sprintf("task id %q is given to two tasks of this guide (the first is on line %d): give each task its own", e.id, first[e.id]))
			info.explicit = nil
		default:
			ids.taken[e.id] = true
			first[e.id] = line
		}
	}
	for _, info := range c.taskInfos {
		t := info.task
		if info.explicit != nil {
			t.ID = info.explicit.id
			if info.fallback != t.ID && info.fallback != info.whole {
				t.Former = append(t.Former, info.fallback)
			}
		} else {
			t.ID = ids.claim(info.fallback)
		}
		if info.whole != t.ID {
			t.Former = append(t.Former, info.whole)
		}
		// Where the page makes the task a live checkbox
		// (Context.TaskIDPrefix), the box is written with this id.
		info.box.SetAttributeString(taskIDAttr, []byte(t.ID))
		if len(t.Former) > 0 {
			info.box.SetAttributeString(taskFormerAttr, []byte(strings.Join(t.Former, " ")))
		}
	}
}

// notTask reports a `{#id}` on a list item that is not a task.
func (c *collector) notTask(item *ast.ListItem) {
	v, ok := item.Attribute([]byte(explicitIDAttr))
	if !ok {
		return
	}
	e := v.(explicitID)
	line, col := c.lines.pos(e.at)
	c.problem(line, col, fmt.Sprintf("{#%s} gives a task its id, and this list item is not a task: make it one (- [ ] ...) or take the {#%s} away", e.id, e.id))
}
