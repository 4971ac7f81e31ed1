package resolve_test

// Whole releases resolved from TOML, with the expected dates taken from the
// published schedules named in the comments: Kubernetes (kubernetes/sig-release
// releases/release-1.*/README.md) and OpenStack (openstack/releases
// doc/source/<series>/schedule.rst and schedule.yaml).

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

const rwHandbookTOML = `title = "Release handbook"
base_url = "https://handbook.example.org/"
timezone = "UTC"
`

// rwResolve loads a site made of files (handbook.toml is added when
// missing) and resolves it for today. It returns every diagnostic of both
// stages, sorted.
func rwResolve(t *testing.T, files map[string]string, today handbook.Date) (*handbook.Handbook, diag.List) {
	t.Helper()
	_, h, diags := rwLoadResolve(files, today)
	return h, diags.Sort()
}

// rwLoadResolve is rwResolve, with the loaded source and the diagnostics
// unsorted.
func rwLoadResolve(files map[string]string, today handbook.Date) (*load.Source, *handbook.Handbook, diag.List) {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	if _, ok := files["handbook.toml"]; !ok {
		fsys["handbook.toml"] = &fstest.MapFile{Data: []byte(rwHandbookTOML)}
	}
	src, diags := load.Read(fsys)
	h, more := resolve.Handbook(src, resolve.Options{Today: today})
	diags.Add(more...)
	return src, h, diags
}

func rwStrings(l diag.List, sev diag.Severity) []string {
	var out []string
	for _, d := range l {
		if d.Severity == sev {
			out = append(out, d.String())
		}
	}
	return out
}

func rwRelease(t *testing.T, h *handbook.Handbook, id string) *handbook.Release {
	t.Helper()
	r := h.Release(id)
	if r == nil {
		t.Fatalf("release %q did not resolve", id)
	}
	return r
}

type rwWant struct {
	id        string
	date, end handbook.Date // end 0: the same day
	week, rN  int
}

func rwCheckMilestones(t *testing.T, r *handbook.Release, want []rwWant) {
	t.Helper()
	for _, w := range want {
		m := r.Milestone(w.id)
		if m == nil {
			t.Errorf("%s: no milestone %q", r.ID, w.id)
			continue
		}
		end := w.end
		if end == 0 {
			end = w.date
		}
		if m.Date != w.date || m.End != end {
			t.Errorf("%s %s = %s %s .. %s; want %s %s .. %s", r.ID, w.id, m.Date.Weekday(), m.Date, m.End, w.date.Weekday(), w.date, end)
		}
		if got := r.Week(m.Date); got != w.week {
			t.Errorf("%s %s: week %d, want %d", r.ID, w.id, got, w.week)
		}
		if got := r.Countdown(m.Date); got != w.rN {
			t.Errorf("%s %s: R-%d, want R-%d", r.ID, w.id, got, w.rN)
		}
	}
}

// openstack/releases doc/source/epoxy/schedule.rst ("2 October, 2024 - 2
// April, 2025 (26 weeks)", deadlines "the Thursday of the week on which they
// are noted") and schedule.yaml (which R-N week holds which event).
const epoxyTOML = `name = "OpenStack 2025.1 Epoxy"
codename = "Epoxy"
start = 2024-10-02
timezone = "UTC"
due_weekday = "Thursday"

[milestone.ptg]
name = "Virtual PTG"
at = "R-23 .. R-23 + 1d"
kind = "event"

[milestone.epoxy-1]
at = "R-20"

[milestone.cycle-trailing]
name = "2024.2 Dalmatian cycle-trailing release deadline"
at = "R-17"
kind = "deadline"

[milestone.epoxy-2]
at = "R-12"

[milestone.membership-freeze]
at = "epoxy-2"

[milestone.extra-ac-freeze]
at = "R-7"

[milestone.final-lib]
at = "R-6"

[milestone.feature-freeze]
at = "epoxy-3"
kind = "freeze"
key = true

[milestone.epoxy-3]
at = "R-5"

[milestone.rc1]
name = "RC1 target week"
at = "R-3"
kind = "prerelease"

[milestone.final-rc]
at = "R-1"
kind = "prerelease"

[milestone.release]
name = "Epoxy release"
date = 2025-04-02

[phase.rc]
name = "Release candidates"
from = "R-3"
to = "R-1"

[phase.after-ff]
from = "feature-freeze + 1d"
to = "release"
`

func TestResolveOpenStackEpoxy(t *testing.T) {
	h, diags := rwResolve(t, map[string]string{"releases/2025.1.toml": epoxyTOML}, handbook.MustDate(2025, 2, 27))
	if errs := rwStrings(diags, diag.Error); len(errs) > 0 {
		t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
	}
	// SPEC §2: `check` warns when start is not a Monday; Epoxy started on a
	// Wednesday.
	if w := rwStrings(diags, diag.Warning); !slices.Contains(w, "releases/2025.1.toml:3:9: warning: start 2024-10-02 is a Wednesday; week numbers count Monday–Sunday weeks [start-not-monday]") {
		t.Errorf("warnings = %q", w)
	}
	r := rwRelease(t, h, "2025.1")
	if r.DueWeekday != time.Thursday {
		t.Errorf("due weekday %v", r.DueWeekday)
	}
	rwCheckMilestones(t, r, []rwWant{
		// "From October 21 to 25 we'll have a virtual PTG".
		{"ptg", handbook.MustDate(2024, 10, 21), handbook.MustDate(2024, 10, 25), 4, 23},
		// "November 14, 2024 is the Epoxy-1 milestone".
		{"epoxy-1", handbook.MustDate(2024, 11, 14), 0, 7, 20},
		// "must release their 2024.2 Dalmatian deliverables by December 5, 2024".
		{"cycle-trailing", handbook.MustDate(2024, 12, 5), 0, 10, 17},
		// "January 9, 2025 is the Epoxy-2 milestone"; membership freeze in R-12 too.
		{"epoxy-2", handbook.MustDate(2025, 1, 9), 0, 15, 12},
		{"membership-freeze", handbook.MustDate(2025, 1, 9), 0, 15, 12},
		// schedule.yaml: e-extra-acs in R-7 (Feb 10-14), e-final-lib in R-6 (Feb 17-21).
		{"extra-ac-freeze", handbook.MustDate(2025, 2, 13), 0, 20, 7},
		{"final-lib", handbook.MustDate(2025, 2, 20), 0, 21, 6},
		// "February 27, 2025 is the Epoxy-3 milestone"; "The Epoxy-3 milestone
		// marks feature freeze" — defined before epoxy-3 in the file.
		{"epoxy-3", handbook.MustDate(2025, 2, 27), 0, 22, 5},
		{"feature-freeze", handbook.MustDate(2025, 2, 27), 0, 22, 5},
		// "The week of March 10, 2025 is the target date for ... first release
		// candidate"; "The week of March 24, 2025 is the last week to issue
		// release candidates" — Thursdays 13 and 27 March.
		{"rc1", handbook.MustDate(2025, 3, 13), 0, 24, 3},
		{"final-rc", handbook.MustDate(2025, 3, 27), 0, 26, 1},
		// "The Epoxy coordinated release will happen on Wednesday, April 2, 2025."
		{"release", handbook.MustDate(2025, 4, 2), 0, 27, 0},
	})
	if m := r.Milestone("release"); m.Kind != handbook.KindRelease {
		t.Errorf("release kind = %q, want %q", m.Kind, handbook.KindRelease)
	}
	if m := r.Milestone("ptg"); !m.IsSpan() || m.When() != "Monday 21 October 2024 – Friday 25 October 2024" {
		t.Errorf("ptg When() = %q", m.When())
	}
	// Phases: a week as `from` is its Monday, as `to` its due day.
	wantPhases := map[string][2]handbook.Date{
		"rc":       {handbook.MustDate(2025, 3, 10), handbook.MustDate(2025, 3, 27)},
		"after-ff": {handbook.MustDate(2025, 2, 28), handbook.MustDate(2025, 4, 2)},
	}
	for _, p := range r.Phases {
		want, ok := wantPhases[p.ID]
		if !ok {
			t.Errorf("unexpected phase %q", p.ID)
			continue
		}
		if p.From != want[0] || p.To != want[1] {
			t.Errorf("phase %s = %s .. %s, want %s .. %s", p.ID, p.From, p.To, want[0], want[1])
		}
		delete(wantPhases, p.ID)
	}
	if len(wantPhases) > 0 {
		t.Errorf("missing phases %v", wantPhases)
	}
	// Timeline order is by date, then as written: feature-freeze is
	// written before epoxy-3, on the same day.
	var order []string
	for _, m := range r.Milestones {
		order = append(order, m.ID)
	}
	want := []string{"ptg", "epoxy-1", "cycle-trailing", "epoxy-2", "membership-freeze", "extra-ac-freeze", "final-lib", "feature-freeze", "epoxy-3", "rc1", "final-rc", "release"}
	if !slices.Equal(order, want) {
		t.Errorf("timeline order\n got %v\nwant %v", order, want)
	}
	if r.Status != handbook.Active {
		t.Errorf("status on Epoxy-3 day = %q", r.Status)
	}
}

