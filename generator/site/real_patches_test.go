package site

import (
	"encoding/json"
	"html"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/render"
)

// TestRealPatchHandbooks builds two handbooks written from published
// schedules (testdata/real-patches/*/SOURCES.md says where every date comes
// from) as `relbook check --strict` would, and asserts from the built
// site the official patch releases, their numbers, cherry-pick deadlines
// and days, the end-of-life dates and the status of each release on the
// day the handbook is built for.
func TestRealPatchHandbooks(t *testing.T) {
	t.Run("kubernetes", testKubernetesPatches)
	t.Run("python", testPythonPatches)
}

// realPatch is one patch release as the published schedule lists it.
type realPatch struct {
	uid        string // the event's UID before the @
	name, date string
	cherryPick string // "" for none
}

// k8sPatches are the patch releases of data/releases/schedule.yaml
// (kubernetes/website), 1.33 to 1.35, with the ones still to come on
// 2026-05-20 (`next` and `upcoming_releases`).
var k8sPatches = map[string][]realPatch{
	"v1.33": {
		{"v1.33.patches.2025-05", "1.33.1", "2025-05-15", "2025-05-09"},
		{"v1.33.patches.2025-06", "1.33.2", "2025-06-17", "2025-06-06"},
		{"v1.33.patches.2025-07", "1.33.3", "2025-07-15", "2025-07-11"},
		{"v1.33.patches.2025-08", "1.33.4", "2025-08-12", "2025-08-08"},
		{"v1.33.patches.2025-09", "1.33.5", "2025-09-09", "2025-09-05"},
		{"v1.33.patches.2025-11", "1.33.6", "2025-11-11", "2025-11-07"},
		{"v1.33.patches.2025-12", "1.33.7", "2025-12-09", "2025-12-05"},
		{"v1.33.patches.2026-02", "1.33.8", "2026-02-10", "2026-02-06"},
		{"v1.33.patch.go-cves", "1.33.9", "2026-02-26", ""},
		{"v1.33.patches.2026-03", "1.33.10", "2026-03-19", "2026-03-13"},
		{"v1.33.patches.2026-04", "1.33.11", "2026-04-14", "2026-04-10"},
		{"v1.33.patches.2026-05", "1.33.12", "2026-05-12", "2026-05-08"},
		{"v1.33.patches.2026-06", "1.33.13", "2026-06-09", "2026-06-05"},
	},
	"v1.34": {
		{"v1.34.patches.2025-09", "1.34.1", "2025-09-09", "2025-09-05"},
		{"v1.34.patches.2025-11", "1.34.2", "2025-11-11", "2025-11-07"},
		{"v1.34.patches.2025-12", "1.34.3", "2025-12-09", "2025-12-05"},
		{"v1.34.patches.2026-02", "1.34.4", "2026-02-10", "2026-02-06"},
		{"v1.34.patch.go-cves", "1.34.5", "2026-02-26", ""},
		{"v1.34.patches.2026-03", "1.34.6", "2026-03-19", "2026-03-13"},
		{"v1.34.patches.2026-04", "1.34.7", "2026-04-14", "2026-04-10"},
		{"v1.34.patches.2026-05", "1.34.8", "2026-05-12", "2026-05-08"},
		{"v1.34.patches.2026-06", "1.34.9", "2026-06-09", "2026-06-05"},
		{"v1.34.patches.2026-07", "1.34.10", "2026-07-14", "2026-07-10"},
		{"v1.34.patches.2026-08", "1.34.11", "2026-08-11", "2026-08-07"},
	},
	"v1.35": {
		{"v1.35.patches.2026-02", "1.35.1", "2026-02-10", "2026-02-06"},
		{"v1.35.patch.go-cves", "1.35.2", "2026-02-26", ""},
		{"v1.35.patches.2026-03", "1.35.3", "2026-03-19", "2026-03-13"},
		{"v1.35.patches.2026-04", "1.35.4", "2026-04-14", "2026-04-10"},
		{"v1.35.patches.2026-05", "1.35.5", "2026-05-12", "2026-05-08"},
		{"v1.35.patches.2026-06", "1.35.6", "2026-06-09", "2026-06-05"},
		{"v1.35.patches.2026-07", "1.35.7", "2026-07-14", "2026-07-10"},
		{"v1.35.patches.2026-08", "1.35.8", "2026-08-11", "2026-08-07"},
	},
}

