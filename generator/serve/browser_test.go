package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// waitTimeout bounds each wait for the page to catch up with an edit.
const waitTimeout = 10 * time.Second

// countLoads runs at the start of every document the tab loads and counts
// the site's pages in sessionStorage, which a reload keeps: the test tells
// a page that reloaded itself from one that did not.
const countLoads = `if (location.protocol === "http:") {
  sessionStorage.setItem("relbook-loads", String(Number(sessionStorage.getItem("relbook-loads") || 0) + 1));
}`

// markup is a TOML key that the problem message quotes: shown as HTML, it
// would be an image whose onerror opens a dialog.
const markup = `<img src=x onerror=alert(1)>`

// What a user sees: a page of the preview open in a browser reloads
// itself after an edit, shows the problems of a broken edit in an
// overlay over the last good page, and loses the overlay with the fix.
func TestBrowserLiveReload(t *testing.T) {
	s, dir, url, _ := start(t, smallSite)
	tab := openTab(t, 60*time.Second)
	watchTrouble(t, tab)
	if err := chromedp.Run(tab,
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(countLoads).Do(ctx)
			return err
		}),
		chromedp.Navigate(url+"roles/lead/"),
	); err != nil {
		t.Fatalf("opening %sroles/lead/: %v", url, err)
	}
	waitUntil(t, tab, "the guide shows its task", hasText("Open the cycle"))
	// Its event stream is open: the edit reaches the page as a "reload"
	// event, not through the "hello" of a late connection.
	s.awaitedFor(t, "roles/lead/index.html")

	// 1. An edit: the page reloads itself and shows it.
	lead := strings.Replace(smallSite["roles/lead.md"], "Open the cycle", "Open the new cycle", 1)
	writeFiles(t, dir, map[string]string{"roles/lead.md": lead})
	waitUntil(t, tab, "the page shows the edit", hasText("Open the new cycle"))
	wantLoads(t, tab, 2)

	// 2. A broken edit: the overlay tells, over the last good page.
	release := smallSite["releases/v1.toml"]
	broken := strings.Replace(release, "date = 2026-12-02", "dat = 2026-12-02", 1)
	writeFiles(t, dir, map[string]string{"releases/v1.toml": broken})
	waitUntil(t, tab, "the overlay shows the unknown key",
		overlayHas(`releases/v1.toml:`, `unknown key "dat"`))
	checkOverlay(t, tab)
	waitUntil(t, tab, "the last good page stays", hasText("Open the new cycle"))
	wantLoads(t, tab, 2) // a broken edit reloads nothing

	// 3. Another broken edit, whose message quotes markup: the overlay
	// changes in place and shows the markup as text.
	hostile := strings.Replace(broken, "start = 2026-10-05\n", "start = 2026-10-05\n\""+markup+"\" = 1\n", 1)
	writeFiles(t, dir, map[string]string{"releases/v1.toml": hostile})
	waitUntil(t, tab, "the overlay quotes the markup", overlayHas(`releases/v1.toml:3:1: unknown key "`+markup+`"`, `unknown key "dat"`))
	var elements int
	evaluate(t, tab, `document.querySelectorAll("#relbook-serve-errors *").length + document.querySelectorAll("img").length`, &elements)
	if elements != 2 { // the overlay's title and list, and no image
		t.Errorf("the problems must be shown as text: the overlay and page hold %d elements, want 2", elements)
	}
	checkOverlay(t, tab)
	wantLoads(t, tab, 2)
	screenshot(t, tab, "serve-overlay.png")

	// 4. The fix: the page reloads without the overlay, and goes on
	// reloading after later edits.
	writeFiles(t, dir, map[string]string{"releases/v1.toml": release})
	waitUntil(t, tab, "the overlay goes with the fix", `document.getElementById("relbook-serve-errors") === null && `+loadsAre(3))
	waitUntil(t, tab, "the page is back", hasText("Open the new cycle"))
	writeFiles(t, dir, map[string]string{"roles/lead.md": smallSite["roles/lead.md"]})
	waitUntil(t, tab, "the page shows the next edit", hasText("Open the cycle")+` && !`+hasText("Open the new cycle"))
	wantLoads(t, tab, 4)
}

// watchTrouble fails the test, when it ends, if what must not happen on
// the page did: an uncaught exception, or a dialog (which is dismissed at
// once, so that the page goes on).
func watchTrouble(t *testing.T, tab context.Context) {
	var (
		mu  sync.Mutex
		log []string
	)
	chromedp.ListenTarget(tab, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			log = append(log, "exception: "+ev.ExceptionDetails.Error())
		case *page.EventJavascriptDialogOpening:
			log = append(log, fmt.Sprintf("%s dialog: %q", ev.Type, ev.Message))
			// Not from the listener itself, which must not block.
			go chromedp.Run(tab, page.HandleJavaScriptDialog(false))
		}
	})
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		if len(log) > 0 {
			t.Errorf("the page went wrong:\n%s", strings.Join(log, "\n"))
		}
	})
}

// jsString quotes s for JavaScript.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// hasText is true when the page shows text.
func hasText(text string) string {
	return `document.body.innerText.includes(` + jsString(text) + `)`
}

