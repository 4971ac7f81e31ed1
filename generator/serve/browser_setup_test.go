package serve

// The browser test (browser_test.go) watches the live preview in a real
// Chromium, driven over the DevTools protocol by chromedp. This file starts
// that Chromium, the way generator/site's browser tests do, but on its own:
// one browser for the test that asks, ended when the test ends.
//
// Chromium is $CHROMIUM, else /usr/bin/chromium, else chromium on PATH.
// Without it the test skips, except in CI (CI=true), where it fails:
// CI installs it with `apt-get install chromium`.

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/relbook/relbook/generator/internal/chromium"
)

// inCI reports whether the tests run in CI, where a missing tool is a
// failure rather than a reason to skip.
func inCI() bool { return os.Getenv("CI") == "true" }

// openTab starts Chromium and returns its first tab, with the time limit
// of the test; both end when the test does.
func openTab(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	path := chromium.Path()
	if path == "" {
		const missing = "chromium not found: install it with apt-get install chromium (or set CHROMIUM to its path)"
		if inCI() {
			t.Fatal(missing)
		}
		t.Skip(missing)
	}
	profile, err := os.MkdirTemp("", "relbook-serve-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	flags := append(chromium.Flags(path), chromedp.UserDataDir(profile))
	pool, cancelPool := chromedp.NewExecAllocator(context.Background(), flags...)
	tab, closeTab := chromedp.NewContext(pool)
	t.Cleanup(func() {
		closeTab()
		cancelPool() // waits for Chromium to exit
		removeProfile(t, profile)
	})
	// The first Run starts Chromium, which lives as long as its context:
	// no timeout on that one (chromedp.Run's documentation).
	if err := chromedp.Run(tab); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	ctx, cancel := context.WithTimeout(tab, timeout)
	t.Cleanup(cancel)
	return ctx
}

// removeProfile removes Chromium's profile folder. Chromium's helper
// processes may still write a file there just after the browser has
// exited (chromedp, which removes its own profiles, leaves one behind now
// and then), so a failed removal is tried again for a moment.
func removeProfile(t *testing.T, dir string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for {
		err := os.RemoveAll(dir)
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Logf("leaving Chromium's profile %s: %v", dir, err)
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}