// kubernetes/sig-release releases/release-1.35/README.md, written the way a
// release lead would: one absolute date, the rest relative to it.
const k135TOML = `name = "Kubernetes v1.35"
codename = "Timbernetes"
start = 2025-09-15
timezone = "America/Los_Angeles"

[milestone.schedule-finalized]
at = "week 1"

[milestone.prr-freeze]
name = "Production Readiness Freeze"
at = "enhancements-freeze - 1w"
time = "AoE"

[milestone.enhancements-freeze]
date = 2025-10-16
time = "AoE"
kind = "freeze"
key = true
owner = ["enhancements"]

[milestone.feature-blog-freeze]
at = "enhancements-freeze + 2w"
time = "AoE"

[milestone.brace-yourself]
name = "Brace Yourself, Code Freeze is Coming"
at = "code-freeze - 10d"

[milestone.code-freeze]
at = "enhancements-freeze + 3w"
time = "AoE"
kind = "freeze"
key = true

[milestone.kubecon]
name = "KubeCon NA"
at = "code-freeze + 4d .. code-freeze + 7d"
kind = "event"

[milestone.docs-freeze]
date = 2025-12-02
time = "AoE"

[milestone.rc-0]
at = "docs-freeze"
kind = "prerelease"

[milestone.rc-1]
at = "rc-0 + 1w"
kind = "prerelease"

[milestone.release]
name = "Kubernetes v1.35.0 released"
at = "week 14 - 2d"
key = true

[milestone.thaw]
at = "release + 1d"

[phase.enhancements-tracking]
from = "start"
to = "enhancements-freeze"

[phase.burndown]
from = "week 10"
to = "release"
`

func TestResolveKubernetes135(t *testing.T) {
	h, diags := rwResolve(t, map[string]string{"releases/v1.35.toml": k135TOML}, handbook.MustDate(2025, 11, 20))
	if errs := rwStrings(diags, diag.Error); len(errs) > 0 {
		t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
	}
	r := rwRelease(t, h, "v1.35")
	rwCheckMilestones(t, r, []rwWant{
		{"schedule-finalized", handbook.MustDate(2025, 9, 19), 0, 1, 13},                    // "Friday 19th September 2025 | week 1"
		{"prr-freeze", handbook.MustDate(2025, 10, 9), 0, 4, 10},                            // "Thursday 9th October 2025 (AoE) ... week 4"
		{"enhancements-freeze", handbook.MustDate(2025, 10, 16), 0, 5, 9},                   // "Thursday 16th October 2025 (AoE) ... week 5"
		{"brace-yourself", handbook.MustDate(2025, 10, 27), 0, 7, 7},                        // "Monday 27th October 2025 | week 7"
		{"feature-blog-freeze", handbook.MustDate(2025, 10, 30), 0, 7, 7},                   // "Thursday 30th October 2025 (AoE) ... week 7"
		{"code-freeze", handbook.MustDate(2025, 11, 6), 0, 8, 6},                            // "Thursday 6th November 2025 (AoE) ... week 8"
		{"kubecon", handbook.MustDate(2025, 11, 10), handbook.MustDate(2025, 11, 13), 9, 5}, // "Monday 10th - Thursday 13th November 2025 | week 9"
		{"docs-freeze", handbook.MustDate(2025, 12, 2), 0, 12, 2},                           // "Tuesday 2nd December 2025 (AoE) ... week 12"
		{"rc-0", handbook.MustDate(2025, 12, 2), 0, 12, 2},                                  // "v1.35.0-rc.0 released | Tuesday 2nd December 2025 | week 12"
		{"rc-1", handbook.MustDate(2025, 12, 9), 0, 13, 1},                                  // "v1.35.0-rc.1 released | Tuesday 9th December 2025 | week 13"
		{"release", handbook.MustDate(2025, 12, 17), 0, 14, 0},                              // "Wednesday 17th December 2025 | week 14"
		{"thaw", handbook.MustDate(2025, 12, 18), 0, 14, 0},                                 // "Thaw | Thursday 18th December 2025 | week 14"
	})
	instants := map[string]time.Time{
		"prr-freeze":          time.Date(2025, 10, 10, 12, 0, 0, 0, time.UTC),
		"enhancements-freeze": time.Date(2025, 10, 17, 12, 0, 0, 0, time.UTC),
		"feature-blog-freeze": time.Date(2025, 10, 31, 12, 0, 0, 0, time.UTC),
		"code-freeze":         time.Date(2025, 11, 7, 12, 0, 0, 0, time.UTC),
		"docs-freeze":         time.Date(2025, 12, 3, 12, 0, 0, 0, time.UTC),
	}
	for id, want := range instants {
		if got := r.Milestone(id).Instant(); !got.Equal(want) {
			t.Errorf("%s instant = %v, want %v", id, got, want)
		}
	}
	// SPEC §3: a milestone whose date comes from `at` takes its own time,
	// never the anchor's — rc-0 is at docs-freeze but is all-day.
	for _, id := range []string{"rc-0", "brace-yourself", "thaw", "schedule-finalized"} {
		if m := r.Milestone(id); m.Time.Kind != handbook.AllDay || !m.Instant().IsZero() {
			t.Errorf("%s took a time: %+v", id, m.Time)
		}
	}
	if got, want := r.Milestone("code-freeze").When(), "Thursday 6 November 2025 (AoE) / Friday 7 November 2025, 12:00 UTC"; got != want {
		t.Errorf("code-freeze When() = %q, want %q", got, want)
	}
	if got, want := r.Milestone("kubecon").When(), "Monday 10 November 2025 – Thursday 13 November 2025"; got != want {
		t.Errorf("kubecon When() = %q, want %q", got, want)
	}
	if m := r.Milestone("code-freeze"); m.At != "enhancements-freeze + 3w" || m.Kind != handbook.KindFreeze || !m.Key {
		t.Errorf("code-freeze = %+v", m)
	}
	if m := r.Milestone("enhancements-freeze"); !slices.Equal(m.Owners, []string{"enhancements"}) {
		t.Errorf("owners = %v", m.Owners)
	}
	var key []string
	for _, m := range r.KeyMilestones() {
		key = append(key, m.ID)
	}
	if want := []string{"enhancements-freeze", "code-freeze", "release"}; !slices.Equal(key, want) {
		t.Errorf("key milestones = %v, want %v", key, want)
	}
	// "Begin Burndown | Monday 17th November 2025 | week 10" until release.
	var on []string
	for _, p := range r.PhasesOn(handbook.MustDate(2025, 11, 20)) {
		on = append(on, p.ID)
	}
	if !slices.Equal(on, []string{"burndown"}) {
		t.Errorf("phases on 2025-11-20 = %v", on)
	}
	for _, p := range r.Phases {
		switch p.ID {
		case "burndown":
			if p.From != handbook.MustDate(2025, 11, 17) || p.To != handbook.MustDate(2025, 12, 17) {
				t.Errorf("burndown = %s .. %s", p.From, p.To)
			}
		case "enhancements-tracking":
			if p.From != handbook.MustDate(2025, 9, 15) || p.To != handbook.MustDate(2025, 10, 16) {
				t.Errorf("enhancements-tracking = %s .. %s", p.From, p.To)
			}
		}
	}
	// Phases include both ends (SPEC §3).
	if got := len(r.PhasesOn(handbook.MustDate(2025, 10, 16))); got != 1 {
		t.Errorf("phases on enhancements freeze day = %d, want 1", got)
	}
	if h.Current != r || r.Status != handbook.Active {
		t.Errorf("current = %v, status %q", h.Current, r.Status)
	}
}