// overlayHas is true when the overlay is on the screen and shows each of
// texts.
func overlayHas(texts ...string) string {
	expr := `(b => b !== null && b.getClientRects().length > 0 && getComputedStyle(b).visibility === "visible"`
	for _, text := range texts {
		expr += ` && b.textContent.includes(` + jsString(text) + `)`
	}
	return expr + `)(document.getElementById("relbook-serve-errors"))`
}

func loadsAre(n int) string {
	return fmt.Sprintf(`Number(sessionStorage.getItem("relbook-loads")) === %d`, n)
}

// waitUntil waits until expr is true on the page. The page may reload
// meanwhile, which ends a poll (chromedp's does not survive a navigation):
// the wait goes on with a poll of the new page.
func waitUntil(t *testing.T, tab context.Context, what, expr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, waitTimeout)
	defer cancel()
	deadline, _ := ctx.Deadline()
	for {
		var ok bool
		err := chromedp.Run(ctx, chromedp.Poll(`!!(`+expr+`)`, &ok,
			chromedp.WithPollingInterval(20*time.Millisecond),
			chromedp.WithPollingTimeout(time.Until(deadline))))
		if err == nil && ok {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%s: not within %s (%v); the page:\n%s", what, waitTimeout, err, describe(tab))
		case <-time.After(20 * time.Millisecond): // the reload's new page is on its way
		}
	}
}

// evaluate runs expr on the page as it is now.
func evaluate(t *testing.T, tab context.Context, expr string, res any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, waitTimeout)
	defer cancel()
	if err := chromedp.Run(ctx, chromedp.Evaluate(expr, res)); err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
}

// wantLoads checks how many times the page has loaded since the test
// opened it.
func wantLoads(t *testing.T, tab context.Context, n int) {
	t.Helper()
	var loads int
	evaluate(t, tab, `Number(sessionStorage.getItem("relbook-loads"))`, &loads)
	if loads != n {
		t.Errorf("the page loaded %d times, want %d", loads, n)
	}
}

// checkOverlay checks that the overlay is an alert along the bottom of the
// window that leaves the top of the page to read, its problems readable.
func checkOverlay(t *testing.T, tab context.Context) {
	t.Helper()
	var box *struct {
		Role, Position string
		Bottom, Height float64
		Window         float64
		CoversTop      bool
		// The list's own background and colour: the site's stylesheet
		// must not give it any (a pre there has a light background).
		ListBackground, ListColor, BoxColor string
	}
	evaluate(t, tab, `(b => b && {
	  listBackground: getComputedStyle(b.querySelector("pre")).backgroundColor,
	  listColor: getComputedStyle(b.querySelector("pre")).color, boxColor: getComputedStyle(b).color,
	  role: b.getAttribute("role"), position: getComputedStyle(b).position,
	  bottom: b.getBoundingClientRect().bottom, height: b.getBoundingClientRect().height, window: innerHeight,
	  coversTop: b.contains(document.elementFromPoint(innerWidth / 2, 5)),
	})(document.getElementById("relbook-serve-errors"))`, &box)
	if box == nil {
		t.Fatalf("the overlay is gone; the page:\n%s", describe(tab))
	}
	if box.Role != "alert" {
		t.Errorf("the overlay's role is %q, want alert", box.Role)
	}
	if box.Position != "fixed" || box.Bottom < box.Window-1 || box.Bottom > box.Window+1 {
		t.Errorf("the overlay must stay at the bottom of the window: position %s, bottom %.0f of %.0f", box.Position, box.Bottom, box.Window)
	}
	if box.ListBackground != "rgba(0, 0, 0, 0)" || box.ListColor != box.BoxColor {
		t.Errorf("the problems must be read on the overlay's own background, in its colour: background %s, colour %s (the overlay's %s)", box.ListBackground, box.ListColor, box.BoxColor)
	}
	if box.CoversTop || box.Height > 0.6*box.Window+1 {
		t.Errorf("the overlay must leave the page to read: %.0f of %.0f pixels high, covers the top: %v", box.Height, box.Window, box.CoversTop)
	}
}

// screenshot saves the window as it is now under the test's temporary
// folder and, when RELBOOK_SCREENSHOTS names a folder, there too.
func screenshot(t *testing.T, tab context.Context, name string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, waitTimeout)
	defer cancel()
	var png []byte
	if err := chromedp.Run(ctx, chromedp.CaptureScreenshot(&png)); err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	dirs := []string{t.TempDir()}
	if d := os.Getenv("RELBOOK_SCREENSHOTS"); d != "" {
		dirs = append(dirs, d)
	}
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(d, name)
		if err := os.WriteFile(file, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", file)
	}
}

// describe is what the page shows, for a failure message.
func describe(tab context.Context) string {
	ctx, cancel := context.WithTimeout(tab, 2*time.Second)
	defer cancel()
	var text string
	err := chromedp.Run(ctx, chromedp.Evaluate(`location.href + " (load " + sessionStorage.getItem("relbook-loads") + ")\n" + document.body.innerText`, &text))
	if err != nil {
		return fmt.Sprintf("(cannot read the page: %v)", err)
	}
	return text
}
