package render

import (
	"html/template"
	"strings"
	"testing"
)

// The components escape the way html/template does, in every context
// they write a value in.
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

// The top bar and the breadcrumbs write what the ranges over their links
// that themes wrote before them do, whatever the links hold.
func FuzzLinksSameAsTemplates(f *testing.F) {
	f.Add("Roles", "../../roles/", "page")
	f.Add(`<b>"x" & 'y'</b>`, "javascript:alert(1)", `"true"`)
	f.Add("v3.4", "", "")
	nav := template.Must(template.New("").Parse(`{{- range .}}
        <li><a href="{{.URL}}"{{with .Current}} aria-current="{{.}}"{{end}}>{{.Title}}</a></li>
        {{- end}}`))
	crumbs := template.Must(template.New("").Parse(`{{- range .}}
    <li>{{if .URL}}<a href="{{.URL}}">{{.Title}}</a>{{else}}<span aria-current="page">{{.Title}}</span>{{end}}</li>
    {{- end}}`))
	f.Fuzz(func(t *testing.T, title, url, current string) {
		links := []link{{Title: "Home", URL: "./"}, {Title: title, URL: url, Current: current}, {Title: title, Current: "page"}}
		for _, c := range []struct {
			tmpl *template.Template
			got  template.HTML
		}{{nav, navLinks(links).HTML()}, {crumbs, crumbLinks(links).HTML()}} {
			var want strings.Builder
			if err := c.tmpl.Execute(&want, links); err != nil {
				t.Skip()
			}
			if string(c.got) != want.String() {
				t.Errorf("%q %q %q:\n got %s\nwant %s", title, url, current, c.got, want.String())
			}
		}
	})
}
