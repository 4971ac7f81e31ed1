// Package chromium finds and starts the headless Chromium that relbook's
// browser tests drive through chromedp: the published pages (package site)
// and the live preview (package serve). Only tests import it, so the
// relbook command does not carry chromedp.
package chromium

import (
	"os"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// Path finds Chromium: $CHROMIUM, /usr/bin/chromium (Debian's package,
// which CI installs), or chromium on PATH; "" when there is none.
func Path() string {
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

// Flags start the Chromium at path headless, in a container (no sandbox,
// no GPU) and quiet: it reaches no network but the test's server. The
// language is fixed so that Intl formats the same way on every machine.
func Flags(path string) []chromedp.ExecAllocatorOption {
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
