package load_test

// Reading site folders from a testing/fstest.MapFS: what is read, and where
// every problem is reported (path:line:col, SPEC §1 and STYLE "Errors that
// point at the line").

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/load"
	"github.com/relbook/relbook/generator/resolve"
)

const rwHandbook = `title = "Release handbook"
base_url = "https://handbook.example.org/"
timezone = "UTC"
`

func rwFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	if _, ok := files["handbook.toml"]; !ok {
		fsys["handbook.toml"] = &fstest.MapFile{Data: []byte(rwHandbook)}
	}
	return fsys
}

func rwDiags(l diag.List) []string {
	var out []string
	for _, d := range l.Sort() {
		out = append(out, d.String())
	}
	return out
}

// A release written the way the Kubernetes v1.35 schedule reads
// (kubernetes/sig-release releases/release-1.35/README.md).
const rwK135 = `# Kubernetes v1.35
name = "Kubernetes v1.35"
codename = "Timbernetes"
start = 2025-09-15
timezone = "America/Los_Angeles"
status = "active"
eol = "2026-12-28"
due_weekday = "Friday"
holidays = [2025-11-27, "2025-11-28"]
summary = """
The "World Tree" release.
Deadlines are AoE.
"""

[milestone.enhancements-freeze]
name = "Enhancements Freeze"
date = 2025-10-16
time = "AoE"
kind = "freeze"
key = true
owner = ["enhancements", "release-lead"]
description = "Enhancements must be tracked by now."
url = "https://github.com/kubernetes/sig-release/blob/master/releases/release_phases.md#enhancements-freeze"

[milestone.code-freeze]
at = "enhancements-freeze + 3w"
time = "AoE"
was = [2025-10-30, { date = 2025-10-31, changed = 2025-10-01, note = "one more day" }]
note = "Moved after the retrospective"

[milestone.kubecon]
name = "KubeCon NA"
date = 2025-11-10
end = 2025-11-13
kind = "event"

[milestone.release]
date = 2025-12-17

[phase.burndown]
from = "week 10"
to = "release"
description = "Monday, Wednesday and Friday meetings."

[meeting.burndown]
name = "Burndown"
every = "week"
on = ["Monday", "Wednesday", "Friday"]
time = "10:00"
timezone = "America/Los_Angeles"
duration = "1h"
from = "week 10"
until = "release"
skip = [2025-11-28]
roles = ["release-lead"]
url = "https://zoom.example.org/burndown"

[team]
release-lead = ["Drew Hagen (@drewhagen)"]
release-lead-shadow = ["A (@a)", "B (@b)"]
enhancements = ["C (@c)"]
`

