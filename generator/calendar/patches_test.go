package calendar

import (
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"
)

// patchSite is a release with a monthly patch rule owned by "lead", and
// extra TOML after it.
func patchSite(extra string) map[string]string {
	return map[string]string{
		"releases/v1.0.toml": `name = "Project 1.0"
start = 2026-01-05

[milestone.release]
date = 2026-03-04

[support.maintained]
until = 2026-12-31

[patches]
every = "month"
on = "second Tuesday"
until = "support.maintained"
name = "1.0.{n}"
cherry_pick = "- 4d"
time = "AoE"
owner = ["lead"]
` + extra,
		"roles/lead.md": "+++\ntitle = \"Lead\"\n+++\n\n## Ship {when=\"release\"}\n\n- [ ] Ship it\n",
	}
}

// A planned patch that is then written out (it slipped two days) keeps
// its UID in every feed and raises its SEQUENCE; its cherry-pick deadline
// stays where it was. An out-of-band patch gets a UID of its own.
func TestPatchEvents(t *testing.T) {
	before := feeds(t, site(t, patchSite("")))
	after := feeds(t, site(t, patchSite(`
[patch.nov]
date = 2026-11-12
was = [2026-11-10]

[patch.hotfix]
name = "1.0.9-hotfix"
date = 2026-11-17
extra = true
`)))
	const nov = "v1.0.patches.2026-11@handbook.example.org"
	for _, feed := range []string{"patches.ics", "calendar.ics", "releases/v1.0/calendar.ics", "releases/v1.0/lead.ics", "roles/lead.ics"} {
		b := find(t, parse(t, feed, before[feed]), nov)
		a := find(t, parse(t, feed, after[feed]), nov)
		if got := prop(t, b, ics.ComponentPropertyDtStart) + " " + prop(t, a, ics.ComponentPropertyDtStart); got != "20261110 20261112" {
			t.Errorf("%s: the November patch moved %s, want 20261110 then 20261112", feed, got)
		}
		if got := prop(t, b, ics.ComponentPropertySequence) + prop(t, a, ics.ComponentPropertySequence); got != "01" {
			t.Errorf("%s: SEQUENCE %s, want 0 then 1", feed, got)
		}
		want := "1.0.9 patch release (Project 1.0)"
		if strings.HasPrefix(feed, "releases/") {
			want = "1.0.9 patch release" // the calendar names the release
		}
		if got := prop(t, a, ics.ComponentPropertySummary); got != want {
			t.Errorf("%s: %q, want the November patch to be 1.0.9", feed, got)
		}
		dl := find(t, parse(t, feed, after[feed]), "v1.0.patches.2026-11.cherry-pick@handbook.example.org")
		// Friday 6 November at the end of the day anywhere on Earth.
		if got := prop(t, dl, ics.ComponentPropertyDtStart); got != "20261107T120000Z" {
			t.Errorf("%s: cherry-pick deadline at %s, want the end of 6 November AoE", feed, got)
		}
	}
	cal := parse(t, "patches.ics", after["patches.ics"])
	oob := find(t, cal, "v1.0.patch.hotfix@handbook.example.org")
	if got := prop(t, oob, ics.ComponentPropertyDescription); !strings.Contains(got, "out-of-band") {
		t.Errorf("out-of-band patch description %q", got)
	}
	for _, e := range cal.Events() {
		if strings.Contains(e.Id(), "hotfix.cherry-pick") {
			t.Errorf("an extra patch inherited the rule's cherry-pick deadline")
		}
	}
}

// No patch release anywhere: no patches.ics.
func TestNoPatchesFeed(t *testing.T) {
	out := feeds(t, site(t, slipSite(`date = 2026-10-29`)))
	if _, ok := out["patches.ics"]; ok {
		t.Errorf("patches.ics written for a handbook without patch releases")
	}
}
