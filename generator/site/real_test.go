package site

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/relbook/relbook/generator/handbook"
)

// TestRealHandbooks builds the handbooks in testdata/real, made from
// material that real release teams publish (each folder's SOURCES.md names
// every source file, its commit and its licence), the way
// `relbook check --strict` does: no error and no warning that an allow list
// does not acknowledge. It then checks the official facts, as the sources
// state them, in the resolved handbook and in the built pages and feeds.
//
// The facts are the sources', never relbook's: a date here is the date
// in the Kubernetes README, the OpenStack schedule or PEP 745, so a
// failure is relbook showing a release team's schedule wrongly.
func TestRealHandbooks(t *testing.T) {
	t.Run("kubernetes", testRealKubernetes)
	t.Run("openstack", testRealOpenStack)
	t.Run("python", testRealPython)
}

// kubernetes/sig-release: the release-team role handbooks as written, and
// the v1.34 and v1.35 Timeline tables.
func testRealKubernetes(t *testing.T) {
	res := buildReal(t, "kubernetes", "2025-11-21")
	h := res.Handbook

	// Every row of the v1.35 Timeline table, with its date.
	v135 := realRelease(t, h, "v1.35")
	realDates(t, v135, map[string]string{
		"start-of-cycle":       "2025-09-15",
		"schedule-finalized":   "2025-09-19",
		"prr-freeze":           "2025-10-09",
		"enhancements-freeze":  "2025-10-16",
		"feature-blog-freeze":  "2025-10-30",
		"code-freeze":          "2025-11-06",
		"kubecon":              "2025-11-10",
		"feature-blogs-review": "2025-11-24",
		"docs-freeze":          "2025-12-02",
		"rc-0":                 "2025-12-02",
		"rc-1":                 "2025-12-09",
		"release":              "2025-12-17",
		"thaw":                 "2025-12-18",
	})
	if m := v135.Milestone("kubecon"); m != nil && m.End.String() != "2025-11-13" {
		t.Errorf("KubeCon NA ends %s, want 2025-11-13 (Monday 10th - Thursday 13th November 2025)", m.End)
	}
	v134 := realRelease(t, h, "v1.34")
	realDates(t, v134, map[string]string{
		"start-of-cycle":      "2025-05-19",
		"enhancements-freeze": "2025-06-20",
		"code-freeze":         "2025-07-25",
		"rc-1":                "2025-08-09", // a Saturday: acknowledged, not moved
		"release":             "2025-08-27",
	})

	sched := realPage(t, res, "releases/v1.35/index.html")
	schedText := realText(sched)
	// AoE deadlines as the README writes them.
	realContains(t, "v1.35 schedule", schedText,
		"Thursday 6 November 2025 (AoE) / Friday 7 November 2025, 12:00 UTC",
		"Tuesday 2 December 2025 (AoE) / Wednesday 3 December 2025, 12:00 UTC",
		"Wednesday 17 December 2025",
	)
	// The release week is R+0 (R-N labels count down to it).
	if !regexp.MustCompile(`R\+0\b`).MatchString(realText(realBetween(sched, `<section aria-labelledby="key-dates">`, "</section>"))) {
		t.Errorf("v1.35.0 released is not shown in week R+0 among the key dates")
	}
	// who: free-text responsibility in the Who column and in feeds.
	realContains(t, "v1.35 schedule", schedText, "Enhancement Owner / SIG Leads")
	feed := unfoldICS(realPage(t, res, "releases/v1.35/calendar.ics"))
	if ev := icsEvent(feed, "v1.35.feature-blogs-review@"); !strings.Contains(ev, "Enhancement Owner / SIG Leads") {
		t.Errorf("the feed's event for feature-blogs-review does not name its who, %q:\n%s", "Enhancement Owner / SIG Leads", ev)
	}
	// Order within a day: same-day rows keep the table's order.
	table := realText(realBetween(sched, `id="timeline-table"`, "</table>"))
	realInOrder(t, "v1.35 timeline table, Tuesday 2 December 2025", table,
		"release-1.35 branch created", "release-1.35 jobs created",
		"Start final draft of Release Notes", "Docs Freeze", "v1.35.0-rc.0 released")
	realInOrder(t, "v1.35 timeline table, Wednesday 17 December 2025", table,
		"Release Notes complete", "v1.35.0 released", "Release blog published")

	// Times written in UTC, shown in the release's zone first.
	v134Text := realText(realPage(t, res, "releases/v1.34/index.html"))
	realContains(t, "v1.34 schedule", v134Text,
		"Friday 20 June 2025, 14:00 PDT / Friday 20 June 2025, 21:00 UTC",
		"Thursday 10 July 2025, 19:00 PDT / Friday 11 July 2025, 02:00 UTC",
		"Thursday 24 July 2025, 19:00 PDT / Friday 25 July 2025, 02:00 UTC",
		"Saturday 9 August 2025",
	)
	realInOrder(t, "v1.34 timeline table, Monday 7 July 2025",
		realText(realBetween(realPage(t, res, "releases/v1.34/index.html"), `id="timeline-table"`, "</table>")),
		"Call for Exceptions", "Brace Yourself, Code Freeze is Coming")

	// source_url: links to the repository's other files go to GitHub.
	docs := realPage(t, res, "roles/docs/index.html")
	realHasLink(t, "roles/docs", docs,
		"https://github.com/kubernetes/sig-release/blob/master/release-team/role-handbooks/docs/Release-Timeline.md")
	realHasLink(t, "roles/docs", docs,
		"https://github.com/kubernetes/sig-release/blob/master/release-team/release-team-onboarding.md")
	// ... but a link to a guide of the site goes to its page.
	if strings.Contains(docs, `href="https://github.com/kubernetes/sig-release/blob/master/release-team/role-handbooks/docs/README.md"`) {
		t.Errorf("roles/docs links to its own source_url on GitHub instead of its page in the site")
	}
	enh := realPage(t, res, "roles/enhancements/index.html")
	realHasLink(t, "roles/enhancements", enh,
		"https://github.com/kubernetes/sig-release/blob/master/release-team/role-handbooks/enhancements/tracking-board.md#end-of-release-cleanup")
	realHasLink(t, "roles/enhancements", enh,
		"https://github.com/kubernetes/sig-release/blob/master/releases/release_phases.md#prr-freeze")
	// An image resolves to the raw file, so that it displays.
	signal := realPage(t, res, "roles/release-signal/index.html")
	if !strings.Contains(signal, `src="https://github.com/kubernetes/sig-release/raw/master/release-team/role-handbooks/release-signal/img/prowjob-config-file.png"`) {
		t.Errorf("roles/release-signal: the <img src=\"img/prowjob-config-file.png\"> is not its raw GitHub URL")
	}

	// GitHub alerts render as labelled callouts.
	enhText := realText(enh)
	for _, alert := range []string{"[!TIP]", "[!NOTE]", "[!IMPORTANT]"} {
		if strings.Contains(enhText, alert) {
			t.Errorf("roles/enhancements shows %s as text, not as a callout", alert)
		}
	}
	if !regexp.MustCompile(`(?i)\btip\b.{0,40}?In case they are not linked from the issue description`).MatchString(enhText) {
		t.Errorf("roles/enhancements: the > [!TIP] blockquote is not a callout labelled Tip")
	}

	// tasks = "lists": plain list items under dated headings are tasks.
	for _, c := range []struct{ page, id string }{
		{"releases/v1.35/enhancements/index.html", "v1.35-enhancements-before-prr-freeze-prepare-a-pr-to-disable-syncing"},
		{"releases/v1.35/release-team-lead/index.html", "v1.35-release-team-lead-code-freeze-clear-milestones-and-labels"},
		{"releases/v1.35/release-signal/index.html", "v1.35-release-signal-code-thaw-major-breakage-bugs-get-fixed-immediately"},
		{"releases/v1.34/communications/index.html", "v1.34-communications-process-to-publish-the-release-blog-open-a-pr-against"},
	} {
		if p := realPage(t, res, c.page); !regexp.MustCompile(`<input[^>]*type="checkbox"[^>]*id="` + regexp.QuoteMeta(c.id)).MatchString(p) {
			t.Errorf("%s: no task checkbox with an id starting %q", c.page, c.id)
		}
	}
	if n := strings.Count(realPage(t, res, "releases/v1.35/enhancements/index.html"), `id="v1.35-enhancements-`); n < 30 {
		t.Errorf("the v1.35 enhancements checklist has %d tasks; the handbook's dated sections list more than 30 items", n)
	}
}

