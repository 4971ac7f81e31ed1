package site

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relbook/relbook/generator/handbook"
)

// FuzzGenerateRelease runs the whole build — Load, Resolve, Render,
// feeds, Check — on a small handbook whose release file is the fuzzer's.
// Whatever the file holds, the build never panics; every diagnostic names
// a file of the site and a place inside it; and a build that succeeds
// writes only paths inside the output folder, pages where nothing the
// input says runs as script, and feeds made only of content lines, none
// holding a character some parser ends a line at.
func FuzzGenerateRelease(f *testing.F) {
	base := os.DirFS("testdata/bad/ok-crlf/site")
	seedDirs, _ := filepath.Glob("testdata/bad/*/site/releases/*.toml")
	for _, path := range seedDirs {
		if b, err := os.ReadFile(path); err == nil && len(b) < 1<<16 {
			f.Add(b)
		}
	}
	f.Add([]byte(`name = "<script>alert(1)</script>"
start = 2026-10-05
[milestone.release]
name = "\" onmouseover=\"alert(1)"
date = 2026-12-04
url = "javascript:alert(1)"
description = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) {{release}}"
[meeting.m]
name = "A\r\nX-INJECTED:1"
every = "weekday"
time = "02:30"
timezone = "America/Los_Angeles"
`))
	f.Add([]byte(`name = "v1\u2028X-LS:1"
start = 2026-10-05
[milestone.release]
name = "R\u0085END:VEVENT\u2029BEGIN:VEVENT"
date = 2026-12-04
url = "https://m/j\u0085END:VEVENT\fX-FF:1"
note = "n\u000bX-VT:1"
was = [2026-11-27]
[meeting.m]
every = "week"
on = ["Monday"]
time = "10:00"
url = "data:text/html,<script>alert(1)</script>"
`))
	files := fstest.MapFS{}
	err := fs.WalkDir(base, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || name == "releases/v1.0.toml" {
			return err
		}
		b, err := fs.ReadFile(base, name)
		files[name] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, release []byte) {
		site := fstest.MapFS{"releases/v1.0.toml": {Data: release}}
		for name, file := range files {
			site[name] = file
		}
		res, diags, err := Generate(site, Options{Today: handbook.MustDate(2026, 11, 21)})
		if err != nil {
			// A stage's own error (not the input's) is a bug too, but one
			// that reaches the user as a message, not a crash.
			t.Logf("stage error: %v", err)
			return
		}
		for _, d := range diags {
			file, ok := site[d.Pos.Path]
			if !ok {
				if d.Pos.Path == "themes/" {
					continue
				}
				t.Fatalf("diagnostic in a file the site does not have: %s", d)
			}
			if lines := bytes.Count(file.Data, []byte("\n")) + 1; d.Pos.Line > lines {
				t.Fatalf("diagnostic on line %d of a file of %d lines: %s", d.Pos.Line, lines, d)
			}
		}
		if diags.HasErrors() {
			return
		}
		for name, b := range res.Files {
			if !fs.ValidPath(name) || strings.Contains(name, `\`) {
				t.Fatalf("output path %q is not inside the output folder", name)
			}
			switch {
			case strings.HasSuffix(name, ".html"):
				for _, p := range htmlProblems(b) {
					t.Errorf("/%s: %s", name, p)
				}
			case strings.HasSuffix(name, ".ics"):
				unfolded := strings.ReplaceAll(string(b), "\r\n ", "")
				for _, line := range strings.Split(strings.TrimSuffix(unfolded, "\r\n"), "\r\n") {
					if !contentLine.MatchString(line) || strings.ContainsAny(line, lineBreaks) {
						t.Fatalf("%s: not a content line: %q", name, line)
					}
				}
			}
		}
	})
}
