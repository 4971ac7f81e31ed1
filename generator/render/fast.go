package render

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"io/fs"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/markdown"
	"github.com/relbook/relbook/themes"
)

// The default theme's checklists, written in Go.
//
// A checklist is its tasks, and a large handbook has a thousand
// checklists of a hundred tasks: through html/template each task is a
// dozen field lookups and escaper calls by reflection, and that is where a
// build would spend most of its time. So when a theme's checklist.html is
// the default theme's, byte for byte, and so is the "time" template it
// uses, the task groups and the task lists are written by the code below,
// which writes the bytes those templates write, and the templates call
// it: "main" gets the groups from relbookGroups, and "tasks" and "task"
// (still used for the tasks that are undated or not scheduled) from
// relbookTasks and taskView.HTML. Everything else on the page, and every
// page of a theme that changes any of it, is the templates' as always.
// TestFastPagesSameAsTemplates holds the two to agreement.

// The default theme's templates that the Go code writes. fastChecklists
// checks that checklist.html still holds them as they are here.
const (
	defaultGroupsTemplate = `{{- range .Groups}}
<section class="task-group" data-from="{{with .From}}{{.DateTime}}{{else}}{{.Due.DateTime}}{{end}}" data-due="{{.Due.DateTime}}" aria-labelledby="{{.ID}}">
  <h2 id="{{.ID}}">
    {{- with .From}}{{template "time" .}} – {{end}}{{template "time" .Due}}
    <span class="weeks">{{.Week}}{{with .Countdown}} · {{.}}{{end}}</span>
  </h2>
  <p class="when muted">From the guide’s {{range $i, $w := .When}}{{if $i}}, {{end}}<code>{{$w}}</code>{{end}}</p>
  {{template "tasks" .}}
</section>
{{- end}}`

	defaultTasksTemplate = `{{define "tasks"}}
{{if .Ordered}}<ol class="tasks">{{else}}<ul class="tasks">{{end}}
  {{- range .Tasks}}{{template "task" .}}{{end}}
{{if .Ordered}}</ol>{{else}}</ul>{{end}}
{{end}}`

	defaultTaskTemplate = `{{define "task"}}
<li class="task">
  <input type="checkbox" id="{{.ID}}"{{if .Checked}} checked{{end}}>
  <label for="{{.ID}}">{{.Label}}</label>
  {{- with .Body}}<div class="task-body">{{.}}</div>{{end}}
  {{- with .Steps}}
  {{if (index . 0).Ordered}}<ol class="tasks steps">{{else}}<ul class="tasks steps">{{end}}
    {{- range .}}{{template "task" .}}{{end}}
  {{if (index . 0).Ordered}}</ol>{{else}}</ul>{{end}}
  {{- end}}
</li>
{{end}}`

	defaultTimeTemplate = `<time datetime="{{.DateTime}}">{{.Text}}</time>`
)

// fastChecklists switches set, the templates of checklist pages, to the
// Go code when the theme has the default templates it replaces, and
// reports whether it did.
func fastChecklists(set *template.Template, fsys fs.FS) (bool, error) {
	def, same := defaultTemplate(fsys, "checklist.html")
	if !same || !bytes.Contains(def, []byte(defaultGroupsTemplate)) ||
		!bytes.Contains(def, []byte(defaultTasksTemplate+"\n\n"+defaultTaskTemplate)) {
		return false, nil
	}
	if t := set.Lookup("time"); t == nil || t.Tree == nil || t.Tree.Root.String() != defaultTimeTemplate {
		return false, nil
	}
	for _, t := range set.Templates() {
		switch name := t.Name(); {
		case name == "main" || name == "tasks" || name == "task" || name == "checklist.html" || t.Tree == nil:
		case strings.Contains(t.Tree.Root.String(), `template "task`):
			return false, nil // another template shows tasks its own way
		}
	}
	set.Funcs(template.FuncMap{"relbookGroups": groupsHTML, "relbookTasks": tasksHTML})
	fast := strings.Replace(string(def), defaultGroupsTemplate, `{{- relbookGroups .}}`, 1)
	if _, err := set.New("checklist.html").Parse(fast); err != nil {
		return false, err
	}
	if _, err := set.New("tasks").Parse(`{{relbookTasks .}}`); err != nil {
		return false, err
	}
	_, err := set.New("task").Parse(`{{.HTML}}`)
	return err == nil, err
}

