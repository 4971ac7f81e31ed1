package check

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkLinks checks a synthetic handbook the size of a large real one:
// 3000 pages of about 50 KB, most of them dated checklists, with the
// navigation, glossary links, milestone links and checkbox ids relbook's
// pages carry. Bytes per op are the HTML bytes, so MB/s is checking speed.
func BenchmarkLinks(b *testing.B) {
	files := syntheticSite(3000, 50<<10, false)
	var n int64
	for name, data := range files {
		if isHTML(name) {
			n += int64(len(data))
		}
	}
	if ps := Links(files); len(ps) != 0 {
		b.Fatalf("the synthetic site should be clean, got %d problems, first %+v", len(ps), ps[0])
	}
	b.SetBytes(n)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Links(files)
	}
}

const (
	synthRoles = 12
	synthTerms = 150
	synthMiles = 40
)

// syntheticSite generates a relbook-shaped site of about pages HTML pages of
// about size bytes each. With mistakes, every seventh page also carries a
// broken link, a missing fragment, a root-absolute link and a duplicate id.
func syntheticSite(pages, size int, mistakes bool) map[string][]byte {
	files := map[string][]byte{
		"theme/style.css":  []byte("body{}"),
		"theme/relbook.js": []byte("//"),
		"calendar.ics":     []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
		"schedule.json":    []byte("{}"),
	}
	var names []string
	add := func(name string) { names = append(names, name) }
	add("index.html")
	add("releases/index.html")
	add("roles/index.html")
	add("glossary/index.html")
	for r := range synthRoles {
		add(fmt.Sprintf("roles/role-%d/index.html", r))
		add(fmt.Sprintf("print/role-%d/index.html", r))
	}
	for rel := 0; len(names) < pages; rel++ {
		add(fmt.Sprintf("releases/v%d/index.html", rel))
		files[fmt.Sprintf("releases/v%d/calendar.ics", rel)] = []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
		for r := 0; r < synthRoles && len(names) < pages; r++ {
			add(fmt.Sprintf("releases/v%d/role-%d/index.html", rel, r))
		}
	}
	for i, name := range names {
		files[name] = syntheticPage(i, name, size, mistakes && i%7 == 3)
	}
	return files
}

func syntheticPage(i int, name string, size int, mistakes bool) []byte {
	up := strings.Repeat("../", strings.Count(name, "/"))
	if up == "" {
		up = "./"
	}
	rel := "v0"
	if strings.HasPrefix(name, "releases/v") {
		rel = strings.Split(name, "/")[1]
	}
	var b strings.Builder
	b.Grow(size + 4096)
	fmt.Fprintf(&b, `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Page %d</title>
<link rel="stylesheet" href="%stheme/style.css"><link rel="alternate" type="text/calendar" href="%scalendar.ics">
<script src="%stheme/relbook.js" defer></script></head>
<body><a class="skip" href="#main">Skip to content</a>
<nav aria-label="Site"><ul><li><a href="%s">Dashboard</a></li><li><a href="%sreleases/">Releases</a></li>
<li><a href="%sroles/">Roles</a></li><li><a href="%sglossary/">Glossary</a></li></ul><ul>`, i, up, up, up, up, up, up, up)
	for r := range synthRoles {
		fmt.Fprintf(&b, `<li><a href="%sroles/role-%d/">Role %d</a></li>`, up, r, r)
	}
	b.WriteString("</ul></nav>\n<main id=\"main\">\n")
	if name == "glossary/index.html" {
		for t := range synthTerms {
			fmt.Fprintf(&b, `<dt id="term-%d">Term %d</dt><dd>What term %d means, see <a href="#term-%d">term %d</a>.</dd>`+"\n", t, t, t, (t+1)%synthTerms, (t+1)%synthTerms)
		}
	}
	if strings.HasPrefix(name, "releases/v") && strings.Count(name, "/") == 2 {
		b.WriteString(`<table><thead><tr><th scope="col">What</th><th scope="col">When</th></tr></thead><tbody>`)
		for m := range synthMiles {
			fmt.Fprintf(&b, `<tr id="m-%d"><td><a href="%sglossary/#term-%d">Milestone %d</a></td><td><time datetime="2026-10-%02d">Oct %d</time></td></tr>`+"\n", m, up, m%synthTerms, m, m%28+1, m%28+1)
		}
		b.WriteString("</tbody></table>\n")
	}
	if mistakes {
		fmt.Fprintf(&b, `<a href="%sreleases/v999/">gone</a><a href="%sglossary/#no-such-term">x</a><a href="/releases/">abs</a><h2 id="dup">a</h2><h2 id="dup">b</h2>`, up, up)
	}
	for s := 0; b.Len() < size-512; s++ {
		fmt.Fprintf(&b, `<section aria-labelledby="week-%d"><h2 id="week-%d">Week %d <a class="anchor" href="#week-%d">#</a></h2>
<p class="lede">Before the <a href="%sglossary/#term-%d" class="term">term %d</a> the <a href="%sroles/role-%d/">role %d</a> checks the
board &amp; the <a href="%sreleases/%s/#m-%d">milestone %d</a> date, and writes to the list (<a href="https://lists.example.org/x?y=1&amp;z=2">archive</a>).</p>
<ul class="tasks">
`, s, s, s, s, up, s%synthTerms, s%synthTerms, up, s%synthRoles, s%synthRoles, up, rel, s%synthMiles, s%synthMiles)
		for k := range 4 {
			fmt.Fprintf(&b, `<li><input type="checkbox" id="t-%d-%d" data-task="%d"> <label for="t-%d-%d">Do step %d of week %d, due <time datetime="2026-11-%02d">Nov %d</time></label></li>
`, s, k, k, s, k, k, s, s%28+1, s%28+1)
		}
		b.WriteString("</ul></section>\n")
	}
	b.WriteString("</main><footer><p>Built by relbook. <a href=\"" + up + "schedule.json\">schedule.json</a></p></footer></body></html>\n")
	return []byte(b.String())
}

// brokenAnchors is a page with n headings and n links, each to a heading
// that is not there but looks like one: every link is a problem with a
// "did you mean" to look for.
func brokenAnchors(n int) map[string][]byte {
	var body strings.Builder
	for i := range n {
		fmt.Fprintf(&body, `<h2 id="heading-%d">Heading</h2><p><a href="#heading-%dx">see</a></p>`, i, (i*7)%n)
	}
	return map[string][]byte{"index.html": []byte(htmlPage(body.String()))}
}

// BenchmarkLinksBrokenAnchors checks a page of n headings and n broken
// links to them, at three sizes (1x, 4x, 16x): linear growth shows as
// ns/op growing about four times from one size to the next. Every size
// has more than maxHintCandidates anchors, so that none pays for hints
// and the others not.
func BenchmarkLinksBrokenAnchors(b *testing.B) {
	for _, n := range []int{1250, 5000, 20000} {
		b.Run(fmt.Sprintf("links=%d", n), func(b *testing.B) {
			files := brokenAnchors(n)
			b.SetBytes(int64(len(files["index.html"])))
			for b.Loop() {
				if ps := Links(files); len(ps) != n {
					b.Fatalf("%d problems, want %d", len(ps), n)
				}
			}
		})
	}
}
