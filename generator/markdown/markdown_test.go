package markdown

import (
	"flag"
	"fmt"
	"html/template"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// testGlossary is the glossary of the golden tests.
var testGlossary = []Term{
	{ID: "rc", Name: "RC", Expansion: "Release candidate", Aliases: []string{"release candidate"}},
	{ID: "aoe", Name: "AoE", Expansion: "Anywhere on Earth", Aliases: []string{"anywhere on earth"}},
	{ID: "code-freeze", Name: "Code freeze"},
	{ID: "code-freeze-exception", Name: "code freeze exception"},
	{ID: "feature-freeze", Name: "Feature freeze"},
	{ID: "ffe", Name: "FFE", Expansion: "Feature freeze exception", Aliases: []string{"feature freeze exception"}},
	{ID: "shadow", Name: "Shadow", Aliases: []string{"shadowing"}},
	{ID: "ci-signal", Name: "CI signal"},
	{ID: "cherry-pick", Name: "Cherry-pick", Aliases: []string{"cherry pick", "cherry-picked"}},
	{ID: "go-no-go", Name: "Go/no-go"},
	{ID: "release-team", Name: "Release team"},
	{ID: "lts", Name: "LTS", Expansion: "Long-term support"},
}

// testContext is the page the golden tests render for. Date references
// resolve to their expression in a <time>, except those that name
// "unknown"; "amp" has a plain text that needs escaping.
func testContext() *Context {
	return &Context{
		DateRef: func(expr string) (template.HTML, string, bool) {
			if strings.Contains(expr, "unknown") {
				return "", "", false
			}
			text := "Thursday 3 December 2026 [" + expr + "]"
			if expr == "amp" {
				text = "A & <B>"
			}
			return template.HTML(`<time datetime="2026-12-03">` + template.HTMLEscapeString(expr) + `</time>`), text, true
		},
		When: func(expr string) template.HTML {
			return template.HTML(`Due <time>` + template.HTMLEscapeString(expr) + `</time>`)
		},
		GlossaryURL: "../../glossary/",
	}
}

// testTextOptions are testContext for plain text: the same date
// references, and relative links resolved from a release page.
func testTextOptions() TextOptions {
	page, _ := url.Parse("https://handbook.example/releases/v3.4/")
	return TextOptions{
		DateRef: func(expr string) (string, bool) {
			_, text, ok := testContext().DateRef(expr)
			return text, ok
		},
		Link: func(dest string) string {
			u, err := url.Parse(dest)
			if err != nil || u.IsAbs() {
				return dest
			}
			return page.ResolveReference(u).String()
		},
	}
}

// goldenSetup returns how a golden case is rendered: the defaults above,
// changed for some cases.
func goldenSetup(name string) (Options, *Context) {
	opts, ctx := Options{Glossary: testGlossary}, testContext()
	switch name {
	case "headings-offset":
		ctx.HeadingOffset = 1
	case "unsafe":
		opts.UnsafeHTML = true
	}
	return opts, ctx
}

// TestGolden parses and renders every testdata/<case>.md and compares the
// HTML with <case>.html, the Doc with <case>.txt and its plain text with
// <case>.plain. Run with -update to
// rewrite them, and read the difference before committing it.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test cases: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			opts, ctx := goldenSetup(name)
			m := New(opts)
			doc := m.Parse(string(src))
			html, err := doc.Render(ctx)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, strings.TrimSuffix(file, ".md")+".html", string(html))
			golden(t, strings.TrimSuffix(file, ".md")+".txt", dumpDoc(doc))
			golden(t, strings.TrimSuffix(file, ".md")+".plain", doc.Text(testTextOptions())+"\n")
		})
	}
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs; got:\n%s", path, got)
	}
}