// checklistHTML is what the Go code writes of a checklist page.
type checklistHTML struct {
	// groups is the task groups, as defaultGroupsTemplate writes them, in
	// a buffer of taskBuffers.
	groups *[]byte
	// inline makes relbookGroups write the groups rather than the mark
	// where they go.
	inline bool
}

// groupsMark is what relbookGroups writes where a checklist's task groups
// go, for checklistPage.splice to replace: most of a checklist's bytes are
// its groups, and they are copied once, into the page, rather than into
// a string for the template and then with the page. Nothing else on a
// page can write a NUL: html/template writes one as U+FFFD, and so does
// the markdown renderer.
const groupsMark = "\x00relbook:groups\x00"

// groupsHTML is relbookGroups: where a checklist page's task groups go.
func groupsHTML(v *checklistPage) template.HTML {
	if v.html.inline {
		return template.HTML(*v.html.groups)
	}
	return groupsMark
}

// splice writes the task groups into the page where relbookGroups left
// its mark.
func (v *checklistPage) splice(page []byte) ([]byte, bool) {
	if v.html.groups == nil || v.html.inline {
		return bytes.Clone(page), true
	}
	at := bytes.Index(page, []byte(groupsMark))
	if at < 0 || bytes.Contains(page[at+len(groupsMark):], []byte(groupsMark)) {
		v.html.inline = true
		return nil, false
	}
	groups := *v.html.groups
	out := make([]byte, 0, len(page)-len(groupsMark)+len(groups))
	out = append(out, page[:at]...)
	out = append(out, groups...)
	out = append(out, page[at+len(groupsMark):]...)
	taskBuffers.Put(v.html.groups)
	v.html.groups = nil
	return out, true
}

// checklistHTML writes the task groups of a checklist page, and makes the
// undated and unscheduled tasks, in the order the templates would render
// them (the first use of a glossary term on the page is the one that
// links).
func (b *builder) checklistHTML(p page, c *handbook.Checklist) checklistHTML {
	r := c.Release
	prefix := taskPrefix(c)
	buf := taskBuffers.Get().(*[]byte) // the page's, until it is spliced
	out := (*buf)[:0]
	for _, g := range c.Groups {
		id := groupID(g)
		due := dateMoment(g.Due)
		var from *moment
		if g.IsRange() {
			m := dateMoment(g.From)
			from = &m
		}
		out = append(out, "\n<section class=\"task-group\" data-from=\""...)
		if from != nil {
			out = appendEscaped(out, from.DateTime)
		} else {
			out = appendEscaped(out, due.DateTime)
		}
		out = append(out, "\" data-due=\""...)
		out = appendEscaped(out, due.DateTime)
		out = append(out, "\" aria-labelledby=\""...)
		out = appendEscaped(out, id)
		out = append(out, "\">\n  <h2 id=\""...)
		out = appendEscaped(out, id)
		out = append(out, "\">"...)
		if from != nil {
			out = appendTime(out, *from)
			out = append(out, " – "...)
		}
		out = appendTime(out, due)
		out = append(out, "\n    <span class=\"weeks\">Week "...)
		out = strconv.AppendInt(out, int64(r.Week(g.Due)), 10)
		if n := r.Countdown(g.Due); n <= 6 || r.DueWeekday != time.Friday {
			out = append(out, " · "...)
			out = appendEscaped(out, countdown(n))
		}
		out = append(out, "</span>\n  </h2>\n  <p class=\"when muted\">From the guide’s "...)
		for i, w := range g.When {
			if i > 0 {
				out = append(out, ", "...)
			}
			out = append(out, "<code>"...)
			out = appendEscaped(out, w)
			out = append(out, "</code>"...)
		}
		out = append(out, "</p>\n  "...)
		list := "ol"
		for _, t := range g.Tasks {
			if !t.Ordered {
				list = "ul"
			}
		}
		out = append(out, "\n<"+list+` class="tasks">`...)
		for _, t := range g.Tasks {
			out = b.appendTask(out, p.md, prefix, t)
		}
		out = append(out, "\n</"+list+">\n\n</section>"...)
	}
	*buf = out
	return checklistHTML{groups: buf}
}