// Times across a daylight-saving change, and the zone of a time written
// without one: the release's, else the handbook's.
func TestResolveTimesAndZones(t *testing.T) {
	// kubernetes/sig-release releases/release-1.33/README.md: Enhancements
	// Freeze "02:00 UTC Friday 14th February 2025 / 18:00 PST Thursday 13th
	// February 2025"; Code Freeze "02:00 UTC Friday 21st March 2025 / 19:00
	// PDT Thursday 20th March 2025" (US DST began 2025-03-09).
	k133 := `name = "Kubernetes v1.33"
start = 2025-01-13
timezone = "America/Los_Angeles"

[milestone.enhancements-freeze]
date = 2025-02-13
time = "18:00"

[milestone.code-freeze]
date = 2025-03-20
time = "19:00"

[milestone.code-freeze-utc]
at = "code-freeze + 1d"
time = "02:00 UTC"

[milestone.after-hours]
date = 2025-03-21
time = "23:00 UTC"

[milestone.retro-notes]
date = 2025-03-21

[milestone.release]
date = 2025-04-23
`
	// A handbook in Berlin; a release that sets no zone of its own.
	berlinHandbook := rwHandbookTOML + "timezone = \"Europe/Berlin\"\n"
	berlinHandbook = strings.Replace(berlinHandbook, "timezone = \"UTC\"\n", "", 1)
	eu := `name = "EU release"
start = 2026-03-02

[milestone.before-summer-time]
date = 2026-03-27
time = "18:00"

[milestone.after-summer-time]
date = 2026-03-30
time = "18:00"

[milestone.in-the-gap]
date = 2026-03-29
time = "02:30"

[milestone.twice]
date = 2026-10-25
time = "02:30"

[milestone.release]
date = 2026-11-04
time = "09:00 America/Los_Angeles"
`
	h, diags := rwResolve(t, map[string]string{
		"handbook.toml":        berlinHandbook,
		"releases/v1.33.toml":  k133,
		"releases/eu-1.0.toml": eu,
	}, handbook.MustDate(2025, 2, 1))
	if errs := rwStrings(diags, diag.Error); len(errs) > 0 {
		t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
	}
	tests := []struct {
		release, id string
		instant     time.Time
		when        string
	}{
		{"v1.33", "enhancements-freeze", time.Date(2025, 2, 14, 2, 0, 0, 0, time.UTC), "Thursday 13 February 2025, 18:00 PST / Friday 14 February 2025, 02:00 UTC"},
		{"v1.33", "code-freeze", time.Date(2025, 3, 21, 2, 0, 0, 0, time.UTC), "Thursday 20 March 2025, 19:00 PDT / Friday 21 March 2025, 02:00 UTC"},
		// A time written in UTC is shown in the release's zone too, first.
		{"v1.33", "code-freeze-utc", time.Date(2025, 3, 21, 2, 0, 0, 0, time.UTC), "Thursday 20 March 2025, 19:00 PDT / Friday 21 March 2025, 02:00 UTC"},
		// EU summer time 2026: 29 March to 25 October.
		{"eu-1.0", "before-summer-time", time.Date(2026, 3, 27, 17, 0, 0, 0, time.UTC), "Friday 27 March 2026, 18:00 CET / Friday 27 March 2026, 17:00 UTC"},
		{"eu-1.0", "after-summer-time", time.Date(2026, 3, 30, 16, 0, 0, 0, time.UTC), "Monday 30 March 2026, 18:00 CEST / Monday 30 March 2026, 16:00 UTC"},
		{"eu-1.0", "in-the-gap", time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC), "Sunday 29 March 2026, 03:30 CEST / Sunday 29 March 2026, 01:30 UTC"},
		{"eu-1.0", "twice", time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), "Sunday 25 October 2026, 02:30 CEST / Sunday 25 October 2026, 00:30 UTC"},
		// US DST 2026 ended 1 November: 09:00 PST is 17:00 UTC.
		{"eu-1.0", "release", time.Date(2026, 11, 4, 17, 0, 0, 0, time.UTC), "Wednesday 4 November 2026, 09:00 PST / Wednesday 4 November 2026, 17:00 UTC"},
	}
	for _, tt := range tests {
		m := rwRelease(t, h, tt.release).Milestone(tt.id)
		if m == nil {
			t.Errorf("%s: no %s", tt.release, tt.id)
			continue
		}
		if got := m.Instant(); !got.Equal(tt.instant) {
			t.Errorf("%s %s instant = %v, want %v", tt.release, tt.id, got, tt.instant)
		}
		if got := m.When(); got != tt.when {
			t.Errorf("%s %s When()\n got %q\nwant %q", tt.release, tt.id, got, tt.when)
		}
	}
	// Timeline order: by day, then as written, the timed ones of a day
	// by instant among their places — not by id.
	var order []string
	for _, m := range rwRelease(t, h, "v1.33").Milestones {
		order = append(order, m.ID)
	}
	if want := []string{"enhancements-freeze", "code-freeze", "code-freeze-utc", "after-hours", "retro-notes", "release"}; !slices.Equal(order, want) {
		t.Errorf("timeline order\n got %v\nwant %v", order, want)
	}
}

// SPEC §2 and §3 on business days, holidays and the handbook/release merge.
func TestResolveHolidays(t *testing.T) {
	handbookTOML := rwHandbookTOML + "holidays = [2025-12-25, 2026-01-01]\n"
	// OpenStack 2026.1 Gazpacho: "October 2, 2025 - April 1, 2026", R+0 =
	// Mar 30 - Apr 03 (docs/gazpacho/schedule.html). Gazpacho-2 is "January 8,
	// 2026" (R-12).
	gazpacho := `name = "OpenStack 2026.1 Gazpacho"
start = 2025-10-02
due_weekday = "Thursday"
holidays = [2025-11-27, "2025-12-26"]

[milestone.thanksgiving-week]
at = "R-18"

[milestone.christmas-week]
at = "R-14"

[milestone.new-year-week]
at = "R-13"

[milestone.gazpacho-2]
at = "R-12"

[milestone.after-thanksgiving]
at = "2025-11-26 + 1bd"

[milestone.before-christmas]
at = "2025-12-29 - 2bd"

[milestone.release]
date = 2026-04-01
`
	h, diags := rwResolve(t, map[string]string{"handbook.toml": handbookTOML, "releases/2026.1.toml": gazpacho}, handbook.MustDate(2025, 10, 2))
	if errs := rwStrings(diags, diag.Error); len(errs) > 0 {
		t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
	}
	r := rwRelease(t, h, "2026.1")
	want := []handbook.Date{
		handbook.MustDate(2025, 11, 27), handbook.MustDate(2025, 12, 25),
		handbook.MustDate(2025, 12, 26), handbook.MustDate(2026, 1, 1),
	}
	if !slices.Equal(r.Holidays, want) {
		t.Errorf("holidays = %v, want %v (handbook and release merged, sorted)", r.Holidays, want)
	}
	rwCheckMilestones(t, r, []rwWant{
		// R-18 is Nov 24-28 2025; Thursday 27th is US Thanksgiving.
		{"thanksgiving-week", handbook.MustDate(2025, 11, 26), 0, 9, 18},
		// R-14 is Dec 22-26; Christmas Day is the Thursday (handbook holiday).
		{"christmas-week", handbook.MustDate(2025, 12, 24), 0, 13, 14},
		// R-13 is Dec 29 - Jan 2; New Year's Day is the Thursday.
		{"new-year-week", handbook.MustDate(2025, 12, 31), 0, 14, 13},
		{"gazpacho-2", handbook.MustDate(2026, 1, 8), 0, 15, 12},
		{"after-thanksgiving", handbook.MustDate(2025, 11, 28), 0, 9, 18},
		// Mon 29 Dec - 2bd: Fri 26 and Thu 25 Dec are holidays, so 1bd back
		// is Wednesday 24th and 2bd Tuesday 23rd.
		{"before-christmas", handbook.MustDate(2025, 12, 23), 0, 13, 14},
	})
}

