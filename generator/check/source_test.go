package check

import (
	"testing"
	"testing/fstest"
)

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
		{"releases/v3.4/release-lead/agenda/index.html", nil, "roles/release-lead.md"},
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

func TestTemplateOf(t *testing.T) {
	for page, want := range map[string]string{
		"index.html":                                   "index.html",
		"404.html":                                     "404.html",
		"releases/index.html":                          "releases.html",
		"releases/v3.4/index.html":                     "release.html",
		"releases/v3.4/release-lead/index.html":        "checklist.html",
		"releases/v3.4/release-lead/agenda/index.html": "checklist.html",
		"roles/index.html":                             "roles.html",
		"roles/release-lead/index.html":                "role.html",
		"print/release-lead/index.html":                "print.html",
		"glossary/index.html":                          "glossary.html",
		"contributing/index.html":                      "page.html",
		"calendar.ics":                                 "",
		"glossary/ffe/index.html":                      "",
	} {
		if got := TemplateOf(page); got != want {
			t.Errorf("TemplateOf(%q) = %q, want %q", page, got, want)
		}
	}
}

// Each problem is reported where its link or id is written: in the file
// that made the page, in the site's templates, else at the top of one.
func TestOriginsPos(t *testing.T) {
	site := fstest.MapFS{
		"handbook.toml": {Data: []byte("title = \"T\"\n")},
		"roles/lead.md": {Data: []byte("+++\ntitle = \"Lead\"\n+++\n\nSee the [data](../data/) and [a](a/).\n" +
			"- [ ] Read [this](../nowhere/#x) and [mine](#gone).\n\n## One {#twice}\n\n## Two {.wide #twice}\n")},
		"pages/notes.md":                    {Data: []byte("Go to [café](café/).\n")},
		"themes/plain/templates/role.html":  {Data: []byte("{{define \"main\"}}\n<a href=\"{{.Root}}missing/\">x</a>\n<p id=\"dup\"></p>\n{{end}}\n")},
		"themes/plain/templates/base.html":  {Data: []byte("<nav><a href=\"{{.Root}}nav-gone/\">n</a></nav>\n")},
		"themes/plain/templates/index.html": {Data: []byte("{{define \"main\"}}{{end}}\n")},
	}
	o := NewOrigins(site, "plain")
	for _, c := range []struct {
		p    Problem
		want string
	}{
		// As on the page; whole rather than inside "../data/".
		{Problem{Page: "roles/lead/index.html", Href: "a/"}, "roles/lead.md:5:34"},
		{Problem{Page: "roles/lead/index.html", Href: "../data/"}, "roles/lead.md:5:16"},
		// On a checklist, as written for the guide.
		{Problem{Page: "releases/v1/lead/index.html", Href: "../../../roles/nowhere/#x"}, "roles/lead.md:6:19"},
		{Problem{Page: "releases/v1/lead/index.html", Href: "../../../roles/lead/#gone"}, "roles/lead.md:6:45"},
		// Percent-encoded on the page.
		{Problem{Page: "notes/index.html", Href: "caf%C3%A9/"}, "pages/notes.md:1:15"},
		// The last place an id is given.
		{Problem{Page: "roles/lead/index.html", ID: "twice"}, "roles/lead.md:10:15"},
		// In the templates: the page's own, then the others; after {{.Root}}.
		{Problem{Page: "roles/lead/index.html", Href: "../../missing/"}, "themes/plain/templates/role.html:2:19"},
		{Problem{Page: "roles/lead/index.html", Href: "../../nav-gone/"}, "themes/plain/templates/base.html:1:24"},
		{Problem{Page: "roles/lead/index.html", ID: "dup"}, "themes/plain/templates/role.html:3:4"},
		// Nowhere to be found whole ("gone/" is in "nav-gone/"): the top of
		// the file, or of the template.
		{Problem{Page: "roles/lead/index.html", Href: "../elsewhere/"}, "roles/lead.md:1:1"},
		{Problem{Page: "404.html", Href: "gone/"}, "themes/plain/templates/404.html:1:1"},
	} {
		if got := o.Pos(c.p).String(); got != c.want {
			t.Errorf("Pos(%+v) = %s, want %s", c.p, got, c.want)
		}
	}
}