// openstack/releases: 2026.1 Gazpacho's schedule.yaml and schedule.rst,
// and the release team's process.
func testRealOpenStack(t *testing.T) {
	res := buildReal(t, "openstack", "2026-03-04")
	r := realRelease(t, res.Handbook, "2026.1")
	realDates(t, r, map[string]string{
		"previous-release": "2025-10-01",
		"milestone-1":      "2025-11-13",
		"milestone-2":      "2026-01-08",
		"milestone-3":      "2026-02-26",
		"feature-freeze":   "2026-02-26",
		"release":          "2026-04-01",
	})

	page := realPage(t, res, "releases/2026.1/index.html")
	weeks := realText(realBetween(page, `<section aria-labelledby="weeks">`, "</section>"))
	// R-25 is the week of Monday 6 October 2025; the release week is R+0.
	realContains(t, "2026.1 week by week", weeks,
		"Monday 6 October 2025", "R-25", "R-1", "R+0", "Monday 30 March 2026",
		// The week before week 1 holds the previous release and has no label.
		"Monday 29 September 2025")
	for _, no := range []string{"R-0", "R-26", "Week 0"} {
		if strings.Contains(weeks, no) {
			t.Errorf("2026.1 week by week shows %q; OpenStack labels the release week R+0 and the week before R-25 not at all", no)
		}
	}
	if !regexp.MustCompile(`R\+0\b`).MatchString(realText(realBetween(page, `<section aria-labelledby="key-dates">`, "</section>"))) {
		t.Errorf("the 2026.1 release is not shown in week R+0 among the key dates")
	}

	// Week items: an event that belongs to a whole week.
	text := strings.ToLower(realText(page))
	for _, w := range []string{
		"week of monday 9 march 2026",     // RC1 target week, R-3
		"week of monday 23 february 2026", // final release for client libraries, R-5
		"week of monday 23 march 2026",    // final RCs, R-1
	} {
		if !strings.Contains(text, w) {
			t.Errorf("the 2026.1 schedule does not say %q", w)
		}
	}
	feed := unfoldICS(realPage(t, res, "releases/2026.1/calendar.ics"))
	rc1 := icsEvent(feed, "2026.1.rc1@")
	if !strings.Contains(rc1, "DTSTART;VALUE=DATE:20260309\r\n") || !strings.Contains(rc1, "DTEND;VALUE=DATE:20260314\r\n") {
		t.Errorf("RC1 target week is not an all-day Monday 9 to Friday 13 March 2026 event:\n%s", rc1)
	}
	// Same-day items in file order: Gazpacho-3 marks feature freeze.
	realInOrder(t, "2026.1 timeline table, Thursday 26 February 2026",
		realText(realBetween(page, `id="timeline-table"`, "</table>")),
		"Gazpacho-3 milestone", "Feature freeze")
	// A UTC deadline in a UTC release is shown once.
	realContains(t, "2026.1 schedule", realText(page), "Thursday 4 December 2025, 23:59 UTC")
	if strings.Contains(realText(page), "23:59 UTC / ") {
		t.Errorf("a UTC time in a UTC release is shown twice")
	}

	// The process: numbered steps under week headings are tasks, and its
	// notes and warnings are callouts.
	list := realPage(t, res, "releases/2026.1/release-management/index.html")
	if n := strings.Count(list, `id="2026.1-release-management-`); n < 50 {
		t.Errorf("the 2026.1 release-management checklist has %d tasks; process.rst numbers more than 50 steps", n)
	}
	guide := realText(realPage(t, res, "roles/release-management/index.html"))
	for _, alert := range []string{"[!NOTE]", "[!WARNING]"} {
		if strings.Contains(guide, alert) {
			t.Errorf("roles/release-management shows %s as text, not as a callout", alert)
		}
	}
}

