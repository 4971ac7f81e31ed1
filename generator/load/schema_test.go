package load

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/relbook/relbook/generator/schema"
)

// siteFolders are every handbook the repository holds: the example, the
// sites the build's golden tests build, the real-world ones and the
// broken ones.
func siteFolders(t *testing.T) []string {
	t.Helper()
	dirs := []string{"../../content", "../site/testdata/links/site"}
	for _, pattern := range []string{"../site/testdata/sites/*/site", "../site/testdata/real/*", "../site/testdata/real-patches/*", "../site/testdata/bad/*/site"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, m...)
	}
	var out []string
	for _, d := range dirs {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			out = append(out, d)
		}
	}
	if len(out) < 10 {
		t.Fatalf("found only %d site folders: %v", len(out), out)
	}
	return out
}

// TestReadersMatchSchema holds the readers of this package to package
// schema's description of the files, the one the JSON Schemas are made
// from: every key a reader asks for is described, as the kind of value
// it reads, and every described key is read by some reader. (A key a
// reader reads but the description lacks is already rejected as unknown
// when it is written; this test finds it before anyone writes it.)
func TestReadersMatchSchema(t *testing.T) {
	type read struct {
		file *schema.File
		name string // the key's name in the description
	}
	var (
		mu   sync.Mutex
		seen = map[read]bool{}
		bad  = map[string]bool{}
	)
	observe = func(f *schema.File, table []string, key string, kind schema.Kind) {
		path := append(slices.Clone(table), key)
		k, name, ok := f.Lookup(path)
		mu.Lock()
		defer mu.Unlock()
		switch {
		case !ok:
			bad[fmt.Sprintf("%s: a reader reads %s, which package schema does not describe", f.Name, strings.Join(path, "."))] = true
		case k.Kind != kind:
			bad[fmt.Sprintf("%s: a reader reads %s as %s; package schema says %s", f.Name, name, kind, k.Kind)] = true
		default:
			seen[read{f, name}] = true
		}
	}
	defer func() { observe = nil }()
	for _, dir := range siteFolders(t) {
		Read(os.DirFS(dir))
	}
	for msg := range bad {
		t.Error(msg)
	}
	for _, f := range schema.Files {
		f.Walk(func(name string, k *schema.Key) {
			if k.Kind == schema.StringsByID {
				name += ".<id>" // the reader reads each role's list
			}
			if !seen[read{f, name}] {
				t.Errorf("%s: package schema describes %s, but no reader read it in any site folder", f.Name, name)
			}
		})
	}
}

// TestSchemaDecidesUnknownKeys: the keys a table may hold are those the
// description gives it, in every kind of file and at every depth.
func TestSchemaDecidesUnknownKeys(t *testing.T) {
	fsys := fstest.MapFS{
		"handbook.toml": {Data: []byte("title = \"T\"\nbase_url = \"https://example.org/\"\ntitel = \"x\"\n[check]\nalow = []\n")},
		"releases/v1.toml": {Data: []byte(`name = "v1"
start = 2026-10-05
[milestone.release]
date = 2026-12-02
was = [{ date = 2026-12-01, chnged = 2026-11-01 }]
[patch.p1]
date = 2027-01-05
cherry_pik = false
[team]
release-lead = ["A"]
`)},
		"glossary.toml":    {Data: []byte("[term.x]\nname = \"X\"\naliasses = []\n")},
		"roles/lead.md":    {Data: []byte("+++\ntitle = \"Lead\"\ntask = \"lists\"\n+++\nBody\n")},
		"pages/about.md":   {Data: []byte("+++\ntitle = \"About\"\ncommitment = \"x\"\n+++\nBody\n")},
		"roles/g/index.md": {Data: []byte("+++\ntitle = \"G\"\n+++\n")},
		"roles/g/setup.md": {Data: []byte("+++\norder = 2\n+++\n")},
		// Not content: the schemas a handbook keeps beside its files, and
		// files of other tools, are never read.
		"schemas/release.schema.json": {Data: []byte("{")},
		"published.toml":              {Data: []byte("anything = 1\n")},
	}
	_, diags := Read(fsys)
	var got []string
	for _, d := range diags.Sort() {
		got = append(got, d.String())
	}
	want := []string{
		`glossary.toml:3:1: unknown key "aliasses" in [term.x]; did you mean "aliases"?`,
		`handbook.toml:3:1: unknown key "titel" in the top level; did you mean "title"?`,
		`handbook.toml:5:1: unknown key "alow" in [check]; did you mean "allow"?`,
		`pages/about.md:3:1: unknown key "commitment" in the top level`,
		`releases/v1.toml:5:29: unknown key "chnged" in [milestone.release.was.0]; did you mean "changed"?`,
		`releases/v1.toml:8:1: unknown key "cherry_pik" in [patch.p1]; did you mean "cherry_pick"?`,
		`roles/g/setup.md:2:1: unknown key "order" in the top level`,
		`roles/lead.md:3:1: unknown key "task" in the top level; did you mean "tasks"?`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