// otherTasks makes the taskViews of the undated and unscheduled tasks
// of a checklist page written in Go, after its groups.
func (b *builder) otherTasks(p page, c *handbook.Checklist) (undated, unscheduled []taskView) {
	prefix := c.Release.ID + "-" + c.Role.ID + "-"
	escaped := taskPrefix(c)
	buf := taskBuffers.Get().(*[]byte)
	defer taskBuffers.Put(buf)
	for _, t := range c.Undated {
		*buf = b.appendTask((*buf)[:0], p.md, escaped, t)
		undated = append(undated, taskView{ID: prefix + t.ID, Checked: t.Checked, Ordered: t.Ordered, html: string(*buf)})
	}
	for _, t := range c.Unscheduled {
		*buf = b.appendTask((*buf)[:0], p.md, escaped, t)
		unscheduled = append(unscheduled, taskView{ID: prefix + t.ID, Checked: t.Checked, Ordered: t.Ordered, html: string(*buf)})
	}
	return undated, unscheduled
}

var taskBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// appendTask appends a task, and its steps, as defaultTaskTemplate writes
// it, straight from the guide's compiled markdown. prefix is the
// checklist's prefix of task ids ("v3.4-docs-"), already escaped (see
// taskPrefix): it is the same for every task of the page.
func (b *builder) appendTask(out []byte, ctx *markdown.Context, prefix string, t *markdown.Task) []byte {
	var err error
	out = append(out, "\n<li class=\"task\">\n  <input type=\"checkbox\" id=\""...)
	id := len(out)
	out = append(out, prefix...)
	out = appendEscaped(out, t.ID)
	idEnd := len(out)
	out = append(out, '"')
	if t.Checked {
		out = append(out, " checked"...)
	}
	out = append(out, ">\n  <label for=\""...)
	out = append(out, out[id:idEnd]...) // the id again, escaped once
	out = append(out, "\">"...)
	out, err = t.AppendLabel(out, ctx)
	b.fail(err, "a task")
	out = append(out, "</label>"...)
	const div = `<div class="task-body">`
	out = append(out, div...)
	n := len(out)
	out, err = t.AppendBody(out, ctx)
	b.fail(err, "a task")
	if len(out) == n {
		out = out[:n-len(div)] // no body
	} else {
		out = append(out, "</div>"...)
	}
	if len(t.Steps) > 0 {
		list := "ul"
		if t.Steps[0].Ordered {
			list = "ol"
		}
		out = append(out, "\n  <"+list+` class="tasks steps">`...)
		for _, s := range t.Steps {
			out = b.appendTask(out, ctx, prefix, s)
		}
		out = append(out, "\n  </"+list+">"...)
	}
	return append(out, "\n</li>\n"...)
}

// taskPrefix is the prefix of the ids of c's tasks, escaped for
// appendTask.
func taskPrefix(c *handbook.Checklist) string {
	return string(appendEscaped(nil, c.Release.ID+"-"+c.Role.ID+"-"))
}

// HTML is the task as defaultTaskTemplate writes it, steps and all.
func (v taskView) HTML() template.HTML {
	if v.html != "" {
		return template.HTML(v.html)
	}
	var b []byte
	b = v.appendHTML(b)
	return template.HTML(b)
}

