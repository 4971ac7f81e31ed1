package export

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestMentions(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Priya Raman (@praman)", "Priya Raman (@praman)"},
		{"@praman", "@praman"},
		{"Mei_Lin (@mei-lin)", `Mei\_Lin (@mei-lin)`},
		// A managed user's handle keeps its "_": escaped, it would be no
		// handle.
		{"Ada (@ada_acme)", "Ada (@ada_acme)"},
		{"@kubernetes/release-team", "@kubernetes/release-team"},
		{"Kwame <kwame@example.org>", `Kwame \<kwame@example.org\>`},
		{"@-bad, @bad-, @a--b", "@-bad, @bad-, @a--b"},
		{"*Bo* @bo", `\*Bo\* @bo`},
		{"@" + strings.Repeat("a", 40), "@" + strings.Repeat("a", 40)},
		{"no handle", "no handle"},
	} {
		if got := mentions(tc.in); got != tc.want {
			t.Errorf("mentions(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// Every handle above that GitHub reads is kept whole, and nothing
	// else is a handle.
	for in, handles := range map[string][]string{
		"Priya Raman (@praman)":    {"@praman"},
		"Ada (@ada_acme), @bo":     {"@ada_acme", "@bo"},
		"kwame@example.org":        nil,
		"@kubernetes/release-team": {"@kubernetes/release-team"},
		"@a--b @-x":                nil,
	} {
		var got []string
		for i := 0; i < len(in); i++ {
			if in[i] == '@' && mentionStart(in, i) {
				if n := handleLen(in[i+1:]); n > 0 {
					got = append(got, in[i:i+1+n])
				}
			}
		}
		if strings.Join(got, " ") != strings.Join(handles, " ") {
			t.Errorf("%q: handles %q, want %q", in, got, handles)
		}
	}
}

// TestIssueMentionsHolders: the issue names the role's holders and
// shadows with their handles as @-mentions, so that GitHub notifies them.
func TestIssueMentionsHolders(t *testing.T) {
	fsys := fstest.MapFS{
		"handbook.toml": {Data: []byte("title = \"T\"\nbase_url = \"https://example.org/hb/\"\n")},
		"releases/v1.toml": {Data: []byte(`name = "v1"
start = 2026-10-05

[milestone.release]
date = 2026-11-25

[team]
lead = ["Priya Raman (@praman)", "Ada (@ada_acme)"]
lead-shadow = ["@kubernetes/release-team", "Kwame <kwame@example.org>"]
`)},
		"roles/lead.md": {Data: []byte("+++\ntitle = \"Lead\"\n+++\n\n## Week 1 {when=\"week 1\"}\n\n- [ ] Start\n")},
	}
	h := resolve(t, fsys)
	got := issue(t, h.Release("v1").Checklist("lead"), Options{BaseURL: h.BaseURL})
	want := "\nLead: Priya Raman (@praman), Ada (@ada_acme); shadows: @kubernetes/release-team, Kwame \\<kwame@example.org\\>.\n"
	if !strings.Contains(got, want) {
		t.Errorf("the issue lacks %q:\n%s", want, got)
	}
}