// Diagnostics that point at the line and column of the mistake.
func TestResolveErrors(t *testing.T) {
	tests := []struct {
		name string
		file string // releases/x.toml
		want []string
	}{
		{
			name: "unknown milestone with a hint",
			file: `name = "X"
start = 2025-09-15

[milestone.code-freeze]
date = 2025-11-06

[milestone.docs]
at = "code-frezee + 1w"

[milestone.release]
date = 2025-12-17
`,
			want: []string{`releases/x.toml:8:7: at: unknown milestone "code-frezee"; did you mean "code-freeze"?`},
		},
		{
			name: "subtraction without spaces is an id",
			file: `name = "X"
start = 2025-09-15

[milestone.code-freeze]
date = 2025-11-06

[milestone.reminder]
at = "start .. code-freeze-1w"

[milestone.release]
date = 2025-12-17
`,
			want: []string{`releases/x.toml:8:16: at: unknown milestone "code-freeze-1w"; to subtract, put spaces around the minus: code-freeze - 1w`},
		},
		{
			name: "lower-case countdown",
			file: `name = "X"
start = 2025-09-15

[milestone.rc1]
at = "r-3"

[milestone.release]
date = 2025-12-17
`,
			want: []string{`releases/x.toml:5:7: at: unknown milestone "r-3"; countdown weeks are written with a capital R: R-3`},
		},
		{
			name: "parse error column",
			file: `name = "X"
start = 2025-09-15

[milestone.code-freeze]
at = "start +1w"

[milestone.release]
date = 2025-12-17
`,
			want: []string{`releases/x.toml:5:13: at: unexpected "+1w": put a space on each side of + and -`},
		},
		{
			name: "end before date",
			file: `name = "X"
start = 2025-09-15

[milestone.kubecon]
date = 2025-11-10
end = "2025-11-07"
kind = "event"

[milestone.release]
date = 2025-12-17
`,
			want: []string{`releases/x.toml:6:7: end 2025-11-07 is before the milestone's date 2025-11-10: a span cannot run backwards`},
		},
		{
			name: "time with end",
			file: `name = "X"
start = 2025-09-15

[milestone.kubecon]
date = 2025-11-10
end = 2025-11-13
time = "09:00"

[milestone.release]
date = 2025-12-17
`,
			want: []string{`releases/x.toml:7:8: milestone "kubecon" spans several days and has a time: give one`},
		},
		{
			name: "time with a range in at",
			file: `name = "X"
start = 2025-09-15

[milestone.kubecon]
at = "2025-11-10 .. 2025-11-13"
time = "AoE"

[milestone.release]
date = 2025-12-17
`,
			want: []string{`releases/x.toml:6:8: milestone "kubecon" spans several days and has a time: give one`},
		},
		{
			name: "range in at and end",
			file: `name = "X"
start = 2025-09-15

[milestone.kubecon]
at = "2025-11-10 .. 2025-11-13"
end = "2025-11-14"

[milestone.release]
date = 2025-12-17
`,
			want: []string{`releases/x.toml:6:7: milestone "kubecon" has a range in at and an end: give one`},
		},
		{
			name: "date and at",
			file: `name = "X"
start = 2025-09-15

[milestone.code-freeze]
date = 2025-11-06
at = "start + 7w"

[milestone.release]
date = 2025-12-17
`,
			want: []string{`releases/x.toml:6:6: milestone "code-freeze" has both date and at: give one`},
		},
		{
			name: "range where a point belongs",
			file: `name = "X"
start = 2025-09-15

[milestone.release]
date = 2025-12-17

[phase.burndown]
from = "week 10 .. week 11"
to = "release"
`,
			want: []string{`releases/x.toml:8:8: from: a range (a .. b) is allowed only in at and in role-guide when`},
		},
		{
			name: "phase running backwards",
			file: `name = "X"
start = 2025-09-15

[milestone.code-freeze]
date = 2025-11-06

[milestone.release]
date = 2025-12-17

[phase.burndown]
from = "release"
to = "code-freeze"
`,
			want: []string{`releases/x.toml:12:6: phase "burndown" runs backwards: it ends 2025-11-06, before it starts 2025-12-17`},
		},
		{
			name: "range running backwards",
			file: `name = "X"
start = 2025-09-15

[milestone.window]
at = "week 5 .. week 3"

[milestone.release]
date = 2025-12-17
`,
			want: []string{`releases/x.toml:5:17: at: the range runs backwards: 2025-10-03 is before 2025-10-13`},
		},
		{
			name: "missing release milestone",
			file: `name = "X"
start = 2025-09-15

[milestone.code-freeze]
date = 2025-11-06
`,
			want: []string{`releases/x.toml:1:1: a release needs a [milestone.release]: the date the release ships`},
		},
		{
			name: "missing name and start",
			file: `[milestone.release]
date = 2025-12-17
`,
			want: []string{
				`releases/x.toml:1:1: name is required: the release's display name, e.g. name = "Lighthouse x"`,
				`releases/x.toml:1:1: start is required: the date the cycle begins (week 1 is the week that holds it)`,
			},
		},
		{
			name: "milestone without a date",
			file: `name = "X"
start = 2025-09-15

[milestone.code-freeze]
name = "Code Freeze"

[milestone.release]
date = 2025-12-17
`,
			want: []string{`releases/x.toml:4:1: milestone "code-freeze" needs a date (date = 2026-10-29) or a relative date (at = "start + 3w")`},
		},
		{
			name: "bad values",
			file: `name = "X"
start = 2025-09-15
timezone = "Pacific Time"
due_weekday = "Thursdays"
status = "frozen"

[milestone.code-freeze]
date = 2025-11-06
time = "6pm"
kind = "feature-freeze"

[milestone.release]
date = 2025-12-17
`,
			want: []string{
				`releases/x.toml:3:12: timezone: unknown time zone "Pacific Time": use an IANA name such as "Europe/Berlin" or "UTC"`,
				`releases/x.toml:4:15: due_weekday "Thursdays" is not a weekday name such as "Friday"`,
				`releases/x.toml:5:10: status "frozen" is not one this release can have: planned, active, released, eol`,
				`releases/x.toml:9:8: time "6pm": not a 24-hour HH:MM time; write "AoE", "HH:MM", "HH:MM UTC" or "HH:MM Area/City"`,
				`releases/x.toml:10:8: kind "feature-freeze" is not one of freeze, deadline, release, prerelease, event, milestone`,
			},
		},
		{
			// SPEC §1: "a resolved date outside the years 1900–9999" is an error.
			name: "date before 1900",
			file: `name = "X"
start = 2025-09-15

[milestone.history]
at = "start - 99999d"

[milestone.release]
date = 2025-12-17
`,
			want: []string{`releases/x.toml:5:13: at: the date falls outside the years 1900–9999`},
		},
		{
			// 9999 weeks before September 2025 is in 1834.
			name: "week before 1900",
			file: `name = "X"
start = 2025-09-15

[milestone.history]
at = "week -9999"

[milestone.release]
date = 2025-12-17
`,
			want: []string{`releases/x.toml:5:7: at: the date falls outside the years 1900–9999`},
		},
		{
			// A reference in a description is reported where it is
			// written, through what TOML makes of the text: the newline
			// after """, escapes, a line-ending backslash.
			name: "references in descriptions",
			file: `name = "X"
start = 2025-09-15
summary = "Caf\u00e9 \"quoted\" {{code-frieze}}"

[milestone.code-freeze]
date = 2025-11-06
description = """
Line one, \t tabbed.
Line two is \
    joined: {{frieze}} and {{code-freeze}}.
"""

[milestone.release]
date = 2025-12-17
description = '''
Literal \ stays, then {{nope}}'''
`,
			want: []string{
				`releases/x.toml:3:33: {{code-frieze}}: unknown milestone "code-frieze"; did you mean "code-freeze"?`,
				`releases/x.toml:10:13: {{frieze}}: unknown milestone "frieze"`,
				`releases/x.toml:16:23: {{nope}}: unknown milestone "nope"`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := rwResolve(t, map[string]string{"releases/x.toml": tt.file}, handbook.MustDate(2025, 10, 1))
			got := rwStrings(diags, diag.Error)
			if !slices.Equal(got, tt.want) {
				t.Errorf("errors\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// SPEC §2: "cycles are errors that name every member of the cycle" —
// reported once, not once per member.
func TestResolveCycles(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		members [][]string // one slice per expected cycle diagnostic
		pos     []string   // where each may be reported
	}{
		{
			name: "two milestones",
			file: `name = "X"
start = 2025-09-15

[milestone.code-freeze]
at = "docs-freeze - 1w"

[milestone.docs-freeze]
at = "code-freeze + 1w"

[milestone.release]
date = 2025-12-17
`,
			members: [][]string{{"code-freeze", "docs-freeze"}},
			pos:     []string{"releases/x.toml:5:6", "releases/x.toml:8:6"},
		},
		{
			name: "self reference",
			file: `name = "X"
start = 2025-09-15

[milestone.code-freeze]
at = "code-freeze + 1w"

[milestone.release]
date = 2025-12-17
`,
			members: [][]string{{"code-freeze"}},
			pos:     []string{"releases/x.toml:5:6"},
		},
		{
			name: "three milestones entered from outside",
			file: `name = "X"
start = 2025-09-15

[milestone.announce]
at = "a + 1d"

[milestone.a]
at = "b + 1d"

[milestone.b]
at = "c + 1d"

[milestone.c]
at = "a - 3d"

[milestone.release]
date = 2025-12-17
`,
			members: [][]string{{"a", "b", "c"}},
			pos:     []string{"releases/x.toml:8:6", "releases/x.toml:11:6", "releases/x.toml:14:6"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := rwResolve(t, map[string]string{"releases/x.toml": tt.file}, handbook.MustDate(2025, 10, 1))
			var cycles []diag.Diagnostic
			for _, d := range diags.Errors() {
				if strings.Contains(d.Message, "defined in terms of each other") {
					cycles = append(cycles, d)
				} else {
					t.Errorf("other error: %s", d)
				}
			}
			if len(cycles) != len(tt.members) {
				t.Fatalf("%d cycle diagnostics, want %d: %v", len(cycles), len(tt.members), cycles)
			}
			for i, d := range cycles {
				for _, m := range tt.members[i] {
					if !strings.Contains(d.Message, m) {
						t.Errorf("%s does not name %q", d, m)
					}
				}
				if !slices.Contains(tt.pos, d.Pos.String()) {
					t.Errorf("reported at %s, want one of %v", d.Pos, tt.pos)
				}
			}
		})
	}
}

// The release week R-0 is defined by the release milestone, so a release
// placed by a countdown week depends on itself: one error, at the value,
// naming the release milestone, and no release.
func TestResolveReleaseByCountdown(t *testing.T) {
	file := `name = "X"
start = 2025-09-15

[milestone.release]
at = "R-1"
`
	h, diags := rwResolve(t, map[string]string{"releases/x.toml": file}, handbook.MustDate(2025, 10, 1))
	errs := diags.Errors()
	if len(errs) != 1 || errs[0].Pos.String() != "releases/x.toml:5:6" || !strings.Contains(errs[0].Message, "release") {
		t.Errorf("errors = %q, want one at releases/x.toml:5:6 about the release milestone", rwStrings(diags, diag.Error))
	}
	if h.Release("x") != nil {
		t.Error("a release whose release date cannot be worked out resolved")
	}
}

// A span's end may be written relative to its own date: the anchor means
// the milestone's `date` (SPEC §2), which does not depend on `end`. The
// KubeCon NA row of release-1.35 is "Monday 10th - Thursday 13th November".
func TestResolveEndRelativeToOwnDate(t *testing.T) {
	file := `name = "Kubernetes v1.35"
start = 2025-09-15

[milestone.kubecon]
date = 2025-11-10
end = "kubecon + 3d"
kind = "event"

[milestone.release]
date = 2025-12-17
`
	h, diags := rwResolve(t, map[string]string{"releases/v1.35.toml": file}, handbook.MustDate(2025, 10, 1))
	if errs := rwStrings(diags, diag.Error); len(errs) > 0 {
		t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
	}
	m := rwRelease(t, h, "v1.35").Milestone("kubecon")
	if m == nil || m.Date != handbook.MustDate(2025, 11, 10) || m.End != handbook.MustDate(2025, 11, 13) {
		t.Errorf("kubecon = %+v", m)
	}
}

// The slip history: SEQUENCE is the milestone's own `was` count plus that of
// every milestone its date depends on (SPEC §4).
func TestResolveSequence(t *testing.T) {
	// kubernetes/sig-release releases/release-1.10/release-1.10.md: the tl;dr
	// says the cycle "ends on release day, Wednesday, March 21st"; the
	// timeline puts v1.10.0 on 26 March 2018, the day it shipped. "End of
	// code freeze" is 19 March and "Release retrospective" 29 March, both
	// tied to the release. The slip of the end of code freeze below is
	// illustrative, to show the sum.
	file := `name = "Kubernetes v1.10"
codename = "Left Shark"
start = 2018-01-02

[milestone.feature-freeze]
date = 2018-01-22

[milestone.code-freeze]
date = 2018-02-26

[milestone.end-of-code-freeze]
at = "release - 1w"
was = [{ date = 2018-03-14, changed = 2018-03-01, note = "moved with the release" }]

[milestone.notify]
name = "Notify kubernetes-dev of lifting code freeze"
at = "end-of-code-freeze + 1d"

[milestone.release]
name = "v1.10.0"
date = 2018-03-26
was = [2018-03-21]
note = "Release day moved from the 21st to the 26th"

[milestone.retrospective]
at = "release + 3d"

[phase.code-freeze]
from = "code-freeze"
to = "end-of-code-freeze"
`
	h, diags := rwResolve(t, map[string]string{"releases/v1.10.toml": file}, handbook.MustDate(2018, 3, 1))
	if errs := rwStrings(diags, diag.Error); len(errs) > 0 {
		t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
	}
	r := rwRelease(t, h, "v1.10")
	tests := []struct {
		id   string
		date handbook.Date
		seq  int
	}{
		{"feature-freeze", handbook.MustDate(2018, 1, 22), 0},
		{"code-freeze", handbook.MustDate(2018, 2, 26), 0},
		{"end-of-code-freeze", handbook.MustDate(2018, 3, 19), 2}, // own 1 + release 1
		{"notify", handbook.MustDate(2018, 3, 20), 2},             // end-of-code-freeze 1 + release 1
		{"release", handbook.MustDate(2018, 3, 26), 1},
		{"retrospective", handbook.MustDate(2018, 3, 29), 1},
	}
	for _, tt := range tests {
		m := r.Milestone(tt.id)
		if m.Date != tt.date || m.Sequence != tt.seq {
			t.Errorf("%s = %s seq %d; want %s seq %d", tt.id, m.Date, m.Sequence, tt.date, tt.seq)
		}
	}
	rel := r.Milestone("release")
	if len(rel.Was) != 1 || rel.Was[0].Date != handbook.MustDate(2018, 3, 21) || rel.Note == "" {
		t.Errorf("release was = %+v", rel.Was)
	}
	ecf := r.Milestone("end-of-code-freeze")
	if len(ecf.Was) != 1 || ecf.Was[0] != (handbook.Slip{Date: handbook.MustDate(2018, 3, 14), Changed: handbook.MustDate(2018, 3, 1), Note: "moved with the release"}) {
		t.Errorf("end-of-code-freeze was = %+v", ecf.Was)
	}
	var slipped []string
	for _, m := range r.Slipped() {
		slipped = append(slipped, m.ID)
	}
	if !slices.Equal(slipped, []string{"end-of-code-freeze", "release"}) {
		t.Errorf("Slipped() = %v", slipped)
	}
	// K8s 1.10 starts on Tuesday 2 January 2018 ("week 1"); "Feature Freeze
	// begins ... 22 | week 4"; "Begin code freeze ... 26 | week 9"; "v1.10.0
	// ... 26 | week 13".
	for id, week := range map[string]int{"feature-freeze": 4, "code-freeze": 9, "release": 13} {
		if got := r.Week(r.Milestone(id).Date); got != week {
			t.Errorf("%s week %d, want %d", id, got, week)
		}
	}
}

// Statuses and the current release (SPEC §3), with real OpenStack cycles:
// 2024.2 Dalmatian "April 3, 2024 - October 2, 2024"; 2025.1 Epoxy "2
// October, 2024 - 2 April, 2025"; Epoxy's cycle-trailing deliverables "by
// June 5, 2025" (flamingo/schedule.rst); 2025.2 Flamingo from 2 April 2025,
// "Wednesday, October 1, 2025".
func TestResolveStatusAndCurrent(t *testing.T) {
	rel := func(name, start, release string) string {
		return "name = \"" + name + "\"\nstart = " + start + "\n\n[milestone.release]\ndate = " + release + "\n"
	}
	files := map[string]string{
		"releases/2024.2.toml":          rel("Dalmatian", "2024-04-03", "2024-10-02"),
		"releases/2025.1.toml":          rel("Epoxy", "2024-10-02", "2025-04-02"),
		"releases/2025.1-trailing.toml": rel("Epoxy cycle-trailing", "2024-10-02", "2025-06-05"),
		"releases/2025.2.toml":          rel("Flamingo", "2025-04-02", "2025-10-01"),
	}
	tests := []struct {
		today   handbook.Date
		current string
		status  map[string]handbook.Status
	}{
		// Before any cycle: the one that starts next.
		{handbook.MustDate(2024, 1, 1), "2024.2", map[string]handbook.Status{"2024.2": handbook.Planned, "2025.1": handbook.Planned, "2025.2": handbook.Planned}},
		{handbook.MustDate(2024, 6, 1), "2024.2", map[string]handbook.Status{"2024.2": handbook.Active, "2025.1": handbook.Planned}},
		// 2 October 2024: Dalmatian's release day and Epoxy's first day; the
		// earliest release date wins.
		{handbook.MustDate(2024, 10, 2), "2024.2", map[string]handbook.Status{"2024.2": handbook.Active, "2025.1": handbook.Active}},
		{handbook.MustDate(2024, 10, 3), "2025.1", map[string]handbook.Status{"2024.2": handbook.Released, "2025.1": handbook.Active, "2025.1-trailing": handbook.Active}},
		{handbook.MustDate(2025, 4, 2), "2025.1", map[string]handbook.Status{"2025.1": handbook.Active, "2025.1-trailing": handbook.Active, "2025.2": handbook.Active}},
		{handbook.MustDate(2025, 4, 3), "2025.1-trailing", map[string]handbook.Status{"2025.1": handbook.Released, "2025.1-trailing": handbook.Active, "2025.2": handbook.Active}},
		{handbook.MustDate(2025, 6, 6), "2025.2", map[string]handbook.Status{"2025.1-trailing": handbook.Released, "2025.2": handbook.Active}},
		// After every cycle: the latest released.
		{handbook.MustDate(2025, 12, 1), "2025.2", map[string]handbook.Status{"2024.2": handbook.Released, "2025.2": handbook.Released}},
	}
	for _, tt := range tests {
		h, diags := rwResolve(t, files, tt.today)
		if errs := rwStrings(diags, diag.Error); len(errs) > 0 {
			t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
		}
		if h.Current == nil || h.Current.ID != tt.current {
			t.Errorf("today %s: current = %v, want %s", tt.today, h.Current, tt.current)
		}
		for id, want := range tt.status {
			if got := rwRelease(t, h, id).Status; got != want {
				t.Errorf("today %s: %s status %q, want %q", tt.today, id, got, want)
			}
		}
		// Newest first by start; equal starts by id.
		var ids []string
		for _, r := range h.Releases {
			ids = append(ids, r.ID)
		}
		if want := []string{"2025.2", "2025.1", "2025.1-trailing", "2024.2"}; !slices.Equal(ids, want) {
			t.Errorf("release order %v, want %v", ids, want)
		}
	}

	// An explicit current wins; an unknown one is an error at its position.
	hb := rwHandbookTOML + "current = \"2025.1\"\n"
	files["handbook.toml"] = hb
	h, _ := rwResolve(t, files, handbook.MustDate(2025, 6, 6))
	if h.Current == nil || h.Current.ID != "2025.1" {
		t.Errorf("explicit current = %v", h.Current)
	}
	files["handbook.toml"] = rwHandbookTOML + "current = \"2099.1\"\n"
	h, diags := rwResolve(t, files, handbook.MustDate(2025, 6, 6))
	if got, want := rwStrings(diags, diag.Error), []string{`handbook.toml:4:11: current names release "2099.1", but there is no releases/2099.1.toml`}; !slices.Equal(got, want) {
		t.Errorf("errors = %q, want %q", got, want)
	}
	if h.Current == nil || h.Current.ID != "2025.2" {
		t.Errorf("after an unknown current, current = %v, want the derived one", h.Current)
	}
}

// Release lists sort by start, never by id: v1.10 comes after v1.9.
// kubernetes/sig-release: "The 1.9 release cycle begins on Monday, October 2,
// 2017" ... "Wed Dec 13: v1.9.0"; "The 1.10 release cycle begins on Tuesday,
// January 2nd, 2018"; v1.10.0 on 26 March 2018. Kubernetes 1.31: released 13
// August 2024, end of life 2025-10-28 (endoflife.date/kubernetes).
func TestResolveOrderAndEOL(t *testing.T) {
	files := map[string]string{
		"releases/v1.9.toml":  "name = \"v1.9\"\nstart = 2017-10-02\nstatus = \"eol\"\n\n[milestone.release]\ndate = 2017-12-13\n",
		"releases/v1.10.toml": "name = \"v1.10\"\nstart = 2018-01-02\n\n[milestone.release]\ndate = 2018-03-26\n",
		"releases/v1.31.toml": "name = \"v1.31\"\nstart = 2024-05-13\neol = 2025-10-28\n\n[milestone.release]\ndate = 2024-08-13\n",
	}
	h, diags := rwResolve(t, files, handbook.MustDate(2025, 10, 28))
	if errs := rwStrings(diags, diag.Error); len(errs) > 0 {
		t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
	}
	var ids []string
	for _, r := range h.Releases {
		ids = append(ids, r.ID)
	}
	if want := []string{"v1.31", "v1.10", "v1.9"}; !slices.Equal(ids, want) {
		t.Errorf("order %v, want %v", ids, want)
	}
	// On its EOL date a release is still released; after it, eol.
	if s := rwRelease(t, h, "v1.31").Status; s != handbook.Released {
		t.Errorf("v1.31 on 2025-10-28: %q", s)
	}
	if s := rwRelease(t, h, "v1.9").Status; s != handbook.EOL {
		t.Errorf("v1.9 explicit status: %q", s)
	}
	if s := rwRelease(t, h, "v1.10").Status; s != handbook.Released {
		t.Errorf("v1.10 status: %q", s)
	}
	h, _ = rwResolve(t, files, handbook.MustDate(2025, 10, 29))
	if s := rwRelease(t, h, "v1.31").Status; s != handbook.EOL {
		t.Errorf("v1.31 on 2025-10-29: %q", s)
	}
	if h.Current.ID != "v1.31" {
		t.Errorf("current = %s, want the latest released", h.Current.ID)
	}
	// An explicit status wins over the dates.
	files["releases/v1.31.toml"] = strings.Replace(files["releases/v1.31.toml"], "eol = 2025-10-28\n", "eol = 2025-10-28\nstatus = \"active\"\n", 1)
	h, _ = rwResolve(t, files, handbook.MustDate(2025, 10, 29))
	if s := rwRelease(t, h, "v1.31").Status; s != handbook.Active {
		t.Errorf("explicit status: %q", s)
	}
}

func rwDates(ds []handbook.Date) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return out
}

func TestResolveMeetings(t *testing.T) {
	// kubernetes/sig-release releases/release-1.10/release-1.10.md: "Burndown
	// meetings are held on Mondays, Wednesdays and Fridays at 10AM Pacific
	// until the final release is near, and then every business day": "Begin
	// MWF Burndown meetings" 26 Feb 2018, "Begin M-F Burndown meetings" 12
	// March 2018, v1.10.0 on 26 March. US DST 2018 began on 11 March, so
	// the 10:00 meeting moved from 18:00 UTC to 17:00 UTC.
	k110 := `name = "Kubernetes v1.10"
start = 2018-01-02
timezone = "America/Los_Angeles"

[milestone.code-freeze]
date = 2018-02-26

[milestone.daily-burndown]
date = 2018-03-12

[milestone.release]
date = 2018-03-26

[meeting.burndown-mwf]
name = "Burndown"
every = "week"
on = ["Friday", "Monday", "wednesday"]
time = "10:00"
from = "code-freeze"
until = "daily-burndown - 1d"

[meeting.burndown-daily]
name = "Burndown"
every = "weekday"
time = "10:00"
from = "daily-burndown"
duration = "30m"
`
	// kubernetes/sig-release releases/release-1.35/README.md: "Begin Burndown
	// (Monday, Wednesday, and Friday meetings) | Monday 17th November 2025",
	// "Burndown Meetings daily ... | Monday 24th November 2025", KubeCon NA
	// "Monday 10th - Thursday 13th November 2025". US Thanksgiving is 27
	// November 2025; the release team is off the Friday after too.
	k135 := `name = "Kubernetes v1.35"
start = 2025-09-15
timezone = "America/Los_Angeles"
holidays = [2025-11-27, 2025-11-28]

[milestone.release]
date = 2025-12-17

[meeting.release-team]
every = "week"
on = ["Monday"]
time = "10:00"
from = "week 7"
until = "week 10"
skip = [2025-11-10, 2025-11-11]
roles = ["release-lead", "enhancements"]

[meeting.burndown-daily]
every = "weekday"
time = "09:00"
timezone = "Europe/Berlin"
from = "week 11"

[meeting.sig-release]
every = "2 weeks"
on = ["Tuesday"]
time = "14:30"
timezone = "UTC"
from = "start"
until = "2025-11-30"

[meeting.biweekly-late-start]
every = "2 weeks"
on = ["Monday", "Thursday"]
time = "08:00"
from = "2025-09-20"
until = "2025-10-31"
`
	// A weekly 10:00 Los Angeles meeting across the end of US DST on 1
	// November 2026 stays at 10:00 local: 17:00 UTC before, 18:00 UTC after.
	fall := `name = "Autumn 2026"
start = 2026-10-05
timezone = "America/Los_Angeles"

[milestone.release]
date = 2026-11-11

[meeting.weekly]
every = "week"
on = ["Monday"]
time = "10:00"
from = "2026-10-19"
`
	h, diags := rwResolve(t, map[string]string{
		"releases/v1.10.toml": k110,
		"releases/v1.35.toml": k135,
		"releases/fall.toml":  fall,
	}, handbook.MustDate(2025, 11, 1))
	if errs := rwStrings(diags, diag.Error); len(errs) > 0 {
		t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
	}
	// Skipping a day the meeting would not meet on anyway is a warning.
	if w := rwStrings(diags, diag.Warning); !slices.Contains(w, `releases/v1.35.toml:15:21: warning: meeting "release-team" does not meet on 2025-11-11 (Tuesday) anyway [skip-no-meeting]`) {
		t.Errorf("warnings = %q", w)
	}
	meeting := func(release, id string) *handbook.Meeting {
		for _, m := range rwRelease(t, h, release).Meetings {
			if m.ID == id {
				return m
			}
		}
		t.Fatalf("%s: no meeting %q", release, id)
		return nil
	}
	tests := []struct {
		release, id string
		want        []string
	}{
		{"v1.10", "burndown-mwf", []string{"2018-02-26", "2018-02-28", "2018-03-02", "2018-03-05", "2018-03-07", "2018-03-09"}},
		{"v1.10", "burndown-daily", []string{"2018-03-12", "2018-03-13", "2018-03-14", "2018-03-15", "2018-03-16", "2018-03-19", "2018-03-20", "2018-03-21", "2018-03-22", "2018-03-23", "2018-03-26"}},
		// Mondays of weeks 7 to 10 (27 Oct – 17 Nov), KubeCon Monday skipped.
		{"v1.35", "release-team", []string{"2025-10-27", "2025-11-03", "2025-11-17"}},
		// Weekdays from week 11 (24 Nov) to release day, Thanksgiving off.
		{"v1.35", "burndown-daily", []string{"2025-11-24", "2025-11-25", "2025-11-26", "2025-12-01", "2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05", "2025-12-08", "2025-12-09", "2025-12-10", "2025-12-11", "2025-12-12", "2025-12-15", "2025-12-16", "2025-12-17"}},
		// Every other Tuesday from the first one, 16 September 2025.
		{"v1.35", "sig-release", []string{"2025-09-16", "2025-09-30", "2025-10-14", "2025-10-28", "2025-11-11", "2025-11-25"}},
		// "2 weeks" counts from the week of the first occurrence (Monday 22
		// September), not from the week of `from` (Saturday 20 September).
		{"v1.35", "biweekly-late-start", []string{"2025-09-22", "2025-09-25", "2025-10-06", "2025-10-09", "2025-10-20", "2025-10-23"}},
		{"fall", "weekly", []string{"2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09"}},
	}
	for _, tt := range tests {
		if got := rwDates(meeting(tt.release, tt.id).Occurrences); !slices.Equal(got, tt.want) {
			t.Errorf("%s %s occurrences\n got %v\nwant %v", tt.release, tt.id, got, tt.want)
		}
	}

	mwf := meeting("v1.10", "burndown-mwf")
	if !slices.Equal(mwf.On, []time.Weekday{time.Monday, time.Wednesday, time.Friday}) {
		t.Errorf("on = %v, want Monday, Wednesday, Friday", mwf.On)
	}
	if mwf.Zone.String() != "America/Los_Angeles" || mwf.Duration != time.Hour {
		t.Errorf("zone %s, duration %v", mwf.Zone, mwf.Duration)
	}
	if got, want := mwf.Describe(), "Mondays, Wednesdays and Fridays 10:00 PT, from Monday 26 February 2018 until Sunday 11 March 2018"; got != want {
		t.Errorf("Describe()\n got %q\nwant %q", got, want)
	}
	if got, want := mwf.Start(handbook.MustDate(2018, 3, 9)), time.Date(2018, 3, 9, 18, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("burndown Fri 9 Mar 2018 = %v, want %v", got.UTC(), want)
	}
	daily := meeting("v1.10", "burndown-daily")
	if got, want := daily.Start(handbook.MustDate(2018, 3, 12)), time.Date(2018, 3, 12, 17, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("burndown Mon 12 Mar 2018 = %v, want %v", got.UTC(), want)
	}
	if daily.Duration != 30*time.Minute || daily.Until != handbook.MustDate(2018, 3, 26) {
		t.Errorf("daily duration %v until %s", daily.Duration, daily.Until)
	}
	berlin := meeting("v1.35", "burndown-daily")
	if !slices.Equal(rwDates(berlin.Holidays), []string{"2025-11-27", "2025-11-28"}) {
		t.Errorf("weekday meeting holidays = %v", rwDates(berlin.Holidays))
	}
	// 09:00 Berlin (CET in November) is 08:00 UTC.
	if got, want := berlin.Start(handbook.MustDate(2025, 11, 24)), time.Date(2025, 11, 24, 8, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Berlin burndown = %v, want %v", got.UTC(), want)
	}
	rt := meeting("v1.35", "release-team")
	if rt.From != handbook.MustDate(2025, 10, 27) || rt.Until != handbook.MustDate(2025, 11, 21) || !slices.Equal(rt.Roles, []string{"release-lead", "enhancements"}) {
		t.Errorf("release-team from %s until %s roles %v", rt.From, rt.Until, rt.Roles)
	}
	weekly := meeting("fall", "weekly")
	if got, want := weekly.Start(handbook.MustDate(2026, 10, 26)), time.Date(2026, 10, 26, 17, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Mon 26 Oct 2026 10:00 PDT = %v, want %v", got.UTC(), want)
	}
	if got, want := weekly.Start(handbook.MustDate(2026, 11, 2)), time.Date(2026, 11, 2, 18, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Mon 2 Nov 2026 10:00 PST = %v, want %v", got.UTC(), want)
	}
}

func TestResolveMeetingErrors(t *testing.T) {
	tests := []struct {
		name    string
		meeting string // the [meeting.m] table, starting on line 7
		want    []string
	}{
		{
			name:    "every",
			meeting: "every = \"monthly\"\non = [\"Monday\"]\ntime = \"10:00\"\n",
			want:    []string{`releases/x.toml:8:9: every "monthly" is not "week", "2 weeks" or "weekday"`},
		},
		{
			name:    "no on",
			meeting: "every = \"week\"\ntime = \"10:00\"\n",
			want:    []string{`releases/x.toml:8:9: meeting "m" needs on: the weekdays it meets, e.g. on = ["Monday"]`},
		},
		{
			name:    "on with weekday",
			meeting: "every = \"weekday\"\non = [\"Monday\"]\ntime = \"10:00\"\n",
			want:    []string{`releases/x.toml:9:7: meeting "m" meets every weekday: leave out on`},
		},
		{
			name:    "bad weekday",
			meeting: "every = \"week\"\non = [\"Mondays\"]\ntime = \"10:00\"\n",
			want:    []string{`releases/x.toml:9:7: on: "Mondays" is not a weekday name such as "Monday"`},
		},
		{
			name:    "time with zone",
			meeting: "every = \"week\"\non = [\"Monday\"]\ntime = \"10:00 UTC\"\n",
			want:    []string{`releases/x.toml:10:8: time "10:00 UTC": write a bare HH:MM and put the zone in timezone (not a 24-hour HH:MM time otherwise)`},
		},
		{
			name:    "no time",
			meeting: "every = \"week\"\non = [\"Monday\"]\n",
			want:    []string{`releases/x.toml:7:1: meeting "m" needs a time: time = "10:00" (local time in its zone)`},
		},
		{
			name:    "duration",
			meeting: "every = \"week\"\non = [\"Monday\"]\ntime = \"10:00\"\nduration = \"2 hours\"\n",
			want:    []string{`releases/x.toml:11:12: duration "2 hours": write hours and minutes such as "1h", "30m" or "1h30m" (at most 24h)`},
		},
		{
			name:    "until before from",
			meeting: "every = \"week\"\non = [\"Monday\"]\ntime = \"10:00\"\nfrom = \"2025-12-01\"\nuntil = \"2025-11-01\"\n",
			want:    []string{`releases/x.toml:12:9: meeting "m" ends (2025-11-01) before it starts (2025-12-01)`},
		},
		{
			// No `until`: it defaults to the release date, so a meeting that
			// starts after the release ends before it starts. The message must
			// still point into the file (at `from`, or the table).
			name:    "from after the default until",
			meeting: "every = \"week\"\non = [\"Monday\"]\ntime = \"10:00\"\nfrom = \"release + 1w\"\n",
			want:    []string{`releases/x.toml:11:8: meeting "m" ends (2025-12-17) before it starts (2025-12-24)`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := "name = \"X\"\nstart = 2025-09-15\n\n[milestone.release]\ndate = 2025-12-17\n\n[meeting.m]\n" + tt.meeting
			_, diags := rwResolve(t, map[string]string{"releases/x.toml": file}, handbook.MustDate(2025, 10, 1))
			if got := rwStrings(diags, diag.Error); !slices.Equal(got, tt.want) {
				t.Errorf("errors\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// SPEC §2: "A due date that falls on a weekend stays where it is, but check
// warns". kubernetes/sig-release releases/release-1.34/README.md: "v1.34.0-rc.1
// released (additional release cut for critical bug fix) | Saturday 9th
// August 2025 | week 12".
func TestResolveWeekendWarnings(t *testing.T) {
	file := `name = "Kubernetes v1.34"
start = 2025-05-19

[milestone.rc-1]
name = "v1.34.0-rc.1 released"
date = 2025-08-09
kind = "prerelease"

[milestone.weekend-reminder]
at = "week 8 + 2d"

[milestone.community-event]
date = 2025-08-10
kind = "event"

[milestone.release]
date = 2025-08-27
`
	h, diags := rwResolve(t, map[string]string{"releases/v1.34.toml": file}, handbook.MustDate(2025, 8, 1))
	want := []string{
		`releases/v1.34.toml:6:8: warning: milestone "rc-1" falls on a Saturday (2025-08-09) [weekend]`,
		`releases/v1.34.toml:10:6: warning: milestone "weekend-reminder" falls on a Sunday (2025-07-13) [weekend]`,
	}
	if got := rwStrings(diags, diag.Warning); !slices.Equal(got, want) || len(diags.Errors()) > 0 {
		t.Errorf("diagnostics\n got %q\nwant %q", rwStrings(diags, diag.Warning), want)
	}
	r := rwRelease(t, h, "v1.34")
	if m := r.Milestone("rc-1"); m.Date != handbook.MustDate(2025, 8, 9) || r.Week(m.Date) != 12 {
		t.Errorf("rc-1 moved: %s week %d", m.Date, r.Week(m.Date))
	}
}

// handbook.toml's current names a release whose file exists but does not
// resolve: the release's own problem is reported; relbook must not claim
// the file is missing.
func TestResolveCurrentNamesBrokenRelease(t *testing.T) {
	files := map[string]string{
		"handbook.toml":        rwHandbookTOML + "current = \"2025.1\"\n",
		"releases/2025.1.toml": "name = \"Epoxy\"\nstart = 2024-10-02\n",
		"releases/2024.2.toml": "name = \"Dalmatian\"\nstart = 2024-04-03\n\n[milestone.release]\ndate = 2024-10-02\n",
	}
	_, diags := rwResolve(t, files, handbook.MustDate(2024, 11, 1))
	errs := rwStrings(diags, diag.Error)
	if !slices.Contains(errs, "releases/2025.1.toml:1:1: a release needs a [milestone.release]: the date the release ships") {
		t.Errorf("errors = %q", errs)
	}
	for _, e := range errs {
		if strings.Contains(e, "there is no releases/2025.1.toml") {
			t.Errorf("misleading: %s", e)
		}
	}
}

// A span may end at a milestone that is itself relative to the span's
// start: the anchor means the span's `date` (SPEC §2), which is known before
// its `end` is, so this is not a cycle. kubernetes/sig-release
// releases/release-1.10/release-1.10.md: "Begin code freeze (EOD PST) | Feb
// 26", "End of code freeze (EOD PST) | Mar 19" — three weeks later.
func TestResolveSpanEndingAtDependentMilestone(t *testing.T) {
	file := `name = "Kubernetes v1.10"
start = 2018-01-02

[milestone.code-freeze]
date = 2018-02-26
end = "end-of-code-freeze"

[milestone.end-of-code-freeze]
at = "code-freeze + 3w"

[milestone.release]
date = 2018-03-26
`
	h, diags := rwResolve(t, map[string]string{"releases/v1.10.toml": file}, handbook.MustDate(2018, 3, 1))
	if errs := rwStrings(diags, diag.Error); len(errs) > 0 {
		t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
	}
	r := rwRelease(t, h, "v1.10")
	if m := r.Milestone("code-freeze"); m.Date != handbook.MustDate(2018, 2, 26) || m.End != handbook.MustDate(2018, 3, 19) {
		t.Errorf("code-freeze = %s .. %s, want 2018-02-26 .. 2018-03-19", m.Date, m.End)
	}
	if m := r.Milestone("end-of-code-freeze"); m.Date != handbook.MustDate(2018, 3, 19) {
		t.Errorf("end-of-code-freeze = %s", m.Date)
	}
}

// A release day before the cycle starts is a typo (here the year of
// Kubernetes v1.35's "Wednesday 17th December 2025"); it must not resolve
// silently into a cycle that contains no day at all.
func TestResolveReleaseBeforeStart(t *testing.T) {
	file := `name = "Kubernetes v1.35"
start = 2025-09-15

[milestone.release]
date = 2024-12-17
`
	_, diags := rwResolve(t, map[string]string{"releases/v1.35.toml": file}, handbook.MustDate(2025, 10, 1))
	found := false
	for _, d := range diags {
		if (d.Pos.Line == 5 || d.Pos.Line == 2) && strings.Contains(d.Message, "before") {
			found = true
		}
	}
	if !found {
		t.Errorf("no diagnostic for a release day (2024-12-17) before the start (2025-09-15); got %q", rwStrings(diags, diag.Error))
	}
}