func TestReadRelease(t *testing.T) {
	src, diags := load.Read(rwFS(map[string]string{"releases/v1.35.toml": rwK135}))
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%s", strings.Join(rwDiags(diags), "\n"))
	}
	if len(src.Releases) != 1 {
		t.Fatalf("%d releases", len(src.Releases))
	}
	r := src.Releases[0]
	pos := func(line, col int) diag.Pos { return diag.Pos{Path: "releases/v1.35.toml", Line: line, Col: col} }
	if r.ID != "v1.35" || r.Path != "releases/v1.35.toml" {
		t.Errorf("id %q path %q", r.ID, r.Path)
	}
	if r.Name.V != "Kubernetes v1.35" || r.Name.Pos != pos(2, 8) || !r.Name.Set {
		t.Errorf("name = %+v", r.Name)
	}
	if r.Start.V != handbook.MustDate(2025, 9, 15) || r.Start.Pos != pos(4, 9) {
		t.Errorf("start = %+v", r.Start)
	}
	if r.EOL.V != handbook.MustDate(2026, 12, 28) || r.EOL.Pos != pos(7, 7) {
		t.Errorf("eol (a string date) = %+v", r.EOL)
	}
	if len(r.Holidays) != 2 || r.Holidays[0].V != handbook.MustDate(2025, 11, 27) || r.Holidays[1].V != handbook.MustDate(2025, 11, 28) || r.Holidays[1].Pos != pos(9, 25) {
		t.Errorf("holidays = %+v", r.Holidays)
	}
	if r.Summary.V != "The \"World Tree\" release.\nDeadlines are AoE.\n" {
		t.Errorf("summary = %q", r.Summary.V)
	}
	if r.Codename.V != "Timbernetes" || r.Timezone.V != "America/Los_Angeles" || r.Status.V != "active" || r.DueWeekday.V != "Friday" {
		t.Errorf("release = %+v", r)
	}

	var ids []string
	for _, m := range r.Milestones {
		ids = append(ids, m.ID)
	}
	if want := []string{"enhancements-freeze", "code-freeze", "kubecon", "release"}; !slices.Equal(ids, want) {
		t.Errorf("milestones in file order = %v, want %v", ids, want)
	}
	ef := r.Milestones[0]
	if ef.Pos != pos(15, 1) || ef.Date.V != handbook.MustDate(2025, 10, 16) || ef.Date.Pos != pos(17, 8) || ef.Time.V != "AoE" || ef.Kind.V != "freeze" || !ef.Key.V {
		t.Errorf("enhancements-freeze = %+v", ef)
	}
	if len(ef.Owner) != 2 || ef.Owner[1].V != "release-lead" || ef.Owner[1].Pos != pos(21, 26) {
		t.Errorf("owner = %+v", ef.Owner)
	}
	cf := r.Milestones[1]
	if cf.At.V != "enhancements-freeze + 3w" || cf.At.Pos != pos(26, 6) || cf.Date.Set {
		t.Errorf("code-freeze at = %+v", cf.At)
	}
	wantWas := []handbook.Slip{
		{Date: handbook.MustDate(2025, 10, 30)},
		{Date: handbook.MustDate(2025, 10, 31), Changed: handbook.MustDate(2025, 10, 1), Note: "one more day"},
	}
	var gotWas []handbook.Slip
	for _, w := range cf.Was {
		gotWas = append(gotWas, handbook.Slip{Date: w.Date.V, Changed: w.Changed.V, Note: w.Note.V})
	}
	if !slices.Equal(gotWas, wantWas) {
		t.Errorf("was = %+v, want %+v", gotWas, wantWas)
	}
	if cf.Was[1].Date.Pos != pos(28, 29) {
		t.Errorf("was[1].date at %s", cf.Was[1].Date.Pos)
	}
	kc := r.Milestones[2]
	// A TOML date in an expression field becomes its text; the position is
	// one column before the value, so that "after the opening quote"
	// arithmetic lands on the value.
	if kc.End.V != "2025-11-13" || kc.End.Pos != pos(34, 6) {
		t.Errorf("kubecon end = %+v", kc.End)
	}

	if len(r.Phases) != 1 || r.Phases[0].From.V != "week 10" || r.Phases[0].To.Pos != pos(42, 6) {
		t.Errorf("phases = %+v", r.Phases)
	}
	if len(r.Meetings) != 1 {
		t.Fatalf("meetings = %+v", r.Meetings)
	}
	mt := r.Meetings[0]
	var on []string
	for _, d := range mt.On {
		on = append(on, d.V)
	}
	if mt.Pos != pos(45, 1) || mt.Every.V != "week" || !slices.Equal(on, []string{"Monday", "Wednesday", "Friday"}) ||
		mt.Time.V != "10:00" || mt.Duration.V != "1h" || mt.Until.V != "release" || len(mt.Skip) != 1 ||
		mt.Skip[0].V != handbook.MustDate(2025, 11, 28) || mt.URL.V == "" || len(mt.Roles) != 1 {
		t.Errorf("meeting = %+v", mt)
	}
	var team []string
	for _, e := range r.Team {
		var people []string
		for _, p := range e.People {
			people = append(people, p.V)
		}
		team = append(team, e.Role+"="+strings.Join(people, ","))
	}
	// [team] in file order.
	if want := []string{"release-lead=Drew Hagen (@drewhagen)", "release-lead-shadow=A (@a),B (@b)", "enhancements=C (@c)"}; !slices.Equal(team, want) {
		t.Errorf("team = %v, want %v", team, want)
	}
	if r.Team[2].Pos != pos(61, 1) {
		t.Errorf("team enhancements at %s", r.Team[2].Pos)
	}
}

