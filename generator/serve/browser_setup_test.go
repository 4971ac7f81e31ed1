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
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// inCI reports whether the tests run in CI, where a missing tool is a
// failure rather than a reason to skip.
func inCI() bool { return os.Getenv("CI") == "true" }

// openTab starts Chromium and returns its first tab, with the time limit
// of the test; both end when the test does.
func openTab(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	path := chromiumPath()
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
	flags := append(chromiumFlags(path), chromedp.UserDataDir(profile))
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

// chromiumPath finds Chromium: $CHROMIUM, /usr/bin/chromium, or chromium on
// PATH; "" when there is none.
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// chromiumFlags start Chromium headless, in a container (no sandbox, no
// GPU) and quiet: it reaches no network but the preview.
func chromiumFlags(path string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.Env("LANG=en_US.UTF-8", "LANGUAGE=en_US"),
		chromedp.WindowSize(1280, 800),
	}
}
