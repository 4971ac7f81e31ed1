package site

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/relbook/relbook/content"
	"github.com/relbook/relbook/generator/handbook"
)

// dashboardView is what a reader sees of the dashboard's parts that
// depend on today, as text.
type dashboardView struct {
	Name, Status, Week, Phase, Moved string
	Table                            []string
	DueRange                         string
	Due                              []string
	Countdown                        string
	Next                             []string
}

// dashboardJS reads a dashboardView from the page; hidden elements are
// not seen.
const dashboardJS = `(() => {
	const text = el => el ? el.textContent.replace(/\s+/g, " ").trim() : "";
	const shown = el => el.getClientRects().length > 0;
	const phase = [...document.querySelectorAll(".current .card .phase-now")].filter(shown)
		.map(el => text(el.matches("p") ? el : el.querySelector("p")));
	return {
		Name: text(document.querySelector(".current .release-name a")),
		Status: text(document.querySelector(".current .release-name .status")),
		Week: text(document.querySelector(".current .cycle-week")),
		Phase: phase.join(" | "),
		Moved: text(document.querySelector(".current-moved")),
		Table: [...document.querySelectorAll("table.releases tbody tr")].map(tr => text(tr.querySelector("th a")) + ": " + text(tr.querySelector(".status"))),
		DueRange: text(document.querySelector(".due-week .week-range")),
		Due: [...document.querySelectorAll(".due-groups > li")].filter(shown)
			.map(li => text(li.closest(".roles-due > li").querySelector("h3")) + ": " + text(li.querySelector("a")) + (li.classList.contains("past") ? " (past)" : "")),
		Countdown: [...document.querySelectorAll(".countdown")].filter(shown)
			.map(c => text(c.querySelector(".name")) + ", " + text(c.querySelector(".countdown-text"))).join(""),
		Next: [...document.querySelectorAll(".deadlines > li")].filter(shown).map(li => text(li.querySelector(".name"))),
	};
})()`

// TestBrowserReadersDay reads the dashboard built for 21 November on
// later days, in Berlin, and compares what depends on today with a
// build made for the reader's day (read without JavaScript): the page
// must say what a fresh build would say.
func TestBrowserReadersDay(t *testing.T) {
	s := openSite(t)
	for _, c := range []struct {
		at time.Time
		// moved: the current release is another on that day; the card
		// becomes that release's (name, status, week) and says that the
		// page was built before the change; the phases and key dates of
		// the other release are not on the page.
		moved bool
	}{
		{at: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)},             // the same week: what the page lists stays
		{at: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)},             // the next week: what is due comes from due.json
		{at: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)},             // a week boundary later
		{at: time.Date(2026, 12, 4, 15, 0, 0, 0, time.UTC)},             // code freeze (AoE) is over, Burndown begun
		{at: time.Date(2027, 1, 13, 9, 0, 0, 0, time.UTC)},              // v3.4's release day: still current
		{at: time.Date(2027, 1, 14, 9, 0, 0, 0, time.UTC), moved: true}, // v3.4 released; v3.5 is next
		{at: time.Date(2027, 2, 3, 9, 0, 0, 0, time.UTC), moved: true},  // v3.5 has started: week 2
	} {
		t.Run(c.at.Format("2006-01-02"), func(t *testing.T) {
			day := handbook.MustDate(c.at.Year(), c.at.Month(), c.at.Day())
			want := builtFor(t, s, day)
			ctx := s.newTab(t, browserTimeout)
			var got dashboardView
			if err := chromedp.Run(ctx,
				emulation.SetTimezoneOverride("Europe/Berlin"),
				readerClock(c.at),
				visit(s.pageURL(dashboardPage)),
				// The script fetches what is due in a week not the build's.
				// (at most five seconds: a page that never says it is
				// done is compared as it stands).
				chromedp.Evaluate(`new Promise(done => {
					const t0 = Date.now();
					(function poll() {
						if (document.querySelector(".due-week[data-week]") || Date.now() - t0 > 5000) { done(); } else { setTimeout(poll, 20); }
					})();
				})`, nil, awaitPromise),
				chromedp.Evaluate(dashboardJS, &got),
			); err != nil {
				t.Fatal(err)
			}
			screenshot(t, ctx, "readersday-"+c.at.Format("2006-01-02"))
			t.Logf("read on %s: %+v", c.at.Format(time.RFC3339), got)
			check := func(what, got, want string) {
				t.Helper()
				if got != want {
					t.Errorf("%s: the page read on %s says %q; a build for that day says %q", what, day, got, want)
				}
			}
			if !slices.Equal(got.Table, want.Table) {
				t.Errorf("release statuses: read on %s\n%q\nbuilt for it\n%q", day, got.Table, want.Table)
			}
			weekOf := func(s string) string { return strings.Split(s, ", from")[0] }
			check("week range of Due this week", weekOf(got.DueRange), weekOf(want.DueRange))
			if c.moved {
				if !strings.Contains(got.Moved, "the current release is Lighthouse v3.5") || !strings.Contains(got.Moved, "built for Saturday 21 November 2026, when Lighthouse v3.4 was the current release") {
					t.Errorf("read on %s the current release is v3.5, but the page does not say so, or that it was built before: %q", day, got.Moved)
				}
				check("current release", got.Name, want.Name)
				check("status", got.Status, want.Status)
				check("week and R-N", got.Week, want.Week)
				check("phase today", got.Phase, "Its phases and key dates are on its page.")
				if !slices.Equal(got.Due, want.Due) {
					t.Errorf("due this week: read on %s\n%q\nbuilt for it\n%q", day, got.Due, want.Due)
				}
				if !strings.Contains(got.DueRange, "for Lighthouse v3.5") {
					t.Errorf("due this week: read on %s, the range says %q; want it to name v3.5", day, got.DueRange)
				}
				// Every key date the page knows of is over: it shows
				// neither them nor a countdown to one.
				if len(got.Next) > 0 || got.Countdown != "" {
					t.Errorf("read on %s, the page still counts down to %q and lists %q", day, got.Countdown, got.Next)
				}
				return
			}
			check("no note of another current release", got.Moved, "")
			check("status", got.Status, want.Status)
			check("week and R-N", got.Week, want.Week)
			check("phase today", got.Phase, want.Phase)
			check("countdown", got.Countdown, want.Countdown)
			// The page knows the five key dates from its build day; the
			// ones still ahead come first in a later build's list.
			if len(got.Next) == 0 || len(got.Next) > len(want.Next) || !slices.Equal(got.Next, want.Next[:len(got.Next)]) {
				t.Errorf("next key dates: read on %s %q; built for it %q", day, got.Next, want.Next)
			}
			if !slices.Equal(got.Due, want.Due) {
				t.Errorf("due this week: read on %s\n%q\nbuilt for it\n%q", day, got.Due, want.Due)
			}
		})
	}
}

