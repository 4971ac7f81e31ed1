package schema_test

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relbook/relbook/content"
)

// taploCLI is taplo's command-line program, from the package's folder.
var taploCLI = filepath.Join("testdata", "taplo", "node_modules", "@taplo", "cli", "dist", "cli.js")

// taplo runs taplo lint on files in dir, as an editor with Even Better
// TOML would check them: with no configuration, each file's schema named
// by its #:schema line.
func taplo(t *testing.T, dir string, files ...string) (string, error) {
	t.Helper()
	cli, err := filepath.Abs(taploCLI)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(cli); errors.Is(err, fs.ErrNotExist) {
		msg := "taplo is not installed: run npm ci --prefix generator/schema/testdata/taplo from the repository root"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	cmd := exec.Command("node", append([]string{cli, "lint", "--no-auto-config", "--colors", "never"}, files...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// exampleCopy writes the example handbook's TOML files and schemas into a
// new folder.
func exampleCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(content.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".toml") || strings.HasSuffix(p, ".json")) {
			return err
		}
		b, err := fs.ReadFile(content.FS, p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, p), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestTaplo: taplo finds each file's schema from its #:schema line, passes
// the example handbook, TOML dates and all, and reports an unknown key, a
// value outside the allowed ones and a date that is not one where they
// are written.
func TestTaplo(t *testing.T) {
	if testing.Short() {
		t.Skip("runs taplo")
	}
	dir := exampleCopy(t)
	files := []string{"handbook.toml", "glossary.toml", "releases/v3.3.toml", "releases/v3.4.toml", "releases/v3.5.toml"}
	if out, err := taplo(t, dir, files...); err != nil {
		t.Fatalf("taplo rejects the example handbook: %v\n%s", err, out)
	}

	release := filepath.Join(dir, "releases", "v3.4.toml")
	b, err := os.ReadFile(release)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(b), "\nstart = ", "\nstart = \"next monday\"\nold_start = ", 1)
	text = strings.Replace(text, "kind = \"freeze\"", "kind = \"frozen\"", 1)
	text += "\n[milestone.extra]\ndate = 2026-12-01\nkindd = \"event\"\n"
	if err := os.WriteFile(release, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := taplo(t, dir, "releases/v3.4.toml")
	if err == nil {
		t.Fatalf("taplo passes a broken release:\n%s", out)
	}
	for _, want := range []string{`"next monday" is not a "date"`, `"frozen" is not one of`, `'kindd' was unexpected`, `'old_start' was unexpected`} {
		if !strings.Contains(out, want) {
			t.Errorf("taplo does not say %s:\n%s", want, out)
		}
	}
}
