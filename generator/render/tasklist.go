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
//
// A page's tasks are written once, in the order the page shows them,
// into one buffer (see taskWriter): each task's Label and Body, and the
// markup of each task and of each group, are parts of that buffer's one
// string, so that a checklist costs a few allocations rather than a few
// per task.

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
	// When are the guide's date expressions the tasks are due by, and
	// WhenWords each of them in words ("1 week before Code freeze").
	When      []string
	WhenWords []string
	// Ordered is Tasks.Ordered().
	Ordered bool
	Tasks   taskList
	// HTML is the group's section, headed by its dates and weeks, with
	// its checkboxes. Printed group by group, a checklist's tasks are
	// copied into the page in pieces of a few kilobytes rather than as one
	// string of most of the page. It is a field rather than a method, as
	// the other components are, because html/template reads a field in
	// one step and finds a method by a search that allocates: fifteen
	// times on each of a thousand pages.
	HTML template.HTML
}

// HTML is the groups as a checklist page shows them: a section per
// group (see taskGroupView.HTML).
func (gs taskGroups) HTML() template.HTML {
	return write(func(out []byte) []byte {
		for i := range gs {
			out = append(out, gs[i].HTML...)
		}
		return out
	})
}

// appendOpen writes the group's section up to its list of tasks.
func (g *taskGroupView) appendOpen(out []byte) []byte {
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
	out = append(out, "\n  </h2>\n  <p class=\"when muted\">In the guide: "...)
	for i, w := range g.When {
		if i > 0 {
			out = append(out, "; "...)
		}
		// The rule in words; as the author wrote it on hover.
		out = append(out, "<span title=\""...)
		out = appendEscaped(out, w)
		out = append(out, "\">"...)
		out = appendEscaped(out, g.WhenWords[i])
		out = append(out, "</span>"...)
	}
	return append(out, "</p>\n  "...)
}

// groupClose ends a group's section, after its list of tasks.
const groupClose = "\n</section>"

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
	// html is the task's list item, with its steps, as HTML shows it.
	html template.HTML
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
	return write(func(out []byte) []byte {
		out = l.appendOpen(out, "\n", "tasks")
		for i := range l {
			out = append(out, l[i].html...)
		}
		return l.appendClose(out, "\n", "\n")
	})
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

// appendOpen opens the list of checkboxes, of class, after before;
// appendClose closes it before after.
func (l taskList) appendOpen(out []byte, before, class string) []byte {
	out = append(out, before...)
	return append(out, "<"+l.listTag()+` class="`+class+`">`...)
}

func (l taskList) appendClose(out []byte, before, after string) []byte {
	out = append(out, before...)
	return append(out, "</"+l.listTag()+">"+after...)
}

// The list items of checkboxes, around a task's label and body.
const (
	taskOpen     = "\n<li class=\"task\">\n  <input type=\"checkbox\" id=\""
	taskBodyOpen = `<div class="task-body">`
	taskClose    = "\n</li>\n"
)

func (l taskList) appendPrintList(out []byte) []byte {
	tag := l.listTag()
	out = append(out, "\n<"+tag+` class="tasks print-tasks">`...)
	for i := range l {
		t := &l[i]
		out = append(out, "\n<li class=\"task\"><span class=\"box\" aria-hidden=\"true\"></span>"...)
		out = append(out, t.Label...)
		if t.Body != "" {
			out = append(out, taskBodyOpen...)
			out = append(out, t.Body...)
			out = append(out, "</div>"...)
		}
		if len(t.Steps) > 0 {
			out = append(out, "\n  "...)
			out = t.Steps.appendPrintList(out)
		}
		out = append(out, "\n</li>\n"...)
	}
	return append(out, "\n</"+tag+">\n"...)
}

// taskWriter writes the tasks of a page into one buffer, in the order
// the page shows them: a glossary term links on its first use on the
// page. Each Label, Body and piece of markup it writes is recorded as a
// span of the buffer, and done makes them parts of its one string.
type taskWriter struct {
	b      *builder
	md     *markdown.Context
	prefix string // of checkbox ids
	out    []byte
	spans  []span
	// views is where the page's task views are taken from: one
	// allocation for many lists.
	views []taskView
}

// span is a part of a taskWriter's buffer, and the field it goes to.
type span struct {
	dst        *string
	start, end int
}

