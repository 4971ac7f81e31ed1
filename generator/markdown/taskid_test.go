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