func testKubernetesPatches(t *testing.T) {
	// The schedule copy lists 1.36.1 (2026-05-13) as released and the
	// next cherry-pick deadline on 2026-06-05.
	// Three releases patched on one day: /patches/ must give each row an
	// id of its own (a strict build fails on a repeated id).
	files := buildRealStrict(t, "testdata/real-patches/kubernetes", handbook.MustDate(2026, 5, 20))

	releases := releasesJSON(t, files)
	want := []map[string]any{
		{"id": "v1.35", "cycle": "1.35", "releaseDate": "2025-12-17", "support": "2026-12-27", "eol": "2027-02-28", "latest": "1.35.5", "latestReleaseDate": "2026-05-12", "status": "maintained", "statusName": "Maintained"},
		{"id": "v1.34", "cycle": "1.34", "releaseDate": "2025-08-27", "support": "2026-08-26", "eol": "2026-10-27", "latest": "1.34.8", "latestReleaseDate": "2026-05-12", "status": "maintained", "statusName": "Maintained"},
		{"id": "v1.33", "cycle": "1.33", "releaseDate": "2025-04-23", "support": "2026-04-27", "eol": "2026-06-28", "latest": "1.33.12", "latestReleaseDate": "2026-05-12", "status": "maintenance", "statusName": "Maintenance mode"},
		// No patch of 1.32 is in the schedule copies: latest is the cycle.
		{"id": "v1.32", "cycle": "1.32", "releaseDate": "2024-12-11", "support": "2025-12-27", "eol": "2026-02-28", "latest": "1.32", "status": "eol"},
	}
	compareReleases(t, releases, want)
	nextPatch := map[string]map[string]any{
		"v1.35": {"name": "1.35.6", "number": float64(6), "date": "2026-06-09", "cherry_pick": "2026-06-05", "planned": true, "uid": "v1.35.patches.2026-06"},
		"v1.34": {"name": "1.34.9", "number": float64(9), "date": "2026-06-09", "cherry_pick": "2026-06-05", "planned": true, "uid": "v1.34.patches.2026-06"},
		"v1.33": {"name": "1.33.13", "number": float64(13), "date": "2026-06-09", "cherry_pick": "2026-06-05", "planned": true, "uid": "v1.33.patches.2026-06"},
	}
	for _, r := range releases {
		id, _ := r["id"].(string)
		got, has := r["nextPatch"].(map[string]any)
		if w, ok := nextPatch[id]; ok {
			if !has {
				t.Errorf("releases.json: %s has no nextPatch, want %v", id, w)
				continue
			}
			for k, v := range w {
				if got[k] != v {
					t.Errorf("releases.json: %s nextPatch.%s = %v, want %v", id, k, got[k], v)
				}
			}
		} else if has {
			t.Errorf("releases.json: %s (end of life) has nextPatch %v", id, got)
		}
	}

	// Every patch of the schedule in /patches.ics: its number, its day and
	// its cherry-pick deadline, under the UID of its month (or its table,
	// out of band); and nothing in the feed the schedule does not list.
	events := icsEvents(t, files["patches.ics"])
	domain := "@k8s-patches.example.org"
	seen := map[string]bool{}
	all := icsEvents(t, files["calendar.ics"])
	for rel, patches := range k8sPatches {
		// The same events, with the same UIDs, in the release's feed and
		// in the handbook's calendar.
		own := icsEvents(t, files["releases/"+rel+"/calendar.ics"])
		for _, p := range patches {
			checkPatchEvent(t, "patches.ics", events, p, domain, "Kubernetes "+rel)
			checkPatchEvent(t, "releases/"+rel+"/calendar.ics", own, p, domain, "")
			checkPatchEvent(t, "calendar.ics", all, p, domain, "Kubernetes "+rel)
			seen[p.uid+domain] = true
			if p.cherryPick != "" {
				seen[p.uid+".cherry-pick"+domain] = true
			}
		}
	}
	for uid, e := range events {
		// The feed goes on past the schedule's last upcoming date
		// (2026-08-11): those are relbook's own plan.
		if !seen[uid] && e["DTSTART"] <= "20260811" {
			t.Errorf("patches.ics: %s (%s on %s) is not in the schedule", uid, e["SUMMARY"], e["DTSTART"])
		}
	}

	// /patches/: the next patch of each supported release and the others
	// of the next three months, soonest first, each with its deadline.
	patchesPage := mainText(files["patches/index.html"])
	containsInOrder(t, "/patches/", patchesPage,
		"Kubernetes v1.35 Maintained 1.35.6 Friday 5 June 2026 Tuesday 9 June 2026 planned",
		"Kubernetes v1.34 Maintained 1.34.9 Friday 5 June 2026 Tuesday 9 June 2026 planned",
		"Kubernetes v1.33 Maintenance mode 1.33.13 Friday 5 June 2026 Tuesday 9 June 2026 planned",
		"Kubernetes v1.35 Maintained 1.35.7 Friday 10 July 2026 Tuesday 14 July 2026 planned",
		"Kubernetes v1.34 Maintained 1.34.10 Friday 10 July 2026 Tuesday 14 July 2026 planned",
		"Kubernetes v1.35 Maintained 1.35.8 Friday 7 August 2026 Tuesday 11 August 2026 planned",
		"Kubernetes v1.34 Maintained 1.34.11 Friday 7 August 2026 Tuesday 11 August 2026 planned",
	)
	if strings.Contains(patchesPage, "Kubernetes v1.32") {
		t.Errorf("/patches/ lists v1.32, which reached its end of life on 2026-02-28")
	}

	// The release pages: the support phases, and the patch rows where the
	// schedule departs from the rule.
	page := mainText(files["releases/v1.33/index.html"])
	containsInOrder(t, "/releases/v1.33/", page,
		"Phase From To Maintained Thursday 24 April 2025 Monday 27 April 2026 Maintenance mode now Tuesday 28 April 2026 Sunday 28 June 2026",
		"1.33.1 Friday 9 May 2025 Thursday 15 May 2025 released",
		"1.33.3 Friday 11 July 2025 Tuesday 15 July 2025 released",
		"1.33.6 October 2025 patches consolidated with November Friday 7 November 2025 Tuesday 11 November 2025 released",
		"1.33.9 out of band Out of band patch release to pick up a new version of Go",
		"none Thursday 26 February 2026 released",
		"1.33.10 Moved from Tuesday 10 March 2026 . Friday 13 March 2026 Thursday 19 March 2026 released",
		"1.33.13 Friday 5 June 2026 Tuesday 9 June 2026 planned",
	)
	containsInOrder(t, "/releases/v1.32/", mainText(files["releases/v1.32/index.html"]),
		"Phase From To Maintained Thursday 12 December 2024 Saturday 27 December 2025 Maintenance mode Sunday 28 December 2025 Saturday 28 February 2026",
	)
	containsInOrder(t, "/releases/v1.35/", mainText(files["releases/v1.35/index.html"]),
		"Maintained now Thursday 18 December 2025 Sunday 27 December 2026 Maintenance mode Monday 28 December 2026 Sunday 28 February 2027",
		"1.35.1 January 2026 patches consolidated with February Friday 6 February 2026 Tuesday 10 February 2026 released",
	)
}

