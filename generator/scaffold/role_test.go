package scaffold

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/load"
	"github.com/relbook/relbook/generator/resolve"
)

const roleSiteRelease = `name = "v1"
start = 2026-10-05

[milestone.code-freeze]
name = "Code freeze"
date = 2026-11-05
key = true

[milestone.release]
date = 2026-12-02
`

func resolveSite(t *testing.T, files map[string]string) (*handbook.Handbook, []string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	src, diags := load.Read(fsys)
	h, more := resolve.Handbook(src, resolve.Options{Today: handbook.MustDate(2026, 10, 20)})
	var problems []string
	for _, d := range append(diags, more...) {
		problems = append(problems, d.String())
	}
	return h, problems
}

// A new guide loads without a problem and gives every kind of section:
// a week, a milestone-relative date, release day in order, undated tasks.
func TestRoleSkeletonLoads(t *testing.T) {
	h, _ := resolveSite(t, map[string]string{"handbook.toml": "title = \"T\"\nbase_url = \"https://example.org/\"\n", "releases/v1.toml": roleSiteRelease})
	m := ExampleMilestone(h.Releases)
	if m == nil || m.ID != "code-freeze" {
		t.Fatalf("ExampleMilestone = %v, want code-freeze", m)
	}
	guide := Role(RoleRequest{ID: "security-liaison", Order: 3, Milestone: m})
	for _, want := range []string{
		"title = \"Security Liaison\"\n", "order = 3\n",
		`## Week 1 {when="week 1"}`,
		`## A week before code freeze {when="code-freeze - 1w"}`,
		"{{code-freeze}} is a week away",
		`## Release day {when="release"}`, "1. [ ] ", "## Any time",
	} {
		if !strings.Contains(guide, want) {
			t.Errorf("guide lacks %q:\n%s", want, guide)
		}
	}
	h, problems := resolveSite(t, map[string]string{
		"handbook.toml":             "title = \"T\"\nbase_url = \"https://example.org/\"\n",
		"releases/v1.toml":          roleSiteRelease,
		"roles/security-liaison.md": guide,
	})
	if len(problems) > 0 {
		t.Fatalf("the new guide has problems:\n%s\n%s", strings.Join(problems, "\n"), guide)
	}
	c := h.Releases[0].Checklist("security-liaison")
	if c == nil || len(c.Groups) != 3 || len(c.Undated) != 1 {
		t.Fatalf("checklist: %+v; want 3 dated groups and 1 undated task", c)
	}
	wantDue := []string{"2026-10-09", "2026-10-29", "2026-12-02"}
	for i, g := range c.Groups {
		if g.Due.String() != wantDue[i] {
			t.Errorf("group %d due %s, want %s", i, g.Due, wantDue[i])
		}
	}
	if rd := c.Groups[2]; len(rd.Tasks) != 3 || !rd.Tasks[0].Ordered {
		t.Errorf("release day: %d tasks, ordered %v; want 3 ordered", len(rd.Tasks), len(rd.Tasks) > 0 && rd.Tasks[0].Ordered)
	}
}

// Without a release to take a milestone from, the relative example counts
// from the release, which every release has.
func TestRoleSkeletonWithoutReleases(t *testing.T) {
	guide := Role(RoleRequest{ID: "docs", Order: 1})
	if !strings.Contains(guide, `{when="release - 2w"}`) || !strings.Contains(guide, "{{release}}") {
		t.Errorf("guide without milestone:\n%s", guide)
	}
	_, problems := resolveSite(t, map[string]string{"handbook.toml": "title = \"T\"\nbase_url = \"https://example.org/\"\n", "roles/docs.md": guide})
	if len(problems) > 0 {
		t.Errorf("problems: %v", problems)
	}
}

func TestExampleMilestone(t *testing.T) {
	ms := func(specs ...string) *handbook.Release {
		r := &handbook.Release{}
		for _, s := range specs {
			id, kind, _ := strings.Cut(s, ":")
			m := &handbook.Milestone{ID: id, Name: id, Kind: handbook.KindMilestone}
			switch kind {
			case "key":
				m.Key = true
			case "freeze":
				m.Kind = handbook.KindFreeze
			case "event":
				m.Kind, m.Key = handbook.KindEvent, true
			}
			r.Milestones = append(r.Milestones, m)
		}
		return r
	}
	for _, c := range []struct {
		r    *handbook.Release
		want string
	}{
		{ms("a", "feature-freeze", "code-freeze", "release"), "code-freeze"},
		{ms("a", "summit:event", "slush:freeze", "b:key", "release"), "slush"},
		{ms("summit:event", "a", "b:key", "release"), "b"},
		{ms("summit:event", "a", "release"), "a"},
		{ms("release"), ""},
		{nil, ""},
	} {
		got := ""
		var releases []*handbook.Release
		if c.r != nil {
			releases = append(releases, c.r)
		}
		if m := ExampleMilestone(releases); m != nil {
			got = m.ID
		}
		if got != c.want {
			t.Errorf("ExampleMilestone = %q, want %q", got, c.want)
		}
	}
}

// A milestone every release has is the better example: it is scheduled
// everywhere.
func TestExampleMilestoneCommon(t *testing.T) {
	newest := &handbook.Release{Milestones: []*handbook.Milestone{
		{ID: "feature-freeze", Kind: handbook.KindFreeze}, {ID: "beta", Key: true}, {ID: "release"}}}
	older := &handbook.Release{Milestones: []*handbook.Milestone{{ID: "beta"}, {ID: "release"}}}
	if m := ExampleMilestone([]*handbook.Release{newest, older}); m == nil || m.ID != "beta" {
		t.Errorf("got %v, want beta", m)
	}
	if m := ExampleMilestone([]*handbook.Release{newest, {Milestones: []*handbook.Milestone{{ID: "release"}}}}); m == nil || m.ID != "feature-freeze" {
		t.Errorf("got %v, want feature-freeze", m)
	}
}

func TestCheckIDs(t *testing.T) {
	for id, ok := range map[string]bool{
		"docs": true, "ci-signal": true, "r2": true, "": false, "Docs": false, "-x": false,
		"calendar": false, "schedule": false, "start": false, "week": false, "2026-01-01": false, "a_b": false, "../x": false,
		strings.Repeat("a", 100): true, strings.Repeat("a", 101): false, strings.Repeat("a", 252): false,
	} {
		if err := CheckRoleID(id); (err == nil) != ok {
			t.Errorf("CheckRoleID(%q) = %v", id, err)
		}
	}
	for id, ok := range map[string]bool{
		"v1.35": true, "2025.1": true, "V3-rc": true, "": false, ".v1": false, "-v1": false,
		"v1..2": false, "v1/2": false, "../v1": false, "v1_2": false, "v1 2": false,
		"v" + strings.Repeat("1", 99): true, "v" + strings.Repeat("1", 100): false,
	} {
		if err := CheckReleaseID(id); (err == nil) != ok {
			t.Errorf("CheckReleaseID(%q) = %v", id, err)
		}
	}
}

func TestLowerFirst(t *testing.T) {
	for in, want := range map[string]string{"Code freeze": "code freeze", "RC1": "RC1", "v3.4.0-rc.1": "v3.4.0-rc.1", "A": "A", "": ""} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}