func (b *builder) taskWriter(p page, prefix string) *taskWriter {
	buf := taskBuffers.Get().(*[]byte)
	spans := taskSpans.Get().(*[]span)
	return &taskWriter{b: b, md: p.md, prefix: prefix, out: (*buf)[:0], spans: (*spans)[:0]}
}

// taskSpans keeps the taskWriters' lists of spans from page to page: a
// checklist has several hundred.
var taskSpans = sync.Pool{New: func() any { s := make([]span, 0, 1024); return &s }}

// mark records that the HTML written from start on goes to dst.
func (w *taskWriter) mark(dst *template.HTML, start int) {
	w.spans = append(w.spans, span{(*string)(dst), start, len(w.out)})
}

// done fills in every recorded field, and gives the buffer back.
func (w *taskWriter) done() {
	s := string(w.out)
	for _, sp := range w.spans {
		*sp.dst = s[sp.start:sp.end]
	}
	buf := w.out[:0]
	taskBuffers.Put(&buf)
	clear(w.spans) // they point into this page's views
	spans := w.spans[:0]
	taskSpans.Put(&spans)
	w.out, w.spans = nil, nil
}

// list is the views of tasks, to be written (see items).
func (w *taskWriter) list(tasks []*markdown.Task) taskList {
	if len(tasks) == 0 {
		return nil
	}
	if len(tasks) > len(w.views) {
		w.views = make([]taskView, max(len(tasks), 256))
	}
	l := taskList(w.views[:len(tasks):len(tasks)])
	w.views = w.views[len(tasks):]
	for i, t := range tasks {
		l[i].Checked, l[i].Ordered = t.Checked, t.Ordered
	}
	return l
}

// items writes each task of l, made by views from tasks, as a list
// item; the caller writes the list around them.
func (w *taskWriter) items(l taskList, tasks []*markdown.Task) {
	for i, t := range tasks {
		w.task(&l[i], t)
	}
}

// task writes v, made from t: its checkbox, label, body and steps.
func (w *taskWriter) task(v *taskView, t *markdown.Task) {
	start := len(w.out)
	w.out = append(w.out, taskOpen...)
	id := len(w.out)
	w.out = appendEscaped(w.out, w.prefix)
	w.out = appendEscaped(w.out, t.ID)
	idEnd := len(w.out)
	if idEnd-id == len(w.prefix)+len(t.ID) {
		w.spans = append(w.spans, span{&v.ID, id, idEnd}) // the id as it is
	} else {
		v.ID = w.prefix + t.ID // escaping only lengthens
	}
	w.out = append(w.out, '"')
	if len(t.Former) > 0 {
		// Ticks remembered under a former id move to this one (relbook.js).
		w.out = append(w.out, ` data-was="`...)
		for i, f := range t.Former {
			if i > 0 {
				w.out = append(w.out, ' ')
			}
			w.out = appendEscaped(w.out, f)
		}
		w.out = append(w.out, '"')
	}
	if v.Checked {
		w.out = append(w.out, " checked"...)
	}
	w.out = append(w.out, ">\n  <label for=\""...)
	w.out = append(w.out, w.out[id:idEnd]...) // the id again, escaped once
	w.out = append(w.out, "\">"...)
	var err error
	label := len(w.out)
	w.out, err = t.AppendLabel(w.out, w.md)
	w.b.fail(err, "a task")
	w.mark(&v.Label, label)
	w.out = append(w.out, "</label>"...)
	w.out = append(w.out, taskBodyOpen...)
	body := len(w.out)
	w.out, err = t.AppendBody(w.out, w.md)
	w.b.fail(err, "a task")
	if len(w.out) == body {
		w.out = w.out[:body-len(taskBodyOpen)] // no body
	} else {
		w.mark(&v.Body, body)
		w.out = append(w.out, "</div>"...)
	}
	if len(t.Steps) > 0 {
		v.Steps = w.list(t.Steps)
		w.out = v.Steps.appendOpen(w.out, "\n  ", "tasks steps")
		w.items(v.Steps, t.Steps)
		w.out = v.Steps.appendClose(w.out, "\n  ", "")
	}
	w.out = append(w.out, taskClose...)
	w.mark(&v.html, start)
}
