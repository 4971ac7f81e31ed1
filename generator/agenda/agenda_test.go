package agenda

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relbook/relbook/content"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/load"
	"github.com/relbook/relbook/generator/resolve"
)

// site is a small handbook: one release with a key freeze (AoE), a timed
// beta, an event span and two guides.
var site = map[string]string{
	"handbook.toml": `title = "T"
base_url = "https://example.org/hb/"
`,
	"releases/v1.toml": `name = "Project v1"
start = 2026-10-05
timezone = "America/Los_Angeles"

[milestone.kickoff]
name = "Kick-off"
date = 2026-10-06
key = true

[milestone.alpha]
name = "Alpha"
date = 2026-10-14
owner = ["lead"]

[milestone.beta]
name = "Beta"
date = 2026-10-27
time = "18:00"
owner = ["docs"]

[milestone.summit]
name = "Summit"
date = 2026-10-26
end = 2026-10-29
kind = "event"

[milestone.freeze]
name = "Code freeze"
date = 2026-10-29
time = "AoE"
key = true
owner = ["lead"]

[milestone.release]
name = "Released"
date = 2026-11-25
key = true

[phase.dev]
name = "Development"
from = "start"
to = "freeze"

[phase.beta-testing]
name = "Beta testing"
from = "beta"
to = "release"
`,
	"roles/lead.md": `+++
title = "Lead"
order = 1
+++

## Week 1 {when="week 1"}

- [ ] Open the cycle

## Old {when="start + 1d"}

- [ ] Long ago

## Alpha {when="alpha"}

- [ ] Tag the alpha
  - [ ] Write the notes

## Freeze {when="freeze"}

1. [ ] Announce the freeze
2. [ ] Lock the branch

## Soon {when="week 4"}

- [ ] Next-week task
`,
	"roles/docs.md": `+++
title = "Docs"
order = 2
+++

## Placeholders {when="freeze - 1w .. freeze - 3d"}

- [ ] Open placeholders
`,
}

