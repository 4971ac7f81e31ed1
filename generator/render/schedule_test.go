package render_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/load"
	"github.com/relbook/relbook/generator/render"
	"github.com/relbook/relbook/generator/resolve"
	"github.com/relbook/relbook/themes"
)

// scheduleSite renders a handbook of the given release files for today,
// accepting warnings.
func scheduleSite(t *testing.T, today handbook.Date, releases map[string]string) render.Output {
	t.Helper()
	fsys := fstest.MapFS{"handbook.toml": {Data: []byte("title = \"Schedules\"\nbase_url = \"https://example.org/\"\ntimezone = \"UTC\"\n")}}
	for name, text := range releases {
		fsys["releases/"+name+".toml"] = &fstest.MapFile{Data: []byte(text)}
	}
	src, diags := load.Read(fsys)
	h, more := resolve.Handbook(src, resolve.Options{Today: today})
	diags.Add(more...)
	if diags.HasErrors() {
		t.Fatalf("site does not resolve:\n%v", diags)
	}
	out, err := renderAll(h, themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// weekRows returns the week-by-week grid of a release page: each row's
// header text and the text of its cells.
func weekRows(t *testing.T, out render.Output, page string) [][]string {
	t.Helper()
	doc := parse(t, page, out[page])
	var grid *node
	for _, tbl := range doc.all("table") {
		if tbl.attr("class") == "weeks-grid" {
			grid = tbl
		}
	}
	if grid == nil {
		t.Fatalf("%s has no week grid", page)
	}
	var rows [][]string
	for _, tr := range grid.all("tr")[1:] { // not the head
		var cells []string
		for _, c := range tr.all("") {
			if c.name == "th" || c.name == "td" {
				cells = append(cells, c.text())
			}
		}
		rows = append(rows, cells)
	}
	return rows
}

// OpenStack's weeks: labels only from week 1, R+0 for the release week,
// week items in their week.
func TestScheduleOpenStackWeeks(t *testing.T) {
	out := scheduleSite(t, handbook.MustDate(2026, 2, 1), map[string]string{"2026.1": `name = "OpenStack 2026.1 Gazpacho"
start = 2025-10-06
due_weekday = "Thursday"
summary = "Feature freeze is {{g-3}}, due {{g-3 + 0d}}."

[milestone.f-final]
name = "2025.2 Flamingo final release"
date = 2025-10-01
kind = "event"

[milestone.g-3]
name = "Gazpacho-3 milestone"
week = "R-5"
who = "PTLs and *release liaisons*"
owner = ["release-liaison"]

[milestone.g-trailing]
name = "Cycle-trailing release week"
week = "R+1"

[milestone.release]
name = "Gazpacho release"
date = 2026-04-01
`})
	page := "releases/2026.1/index.html"
	rows := weekRows(t, out, page)
	// Week 0 (29 Sep – 5 Oct 2025) holds f-final: dates only, no label.
	if got := rows[0]; got[0] != "" || !strings.HasPrefix(got[1], "Monday 29 September 2025") || got[2] != "2025.2 Flamingo final release" {
		t.Errorf("first row = %q, want week 0 with no label", got)
	}
	if got := rows[1][0]; got != "Week 1R-25" { // <br> between
		t.Errorf("week 1 header = %q, want %q", got, "Week 1R-25")
	}
	// R+0 is the release week, then R+1 with the trailing week item.
	var release, after []string
	for _, r := range rows {
		if strings.Contains(r[2], "Gazpacho release") {
			release = r
		}
		if strings.Contains(r[2], "Cycle-trailing") {
			after = r
		}
	}
	if release == nil || release[0] != "Week 26R+0" {
		t.Errorf("release week row = %q, want Week 26 R+0", release)
	}
	if after == nil || after[0] != "Week 27R+1" || !strings.HasPrefix(after[1], "Monday 6 April 2026") {
		t.Errorf("R+1 row = %q", after)
	}
	if len(rows) != 28 {
		t.Errorf("%d grid rows, want 28 (week 0 to week 27)", len(rows))
	}
	html := string(out[page])
	for _, want := range []string{
		// The week item's row: the week, its due week, owner then who.
		`<td class="when" data-label="When">Week of <time datetime="2026-02-23">Monday 23 February 2026</time></td>`,
		`data-due="2026-02-26"`,
		`Release Liaison, PTLs and <em>release liaisons</em></td>`,
		`<td class="week" data-label="Week">Week 21<br>R-5</td>`,
		// {{g-3}} is its week, {{g-3 + 0d}} its due day.
		`Feature freeze is the week of <time datetime="2026-02-23">Monday 23 February 2026</time>, due <time datetime="2026-02-26">Thursday 26 February 2026</time>.`,
		// No week or countdown label for the milestone before week 1.
		`<td class="week" data-label="Week"></td>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("release page lacks %s", want)
		}
	}
	// The chart labels no week before week 1.
	if strings.Contains(html, ">W0<") || !strings.Contains(html, ">W2<") {
		t.Errorf("chart week labels: W0 shown or W2 missing")
	}
	// schedule.json keeps the numbers, and gives the week item's Monday.
	var sj struct {
		Milestones []struct {
			ID              string `json:"id"`
			Week, Countdown int
		}
	}
	if err := json.Unmarshal(out["releases/2026.1/schedule.json"], &sj); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range sj.Milestones {
		got = append(got, fmt.Sprintf("%s %d %d", m.ID, m.Week, m.Countdown))
	}
	if want := "f-final 0 26,g-3 21 5,release 26 0,g-trailing 27 -1"; strings.Join(got, ",") != want {
		t.Errorf("schedule.json weeks %q, want %q", strings.Join(got, ","), want)
	}
	if !strings.Contains(string(out["releases/2026.1/schedule.json"]), `"week_of": "2026-02-23"`) ||
		!strings.Contains(string(out["releases/2026.1/schedule.json"]), `"who": "PTLs and release liaisons"`) {
		t.Errorf("schedule.json lacks week_of or who:\n%s", out["releases/2026.1/schedule.json"])
	}
}

// A Python-like release: a cycle of seventeen months, then two-monthly
// patch releases for two years more. Every one is on the page.
func TestScheduleLongRelease(t *testing.T) {
	var b strings.Builder
	b.WriteString("name = \"Python 3.14\"\nstart = 2024-05-06\n\n[milestone.release]\nname = \"3.14.0 final\"\ndate = 2025-10-07\n")
	// First Tuesdays of every second month from December 2025.
	month := 12
	year := 2025
	var ids []string
	for n := 1; n <= 14; n++ {
		d := handbook.MustDate(year, 12, 1)
		if month != 12 {
			d = handbook.MustDate(year, timeMonth(month), 1)
		}
		for d.Weekday() != 2 {
			d++
		}
		id := fmt.Sprintf("p3-14-%d", n)
		ids = append(ids, id)
		fmt.Fprintf(&b, "\n[milestone.%s]\nname = \"3.14.%d\"\ndate = %s\nkind = \"event\"\n", id, n, d)
		month += 2
		if month > 12 {
			month -= 12
			year++
		}
	}
	out := scheduleSite(t, handbook.MustDate(2026, 1, 1), map[string]string{"3.14": b.String()})
	page := "releases/3.14/index.html"
	rows := weekRows(t, out, page)
	grid := ""
	for _, r := range rows {
		grid += strings.Join(r, " | ") + "\n"
	}
	for n := 1; n <= 14; n++ {
		if !strings.Contains(grid, fmt.Sprintf("| 3.14.%d |", n)) {
			t.Errorf("3.14.%d is not in the week grid", n)
		}
	}
	if len(rows) <= 104 {
		t.Errorf("%d grid rows: the grid stops", len(rows))
	}
	html := string(out[page])
	for _, id := range ids {
		if !strings.Contains(html, `<tr id="`+id+`"`) {
			t.Errorf("%s has no row in the timeline table", id)
		}
	}
	// The chart is bounded, and says so.
	if !strings.Contains(html, "The chart ends ") || !strings.Contains(html, "later milestones: every date is in the <a href=\"#timeline-table\">timeline table</a> and the <a href=\"#weeks\">week-by-week grid</a>.</figcaption>") {
		t.Errorf("the chart does not say what it leaves out")
	}
}

// A milestone years after the rest does not make the grid endless: the
// quiet weeks between are one row, which says so.
func TestScheduleQuietStretch(t *testing.T) {
	out := scheduleSite(t, handbook.MustDate(2026, 1, 1), map[string]string{"v1": `name = "v1"
start = 2026-01-05

[milestone.release]
date = 2026-03-04

[milestone.far]
name = "Far away"
date = 2033-03-04
kind = "event"
`})
	rows := weekRows(t, out, "releases/v1/index.html")
	if len(rows) > 20 {
		t.Fatalf("%d rows", len(rows))
	}
	last, quiet := rows[len(rows)-1], rows[len(rows)-2]
	if !strings.Contains(last[2], "Far away") || !strings.Contains(quiet[2], "weeks with no milestone") {
		t.Errorf("last rows %q, %q", quiet, last)
	}
}

func timeMonth(m int) time.Month { return time.Month(m) }

// The grid stops after ten years, and says what it leaves out.
func TestScheduleGridBound(t *testing.T) {
	out := scheduleSite(t, handbook.MustDate(2026, 1, 1), map[string]string{"v1": `name = "v1"
start = 2026-01-05

[milestone.release]
date = 2026-03-04

[milestone.long]
name = "Long span"
at = "2026-03-05 .. 9999-12-31"
kind = "event"

[milestone.far]
name = "Far away"
date = 2046-03-04
kind = "event"
`})
	rows := weekRows(t, out, "releases/v1/index.html")
	if len(rows) != 520 {
		t.Errorf("%d rows, want 520", len(rows))
	}
	html := string(out["releases/v1/index.html"])
	if !strings.Contains(html, `The grid covers ten years; 1 later milestone is in the <a href="#timeline-table">timeline table</a>.`) || !strings.Contains(html, `<tr id="far"`) {
		t.Errorf("the grid does not say what it leaves out")
	}
}
