package markdown

import (
	"html/template"
	"regexp"
	"strings"
	"testing"
)

func render(t *testing.T, opts Options, src string) string {
	t.Helper()
	out, err := New(opts).Render(src)
	if err != nil {
		t.Fatalf("Render(%q): %v", src, err)
	}
	return string(out)
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
			got := render(t, Options{UnsafeHTML: tt.unsafe}, tt.src)
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
	}
	for _, tt := range tests {
		for _, unsafe := range []bool{false, true} {
			name := tt.name
			if unsafe {
				name += " unsafe"
			}
			t.Run(name, func(t *testing.T) {
				got := render(t, Options{UnsafeHTML: unsafe}, tt.src)
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

func TestDialect(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |", "<table>"},
		{"strikethrough", "~~gone~~", "<del>gone</del>"},
		{"task list", "- [ ] todo\n- [x] done", `<input disabled="" type="checkbox"`},
		{"typographer", `"quoted" -- and...`, "&ldquo;quoted&rdquo; &ndash; and&hellip;"},
		{"footnote", "text[^1]\n\n[^1]: note", `class="footnotes"`},
		{"definition list", "Term\n: Definition", "<dl>\n<dt>Term</dt>\n<dd>Definition</dd>"},
		{"heading id", "## Code freeze", `<h2 id="code-freeze">Code freeze</h2>`},
		{"heading attributes", `## Week 1 {#w1 .late when="week 1"}`, `<h2 id="w1" class="late">Week 1</h2>`},
		{"heading event attribute dropped", `## Hi {onclick="x()"}`, `<h2 id="hi">Hi</h2>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(t, Options{}, tt.src); !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to contain %q", got, tt.want)
			}
		})
	}
}

func TestRenderInline(t *testing.T) {
	m := New(Options{})
	tests := []struct{ src, want string }{
		{"Moved by **vote**", "Moved by <strong>vote</strong>"},
		{"", ""},
		{"a <script>x</script>", "a <!-- raw HTML omitted -->x<!-- raw HTML omitted -->"},
		{"one\n\ntwo", "<p>one</p>\n<p>two</p>"},
	}
	for _, tt := range tests {
		got, err := m.RenderInline(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want {
			t.Errorf("RenderInline(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestDateRefs(t *testing.T) {
	var asked []string
	m := New(Options{DateRef: func(expr string) (template.HTML, bool) {
		asked = append(asked, expr)
		if expr == "unknown" {
			return "", false
		}
		return template.HTML(`<time datetime="2026-12-03">` + template.HTMLEscapeString(expr) + `</time>`), true
	}})
	tests := []struct{ src, want string }{
		{"by {{code-freeze}}.", `<p>by <time datetime="2026-12-03">code-freeze</time>.</p>`},
		{"by {{ code-freeze - 1w }}", `<p>by <time datetime="2026-12-03">code-freeze - 1w</time></p>`},
		{"{{unknown}} stays", "<p>{{unknown}} stays</p>"},
		{"`{{code-freeze}}` is code", "<p><code>{{code-freeze}}</code> is code</p>"},
		{"```\n{{code-freeze}}\n```", "<pre><code>{{code-freeze}}\n</code></pre>"},
		{"{{ }} and {{a{b}} and {{open", "<p>{{ }} and {{a{b}} and {{open</p>"},
	}
	for _, tt := range tests {
		got, err := m.Render(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(string(got)) != tt.want {
			t.Errorf("Render(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
	if strings.Join(asked, "|") != "code-freeze|code-freeze - 1w|unknown" {
		t.Errorf("DateRef was asked %q", asked)
	}

	// Without DateRef, braces are text.
	if got := render(t, Options{}, "{{code-freeze}}"); got != "<p>{{code-freeze}}</p>\n" {
		t.Errorf("without DateRef: %q", got)
	}
}
