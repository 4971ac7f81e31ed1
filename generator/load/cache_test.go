package load

import (
	"maps"
	"reflect"
	"slices"
	"testing"
	"testing/fstest"
)

// A Read through a Cache gives what a Read without one gives, after every
// kind of edit the live preview sees; it decodes again only the files
// that changed, and forgets the files that are gone.
func TestCacheReadIsRead(t *testing.T) {
	fsys := fstest.MapFS{
		"handbook.toml":     {Data: []byte("title = \"T\"\nbase_url = \"https://example.org/\"\n")},
		"releases/v1.toml":  {Data: []byte("name = \"v1\"\nstart = 2026-10-05\n\n[milestone.release]\ndate = 2027-01-13\n")},
		"releases/v2.toml":  {Data: []byte("name = \"v2\"\nstart = 2027-02-01\n\n[milestone.release]\ndate = 2027-05-12\n")},
		"releases/notes.md": {Data: []byte("ignored")},
		"roles/lead.md":     {Data: []byte("+++\ntitle = \"Lead\"\n+++\n# Lead\n")},
		"roles/docs.md":     {Data: []byte("# Docs\n")},
		"pages/about.md":    {Data: []byte("+++\norder = 1\n+++\nAbout.\n")},
		"glossary.toml":     {Data: []byte("[term.rc]\nname = \"RC\"\n")},
	}
	edits := []struct {
		name string
		edit func()
		// changed are the files that must be decoded again; every other
		// file must keep the value the last read made of it.
		changed []string
	}{
		{"first read", func() {}, nil},
		{"nothing changed", func() {}, nil},
		{"a release date", func() {
			fsys["releases/v1.toml"] = &fstest.MapFile{Data: []byte("name = \"v1\"\nstart = 2026-10-12\n\n[milestone.release]\ndate = 2027-01-13\n")}
		}, []string{"releases/v1.toml"}},
		{"a misspelt key", func() {
			fsys["releases/v2.toml"] = &fstest.MapFile{Data: []byte("name = \"v2\"\nstart = 2027-02-01\n\n[milestone.release]\ndat = 2027-05-12\n")}
		}, []string{"releases/v2.toml"}},
		{"the misspelt key again", func() {}, nil},
		{"not TOML", func() {
			fsys["releases/v2.toml"] = &fstest.MapFile{Data: []byte("name = \n")}
		}, nil},
		{"bad front matter", func() {
			fsys["roles/docs.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = 1\n+++\n# Docs\n")}
		}, []string{"roles/docs.md"}},
		{"a guide gone", func() { delete(fsys, "roles/lead.md") }, nil},
		{"a page renamed", func() {
			fsys["pages/onboarding.md"] = fsys["pages/about.md"]
			delete(fsys, "pages/about.md")
		}, nil},
		{"the glossary", func() {
			fsys["glossary.toml"] = &fstest.MapFile{Data: []byte("[term.rc]\nname = \"RC\"\naliases = [\"release candidate\"]\n")}
		}, []string{"glossary.toml"}},
		{"no glossary", func() { delete(fsys, "glossary.toml") }, nil},
		{"no handbook.toml", func() { delete(fsys, "handbook.toml") }, nil},
	}
	var c Cache
	var last map[string]any
	for _, e := range edits {
		e.edit()
		got, gotDiags := c.Read(fsys)
		want, wantDiags := Read(fsys)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the cached Source differs from a fresh one", e.name)
		}
		if !slices.Equal(gotDiags, wantDiags) {
			t.Errorf("%s: diagnostics\n got %v\nwant %v", e.name, gotDiags, wantDiags)
		}
		values := sourceValues(got)
		for name, v := range values {
			before, ok := last[name]
			switch changed := slices.Contains(e.changed, name); {
			case ok && changed && v == before:
				t.Errorf("%s: %s was not decoded again", e.name, name)
			case ok && !changed && v != before:
				t.Errorf("%s: %s was decoded again", e.name, name)
			}
		}
		kept := slices.Sorted(maps.Keys(c.files))
		if read := decodedFiles(fsys); !slices.Equal(kept, read) {
			t.Errorf("%s: the cache keeps %q, want the files read: %q", e.name, kept, read)
		}
		last = values
	}
}

// sourceValues maps each file of a Source that decoded to the value made
// of it.
func sourceValues(src *Source) map[string]any {
	values := map[string]any{}
	if src.Settings != nil && !slices.Contains(src.Unloaded, src.Settings.Path) {
		values[src.Settings.Path] = src.Settings
	}
	for _, r := range src.Releases {
		values[r.Path] = r
	}
	for _, d := range append(slices.Clip(src.Roles), src.Pages...) {
		values[d.Path] = d
	}
	if len(src.Terms) > 0 {
		values["glossary.toml"] = &src.Terms[0]
	}
	return values
}

// decodedFiles are the files of fsys that Read decodes.
func decodedFiles(fsys fstest.MapFS) []string {
	var names []string
	for name := range fsys {
		if name != "releases/notes.md" {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}
