package site

// What a reader of the published handbook gets, checked in Chromium: the
// pages run their JavaScript without an error, ticks on a checklist
// survive a reload, search finds milestones and glossary terms, deadlines
// show in the reader's time zone, nothing is wider than a phone, the print
// page holds the checklist and prints, and axe-core finds no serious
// accessibility problem. Run them with
//
//	go test ./generator/site/ -run Browser -v
//
// (after `npm ci --prefix generator/site/testdata/axe`, for axe-core). With
// RELBOOK_SCREENSHOTS=dir, TestBrowserScreenshots saves pictures of the
// main pages at phone and desktop widths for people to look at.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Pages of the example handbook that stand for their kind.
const (
	dashboardPage = ""
	schedulePage  = "releases/v3.4/"
	checklistPage = "releases/v3.4/release-lead/"
	guidePage     = "roles/release-lead/"
	glossaryPage  = "glossary/"
	freePage      = "onboarding/"
	printPage     = "print/release-lead/"
	releasesPage  = "releases/"
	patchesPage   = "patches/"
)

// visit opens a page and waits until its deferred scripts have run and a
// frame has been drawn, so that what they add is on the page.
func visit(url string) chromedp.Action {
	return chromedp.Tasks{
		chromedp.Navigate(url),
		settle(),
	}
}

// settle waits for two animation frames and a short pause: long enough for
// relbook.js's work after load (a fetch of search.json, a countdown).
func settle() chromedp.Action {
	return chromedp.Evaluate(`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50))))`, nil, awaitPromise)
}

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams {
	return p.WithAwaitPromise(true)
}

// pageName is how a failure names a page: its path from the site root.
func pageName(page string) string {
	if page == "" {
		return "/ (dashboard)"
	}
	return "/" + page
}

// subtest names a subtest after a page: "dashboard", "releases/v3.4".
func subtest(page string) string {
	if page == "" {
		return "dashboard"
	}
	return strings.TrimSuffix(page, "/")
}