// dumpDoc writes what Parse found, for the golden files.
func dumpDoc(d *Doc) string {
	var b strings.Builder
	b.WriteString("headings:\n")
	for _, h := range d.Headings {
		fmt.Fprintf(&b, "  %d:h%d #%s %q when=%q\n", h.Line, h.Level, h.ID, h.Text, h.When)
	}
	b.WriteString("tasks:\n")
	var tasks func([]*Task, string)
	tasks = func(ts []*Task, indent string) {
		for _, t := range ts {
			box := "[ ]"
			if t.Checked {
				box = "[x]"
			}
			if t.Ordered {
				box = "1." + box
			}
			was := ""
			if len(t.Former) > 0 {
				was = fmt.Sprintf(" was=%q", t.Former)
			}
			fmt.Fprintf(&b, "%s%d: %s %s%s %q heading=%q when=%q at %d:%d\n",
				indent, t.Line, box, t.ID, was, t.Text, t.Heading, t.When, t.WhenLine, t.WhenCol)
			tasks(t.Steps, indent+"  ")
		}
	}
	tasks(d.Tasks, "  ")
	b.WriteString("refs:\n")
	for _, r := range d.Refs {
		where := ""
		if r.InTemplate {
			where = " (template)"
		}
		fmt.Fprintf(&b, "  %d:%d %q%s\n", r.Line, r.Col, r.Expr, where)
	}
	b.WriteString("problems:\n")
	for _, p := range d.Problems {
		fmt.Fprintf(&b, "  %s\n", p)
	}
	return b.String()
}

// TestPositions checks positions directly, independently of the goldens.
func TestPositions(t *testing.T) {
	src := "Intro {{start}}\n" + // line 1
		"\n" +
		"## Week 3 {when=\"week 3\"}\n" + // line 3: the value starts at column 18
		"\n" +
		"### Sub\n" +
		"\n" +
		"- [ ] Task with  {{ code-freeze - 1w }}\n" + // line 7: the ref at column 18
		"\n" +
		"```template\n" +
		"\tDue {{release}}\n" + // line 10: the ref at column 6 (a tab counts as one byte)
		"```\n" +
		"## Bad {when=week 4}\n" // line 12: the '{' at column 8
	doc := New(Options{}).Parse(src)

	if len(doc.Tasks) != 1 {
		t.Fatalf("got %d tasks", len(doc.Tasks))
	}
	task := doc.Tasks[0]
	if task.When != "week 3" || task.WhenLine != 3 || task.WhenCol != 18 || task.Line != 7 || task.Heading != "sub" {
		t.Errorf("task = %+v, want when \"week 3\" at 3:18, line 7, heading sub", task)
	}
	wantRefs := []Ref{
		{Expr: "start", Line: 1, Col: 7},
		{Expr: "code-freeze - 1w", Line: 7, Col: 18},
		{Expr: "release", Line: 10, Col: 6, InTemplate: true},
	}
	if fmt.Sprint(doc.Refs) != fmt.Sprint(wantRefs) {
		t.Errorf("refs = %v, want %v", doc.Refs, wantRefs)
	}
	if len(doc.Problems) != 1 || doc.Problems[0].Line != 12 || doc.Problems[0].Col != 8 ||
		doc.Problems[0].Msg != `heading text contains "{when": write the attribute as {when="week 4"}` {
		t.Errorf("problems = %v", doc.Problems)
	}
}

func TestTOC(t *testing.T) {
	doc := New(Options{}).Parse("# A\n## B\n### C\n#### D\n## E")
	var got []string
	for _, h := range doc.TOC() {
		got = append(got, h.ID)
	}
	if strings.Join(got, " ") != "b c e" {
		t.Errorf("TOC = %v, want b c e", got)
	}
}

