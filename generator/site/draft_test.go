package site

import (
	"bytes"
	"io/fs"
	"maps"
	"slices"
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
