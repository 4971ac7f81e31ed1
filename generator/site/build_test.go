package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relbook/relbook/cmd/benchgen/synth"
)

// Build writes what Generate makes; a broken link, found while the files
// are written, leaves the previous site in place and nothing else behind.
func TestBuildChecksWhileWriting(t *testing.T) {
	src := synthFS(synth.Config{Releases: 2, Roles: 3, Tasks: 10, Terms: 20})
	parent := t.TempDir()
	out := filepath.Join(parent, "public")

	want, diags, err := Generate(src, synthOptions)
	if err != nil || diags.HasErrors() {
		t.Fatalf("Generate: %v %v", err, diags)
	}
	res, diags, err := Build(src, synthOptions, out, WriteOptions{})
	if err != nil || diags.HasErrors() || res == nil || len(res.Files) != len(want.Files) {
		t.Fatalf("Build: %v %v", err, diags)
	}
	if d := sameTree(readTree(t, out), want.Files); d != "" {
		t.Fatalf("Build wrote another site than Generate makes: %s", d)
	}

	guide := "roles/release-lead.md"
	if src[guide] == nil {
		t.Fatalf("the synthetic handbook has no %s", guide)
	}
	src[guide] = &fstest.MapFile{Data: append(append([]byte{}, src[guide].Data...), "\nSee [the notes](../../nowhere/).\n"...)}
	res, diags, err = Build(src, synthOptions, out, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !diags.HasErrors() || !strings.Contains(diags.Sort().Error(), guide+":") || res.Files != nil {
		t.Fatalf("a broken link must fail the build at its place in %s: %v", guide, diags)
	}
	if d := sameTree(readTree(t, out), want.Files); d != "" {
		t.Errorf("a failed build changed the previous site: %s", d)
	}
	entries, err := os.ReadDir(parent)
	if err != nil || len(entries) != 1 {
		t.Errorf("a failed build must leave nothing beside the site: %v %v", entries, err)
	}
}
