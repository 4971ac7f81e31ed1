package main

import (
	"testing"

	"github.com/relbook/relbook/generator/diag"
)

// An annotation's message cannot end the workflow command or start another
// one, and a path cannot end a property.
func TestGitHubAnnotationEscapes(t *testing.T) {
	d := diag.Diagnostic{Pos: diag.Pos{Path: "roles/a,b:c.md", Line: 3, Col: 2}, Message: "100% done\n::error::forged", Severity: diag.Error}
	got := githubAnnotation("", d)
	want := `::error file=roles/a%2Cb%3Ac.md,line=3,col=2,title=relbook::100%25 done\n::error::forged`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	w := diag.Diagnostic{Pos: diag.Pos{Path: "handbook.toml"}, Message: "m", Severity: diag.Warning, Code: "no-base-url"}
	if got, want := githubAnnotation("content", w), "::warning file=content/handbook.toml,line=1,col=1,title=relbook no-base-url::m [no-base-url]"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
