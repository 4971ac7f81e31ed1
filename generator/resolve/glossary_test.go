package resolve_test

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestGlossarySpellings: a term's own name again in another letter case
// is accepted as an alias (people write it when they do not know how
// matching treats case); a spelling of another term is an error.
func TestGlossarySpellings(t *testing.T) {
	site := fstest.MapFS{}
	for name, text := range cacheSite {
		site[name] = &fstest.MapFile{Data: []byte(text)}
	}
	site["glossary.toml"] = &fstest.MapFile{Data: []byte(`[term.code-freeze]
name = "Code Freeze"
aliases = ["code freeze", "Code Freeze", "code freeze"]
definition = "No new features after it."

[term.rc]
name = "RC"
aliases = ["Code freeze"]
definition = "A build that may become the release."
`)}
	h, diags := coldBuild(site)
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := `glossary.toml:8:12: "Code freeze" is already a name or alias of term "code-freeze": each spelling may link to one term only`
	if len(got) != 1 || got[0] != want {
		t.Fatalf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	for _, term := range h.Terms {
		if term.ID == "code-freeze" && (len(term.Aliases) != 1 || term.Aliases[0] != "code freeze") {
			t.Errorf("aliases of code-freeze = %q, want [code freeze]", term.Aliases)
		}
	}
}