func TestRenderTask(t *testing.T) {
	m := New(Options{Glossary: testGlossary})
	doc := m.Parse(`## Release day {when="release"}

1. [ ] Tag the **RC**, then {{release}}
   - [ ] A step is not part of the body
   - [ ] Neither is this one

   Run this:

   ` + "```sh\n   make tag\n   ```" + `
   - a note, kept
   - [ ] a step in a mixed list, left out
2. [x] Publish
`)
	if len(doc.Tasks) != 2 || len(doc.Tasks[0].Steps) != 3 {
		t.Fatalf("tasks = %+v", doc.Tasks)
	}
	ctx := testContext()
	label, body, err := doc.Tasks[0].Render(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantLabel := `Tag the <strong><a class="term" href="../../glossary/#rc"><abbr title="Release candidate">RC</abbr></a></strong>, then <time datetime="2026-12-03">release</time>`
	if string(label) != wantLabel {
		t.Errorf("label = %s\nwant    %s", label, wantLabel)
	}
	wantBody := `<p>Run this:</p>
<pre class="chroma"><code><span class="line"><span class="cl">make tag
</span></span></code></pre>
<ul>
<li>a note, kept</li>
</ul>
`
	if string(body) != wantBody {
		t.Errorf("body = %s\nwant   %s", body, wantBody)
	}
	// A step is a task of its own, rendered the same way.
	label, body, err = doc.Tasks[0].Steps[0].Render(ctx)
	if err != nil || label != "A step is not part of the body" || body != "" {
		t.Errorf("step: %q, %q, %v", label, body, err)
	}
	// The same Context: RC has been linked on this page already.
	label, _, _ = doc.Tasks[0].Render(ctx)
	if strings.Contains(string(label), "<a") {
		t.Errorf("second rendering on the same page links again: %s", label)
	}
}

func TestGlossaryContext(t *testing.T) {
	m := New(Options{Glossary: testGlossary})
	doc := m.Parse("A shadow and an RC.")
	tests := []struct {
		name string
		ctx  *Context
		want string
	}{
		{"links", &Context{GlossaryURL: "../"},
			`<p>A <a class="term" href="../#shadow" title="Shadow">shadow</a> and an <a class="term" href="../#rc"><abbr title="Release candidate">RC</abbr></a>.</p>`},
		{"skip", &Context{GlossaryURL: "./", Skip: "shadow"},
			`<p>A shadow and an <a class="term" href="./#rc"><abbr title="Release candidate">RC</abbr></a>.</p>`},
		{"no glossary URL", &Context{}, `<p>A shadow and an RC.</p>`},
		{"nil context", nil, `<p>A shadow and an RC.</p>`},
	}
	for _, tt := range tests {
		got, err := doc.Render(tt.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(string(got)) != tt.want {
			t.Errorf("%s: got  %s\nwant %s", tt.name, got, tt.want)
		}
	}

	// Fragments of one page share first uses.
	ctx := &Context{GlossaryURL: "../"}
	a, _ := m.RenderInline("An RC", ctx)
	b, _ := m.RenderString("Another RC, a shadow", ctx)
	if !strings.Contains(string(a), "<abbr") || strings.Contains(string(b), "<abbr") || !strings.Contains(string(b), "#shadow") {
		t.Errorf("first use across fragments: %s / %s", a, b)
	}

	// Without a glossary, nothing is a term.
	got, _ := New(Options{}).RenderInline("an RC", &Context{GlossaryURL: "../"})
	if got != "an RC" {
		t.Errorf("no glossary: %s", got)
	}
}

// TestGlossaryUses checks where uses are found when spellings overlap or
// are long: from the left, the longest that ends at the end of a word,
// else a shorter one.
func TestGlossaryUses(t *testing.T) {
	long := strings.Repeat("lorem ", 299) + "ipsum"
	terms := []Term{
		{ID: "long", Name: long},
		{ID: "pair", Name: "lorem lorem"},
		{ID: "x", Name: "x", Aliases: []string{"x x", "x x x"}},
		{ID: "code", Name: "code", Aliases: []string{"code freeze", "C++"}},
		{ID: "after", Name: "after code freeze ends"},
	}
	uses := func(text string) []string {
		var got []string
		for _, m := range newGlossary(terms).find([]byte(text)) {
			got = append(got, fmt.Sprintf("%d-%d %s", m.start, m.end, m.spelling.term.ID))
		}
		return got
	}
	tests := []struct {
		text string
		want []string
	}{
		{long + ".", []string{fmt.Sprintf("0-%d long", len(long))}},
		// Almost the long term, from every word on: pairs, and a lone
		// word that is nothing.
		{strings.Repeat("lorem ", 5), []string{"0-11 pair", "12-23 pair"}},
		{"x x x x x x x", []string{"0-5 x", "6-11 x", "12-13 x"}},
		{"code freezer", []string{"0-4 code"}},
		// The end of a longer spelling, which holds a shorter one.
		{"code freeze ends", []string{"0-11 code"}},
		{"code freezes, C++!", []string{"0-12 code", "14-17 code"}},
		{"xcode C++1", nil},
	}
	for _, tt := range tests {
		if got := uses(tt.text); !slices.Equal(got, tt.want) {
			name := tt.text
			if len(name) > 40 {
				name = name[:40] + "..."
			}
			t.Errorf("%q: got %q, want %q", name, got, tt.want)
		}
	}
}

func TestHeadingOffsetClamps(t *testing.T) {
	m := New(Options{})
	got, _ := m.RenderString("# One\n\n##### Five", &Context{HeadingOffset: 3})
	want := "<h4 id=\"one\">One <a class=\"anchor\" href=\"#one\" aria-label=\"Link to this section\">#</a></h4>\n" +
		"<h6 id=\"five\">Five <a class=\"anchor\" href=\"#five\" aria-label=\"Link to this section\">#</a></h6>\n"
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	got, _ = m.RenderString("# One", &Context{HeadingOffset: -2})
	if string(got) != "<h1 id=\"one\">One</h1>\n" {
		t.Errorf("negative offset: %s", got)
	}
}

// TestConcurrentRender renders one Doc for many pages at once; run it
// with -race. Each page must come out as if rendered alone.
func TestConcurrentRender(t *testing.T) {
	src, err := os.ReadFile("testdata/tasks.md")
	if err != nil {
		t.Fatal(err)
	}
	glossarySrc, err := os.ReadFile("testdata/glossary.md")
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Glossary: testGlossary})
	doc := m.Parse(string(src) + "\n" + string(glossarySrc) + "\nThe {{release}} is {{code-freeze}} + 1.\n")
	page := func(i int) *Context {
		release := fmt.Sprintf("v%d", i)
		return &Context{
			DateRef: func(expr string) (template.HTML, string, bool) {
				return template.HTML(release + ":" + expr), release + ":" + expr, true
			},
			When:          func(expr string) template.HTML { return template.HTML(release + " due " + expr) },
			GlossaryURL:   fmt.Sprintf("../%s/", release),
			HeadingOffset: i % 3,
		}
	}
	render := func(i int) string {
		ctx := page(i)
		out, err := doc.Render(ctx)
		if err != nil {
			t.Error(err)
		}
		var b strings.Builder
		b.WriteString(string(out))
		for _, task := range doc.Tasks {
			label, body, err := task.Render(ctx)
			if err != nil {
				t.Error(err)
			}
			b.WriteString(string(label) + string(body))
		}
		return b.String()
	}
	const pages = 24
	want := make([]string, pages)
	for i := range want {
		want[i] = render(i)
	}
	var wg sync.WaitGroup
	for round := 0; round < 4; round++ {
		for i := 0; i < pages; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if got := render(i); got != want[i] {
					t.Errorf("page %d differs when rendered concurrently", i)
				}
			}()
		}
	}
	wg.Wait()
	// Rendering leaves the Doc as it was: a fresh page renders as the
	// first one did.
	if got := render(0); got != want[0] {
		t.Error("rendering changed the Doc")
	}
}