func (v *taskView) appendHTML(out []byte) []byte {
	if v.html != "" {
		return append(out, v.html...)
	}
	out = append(out, "\n<li class=\"task\">\n  <input type=\"checkbox\" id=\""...)
	out = appendEscaped(out, v.ID)
	out = append(out, '"')
	if v.Checked {
		out = append(out, " checked"...)
	}
	out = append(out, ">\n  <label for=\""...)
	out = appendEscaped(out, v.ID)
	out = append(out, "\">"...)
	out = append(out, v.Label...)
	out = append(out, "</label>"...)
	if v.Body != "" {
		out = append(out, `<div class="task-body">`...)
		out = append(out, v.Body...)
		out = append(out, "</div>"...)
	}
	if len(v.Steps) > 0 {
		list := "ul"
		if v.Steps[0].Ordered {
			list = "ol"
		}
		out = append(out, "\n  <"+list+` class="tasks steps">`...)
		for i := range v.Steps {
			out = v.Steps[i].appendHTML(out)
		}
		out = append(out, "\n  </"+list+">"...)
	}
	return append(out, "\n</li>\n"...)
}

// tasksHTML is relbookTasks: a task list as defaultTasksTemplate writes
// it, for a task group or a dict of Tasks and Ordered.
func tasksHTML(v any) (template.HTML, error) {
	var tasks []taskView
	var ordered bool
	switch v := v.(type) {
	case taskGroupView:
		tasks, ordered = v.Tasks, v.Ordered
	case map[string]any:
		var ok1, ok2 bool
		tasks, ok1 = v["Tasks"].([]taskView)
		ordered, ok2 = v["Ordered"].(bool)
		if !ok1 || !ok2 {
			return "", fmt.Errorf(`template "tasks" needs Tasks and Ordered`)
		}
	default:
		return "", fmt.Errorf(`template "tasks" cannot show a %T`, v)
	}
	list := "ul"
	if ordered {
		list = "ol"
	}
	out := []byte("\n<" + list + ` class="tasks">`)
	for i := range tasks {
		out = tasks[i].appendHTML(out)
	}
	out = append(out, "\n</"+list+">\n"...)
	return template.HTML(out), nil
}

// appendEscaped appends s as html/template escapes a plain string in
// text and in a quoted attribute value (htmlReplacementTable): the same
// few characters in both.
func appendEscaped(out []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		repl := htmlEscapes[s[i]]
		if repl == "" {
			continue
		}
		out = append(out, s[last:i]...)
		out = append(out, repl...)
		last = i + 1
	}
	return append(out, s[last:]...)
}

// htmlEscapes is what appendEscaped writes for each byte it replaces: a
// table, because most text has none of them and is scanned byte by byte.
var htmlEscapes = [256]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// Whole checklist pages, when the theme's base.html and partials.html are
// the default theme's too: the layout and the page's header are then
// written here as well, as base.html, checklist.html's "main" and the
// partials it calls ("status", "time", "release-dates", "subscribe")
// write them, and a checklist page is no template work at all.

// fastPages reports whether the theme's base.html and partials.html are
// the default theme's, byte for byte.
func fastPages(fsys fs.FS) bool {
	_, same := defaultTemplate(fsys, "base.html")
	return same && fastPartials(fsys)
}

// writePage writes the whole checklist page, or returns false for a page
// that needs what only the templates write (an inline stylesheet, no
// script).
func (v *checklistPage) writePage() ([]byte, bool) {
	if v.templatesOnly() || v.html.groups == nil {
		return nil, false
	}
	// The rest of the page is written after its groups, in the same
	// buffer, leaving them out; the page is then put together at its
	// exact size, each byte copied once.
	buf := v.html.groups
	groups := len(*buf)
	out := v.appendHead(*buf)
	out = append(out, "\n"...)
	out, at := v.appendMain(out)
	out = v.appendFoot(out)
	page := make([]byte, 0, len(out))
	page = append(page, out[groups:at]...)
	page = append(page, out[:groups]...)
	page = append(page, out[at:]...)
	*buf = out[:0]
	taskBuffers.Put(buf)
	v.html.groups = nil
	return page, true
}