// builtFor builds the example for day and reads its dashboard with
// JavaScript off: what the build itself says.
func builtFor(t *testing.T, s *browserSite, day handbook.Date) dashboardView {
	t.Helper()
	url := serveBuiltFor(t, day)
	ctx := s.newTab(t, browserTimeout)
	var v dashboardView
	if err := chromedp.Run(ctx,
		emulation.SetScriptExecutionDisabled(true),
		chromedp.Navigate(url),
		chromedp.Evaluate(dashboardJS, &v),
	); err != nil {
		t.Fatal(err)
	}
	// Without the script no mark says a due date has passed.
	for i, d := range v.Due {
		if due := dueOf(d); due != "" && due < day.String() {
			v.Due[i] += " (past)"
		}
	}
	return v
}

// dueOf finds the due day in a Due line ("Release Lead: Due Friday 20
// November 2026"), as YYYY-MM-DD.
func dueOf(line string) string {
	i := strings.LastIndex(line, "Due ")
	if i < 0 {
		return ""
	}
	s := line[i+len("Due "):]
	if j := strings.LastIndex(s, " – "); j >= 0 {
		s = s[j+len(" – "):]
	}
	d, err := time.Parse("Monday 2 January 2006", s)
	if err != nil {
		return ""
	}
	return d.Format("2006-01-02")
}

// screenshot saves the tab's page as name.png, name-phone.png and
// name-dark.png in $RELBOOK_SCREENSHOTS, when it is set.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("RELBOOK_SCREENSHOTS")
	if dir == "" {
		return
	}
	for _, shot := range []struct {
		suffix string
		setup  chromedp.Action
	}{
		{"", chromedp.Tasks{}},
		{"-phone", emulation.SetDeviceMetricsOverride(375, 800, 1, true)},
		{"-dark", chromedp.Tasks{
			emulation.SetDeviceMetricsOverride(1280, 800, 1, false),
			emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}),
		}},
	} {
		var png []byte
		if err := chromedp.Run(ctx, shot.setup, settle(), chromedp.FullScreenshot(&png, 100)); err != nil {
			t.Errorf("screenshot %s%s: %v", name, shot.suffix, err)
			return
		}
		saveFile(t, filepath.Join(dir, name+shot.suffix+".png"), png)
	}
}

// releasePageJS reads what depends on today on a release page: its status
// and the support phase marked now.
const releasePageJS = `(() => {
	const text = el => el ? el.textContent.replace(/\s+/g, " ").trim() : "";
	return text(document.querySelector(".facts .status")) + "; now: " +
		[...document.querySelectorAll("table.support tr")].filter(tr => tr.querySelector(".now-mark")).map(tr => text(tr.querySelector("th"))).join(", ");
})()`

