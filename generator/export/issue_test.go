package export

import (
	"bytes"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relbook/relbook/content"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/markdown"
	"github.com/relbook/relbook/generator/site"
)

func resolve(t *testing.T, fsys fs.FS) *handbook.Handbook {
	t.Helper()
	today, _ := handbook.ParseDate("2026-11-21")
	h, diags := site.Resolve(fsys, site.Options{Today: today})
	if diags.HasErrors() {
		t.Fatalf("the handbook does not load:\n%v", diags.Errors())
	}
	return h
}

func issue(t *testing.T, c *handbook.Checklist, opts Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteIssue(&b, c, opts); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// countTasks counts tasks and their steps.
func countTasks(tasks []*markdown.Task) int {
	n := 0
	for _, t := range tasks {
		n += 1 + countTasks(t.Steps)
	}
	return n
}

var (
	taskLine    = regexp.MustCompile(`^ *(- |\d+\. )\[ \] \S`)
	sectionLine = regexp.MustCompile(`^## (.+)$`)
)

// TestExampleChecklists writes every checklist of the example handbook
// and checks the shape of each: one task line per task and step, and
// nothing else that is a list item or a heading; dated sections in date
// order, each with its date and a link to its section of the checklist.
func TestExampleChecklists(t *testing.T) {
	h := resolve(t, content.FS)
	for _, r := range h.Releases {
		for _, c := range r.Checklists {
			out := issue(t, c, Options{BaseURL: h.BaseURL})
			name := r.ID + "/" + c.Role.ID
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if want := "# " + markdown.EscapeText(c.Role.Title+" checklist for "+r.Name); lines[0] != want {
				t.Errorf("%s: title %q, want %q", name, lines[0], want)
			}
			page := h.BaseURL + "releases/" + r.ID + "/" + c.Role.ID + "/"
			if !strings.Contains(lines[2], "("+page+")") {
				t.Errorf("%s: no link to %s in %q", name, page, lines[2])
			}
			want := countTasks(c.Undated) + countTasks(c.Unscheduled)
			for _, g := range c.Groups {
				want += countTasks(g.Tasks)
			}
			tasks, headings := 0, 0
			var last handbook.Date
			for i, l := range lines {
				switch {
				case taskLine.MatchString(l):
					tasks++
				case strings.HasPrefix(strings.TrimLeft(l, " "), "- "), strings.HasPrefix(l, "#") && i > 0 && !strings.HasPrefix(l, "## "):
					t.Errorf("%s:%d: a list item or heading that is no task or section: %q", name, i+1, l)
				case sectionLine.MatchString(l):
					headings++
					title := sectionLine.FindStringSubmatch(l)[1]
					if title == "Any time" || strings.HasPrefix(title, "Not scheduled") {
						continue
					}
					// The section's date: the last "Weekday D Month YYYY" in it.
					found := false
					for _, g := range c.Groups {
						if strings.HasSuffix(title, g.Due.Long()) && g.Due >= last {
							last, found = g.Due, true
							break
						}
					}
					if !found {
						t.Errorf("%s:%d: section %q is not dated in order (after %s)", name, i+1, title, last)
					}
					if i+2 >= len(lines) || !strings.HasPrefix(lines[i+2], "[This section on the checklist]("+page+"#") {
						t.Errorf("%s:%d: section %q has no link back", name, i+1, title)
					}
				}
			}
			if tasks != want {
				t.Errorf("%s: %d task lines, want %d", name, tasks, want)
			}
			if headings == 0 {
				t.Errorf("%s: no sections", name)
			}
			// Read back as markdown, the issue has the same tasks with
			// the same text as the checklist.
			var texts []string
			var collect func([]*markdown.Task)
			collect = func(tasks []*markdown.Task) {
				for _, t := range tasks {
					texts = append(texts, t.TextFor(refText(r)))
					collect(t.Steps)
				}
			}
			for _, g := range c.Groups {
				collect(g.Tasks)
			}
			collect(c.Undated)
			collect(c.Unscheduled)
			var back []string
			var collectBack func([]*markdown.Task)
			collectBack = func(tasks []*markdown.Task) {
				for _, t := range tasks {
					back = append(back, t.Text)
					collectBack(t.Steps)
				}
			}
			collectBack(markdown.New(markdown.Options{}).Parse(out).Tasks)
			if strings.Join(back, "\n") != strings.Join(texts, "\n") {
				t.Errorf("%s: read back, the tasks are\n%s\nwant\n%s", name, strings.Join(back, "\n"), strings.Join(texts, "\n"))
			}
			if again := issue(t, c, Options{BaseURL: h.BaseURL}); again != out {
				t.Errorf("%s: two writes differ", name)
			}
		}
	}
}

// TestIssueShape checks a small guide's issue line by line: ordered
// tasks and steps, date references filled in, links made absolute,
// headings with their dates, undated and unscheduled sections, and text
// that could pass for markup kept as text.
func TestIssueShape(t *testing.T) {
	fsys := fstest.MapFS{
		"handbook.toml": {Data: []byte("title = \"T\"\nbase_url = \"https://example.org/hb/\"\n")},
		"releases/v1.toml": {Data: []byte(`name = "Project *v1*"
start = 2026-10-05

[milestone.freeze]
name = "Freeze"
date = 2026-10-29

[milestone.release]
date = 2026-11-25
`)},
		"releases/v0.toml": {Data: []byte(`name = "Project v0"
start = 2026-07-06

[milestone.release]
date = 2026-09-02

[milestone.beta]
date = 2026-08-02
allow = ["weekend"]
`)},
		"roles/lead.md": {Data: []byte(`+++
title = "Lead"
+++

## Week 1 {when="week 1"}

- [ ] Open the [board](board.md) and read [the notes](#notes)
- [ ] Say *hello* <br>
  1986\. went by
  # a heading in the item, not the task's text

## Freeze {when="freeze"}

1. [ ] Announce the freeze, {{freeze}}
2. [ ] Lock the branch
   - [ ] Ask the admins

## Beta {when="beta"}

- [ ] Only in some releases

## Notes {#notes}

- [ ] Keep notes \| with a pipe
`)},
	}
	h := resolve(t, fsys)
	c := h.Release("v1").Checklist("lead")
	got := issue(t, c, Options{BaseURL: h.BaseURL})
	want := `# Lead checklist for Project \*v1\*

The [Lead checklist](https://example.org/hb/releases/v1/lead/) for Project \*v1\*, dated Monday 5 October 2026 to Wednesday 25 November 2026. Tick each task here when it is done.

## Week 1 — Friday 9 October 2026

[This section on the checklist](https://example.org/hb/releases/v1/lead/#week-1)

- [ ] Open the [board](https://example.org/hb/roles/lead/board.md) and read [the notes](https://example.org/hb/releases/v1/lead/#notes)
- [ ] Say *hello* \<br\> 1986\. went by

## Freeze — Thursday 29 October 2026

[This section on the checklist](https://example.org/hb/releases/v1/lead/#freeze)

1. [ ] Announce the freeze, Thursday 29 October 2026
2. [ ] Lock the branch
   - [ ] Ask the admins

## Any time

[This section on the checklist](https://example.org/hb/releases/v1/lead/#notes)

- [ ] Keep notes \| with a pipe

## Not scheduled in Project \*v1\*

[This section on the checklist](https://example.org/hb/releases/v1/lead/#beta)

- [ ] Only in some releases
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