// py314Patches are Python 3.14's bugfix releases as PEP 745 lists them:
// the actual ones, then the expected ones to 3.14.14.
var py314Patches = []realPatch{
	{"3.14.patches.2025-12", "3.14.1", "2025-12-02", ""},
	{"3.14.patch.expedited", "3.14.2", "2025-12-05", ""},
	{"3.14.patches.2026-02", "3.14.3", "2026-02-03", ""},
	{"3.14.patches.2026-04", "3.14.4", "2026-04-07", ""},
	{"3.14.patch.rc-5", "3.14.5rc1", "2026-05-04", ""},
	{"3.14.patch.may-2026", "3.14.5", "2026-05-10", ""},
	{"3.14.patches.2026-06", "3.14.6", "2026-06-10", ""},
	{"3.14.patches.2026-08", "3.14.7", "2026-08-05", ""},
	{"3.14.patches.2026-10", "3.14.8", "2026-10-06", ""},
	{"3.14.patches.2026-12", "3.14.9", "2026-12-01", ""},
	{"3.14.patches.2027-02", "3.14.10", "2027-02-02", ""},
	{"3.14.patches.2027-04", "3.14.11", "2027-04-06", ""},
	{"3.14.patches.2027-06", "3.14.12", "2027-06-01", ""},
	{"3.14.patches.2027-08", "3.14.13", "2027-08-03", ""},
	{"3.14.patches.2027-10", "3.14.14", "2027-10-05", ""},
}

