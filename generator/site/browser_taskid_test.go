package site

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"

	"github.com/relbook/relbook/content"
	"github.com/relbook/relbook/generator/handbook"
)

// leadGuideEdited is the example handbook with the release lead's guide
// edited by edit.
func leadGuideEdited(t *testing.T, edit func(guide string) string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(content.FS, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(content.FS, name)
		m[name] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	const guide = "roles/release-lead.md"
	m[guide].Data = []byte(edit(string(m[guide].Data)))
	return m
}

// buildInto builds site for 21 November 2026 into dir, in place of what
// was there.
func buildInto(t *testing.T, dir string, site fs.FS) {
	t.Helper()
	res, diags, err := Generate(site, Options{Today: handbook.MustDate(2026, 11, 21)})
	if err != nil || diags.HasErrors() {
		t.Fatalf("building the edited example: %v %s", err, diags.Errors())
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := os.RemoveAll(dir + "/" + e.Name()); err != nil {
			t.Fatal(err)
		}
	}
	if err := writeFiles(dir, res.Files, nil); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserTickSurvivesRewording ticks tasks on a checklist, rebuilds
// the site with those tasks reworded, and reads the ticks again: a long
// task reworded at its end keeps its tick, and so does a task with an
// explicit {#id} reworded throughout. A tick remembered under a task's
// id from before fallback ids (the whole text) moves to its new id once.
func TestBrowserTickSurvivesRewording(t *testing.T) {
	s := openSite(t)
	const (
		long     = "Watch merges closely: last-minute changes without tests or review get reverted"
		reworded = "Watch merges closely: last-minute changes without tests or reviews are reverted"
		notes    = "Post meeting notes to the release list within one working day"
		explicit = "Post meeting notes to the release list within one working day {#meeting-notes}"
		renamed  = "Share the minutes on the mailing list by the next day {#meeting-notes}"
	)
	dir := t.TempDir()
	buildInto(t, dir, leadGuideEdited(t, func(g string) string {
		if !strings.Contains(g, long) || !strings.Contains(g, notes) {
			t.Fatal("the release lead's guide no longer has the tasks this test rewords")
		}
		return strings.Replace(g, notes, explicit, 1)
	}))
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	page := srv.URL + "/" + checklistPage
	const (
		key = "relbook:v3.4:release-lead"
		// The id the burndown task had when a task's id was its whole
		// text, and the one it has now.
		oldBurndown = "v3.4-release-lead-week-9-move-to-the-burndown-meeting-schedule-and-announce-it"
		burndown    = "v3.4-release-lead-week-9-move-to-the-burndown-meeting-schedule"
		watch       = "v3.4-release-lead-week-9-watch-merges-closely-last-minute-changes"
		minutes     = "v3.4-release-lead-meeting-notes"
	)

	ctx := s.newTab(t, 2*browserTimeout)
	var stored string
	if err := chromedp.Run(ctx, readerOn(), visit(page),
		// A reader who ticked the burndown task before ids changed.
		chromedp.Evaluate(`localStorage.setItem(`+jsString(key)+`, JSON.stringify({`+jsString(oldBurndown)+`: true}))`, nil),
		chromedp.Reload(), settle(),
		chromedp.Evaluate(`localStorage.getItem(`+jsString(key)+`)`, &stored),
	); err != nil {
		t.Fatal(err)
	}
	if stored != `{"`+burndown+`":true}` {
		t.Errorf("a tick remembered under the task's whole-text id is stored as %s; want it moved to %s", stored, burndown)
	}
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.getElementById(`+jsString(watch)+`).click(); document.getElementById(`+jsString(minutes)+`).click()`, nil),
	); err != nil {
		t.Fatal(err)
	}

	buildInto(t, dir, leadGuideEdited(t, func(g string) string {
		return strings.Replace(strings.Replace(g, long, reworded, 1), notes, renamed, 1)
	}))
	var after struct {
		Burndown, Watch, Minutes bool
		Labels                   string
	}
	if err := chromedp.Run(ctx, visit(page), chromedp.Evaluate(`(() => {
		const box = id => document.getElementById(id);
		const label = id => document.querySelector("label[for='" + CSS.escape(id) + "']").textContent;
		return {
			Burndown: box(`+jsString(burndown)+`).checked,
			Watch: box(`+jsString(watch)+`).checked,
			Minutes: box(`+jsString(minutes)+`).checked,
			Labels: label(`+jsString(watch)+`) + " | " + label(`+jsString(minutes)+`),
		};
	})()`, &after)); err != nil {
		t.Fatal(err)
	}
	t.Logf("after rewording: %+v", after)
	if after.Labels != "Watch merges closely: last-minute changes without tests or reviews are reverted | Share the minutes on the mailing list by the next day" {
		t.Fatalf("the rebuilt checklist shows %q: the rewording did not reach the page, or {#id} is shown", after.Labels)
	}
	if !after.Burndown || !after.Watch || !after.Minutes {
		t.Errorf("after rewording, ticked: burndown %v, a long task reworded at its end %v, a task with {#meeting-notes} reworded throughout %v; want all", after.Burndown, after.Watch, after.Minutes)
	}

	// A link to the burndown task's former anchor goes to the task.
	var hash string
	if err := chromedp.Run(ctx, visit(page+"#"+oldBurndown), chromedp.Evaluate(`location.hash`, &hash)); err != nil {
		t.Fatal(err)
	}
	if hash != "#"+burndown {
		t.Errorf("a link to #%s ends at %s; want #%s", oldBurndown, hash, burndown)
	}
}
