package site

// The browser tests (browser_test.go) open the example handbook in a real
// Chromium, driven over the DevTools protocol by chromedp. This file holds
// what they share: the site, built once and served over HTTP (so that
// fetch() works as it does on a static host), and one Chromium for the
// whole run, in which every test opens its own tab in its own browser
// context (so that one test's localStorage is not another's).
//
// Chromium is $CHROMIUM, else /usr/bin/chromium, else chromium on PATH.
// Without it the tests skip, except in CI (CI=true), where they fail:
// CI installs it with `apt-get install chromium`.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/relbook/relbook/content"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/internal/chromium"
	"github.com/relbook/relbook/generator/render"
)

// browserTimeout bounds one browser test; a test that visits every page
// asks for more.
const browserTimeout = 30 * time.Second

func TestMain(m *testing.M) {
	code := m.Run()
	shared.stop()
	os.Exit(code)
}

// inCI reports whether the tests run in CI, where a missing tool is a
// failure rather than a reason to skip.
func inCI() bool { return os.Getenv("CI") == "true" }

// skipOrFail skips the test locally and fails it in CI.
func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	if inCI() {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}

// browserSite is the example handbook in a browser.
type browserSite struct {
	files   render.Output
	url     string // the site's root, ending in "/"
	browser context.Context
	version string

	skip string // set: every browser test skips (or fails in CI) with it
	err  error  // set: every browser test fails with it

	dir        string
	server     *httptest.Server
	cancelPool context.CancelFunc
	cancelMain context.CancelFunc
}

var (
	shared     browserSite
	sharedOnce sync.Once
)

// openSite builds and serves the example handbook and starts Chromium, the
// first time a test asks; every later test gets the same.
func openSite(t *testing.T) *browserSite {
	t.Helper()
	sharedOnce.Do(shared.start)
	switch {
	case shared.err != nil:
		t.Fatal(shared.err)
	case shared.skip != "":
		skipOrFail(t, "%s", shared.skip)
	}
	return &shared
}

func (s *browserSite) start() {
	files, err := buildExample()
	if err != nil {
		s.err = err
		return
	}
	s.files = files
	if s.dir, err = os.MkdirTemp("", "relbook-browser-"); err != nil {
		s.err = err
		return
	}
	if err := writeFiles(s.dir, files, nil); err != nil {
		s.err = err
		return
	}
	s.server = httptest.NewServer(http.FileServer(http.Dir(s.dir)))
	s.url = s.server.URL + "/"

	path := chromium.Path()
	if path == "" {
		s.skip = "chromium not found: install it with apt-get install chromium (or set CHROMIUM to its path)"
		return
	}
	pool, cancelPool := chromedp.NewExecAllocator(context.Background(), chromium.Flags(path)...)
	main, cancelMain := chromedp.NewContext(pool)
	s.cancelPool, s.cancelMain = cancelPool, cancelMain
	// The first Run starts Chromium, which lives as long as main: no
	// timeout on it (chromedp.Run's documentation).
	if err := chromedp.Run(main); err != nil {
		s.err = fmt.Errorf("starting %s: %w", path, err)
		return
	}
	ctx, cancel := context.WithTimeout(main, browserTimeout)
	defer cancel()
	_, product, _, _, _, err := browser.GetVersion().Do(cdp.WithExecutor(ctx, chromedp.FromContext(main).Browser))
	if err != nil {
		s.err = fmt.Errorf("asking %s its version: %w", path, err)
		return
	}
	s.browser, s.version = main, product
}

// stop ends Chromium and the server and removes the built site.
func (s *browserSite) stop() {
	if s.cancelMain != nil {
		s.cancelMain()
	}
	if s.cancelPool != nil {
		s.cancelPool()
	}
	if s.server != nil {
		s.server.Close()
	}
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}

// buildExample builds relbook's example handbook for a fixed day.
func buildExample() (render.Output, error) {
	res, diags, err := Generate(content.FS, Options{Today: handbook.MustDate(2026, 11, 21)})
	if err != nil {
		return nil, fmt.Errorf("building the example handbook: %w", err)
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("the example handbook does not build:\n%s", diags.Errors().Sort())
	}
	return res.Files, nil
}

// newTab opens a tab in a fresh browser context (its own storage), closed
// when the test ends, with the test's time limit. The tab is a new window:
// headless Chromium refuses a tab in a context that has no window yet.
func (s *browserSite) newTab(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	onBrowser := cdp.WithExecutor(s.browser, chromedp.FromContext(s.browser).Browser)
	id, err := target.CreateBrowserContext().WithDisposeOnDetach(true).Do(onBrowser)
	if err != nil {
		t.Fatalf("creating a browser context: %v", err)
	}
	t.Cleanup(func() { _ = target.DisposeBrowserContext(id).Do(onBrowser) })
	tabID, err := target.CreateTarget("about:blank").WithBrowserContextID(id).WithNewWindow(true).Do(onBrowser)
	if err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	tab, closeTab := chromedp.NewContext(s.browser, chromedp.WithTargetID(tabID))
	ctx, cancel := context.WithTimeout(tab, timeout)
	t.Cleanup(func() {
		cancel()
		closeTab()
	})
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("attaching to the tab: %v", err)
	}
	return ctx
}

// pageURL is the address of a page of the site, given as its path under
// the output folder ("releases/v3.4/" or "releases/v3.4/index.html").
func (s *browserSite) pageURL(page string) string {
	return s.url + strings.TrimSuffix(page, "index.html")
}

// has reports whether the site has the page ("print/release-lead/").
func (s *browserSite) has(page string) bool {
	if page == "" || strings.HasSuffix(page, "/") {
		page += "index.html"
	}
	_, ok := s.files[page]
	return ok
}
