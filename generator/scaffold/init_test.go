package scaffold

import (
	"strings"
	"testing"

	"github.com/relbook/relbook/generator/handbook"
)

// The skeleton of relbook init loads without a problem or warning, alone
// and with a first release written from the template, whose milestones
// count from its start.
func TestSkeletonAndFirstRelease(t *testing.T) {
	files := map[string]string{}
	for _, f := range Skeleton(handbook.MustDate(2027, 1, 4)) {
		files[f.Path] = f.Text
	}
	for _, want := range []string{"handbook.toml", "glossary.toml", "roles/release-lead.md"} {
		if files[want] == "" {
			t.Fatalf("skeleton lacks %s", want)
		}
	}
	if _, problems := resolveSite(t, files); len(problems) > 0 {
		t.Fatalf("the skeleton has problems:\n%s", strings.Join(problems, "\n"))
	}
	files["releases/v1.0.toml"] = FirstRelease("v1.0", handbook.MustDate(2026, 10, 5))
	h, problems := resolveSite(t, files)
	if len(problems) > 0 {
		t.Fatalf("the first release has problems:\n%s\n%s", strings.Join(problems, "\n"), files["releases/v1.0.toml"])
	}
	r := h.Releases[0]
	if r.ID != "v1.0" || r.Name != "v1.0" {
		t.Errorf("release %q named %q", r.ID, r.Name)
	}
	want := map[string]string{"code-freeze": "2026-12-03", "release": "2026-12-30"}
	for _, m := range r.Milestones {
		if w, ok := want[m.ID]; ok {
			if m.Date.String() != w {
				t.Errorf("milestone %s on %s, want %s", m.ID, m.Date, w)
			}
			delete(want, m.ID)
		}
	}
	if len(want) > 0 {
		t.Errorf("milestones missing: %v", want)
	}
	c := r.Checklist("release-lead")
	if c == nil || len(c.Groups) != 3 {
		t.Errorf("release-lead checklist: %+v, want 3 dated groups", c)
	}
}
