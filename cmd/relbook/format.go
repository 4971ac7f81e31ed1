package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/terminal"
)

// Formats of the problems check and build print (--format).
const (
	formatText   = "text"   // path:line:col: message, for people and editors
	formatGitHub = "github" // GitHub Actions workflow commands: annotations
	formatJSON   = "json"   // one JSON document on stdout, for programs
)

// reporter prints a command's problems in the format asked for.
type reporter struct {
	format string
	// dir is the site folder the problems' paths are inside.
	dir string
	// all includes acknowledged warnings (check --all).
	all bool
}

func checkFormat(format string) error {
	switch format {
	case formatText, formatGitHub, formatJSON:
		return nil
	}
	hint := ""
	if s := diag.Closest(format, []string{formatText, formatGitHub, formatJSON}); s != "" {
		hint = fmt.Sprintf("; did you mean %q?", s)
	}
	return fmt.Errorf("--format %s: unknown format%s (text, github or json)", terminal.Escape(format), hint)
}

// jsonReport is what --format json writes: docs/commands.md describes it.
type jsonReport struct {
	Version     int              `json:"version"`
	OK          bool             `json:"ok"`
	Errors      int              `json:"errors"`
	Warnings    int              `json:"warnings"`
	Allowed     int              `json:"allowed"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
}

type jsonDiagnostic struct {
	Path     string `json:"path"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"`
	Code     string `json:"code,omitempty"`
	Message  string `json:"message"`
	Allowed  bool   `json:"allowed,omitempty"`
	// Omitted counts the problems of the file left out after the first
	// hundred; such an entry has no line.
	Omitted int `json:"omitted,omitempty"`
}

// print writes diags: text and GitHub annotations to w (stderr), JSON to
// stdout along with the counts; ok says whether the command succeeds.
func (r reporter) print(stdout, w io.Writer, diags diag.List, ok bool) error {
	list := diags
	if !r.all {
		list = diags.Unacknowledged()
	}
	list = list.Sort()
	switch r.format {
	case formatGitHub:
		for _, d := range list {
			fmt.Fprintln(w, githubAnnotation(r.dir, d))
		}
		return nil
	case formatJSON:
		n := diags.Count()
		rep := jsonReport{Version: 1, OK: ok, Errors: n.Errors, Warnings: n.Warnings, Allowed: n.Allowed, Diagnostics: []jsonDiagnostic{}}
		for _, d := range list {
			rep.Diagnostics = append(rep.Diagnostics, toJSON(r.dir, d))
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	printAll(w, r.dir, list)
	return nil
}

// message is a diagnostic's text without its position and severity.
func message(d diag.Diagnostic) string {
	if d.Omitted != (diag.Count{}) {
		s := d.String()
		s = strings.TrimPrefix(s, d.Pos.Path+": ")
		return strings.TrimPrefix(s, "warning: ")
	}
	if d.Code != "" {
		return d.Message + " [" + string(d.Code) + "]"
	}
	return d.Message
}

func toJSON(dir string, d diag.Diagnostic) jsonDiagnostic {
	j := jsonDiagnostic{Path: userPath(dir, d.Pos.Path), Severity: "error", Code: string(d.Code), Message: d.Message, Allowed: d.Allowed}
	if d.Severity == diag.Warning {
		j.Severity = "warning"
	}
	if o := d.Omitted; o != (diag.Count{}) {
		j.Message = message(d)
		j.Omitted = o.Errors + o.Warnings + o.Allowed
		return j
	}
	j.Line, j.Col = max(d.Pos.Line, 1), max(d.Pos.Col, 1)
	return j
}

// githubAnnotation writes d as a GitHub Actions workflow command, which a
// workflow run shows on the file and line in the pull request: ::error,
// ::warning, or ::notice for an acknowledged warning (check --all).
func githubAnnotation(dir string, d diag.Diagnostic) string {
	kind := "error"
	switch {
	case d.Allowed:
		kind = "notice"
	case d.Severity == diag.Warning:
		kind = "warning"
	}
	// Escaped for the terminal first: the log that shows the command
	// is read in one.
	props := "file=" + githubProperty(terminal.Escape(userPathSlash(dir, d.Pos.Path)))
	if d.Omitted == (diag.Count{}) {
		props += fmt.Sprintf(",line=%d,col=%d", max(d.Pos.Line, 1), max(d.Pos.Col, 1))
	}
	title := "relbook"
	if d.Code != "" {
		title += " " + string(d.Code)
	}
	props += ",title=" + githubProperty(title)
	return "::" + kind + " " + props + "::" + githubData(terminal.Escape(message(d)))
}

// githubData escapes a workflow command's message: a line break or a %
// in a message cannot end the command or be read as an escape.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes a workflow command's property value, which ends
// at a comma and whose name ends at a colon.
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