// TestBrowserNoJavaScriptErrors opens every HTML page of the site and
// fails on any uncaught exception, console.error or browser error log
// entry (a script or stylesheet that does not load, a blocked request).
func TestBrowserNoJavaScriptErrors(t *testing.T) {
	s := openSite(t)
	t.Logf("browser: %s", s.version)
	var pages []string
	for name := range s.files {
		if strings.HasSuffix(name, ".html") {
			pages = append(pages, name)
		}
	}
	slices.Sort(pages)
	ctx := s.newTab(t, browserTimeout+time.Duration(len(pages))*time.Second)

	var (
		mu      sync.Mutex
		current string
		errs    []string
	)
	report := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		errs = append(errs, fmt.Sprintf("%s: %s", pageName(current), fmt.Sprintf(format, args...)))
	}
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				msg += " " + d.Exception.Description
			}
			report("uncaught exception at %s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, msg)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError || ev.Type == runtime.APITypeAssert {
				report("console.%s: %s", ev.Type, remoteArgs(ev.Args))
			}
		case *cdplog.EventEntryAdded:
			// Chromium asks every host for /favicon.ico by itself; a
			// site without one is not a page with an error.
			if e := ev.Entry; e.Level == cdplog.LevelError && !strings.HasSuffix(e.URL, "/favicon.ico") {
				report("%s error: %s (%s)", e.Source, e.Text, e.URL)
			}
		}
	})
	for _, name := range pages {
		mu.Lock()
		current = strings.TrimSuffix(name, "index.html")
		mu.Unlock()
		if err := chromedp.Run(ctx, visit(s.pageURL(name))); err != nil {
			t.Fatalf("%s: %v", pageName(current), err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(errs) > 0 {
		t.Fatalf("JavaScript errors (%d pages checked):\n%s", len(pages), strings.Join(errs, "\n"))
	}
	t.Logf("%d pages opened without a JavaScript error", len(pages))
}

// remoteArgs prints console arguments as the console would.
func remoteArgs(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		var s string
		switch {
		case len(a.Value) > 0 && json.Unmarshal(a.Value, &s) == nil:
			parts = append(parts, s)
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		case a.Description != "":
			parts = append(parts, a.Description)
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// TestBrowserTickSurvivesReload ticks a task of a checklist, reloads, and
// finds it still ticked; clearing the ticks and reloading unticks it.
func TestBrowserTickSurvivesReload(t *testing.T) {
	s := openSite(t)
	ctx := s.newTab(t, browserTimeout)
	const box = `.checklist input[type=checkbox]`
	checked := func(when string) bool {
		t.Helper()
		var on bool
		if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelector(`+jsString(box)+`).checked`, &on)); err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		return on
	}
	if err := chromedp.Run(ctx, visit(s.pageURL(checklistPage))); err != nil {
		t.Fatal(err)
	}
	var boxes int
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelectorAll(`+jsString(box)+`).length`, &boxes)); err != nil {
		t.Fatal(err)
	}
	if boxes == 0 {
		t.Fatalf("%s has no task checkbox (%s)", pageName(checklistPage), box)
	}
	if checked("before ticking") {
		t.Fatalf("%s: the first task is ticked on a fresh browser", pageName(checklistPage))
	}
	if err := chromedp.Run(ctx, chromedp.Click(box, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	if !checked("after ticking") {
		t.Fatalf("%s: clicking the first task's checkbox does not tick it", pageName(checklistPage))
	}
	if err := chromedp.Run(ctx, chromedp.Reload(), settle()); err != nil {
		t.Fatal(err)
	}
	if !checked("after ticking and reloading") {
		t.Fatalf("%s: the first task was ticked, but after a reload it is not", pageName(checklistPage))
	}

	var resetVisible bool
	if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => { const b = document.querySelector(".reset-ticks"); return !!b && !b.hidden && b.offsetParent !== null; })()`, &resetVisible)); err != nil {
		t.Fatal(err)
	}
	if !resetVisible {
		t.Logf("%s has no visible .reset-ticks button; not testing clearing ticks", pageName(checklistPage))
		return
	}
	// Clearing may ask first (window.confirm): say no once, then yes.
	var (
		mu      sync.Mutex
		accept  bool
		dialogs []string
	)
	chromedp.ListenTarget(ctx, func(ev any) {
		if ev, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			mu.Lock()
			dialogs = append(dialogs, ev.Message)
			yes := accept
			mu.Unlock()
			// Not from the listener itself, which must not block.
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(yes))
		}
	})
	if err := chromedp.Run(ctx, chromedp.Click(".reset-ticks", chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	asked := len(dialogs) > 0
	accept = true
	mu.Unlock()
	if asked {
		t.Logf("clearing asks %q", dialogs[0])
		if !checked("after saying no to clearing") {
			t.Errorf("%s: the reader said no to clearing the ticks, but the first task was unticked", pageName(checklistPage))
		}
		if err := chromedp.Run(ctx, chromedp.Click(".reset-ticks", chromedp.ByQuery)); err != nil {
			t.Fatal(err)
		}
	}
	if checked("after clearing") {
		t.Errorf("%s: the first task is still ticked after pressing the .reset-ticks button", pageName(checklistPage))
	}
	// A screen reader hears what clearing did, and how to undo it.
	var status string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`(document.querySelector("[role=status].tick-status") || {}).textContent || ""`, &status)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(status, "cleared") || !strings.Contains(status, "Undo") {
		t.Errorf("%s: clearing the ticks says %q in its status region, want what happened and how to undo it", pageName(checklistPage), status)
	}
	if err := chromedp.Run(ctx, chromedp.Reload(), settle()); err != nil {
		t.Fatal(err)
	}
	if checked("after clearing and reloading") {
		t.Errorf("%s: after clearing the ticks and reloading, the first task is ticked again", pageName(checklistPage))
	}
}

// jsString quotes s for JavaScript source.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestBrowserReaderTimeZone opens a schedule as a reader in Tokyo would
// and finds each timed deadline followed by the time there.
func TestBrowserReaderTimeZone(t *testing.T) {
	s := openSite(t)
	ctx := s.newTab(t, browserTimeout)
	var zone string
	if err := chromedp.Run(ctx,
		emulation.SetTimezoneOverride("Asia/Tokyo"),
		visit(s.pageURL(schedulePage)),
		chromedp.Evaluate(`Intl.DateTimeFormat().resolvedOptions().timeZone`, &zone),
	); err != nil {
		t.Fatal(err)
	}
	if zone != "Asia/Tokyo" {
		t.Fatalf("the time zone override did not take: the page sees %q", zone)
	}
	var shown []struct {
		DateTime string // the <time datetime> before the local time
		Text     string // what the reader reads
	}
	if err := chromedp.Run(ctx, chromedp.Evaluate(`[...document.querySelectorAll("main .local-time")].map(el => {
		const t = el.previousElementSibling && el.previousElementSibling.closest("time[datetime]") || el.parentElement.querySelector("time[datetime*='T']");
		return {DateTime: t ? t.getAttribute("datetime") : "", Text: el.textContent};
	})`, &shown)); err != nil {
		t.Fatal(err)
	}
	var timed int
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelectorAll("main time[datetime*='T']").length`, &timed)); err != nil {
		t.Fatal(err)
	}
	if timed == 0 {
		t.Fatalf("%s has no timed deadline (main time[datetime*='T']) to show in the reader's time zone", pageName(schedulePage))
	}
	if len(shown) == 0 {
		t.Fatalf("%s has %d timed deadlines but no .local-time for a reader in Tokyo", pageName(schedulePage), timed)
	}
	tokyo := time.FixedZone("JST", 9*60*60) // Japan keeps no daylight saving time
	zoneName := regexp.MustCompile(`GMT\+9|JST|Japan|Tokyo`)
	for i, l := range shown {
		at, err := time.Parse(time.RFC3339, l.DateTime)
		if err != nil {
			t.Errorf(".local-time %q is not next to a <time datetime> holding an instant (found %q)", l.Text, l.DateTime)
			continue
		}
		local := at.In(tokyo)
		if !zoneName.MatchString(l.Text) {
			t.Errorf("%s: the local time %q after %s does not name the Tokyo time zone (GMT+9 or JST)", pageName(schedulePage), l.Text, l.DateTime)
		}
		h24, h12 := local.Format("15:04"), local.Format("03:04")
		if !strings.Contains(l.Text, h24) && !strings.Contains(l.Text, h12) {
			t.Errorf("%s: %s is %s in Tokyo, but the page shows %q", pageName(schedulePage), l.DateTime, local.Format("Mon 2 Jan 15:04 MST"), l.Text)
		}
		if i == 0 {
			t.Logf("%s shows %s as %q", pageName(schedulePage), l.DateTime, strings.TrimSpace(l.Text))
		}
	}
	if len(shown) < timed {
		t.Errorf("%s: only %d of %d timed deadlines show the reader's time", pageName(schedulePage), len(shown), timed)
	}
}

// phone is the viewport of a small phone: 375 CSS pixels wide.
func phone() chromedp.Action {
	return emulation.SetDeviceMetricsOverride(375, 800, 2, true).
		WithScreenWidth(375).WithScreenHeight(800)
}

// TestBrowserNoHorizontalOverflow opens the main kinds of page on a
// 375 px wide phone: none may be wider than the screen (wide tables
// scroll inside their own box).
func TestBrowserNoHorizontalOverflow(t *testing.T) {
	s := openSite(t)
	ctx := s.newTab(t, 2*browserTimeout)
	if err := chromedp.Run(ctx, phone()); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{dashboardPage, releasesPage, schedulePage, "releases/v3.3/", checklistPage, guidePage, glossaryPage, freePage, printPage, patchesPage} {
		t.Run(subtest(p), func(t *testing.T) {
			if !s.has(p) {
				t.Skipf("the site has no %s yet", pageName(p))
			}
			var got struct {
				ScrollWidth, InnerWidth, ClientWidth int
				Wide                                 []string
			}
			if err := chromedp.Run(ctx, visit(s.pageURL(p)), chromedp.Evaluate(overflowJS, &got)); err != nil {
				t.Fatal(err)
			}
			if got.ScrollWidth > 375 || got.ScrollWidth > got.InnerWidth {
				t.Errorf("%s is %d px wide on a 375 px phone (window.innerWidth %d); too wide:\n  %s",
					pageName(p), got.ScrollWidth, got.InnerWidth, strings.Join(got.Wide, "\n  "))
			}
		})
	}
}

// overflowJS measures the page and names the outermost elements that
// stick out to the right, leaving out those inside a box that scrolls or
// clips them.
const overflowJS = `(() => {
	const w = document.documentElement.clientWidth;
	const clipped = el => {
		for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
			if (getComputedStyle(a).overflowX !== "visible") { return true; }
		}
		return false;
	};
	const sticksOut = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > w + 0.5; };
	const describe = el => {
		let d = el.tagName.toLowerCase();
		if (el.id) { d += "#" + el.id; }
		if (el.classList.length) { d += "." + [...el.classList].join("."); }
		const r = el.getBoundingClientRect();
		return d + " (right edge at " + Math.round(r.right) + " px): " + (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 60);
	};
	const wide = [...document.body.querySelectorAll("*")]
		.filter(el => sticksOut(el) && !clipped(el) && !(el.parentElement && sticksOut(el.parentElement) && !clipped(el.parentElement)))
		.slice(0, 8).map(describe);
	return {ScrollWidth: document.documentElement.scrollWidth, InnerWidth: window.innerWidth, ClientWidth: w, Wide: wide};
})()`

// TestBrowserSearch types into the search box in the header and finds a
// milestone and a glossary term among the results.
func TestBrowserSearch(t *testing.T) {
	s := openSite(t)
	ctx := s.newTab(t, browserTimeout)
	if err := chromedp.Run(ctx, visit(s.pageURL(dashboardPage))); err != nil {
		t.Fatal(err)
	}
	const input = `form[role=search] input[type=search], [role=search] input[type=search], input[type=search]`
	var box struct{ Present, Visible bool }
	if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => {
		const el = document.querySelector(`+jsString(input)+`);
		return {Present: !!el, Visible: !!el && el.offsetParent !== null};
	})()`, &box)); err != nil {
		t.Fatal(err)
	}
	if !box.Present {
		t.Skipf("the dashboard has no search box yet (no %s)", input)
	}
	if !box.Visible {
		t.Fatalf("the dashboard's search box is hidden: relbook.js shows it only where it can use search.json")
	}
	// Results are the visible links that were not on the page before the
	// search, inside the element the box says it controls, if it says.
	const results = `(() => {
		const input = document.querySelector(` + "`" + input + "`" + `);
		const box = document.getElementById(input.getAttribute("aria-controls") || "") || document;
		return [...box.querySelectorAll("a[href]:not([data-before-search])")].filter(a => a.offsetParent !== null);
	})()`
	for _, c := range []struct {
		query, href, what string
		first             bool // the link must be the first result
	}{
		// A milestone is on its release's schedule; the glossary has a
		// term of the same name, which does not count here.
		{"code freeze", `releases\/[^/]+\/#code-freeze$`, "the code freeze milestone", false},
		{"AoE", `glossary\/#aoe$`, "the glossary term AoE", false},
		{"FFE", `glossary\/#ffe$`, "the glossary term FFE", false},
		// A question: its small words are not looked for, and the
		// current release (v3.4 on 21 November 2026) comes first.
		{"When is code freeze?", `releases\/v3\.4\/#code-freeze$`, "v3.4's code freeze, first", true},
		// The feeds are found by what people call them.
		{"calendar", `#subscribe$`, "a calendar feed", false},
		{"subscribe release lead", `releases\/v3\.4\/release-lead\/#subscribe$`, "the release lead's feed in v3.4", true},
	} {
		t.Run(c.query, func(t *testing.T) {
			if err := chromedp.Run(ctx,
				visit(s.pageURL(dashboardPage)),
				chromedp.Evaluate(`document.querySelectorAll("a[href]").forEach(a => a.dataset.beforeSearch = "")`, nil),
				chromedp.SendKeys(input, c.query, chromedp.ByQuery),
			); err != nil {
				t.Fatal(err)
			}
			var hrefs []string
			wait, cancel := context.WithTimeout(ctx, 5*time.Second)
			defer cancel()
			err := chromedp.Run(wait, chromedp.Poll(`(() => {
				const hrefs = `+results+`.map(a => a.getAttribute("href"));
				return hrefs.some(h => /`+c.href+`/.test(h)) ? hrefs : null;
			})()`, &hrefs, chromedp.WithPollingInterval(50*time.Millisecond)))
			if err != nil {
				var shown []string
				_ = chromedp.Run(ctx, chromedp.Evaluate(results+`.map(a => a.getAttribute("href") + " " + a.textContent.trim().slice(0, 60))`, &shown))
				t.Fatalf("searching %q shows no link to %s (href matching /%s/) within 5 s; it shows %d links: %q", c.query, c.what, c.href, len(shown), shown)
			}
			hit := slices.IndexFunc(hrefs, regexp.MustCompile(c.href).MatchString)
			t.Logf("%q: %d results; result %d is %s", c.query, len(hrefs), hit+1, hrefs[hit])
			if c.first && hit != 0 {
				t.Errorf("searching %q: %s is result %d, want the first; results: %q", c.query, c.what, hit+1, hrefs)
			}
		})
	}
}

