package markdown

import (
	"strings"
	"testing"
)

// TestAlerts renders GitHub's alerts as labelled callouts, in any letter
// case and with spaces after the marker, and leaves alone what GitHub
// leaves alone.
func TestAlerts(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"note", "> [!NOTE]\n> Read this first.",
			"<div class=\"markdown-alert markdown-alert-note\">\n<p class=\"markdown-alert-title\">Note</p>\n<p>Read this first.</p>\n</div>\n"},
		{"lower case, trailing spaces", "> [!tip]   \n> Use the *dashboard*.",
			"<div class=\"markdown-alert markdown-alert-tip\">\n<p class=\"markdown-alert-title\">Tip</p>\n<p>Use the <em>dashboard</em>.</p>\n</div>\n"},
		{"mixed case, several blocks", "> [!Warning]\n>\n> First.\n>\n> - a\n> - b",
			"<div class=\"markdown-alert markdown-alert-warning\">\n<p class=\"markdown-alert-title\">Warning</p>\n<p>First.</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n</div>\n"},
		{"important", "> [!IMPORTANT]\n> Two\n> lines.",
			"<div class=\"markdown-alert markdown-alert-important\">\n<p class=\"markdown-alert-title\">Important</p>\n<p>Two\nlines.</p>\n</div>\n"},
		{"caution", "> [!CAUTION]\n> Stop.",
			"<div class=\"markdown-alert markdown-alert-caution\">\n<p class=\"markdown-alert-title\">Caution</p>\n<p>Stop.</p>\n</div>\n"},
		{"marker alone", "> [!NOTE]", "<blockquote>\n<p>[!NOTE]</p>\n</blockquote>\n"},
		{"unknown kind", "> [!DANGER]\n> x", "<blockquote>\n<p>[!DANGER]\nx</p>\n</blockquote>\n"},
		{"marker with text", "> [!NOTE] x", "<blockquote>\n<p>[!NOTE] x</p>\n</blockquote>\n"},
		{"plain quote", "> Just a quote.", "<blockquote>\n<p>Just a quote.</p>\n</blockquote>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderString(t, Options{}, tt.src); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestAlertInList keeps an alert inside a list item an alert, and a
// nested quote inside an alert a quote.
func TestAlertNested(t *testing.T) {
	got := renderString(t, Options{}, "- item\n\n  > [!NOTE]\n  > Inside.\n\n> [!TIP]\n> Outer.\n>\n> > Quoted.\n")
	for _, want := range []string{
		`<div class="markdown-alert markdown-alert-note">`,
		`<div class="markdown-alert markdown-alert-tip">`,
		"<blockquote>\n<p>Quoted.</p>\n</blockquote>\n</div>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

// TestAlertText keeps an alert's kind in the document's plain text, as
// feeds and the terminal show it.
func TestAlertText(t *testing.T) {
	got := New(Options{}).Parse("> [!WARNING]\n> Do not push tags.").Text(TextOptions{})
	if got != "Warning: Do not push tags." {
		t.Errorf("Text() = %q", got)
	}
}
