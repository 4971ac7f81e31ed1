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

// The "Subscribe" section writes what the "subscribe" partial that themes
// wrote before it did, whatever the feeds hold.
func FuzzFeedsSameAsTemplates(f *testing.F) {
	f.Add("v3.4: every release", "../../roles/x.ics", "https://example.org/h/roles/x.ics", "webcal://example.org/h/roles/x.ics")
	f.Add(`<b>"x" & 'y'</b>`, "javascript:alert(1)", "https://example.org/a b/ü?x=1&y=2#f", "webcal://x/a b")
	subscribe := template.Must(template.New("").Parse(`
{{- if .}}
<section class="subscribe" aria-labelledby="subscribe">
  <h2 id="subscribe">Subscribe</h2>
  <p>Add a calendar once and it stays right when dates move: your calendar app checks it for changes.</p>
  <ul class="feeds">
    {{- range .}}
    <li>
      <span class="feed-title">{{.Title}}</span>
      <a class="button" href="{{.Webcal}}">Subscribe</a>
      <span class="feed-url"><code>{{.HTTPS}}</code> <button type="button" class="copy-url" data-copy="{{.HTTPS}}" hidden>Copy</button></span>
      <a href="{{.URL}}" download>.ics file</a>
    </li>
    {{- end}}
  </ul>
  <details>
    <summary>How to subscribe in your calendar</summary>
    <dl>
      <dt>Apple Calendar, Outlook on the desktop, Thunderbird</dt>
      <dd>Choose <em>Subscribe</em>; the app asks to add the calendar. In Thunderbird you can also use <em>New Calendar → On the Network</em> and paste the address.</dd>
      <dt>Google Calendar</dt>
      <dd>Open <em>Other calendars → + → From URL</em> and paste the <code>https://</code> address. Google refreshes subscribed calendars every few hours.</dd>
      <dt>Outlook on the web</dt>
      <dd>Choose <em>Add calendar → Subscribe from web</em> and paste the <code>https://</code> address.</dd>
    </dl>
    <p>Downloading the <em>.ics file</em> imports a copy that does not follow later changes.</p>
  </details>
</section>
{{- end}}`))
	f.Fuzz(func(t *testing.T, title, url, https, webcal string) {
		for _, feeds := range []feedList{nil, {{Title: title, URL: url, HTTPS: https, Webcal: template.URL(webcal)}, {Title: "b", URL: "b.ics", HTTPS: https}}} {
			var want strings.Builder
			if err := subscribe.Execute(&want, feeds); err != nil {
				t.Skip()
			}
			if got := feeds.HTML(); string(got) != want.String() {
				t.Errorf("%q %q %q %q:\n got %s\nwant %s", title, url, https, webcal, got, want.String())
			}
		}
	})
}

// The head writes what base.html wrote before it, whatever the page's
// values.
func FuzzHeadSameAsTemplate(f *testing.F) {
	f.Add("Glossary", "Lighthouse", "Every term.", "https://example.org/h/glossary/", "", "../", false)
	f.Add("Lighthouse", "Lighthouse", `<b>"x" & 'y'</b>`, "", "Next: code freeze", "https://example.org/h/", true)
	f.Add("", "a+b", "", "javascript:alert(1)", "", "javascript:x/", false)
	head := template.Must(template.New("").Parse(`
{{- $p := .}}{{$site := $p.Site}}{{$root := $p.Root}}{{$title := $p.Title}}{{$description := $p.Description -}}
<title>{{if and $title (ne $title $site.Title)}}{{$title}} · {{end}}{{$site.Title}}</title>
<meta name="description" content="{{$description}}">
<meta name="generator" content="relbook">
{{- with $p.URL}}
<link rel="canonical" href="{{.}}">
<meta property="og:url" content="{{.}}">
{{- end}}
<meta property="og:type" content="{{$p.OG.Type}}">
<meta property="og:site_name" content="{{$site.Title}}">
<meta property="og:title" content="{{with $title}}{{.}}{{else}}{{$site.Title}}{{end}}">
<meta property="og:description" content="{{with $p.OG.Description}}{{.}}{{else}}{{$description}}{{end}}">
{{- if $p.InlineCSS}}
<style>{{$p.InlineCSS}}</style>
{{- else}}
<link rel="stylesheet" href="{{$root}}static/style.css">
<link rel="stylesheet" href="{{$root}}static/highlight.css">
{{- end}}
{{- if not $p.NoScript}}
<script src="{{$root}}static/relbook.js" defer></script>
{{- end}}`))
	f.Fuzz(func(t *testing.T, title, siteTitle, description, url, ogDescription, root string, notFound bool) {
		p := &page{Site: siteView{Title: siteTitle}, Title: title, Description: description, URL: url, Root: root,
			OG: openGraph{Type: "website", Description: ogDescription}}
		if notFound {
			p.InlineCSS, p.NoScript = "body { color: #222 }", true
		}
		var want strings.Builder
		if err := head.Execute(&want, p); err != nil {
			t.Skip()
		}
		if got := p.Head(); string(got) != want.String() {
			t.Errorf("%+v:\n got %s\nwant %s", p, got, want.String())
		}
	})
}