// TestBrowserReadersDayRelease reads release pages built for 21 November
// after v3.4's release day: the status and the support phase marked now
// are the ones a build for that day shows.
func TestBrowserReadersDayRelease(t *testing.T) {
	s := openSite(t)
	at := time.Date(2027, 7, 8, 9, 0, 0, 0, time.UTC) // v3.4 maintained, v3.3 security fixes only
	day := handbook.MustDate(2027, 7, 8)
	built := serveBuiltFor(t, day)
	for _, page := range []string{"releases/v3.3/", "releases/v3.4/", "releases/v3.5/"} {
		var got, want string
		tab := s.newTab(t, browserTimeout)
		if err := chromedp.Run(tab,
			emulation.SetScriptExecutionDisabled(true),
			chromedp.Navigate(built+page),
			chromedp.Evaluate(releasePageJS, &want),
		); err != nil {
			t.Fatal(err)
		}
		read := s.newTab(t, browserTimeout)
		if err := chromedp.Run(read,
			readerClock(at),
			visit(s.pageURL(page)),
			chromedp.Evaluate(releasePageJS, &got),
		); err != nil {
			t.Fatal(err)
		}
		t.Logf("/%s read on %s: %s", page, day, got)
		if got != want {
			t.Errorf("/%s read on %s: %q; a build for that day: %q", page, day, got, want)
		}
	}
}

// TestBrowserReadersDayWithoutDueJSON reads the dashboard in a later week
// where due.json cannot be read (as on a page opened from disk): "Due
// this week" keeps the week it was built for and says so, rather than
// claiming that nothing is due.
func TestBrowserReadersDayWithoutDueJSON(t *testing.T) {
	s := openSite(t)
	ctx := s.newTab(t, browserTimeout)
	noFetch := chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(`window.fetch = () => Promise.reject(new Error("offline"));`).Do(ctx)
		return err
	})
	var got struct{ Range, Note, Due string }
	if err := chromedp.Run(ctx,
		readerClock(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)),
		noFetch,
		visit(s.pageURL(dashboardPage)),
		chromedp.Poll(`(() => {
			const text = el => el ? el.textContent.replace(/\s+/g, " ").trim() : "";
			const note = document.querySelector(".due-week .week-range + p.muted");
			return note ? {Range: text(document.querySelector(".due-week .week-range")), Note: text(note), Due: text(document.querySelector(".due-week .roles-due, .due-week .week-range ~ p:not(.muted)"))} : null;
		})()`, &got, chromedp.WithPollingInterval(50*time.Millisecond)),
	); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got.Range, "16 November 2026") || !strings.Contains(got.Note, "built for") {
		t.Errorf("without due.json the week is %q, noted %q; want the build's week (16–22 November) and a note that says so", got.Range, got.Note)
	}
	if strings.Contains(got.Due, "No checklist has anything due") {
		t.Errorf("without due.json the page claims nothing is due: %q", got.Due)
	}
}

// serveBuiltFor builds the example for day and serves it for the rest of
// the test; it returns the site's address, ending in "/".
func serveBuiltFor(t *testing.T, day handbook.Date) string {
	t.Helper()
	res, diags, err := Generate(content.FS, Options{Today: day})
	if err != nil || diags.HasErrors() {
		t.Fatalf("building the example for %s: %v %s", day, err, diags.Errors())
	}
	dir := t.TempDir()
	if err := writeFiles(dir, res.Files, nil); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

// dueNextJS reads the days a checklist's Due next box shows.
const dueNextJS = `[...document.querySelectorAll(".due-next > ul > li")].filter(li => li.getClientRects().length > 0)
	.map(li => li.querySelector("a").textContent.replace(/\s+/g, " ").trim())`

// TestBrowserReadersDayChecklist reads a checklist built for 21 November
// on later days: its Due next box shows the days a build for that day
// shows, as far as the box holds them (three shown, three spare).
func TestBrowserReadersDayChecklist(t *testing.T) {
	s := openSite(t)
	const page = "releases/v3.4/release-lead/"
	for _, at := range []time.Time{
		time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC), // the first day shown is over
		time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC),  // every day shown is over; the spare ones take their places
	} {
		day := handbook.MustDate(at.Year(), at.Month(), at.Day())
		var got, want []string
		tab := s.newTab(t, browserTimeout)
		if err := chromedp.Run(tab,
			emulation.SetScriptExecutionDisabled(true),
			chromedp.Navigate(serveBuiltFor(t, day)+page),
			chromedp.Evaluate(dueNextJS, &want),
		); err != nil {
			t.Fatal(err)
		}
		read := s.newTab(t, browserTimeout)
		if err := chromedp.Run(read,
			readerClock(at),
			visit(s.pageURL(page)),
			chromedp.Evaluate(dueNextJS, &got),
		); err != nil {
			t.Fatal(err)
		}
		t.Logf("Due next read on %s: %q", day, got)
		// The box holds six days: read two weeks later, it may run out of
		// days before a build for that day would, never show others.
		if len(got) == 0 || len(got) > len(want) || !slices.Equal(got, want[:len(got)]) {
			t.Errorf("Due next read on %s: %q; a build for that day: %q", day, got, want)
		}
	}
}