// python/peps: PEP 745, Python 3.14's schedule and its bugfix releases.
func testRealPython(t *testing.T) {
	res := buildReal(t, "python", "2026-08-22")
	r := realRelease(t, res.Handbook, "3.14")
	realDates(t, r, map[string]string{
		"alpha-1":      "2024-10-15",
		"alpha-6":      "2025-03-14",
		"beta-1":       "2025-05-07",
		"rc-3":         "2025-09-18",
		"release":      "2025-10-07",
		"bugfix-1":     "2025-12-02",
		"bugfix-5-rc1": "2026-05-04",
		"bugfix-5":     "2026-05-10", // a Sunday: acknowledged, not moved
		"bugfix-8":     "2026-10-06",
		"bugfix-14":    "2027-10-05",
	})
	if r.Start.String() != "2024-05-08" {
		t.Errorf("3.14 development began %s, want 2024-05-08", r.Start)
	}

	page := realPage(t, res, "releases/3.14/index.html")
	realContains(t, "3.14 schedule", realText(page),
		"Tuesday 7 October 2025", "Sunday 10 May 2026", "Tuesday 5 October 2027")
	// No silent cuts: the week grid reaches 3.14.14, 178 weeks after
	// development began and 104 after 3.14.0.
	weeks := realText(realBetween(page, `<section aria-labelledby="weeks">`, "</section>"))
	realContains(t, "3.14 week by week", weeks,
		"3.14.5 candidate 1", "3.14.5", "3.14.8", "3.14.14", "R+104", "Monday 4 October 2027")
}

