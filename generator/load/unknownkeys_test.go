package load

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relbook/relbook/generator/diag"
)

// TestUnknownKeysBounded: of a file's unknown keys, the first
// diag.MaxPerFile by position are reported, each with its hint, the
// top-level ones included although their table is read last, and the
// others counted.
func TestUnknownKeysBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("name = \"v1\"\nnme = \"typo\"\nstart = 2026-10-05\n")
	for i := range 60 {
		fmt.Fprintf(&b, "\n[milestone.m-%d]\ndate = 2026-11-01\nkindd = \"freeze\"\nextra-%d = 1\n", i, i)
	}
	b.WriteString("\n[milestone.release]\ndate = 2026-12-02\n")
	fsys := fstest.MapFS{
		"handbook.toml":    {Data: []byte("title = \"T\"\nbase_url = \"https://example.org/\"\n")},
		"releases/v1.toml": {Data: []byte(b.String())},
	}
	_, diags := Read(fsys)
	// Only the keys that are shown are worded at all.
	if len(diags) != diag.MaxPerFile+1 {
		t.Errorf("Read made %d diagnostics, want %d: the shown ones and one count", len(diags), diag.MaxPerFile+1)
	}
	sorted := diags.Sort()
	if len(sorted) != diag.MaxPerFile+1 {
		t.Fatalf("%d lines, want %d:\n%s", len(sorted), diag.MaxPerFile+1, sorted)
	}
	for i, want := range map[int]string{
		0:                   `releases/v1.toml:2:1: unknown key "nme" in the top level; did you mean "name"?`,
		1:                   `releases/v1.toml:7:1: unknown key "kindd" in [milestone.m-0]; did you mean "kind"?`,
		2:                   `releases/v1.toml:8:1: unknown key "extra-0" in [milestone.m-0]`,
		diag.MaxPerFile - 1: `releases/v1.toml:252:1: unknown key "kindd" in [milestone.m-49]; did you mean "kind"?`,
		diag.MaxPerFile:     "releases/v1.toml: 21 more problems not shown",
	} {
		if got := sorted[i].String(); got != want {
			t.Errorf("line %d:\n got %s\nwant %s", i, got, want)
		}
	}
	if got := diags.Count(); got != (diag.Count{Errors: 121}) {
		t.Errorf("Count() = %+v, want 121 errors", got)
	}
}