// TestBrowserSearchKey: "/" anywhere on a page puts the cursor in the
// search box, as in mdBook, and is not typed; typed into a field, it is
// just a slash. (The key events are dispatched by the page itself: the
// DevTools protocol types a slash as a separate character event that no
// keydown handler can hold back, which a real keyboard does not.)
func TestBrowserSearchKey(t *testing.T) {
	s := openSite(t)
	ctx := s.newTab(t, browserTimeout)
	const press = `(target => {
		const ev = new KeyboardEvent("keydown", {key: "/", bubbles: true, cancelable: true});
		const typed = target.dispatchEvent(ev);
		return {Focused: document.activeElement.id, Typed: typed};
	})`
	var got struct {
		Focused string
		Typed   bool
	}
	if err := chromedp.Run(ctx, visit(s.pageURL(schedulePage)), chromedp.Evaluate(press+`(document.body)`, &got)); err != nil {
		t.Fatal(err)
	}
	if got.Focused != "search-input" || got.Typed {
		t.Errorf(`"/" on the page: focus on %q, slash typed %v; want the search box focused and nothing typed`, got.Focused, got.Typed)
	}
	if err := chromedp.Run(ctx, chromedp.Evaluate(press+`(document.getElementById("search-input"))`, &got)); err != nil {
		t.Fatal(err)
	}
	if !got.Typed {
		t.Errorf(`"/" typed in the search box was held back`)
	}
}