func testPythonPatches(t *testing.T) {
	files := buildRealStrict(t, "testdata/real-patches/python", handbook.MustDate(2026, 9, 1))

	releases := releasesJSON(t, files)
	compareReleases(t, releases, []map[string]any{
		{"id": "3.14", "cycle": "3.14", "releaseDate": "2025-10-07", "support": "2027-10-07", "eol": "2030-10-07", "latest": "3.14.7", "latestReleaseDate": "2026-08-05", "status": "bugfix", "statusName": "Bugfix"},
	})
	if np, _ := releases[0]["nextPatch"].(map[string]any); np["name"] != "3.14.8" || np["date"] != "2026-10-06" || np["uid"] != "3.14.patches.2026-10" {
		t.Errorf("releases.json: nextPatch = %v, want 3.14.8 on 2026-10-06 (3.14.patches.2026-10)", np)
	}

	events := icsEvents(t, files["patches.ics"])
	if len(events) != len(py314Patches) {
		t.Errorf("patches.ics has %d events, want the %d bugfix releases of PEP 745 (no cherry-pick deadlines)", len(events), len(py314Patches))
	}
	own := icsEvents(t, files["releases/3.14/calendar.ics"])
	for _, p := range py314Patches {
		checkPatchEvent(t, "patches.ics", events, p, "@py-patches.example.org", "Python 3.14")
		checkPatchEvent(t, "releases/3.14/calendar.ics", own, p, "@py-patches.example.org", "")
	}
	// The releases that moved say so to subscribers: SEQUENCE is raised.
	for _, uid := range []string{"3.14.patch.rc-5", "3.14.patch.may-2026", "3.14.patches.2026-06", "3.14.patches.2026-08"} {
		if e := events[uid+"@py-patches.example.org"]; e != nil && e["SEQUENCE"] != "1" {
			t.Errorf("patches.ics: %s SEQUENCE = %s, want 1 (it moved once)", uid, e["SEQUENCE"])
		}
	}

	containsInOrder(t, "/releases/3.14/", mainText(files["releases/3.14/index.html"]),
		"Status Bugfix as of Tuesday 1 September 2026",
		"End of support Monday 7 October 2030",
		"Phase From To Bugfix now Wednesday 8 October 2025 Thursday 7 October 2027 Security fixes only Friday 8 October 2027 Monday 7 October 2030",
		"3.14.1 none Tuesday 2 December 2025 released",
		"3.14.2 out of band none Friday 5 December 2025 released",
		"3.14.3 none Tuesday 3 February 2026 released",
		"3.14.5rc1 candidate Moved from Saturday 2 May 2026 . none Monday 4 May 2026 released",
		"3.14.5 out of band Moved from Friday 8 May 2026 . none Sunday 10 May 2026 released",
		"3.14.6 Moved from Tuesday 9 June 2026 . none Wednesday 10 June 2026 released",
		"3.14.7 Moved from Tuesday 4 August 2026 . none Wednesday 5 August 2026 released",
		"3.14.8 none Tuesday 6 October 2026 planned",
		"3.14.14 none Tuesday 5 October 2027 planned",
	)
	containsInOrder(t, "/patches/", mainText(files["patches/index.html"]),
		"Python 3.14 Bugfix 3.14.8 none Tuesday 6 October 2026 planned",
	)

	// The status on other days: in development until the release day,
	// bugfix to 2027-10-07, security fixes to 2030-10-07, then end of life.
	for day, status := range map[handbook.Date]string{
		handbook.MustDate(2025, 10, 6):  "active",
		handbook.MustDate(2025, 10, 8):  "bugfix",
		handbook.MustDate(2027, 10, 7):  "bugfix",
		handbook.MustDate(2027, 10, 8):  "security",
		handbook.MustDate(2030, 10, 7):  "security",
		handbook.MustDate(2030, 10, 8):  "eol",
		handbook.MustDate(2024, 5, 8):   "active",
		handbook.MustDate(2026, 12, 31): "bugfix",
	} {
		// Later days warn of the planned patches they have passed
		// (patch-not-recorded): only the status is looked at.
		res, diags, err := Generate(os.DirFS("testdata/real-patches/python"), Options{Today: day})
		if err != nil || diags.HasErrors() {
			t.Fatalf("on %s: %v\n%s", day, err, diags)
		}
		if got := releasesJSON(t, res.Files)[0]["status"]; got != status {
			t.Errorf("on %s: status %v, want %s", day, got, status)
		}
	}
}

// buildRealStrict builds the handbook in dir for today and fails the test
// on any error or unacknowledged warning, as `relbook check --strict`
// does.
func buildRealStrict(t *testing.T, dir string, today handbook.Date) render.Output {
	t.Helper()
	res, diags, err := Generate(os.DirFS(dir), Options{Today: today})
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	for _, d := range diags {
		if !d.Allowed {
			t.Errorf("%s (--now %s): %s", dir, today, d)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	if res == nil || res.Files["releases.json"] == nil {
		t.Fatalf("%s: nothing built", dir)
	}
	return res.Files
}

func releasesJSON(t *testing.T, files render.Output) []map[string]any {
	t.Helper()
	var out []map[string]any
	if err := json.Unmarshal(files["releases.json"], &out); err != nil {
		t.Fatalf("releases.json: %v", err)
	}
	return out
}

// compareReleases checks the fields of want in releases.json, release by
// release, in order.
func compareReleases(t *testing.T, got []map[string]any, want []map[string]any) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("releases.json lists %d releases, want %d", len(got), len(want))
	}
	for i, w := range want {
		for k, v := range w {
			if got[i][k] != v {
				t.Errorf("releases.json: %v %s = %v, want %v", w["id"], k, got[i][k], v)
			}
		}
	}
}

