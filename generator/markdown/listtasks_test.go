package markdown

import (
	"fmt"
	"html/template"
	"strings"
	"testing"
)

// TestListTasks makes every list item under a dated heading a task, its
// sub-items steps, and leaves alone the items of undated sections,
// quotes, callouts and raw HTML.
func TestListTasks(t *testing.T) {
	src := `Intro list:

- not a task: no heading

## Background

- not a task: undated

## Week 1 {when="week 1"}

Prepare, in this order:

1. Open the cycle
   - Copy the folder
   - Announce it
2. [x] Already a checkbox

> - quoted, not a task

> [!NOTE]
> - in a callout, not a task

<details>
<summary>More</summary>

- inside raw HTML, not a task

</details>

- After the HTML: a task

### Sub {when="week 2"}

* Nested heading task
`
	doc := New(Options{UnsafeHTML: true}).ParseWith(src, ParseOptions{ListTasks: true})
	var got []string
	var walk func(prefix string, tasks []*Task)
	walk = func(prefix string, tasks []*Task) {
		for _, tk := range tasks {
			got = append(got, fmt.Sprintf("%s%s %v %q", prefix, tk.ID, tk.Checked, tk.When))
			walk(prefix+"  ", tk.Steps)
		}
	}
	walk("", doc.Tasks)
	want := []string{
		`week-1-open-the-cycle false "week 1"`,
		`  week-1-copy-the-folder false "week 1"`,
		`  week-1-announce-it false "week 1"`,
		`week-1-already-a-checkbox true "week 1"`,
		`week-1-after-the-html-a-task false "week 1"`,
		`sub-nested-heading-task false "week 2"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("tasks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// The same text without the option has one task, the checkbox.
	if n := len(New(Options{}).Parse(src).Tasks); n != 1 {
		t.Errorf("checkbox tasks = %d, want 1", n)
	}

	// The guide page shows list tasks as the boxes they are.
	html, err := doc.Render(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<li><input disabled="" type="checkbox" aria-label="to do"> Open the cycle`,
		"<li>not a task: undated</li>",
		"<li>quoted, not a task</li>",
		"<li>inside raw HTML, not a task</li>",
	} {
		if !strings.Contains(string(html), want) {
			t.Errorf("missing %q in\n%s", want, html)
		}
	}
}

// TestListTaskIDs keeps the ids of list tasks those the same items
// would have as checkboxes, so that turning a guide's lists into
// checkboxes, or back, keeps its readers' ticks.
func TestListTaskIDs(t *testing.T) {
	lists := New(Options{}).ParseWith("## Week 1 {when=\"week 1\"}\n\n- Do it\n- Do it\n  - Step\n", ParseOptions{ListTasks: true})
	boxes := New(Options{}).Parse("## Week 1 {when=\"week 1\"}\n\n- [ ] Do it\n- [ ] Do it\n  - [ ] Step\n")
	ids := func(d *Doc) string {
		var s []string
		for _, t := range d.Tasks {
			s = append(s, t.ID)
			for _, st := range t.Steps {
				s = append(s, st.ID)
			}
		}
		return strings.Join(s, " ")
	}
	if a, b := ids(lists), ids(boxes); a != b || a != "week-1-do-it week-1-do-it-2 week-1-step" {
		t.Errorf("list ids %q, checkbox ids %q", a, b)
	}
}

// TestSections wraps each top-level heading with its own when, and what
// follows it up to the next heading of its level or a higher one, in the
// markup the page's Context.Section gives; without it, the document
// renders as before.
func TestSections(t *testing.T) {
	src := "Intro\n\n## A {when=\"a\"}\n\ntext a\n\n### B {when=\"b\"}\n\n- [ ] task b\n\n### Plain\n\nplain\n\n## C\n\nc\n\n> ## Quoted {when=\"q\"}\n\n## D {when=\"d\"}\n\nd\n"
	doc := New(Options{}).Parse(src)
	ctx := &Context{
		TaskIDPrefix: "r-x-",
		Section: func(expr string) Section {
			if expr == "q" {
				t.Error("a heading inside a quote heads no section")
			}
			return Section{Open: template.HTML("[" + expr + "\n"), Head: "(head)\n", Close: template.HTML("]" + expr + "\n")}
		},
	}
	html, err := doc.Render(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, line := range strings.Split(string(html), "\n") {
		if strings.HasPrefix(line, "[") || strings.HasPrefix(line, "]") || strings.HasPrefix(line, "<h") || strings.HasPrefix(line, "(head)") || strings.Contains(line, "input") {
			got = append(got, line)
		}
	}
	want := []string{
		`[a`,
		`<h2 id="a">A <a class="anchor" href="#a" aria-label="Link to this section">#</a></h2>`,
		`(head)`,
		`[b`,
		`<h3 id="b">B <a class="anchor" href="#b" aria-label="Link to this section">#</a></h3>`,
		`(head)`,
		`<li><input type="checkbox" class="task-box" id="r-x-b-task-b"> <label for="r-x-b-task-b">task b</label></li>`,
		`]b`,
		`<h3 id="plain">Plain <a class="anchor" href="#plain" aria-label="Link to this section">#</a></h3>`,
		`]a`,
		`<h2 id="c">C <a class="anchor" href="#c" aria-label="Link to this section">#</a></h2>`,
		`<h2 id="quoted">Quoted <a class="anchor" href="#quoted" aria-label="Link to this section">#</a></h2>`,
		`[d`,
		`<h2 id="d">D <a class="anchor" href="#d" aria-label="Link to this section">#</a></h2>`,
		`(head)`,
		`]d`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	plain, err := doc.Render(nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(string(plain), "[]") || !strings.Contains(string(plain), `<li><input disabled="" type="checkbox" aria-label="to do"> task b</li>`) {
		t.Errorf("without a Section or a TaskIDPrefix the document changed:\n%s", plain)
	}
}
