package scaffold

import (
	"fmt"
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/relbook/relbook/content"
	"github.com/relbook/relbook/generator/handbook"
)

func mustRelease(t *testing.T, prev string, req ReleaseRequest) *NewRelease {
	t.Helper()
	res, err := Release(prev, req)
	if err != nil {
		t.Fatalf("Release: %v", err)
	}
	return res
}

// body drops the header comment Release puts at the top.
func body(text string) string {
	lines := strings.SplitAfter(text, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			return strings.Join(lines[i+1:], "")
		}
	}
	return text
}

func req(start string) ReleaseRequest {
	d, err := handbook.ParseDate(start)
	if err != nil {
		panic(err)
	}
	return ReleaseRequest{PrevID: "v1", ID: "v2", Start: d}
}

// Each case is a whole release file and what the rewrite must make of it
// (without the header comment), shifted by four weeks.
func TestReleaseRewrites(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{
			name: "local dates and comments",
			in: `# The first cycle.
name = "v1" # display name
start = 2026-10-05   # a Monday
eol = 2027-10-13
holidays = [2026-11-26, 2026-11-27] # Thanksgiving

[milestone.release]
date = 2026-12-02 # ship it
`,
			want: `# The first cycle.
name = "v2" # display name
start = 2026-11-02   # a Monday
eol = 2027-11-10
holidays = [2026-12-24, 2026-12-25] # Thanksgiving

[milestone.release]
date = 2026-12-30 # ship it
`,
		},
		{
			name: "date strings in date keys, prose left alone",
			in: `name = "Project v1"
start = "2026-10-05"
summary = "Started 2026-10-05; see v1 notes."

[milestone.release]
date = "2026-12-02"
description = 'ships 2026-12-02'
`,
			want: `name = "Project v2"
start = "2026-11-02"
summary = "Started 2026-10-05; see v1 notes."

[milestone.release]
date = "2026-12-30"
description = 'ships 2026-12-02'
`,
		},
		{
			name: "expressions keep relative parts and move date anchors",
			in: `name = "v1"
start = 2026-10-05

[milestone.freeze]
at = "2026-11-02 + 1w"

[milestone.quiet]
at = "2026-12-21 .. 2027-01-01"
kind = "event"

[milestone.slush]
at = "freeze - 3bd"

[milestone.week]
at = "week 3"
end = "week 4"

[milestone.release]
at = "R-0"

[phase.dev]
from = "start"
to = "2026-11-30"

[meeting.team]
every = "week"
on = ["Monday"]
time = "10:00"
from = "2026-10-12"
until = "freeze - 1d"
skip = ["2026-10-19", 2026-10-26]
`,
			want: `name = "v2"
start = 2026-11-02

[milestone.freeze]
at = "2026-11-30 + 1w"

[milestone.quiet]
at = "2027-01-18 .. 2027-01-29"
kind = "event"

[milestone.slush]
at = "freeze - 3bd"

[milestone.week]
at = "week 3"
end = "week 4"

[milestone.release]
at = "R-0"

[phase.dev]
from = "start"
to = "2026-12-28"

[meeting.team]
every = "week"
on = ["Monday"]
time = "10:00"
from = "2026-11-09"
until = "freeze - 1d"
skip = ["2026-11-16", 2026-11-23]
`,
		},
		{
			name: "slip history, status and team are cleared",
			in: `name = "v1"
start = 2026-10-05
status = "released"   # shipped

[milestone.freeze]
date = 2026-11-05
# Why it moved:
was = [2026-10-29, { date = 2026-11-01, changed = 2026-10-20, note = "vote" }] # history
note = """
Moved twice.
"""
key = true

[milestone.release]
date = 2026-12-02
was = [
  2026-11-25, # first plan
  2026-11-27,
]
note = 'held for a fix' # why

[team]
lead = ["Ada (@ada)"]   # the lead
lead-shadow = [
  "Lin (@lin)",
  "Sam (@sam)",
]
docs = []
`,
			want: `name = "v2"
start = 2026-11-02

[milestone.freeze]
date = 2026-12-03
# Why it moved:
key = true

[milestone.release]
date = 2026-12-30

[team]
lead = []   # the lead
lead-shadow = []
docs = []
`,
		},
		{
			name: "inline tables, dotted and quoted keys",
			in: `name = "v1"
start = 2026-10-05
team = { lead = ["Ada"], docs = ["Bo"] }

[milestone]
freeze = { date = 2026-11-05, was = [2026-10-29], key = true }
slush = { date = 2026-11-01, note = "n" }
alpha = { note = "n", date = 2026-10-20 }
release.date = 2026-12-02
release."note" = "why"
"beta".date = 2026-11-10
`,
			want: `name = "v2"
start = 2026-11-02
team = { lead = [], docs = [] }

[milestone]
freeze = { date = 2026-12-03, key = true }
slush = { date = 2026-11-29 }
alpha = { date = 2026-11-17 }
release.date = 2026-12-30
"beta".date = 2026-12-08
`,
		},
		{
			name: "was as an array of tables",
			in: `name = "v1"
start = 2026-10-05

[milestone.freeze]
date = 2026-11-05

[[milestone.freeze.was]]
date = 2026-10-29
note = "first"

[[milestone.freeze.was]]
date = 2026-11-01

# The release.
[milestone.release]
date = 2026-12-02
`,
			want: `name = "v2"
start = 2026-11-02

[milestone.freeze]
date = 2026-12-03



# The release.
[milestone.release]
date = 2026-12-30
`,
		},
		{
			name: "strings that look like TOML are text",
			in: `name = "v1"
start = 2026-10-05
summary = """
name = "v1"
date = 2026-10-05
[milestone.fake]
was = [2026-01-01]
""" # not a table
codename = 'C:\\path'
note2 = '''
start = 2026-10-05 '''

[milestone.release]
date = 2026-12-02
description = "say \"date = 2026-12-02\" # not a comment"
url = "https://example.org/#v1"
`,
			want: `name = "v2"
start = 2026-11-02
summary = """
name = "v1"
date = 2026-10-05
[milestone.fake]
was = [2026-01-01]
""" # not a table
codename = 'C:\\path'
note2 = '''
start = 2026-10-05 '''

[milestone.release]
date = 2026-12-30
description = "say \"date = 2026-12-02\" # not a comment"
url = "https://example.org/#v1"
`,
		},
		{
			name: "names carry the new id where it stands alone",
			in: `name = "Lighthouse v1 (v10 was later)"
start = 2026-10-05

[milestone.alpha]
name = "v1.0.0-alpha.0"
date = 2026-10-13

[milestone.release]
name = "v1 released: xv1, v1x, v1.0"
date = 2026-12-02
`,
			want: `name = "Lighthouse v2 (v10 was later)"
start = 2026-11-02

[milestone.alpha]
name = "v2.0.0-alpha.0"
date = 2026-11-10

[milestone.release]
name = "v2 released: xv1, v1x, v2.0"
date = 2026-12-30
`,
		},
		{
			name: "date-times and CRLF line endings",
			in:   "name = \"v1\"\r\nstart = 2026-10-05\r\nstatus = \"active\"\r\nother = 2026-10-05T10:00:00Z\r\nspaced = 2026-10-05 10:00:00\r\n\r\n[milestone.release]\r\ndate = 2026-12-02\r\n",
			want: "name = \"v2\"\r\nstart = 2026-11-02\r\nother = 2026-11-02T10:00:00Z\r\nspaced = 2026-11-02 10:00:00\r\n\r\n[milestone.release]\r\ndate = 2026-12-30\r\n",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := mustRelease(t, c.in, req("2026-11-02"))
			if got := body(res.Text); got != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
			}
			if res.Shift != 28 || !res.WholeWeeks() {
				t.Errorf("shift %d, whole weeks %v; want 28, true", res.Shift, res.WholeWeeks())
			}
		})
	}
}

