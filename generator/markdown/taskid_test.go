package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// sameTasks is a guide section of n tasks that all have the same text, so
// that every task after the first needs a numbered id.
func sameTasks(n int) string {
	return "## Release day {when=\"release\"}\n\n" + strings.Repeat("- [ ] same task\n", n)
}

// TestTaskIDsOnClashes pins the ids of tasks whose slugs clash: the first
// keeps the slug, the next ones get the lowest free suffix from -2 on,
// also when another task's own text already took that suffix.
func TestTaskIDsOnClashes(t *testing.T) {
	src := "## Day {when=\"release\"}\n\n" +
		"- [ ] same task 3\n" + // day-same-task-3, written out
		"- [ ] same task\n" + // day-same-task
		"- [ ] same task\n" + // day-same-task-2
		"- [ ] same task\n" + // day-same-task-3 is taken: -4
		"- [ ] same task 2\n" + // day-same-task-2 is taken: day-same-task-2-2
		"- [ ] same task\n" + // day-same-task-5
		"- [ ] Same Task!\n" + // same slug: day-same-task-6
		"  - [ ] same task\n" + // steps share the guide's ids: -7
		"\n## Day {when=\"release\"}\n\n" +
		"- [ ] same task\n" // a heading of the same text: day-1-same-task
	doc := New(Options{}).Parse(src)
	var got []string
	var walk func([]*Task)
	walk = func(ts []*Task) {
		for _, t := range ts {
			got = append(got, t.ID)
			walk(t.Steps)
		}
	}
	walk(doc.Tasks)
	want := []string{
		"day-same-task-3", "day-same-task", "day-same-task-2", "day-same-task-4",
		"day-same-task-2-2", "day-same-task-5", "day-same-task-6", "day-same-task-7",
		"day-1-same-task",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("task ids:\n got %q\nwant %q", got, want)
	}
}

// BenchmarkParseSameTasks measures a guide of n identical tasks: giving
// each its numbered id must take time in proportion to n.
func BenchmarkParseSameTasks(b *testing.B) {
	m := New(Options{})
	for _, n := range []int{1000, 4000, 16000} {
		src := sameTasks(n)
		b.Run(fmt.Sprintf("tasks=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m.Parse(src)
			}
		})
	}
}

// TestExplicitTaskIDs pins `{#id}` on tasks: it is the task's id as
// written, it is not shown, the task keeps its fallback and whole-text ids
// as former ids, and no fallback id takes an explicit one.
func TestExplicitTaskIDs(t *testing.T) {
	src := "## Week 1 {when=\"week 1\"}\n\n" +
		"- [ ] week-1-tag {#tag-it}\n" + // explicit; a fallback id that is explicit elsewhere
		"- [ ] Tag {#week-1-tag}\n" +
		"- [ ] Tag\n" + // its fallback id is taken by the task above

		"- [ ] Send the release notes draft to every SIG lead for review {#notes}\n" +
		"- [ ] Send the release notes draft to every SIG lead before Friday\n" +
		"- [ ] A release note in\n  two lines {#wrapped}\n" +
		"- [ ] Short one\n" +
		"- [ ] keeps \\{#text} and {# spaced } and x{#glued}\n"
	doc := New(Options{Glossary: []Term{{Name: "tag"}}}).Parse(src)
	if len(doc.Problems) > 0 {
		t.Fatalf("problems: %v", doc.Problems)
	}
	var got []string
	for _, task := range doc.Tasks {
		got = append(got, fmt.Sprintf("%s %q %q", task.ID, task.Former, task.Text))
	}
	want := []string{
		`tag-it ["week-1-week-1-tag"] "week-1-tag"`,
		`week-1-tag [] "Tag"`,
		`week-1-tag-2 [] "Tag"`,
		`notes ["week-1-send-the-release-notes-draft-to" "week-1-send-the-release-notes-draft-to-every-sig-lead-for-review"] "Send the release notes draft to every SIG lead for review"`,
		`week-1-send-the-release-notes-draft-to ["week-1-send-the-release-notes-draft-to-every-sig-lead-before-friday"] "Send the release notes draft to every SIG lead before Friday"`,
		`wrapped ["week-1-a-release-note-in-two-lines"] "A release note in two lines"`,
		`week-1-short-one [] "Short one"`,
		`week-1-keeps-text-and-spaced-and-x ["week-1-keeps-text-and-spaced-and-x-glued"] "keeps {#text} and {# spaced } and x{#glued}"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("tasks:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	out, err := doc.Render(&Context{TaskIDPrefix: "v1-lead-"})
	if err != nil {
		t.Fatal(err)
	}
	html := string(out)
	for _, hidden := range []string{"{#tag-it}", "{#notes}", "{#wrapped}", "tag-it}"} {
		if strings.Contains(html, hidden) {
			t.Errorf("%s is shown:\n%s", hidden, html)
		}
	}
	for _, shown := range []string{
		`id="v1-lead-notes" data-was="week-1-send-the-release-notes-draft-to week-1-send-the-release-notes-draft-to-every-sig-lead-for-review"`,
		`id="v1-lead-week-1-short-one">`,
		"{# spaced }",
	} {
		if !strings.Contains(html, shown) {
			t.Errorf("%s is missing:\n%s", shown, html)
		}
	}
}

// TestBadTaskIDs pins the problems with explicit ids: a bad spelling, one
// id given twice, and an id on a list item that is not a task.
func TestBadTaskIDs(t *testing.T) {
	src := "## Week 1 {when=\"week 1\"}\n\n" +
		"- [ ] One {#Tag_It}\n" +
		"- [ ] Two {#same}\n" +
		"- [ ] Three {#same}\n" +
		"\n## Notes\n\n" +
		"- plain item {#plain}\n"
	doc := New(Options{}).Parse(src)
	var got []string
	for _, p := range doc.Problems {
		got = append(got, p.String())
	}
	want := []string{
		`3:11: task id "Tag_It" must be lower-case letters, digits and hyphens, not starting with a hyphen: write it as {#tag-it}`,
		`5:13: task id "same" is given to two tasks of this guide (the first is on line 4): give each task its own`,
		`9:14: {#plain} gives a task its id, and this list item is not a task: make it one (- [ ] ...) or take the {#plain} away`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	if ids := []string{doc.Tasks[0].ID, doc.Tasks[1].ID, doc.Tasks[2].ID}; strings.Join(ids, " ") != "week-1-one same week-1-three" {
		t.Errorf("ids %q: a bad id falls back", ids)
	}
}
