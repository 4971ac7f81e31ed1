package site

// axe-core, the accessibility engine, comes from npm (testdata/axe, pinned in
// its package-lock.json) and is injected into the page under test; the
// site itself has no npm dependency.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axePath is axe-core's script, from the package's folder.
var axePath = filepath.Join("testdata", "axe", "node_modules", "axe-core", "axe.min.js")

// axeSource reads axe-core; without it the test skips, or fails in CI.
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(axePath)
	if errors.Is(err, fs.ErrNotExist) {
		skipOrFail(t, "axe-core is not installed: run npm ci --prefix generator/site/testdata/axe from the repository root")
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// axeViolation is one rule that axe-core found broken, with the elements
// that break it.
type axeViolation struct {
	ID      string
	Impact  string
	Help    string
	HelpURL string
	Nodes   []struct {
		Target  []any // CSS selectors; nested lists for shadow DOM
		HTML    string
		Summary string
	}
}

func (v axeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s [%s], %d elements", v.ID, v.Impact, v.Help, v.HelpURL, len(v.Nodes))
	for i, n := range v.Nodes {
		if i == 5 {
			fmt.Fprintf(&b, "\n    … and %d more", len(v.Nodes)-i)
			break
		}
		target, _ := json.Marshal(n.Target)
		fmt.Fprintf(&b, "\n    %s %s", target, n.HTML)
		if i == 0 && n.Summary != "" {
			fmt.Fprintf(&b, "\n      %s", strings.ReplaceAll(n.Summary, "\n", "\n      "))
		}
	}
	return b.String()
}

// runAxe runs the actions (open a page, set the color scheme), then
// axe-core on the whole document with its default rules, and returns the
// violations.
func runAxe(ctx context.Context, axe string, actions ...chromedp.Action) ([]axeViolation, error) {
	var vs []axeViolation
	err := chromedp.Run(ctx,
		chromedp.Tasks(actions),
		chromedp.Evaluate(axe+"\n;true", nil),
		chromedp.Evaluate(`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
			ID: v.id, Impact: v.impact || "", Help: v.help, HelpURL: v.helpUrl,
			Nodes: v.nodes.map(n => ({Target: n.target, HTML: n.html, Summary: n.failureSummary || ""})),
		})))`, &vs, awaitPromise),
	)
	if err != nil {
		return nil, fmt.Errorf("running axe-core: %w", err)
	}
	return vs, nil
}
