package render

import (
	"html/template"
	"sync"

	"github.com/relbook/relbook/generator/markdown"
)

// A checklist's task groups and task lists are components: markup
// written in Go, once, and handed to every theme as values its templates
// print ({{.Groups.HTML}}, {{.Undated.HTML}}, and on paper
// {{.Groups.PrintHTML}}). A large handbook has a thousand checklists of
// fifteen groups and a hundred tasks each, and through html/template
// every group and every task would be a dozen field lookups and escaper
// calls by reflection: most of a build. A theme that wants other markup
// writes its own from the fields of the groups and of their tasks.

// taskGroups are a checklist's tasks grouped by the day they are due,
// in date order.
type taskGroups []taskGroupView

// taskGroupView is the tasks of a checklist due on one day.
type taskGroupView struct {
	// ID is the group's anchor: "due-2026-11-27", or
	// "due-2026-11-27-from-2026-11-23" for a range.
	ID string
	// Week is "Week 3", Countdown "R-4" (or empty), Due the due day and
	// From the first day of a range.
	Week      string
	Countdown string
	From      *moment
	Due       moment
	// When are the guide's date expressions the tasks are due by.
	When []string
	// Ordered is Tasks.Ordered().
	Ordered bool
	Tasks   taskList
}

// HTML is the groups as a checklist page shows them: a section per
// group, headed by its dates and weeks, with its checkboxes.
func (gs taskGroups) HTML() template.HTML {
	return write(func(out []byte) []byte {
		for i := range gs {
			g := &gs[i]
			out = append(out, "\n<section class=\"task-group\" data-from=\""...)
			if g.From != nil {
				out = appendEscaped(out, g.From.DateTime)
			} else {
				out = appendEscaped(out, g.Due.DateTime)
			}
			out = append(out, "\" data-due=\""...)
			out = appendEscaped(out, g.Due.DateTime)
			out = append(out, "\" aria-labelledby=\""...)
			out = appendEscaped(out, g.ID)
			out = append(out, "\">\n  <h2 id=\""...)
			out = appendEscaped(out, g.ID)
			out = append(out, "\">"...)
			out = g.appendDates(out)
			out = append(out, "\n    "...)
			out = g.appendWeeks(out)
			out = append(out, "\n  </h2>\n  <p class=\"when muted\">From the guide’s "...)
			for i, w := range g.When {
				if i > 0 {
					out = append(out, ", "...)
				}
				out = append(out, "<code>"...)
				out = appendEscaped(out, w)
				out = append(out, "</code>"...)
			}
			out = append(out, "</p>\n  "...)
			out = g.Tasks.appendList(out, "\n", "tasks", "\n")
			out = append(out, "\n</section>"...)
		}
		return out
	})
}

// PrintHTML is the groups as the onboarding packet prints them.
func (gs taskGroups) PrintHTML() template.HTML {
	return write(func(out []byte) []byte {
		for i := range gs {
			g := &gs[i]
			out = append(out, "\n  <section class=\"task-group\" aria-labelledby=\""...)
			out = appendEscaped(out, g.ID)
			out = append(out, "\">\n    <h3 id=\""...)
			out = appendEscaped(out, g.ID)
			out = append(out, "\">"...)
			out = g.appendDates(out)
			out = append(out, "\n      "...)
			out = g.appendWeeks(out)
			out = append(out, "</h3>\n    "...)
			out = g.Tasks.appendPrintList(out)
			out = append(out, "\n  </section>"...)
		}
		return out
	})
}

// appendDates writes the group's due day, after the first day of a
// range.
func (g *taskGroupView) appendDates(out []byte) []byte {
	if g.From != nil {
		out = g.From.appendHTML(out)
		out = append(out, " – "...)
	}
	return g.Due.appendHTML(out)
}

// appendWeeks writes "Week 3 · R-4".
func (g *taskGroupView) appendWeeks(out []byte) []byte {
	out = append(out, "<span class=\"weeks\">"...)
	out = appendEscaped(out, g.Week)
	if g.Countdown != "" {
		out = append(out, " · "...)
		out = appendEscaped(out, g.Countdown)
	}
	return append(out, "</span>"...)
}

// taskList is a list of tasks, in the order they are done.
type taskList []taskView