// buildReal builds testdata/real/<name> as of today and fails the test
// as `relbook check --strict` fails: on any error or on any warning that
// no allow list acknowledges.
func buildReal(t *testing.T, name, today string) *Result {
	t.Helper()
	d, err := handbook.ParseDate(today)
	if err != nil {
		t.Fatal(err)
	}
	res, diags, err := Generate(os.DirFS(filepath.Join("testdata", "real", name)), Options{Today: d})
	if err != nil {
		t.Fatal(err)
	}
	if n := diags.Count(); n.Errors > 0 || n.Warnings > 0 {
		t.Errorf("testdata/real/%s does not pass check --strict: %d errors, %d warnings:\n%s",
			name, n.Errors, n.Warnings, diags.Unacknowledged().Sort())
	}
	if res == nil || res.Handbook == nil || res.Files == nil {
		t.FailNow()
	}
	return res
}

func realRelease(t *testing.T, h *handbook.Handbook, id string) *handbook.Release {
	t.Helper()
	for _, r := range h.Releases {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no release %s", id)
	return nil
}

// realDates checks milestone dates, given as YYYY-MM-DD by milestone id.
func realDates(t *testing.T, r *handbook.Release, want map[string]string) {
	t.Helper()
	for id, date := range want {
		m := r.Milestone(id)
		switch {
		case m == nil:
			t.Errorf("%s has no milestone %s", r.ID, id)
		case m.Date.String() != date:
			t.Errorf("%s %s is on %s, want %s", r.ID, id, m.Date, date)
		}
	}
}

func realPage(t *testing.T, res *Result, path string) string {
	t.Helper()
	b, ok := res.Files[path]
	if !ok {
		t.Errorf("the site has no %s", path)
	}
	return string(b)
}

// realText is what a reader reads on a page: its text without scripts and
// styles, entities decoded, each run of white space one space.
func realText(doc string) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(doc))
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.StartTagToken, html.EndTagToken:
			name, _ := z.TagName()
			if s := string(name); s == "script" || s == "style" {
				if tt == html.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			}
			b.WriteByte(' ')
		case html.SelfClosingTagToken:
			b.WriteByte(' ')
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		}
	}
}

// realBetween returns doc from the first from through the next to after it.
func realBetween(doc, from, to string) string {
	i := strings.Index(doc, from)
	if i < 0 {
		return ""
	}
	j := strings.Index(doc[i:], to)
	if j < 0 {
		return doc[i:]
	}
	return doc[i : i+j]
}

func realContains(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s does not show %q", what, w)
		}
	}
}

// realInOrder checks that each item first appears after the one before.
func realInOrder(t *testing.T, what, text string, items ...string) {
	t.Helper()
	at := -1
	for i, it := range items {
		j := strings.Index(text, it)
		if j < 0 {
			t.Errorf("%s does not show %q", what, it)
			return
		}
		if j < at {
			t.Errorf("%s shows %q before %q; want the order %q", what, it, items[i-1], items)
			return
		}
		at = j
	}
}

func realHasLink(t *testing.T, what, doc, href string) {
	t.Helper()
	if !strings.Contains(doc, `href="`+html.EscapeString(href)+`"`) {
		t.Errorf("%s has no link to %s", what, href)
	}
}

// unfoldICS undoes RFC 5545 line folding.
func unfoldICS(feed string) string {
	return strings.ReplaceAll(feed, "\r\n ", "")
}

// icsEvent returns the VEVENT whose UID starts with uid, or "".
func icsEvent(feed, uid string) string {
	for _, ev := range strings.Split(feed, "BEGIN:VEVENT") {
		if strings.Contains(ev, "\r\nUID:"+uid) {
			return strings.SplitAfter(ev, "END:VEVENT")[0]
		}
	}
	return ""
}