// templatesOnly reports whether the page needs what only base.html
// writes: an inline stylesheet, or no script.
func (p *page) templatesOnly() bool { return p.InlineCSS != "" || p.NoScript }

// appendHead writes base.html up to its "main".
func (p *page) appendHead(out []byte) []byte {
	out = append(out, "<!DOCTYPE html>\n<html lang=\""...)
	out = appendEscaped(out, p.Site.Language)
	out = append(out, "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"...)
	if p.Title != "" && p.Title != p.Site.Title {
		out = appendEscaped(out, p.Title)
		out = append(out, " · "...)
	}
	out = appendEscaped(out, p.Site.Title)
	out = append(out, "</title>\n<meta name=\"description\" content=\""...)
	out = appendEscaped(out, p.Description)
	out = append(out, "\">\n<meta name=\"generator\" content=\"relbook\">"...)
	if p.URL != "" {
		out = append(out, "\n<link rel=\"canonical\" href=\""...)
		out = appendURL(out, p.URL, false)
		out = append(out, "\">\n<meta property=\"og:url\" content=\""...)
		out = appendEscaped(out, p.URL)
		out = append(out, "\">"...)
	}
	out = append(out, "\n<meta property=\"og:type\" content=\""...)
	out = appendEscaped(out, p.OG.Type)
	out = append(out, "\">\n<meta property=\"og:site_name\" content=\""...)
	out = appendEscaped(out, p.Site.Title)
	out = append(out, "\">\n<meta property=\"og:title\" content=\""...)
	out = appendEscaped(out, cmp.Or(p.Title, p.Site.Title))
	out = append(out, "\">\n<meta property=\"og:description\" content=\""...)
	out = appendEscaped(out, cmp.Or(p.OG.Description, p.Description))
	out = append(out, "\">\n<link rel=\"stylesheet\" href=\""...)
	out = appendURL(out, p.Root, false)
	out = append(out, "static/style.css\">\n<link rel=\"stylesheet\" href=\""...)
	out = appendURL(out, p.Root, false)
	out = append(out, "static/highlight.css\">\n<script src=\""...)
	out = appendURL(out, p.Root, false)
	out = append(out, "static/relbook.js\" defer></script>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n<header class=\"site-header\">\n  <div class=\"wrap\">\n    <a class=\"site-title\" href=\""...)
	out = appendURL(out, p.Root, false)
	out = append(out, "\">"...)
	out = appendEscaped(out, p.Site.Title)
	out = append(out, "</a>"...)
	if p.SearchURL != "" {
		out = append(out, "\n    \n    <form class=\"search\" role=\"search\" data-index=\""...)
		out = appendEscaped(out, p.SearchURL)
		out = append(out, "\" data-root=\""...)
		out = appendEscaped(out, p.Root)
		out = append(out, `" hidden>
      <label for="search-input" class="visually-hidden">Search the handbook</label>
      <input id="search-input" type="search" name="q" placeholder="Search" autocomplete="off" spellcheck="false"
        aria-controls="search-results" aria-describedby="search-status">
      <p id="search-status" class="visually-hidden" aria-live="polite"></p>
      <ul id="search-results" class="search-results" hidden></ul>
    </form>`...)
	}
	out = append(out, "\n    <nav class=\"site-nav\" aria-label=\"Site\">\n      <ul>"...)
	for _, l := range p.Nav {
		out = append(out, "\n        <li><a href=\""...)
		out = appendURL(out, l.URL, false)
		out = append(out, '"')
		if l.Current != "" {
			out = append(out, " aria-current=\""...)
			out = appendEscaped(out, l.Current)
			out = append(out, '"')
		}
		out = append(out, '>')
		out = appendEscaped(out, l.Title)
		out = append(out, "</a></li>"...)
	}
	out = append(out, "\n      </ul>\n    </nav>\n  </div>\n</header>\n<main id=\"main\" class=\"wrap\" tabindex=\"-1\">"...)
	if len(p.Crumbs) > 0 {
		out = append(out, "\n<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\">\n  <ol>"...)
		for _, l := range p.Crumbs {
			out = append(out, "\n    <li>"...)
			if l.URL != "" {
				out = appendLink(out, l.URL, l.Title)
			} else {
				out = append(out, "<span aria-current=\"page\">"...)
				out = appendEscaped(out, l.Title)
				out = append(out, "</span>"...)
			}
			out = append(out, "</li>"...)
		}
		out = append(out, "\n  </ol>\n</nav>"...)
	}
	return out
}

