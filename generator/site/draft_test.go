package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relbook/relbook/cmd/benchgen/synth"
	"github.com/relbook/relbook/content"
	"github.com/relbook/relbook/generator/handbook"
)

// A file made on its own by a Draft, before the rest of the site, has the
// bytes a whole build gives it; and Finish, after some files were made
// that way, gives the whole build's output and problems.
func TestDraftFilesAreTheBuildsFiles(t *testing.T) {
	small := synthFS(synth.Config{Releases: 3, Roles: 4, Tasks: 12, Terms: 30})
	small["static/robots.txt"] = &fstest.MapFile{Data: []byte("User-agent: *\n")}
	for _, tc := range []struct {
		name string
		src  fs.FS
		opts Options
	}{
		{"example", content.FS, Options{Today: handbook.MustDate(2026, 11, 21)}},
		{"synthetic", small, synthOptions},
	} {
		t.Run(tc.name, func(t *testing.T) {
			whole, wantDiags, err := Generate(tc.src, tc.opts)
			if err != nil || whole == nil || whole.Files == nil {
				t.Fatalf("Generate: %v %v", err, wantDiags)
			}
			names := slices.Sorted(maps.Keys(whole.Files))
			// Every file on its own, each from a fresh draft, so that
			// nothing made for another file helps.
			for _, name := range names {
				d, _, err := Prepare(tc.src, tc.opts)
				if err != nil {
					t.Fatal(err)
				}
				data, found, err := d.File(name)
				if err != nil || !found || !bytes.Equal(data, whole.Files[name]) {
					t.Errorf("%s: found %v, err %v, same bytes %v", name, found, err, bytes.Equal(data, whole.Files[name]))
				}
			}
			d, _, err := Prepare(tc.src, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{"index.html", "releases/index.html", "glossary/index.html", "no/such/page.html", "calendar.ics"} {
				_, found, _ := d.File(name)
				if _, want := whole.Files[name]; found != want {
					t.Errorf("%s: found %v, want %v", name, found, want)
				}
			}
			res, diags, err := d.Finish()
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Files) != len(whole.Files) {
				t.Errorf("Finish after File: %d files, want %d", len(res.Files), len(whole.Files))
			}
			for name, data := range whole.Files {
				if !bytes.Equal(res.Files[name], data) {
					t.Errorf("Finish after File: %s differs", name)
				}
			}
			if got, want := diags.Sort().Error(), wantDiags.Sort().Error(); got != want {
				t.Errorf("Finish after File: problems\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// Builds that share a Cache give, after every kind of edit, the bytes and
// problems of a build without one.
func TestCachedBuildsAreColdBuilds(t *testing.T) {
	src := synthFS(synth.Config{Releases: 3, Roles: 4, Tasks: 12, Terms: 30})
	edit := func(name string, change func(string) string) {
		before := string(src[name].Data)
		after := change(before)
		if after == before {
			t.Fatalf("the edit of %s changes nothing", name)
		}
		src[name] = &fstest.MapFile{Data: []byte(after)}
	}
	steps := []struct {
		what   string
		change func()
	}{
		{"nothing", func() {}},
		{"a guide", func() { edit("roles/ci-signal.md", func(s string) string { return s + "\n- [ ] One more task\n" }) }},
		{"a release's date", func() {
			edit("releases/v1.1.toml", func(s string) string { return strings.Replace(s, "date = 2026-10-20", "date = 2026-10-27", 1) })
		}},
		{"a broken release", func() {
			edit("releases/v1.1.toml", func(s string) string { return s + "\n[milestone.broken]\ndat = 2026-01-01\n" })
		}},
		{"the fix", func() {
			edit("releases/v1.1.toml", func(s string) string { return s[:strings.Index(s, "\n[milestone.broken]")] })
		}},
		{"the glossary", func() {
			edit("glossary.toml", func(s string) string { return s + "\n[term.task]\nname = \"Task\"\ndefinition = \"Work to do.\"\n" })
		}},
		{"a guide gone", func() { delete(src, "roles/ci-signal.md") }},
	}
	opts := synthOptions
	opts.Cache = &Cache{}
	for _, step := range steps {
		step.change()
		cold, coldDiags, coldErr := Generate(src, synthOptions)
		warm, warmDiags, warmErr := Generate(src, opts)
		if fmt.Sprint(coldErr) != fmt.Sprint(warmErr) || coldDiags.Sort().Error() != warmDiags.Sort().Error() {
			t.Fatalf("after %s: problems differ:\ncold %v\n%s\ncached %v\n%s", step.what, coldErr, coldDiags.Sort().Error(), warmErr, warmDiags.Sort().Error())
		}
		if cold == nil || cold.Files == nil {
			if warm != nil && warm.Files != nil {
				t.Errorf("after %s: the cached build made a site, the cold one did not", step.what)
			}
			continue
		}
		if len(cold.Files) != len(warm.Files) {
			t.Errorf("after %s: %d files cached, %d cold", step.what, len(warm.Files), len(cold.Files))
		}
		for name, data := range cold.Files {
			if !bytes.Equal(warm.Files[name], data) {
				t.Errorf("after %s: %s differs", step.what, name)
			}
		}
	}
}

// A Draft makes a file only when it is asked for it, or for a file made
// together with it: serving a page, a static file or the Atom feed never
// waits for the iCalendar feeds, which are made on the first request for
// one of them.
func TestDraftMakesOnlyWhatIsAsked(t *testing.T) {
	src := synthFS(synth.Config{Releases: 2, Roles: 3, Tasks: 8, Terms: 5})
	src["static/robots.txt"] = &fstest.MapFile{Data: []byte("User-agent: *\n")}
	d, diags, err := Prepare(src, synthOptions)
	if err != nil || diags.HasErrors() {
		t.Fatalf("Prepare: %v %v", err, diags)
	}
	made := func() []string {
		var names []string
		for _, p := range d.parts {
			if b, ok := p.(*batch); ok && b.files != nil {
				names = append(names, slices.Sorted(maps.Keys(b.files))[0])
			}
		}
		return names
	}
	steps := []struct {
		ask  func() bool
		made []string // the first file of each batch made so far
	}{
		{func() bool { _, found, _ := d.File("index.html"); return found }, nil},
		{func() bool { return d.HasPage("roles/index.html") }, nil},
		{func() bool { _, found, _ := d.File("robots.txt"); return found }, []string{"robots.txt"}},
		{func() bool { _, found, _ := d.File("no/such/page.html"); return !found }, []string{"robots.txt"}},
		{func() bool { _, found, _ := d.File("changes.xml"); return found }, []string{"changes.xml", "robots.txt"}},
		{func() bool { _, found, _ := d.File("no/such/feed.ics"); return !found }, []string{"changes.xml", "calendar.ics", "robots.txt"}},
	}
	for i, step := range steps {
		if !step.ask() {
			t.Fatalf("step %d: wrong answer", i)
		}
		if got := made(); !slices.Equal(got, step.made) {
			t.Fatalf("step %d: made %q, want %q", i, got, step.made)
		}
	}
}