func TestRawHTML(t *testing.T) {
	tests := []struct {
		name, src     string
		unsafe        bool
		want, notWant string
	}{
		{"block omitted", "<script>alert(1)</script>", false, "<!-- raw HTML omitted -->", "<script"},
		{"inline omitted", "a <b onclick=\"x()\">b</b>", false, "<!-- raw HTML omitted -->", "onclick"},
		{"iframe omitted", "<iframe src=\"https://evil.example\"></iframe>", false, "", "<iframe"},
		{"text escaped", "1 < 2 & 3 > \"x\"", false, "1 &lt; 2 &amp; 3 &gt;", "< 2"},
		{"unsafe kept", "<div class=\"note\">hi</div>", true, `<div class="note">hi</div>`, "omitted"},
		{"unsafe inline kept", "a <kbd>Ctrl</kbd>", true, "<kbd>Ctrl</kbd>", "omitted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := renderString(t, Options{UnsafeHTML: tt.unsafe}, tt.src)
			if tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to contain %q", got, tt.want)
			}
			if strings.Contains(got, tt.notWant) {
				t.Errorf("got %q, want no %q", got, tt.notWant)
			}
		})
	}
}

func TestDangerousURLs(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"javascript link", "[click](javascript:alert(1))", "<p>click</p>"},
		{"upper case", "[click](JavaScript:alert(1))", "<p>click</p>"},
		{"entity encoded", "[click](&#106;avascript:alert(1))", "<p>click</p>"},
		{"named entity", "[click](javascript&colon;alert(1))", "<p>click</p>"},
		{"leading space", "[click](< javascript:alert(1)>)", "<p>click</p>"},
		{"tab inside", "[click](<java\tscript:alert(1)>)", "<p>click</p>"},
		{"vbscript", "[click](vbscript:msgbox)", "<p>click</p>"},
		{"data link", "[click](data:text/html;base64,PHNjcmlwdD4=)", "<p>click</p>"},
		{"data image", "![a chart](data:image/svg+xml;base64,PHN2Zz4=)", "<p>a chart</p>"},
		{"javascript image", "![alt **text**](javascript:x)", "<p>alt <strong>text</strong></p>"},
		{"reference link", "[click][x]\n\n[x]: javascript:alert(1)", "<p>click</p>"},
		{"autolink", "<javascript:alert(1)>", "<p>javascript:alert(1)</p>"},
		{"emphasis kept", "[**bold** text](javascript:x) after", "<p><strong>bold</strong> text after</p>"},
		{"https kept", "[docs](https://example.org/a?b=1)", `<p><a href="https://example.org/a?b=1">docs</a></p>`},
		{"relative kept", "[guide](../roles/docs/)", `<p><a href="../roles/docs/">guide</a></p>`},
		{"mailto kept", "<mailto:release@example.org>", `<a href="mailto:release@example.org">`},
		{"bare url linked", "see https://example.org", `<a href="https://example.org">https://example.org</a>`},
		{"neutralised link text is plain", "[an RC](javascript:x)", `<p>an RC</p>`},
	}
	for _, tt := range tests {
		for _, unsafe := range []bool{false, true} {
			name := tt.name
			if unsafe {
				name += " unsafe"
			}
			t.Run(name, func(t *testing.T) {
				got := renderString(t, Options{UnsafeHTML: unsafe, Glossary: testGlossary}, tt.src)
				if !strings.Contains(got, tt.want) {
					t.Errorf("got %q, want it to contain %q", got, tt.want)
				}
				if dangerousLink.MatchString(got) {
					t.Errorf("got %q: a dangerous URL is still a link", got)
				}
			})
		}
	}
}

