package render

import (
	"html/template"
	"strings"
	"testing"

	"github.com/relbook/relbook/themes"
)

// The default theme's checklists and schedules are written in Go (see
// fastChecklists, fastReleases); this fails when a change to the theme
// turns that off without a word.
func TestFastChecklistsOnForDefaultTheme(t *testing.T) {
	th, err := loadTheme(themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	if !th.fastChecklists || !th.fastPages {
		t.Errorf("the default theme's checklists are not written in Go: groups %v, pages %v", th.fastChecklists, th.fastPages)
	}
	if !th.fastReleases {
		t.Error("the default theme's release schedules are not written in Go")
	}
	if got := th.pages["checklist"].Lookup("main").Tree.Root.String(); !strings.Contains(got, "{{relbookGroups .}}") {
		t.Errorf("template main is %s, without relbookGroups", got)
	}
	if got := th.pages["print"].Lookup("main").Tree.Root.String(); !strings.Contains(got, "{{relbookTerms .Terms}}") || !strings.Contains(got, "{{relbookPrintGroups .Groups}}") {
		t.Errorf("print.html's main is %s, without relbookTerms and relbookPrintGroups", got)
	}
	for name, want := range map[string]string{"tasks": "{{relbookTasks .}}", "task": "{{.HTML}}"} {
		if got := th.pages["checklist"].Lookup(name).Tree.Root.String(); got != want {
			t.Errorf("template %q is %s, want %s: update fast.go to the default theme's checklist.html", name, got, want)
		}
	}
}

// The Go code escapes the way html/template does, in every context a
// checklist page writes a value in.
func FuzzEscapingSameAsTemplates(f *testing.F) {
	for _, s := range []string{
		"plain", `<script>alert("x")</script> & 'q' +1`, "https://example.org/a b/ü?x=1&y=2#f",
		"javascript:alert(1)", "JavaScript:x", "mailto:a@b.c", "HTTP://X", "../../../roles/x/", "a:b/c", "/x:y",
		"webcal://example.org/h/c.ics", "\x00nul", "100%", "%zz", "(paren)", "\xff\xfe",
	} {
		f.Add(s)
	}
	tmpl := template.Must(template.New("").Parse(`<p title="{{.S}}">{{.S}}</p><a href="{{.S}}"></a><a href="{{.U}}"></a><title>{{.S}}</title>`))
	f.Fuzz(func(t *testing.T, s string) {
		var want strings.Builder
		if err := tmpl.Execute(&want, struct {
			S string
			U template.URL
		}{s, template.URL(s)}); err != nil {
			t.Skip()
		}
		var got []byte
		got = append(got, `<p title="`...)
		got = appendEscaped(got, s)
		got = append(got, `">`...)
		got = appendEscaped(got, s)
		got = append(got, `</p><a href="`...)
		got = appendURL(got, s, false)
		got = append(got, `"></a><a href="`...)
		got = appendURL(got, s, true)
		got = append(got, `"></a><title>`...)
		got = appendEscaped(got, s)
		got = append(got, `</title>`...)
		if string(got) != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", s, got, want.String())
		}
	})
}
