//go:build unix

package site

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/relbook/relbook/generator/render"
)

// A build takes every file whose bytes did not change from the site it
// replaces: the same file, linked, with its time kept. A file that
// changed, one edited by hand in the output, a link and a file of another
// mode are written afresh, and every file has the build's bytes.
func TestWriteReusesUnchangedFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first := render.Output{
		"index.html":             []byte("<p>home</p>"),
		"releases/v1/index.html": []byte("<p>v1</p>"),
		"releases/v2/index.html": []byte("<p>v2</p>"),
		"edited.html":            []byte("<p>as built</p>"),
		"linked.html":            []byte("<p>linked</p>"),
		"private.html":           []byte("<p>private</p>"),
	}
	if err := Write(first, out, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	stat := func(name string) os.FileInfo {
		t.Helper()
		st, err := os.Lstat(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	// What happens to the published site between two builds.
	if err := os.WriteFile(filepath.Join(out, "edited.html"), []byte("<p>by hand</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "outside.html")
	if err := os.WriteFile(outside, []byte("<p>linked</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(out, "linked.html"))
	if err := os.Symlink(outside, filepath.Join(out, "linked.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(out, "private.html"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := map[string]os.FileInfo{}
	for name := range first {
		before[name] = stat(name)
	}

	second := render.Output{}
	for name, data := range first {
		second[name] = data
	}
	second["releases/v2/index.html"] = []byte("<p>v2, moved</p>")
	second["releases/v3/index.html"] = []byte("<p>v3</p>")
	if err := Write(second, out, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if d := sameTree(readTree(t, out), second); d != "" {
		t.Fatalf("the site differs from the build: %s", d)
	}
	for name, reused := range map[string]bool{
		"index.html": true, "releases/v1/index.html": true,
		"releases/v2/index.html": false, "edited.html": false, "linked.html": false, "private.html": false,
	} {
		after := stat(name)
		if os.SameFile(before[name], after) != reused {
			t.Errorf("%s: reused %v, want %v", name, !reused, reused)
		}
		if !after.Mode().IsRegular() || after.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want a plain file 0644", name, after.Mode())
		}
		if reused && !after.ModTime().Equal(before[name].ModTime()) {
			t.Errorf("%s: a reused file keeps its time", name)
		}
	}
	if b, _ := os.ReadFile(outside); string(b) != "<p>linked</p>" {
		t.Error("the file a link in the previous site pointed at must not change")
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("the previous site must be gone: %v", entries)
	}
}

// A folder of the previous site that is a link to a folder beside it is
// not a way to carry that folder's files into the new site.
func TestWriteReusesNothingThroughLinkedFolders(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	files := render.Output{"releases/v1/index.html": []byte("<p>v1</p>")}
	if err := Write(files, out, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	// public/releases becomes a link to a folder beside public, holding
	// a file of the same bytes.
	beside := filepath.Join(parent, "archive")
	if err := os.MkdirAll(filepath.Join(beside, "v1"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(beside, "v1", "index.html"), []byte("<p>v1</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(out, "releases"))
	if err := os.Symlink(filepath.Join("..", "archive"), filepath.Join(out, "releases")); err != nil {
		t.Fatal(err)
	}
	archived, _ := os.Stat(filepath.Join(beside, "v1", "index.html"))
	if err := Write(files, out, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	built, err := os.Lstat(filepath.Join(out, "releases", "v1", "index.html"))
	if err != nil || !built.Mode().IsRegular() {
		t.Fatalf("the page must be a plain file: %v %v", built, err)
	}
	if os.SameFile(built, archived) {
		t.Error("a file reached through a linked folder must not be carried over")
	}
}
