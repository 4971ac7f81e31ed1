package site

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// readerOn makes the tab's clock read noon UTC on 21 November 2026, the
// day the test site is built for, on every page it opens: the checklist
// folds its sections by the reader's clock.
func readerOn() chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(`(() => {
			const fixed = Date.UTC(2026, 10, 21, 12);
			const Real = Date;
			class Fixed extends Real {
				constructor(...args) { if (args.length) { super(...args); } else { super(fixed); } }
				static now() { return fixed; }
			}
			window.Date = Fixed;
		})()`).Do(ctx)
		return err
	})
}

// TestBrowserChecklistGuide opens a checklist that carries its guide:
// the past sections are folded and open with one click, This week goes
// to (and opens) the section of the reader's week, a tick survives a
// reload and shows on the agenda, and printing shows every section.
func TestBrowserChecklistGuide(t *testing.T) {
	s := openSite(t)
	ctx := s.newTab(t, 2*browserTimeout)
	if err := chromedp.Run(ctx, readerOn(), visit(s.pageURL(checklistPage))); err != nil {
		t.Fatal(err)
	}
	var folding struct {
		Past, PastOpen, Future, FutureClosed int
		Template, Described                  bool
	}
	if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => {
		const r = {Past: 0, PastOpen: 0, Future: 0, FutureClosed: 0};
		document.querySelectorAll("section.guide-section[data-due]").forEach(s => {
			const d = s.querySelector(":scope > details.section-body");
			if (s.dataset.due < "2026-11-21") { r.Past++; if (d.open) { r.PastOpen++; } }
			else { r.Future++; if (!d.open) { r.FutureClosed++; } }
		});
		r.Described = [...document.querySelectorAll("section.guide-section > details > summary")].every(s => {
			const h = document.getElementById(s.getAttribute("aria-describedby") || "");
			return !!h && h.parentElement === s.parentElement.parentElement;
		});
		r.Template = [...document.querySelectorAll(".guide .template-block pre")].some(p => /Code freeze begins/.test(p.textContent) && !/\{\{/.test(p.textContent));
		return r;
	})()`, &folding)); err != nil {
		t.Fatal(err)
	}
	if folding.Past == 0 || folding.Future == 0 || folding.PastOpen != 0 || folding.FutureClosed != 0 {
		t.Errorf("sections: %d past (%d of them open), %d to come (%d of them folded); want past ones folded, the others open", folding.Past, folding.PastOpen, folding.Future, folding.FutureClosed)
	}
	if !folding.Described {
		t.Error("a section's summary is not described by its heading")
	}
	if !folding.Template {
		t.Error("the cycle-start announcement's template is not on the checklist, with its dates filled in")
	}

	// One click on a folded section's heading opens it.
	var opened bool
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.querySelector("details.section-body:not([open]) > summary").scrollIntoView({behavior: "instant", block: "center"})`, nil),
		chromedp.Click(`details.section-body:not([open]) > summary`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector("section.guide-section[data-due='2026-10-09'] > details").open`, &opened),
	); err != nil {
		t.Fatal(err)
	}
	if !opened {
		t.Error("clicking the first folded section's summary does not open it")
	}

	// This week: week 7, due Friday 20 November, is past but this week.
	var href, hash string
	var weekOpen bool
	if err := chromedp.Run(ctx,
		chromedp.AttributeValue(`a.this-week`, "href", &href, nil, chromedp.ByQuery),
		chromedp.Click(`a.this-week`, chromedp.ByQuery),
		settle(),
		chromedp.Evaluate(`location.hash`, &hash),
		chromedp.Evaluate(`document.getElementById("week-7").parentElement.querySelector(":scope > details").open`, &weekOpen),
	); err != nil {
		t.Fatal(err)
	}
	if href != "#week-7" || hash != "#week-7" || !weekOpen {
		t.Errorf("This week links to %q, goes to %q, opens its section: %v; want #week-7, opened", href, hash, weekOpen)
	}

	// A tick in a section survives a reload and shows on the agenda.
	const box = `#v3\.4-release-lead-week-9-move-to-the-burndown-meeting-schedule`
	var ticked bool
	if err := chromedp.Run(ctx,
		// Clicked by script: the theme scrolls smoothly after This week,
		// and a click at the box's place while the page still moves can
		// miss it. TestBrowserTickSurvivesReload clicks with the mouse.
		chromedp.Evaluate(`document.querySelector(`+jsString(box)+`).click()`, nil),
		chromedp.Reload(), settle(),
		chromedp.Evaluate(`document.querySelector(`+jsString(box)+`).checked`, &ticked),
	); err != nil {
		t.Fatal(err)
	}
	if !ticked {
		t.Error("a task ticked on the checklist is not ticked after a reload")
	}
	ticked = false
	if err := chromedp.Run(ctx, visit(s.pageURL(checklistPage+"agenda/")),
		chromedp.Evaluate(`document.querySelector(`+jsString(box)+`).checked`, &ticked)); err != nil {
		t.Fatal(err)
	}
	if !ticked {
		t.Error("a task ticked on the checklist is not ticked on its agenda")
	}

	// A link to a task in a folded section (as search results give)
	// opens the section.
	const folded = "v3.4-release-lead-week-1-send-the-cycle-start-announcement-template"
	var shown bool
	if err := chromedp.Run(ctx, visit(s.pageURL(checklistPage)+"#"+folded),
		chromedp.Evaluate(`document.getElementById(`+jsString(folded)+`).checkVisibility()`, &shown)); err != nil {
		t.Fatal(err)
	}
	if !shown {
		t.Error("a link to a task in a folded section does not show the task")
	}

	// On paper, every section shows, folded or not: by the print
	// stylesheet alone, and opened by relbook.js before printing.
	var printed struct{ Hidden, Closed, AfterPrint int }
	if err := chromedp.Run(ctx,
		visit(s.pageURL(checklistPage)),
		emulation.SetEmulatedMedia().WithMedia("print"),
		chromedp.Evaluate(`(() => {
			const hidden = [...document.querySelectorAll("details.section-body:not([open]) li")].filter(li => !li.checkVisibility()).length;
			window.dispatchEvent(new Event("beforeprint"));
			const closed = document.querySelectorAll("details.section-body:not([open])").length;
			window.dispatchEvent(new Event("afterprint"));
			return {Hidden: hidden, Closed: closed, AfterPrint: document.querySelectorAll("details.section-body:not([open])").length};
		})()`, &printed),
		emulation.SetEmulatedMedia().WithMedia(""),
	); err != nil {
		t.Fatal(err)
	}
	if printed.Hidden != 0 || printed.Closed != 0 || printed.AfterPrint != folding.Past {
		t.Errorf("printing: %d items of folded sections hidden, %d sections closed before printing, %d folded again after (want 0, 0, %d)", printed.Hidden, printed.Closed, printed.AfterPrint, folding.Past)
	}
	var pdf []byte
	if err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		pdf, _, err = page.PrintToPDF().Do(ctx)
		return err
	})); err != nil || !strings.HasPrefix(string(pdf), "%PDF-") {
		t.Errorf("printing the checklist: %v (%d bytes)", err, len(pdf))
	}
}