// The slip history goes from a milestone written as an inline table
// whatever its neighbours: the commas left separate what is left. A
// table that ends with both note and was once cut one comma twice
// ("internal error: overlapping edits").
func TestReleaseInlineSlips(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{ // as reported
			`a = { name = "A", date = 2026-10-14, note = "m", was = [2026-10-13] }`,
			`a = { name = "A", date = 2026-11-11 }`,
		},
		{ // was before note, at the end
			`a = { name = "A", date = 2026-10-14, was = [2026-10-13], note = "m" }`,
			`a = { name = "A", date = 2026-11-11 }`,
		},
		{ // both first
			`a = { note = "m", was = [2026-10-13], name = "A", date = 2026-10-14 }`,
			`a = { name = "A", date = 2026-11-11 }`,
		},
		{ // apart
			`a = { note = "m", date = 2026-10-14, was = [2026-10-13] }`,
			`a = { date = 2026-11-11 }`,
		},
		{ // between two that stay
			`a = { date = 2026-10-14, was = [2026-10-13], note = "m", key = true }`,
			`a = { date = 2026-11-11, key = true }`,
		},
		{`a = { date = 2026-10-14, was = [2026-10-13] }`, `a = { date = 2026-11-11 }`},
		{`a = { note = "m", date = 2026-10-14 }`, `a = { date = 2026-11-11 }`},
		{`a = { was = [2026-10-13] }`, `a = {  }`},
		{`a = { note = "m", was = [2026-10-13] }`, `a = {  }`},
		{ // no blanks
			`a={date=2026-10-14,note="m",was=[2026-10-13]}`,
			`a={date=2026-11-11}`,
		},
		{ // was entries that are inline tables with notes of their own
			`a = { date = 2026-10-14, was = [{ date = 2026-10-10, note = "x" }, { date = 2026-10-12, changed = 2026-10-01, note = "y" }], note = "m" }`,
			`a = { date = 2026-11-11 }`,
		},
		{ // an array over several lines inside the table
			"a = { date = 2026-10-14, was = [\n  2026-10-13, # first\n], note = \"m\", key = true }",
			`a = { date = 2026-11-11, key = true }`,
		},
	} {
		in := "name = \"v1\"\nstart = 2026-10-14\n\n[milestone]\n" + c.in + "\n"
		res, err := Release(in, req("2026-11-11"))
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		want := "name = \"v2\"\nstart = 2026-11-11\n\n[milestone]\n" + c.want + "\n"
		if got := body(res.Text); got != want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", c.in, got, want)
		}
	}

	// Milestones as inline tables in an inline table: each table's
	// commas are its own.
	in := "start = 2026-10-14\nmilestone = { a = { note = \"m\", date = 2026-10-14, was = [2026-10-13] }, b = { date = 2026-10-20, was = [2026-10-19], note = \"n\" } }\n"
	want := "start = 2026-11-11\nmilestone = { a = { date = 2026-11-11 }, b = { date = 2026-11-17 } }\n"
	if got := body(mustRelease(t, in, req("2026-11-11")).Text); got != want {
		t.Errorf("nested inline milestones:\ngot:\n%s\nwant:\n%s", got, want)
	}
}