// checkPatchEvent checks that the feed has p under its UID, on its day,
// named as the schedule names it, and its cherry-pick deadline (or none).
func checkPatchEvent(t *testing.T, feed string, events map[string]map[string]string, p realPatch, domain, release string) {
	t.Helper()
	// A feed of many releases names the release in each title; the
	// release's own feed, whose name says it, does not.
	in := ""
	if release != "" {
		in = " (" + release + ")"
	}
	day := strings.ReplaceAll(p.date, "-", "")
	e := events[p.uid+domain]
	if e == nil {
		t.Errorf("%s: no event %s for %s (%s)", feed, p.uid+domain, p.name, p.date)
		return
	}
	if want := p.name + " patch release" + in; e["SUMMARY"] != want || e["DTSTART"] != day {
		t.Errorf("%s: %s is %q on %s, want %q on %s", feed, p.uid, e["SUMMARY"], e["DTSTART"], want, day)
	}
	cp := events[p.uid+".cherry-pick"+domain]
	switch {
	case p.cherryPick == "" && cp != nil:
		t.Errorf("%s: %s has a cherry-pick deadline on %s, want none", feed, p.name, cp["DTSTART"])
	case p.cherryPick != "" && cp == nil:
		t.Errorf("%s: no cherry-pick deadline for %s, want %s", feed, p.name, p.cherryPick)
	case p.cherryPick != "" && cp["DTSTART"] != strings.ReplaceAll(p.cherryPick, "-", ""):
		t.Errorf("%s: cherry-pick deadline of %s on %s, want %s", feed, p.name, cp["DTSTART"], p.cherryPick)
	case cp != nil && cp["SUMMARY"] != "Cherry-pick deadline for "+p.name+in:
		t.Errorf("%s: cherry-pick deadline of %s is %q", feed, p.name, cp["SUMMARY"])
	}
}

// icsEvents reads an iCalendar feed's events by UID: each property by its
// name (parameters dropped), lines unfolded.
func icsEvents(t *testing.T, data []byte) map[string]map[string]string {
	t.Helper()
	text := strings.ReplaceAll(strings.ReplaceAll(string(data), "\r\n ", ""), "\r\n", "\n")
	events := map[string]map[string]string{}
	var cur map[string]string
	for _, line := range strings.Split(text, "\n") {
		switch {
		case line == "BEGIN:VEVENT":
			cur = map[string]string{}
		case line == "END:VEVENT":
			if _, dup := events[cur["UID"]]; dup {
				t.Errorf("feed: UID %s twice", cur["UID"])
			}
			events[cur["UID"]] = cur
			cur = nil
		case cur != nil:
			name, value, _ := strings.Cut(line, ":")
			name, _, _ = strings.Cut(name, ";")
			if _, has := cur[name]; !has {
				cur[name] = value
			}
		}
	}
	if len(events) == 0 {
		t.Fatalf("feed has no events")
	}
	return events
}

var (
	tagRE   = regexp.MustCompile(`(?s)<script.*?</script>|<[^>]*>`)
	spaceRE = regexp.MustCompile(`\s+`)
)

// mainText is the text of a page's main element, tags replaced by
// spaces and runs of white space by one.
func mainText(page []byte) string {
	s := string(page)
	if i := strings.Index(s, "<main"); i >= 0 {
		s = s[i:]
	}
	s = tagRE.ReplaceAllString(s, " ")
	return strings.TrimSpace(spaceRE.ReplaceAllString(html.UnescapeString(s), " "))
}

// containsInOrder checks that text holds each part, one after another.
func containsInOrder(t *testing.T, where, text string, parts ...string) {
	t.Helper()
	rest := text
	for _, p := range parts {
		i := strings.Index(rest, p)
		if i < 0 {
			hint := "not on the page"
			if strings.Contains(text, p) {
				hint = "on the page, but not in this order"
			}
			t.Errorf("%s: %q %s", where, p, hint)
			continue
		}
		rest = rest[i+len(p):]
	}
}