// appendFoot writes base.html after its "main".
func (p *page) appendFoot(out []byte) []byte {
	out = append(out, "\n</main>\n<footer class=\"site-footer\">\n  <div class=\"wrap\">\n    <p>Built by relbook"...)
	if p.AsOf != nil {
		out = append(out, " for "...)
		out = appendTime(out, *p.AsOf)
	}
	out = append(out, ".\n    <a href=\""...)
	out = appendURL(out, p.Root, false)
	out = append(out, "schedule.json\">Schedules as JSON</a> · <a href=\""...)
	out = appendURL(out, p.Root, false)
	return append(out, "changes.xml\">Schedule changes (Atom)</a></p>\n  </div>\n</footer>\n</body>\n</html>\n"...)
}

// appendMain writes checklist.html's "main" but for the task groups,
// written already: at is where they go.
func (v *checklistPage) appendMain(out []byte) (_ []byte, at int) {
	out = append(out, "\n<div class=\"guide-header\">\n  <h1>"...)
	out = appendEscaped(out, v.Role.Title)
	out = append(out, " checklist <span class=\"codename\">for "...)
	out = appendEscaped(out, v.Release.Name)
	out = append(out, "</span></h1>\n  <dl class=\"facts\">"...)
	out = appendStatusAndCycle(out, &v.Release, v.AsOf)
	if len(v.Role.People) > 0 {
		out = append(out, "<div><dt>Held by</dt><dd>"...)
		out = appendEscaped(out, strings.Join(v.Role.People, ", "))
		out = append(out, "</dd></div>"...)
	}
	if len(v.Role.Shadows) > 0 {
		out = append(out, "<div><dt>Shadows</dt><dd>"...)
		out = appendEscaped(out, strings.Join(v.Role.Shadows, ", "))
		out = append(out, "</dd></div>"...)
	}
	out = append(out, "\n  </dl>\n  <p>The <a href=\""...)
	out = appendURL(out, v.GuideURL, false)
	out = append(out, "\">"...)
	out = appendEscaped(out, v.Role.Title)
	out = append(out, " guide</a> explains each task."...)
	if v.Release.Current {
		out = append(out, " <a href=\""...)
		out = appendURL(out, v.PrintURL, false)
		out = append(out, "\">Print the onboarding packet</a>: the guide, this checklist and the glossary on one page."...)
	}
	out = append(out, "</p>\n  <p class=\"muted ticks-note\">Tick tasks as you go: ticks are kept in this browser only. <button type=\"button\" class=\"reset-ticks\" hidden>Clear all ticks</button></p>\n</div>\n\n<div class=\"checklist\" data-storage=\""...)
	out = appendEscaped(out, v.Storage)
	out = append(out, "\">"...)
	at = len(out)
	out = append(out, "\n\n"...)
	if len(v.Unscheduled) > 0 {
		out = append(out, "\n<section class=\"task-group unscheduled\">\n  <h2 id=\"not-scheduled\">Not scheduled in "...)
		out = appendEscaped(out, v.Release.Name)
		out = append(out, "</h2>\n  <p class=\"muted\">These tasks hang on a milestone this release does not have.</p>\n  "...)
		out = appendTasks(out, v.Unscheduled, false)
		out = append(out, "\n</section>\n"...)
	}
	out = append(out, "\n\n"...)
	if len(v.Undated) > 0 {
		out = append(out, "\n<section class=\"task-group undated\">\n  <h2 id=\"any-time\">Any time</h2>\n  "...)
		out = appendTasks(out, v.Undated, false)
		out = append(out, "\n</section>\n"...)
	}
	out = append(out, "\n</div>\n\n"...)
	out = appendSubscribe(out, v.Feeds)
	return append(out, "\n"...), at
}