// Every order of a milestone's keys in an inline table, with and without
// blanks: the rewrite keeps the keys that are not slip history, with the
// date moved, and drops note and was.
func TestReleaseInlineSlipOrders(t *testing.T) {
	pairs := map[string]string{
		"name": `"A"`, "date": "2026-10-14", "note": `"m"`, "was": "[2026-10-13, { date = 2026-10-12, note = \"n\" }]", "key": "true",
	}
	var orders [][]string
	var permute func(done, rest []string)
	permute = func(done, rest []string) {
		if len(rest) == 0 {
			orders = append(orders, done)
			return
		}
		for i := range rest {
			next := append(append([]string{}, rest[:i]...), rest[i+1:]...)
			permute(append(append([]string{}, done...), rest[i]), next)
		}
	}
	permute(nil, []string{"name", "date", "note", "was", "key"})
	for _, order := range orders {
		for _, sep := range []struct{ eq, comma string }{{" = ", ", "}, {"=", ","}} {
			var kv []string
			for _, k := range order {
				kv = append(kv, k+sep.eq+pairs[k])
			}
			in := "name = \"v1\"\nstart = 2026-10-14\n\n[milestone]\na = { " + strings.Join(kv, sep.comma) + " }\n"
			res, err := Release(in, req("2026-11-11"))
			if err != nil {
				t.Errorf("%s: %v", in, err)
				continue
			}
			var got struct{ Milestone map[string]map[string]any }
			if _, err := toml.Decode(res.Text, &got); err != nil {
				t.Fatalf("%s: output does not parse: %v", in, err)
			}
			a := got.Milestone["a"]
			date, _ := a["date"].(time.Time)
			if len(a) != 3 || a["name"] != "A" || a["key"] != true || date.Format(time.DateOnly) != "2026-11-11" {
				t.Errorf("%s: milestone a became %v, want name, key and the date moved", in, a)
			}
		}
	}
}

