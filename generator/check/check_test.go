package check

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// site builds a map of files from alternating path, contents pairs.
func site(kv ...string) map[string][]byte {
	m := make(map[string][]byte, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		m[kv[i]] = []byte(kv[i+1])
	}
	return m
}

// htmlPage wraps a body in a minimal page.
func htmlPage(body string) string {
	return "<!doctype html><html><head><meta charset=utf-8><title>t</title></head><body>" + body + "</body></html>"
}

// base is a small relbook-shaped site that every case adds its page to.
func base() map[string][]byte {
	return site(
		"index.html", htmlPage(`<main id="main"><h1 id="top-dates">Dashboard</h1></main>`),
		"releases/index.html", htmlPage(`<h1>Releases</h1>`),
		"releases/v3.4/index.html", htmlPage(`<h2 id="timeline">Timeline</h2><h2 id="meetings">Meetings</h2>`),
		"releases/v3.4/calendar.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
		"releases/v3.4/schedule.json", `{}`,
		"roles/index.html", htmlPage(`<h1>Roles</h1>`),
		"roles/release-lead/index.html", htmlPage(`<h1 id="release-lead">Release lead</h1><a name="legacy"></a>`),
		"glossary/index.html", htmlPage(`<dl><dt id="ffe">FFE</dt><dt id="code-freeze">Code freeze</dt><dt id="caf%C3%A9">x</dt></dl>`),
		"café/index.html", htmlPage(`<h1 id="menü">Café</h1>`),
		"theme/style.css", "body{}",
		"theme/logo.svg", "<svg/>",
		"schedule.json", `{}`,
	)
}