// appendTasks writes a task list as defaultTasksTemplate does.
func appendTasks(out []byte, tasks []taskView, ordered bool) []byte {
	list := "ul"
	if ordered {
		list = "ol"
	}
	out = append(out, "\n<"+list+` class="tasks">`...)
	for i := range tasks {
		out = tasks[i].appendHTML(out)
	}
	return append(out, "\n</"+list+">\n"...)
}

// appendURL appends s as html/template writes a value at the start of a
// URL attribute (href, src): a URL with a scheme other than http, https
// or mailto replaced by "#ZgotmplZ" unless trusted (a template.URL), then
// normalized (percent-encoded where a URL may not hold a byte as it is)
// and escaped for the attribute.
func appendURL(out []byte, s string, trusted bool) []byte {
	if !trusted {
		if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
			!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
			s = "#ZgotmplZ"
		}
	}
	last := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0:
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue // an escape already (but not at the very end, as html/template has it)
		}
		out = appendEscaped(out, s[last:i])
		out = append(out, '%', hexDigits[s[i]>>4], hexDigits[s[i]&15])
		last = i + 1
	}
	return appendEscaped(out, s[last:])
}

const hexDigits = "0123456789abcdef"

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// The glossary of the onboarding packet, written in Go: every packet
// holds the whole glossary, hundreds of terms in a large handbook, each a
// dozen template actions. When the theme's print.html and partials.html
// are the default theme's, print.html's "main" gets its glossary entries
// from relbookTerms, which writes what defaultPrintTermsTemplate and the
// "roles" template it calls write.
const defaultPrintTermsTemplate = `{{- range .Terms}}
    <dt id="{{.Anchor}}"><dfn>{{.Name}}</dfn>{{with .Expansion}} <span class="expansion">({{.}})</span>{{end}}</dt>
    <dd>
      {{.Definition}}
      {{- with .Aliases}}<p class="aliases">Also: {{join . ", "}}</p>{{end}}
      {{- with .See}}<p class="see">See also: {{template "roles" .}}</p>{{end}}
    </dd>
    {{- end}}`

// defaultPrintGroupsTemplate is the packet's dated task groups, which
// print.html's "main" gets from relbookPrintGroups in the same way: a
// hundred tasks, each a dozen template actions in "print-tasks" and
// "print-task".
const defaultPrintGroupsTemplate = `{{- range .Groups}}
  <section class="task-group" aria-labelledby="{{.ID}}">
    <h3 id="{{.ID}}">{{with .From}}{{template "time" .}} – {{end}}{{template "time" .Due}}
      <span class="weeks">{{.Week}}{{with .Countdown}} · {{.}}{{end}}</span></h3>
    {{template "print-tasks" .}}
  </section>
  {{- end}}`

// fastPrint switches set, the templates of onboarding packets, to
// writing their glossary and dated tasks in Go, when the theme has the
// default templates it replaces.
func fastPrint(set *template.Template, fsys fs.FS) error {
	def, same := defaultTemplate(fsys, "print.html")
	if !same || !fastPartials(fsys) ||
		!bytes.Contains(def, []byte(defaultPrintTermsTemplate)) || !bytes.Contains(def, []byte(defaultPrintGroupsTemplate)) {
		return nil
	}
	set.Funcs(template.FuncMap{"relbookTerms": termsHTML, "relbookPrintGroups": printGroupsHTML})
	fast := strings.Replace(string(def), defaultPrintTermsTemplate, `{{- relbookTerms .Terms}}`, 1)
	fast = strings.Replace(fast, defaultPrintGroupsTemplate, `{{- relbookPrintGroups .Groups}}`, 1)
	_, err := set.New("print.html").Parse(fast)
	return err
}