// taskView is a task as pages show it.
type taskView struct {
	// ID is the checkbox id: <release>-<role>-<task id>.
	ID      string
	Label   template.HTML
	Body    template.HTML
	Checked bool
	// Ordered is set when the guide wrote the task in a numbered list.
	Ordered bool
	Steps   taskList
}

// Ordered reports whether the list is numbered: when every task of it
// was written in a numbered list, so that a sequence the guide numbered
// stays numbered wherever its tasks are gathered.
func (l taskList) Ordered() bool {
	for i := range l {
		if !l[i].Ordered {
			return false
		}
	}
	return true
}

// HTML is the list as a checklist shows it: a checkbox per task, its
// steps in a list of their own under it.
func (l taskList) HTML() template.HTML {
	return write(func(out []byte) []byte { return l.appendList(out, "\n", "tasks", "\n") })
}

// PrintHTML is the list as the onboarding packet prints it: a box to
// tick by hand before each task.
func (l taskList) PrintHTML() template.HTML {
	return write(l.appendPrintList)
}

// write returns what appendTo writes, through a buffer of taskBuffers.
func write(appendTo func([]byte) []byte) template.HTML {
	buf := taskBuffers.Get().(*[]byte)
	defer taskBuffers.Put(buf)
	*buf = appendTo((*buf)[:0])
	return template.HTML(*buf)
}

var taskBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// listTag is the element of a list: "ol" when it is numbered.
func (l taskList) listTag() string {
	if l.Ordered() {
		return "ol"
	}
	return "ul"
}

// appendList writes the list of checkboxes: its element, of class,
// opened after before and closed before after.
func (l taskList) appendList(out []byte, before, class, after string) []byte {
	tag := l.listTag()
	out = append(out, before...)
	out = append(out, "<"+tag+` class="`+class+`">`...)
	for i := range l {
		out = l[i].appendTask(out)
	}
	out = append(out, before...)
	return append(out, "</"+tag+">"+after...)
}

func (t *taskView) appendTask(out []byte) []byte {
	out = append(out, "\n<li class=\"task\">\n  <input type=\"checkbox\" id=\""...)
	out = appendEscaped(out, t.ID)
	out = append(out, '"')
	if t.Checked {
		out = append(out, " checked"...)
	}
	out = append(out, ">\n  <label for=\""...)
	out = appendEscaped(out, t.ID)
	out = append(out, "\">"...)
	out = append(out, t.Label...)
	out = append(out, "</label>"...)
	out = t.appendBody(out)
	if len(t.Steps) > 0 {
		out = t.Steps.appendList(out, "\n  ", "tasks steps", "")
	}
	return append(out, "\n</li>\n"...)
}

func (t *taskView) appendBody(out []byte) []byte {
	if t.Body == "" {
		return out
	}
	out = append(out, `<div class="task-body">`...)
	out = append(out, t.Body...)
	return append(out, "</div>"...)
}

func (l taskList) appendPrintList(out []byte) []byte {
	tag := l.listTag()
	out = append(out, "\n<"+tag+` class="tasks print-tasks">`...)
	for i := range l {
		t := &l[i]
		out = append(out, "\n<li class=\"task\"><span class=\"box\" aria-hidden=\"true\"></span>"...)
		out = append(out, t.Label...)
		out = t.appendBody(out)
		if len(t.Steps) > 0 {
			out = append(out, "\n  "...)
			out = t.Steps.appendPrintList(out)
		}
		out = append(out, "\n</li>\n"...)
	}
	return append(out, "\n</"+tag+">\n"...)
}

// taskList renders tasks on page p, their checkbox ids starting with
// prefix, in order: a glossary term links on its first use on the page.
func (b *builder) taskList(p page, prefix string, tasks []*markdown.Task) taskList {
	if len(tasks) == 0 {
		return nil
	}
	l := make(taskList, len(tasks))
	for i, t := range tasks {
		label, body, err := b.h.Markdown.RenderTask(t, p.md)
		b.fail(err, "a task")
		l[i] = taskView{ID: prefix + t.ID, Label: label, Body: body, Checked: t.Checked, Ordered: t.Ordered, Steps: b.taskList(p, prefix, t.Steps)}
	}
	return l
}