// TestBrowserPrintPage opens a role's printable page, finds the dated
// checklist and the glossary on it, and prints it to PDF.
func TestBrowserPrintPage(t *testing.T) {
	s := openSite(t)
	if !s.has(printPage) {
		t.Skipf("the site has no %s yet", pageName(printPage))
	}
	ctx := s.newTab(t, browserTimeout)
	var got struct {
		Tasks, Dated, Terms int
		Glossary, AoE       bool
	}
	// A task is dated when it, or a box around it, carries a date: a
	// data-due attribute or a heading with a <time datetime>.
	if err := chromedp.Run(ctx, visit(s.pageURL(printPage)), chromedp.Evaluate(`(() => {
		const main = document.querySelector("main");
		const tasks = [...main.querySelectorAll("li.task, .checklist input[type=checkbox]")];
		const dated = tasks.filter(t => {
			for (let a = t; a && a !== main; a = a.parentElement) {
				if (a.hasAttribute("data-due") || a.querySelector(":scope > h2 time[datetime], :scope > h3 time[datetime], :scope > h4 time[datetime]")) { return true; }
			}
			return false;
		});
		const glossary = [...main.querySelectorAll("h2, h3")].find(h => /glossary/i.test(h.textContent));
		const part = glossary && (glossary.closest("section") || main);
		return {
			Tasks: tasks.length,
			Dated: dated.length,
			Glossary: !!glossary,
			Terms: part ? part.querySelectorAll("dt").length : 0,
			AoE: !!part && /Anywhere on Earth/.test(part.textContent),
		};
	})()`, &got)); err != nil {
		t.Fatal(err)
	}
	if got.Tasks == 0 || got.Dated < got.Tasks/2 {
		t.Errorf("%s holds no dated checklist: %d tasks (li.task or .checklist checkboxes), %d of them under a date", pageName(printPage), got.Tasks, got.Dated)
	}
	if !got.Glossary || got.Terms == 0 || !got.AoE {
		t.Errorf("%s holds no glossary: a heading naming it: %v; %d terms (dt) in its section; AoE explained: %v", pageName(printPage), got.Glossary, got.Terms, got.AoE)
	}
	var pdf []byte
	if err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		// As a browser's print dialog does by default: 1 cm margins
		// (cdproto sends zeros where they are not set) and the page's
		// own @page rules.
		const cm = 1 / 2.54
		pdf, _, err = page.PrintToPDF().
			WithMarginTop(cm).WithMarginBottom(cm).WithMarginLeft(cm).WithMarginRight(cm).
			WithPreferCSSPageSize(true).
			Do(ctx)
		return err
	})); err != nil {
		t.Fatalf("printing %s: %v", pageName(printPage), err)
	}
	if !strings.HasPrefix(string(pdf), "%PDF-") {
		t.Fatalf("printing %s gave %d bytes that are not a PDF", pageName(printPage), len(pdf))
	}
	t.Logf("%s: %d tasks, %d of them dated, %d glossary terms; printed to %d KiB of PDF", pageName(printPage), got.Tasks, got.Dated, got.Terms, len(pdf)/1024)
	if dir := os.Getenv("RELBOOK_SCREENSHOTS"); dir != "" {
		saveFile(t, filepath.Join(dir, "print-release-lead.pdf"), pdf)
	}
}