// fastPartials reports whether the theme's partials.html is the default
// theme's, byte for byte.
func fastPartials(fsys fs.FS) bool {
	_, same := defaultTemplate(fsys, "partials.html")
	return same
}

// defaultTemplate returns the default theme's templates/name, and whether
// the theme fsys has it byte for byte.
func defaultTemplate(fsys fs.FS, name string) (def []byte, same bool) {
	def, err := fs.ReadFile(themes.Default(), "templates/"+name)
	if err != nil {
		return nil, false
	}
	mine, err := fs.ReadFile(fsys, "templates/"+name)
	return def, err == nil && bytes.Equal(mine, def)
}

// printGroupsHTML is relbookPrintGroups: a packet's dated task groups as
// defaultPrintGroupsTemplate writes them.
func printGroupsHTML(groups []taskGroupView) template.HTML {
	buf := taskBuffers.Get().(*[]byte)
	defer taskBuffers.Put(buf)
	out := (*buf)[:0]
	for i := range groups {
		g := &groups[i]
		out = append(out, "\n  <section class=\"task-group\" aria-labelledby=\""...)
		out = appendEscaped(out, g.ID)
		out = append(out, "\">\n    <h3 id=\""...)
		out = appendEscaped(out, g.ID)
		out = append(out, "\">"...)
		if g.From != nil {
			out = appendTime(out, *g.From)
			out = append(out, " – "...)
		}
		out = appendTime(out, g.Due)
		out = append(out, "\n      "...)
		out = appendWeeks(out, g.Week, g.Countdown)
		out = append(out, "</h3>\n    "...)
		out = appendPrintTasks(out, g.Tasks, g.Ordered)
		out = append(out, "\n  </section>"...)
	}
	*buf = out
	return template.HTML(out)
}

// appendPrintTasks writes partials.html's "print-tasks".
func appendPrintTasks(out []byte, tasks []taskView, ordered bool) []byte {
	list := "ul"
	if ordered {
		list = "ol"
	}
	out = append(out, "\n<"+list+` class="tasks print-tasks">`...)
	for i := range tasks {
		t := &tasks[i]
		out = append(out, "\n<li class=\"task\"><span class=\"box\" aria-hidden=\"true\"></span>"...)
		out = append(out, t.Label...)
		if t.Body != "" {
			out = append(out, "<div class=\"task-body\">"...)
			out = append(out, t.Body...)
			out = append(out, "</div>"...)
		}
		if len(t.Steps) > 0 {
			out = append(out, "\n  "...)
			out = appendPrintTasks(out, t.Steps, t.Steps[0].Ordered)
		}
		out = append(out, "\n</li>\n"...)
	}
	return append(out, "\n</"+list+">\n"...)
}

// termsHTML is relbookTerms: glossary entries as
// defaultPrintTermsTemplate writes them.
func termsHTML(terms []termView) template.HTML {
	buf := taskBuffers.Get().(*[]byte)
	defer taskBuffers.Put(buf)
	out := (*buf)[:0]
	for i := range terms {
		t := &terms[i]
		out = append(out, "\n    <dt id=\""...)
		out = appendEscaped(out, t.Anchor)
		out = append(out, "\"><dfn>"...)
		out = appendEscaped(out, t.Name)
		out = append(out, "</dfn>"...)
		if t.Expansion != "" {
			out = append(out, " <span class=\"expansion\">("...)
			out = appendEscaped(out, t.Expansion)
			out = append(out, ")</span>"...)
		}
		out = append(out, "</dt>\n    <dd>\n      "...)
		out = append(out, t.Definition...)
		if len(t.Aliases) > 0 {
			out = append(out, "<p class=\"aliases\">Also: "...)
			out = appendEscaped(out, strings.Join(t.Aliases, ", "))
			out = append(out, "</p>"...)
		}
		if len(t.See) > 0 {
			out = append(out, "<p class=\"see\">See also: "...)
			out = appendRoles(out, t.See)
			out = append(out, "</p>"...)
		}
		out = append(out, "\n    </dd>"...)
	}
	*buf = out
	return template.HTML(out)
}
