package render

import "testing"

func TestRebase(t *testing.T) {
	// Text written for the guide at roles/release-lead/, shown on the
	// checklist at releases/v3.4/release-lead/.
	p := page{Path: "releases/v3.4/release-lead/", Root: "../../../"}
	rebased := rebase(p, "roles/release-lead/")
	for _, tc := range []struct{ in, want string }{
		{"../../glossary/", "../../../glossary/"},
		{"../../glossary/#ffe", "../../../glossary/#ffe"},
		{"../branch-manager/", "../../../roles/branch-manager/"},
		{"#week-3", "../../../roles/release-lead/#week-3"},
		{"../../releases/v3.4/", "../../../releases/v3.4/"},
		{"../../releases/v3.4/release-lead/#x", "./#x"},
		{"../../releases/v3.4/release-lead/", "./"},
		{"notes.txt", "../../../roles/release-lead/notes.txt"},
		{"../../logo.svg?v=2", "../../../logo.svg?v=2"},
		{"https://example.org/a/", "https://example.org/a/"},
		{"mailto:team@example.org", "mailto:team@example.org"},
		{"/absolute/", "/absolute/"},
		{"../../../../outside/", "../../../../outside/"},
		{"..", "../../../roles/"},
	} {
		if got := rebased(tc.in); got != tc.want {
			t.Errorf("rebase(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if rebase := rebase(page{Path: "roles/release-lead/"}, "roles/release-lead/"); rebase != nil {
		t.Error("text shown on its own page needs no rebasing")
	}
}