func TestReadSettings(t *testing.T) {
	hb := `title = "Kubernetes Release Team Handbook"
description = "How SIG Release ships Kubernetes."
base_url = "https://handbook.example.org/k8s/"
timezone = "America/Los_Angeles"
language = "en"
current = "v1.35"
edit_url = "https://github.com/example/handbook/edit/main/content/{path}"
theme = "default"
unsafe_html = true
uid_domain = "k8s.example.org"
updated = 2025-12-17T18:30:00-08:00
holidays = [2025-12-25, "2026-01-01"]
`
	src, diags := load.Read(rwFS(map[string]string{"handbook.toml": hb}))
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%s", strings.Join(rwDiags(diags), "\n"))
	}
	s := src.Settings
	if s.Path != "handbook.toml" || s.Title.V != "Kubernetes Release Team Handbook" || s.Current.V != "v1.35" || !s.UnsafeHTML.V || s.UIDDomain.V != "k8s.example.org" {
		t.Errorf("settings = %+v", s)
	}
	// An offset date-time is an instant: 18:30 PST is 02:30 UTC the next day.
	if want := time.Date(2025, 12, 18, 2, 30, 0, 0, time.UTC); !s.Updated.V.Equal(want) || s.Updated.V.Location() != time.UTC {
		t.Errorf("updated = %v, want %v", s.Updated.V, want)
	}
	if len(s.Holidays) != 2 || s.Holidays[1].V != handbook.MustDate(2026, 1, 1) {
		t.Errorf("holidays = %+v", s.Holidays)
	}
	if len(src.Releases) != 0 {
		t.Errorf("releases = %v", src.Releases)
	}

	// `updated` as a plain date means midnight UTC.
	src, _ = load.Read(rwFS(map[string]string{"handbook.toml": "updated = 2025-12-17\n"}))
	if want := time.Date(2025, 12, 17, 0, 0, 0, 0, time.UTC); !src.Settings.Updated.V.Equal(want) {
		t.Errorf("updated (date) = %v", src.Settings.Updated.V)
	}
}