// TestBrowserAccessibility runs axe-core on each kind of page, in light
// and in dark mode, and fails on every serious or critical violation.
func TestBrowserAccessibility(t *testing.T) {
	s := openSite(t)
	axe := axeSource(t)
	ctx := s.newTab(t, 4*browserTimeout)
	for _, p := range []string{dashboardPage, releasesPage, schedulePage, "releases/v3.3/", checklistPage, guidePage, glossaryPage, freePage, printPage, patchesPage} {
		for _, scheme := range []string{"light", "dark"} {
			t.Run(subtest(p)+"/"+scheme, func(t *testing.T) {
				if !s.has(p) {
					t.Skipf("the site has no %s yet", pageName(p))
				}
				media := emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}})
				vs, err := runAxe(ctx, axe, media, visit(s.pageURL(p)))
				if err != nil {
					t.Fatal(err)
				}
				for _, v := range vs {
					switch v.Impact {
					case "serious", "critical":
						t.Errorf("%s (%s mode): %s", pageName(p), scheme, v)
					default:
						t.Logf("%s (%s mode), not failing: %s", pageName(p), scheme, v)
					}
				}
			})
		}
	}
}

// TestBrowserScreenshots saves full-page pictures of the main pages at
// phone and desktop widths into $RELBOOK_SCREENSHOTS, for people to look
// at; without it, it skips.
func TestBrowserScreenshots(t *testing.T) {
	dir := os.Getenv("RELBOOK_SCREENSHOTS")
	if dir == "" {
		t.Skip("set RELBOOK_SCREENSHOTS=dir to save screenshots of the main pages")
	}
	s := openSite(t)
	ctx := s.newTab(t, 4*browserTimeout)
	shots := map[string]string{
		"dashboard": dashboardPage,
		"schedule":  schedulePage,
		"checklist": checklistPage,
		"print":     printPage,
	}
	for _, name := range []string{"dashboard", "schedule", "checklist", "print"} {
		p := shots[name]
		if !s.has(p) {
			t.Logf("the site has no %s yet: no screenshot", pageName(p))
			continue
		}
		for _, width := range []int64{375, 1280} {
			var png []byte
			if err := chromedp.Run(ctx,
				emulation.SetDeviceMetricsOverride(width, 800, 1, width < 600),
				visit(s.pageURL(p)),
				chromedp.FullScreenshot(&png, 100),
			); err != nil {
				t.Fatalf("%s at %d px: %v", pageName(p), width, err)
			}
			saveFile(t, filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, width)), png)
		}
	}
}

func saveFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}

// readerClock makes the pages of a tab see the given instant as now,
// moving on from it as time passes: what a reader sees who opens the site
// some days after it was built.
func readerClock(at time.Time) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(`(() => {
			const offset = ` + strconv.FormatInt(at.UnixMilli(), 10) + ` - Date.now();
			const Real = Date;
			class Shifted extends Real {
				constructor(...args) { if (args.length) { super(...args); } else { super(Real.now() + offset); } }
				static now() { return Real.now() + offset; }
			}
			globalThis.Date = Shifted;
		})()`).Do(ctx)
		return err
	})
}

// TestBrowserNextMeeting reads a schedule built for 21 November some days
// later, in Tokyo: each meeting's "next meeting" is the first one not
// yet begun on the reader's clock, shown in the reader's time too, and a
// series that has ended (the weekly meeting stops before code freeze)
// shows none.
func TestBrowserNextMeeting(t *testing.T) {
	s := openSite(t)
	for _, readAt := range []time.Time{
		time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), // the weekly meeting's next moves from 23 to 30 November
		time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC),  // the weekly meeting's series is over
	} {
		t.Run(readAt.Format("2006-01-02"), func(t *testing.T) { nextMeeting(t, s, readAt) })
	}
}

func nextMeeting(t *testing.T, s *browserSite, readAt time.Time) {
	ctx := s.newTab(t, browserTimeout)
	var meetings []struct {
		ID, Next, Local string
		Dates           []string
		Hidden          bool
	}
	if err := chromedp.Run(ctx,
		emulation.SetTimezoneOverride("Asia/Tokyo"),
		readerClock(readAt),
		visit(s.pageURL(schedulePage)),
		chromedp.Evaluate(`[...document.querySelectorAll(".meeting")].map(m => ({
			ID: m.id,
			Next: (m.querySelector(".meeting-next .next time") || {getAttribute: () => ""}).getAttribute("datetime"),
			Local: (m.querySelector(".meeting-next .local-time") || {}).textContent || "",
			Dates: [...m.querySelectorAll("ol.occurrences time")].map(t => t.getAttribute("datetime")),
			Hidden: !m.querySelector(".meeting-next") || m.querySelector(".meeting-next").hidden,
		}))`, &meetings),
	); err != nil {
		t.Fatal(err)
	}
	if len(meetings) == 0 {
		t.Fatalf("%s has no meetings", pageName(schedulePage))
	}
	for _, m := range meetings {
		want := ""
		for _, d := range m.Dates {
			if at, err := time.Parse(time.RFC3339, d); err == nil && !at.Before(readAt) {
				want = d
				break
			}
		}
		switch {
		case want == "" && !m.Hidden:
			t.Errorf("%s: the series is over on %s, but the page still shows a next meeting (%q)", m.ID, readAt.Format("2 January"), m.Next)
		case want != "" && m.Next != want:
			t.Errorf("%s: next meeting %q on %s, want %q", m.ID, m.Next, readAt.Format("2 January"), want)
		}
		if want != "" && !strings.Contains(m.Local, "your time:") {
			t.Errorf("%s: the next meeting is not shown in the reader's time (%q)", m.ID, m.Local)
		}
	}
}

