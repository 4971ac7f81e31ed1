// Package icscheck runs the independent iCalendar validator that relbook's
// CI uses (libical plus RFC 5545 byte rules, ../shared/tools/check-ics) on
// feeds made in a test, when it is installed. Tests of the feeds and of
// the site share it.
package icscheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Run writes the feeds (slash path → bytes) into a temporary folder and
// validates them all in one run of the validator. The validator is the
// file CHECK_ICS names, else ../shared/tools/check-ics beside the
// repository, found from the test's package folder; the test is skipped
// when it or /usr/bin/python3 with libical's bindings is missing.
func Run(t testing.TB, feeds map[string][]byte) {
	t.Helper()
	tool := os.Getenv("CHECK_ICS")
	if tool == "" {
		tool = repositoryTool()
	}
	if _, err := os.Stat(tool); err != nil {
		t.Skip("check-ics not found; set CHECK_ICS")
	}
	python := "/usr/bin/python3"
	if _, err := os.Stat(python); err != nil {
		t.Skip("no /usr/bin/python3")
	}
	dir := t.TempDir()
	var files []string
	for p, data := range feeds {
		f := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	slices.Sort(files)
	cmd := exec.Command(python, append([]string{tool}, files...)...)
	out, err := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code == 2 {
		t.Skipf("check-ics cannot run: %s", out)
	}
	if err != nil {
		t.Errorf("check-ics: %v\n%s", err, out)
	}
}

// repositoryTool is ../shared/tools/check-ics beside the repository.
func repositoryTool() string {
	return filepath.Join(repositoryRoot(), "..", "shared", "tools", "check-ics")
}

// repositoryRoot is the folder holding go.mod above the working directory
// (a test runs in its package's folder); "" when there is none.
func repositoryRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// CompareICALJS expands every meeting of the site in dir with ical.js
// (generator/calendar/testdata/icaljs/compare.mjs) and compares the
// occurrences with each release's schedule.json, and returns its report;
// the test is skipped when node or ical.js is not installed. It fails the
// test when they disagree or when fewer than releases releases compare
// "all equal".
func CompareICALJS(t testing.TB, dir string, releases int) string {
	t.Helper()
	repo := repositoryRoot()
	icaljs := filepath.Join(repo, "generator", "calendar", "testdata", "icaljs")
	if _, err := os.Stat(filepath.Join(icaljs, "node_modules", "ical.js")); err != nil {
		t.Skip("ical.js is not installed: npm ci --prefix generator/calendar/testdata/icaljs")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node")
	}
	out, err := exec.Command(node, filepath.Join(icaljs, "compare.mjs"), dir).CombinedOutput()
	if err != nil {
		t.Errorf("ical.js disagrees: %v\n%s", err, out)
	}
	if n := strings.Count(string(out), "all equal"); n != releases {
		t.Errorf("ical.js compared %d releases, want %d:\n%s", n, releases, out)
	}
	return string(out)
}