func handbookFor(t *testing.T, today handbook.Date) *handbook.Handbook {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range site {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	src, diags := load.Read(fsys)
	h, more := resolve.Handbook(src, resolve.Options{Today: today})
	if all := append(diags, more...); all.HasErrors() {
		t.Fatalf("fixture: %v", all)
	}
	return h
}

func ids(ms []Milestone) string {
	var s []string
	for _, m := range ms {
		s = append(s, m.ID)
	}
	return strings.Join(s, " ")
}

func groups(w Window) string {
	var s []string
	for _, rt := range w.Roles {
		for _, g := range rt.Groups {
			s = append(s, rt.Role.ID+"@"+g.Due.String())
		}
	}
	return strings.Join(s, " ")
}

func TestBuildEveryRole(t *testing.T) {
	today := handbook.MustDate(2026, 10, 22) // Thursday of week 3
	a, err := Build(handbookFor(t, today), Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	r := a.Release
	if r.ID != "v1" || r.Week != 3 || r.Countdown != 5 || r.DaysToRelease != 34 || r.Status != handbook.Active ||
		r.URL != "https://example.org/hb/releases/v1/" {
		t.Errorf("release: %+v", r)
	}
	if len(a.Phases) != 1 || a.Phases[0].ID != "dev" || a.Phases[0].Day != 18 || a.Phases[0].Days != 25 {
		t.Errorf("phases: %+v", a.Phases)
	}
	// Overdue looks back 14 days only: kick-off (8 Oct... 6 Oct) is 16 days
	// ago, "start + 1d" too; the alpha is not key.
	if a.Overdue.From.String() != "2026-10-08" || a.Overdue.To.String() != "2026-10-21" {
		t.Errorf("overdue window %s – %s", a.Overdue.From, a.Overdue.To)
	}
	if got := ids(a.Overdue.Milestones); got != "" {
		t.Errorf("overdue milestones %q, want none (kick-off is older than 14 days, alpha is not key)", got)
	}
	if got := groups(a.Overdue); got != "lead@2026-10-09 lead@2026-10-14" {
		t.Errorf("overdue groups %q", got)
	}
	if got := ids(a.ThisWeek.Milestones); got != "" {
		t.Errorf("this week milestones %q", got)
	}
	if got := groups(a.ThisWeek); got != "docs@2026-10-26" && got != "" {
		t.Errorf("this week groups %q", got)
	}
	if a.ThisWeek.From.String() != "2026-10-22" || a.ThisWeek.To.String() != "2026-10-25" ||
		a.NextWeek.From.String() != "2026-10-26" || a.NextWeek.To.String() != "2026-11-01" {
		t.Errorf("weeks: %s – %s, %s – %s", a.ThisWeek.From, a.ThisWeek.To, a.NextWeek.From, a.NextWeek.To)
	}
	if got := ids(a.NextWeek.Milestones); got != "summit beta freeze" {
		t.Errorf("next week milestones %q", got)
	}
	if got := groups(a.NextWeek); got != "lead@2026-10-29 lead@2026-10-30 docs@2026-10-26" {
		t.Errorf("next week groups %q", got)
	}
	if got := ids(a.Deadlines); got != "freeze release" {
		t.Errorf("deadlines %q", got)
	}
	f := a.Deadlines[0]
	if f.Days != 7 || f.Countdown != "in 7 days" || f.Time != "AoE" ||
		f.Instant.Format("2006-01-02T15:04Z07:00") != "2026-10-30T12:00Z" ||
		f.Local.Format("2006-01-02T15:04Z07:00") != "2026-10-30T05:00-07:00" {
		t.Errorf("freeze deadline: %+v (instant %v, local %v)", f, f.Instant, f.Local)
	}
}

func TestBuildOneRole(t *testing.T) {
	today := handbook.MustDate(2026, 10, 27) // Tuesday, beta day, summit under way
	a, err := Build(handbookFor(t, today), Options{Today: today, Role: "docs"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Role == nil || a.Role.ID != "docs" || a.Role.Checklist != "https://example.org/hb/releases/v1/docs/" {
		t.Errorf("role %+v", a.Role)
	}
	// A role sees its own milestones and the key ones; not the summit.
	if got := ids(a.ThisWeek.Milestones); got != "beta freeze" {
		t.Errorf("this week milestones %q", got)
	}
	if got := groups(a.Overdue); got != "docs@2026-10-26" {
		t.Errorf("overdue groups %q", got)
	}
	if got := ids(a.Deadlines); got != "beta freeze release" {
		t.Errorf("deadlines %q", got)
	}
	if d := a.Deadlines[0]; d.Countdown != "today" || d.Label != "18:00 PDT" || d.Time != "18:00 America/Los_Angeles" || d.Page != "https://example.org/hb/releases/v1/#beta" {
		t.Errorf("beta: %+v", a.Deadlines[0])
	}
	if len(a.Phases) != 2 {
		t.Errorf("phases: %+v", a.Phases)
	}
}

func TestBuildOverdueKeyMilestone(t *testing.T) {
	today := handbook.MustDate(2026, 10, 12)
	a, err := Build(handbookFor(t, today), Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(a.Overdue.Milestones); got != "kickoff" || a.Overdue.Milestones[0].Countdown != "6 days ago" {
		t.Errorf("overdue milestones %q: %+v", got, a.Overdue.Milestones)
	}
}

func TestBuildSpanUnderWay(t *testing.T) {
	today := handbook.MustDate(2026, 10, 28)
	a, err := Build(handbookFor(t, today), Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range a.ThisWeek.Milestones {
		if m.ID == "summit" && m.Countdown != "under way until Thu 29 Oct" {
			t.Errorf("summit countdown %q", m.Countdown)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	today := handbook.MustDate(2026, 10, 22)
	h := handbookFor(t, today)
	if _, err := Build(h, Options{Today: today, Role: "dcos"}); err == nil || !strings.Contains(err.Error(), `there is no role "dcos"; did you mean "docs"?`) {
		t.Errorf("unknown role: %v", err)
	}
	if _, err := Build(h, Options{Today: today, Release: "v2"}); err == nil || !strings.Contains(err.Error(), `there is no release "v2"; did you mean "v1"? (releases: v1)`) {
		t.Errorf("unknown release: %v", err)
	}
	if _, err := Build(&handbook.Handbook{}, Options{Today: today}); err != ErrNoReleases {
		t.Errorf("no releases: %v", err)
	}
}

// The JSON form is deterministic, uses [] rather than null for empty
// lists, and writes dates as YYYY-MM-DD and instants in RFC 3339.
func TestJSON(t *testing.T) {
	today := handbook.MustDate(2026, 10, 22)
	var outs [2]bytes.Buffer
	for i := range outs {
		a, err := Build(handbookFor(t, today), Options{Today: today})
		if err != nil {
			t.Fatal(err)
		}
		if err := a.WriteJSON(&outs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(outs[0].Bytes(), outs[1].Bytes()) {
		t.Error("two runs gave different JSON")
	}
	js := outs[0].String()
	for _, want := range []string{`"version": 2`, `"today": "2026-10-22"`, `"release_date": "2026-11-25"`, `"due_weekday": "Friday"`, `"countdown_text": "in 4 days"`, `"page": "https://example.org/hb/releases/v1/#`, `"milestones": []`, `"instant": "2026-10-30T12:00:00Z"`, `"local": "2026-10-30T05:00:00-07:00"`} {
		if !strings.Contains(js, want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
	if strings.Count(js, "null") != 1 || !strings.Contains(js, `"role": null`) {
		t.Errorf("JSON has a null other than the role of an agenda for every role:\n%s", js)
	}
	var back map[string]any
	if err := json.Unmarshal(outs[0].Bytes(), &back); err != nil {
		t.Fatal(err)
	}
}

func TestText(t *testing.T) {
	today := handbook.MustDate(2026, 10, 22)
	a, err := Build(handbookFor(t, today), Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := a.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for _, want := range []string{
		"Project v1 (v1)\nactive, week 3, R-5; release Wed 25 Nov 2026, in 34 days\n",
		"As of Thursday 22 October 2026, for every role.\n",
		"  Development  Mon 5 Oct – Thu 29 Oct  day 18 of 25\n",
		"Overdue: due in the last 14 days (Thu 8 Oct – Wed 21 Oct)\n  Lead\n    Fri 9 Oct   13 days ago   week 1\n      - [ ] Open the cycle\n",
		"      - [ ] Tag the alpha\n            - [ ] Write the notes\n",
		"      1. [ ] Announce the freeze\n      2. [ ] Lock the branch\n",
		"  Docs\n    Mon 26 Oct  in 4 days     freeze - 1w .. freeze - 3d (from Thu 22 Oct)\n",
		"  Thu 29 Oct 2026  in 7 days     Code freeze (key)\n                                 AoE: Fri 30 Oct 2026 12:00 UTC = Fri 30 Oct 2026 05:00 PDT\n",
		"    Mon 26 Oct  in 4 days     Summit, until Thu 29 Oct\n    Tue 27 Oct  in 5 days     Beta\n                              18:00 PDT: Wed 28 Oct 2026 01:00 UTC\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks:\n%s\n--- in:\n%s", want, text)
		}
	}
}

// The example handbook's v3.3 has monthly patch releases owned by the
// branch manager, with a cherry-pick deadline the Friday before at the end
// of the day anywhere on Earth: the agenda of a day in the week before
// one lists both, whatever the current release is.
func TestBuildPatches(t *testing.T) {
	today := handbook.MustDate(2026, 11, 30)
	src, diags := load.Read(content.FS)
	h, more := resolve.Handbook(src, resolve.Options{Today: today})
	if all := append(diags, more...); all.HasErrors() {
		t.Fatalf("example: %v", all.Errors())
	}
	for role, want := range map[string]string{
		"":               "v3.3.patches.2026-12.cherry-pick v3.3.patches.2026-12",
		"branch-manager": "v3.3.patches.2026-12.cherry-pick v3.3.patches.2026-12",
		"docs":           "",
	} {
		a, err := Build(h, Options{Today: today, Role: role})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(a.Patches); got != want {
			t.Errorf("role %q: patches %q, want %q", role, got, want)
		}
	}
	a, _ := Build(h, Options{Today: today, Role: "branch-manager"})
	var text strings.Builder
	if err := a.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Patch releases and cherry-pick deadlines (to Sun 13 Dec)",
		"Fri 4 Dec 2026   in 4 days     Cherry-pick deadline for v3.3.4 (Lighthouse v3.3)",
		"AoE: Sat 5 Dec 2026 12:00 UTC",
		"Tue 8 Dec 2026   in 8 days     v3.3.4 patch release (Lighthouse v3.3)",
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, text.String())
		}
	}
}

// The release week reads R+0, as OpenStack names it.
func TestTextReleaseWeek(t *testing.T) {
	today := handbook.MustDate(2026, 11, 23) // the Monday of the release week
	a, err := Build(handbookFor(t, today), Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := a.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if want := ", R+0; release Wed 25 Nov 2026, in 2 days\n"; !strings.Contains(b.String(), want) {
		t.Errorf("text lacks %q:\n%s", want, b.String())
	}
}