func TestLinks(t *testing.T) {
	const page = "roles/release-lead/index.html"
	tests := []struct {
		name string
		body string
		want []string // "href\tmsg", sorted; the page is always `page`
	}{
		{name: "relative links across folders", body: `
			<a href="../../releases/v3.4/">schedule</a>
			<a href="../">roles</a>
			<a href="../../">home</a>
			<a href="../../glossary/">glossary</a>
			<a href="../../releases/v3.4/calendar.ics">feed</a>
			<a href="../../schedule.json">json</a>`},
		{name: "self and dot folders", body: `
			<a href="./">self</a><a href=".">self</a><a href="..">roles</a>
			<a href="">empty</a><a href="#">top</a><a href="?print=1">query</a>`},
		{name: "fragment present", body: `
			<a href="../../glossary/#ffe">FFE</a>
			<a href="../../releases/v3.4/#timeline">timeline</a>
			<a href="../../#main">main</a>`},
		{name: "fragment missing", body: `<a href="../../glossary/#fee">FFE</a><a href="../../releases/v3.4/#slips">slips</a>`,
			want: []string{
				"../../glossary/#fee\t" + `links to "../../glossary/#fee": the page has no element with id "fee"; did you mean "ffe"?`,
				"../../releases/v3.4/#slips\t" + `links to "../../releases/v3.4/#slips": the page has no element with id "slips"`,
			}},
		{name: "fragment on the same page", body: `<a href="#release-lead">ok</a><a href="#legacy">name on a</a><a href="#tasks">missing</a><a href="?x#release-lead">query</a>`,
			want: []string{"#tasks\t" + `links to "#tasks": the page has no element with id "tasks"`}},
		{name: "name only counts on a", body: `<p name="para"></p><a href="#para">x</a>`,
			want: []string{"#para\t" + `links to "#para": the page has no element with id "para"`}},
		{name: "top always works", body: `<a href="#top">top</a><a href="#TOP">top</a>`},
		{name: "fragment on a non-HTML target is not checked", body: `<a href="../../releases/v3.4/calendar.ics#nothing">feed</a>`},
		{name: "missing files", body: `
			<a href="../../relases/v3.4/">typo</a>
			<a href="../../releases/v9/">gone</a>
			<img src="../../theme/logo.png">`,
			want: []string{
				"../../relases/v3.4/\t" + `links to "../../relases/v3.4/": there is no file "relases/v3.4/index.html" in the site; did you mean "../../releases/v3.4/"?`,
				"../../releases/v9/\t" + `links to "../../releases/v9/": there is no file "releases/v9/index.html" in the site`,
				"../../theme/logo.png\t" + `links to "../../theme/logo.png": there is no file "theme/logo.png" in the site; did you mean "../../theme/logo.svg"?`,
			}},
		{name: "folder without trailing slash", body: `<a href="../../glossary">g</a>`,
			want: []string{"../../glossary\t" + `links to "../../glossary": "glossary" is a folder; link to the page with a trailing slash, "../../glossary/"`}},
		{name: "root-absolute", body: `<a href="/releases/">r</a><a href="/">home</a><link rel=stylesheet href="/theme/style.css"><a href="/#main">m</a>`,
			want: []string{
				"/\t" + `links to "/": a root-absolute link breaks when the site is served under a sub-path; write "../../"`,
				"/#main\t" + `links to "/#main": a root-absolute link breaks when the site is served under a sub-path; write "../../#main"`,
				"/releases/\t" + `links to "/releases/": a root-absolute link breaks when the site is served under a sub-path; write "../../releases/"`,
				"/theme/style.css\t" + `links to "/theme/style.css": a root-absolute link breaks when the site is served under a sub-path; write "../../theme/style.css"`,
			}},
		{name: "external links are not checked", body: `
			<a href="https://example.org/nowhere/#x">web</a><a href="http://x">x</a>
			<a href="mailto:release@example.org">mail</a><a href="webcal://example.org/calendar.ics">cal</a>
			<a href="//cdn.example.org/x.js">proto-relative</a><script src="data:text/javascript,1"></script>
			<a href="javascript:void(0)">js</a><a href="tel:+1">tel</a><a href="/\evil.example">backslash</a>`},
		{name: "duplicate ids", body: `<h2 id="week-1">Week 1</h2><h2 id="week-1">Week 1</h2><input id="t" type=checkbox><input id="t"><input id="t"><a name="n"></a><a name="n"></a>`,
			want: []string{
				"\t" + `id "t" is used 3 times; a link to #t reaches only the first`,
				"\t" + `id "week-1" is used 2 times; a link to #week-1 reaches only the first`,
			}},
		{name: "above the root", body: `<a href="../../../">up</a><a href="../../../../x/">far</a><a href="../../x/../../y">dots</a>`,
			want: []string{
				"../../../\t" + `links to "../../../": the link climbs above the root of the site`,
				"../../../../x/\t" + `links to "../../../../x/": the link climbs above the root of the site`,
				"../../x/../../y\t" + `links to "../../x/../../y": the link climbs above the root of the site`,
			}},
		{name: "src attributes", body: `
			<img src="../../theme/logo.svg"><script src="../../theme/app.js"></script>
			<iframe src="../../releases/v3.4/"></iframe><video><source src="../../theme/clip.webm"></video>
			<map><area href="../../glossary/#nope"></map><link rel=stylesheet href="../../theme/style.css">`,
			want: []string{
				"../../glossary/#nope\t" + `links to "../../glossary/#nope": the page has no element with id "nope"`,
				"../../theme/app.js\t" + `links to "../../theme/app.js": there is no file "theme/app.js" in the site`,
				"../../theme/clip.webm\t" + `links to "../../theme/clip.webm": there is no file "theme/clip.webm" in the site`,
			}},
		{name: "other attributes and elements are not links", body: `
			<div href="../../nowhere/" src="x"></div><form action="../../nowhere/"></form>
			<img srcset="../../nowhere.png 2x" alt="../../nowhere/" src="../../theme/logo.svg">`},
		{name: "query strings", body: `<a href="../../releases/v3.4/?week=3">w</a><a href="../../releases/v3.4/?week=3#timeline">t</a><a href="../../schedule.json?v=2">j</a><a href="../../nope/?x">n</a>`,
			want: []string{"../../nope/?x\t" + `links to "../../nope/?x": there is no file "nope/index.html" in the site`}},
		{name: "percent-encoded paths", body: `
			<a href="../../caf%C3%A9/">encoded</a><a href="../../café/">raw</a>
			<a href="../../caf%c3%a9/#men%C3%BC">encoded fragment</a><a href="../../café/#menü">raw fragment</a>
			<a href="../../glossary/#caf%C3%A9">id written encoded</a>
			<a href="../../releases/%2E%2E/releases/v3.4/">encoded dots</a>
			<a href="../../caf%zz/">bad</a>`,
			want: []string{"../../caf%zz/\t" + `links to "../../caf%zz/": the path has an invalid percent-encoding`}},
		{name: "entities and whitespace in attributes", body: `<a href=" ../../glossary/#ffe
			">spaced</a><a href="../../releases/v3.4/?a=1&amp;b=2">amp</a><a href="&#46;&#46;/">entity</a>`},
		{name: "markup inside script, style and comments is not read", body: `
			<script>document.write('<a href="../../nowhere/">x</a>')</script>
			<style>/* <a href="../../nowhere/"> */</style><!-- <a href="../../nowhere/"> -->`},
		{name: "problems sort by href, and repeats collapse", body: `<a href="b/">1</a><a href="a/">2</a><a href="b/">3</a>`,
			want: []string{
				"a/\t" + `links to "a/": there is no file "roles/release-lead/a/index.html" in the site`,
				"b/\t" + `links to "b/": there is no file "roles/release-lead/b/index.html" in the site`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := base()
			files[page] = []byte(htmlPage(`<h1 id="release-lead">Release lead</h1><a name="legacy"></a>` + tt.body))
			var got []string
			for _, p := range Links(files) {
				if p.Page != page {
					t.Errorf("problem on another page: %+v", p)
					continue
				}
				got = append(got, p.Href+"\t"+p.Msg)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

// TestLinksHintBounds checks that a page gets "did you mean" hints for
// its first maxHints broken links only, for fragments of at most
// maxHintLen bytes, and only among at most maxHintCandidates anchors of
// about the right length; every broken link is still reported.
func TestLinksHintBounds(t *testing.T) {
	hinted := func(files map[string][]byte) (problems, hints int) {
		for _, p := range Links(files) {
			problems++
			if strings.Contains(p.Msg, "did you mean") {
				hints++
			}
		}
		return problems, hints
	}

	// maxHints+2 links, each one letter off an anchor.
	var body strings.Builder
	for i := range maxHints + 2 {
		fmt.Fprintf(&body, `<h2 id="week-%d">W</h2><a href="#weak-%d">w</a>`, i, i)
	}
	if problems, hints := hinted(site("index.html", htmlPage(body.String()))); problems != maxHints+2 || hints != maxHints {
		t.Errorf("%d problems, %d with a hint; want %d, %d", problems, hints, maxHints+2, maxHints)
	}

	// One fragment just too long for a hint, one short enough.
	long := strings.Repeat("x", maxHintLen+1)
	page := htmlPage(`<h2 id="` + long + `y">L</h2><a href="#` + long + `">x</a><h2 id="` + long[2:] + `">L</h2><a href="#` + long[3:] + `">x</a>`)
	if problems, hints := hinted(site("index.html", page)); problems != 2 || hints != 1 {
		t.Errorf("long fragments: %d problems, %d with a hint; want 2, 1", problems, hints)
	}

	body.Reset()
	for i := range maxHintCandidates + 1 {
		fmt.Fprintf(&body, `<h2 id="w%04d">W</h2>`, i)
	}
	body.WriteString(`<a href="#w99999">w</a>`)
	if problems, hints := hinted(site("index.html", htmlPage(body.String()))); problems != 1 || hints != 0 {
		t.Errorf("many candidates: %d problems, %d with a hint; want 1, 0", problems, hints)
	}
}

func TestLinksFromEveryDepth(t *testing.T) {
	files := site(
		"index.html", htmlPage(`<a href="roles/">r</a><a href="releases/v1/lead/">c</a><a href="glossary/#x">g</a><a href="/glossary/">abs</a><a href="../">up</a>`),
		"roles/index.html", htmlPage(`<a href="../">home</a><a href="../glossary/#x">g</a><a href="lead/">l</a>`),
		"roles/lead/index.html", htmlPage(`<a href="../../releases/v1/lead/#t">c</a>`),
		"releases/v1/lead/index.html", htmlPage(`<input id="t"><a href="../../../roles/lead/">guide</a><a href="../../../../">up</a>`),
		"glossary/index.html", htmlPage(`<dt id="x">x</dt>`),
		"404.html", htmlPage(`<a href="./">home</a><a href="glossary/">g</a>`),
	)
	want := []Problem{
		{Page: "index.html", Href: "../", Msg: `links to "../": the link climbs above the root of the site`},
		{Page: "index.html", Href: "/glossary/", Msg: `links to "/glossary/": a root-absolute link breaks when the site is served under a sub-path; write "glossary/"`},
		{Page: "releases/v1/lead/index.html", Href: "../../../../", Msg: `links to "../../../../": the link climbs above the root of the site`},
	}
	if got := Links(files); !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", lines(got), lines(want))
	}
}

// TestLinksRepeatedHref: a page checks each distinct href once, but the
// same href on another page is checked again against that page's folder.
func TestLinksRepeatedHref(t *testing.T) {
	files := site(
		"index.html", htmlPage(`<a href="x/#a">1</a><a href="x/#a">2</a><a href="x/#a">3</a><a href="x/">4</a>`),
		"x/index.html", htmlPage(`<h1 id="b">x</h1><a href="x/#a">self</a><a href="x/#a">again</a><a href="../x/#a">up</a><a href="data.json#a">data</a>`),
		"x/data.json", `{}`,
	)
	want := []Problem{
		{Page: "index.html", Href: "x/#a", Msg: `links to "x/#a": the page has no element with id "a"`},
		{Page: "x/index.html", Href: "../x/#a", Msg: `links to "../x/#a": the page has no element with id "a"`},
		{Page: "x/index.html", Href: "x/#a", Msg: `links to "x/#a": there is no file "x/x/index.html" in the site`},
	}
	if got := Links(files); !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", lines(got), lines(want))
	}
}

func TestLinksClean(t *testing.T) {
	if got := Links(base()); got != nil {
		t.Errorf("base site: %s", lines(got))
	}
	if got := Links(nil); got != nil {
		t.Errorf("no site: %s", lines(got))
	}
}

func TestLinksDeterministic(t *testing.T) {
	files := syntheticSite(60, 4<<10, true)
	want := Links(files)
	if len(want) == 0 {
		t.Fatal("the synthetic site with planted mistakes has no problems")
	}
	if !slices.IsSortedFunc(want, func(a, b Problem) int {
		return strings.Compare(a.Page+"\x00"+a.Href+"\x00"+a.Msg, b.Page+"\x00"+b.Href+"\x00"+b.Msg)
	}) {
		t.Error("problems are not sorted by page, href, message")
	}
	for _, procs := range []int{1, 2, 8} {
		prev := runtime.GOMAXPROCS(procs)
		for range 3 {
			if got := Links(files); !slices.Equal(got, want) {
				t.Errorf("GOMAXPROCS=%d: result differs from the first run", procs)
			}
		}
		runtime.GOMAXPROCS(prev)
	}
}

func TestResolve(t *testing.T) {
	type want struct {
		resolved
		target string
	}
	tests := []struct {
		page, href string
		want       want
	}{
		{"index.html", "roles/", want{resolved{dir: true}, "roles/index.html"}},
		{"index.html", "./", want{resolved{dir: true}, "index.html"}},
		{"index.html", ".", want{resolved{dir: true}, "index.html"}},
		{"a/b/index.html", "..", want{resolved{dir: true}, "a/index.html"}},
		{"a/b/index.html", "../..", want{resolved{dir: true}, "index.html"}},
		{"a/b/index.html", "../../..", want{resolved{kind: aboveRoot}, ""}},
		{"a/b/index.html", "x.json", want{resolved{}, "a/b/x.json"}},
		{"a/b/index.html", "#f", want{resolved{fragment: "f", hasFragment: true}, "a/b/index.html"}},
		{"a/b/index.html", "?q#f", want{resolved{fragment: "f", hasFragment: true}, "a/b/index.html"}},
		{"a/b/index.html", "c#", want{resolved{hasFragment: true}, "a/b/c"}},
		{"a/b/index.html", "c#x?y", want{resolved{fragment: "x?y", hasFragment: true}, "a/b/c"}},
		{"a/b/index.html", `..\c\`, want{resolved{dir: true}, "a/c/index.html"}},
		{"a/b/index.html", "a%2Fb", want{resolved{}, "a/b/a%2Fb"}},
		{"a/b/index.html", "/", want{resolved{kind: rootAbsolute, relative: "../../"}, ""}},
		{"index.html", "/", want{resolved{kind: rootAbsolute, relative: "./"}, ""}},
		{"index.html", "/?x", want{resolved{kind: rootAbsolute, relative: "./?x"}, ""}},
		{"x.html", "HTTPS://x", want{resolved{kind: external}, ""}},
		{"x.html", "c++:x", want{resolved{kind: external}, ""}},
		{"x.html", "1a:x", want{resolved{}, "1a:x"}},
		{"x.html", "a/b:c", want{resolved{}, "a/b:c"}},
		{"x.html", "//x/y", want{resolved{kind: external}, ""}},
		{"x.html", "\t//x/y", want{resolved{kind: external}, ""}},
		{"x.html", "%", want{resolved{kind: badEscape}, ""}},
		{"a/b/index.html", "%2e%2E/", want{resolved{dir: true}, "a/index.html"}},
		{"a/b/index.html", "./c/./d/../e", want{resolved{}, "a/b/c/e"}},
		{"index.html", "a//b", want{resolved{}, "a//b"}},
		{"a/index.html", "..//x", want{resolved{}, "/x"}},
		{"a/index.html", "x//..", want{resolved{dir: true}, "a/x/index.html"}},
	}
	for _, tt := range tests {
		r, target := resolve(tt.page, tt.href, nil)
		if got := (want{r, string(target)}); got != tt.want {
			t.Errorf("resolve(%q, %q) = %+v, want %+v", tt.page, tt.href, got, tt.want)
		}
	}
}

func TestRelativeHref(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"index.html", "index.html", "./"},
		{"index.html", "roles/index.html", "roles/"},
		{"roles/lead/index.html", "roles/index.html", "../"},
		{"roles/lead/index.html", "index.html", "../../"},
		{"roles/lead/index.html", "releases/v1/x.ics", "../../releases/v1/x.ics"},
		{"a/index.html", "a/b c/index.html", "b%20c/"},
	}
	for _, tt := range tests {
		if got := relativeHref(tt.from, tt.to); got != tt.want {
			t.Errorf("relativeHref(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

// FuzzLinks checks that no page, however malformed, makes Links panic, and
// that every problem names a page of the site.
func FuzzLinks(f *testing.F) {
	f.Add(`<a href="../x/#y">`, "a/b/index.html")
	f.Add(`<a id=x><a id=x><img src="%zz">`, "index.html")
	f.Add(`<a href="/\\x"><a href=".././../..">`, "x.htm")
	f.Fuzz(func(t *testing.T, body, name string) {
		files := base()
		files[name] = []byte(body)
		for _, p := range Links(files) {
			if _, ok := files[p.Page]; !ok {
				t.Fatalf("problem on a page that is not in the site: %+v", p)
			}
		}
	})
}

func lines(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "\t%s | %s | %s\n", p.Page, p.Href, p.Msg)
	}
	return b.String()
}