func TestReleaseHeaderComment(t *testing.T) {
	in := "name = \"v1\"\nstart = 2026-10-05\n\n[milestone.release]\ndate = 2026-12-02\n"
	res := mustRelease(t, in, req("2026-10-07"))
	if res.WholeWeeks() || res.Shift != 2 {
		t.Errorf("shift %d, whole weeks %v; want 2, false", res.Shift, res.WholeWeeks())
	}
	for _, want := range []string{
		"# Made by `relbook new release v2 --from v1 --start 2026-10-07`:\n",
		"# dates shifted by 2 days from v1 (weekdays CHANGE: check every date);\n",
		"Review the holidays, the events and the\n# release date",
	} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("header lacks %q:\n%s", want, res.Text)
		}
	}
	if !strings.HasPrefix(res.Text, "# Made by") || !strings.HasPrefix(body(res.Text), "name = \"v2\"\nstart = 2026-10-07\n") {
		t.Errorf("the header must come first, then the file:\n%s", res.Text)
	}
	bom := mustRelease(t, "\ufeff"+in, req("2026-10-12"))
	if !strings.HasPrefix(bom.Text, "\ufeff# Made by") {
		t.Errorf("the comment must follow a byte-order mark: %q", bom.Text[:20])
	}
}

func TestDescribeShift(t *testing.T) {
	for days, want := range map[int]string{
		0: "0 days", 1: "1 day", 7: "1 week", 105: "15 weeks", 100: "100 days (14 weeks and 2 days)",
		-14: "2 weeks earlier", -3: "3 days earlier", 8: "8 days (1 week and 1 day)",
	} {
		if got := DescribeShift(days); got != want {
			t.Errorf("DescribeShift(%d) = %q, want %q", days, got, want)
		}
	}
}

func TestReleaseErrors(t *testing.T) {
	for _, c := range []struct{ in, start, want string }{
		{"name = \"v1\"\n", "2026-11-02", "no start date"},
		{"name = \"v1\"\nstart = 5\n", "2026-11-02", "start is not a date"},
		{"name = [\n", "2026-11-02", "not valid TOML"},
		{"start = 2026-10-05\nholidays = [9999-12-20]\n", "2026-11-02", "leaves the years 1900–9999"},
	} {
		_, err := Release(c.in, req(c.start))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Release(%q): error %v, want one saying %q", c.in, err, c.want)
		}
	}
}

// The review notes point at prose that still speaks of the old cycle.
func TestReleaseReview(t *testing.T) {
	in := `name = "v1"
codename = "Beacon"
start = 2026-10-05
summary = "v1 ships on 2026-12-02."

[milestone.release]
date = 2026-12-02
url = "https://example.org/v1/"
`
	res := mustRelease(t, in, req("2026-11-02"))
	var got []string
	for _, n := range res.Review {
		got = append(got, fmt.Sprintf("%d:%d:%s", n.Line, n.Col, n.Msg))
	}
	want := []string{
		`8:12:codename "Beacon" is v1's`,
		`10:24:summary mentions 2026-12-02, which was not shifted`,
		`10:12:summary still says "v1"`,
		`14:28:url still says "v1"`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("review notes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The example's releases, shifted: every value is the old one with its
// dates moved and the cleared keys gone, and every comment survives.
func TestReleaseExampleFiles(t *testing.T) {
	files, err := fs.Glob(content.FS, "releases/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no example releases: %v", err)
	}
	for _, name := range files {
		t.Run(name, func(t *testing.T) {
			data, _ := fs.ReadFile(content.FS, name)
			prev := string(data)
			var old map[string]any
			if _, err := toml.Decode(prev, &old); err != nil {
				t.Fatal(err)
			}
			start, _ := startOf(old)
			for _, shift := range []int{105, -7, 3} {
				res := mustRelease(t, prev, ReleaseRequest{PrevID: "v3.4", ID: "v9.9", Start: start.AddDays(shift)})
				var got map[string]any
				if _, err := toml.Decode(res.Text, &got); err != nil {
					t.Fatal(err)
				}
				want := expect(old, nil, shift).(map[string]any)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("shift %d: decoded values differ from the old ones shifted", shift)
					diffMaps(t, "", want, got)
				}
				for _, line := range strings.Split(prev, "\n") {
					if strings.HasPrefix(strings.TrimSpace(line), "#") && !strings.Contains(res.Text, line) {
						t.Errorf("shift %d: comment line lost: %q", shift, line)
					}
				}
			}
		})
	}
}

// expect applies the rewrite's rules to a decoded release: dates move,
// date strings in date keys move, was/note/status, the patch tables and
// the patch rule's skip go, team lists empty, names follow the id.
func expect(v any, keys []string, shift int) any {
	key := ""
	if len(keys) > 0 {
		key = keys[len(keys)-1]
	}
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			path := append(append([]string{}, keys...), k)
			switch {
			case len(path) == 1 && k == "status",
				len(path) == 3 && path[0] == "milestone" && (k == "was" || k == "note"),
				len(path) == 1 && k == "patch",
				len(path) == 2 && path[0] == "patches" && k == "skip":
				continue
			case len(path) == 2 && path[0] == "team":
				out[k] = []any{}
				continue
			}
			out[k] = expect(x, path, shift)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = expect(x, keys, shift)
		}
		return out
	case time.Time:
		return v.AddDate(0, 0, shift)
	case string:
		if key == "name" {
			return replaceID(v, "v3.4", "v9.9")
		}
		isDateKey := false
		for _, k := range dateKeys {
			isDateKey = isDateKey || k == key
		}
		if !isDateKey {
			return v
		}
		for _, off := range dateTokens(v) {
			d, err := handbook.ParseDate(v[off : off+10])
			if err == nil {
				v = v[:off] + d.AddDays(shift).String() + v[off+10:]
			}
		}
		return v
	}
	return v
}

