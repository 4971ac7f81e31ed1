package check

import "testing"

func TestSourceOf(t *testing.T) {
	withHome := map[string]bool{"handbook.toml": true, "pages/index.md": true}
	tests := []struct {
		page    string
		sources map[string]bool
		want    string
	}{
		{"index.html", nil, "handbook.toml"},
		{"index.html", map[string]bool{"handbook.toml": true}, "handbook.toml"},
		{"index.html", withHome, "pages/index.md"},
		{"releases/index.html", withHome, "handbook.toml"},
		{"releases/v3.4/index.html", nil, "releases/v3.4.toml"},
		{"releases/v3.4/release-lead/index.html", nil, "roles/release-lead.md"},
		{"roles/index.html", nil, "handbook.toml"},
		{"roles/release-lead/index.html", nil, "roles/release-lead.md"},
		{"print/release-lead/index.html", nil, "roles/release-lead.md"},
		{"glossary/index.html", nil, "glossary.toml"},
		{"contributing/index.html", nil, "pages/contributing.md"},
		{"404.html", withHome, ""},
		{"calendar.ics", nil, ""},
		{"releases/v3.4/calendar.ics", nil, ""},
		{"releases/v3.4/schedule.json", nil, ""},
		{"roles/release-lead.ics", nil, ""},
		{"theme/style.css", nil, ""},
		{"print/index.html", nil, "pages/print.md"},
		{"glossary/ffe/index.html", nil, ""},
		{"contributing/more/index.html", nil, ""},
		{"releases/v3.4/lead/extra/index.html", nil, ""},
		{"roles//index.html", nil, ""},
		{"/index.html", nil, ""},
		{"", nil, ""},
	}
	for _, tt := range tests {
		if got := SourceOf(tt.page, tt.sources); got != tt.want {
			t.Errorf("SourceOf(%q) = %q, want %q", tt.page, got, tt.want)
		}
	}
}
