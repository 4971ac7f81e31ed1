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