func diffMaps(t *testing.T, path string, want, got any) {
	t.Helper()
	wm, ok1 := want.(map[string]any)
	gm, ok2 := got.(map[string]any)
	if !ok1 || !ok2 {
		if !reflect.DeepEqual(want, got) {
			t.Errorf("  %s: got %v, want %v", path, got, want)
		}
		return
	}
	for k := range wm {
		diffMaps(t, path+"."+k, wm[k], gm[k])
	}
	for k := range gm {
		if _, ok := wm[k]; !ok {
			t.Errorf("  %s.%s: unexpected %v", path, k, gm[k])
		}
	}
}

// FuzzRelease: whatever TOML a release file holds, the rewrite either
// refuses it with a reason or returns TOML — never a file that does not
// parse, and never a panic.
func FuzzRelease(f *testing.F) {
	files, _ := fs.Glob(content.FS, "releases/*.toml")
	for _, name := range files {
		data, _ := fs.ReadFile(content.FS, name)
		f.Add(string(data))
	}
	f.Add("start = 2026-10-05\nx = { a = [1, 2, { b = '''c''' }], note = 1 }\n[[milestone.a.was]]\nd = 1\n")
	f.Add("start = \"2026-10-05\"\n[team]\n\"a\".b = [\"x\"]\n")
	f.Add("start = 2026-10-05\n[milestone]\na = { name = \"A\", date = 2026-10-14, note = \"m\", was = [2026-10-13] }\n")
	f.Add("start = 2026-10-05\nmilestone.a = { was = [{ note = \"x\", date = 2026-10-01 }], note = \"m\" }\n")
	f.Fuzz(func(t *testing.T, prev string) {
		var m map[string]any
		if _, err := toml.Decode(prev, &m); err != nil {
			return
		}
		res, err := Release(prev, ReleaseRequest{PrevID: "v1", ID: "v2", Start: handbook.MustDate(2026, 11, 2)})
		if err != nil {
			if strings.Contains(err.Error(), "relbook bug") || strings.Contains(err.Error(), "internal error") {
				t.Fatalf("rewrite broke valid TOML: %v\ninput:\n%s", err, prev)
			}
			return
		}
		if _, err := toml.Decode(res.Text, &m); err != nil {
			t.Fatalf("output does not parse: %v", err)
		}
	})
}

// The next cycle keeps the support phases and the patch rule, shifted and
// renamed, and leaves behind the patches that happened and the days the
// rule skipped: shifted, they would no longer be the rule's days.
func TestReleaseLifecycle(t *testing.T) {
	in := `name = "v1"
start = 2026-01-05

[milestone.release]
date = 2026-03-04

[support.maintained]
until = 2026-12-29

[patches]
every = "month"
on = "second Tuesday"
from = 2026-04-14
until = "support.maintained"
name = "v1.{n}"
skip = [2026-08-11]

[patch.apr]
date = 2026-04-16
was = [2026-04-14]
note = "late"

[patch.oob]
date = 2026-05-01
extra = true
`
	got := body(mustRelease(t, in, req("2026-02-02")).Text)
	want := `name = "v2"
start = 2026-02-02

[milestone.release]
date = 2026-04-01

[support.maintained]
until = 2027-01-26

[patches]
every = "month"
on = "second Tuesday"
from = 2026-05-12
until = "support.maintained"
name = "v2.{n}"
`
	if got != want {
		t.Errorf("got:\n%q\nwant:\n%q", got, want)
	}
}
