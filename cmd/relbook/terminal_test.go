package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relbook/relbook/generator/terminal"
)

// hostileSite is a handbook whose names hold terminal escape sequences and
// bidirectional overrides, written with TOML's own escapes.
var hostileSite = map[string]string{
	"handbook.toml": `title = "HB \u001b]0;PWNED\u0007"
base_url = "https://example.org/hb/"
`,
	"releases/v1.toml": `name = "Project \u202eevil"
start = 2026-10-05

[milestone.rc1]
name = "RC1 \u001b]0;TITLE\u0007"
date = 2026-10-28
key = true

[milestone.rc2]
name = "RC2 \u009b31m\u2028fake line"
date = 2026-10-29

[milestone.release]
date = 2026-12-02
`,
}

func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		writeSiteFile(t, dir, name, text)
	}
	return dir
}

// noControls fails the test if a line of out holds a character that a
// terminal takes as a command.
func noControls(t *testing.T, what, out string) {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if terminal.Escape(line) != line {
			t.Errorf("%s prints a control character raw: %q", what, line)
		}
	}
}

// Names from the handbook reach the terminal escaped: `relbook now`, the
// build's summary and the diagnostics never let the input set the window
// title, move the cursor or reverse a line.
func TestHostileTextIsEscaped(t *testing.T) {
	dir := writeSite(t, hostileSite)

	var stdout, stderr bytes.Buffer
	if code := run([]string{"now", "--source", dir, "--now", "2026-10-26"}, &stdout, &stderr); code != 0 {
		t.Fatalf("now: exit %d\n%s", code, stderr.String())
	}
	noControls(t, "now", stdout.String())
	for _, want := range []string{`Project \u202eevil (v1)`, `RC1 \x1b]0;TITLE\a (key)`, `RC2 \u009b31m\u2028fake line`} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("now lacks %s:\n%s", want, stdout.String())
		}
	}

	// JSON is escaped by encoding/json already, and stays as it was.
	stdout.Reset()
	if code := run([]string{"now", "--source", dir, "--now", "2026-10-26", "--json"}, &stdout, &stderr); code != 0 {
		t.Fatalf("now --json: exit %d\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), `"name": "RC1 \u001b]0;TITLE\u0007"`) {
		t.Errorf("now --json:\n%s", stdout.String())
	}

	stdout.Reset()
	out := filepath.Join(t.TempDir(), "public")
	if code := run([]string{"build", "--source", dir, "--now", "2026-10-26", "--out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr.String())
	}
	noControls(t, "build", stdout.String())
	if !strings.Contains(stdout.String(), `relbook: built HB \x1b]0;PWNED\a from `) {
		t.Errorf("build summary:\n%s", stdout.String())
	}

	// A file name is input too, and a diagnostic names its file.
	hostileName := "pages/a\x1b]0;X\a\u202eb.md"
	writeSiteFile(t, dir, hostileName, "+++\ntitle = \"P\"\n+++\nx\n")
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"check", "--source", dir, "--now", "2026-10-26"}, &stdout, &stderr); code != 1 {
		t.Fatalf("check: exit %d, want 1\n%s", code, stderr.String())
	}
	noControls(t, "check", stderr.String())
	if !strings.Contains(stderr.String(), `pages/a\x1b]0;X\a\u202eb.md:1:1: `) {
		t.Errorf("check:\n%s", stderr.String())
	}
}

func writeSiteFile(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