func TestReadDiagnostics(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "no handbook.toml",
			files: map[string]string{"handbook.toml": ""},
			want:  nil,
		},
		{
			// SPEC §1: "a misspelt `dat =` must not be silently ignored".
			name: "unknown key",
			files: map[string]string{"releases/v1.toml": `name = "v1"
start = 2026-10-05

[milestone.release]
dat = 2027-01-13
`},
			want: []string{`releases/v1.toml:5:1: unknown key "dat" in [milestone.release]; did you mean "date"?`},
		},
		{
			name: "unknown keys everywhere",
			files: map[string]string{
				"handbook.toml": "title = \"T\"\ntimezon = \"UTC\"\n",
				"releases/v1.toml": `name = "v1"
start = 2026-10-05
  colour = "blue"

[milestone.release]
date = 2027-01-13
was = [{ date = 2027-01-06, chagned = 2026-12-01 }]

[phase.p]
from = "start"
to = "release"
too = "release"

[meeting.m]
every = "week"
on = ["Monday"]
time = "10:00"
tiemzone = "UTC"
`,
			},
			want: []string{
				`handbook.toml:2:1: unknown key "timezon" in the top level; did you mean "timezone"?`,
				`releases/v1.toml:3:3: unknown key "colour" in the top level`,
				`releases/v1.toml:7:29: unknown key "chagned" in [milestone.release.was.0]; did you mean "changed"?`,
				`releases/v1.toml:12:1: unknown key "too" in [phase.p]; did you mean "to"?`,
				`releases/v1.toml:18:1: unknown key "tiemzone" in [meeting.m]; did you mean "timezone"?`,
			},
		},
		{
			// A misspelt table header is an unknown key too, reported on
			// the header's line.
			name: "misspelt table",
			files: map[string]string{"releases/v1.toml": `name = "v1"
start = 2026-10-05

[milestones.code-freeze]
date = 2026-11-12

[milestone.release]
date = 2027-01-13
`},
			want: []string{`releases/v1.toml:4:1: unknown key "milestones" in the top level; did you mean "milestone"?`},
		},
		{
			name: "impossible string date",
			files: map[string]string{"releases/v1.toml": `name = "v1"
start = "2026-02-30"

[milestone.release]
date = 2027-01-13
`},
			want: []string{`releases/v1.toml:2:9: start: 2026-02-30 is not a date: February 2026 has 28 days`},
		},
		{
			// SPEC §1: "a date-time with an offset where a date is expected is
			// an error".
			name: "date-times where dates belong",
			files: map[string]string{"releases/v1.toml": `name = "v1"
start = 2026-10-05T00:00:00Z
eol = 2027-10-13T00:00:00

[milestone.release]
date = 2027-01-13T10:00:00+01:00
at = 2027-01-13T10:00:00Z
`},
			want: []string{
				`releases/v1.toml:2:9: start: expected a date (YYYY-MM-DD), found a date-time with an offset; relbook keeps dates as plain days`,
				"releases/v1.toml:3:7: eol: expected a date (YYYY-MM-DD), found a date and time; put the time in `time`",
				`releases/v1.toml:6:8: date: expected a date (YYYY-MM-DD), found a date-time with an offset; relbook keeps dates as plain days`,
				`releases/v1.toml:7:6: at: expected a date (YYYY-MM-DD), found a date-time with an offset; relbook keeps dates as plain days`,
			},
		},
		{
			name: "wrong types",
			files: map[string]string{"releases/v1.toml": `name = 135
start = 2026-10-05
holidays = 2026-11-26

[milestone.release]
date = 2027-01-13
key = "yes"
owner = "release-lead"
at = 3
was = [2026-12-01, "soon"]
`},
			want: []string{
				`releases/v1.toml:1:8: name must be a string, not a number`,
				`releases/v1.toml:3:12: holidays must be a list in brackets, not a date`,
				`releases/v1.toml:7:7: key must be true or false, not a string`,
				`releases/v1.toml:8:9: owner must be a list in brackets, not a string`,
				`releases/v1.toml:9:6: at must be a date expression in quotes, not a number`,
				`releases/v1.toml:10:20: was: "soon" is not a date: write it as YYYY-MM-DD`,
			},
		},
		{
			name: "bad ids",
			files: map[string]string{"releases/v1.toml": `name = "v1"
start = 2026-10-05

[milestone.start]
date = 2026-10-05

[milestone.week]
date = 2026-10-05

[milestone."2026-10-29"]
date = 2026-10-29

[milestone.Code-Freeze]
date = 2026-11-12

[phase."R-5"]
from = "start"
to = "release"

[milestone.release]
date = 2027-01-13

[team]
"Release Lead" = ["Ada"]
`},
			want: []string{
				`releases/v1.toml:4:1: milestone id "start" is reserved: "start" is a keyword of date expressions`,
				`releases/v1.toml:7:1: milestone id "week" is reserved: "week" is a keyword of date expressions`,
				`releases/v1.toml:10:1: milestone id "2026-10-29" is reserved: "2026-10-29" is shaped like a date`,
				`releases/v1.toml:13:1: milestone id "Code-Freeze" must be lower-case letters, digits and '-', starting with a letter or digit`,
				`releases/v1.toml:16:1: phase id "R-5" must be lower-case letters, digits and '-', starting with a letter or digit`,
				`releases/v1.toml:24:1: role id "Release Lead" must be lower-case letters, digits and '-'`,
			},
		},
		{
			// SPEC §1: release ids [A-Za-z0-9][A-Za-z0-9.-]* without "..",
			// unique ignoring case.
			name: "release file names",
			files: map[string]string{
				"releases/2025.1.toml":  "name = \"Epoxy\"\nstart = 2024-10-02\n\n[milestone.release]\ndate = 2025-04-02\n",
				"releases/V1.35.toml":   "name = \"a\"\nstart = 2025-09-15\n",
				"releases/v1.35.toml":   "name = \"b\"\nstart = 2025-09-15\n",
				"releases/v1..2.toml":   "name = \"c\"\n",
				"releases/-rc.toml":     "name = \"d\"\n",
				"releases/notes.md":     "# notes\n",
				"releases/old/x.toml":   "name = \"e\"\n",
				"releases/v1_36.toml":   "name = \"f\"\n",
				"releases/.hidden.toml": "name = \"g\"\n",
			},
			want: []string{
				`releases/-rc.toml:1:1: release id "-rc" (from the file name) must start with a letter or digit and hold only letters, digits, '.' and '-' (no "..")`,
				`releases/.hidden.toml:1:1: release id ".hidden" (from the file name) must start with a letter or digit and hold only letters, digits, '.' and '-' (no "..")`,
				`releases/notes.md:1:1: warning: ignored: releases/ holds only <id>.toml files [ignored-file]`,
				`releases/old:1:1: warning: ignored: releases/ holds only <id>.toml files [ignored-file]`,
				`releases/v1..2.toml:1:1: release id "v1..2" (from the file name) must start with a letter or digit and hold only letters, digits, '.' and '-' (no "..")`,
				`releases/v1.35.toml:1:1: release id "v1.35" differs from releases/V1.35.toml only in case; ids must stay distinct on case-insensitive disks`,
				`releases/v1_36.toml:1:1: release id "v1_36" (from the file name) must start with a letter or digit and hold only letters, digits, '.' and '-' (no "..")`,
			},
		},
		{
			name: "was table without a date",
			files: map[string]string{"releases/v1.toml": `name = "v1"
start = 2026-10-05

[milestone.release]
date = 2027-01-13
was = [{ note = "forgot the date" }]
`},
			want: []string{`releases/v1.toml:6:8: each table in was needs a date: { date = 2026-11-12, note = "why" }`},
		},
		{
			name: "TOML syntax error",
			files: map[string]string{"releases/v1.toml": `name = "v1"
start = 2026-10-05
[milestone.release
`},
			// The parser stops at the newline that ends line 3 (column 19);
			// line 4 is empty.
			want: []string{`releases/v1.toml:3:19: expected '.' or ']' to end table name, but got '\n' instead`},
		},
		{
			name: "key written twice",
			files: map[string]string{"releases/v1.toml": `name = "v1"
start = 2026-10-05

[milestone.release]
date = 2027-01-13
date = 2027-01-20
`},
			want: []string{`releases/v1.toml:6:1: "milestone.release.date" is defined twice: write each key, and each [table], once`},
		},
		{
			name:  "not UTF-8",
			files: map[string]string{"releases/v1.toml": "name = \"v1\"\nstart = 2026-10-05\ncodename = \"caf\xe9\"\n"},
			want:  []string{`releases/v1.toml:3:16: the file is not valid UTF-8 text`},
		},
		{
			name:  "NUL byte",
			files: map[string]string{"releases/v1.toml": "name = \"v1\"\x00\n"},
			want:  []string{`releases/v1.toml:1:12: the file holds a NUL byte; is it a binary file?`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := rwFS(tt.files)
			if tt.name == "no handbook.toml" {
				delete(fsys, "handbook.toml")
				tt.want = []string{`handbook.toml:1:1: no handbook.toml: a site folder starts with one (see docs/format.md)`}
			}
			_, diags := load.Read(fsys)
			if got := rwDiags(diags); !slices.Equal(got, tt.want) {
				t.Errorf("diagnostics\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// SPEC §1: dates are TOML local dates; 2026-02-30 does not exist. The TOML
// parser rejects it, and relbook must say so at the value, in words a
// handbook author understands (as it does for the string "2026-02-30").
func TestReadImpossibleTOMLDate(t *testing.T) {
	tests := []struct{ file, pos, value string }{
		{"name = \"v1\"\nstart = 2026-02-30\n", "releases/v1.toml:2:9", "2026-02-30"},
		{"name = \"v1\"\nstart = 2026-10-05\n\n[milestone.release]\ndate = 2027-02-29\n", "releases/v1.toml:5:8", "2027-02-29"},
		{"name = \"v1\"\nstart = 2026-10-05\nholidays = [2026-11-26, 2026-11-31]\n", "releases/v1.toml:3:25", "2026-11-31"},
		{"name = \"v1\"\nstart = 2026-13-01\n", "releases/v1.toml:2:9", "2026-13-01"},
	}
	for _, tt := range tests {
		_, diags := load.Read(rwFS(map[string]string{"releases/v1.toml": tt.file}))
		if len(diags) != 1 {
			t.Errorf("%q: diagnostics %q, want one", tt.file, rwDiags(diags))
			continue
		}
		d := diags[0]
		if d.Pos.String() != tt.pos {
			t.Errorf("%s reported at %s, want %s", tt.value, d.Pos, tt.pos)
		}
		// "not a date" is what ParseDate and the load package's own
		// rewording (tomlMessage) say; BurntSushi alone says "invalid
		// datetime".
		if !strings.Contains(d.Message, tt.value) || !strings.Contains(d.Message, "not a date") {
			t.Errorf("%s: message %q does not say that the date does not exist", tt.value, d.Message)
		}
	}
}

// Files written on Windows (CRLF, a byte-order mark) read the same, and
// report the same lines.
func TestReadCRLFAndBOM(t *testing.T) {
	text := "\xef\xbb\xbfname = \"v1\"\r\nstart = 2026-10-05\r\n\r\n[milestone.release]\r\ndat = 2027-01-13\r\n"
	src, diags := load.Read(rwFS(map[string]string{"releases/v1.toml": text}))
	if got, want := rwDiags(diags), []string{`releases/v1.toml:5:1: unknown key "dat" in [milestone.release]; did you mean "date"?`}; !slices.Equal(got, want) {
		t.Errorf("diagnostics\n got %q\nwant %q", got, want)
	}
	if len(src.Releases) != 1 || src.Releases[0].Name.V != "v1" || src.Releases[0].Start.Pos != (diag.Pos{Path: "releases/v1.toml", Line: 2, Col: 9}) {
		t.Errorf("release = %+v", src.Releases)
	}
}

// Positions after multi-line strings, inline tables and arrays of tables
// still point at the right line.
func TestReadPositionsAfterTrickyValues(t *testing.T) {
	text := `name = "v1"
start = 2026-10-05
summary = """
A summary with "quotes", a ""double"" and [brackets] = signs.
"""
codename = '''
literal 'quoted' text'''

[milestone.code-freeze]
date = 2026-11-12
description = "has # a hash and \" an escaped quote"
owner = [
  "branch-manager", # a comment
  "release-lead",
]
kinnd = "freeze"

[[milestone.code-freeze.was]]
date = 2026-11-05
nte = "typo"

[milestone.release]
date = 2027-01-13
`
	src, diags := load.Read(rwFS(map[string]string{"releases/v1.toml": text}))
	want := []string{
		`releases/v1.toml:16:1: unknown key "kinnd" in [milestone.code-freeze]; did you mean "kind"?`,
		`releases/v1.toml:20:1: unknown key "nte" in [milestone.code-freeze.was.0]; did you mean "note"?`,
	}
	if got := rwDiags(diags); !slices.Equal(got, want) {
		t.Errorf("diagnostics\n got %q\nwant %q", got, want)
	}
	cf := src.Releases[0].Milestones[0]
	if len(cf.Owner) != 2 || cf.Owner[1].Pos != (diag.Pos{Path: "releases/v1.toml", Line: 14, Col: 3}) {
		t.Errorf("owner = %+v", cf.Owner)
	}
	if len(cf.Was) != 1 || cf.Was[0].Date.V != handbook.MustDate(2026, 11, 5) || cf.Was[0].Date.Pos != (diag.Pos{Path: "releases/v1.toml", Line: 19, Col: 8}) {
		t.Errorf("was = %+v", cf.Was)
	}
}

// FuzzReadRelease: whatever bytes a release file holds, loading and
// resolving it never panics and never hangs.
func FuzzReadRelease(f *testing.F) {
	f.Add([]byte(rwK135))
	f.Add([]byte("name = \"v1\"\nstart = 2026-10-05\n\n[milestone.release]\ndate = 2027-01-13\n"))
	f.Add([]byte("name = \"v1\"\nstart = 2026-02-30\n"))
	f.Add([]byte("[milestone.a]\nat = \"b\"\n[milestone.b]\nat = \"a\"\n[milestone.release]\nat = \"R-1\"\n"))
	f.Add([]byte("start = 1900-01-01\n[milestone.release]\nat = \"week -9999 - 99999bd\"\n[meeting.m]\nevery = \"weekday\"\ntime = \"02:30\"\nfrom = \"R+9999\"\n"))
	f.Add([]byte("name = \"x\"\nstart = 9999-12-27\n[milestone.release]\nat = \"start + 99999bd\"\n[phase.p]\nfrom = \"week 9999\"\nto = \"R-9999\"\n"))
	f.Add([]byte("\xef\xbb\xbfname = \"v1\"\r\n[[milestone.x.was]]\r\ndate = 2026-01-01\r\n"))
	f.Add([]byte("a = \"\"\"\n\\\"\"\"\"\n[team]\n\"x y\" = [1]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"handbook.toml":    &fstest.MapFile{Data: []byte(rwHandbook + "holidays = [2026-12-25]\n")},
			"releases/x.toml":  &fstest.MapFile{Data: data},
			"releases/v2.toml": &fstest.MapFile{Data: []byte("name = \"v2\"\nstart = 2027-01-04\n\n[milestone.release]\ndate = 2027-04-14\n")},
		}
		src, diags := load.Read(fsys)
		for _, d := range diags {
			if d.Pos.Path == "" {
				t.Fatalf("diagnostic without a file: %s", d)
			}
		}
		h, more := resolve.Handbook(src, resolve.Options{Today: handbook.MustDate(2026, 11, 21)})
		if h == nil {
			t.Fatal("nil handbook")
		}
		for _, d := range more {
			if d.Pos.Path == "" {
				t.Fatalf("diagnostic without a file: %s", d)
			}
		}
		for _, r := range h.Releases {
			for _, m := range r.Milestones {
				_ = m.When()
				if !m.Date.InRange() || !m.End.InRange() {
					t.Fatalf("%s: milestone %s resolved to %s .. %s, outside 1900–9999 without an error", r.ID, m.ID, m.Date, m.End)
				}
			}
			for _, m := range r.Meetings {
				_ = m.Describe()
			}
		}
	})
}

// Tables can be written with dotted keys or inline tables instead of
// [headers]; problems in them still point at the line that wrote them.
func TestReadDottedAndInlineTables(t *testing.T) {
	text := `name = "v1"
start = 2026-10-05
milestone.release.date = 2027-01-13
milestone.Code-Freeze.date = 2026-11-12
milestone.alpha = { date = 2026-10-20, knd = "prerelease" }

[phase]
burndown = { from = "code-freeze", to = "release", form = "x" }
`
	src, diags := load.Read(rwFS(map[string]string{"releases/v1.toml": text}))
	want := []string{
		`releases/v1.toml:4:1: milestone id "Code-Freeze" must be lower-case letters, digits and '-', starting with a letter or digit`,
		`releases/v1.toml:5:40: unknown key "knd" in [milestone.alpha]; did you mean "kind"?`,
		`releases/v1.toml:8:52: unknown key "form" in [phase.burndown]; did you mean "from"?`,
	}
	if got := rwDiags(diags); !slices.Equal(got, want) {
		t.Errorf("diagnostics\n got %q\nwant %q", got, want)
	}
	if len(src.Releases) != 1 {
		t.Fatal("release not read")
	}
	var ids []string
	for _, m := range src.Releases[0].Milestones {
		ids = append(ids, m.ID+"@"+m.Pos.String())
	}
	if want := []string{"release@releases/v1.toml:3:1", "alpha@releases/v1.toml:5:1"}; !slices.Equal(ids, want) {
		t.Errorf("milestones %v, want %v", ids, want)
	}
}

// TestReadThemeNames: a theme is a folder name. Names written before the
// rule existed, underscores included, stay valid; a name that climbs out of
// themes/ or starts with a separator is an error at the value.
func TestReadThemeNames(t *testing.T) {
	for name, wantErr := range map[string]bool{
		"my_theme": false, "dark.v2": false, "k8s-site": false,
		"..": true, "_hidden": true, "a/b": true, "a..b": true,
	} {
		fsys := rwFS(map[string]string{"handbook.toml": "theme = \"" + name + "\"\n"})
		fsys["themes/"+name+"/templates/base.html"] = &fstest.MapFile{Data: []byte("x")}
		_, diags := load.Read(fsys)
		if got := len(diags) > 0; got != wantErr {
			t.Errorf("theme %q: diagnostics %v, want an error: %v", name, rwDiags(diags), wantErr)
		}
	}
}
