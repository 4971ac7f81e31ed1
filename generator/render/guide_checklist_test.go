package render_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relbook/relbook/themes"
)

// guideSite is a handbook whose guide is written as plain lists, with
// prose, a callout and a template around its tasks; today (1 October
// 2025) is in week 5.
var guideSite = fstest.MapFS{
	"handbook.toml": {Data: []byte("title = \"Guide Handbook\"\ntimezone = \"UTC\"\n")},
	"releases/v1.0.toml": {Data: []byte(`
name = "Test v1.0"
start = 2025-09-01
timezone = "UTC"

[milestone.code-freeze]
name = "Code freeze"
date = 2025-10-16
kind = "freeze"

[milestone.release]
name = "Released"
date = 2025-11-05
kind = "release"
`)},
	"releases/v2.0.toml": {Data: []byte(`
name = "Test v2.0"
start = 2025-11-03
timezone = "UTC"

[milestone.beta]
name = "Beta"
date = 2025-12-01

[milestone.code-freeze]
name = "Code freeze"
date = 2026-01-15

[milestone.release]
name = "Released"
date = 2026-02-04
kind = "release"
`)},
	"roles/lead.md": {Data: []byte(`+++
title = "Lead"
tasks = "lists"
+++

The lead keeps the cycle moving.

## Week 1 {when="week 1"}

- Open the cycle
  - Copy the folder

## This week's work {when="week 5"}

These must occur in order:

1. Send the reminder (template below)
2. Check the board

> [!TIP]
> - Ask early, not a task.

` + "```template\nCode freeze is {{code-freeze}}; we release {{release}}.\n```" + `

## Release day {when="release"}

- Publish

## Beta {when="beta"}

- Test the beta
`)},
}

// TestChecklistCarriesGuide shows a checklist as its guide for one
// release: all of its content in its order, every task a live checkbox
// with the id the agenda gives it, every dated section headed by its
// date, week and status, past sections folded, and what is due next.
func TestChecklistCarriesGuide(t *testing.T) {
	out, err := renderAll(resolveSite(t, guideSite), themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	page := string(out["releases/v1.0/lead/index.html"])
	agenda := string(out["releases/v1.0/lead/agenda/index.html"])
	for _, want := range []string{
		"<p>The lead keeps the cycle moving.</p>",
		"<p>These must occur in order:</p>",
		`<div class="markdown-alert markdown-alert-tip">`,
		"<li>Ask early, not a task.</li>",
		// The template, with this release's dates.
		"Code freeze is Thursday 16 October 2025; we release Wednesday 5 November 2025.",
		// Week 1 is past: folded, and says so.
		"<section class=\"guide-section\" data-from=\"2025-09-05\" data-due=\"2025-09-05\">\n<h2 id=\"week-1\">",
		"<details class=\"section-body\">\n<summary>Tasks and notes</summary>",
		`<span class="section-status">past</span>`,
		// Week 5 is this week: open.
		`<section class="guide-section" data-from="2025-10-03" data-due="2025-10-03">`,
		"<p class=\"section-due\">Due <time datetime=\"2025-10-03\">Friday 3 October 2025</time> <span class=\"weeks\">Week 5 · R-5</span> <span class=\"section-status\">this week</span></p>\n<details class=\"section-body\" open>",
		`<input type="checkbox" class="task-box" id="v1.0-lead-this-weeks-work-send-the-reminder-template-below"> <label for="v1.0-lead-this-weeks-work-send-the-reminder-template-below">Send the reminder (template below)</label>`,
		`<a class="button this-week" href="#this-weeks-work">This week</a>`,
		`<a class="button" href="agenda/">Agenda by date</a>`,
		`<h2 id="checklist-due-next">Due next</h2>`,
		"<li>Send the reminder (template below)</li><li>Check the board</li>",
		`data-storage="relbook:v1.0:lead"`,
		// A section whose milestone this release lacks is open, and says so.
		"<section class=\"guide-section unscheduled\">\n<h2 id=\"beta\">",
		"<p class=\"section-due\">Not scheduled in Test v1.0</p>\n<details class=\"section-body\" open>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("checklist lacks %s", want)
		}
	}
	ids := regexp.MustCompile(`<input type="checkbox"[^>]* id="([^"]+)"`)
	var onPage, onAgenda []string
	for _, m := range ids.FindAllStringSubmatch(page, -1) {
		onPage = append(onPage, m[1])
	}
	for _, m := range ids.FindAllStringSubmatch(agenda, -1) {
		onAgenda = append(onAgenda, m[1])
	}
	slices.Sort(onPage)
	slices.Sort(onAgenda)
	if len(onPage) != 6 || !slices.Equal(onPage, onAgenda) {
		t.Errorf("checkbox ids:\nchecklist %q\nagenda    %q", onPage, onAgenda)
	}
	if !strings.Contains(agenda, `data-storage="relbook:v1.0:lead"`) || !strings.Contains(agenda, `id="due-2025-10-03"`) {
		t.Error("the agenda lacks its storage key or its groups by date")
	}
	// The guide page keeps its read-only boxes and its due notes.
	guide := string(out["roles/lead/index.html"])
	if strings.Contains(guide, "guide-section") || !strings.Contains(guide, `<input disabled="" type="checkbox" aria-label="to do"> Publish`) ||
		!strings.Contains(guide, `<p class="due">Due`) {
		t.Error("the guide page changed: it should show read-only boxes and due notes, unfolded")
	}
}