// TestBrowserLifecycle checks the pictures of a release's life as a reader
// sees them: on /releases/ each release's bar is cut into its cycle and
// support phases, side by side in date order, with today's line inside
// the axis; on a phone, the patch table of /patches/ is a list of cards.
func TestBrowserLifecycle(t *testing.T) {
	s := openSite(t)
	ctx := s.newTab(t, browserTimeout)
	var rows []struct {
		Name  string
		Parts []struct {
			Class       string
			Left, Right float64
		}
		Today float64
		Bar   struct{ Left, Right float64 }
	}
	const lifecycleJS = `[...document.querySelectorAll(".lifecycle-row")].map(row => {
		const box = el => { const r = el.getBoundingClientRect(); return {Left: r.left, Right: r.right}; };
		const today = row.querySelector(".lifecycle-today");
		return {
			Name: row.querySelector(".lifecycle-name a").textContent,
			Parts: [...row.querySelectorAll(".lifecycle-part")].map(p => Object.assign({Class: p.className}, box(p))),
			Today: today ? today.getBoundingClientRect().left : -1,
			Bar: box(row.querySelector(".lifecycle-bar")),
		};
	})`
	if err := chromedp.Run(ctx, visit(s.pageURL(releasesPage)), chromedp.Evaluate(lifecycleJS, &rows)); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows in the lifecycle chart, want one per release: %+v", len(rows), rows)
	}
	for _, r := range rows {
		if len(r.Parts) < 2 || !strings.Contains(r.Parts[0].Class, "lifecycle-cycle") {
			t.Errorf("%s: parts %+v, want the cycle then its support phases", r.Name, r.Parts)
			continue
		}
		for i, p := range r.Parts {
			if p.Right-p.Left < 2 || p.Left < r.Bar.Left-0.5 || p.Right > r.Bar.Right+0.5 {
				t.Errorf("%s: part %d (%s) at %.1f–%.1f, outside the bar %.1f–%.1f or empty", r.Name, i, p.Class, p.Left, p.Right, r.Bar.Left, r.Bar.Right)
			}
			if i > 0 && (p.Left < r.Parts[i-1].Right-1 || p.Left > r.Parts[i-1].Right+1) {
				t.Errorf("%s: part %d starts at %.1f, not where part %d ends (%.1f)", r.Name, i, p.Left, i-1, r.Parts[i-1].Right)
			}
		}
		if r.Today < r.Bar.Left || r.Today > r.Bar.Right {
			t.Errorf("%s: today's line at %.1f, outside the bar %.1f–%.1f", r.Name, r.Today, r.Bar.Left, r.Bar.Right)
		}
	}
	// v3.3 was released on 9 September 2026 and is maintained on 21
	// November: today's line falls in its first support phase.
	for _, r := range rows {
		if r.Name == "Lighthouse v3.3" && !(r.Parts[1].Left <= r.Today && r.Today <= r.Parts[1].Right) {
			t.Errorf("v3.3: today at %.1f, not in its maintained phase %.1f–%.1f", r.Today, r.Parts[1].Left, r.Parts[1].Right)
		}
	}

	var cards struct {
		Display string
		Rows    int
		Labels  []string
	}
	const cardsJS = `(() => {
		const rows = document.querySelectorAll("table.patches tbody tr");
		return {
			Display: getComputedStyle(rows[0]).display,
			Rows: rows.length,
			Labels: [...rows[0].querySelectorAll("td")].map(td => getComputedStyle(td, "::before").content),
		};
	})()`
	if err := chromedp.Run(ctx, phone(), visit(s.pageURL(patchesPage)), chromedp.Evaluate(cardsJS, &cards)); err != nil {
		t.Fatal(err)
	}
	if cards.Display != "block" || cards.Rows == 0 {
		t.Errorf("patch rows on a phone: display %q, %d rows; want cards", cards.Display, cards.Rows)
	}
	if want := `"Cherry-pick deadline: "`; !slices.Contains(cards.Labels, want) {
		t.Errorf("patch card labels %v, want %s among them", cards.Labels, want)
	}
}