var dangerousLink = regexp.MustCompile(`(?i)(href|src)="\s*(javascript|vbscript|data|file):|(href|src)=""`)

func TestRenderInline(t *testing.T) {
	m := New(Options{})
	tests := []struct{ src, want string }{
		{"Moved by **vote**", "Moved by <strong>vote</strong>"},
		{"", ""},
		{"a <script>x</script>", "a <!-- raw HTML omitted -->x<!-- raw HTML omitted -->"},
		{"one\n\ntwo", "<p>one</p>\n<p>two</p>"},
		{"due {{release}}", `due <time datetime="2026-12-03">release</time>`},
	}
	for _, tt := range tests {
		got, err := m.RenderInline(tt.src, testContext())
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want {
			t.Errorf("RenderInline(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestDateRefsUnresolved(t *testing.T) {
	// Without Context.DateRef every reference stays as written, escaped.
	got := renderString(t, Options{}, "{{ a & b }} and\n\n```template\n{{x}} <y>\n```")
	want := "<p>{{ a &amp; b }} and</p>\n" +
		`<div class="template-block"><button type="button" class="copy" hidden>Copy</button><pre><code>{{x}} &lt;y&gt;` + "\n</code></pre></div>\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestTaskTextFor(t *testing.T) {
	doc := New(Options{}).Parse("- [ ] Mail *everyone* {{ freeze }}, `{{freeze}}` and \\{{freeze}}; {{nope}}\n- [ ] No dates here\n")
	ref := func(expr string) (string, bool) {
		if expr == "freeze" {
			return "Thursday 29 October 2026", true
		}
		return "", false
	}
	refs, plain := doc.Tasks[0], doc.Tasks[1]
	if want := "Mail everyone {{ freeze }}, {{freeze}} and {{freeze}}; {{nope}}"; refs.Text != want {
		t.Errorf("Text = %q, want %q", refs.Text, want)
	}
	if want := "Mail everyone Thursday 29 October 2026, {{freeze}} and {{freeze}}; {{nope}}"; refs.TextFor(ref) != want {
		t.Errorf("TextFor = %q, want %q", refs.TextFor(ref), want)
	}
	if !refs.HasDateRefs() || plain.HasDateRefs() {
		t.Errorf("HasDateRefs = %v, %v; want true, false", refs.HasDateRefs(), plain.HasDateRefs())
	}
	if plain.TextFor(ref) != "No dates here" {
		t.Errorf("TextFor without references = %q", plain.TextFor(ref))
	}
	// White space between pieces is one space, and none at either end.
	for _, c := range []struct{ src, text, filled string }{
		{"{{freeze}} {{freeze}}", "{{freeze}} {{freeze}}", "Thursday 29 October 2026 Thursday 29 October 2026"},
		{"{{freeze}}{{ freeze  }}", "{{freeze}}{{ freeze }}", "Thursday 29 October 2026Thursday 29 October 2026"},
		{"*a*\n  {{freeze}}\n  b  ", "a {{freeze}} b", "a Thursday 29 October 2026 b"},
		{"a\u00a0{{freeze}}\u00a0\u00a0b", "a {{freeze}} b", "a Thursday 29 October 2026 b"},
	} {
		task := New(Options{}).Parse("- [ ] " + c.src + "\n").Tasks[0]
		if task.Text != c.text || task.TextFor(ref) != c.filled {
			t.Errorf("%q: Text %q, TextFor %q; want %q, %q", c.src, task.Text, task.TextFor(ref), c.text, c.filled)
		}
		checkParts(t, task.Plain)
	}
}

// A heading keeps its inline date references in pieces, as a task does.
func TestHeadingTextFor(t *testing.T) {
	doc := New(Options{}).Parse("## Before {{ freeze }}, not `{{freeze}}` {when=\"freeze - 1w\"}\n\n## Plain\n")
	ref := func(expr string) (string, bool) { return "Thursday 29 October 2026", expr == "freeze" }
	refs, plain := doc.Headings[0], doc.Headings[1]
	if want := "Before {{ freeze }}, not {{freeze}}"; refs.Text != want {
		t.Errorf("Text = %q, want %q", refs.Text, want)
	}
	if want := "Before Thursday 29 October 2026, not {{freeze}}"; refs.TextFor(ref) != want {
		t.Errorf("TextFor = %q, want %q", refs.TextFor(ref), want)
	}
	if !refs.HasDateRefs() || plain.HasDateRefs() || plain.TextFor(ref) != "Plain" {
		t.Errorf("HasDateRefs = %v, %v, TextFor %q; want true, false, \"Plain\"", refs.HasDateRefs(), plain.HasDateRefs(), plain.TextFor(ref))
	}
	if refs.When != "freeze - 1w" {
		t.Errorf("When = %q", refs.When)
	}
}

// Plain text trims the blank lines around a document, not the
// indentation a code block opens with.
func TestTextEnds(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"code block first", "```\n  make release\nmake tag\n```\n", "  make release\nmake tag"},
		{"indented code block first", "      indented twice\n    once\n\nAfter.\n", "  indented twice\nonce\n\nAfter."},
		{"blank code line first", "```\n   \n  make\n```\n", "  make"},
		{"table with an empty first cell", "| | a |\n|-|-|\n| b | c |\n", " | a\nb | c"},
		{"paragraph", "\n\n  Freeze starts.  \n\n", "Freeze starts."},
		{"code block last", "Run:\n\n```\nmake\n```\n\n\n", "Run:\n\nmake"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := New(Options{}).Parse(tt.src).Text(TextOptions{}); got != tt.want {
				t.Errorf("Text() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Tag the cycle's RC1", "tag-the-cycles-rc1"},
		{"Go / no-go: every lead agrees", "go-no-go-every-lead-agrees"},
		{"Übersetzungen prüfen", "übersetzungen-prüfen"},
		{"  --  ", ""},
	}
	for _, tt := range tests {
		if got := slug(tt.in); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func renderString(t *testing.T, opts Options, src string) string {
	t.Helper()
	out, err := New(opts).RenderString(src, &Context{GlossaryURL: "../"})
	if err != nil {
		t.Fatalf("RenderString(%q): %v", src, err)
	}
	return string(out)
}

// TestHeadingAllow reads a dated heading's allow attribute, and reports
// one that is unquoted, names an unknown code or stands on a heading
// without a when of its own.
func TestHeadingAllow(t *testing.T) {
	src := "## Party {when=\"release + 3d\" allow=\"weekend, not-scheduled\"}\n" + // line 1
		"### Inherits {allow=\"weekend\"}\n" + // line 2: the value at column 22
		"## Typo {when=\"start\" allow=\"weekends\"}\n" + // line 3: the value at column 30
		"## Bare {when=\"start\" allow=weekend}\n" // line 4: the value at column 29
	doc := New(Options{}).Parse(src)
	if got := fmt.Sprint(doc.Headings[0].Allow); got != "[weekend not-scheduled]" {
		t.Errorf("allow = %s", got)
	}
	if line, col := doc.Headings[0].WhenAt(); line != 1 || col != 17 {
		t.Errorf("when at %d:%d, want 1:17", line, col)
	}
	for i := 1; i < 4; i++ {
		if doc.Headings[i].Allow != nil {
			t.Errorf("heading %d: allow = %v, want none", i, doc.Headings[i].Allow)
		}
	}
	want := []Problem{
		{Line: 2, Col: 22, Msg: `allow acknowledges the warnings about the heading's own when="...", and this heading has none`},
		{Line: 3, Col: 30, Msg: `allow: unknown warning code "weekends"; did you mean "weekend"?`},
		{Line: 4, Col: 29, Msg: `allow must be a quoted string: write the attribute as {allow="weekend"}`},
	}
	if fmt.Sprint(doc.Problems) != fmt.Sprint(want) {
		t.Errorf("problems:\n%v\nwant:\n%v", doc.Problems, want)
	}
}
