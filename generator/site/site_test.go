package site

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relbook/relbook/content"
	"github.com/relbook/relbook/generator/handbook"
)

var update = flag.Bool("update", false, "rewrite the expected sites in testdata/sites/*/want")

// TestSites builds every site in testdata/sites and compares the output,
// file by file and byte by byte, with the case's want/ folder. Each case
// holds the input in site/ and today's date in a file named now. After
// -update, read the diff of want/ before committing it: it is what a
// reader of the published handbook will get.
func TestSites(t *testing.T) {
	cases, err := filepath.Glob("testdata/sites/*")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases in testdata/sites: %v", err)
	}
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			now, err := os.ReadFile(filepath.Join(dir, "now"))
			if err != nil {
				t.Fatal(err)
			}
			today, err := handbook.ParseDate(strings.TrimSpace(string(now)))
			if err != nil {
				t.Fatal(err)
			}
			res, diags, err := Generate(os.DirFS(filepath.Join(dir, "site")), Options{Today: today})
			if err != nil || diags.HasErrors() {
				t.Fatalf("build failed: %v\n%s", err, diags)
			}
			// The theme's static files are copies, checked by the render
			// tests; the goldens hold what relbook generates.
			for name := range res.Files {
				if strings.HasPrefix(name, "static/") {
					delete(res.Files, name)
				}
			}
			want := filepath.Join(dir, "want")
			if *update {
				if err := os.RemoveAll(want); err != nil {
					t.Fatal(err)
				}
				if err := os.Mkdir(want, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := writeFiles(want, res.Files, nil); err != nil {
					t.Fatal(err)
				}
				os.Remove(filepath.Join(want, Marker))
				return
			}
			compareTree(t, want, res.Files)
		})
	}
}

func compareTree(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	var onDisk []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		onDisk = append(onDisk, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(onDisk)
	var built []string
	for name := range files {
		built = append(built, name)
	}
	slices.Sort(built)
	if !slices.Equal(onDisk, built) {
		t.Fatalf("files differ (run go test -update and read the diff)\n built: %v\nwanted: %v", built, onDisk)
	}
	for _, name := range built {
		want, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if !bytes.Equal(files[name], want) {
			t.Errorf("%s differs from the golden file (run go test -update and read the diff)", name)
		}
	}
}

// TestExampleBuilds builds the example handbook shipped in the binary: it
// must build without errors or warnings, and twice to the same bytes.
func TestExampleBuilds(t *testing.T) {
	today := handbook.MustDate(2026, 11, 21)
	a, diags, err := Generate(content.FS, Options{Today: today})
	if err != nil || diags.HasErrors() {
		t.Fatalf("the example handbook has problems: %v\n%s", err, diags)
	}
	// The one warning the example means to show: a milestone only v3.5
	// has, whose tasks read "not scheduled" in the other releases.
	for _, d := range diags {
		if !strings.Contains(d.Message, `no milestone "planning-gathering"`) {
			t.Errorf("unexpected warning in the example: %s", d)
		}
	}
	b, _, _ := Generate(content.FS, Options{Today: today})
	for name, data := range a.Files {
		if !bytes.Equal(data, b.Files[name]) {
			t.Errorf("%s differs between two builds of the same input", name)
		}
	}
	if a.Handbook.Current == nil || a.Handbook.Current.ID != "v3.4" {
		t.Errorf("current release = %v, want v3.4 (the cycle holding 2026-11-21)", a.Handbook.Current)
	}
}

func TestWriteReplacesOnlyWhenComplete(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if err := Write(map[string][]byte{"index.html": []byte("one")}, out, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := Write(map[string][]byte{"index.html": []byte("two"), "releases/v1/index.html": []byte("r")}, out, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "index.html")); string(got) != "two" {
		t.Errorf("index.html = %q after the second build, want %q", got, "two")
	}
	// A path that would escape the folder fails the write and keeps the
	// previous site whole.
	err := Write(map[string][]byte{"index.html": []byte("three"), "../escape.html": nil}, out, WriteOptions{})
	if err == nil {
		t.Fatal("writing ../escape.html succeeded")
	}
	if got, _ := os.ReadFile(filepath.Join(out, "index.html")); string(got) != "two" {
		t.Errorf("index.html = %q after a failed build, want the previous %q", got, "two")
	}
	if _, err := os.Stat(filepath.Join(dir, "escape.html")); err == nil {
		t.Error("a file was written outside the output folder")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary folders left behind: %v", entries)
	}
}

func TestCheckOutDirRefuses(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "content")
	foreign := filepath.Join(dir, "docs")
	for _, d := range []string{src, foreign} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("mine"), 0o644)
	home, _ := os.UserHomeDir()
	for _, tc := range []struct {
		out, want string
		force     bool
	}{
		{src, "inside the site folder", false},
		{filepath.Join(src, "public"), "inside the site folder", false},
		{dir, "holds the site folder", false},
		{"/", "root of the file system", true},
		{home, "home folder", true},
		{foreign, "relbook did not create it", false},
	} {
		err := CheckOutDir(tc.out, WriteOptions{SourceDir: src, Force: tc.force})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("CheckOutDir(%s) = %v, want an error saying %q", tc.out, err, tc.want)
		}
	}
	if err := CheckOutDir(foreign, WriteOptions{SourceDir: src, Force: true}); err != nil {
		t.Errorf("--force should allow replacing %s: %v", foreign, err)
	}
	if err := CheckOutDir(filepath.Join(dir, "public"), WriteOptions{SourceDir: src}); err != nil {
		t.Errorf("a new folder beside the site should be allowed: %v", err)
	}
}

func TestThemeOverride(t *testing.T) {
	site := fstest.MapFS{"themes/default/static/style.css": {Data: []byte("/* mine */")}}
	theme, err := Theme(site, "default")
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := fs.ReadFile(theme, "static/style.css"); string(b) != "/* mine */" {
		t.Errorf("the site's style.css did not replace the default one: %q", b)
	}
	if _, err := fs.ReadFile(theme, "templates/base.html"); err != nil {
		t.Errorf("templates the site does not override must come from the default theme: %v", err)
	}
	if _, err := Theme(site, "fancy"); err == nil {
		t.Error("a theme with no themes/fancy/ folder was accepted")
	}
}

// TestRoleFeedsLinked: every role's calendar the site writes is linked
// from /roles/, and /roles/ links no calendar that is not written, in the
// example and in the real handbooks (whose guideless roles own dates).
func TestRoleFeedsLinked(t *testing.T) {
	for _, c := range []struct {
		name string
		fsys fs.FS
	}{
		{"example", content.FS},
		{"kubernetes", os.DirFS("testdata/real/kubernetes")},
		{"kubernetes patches", os.DirFS("testdata/real-patches/kubernetes")},
	} {
		res, diags, err := Generate(c.fsys, Options{Today: handbook.MustDate(2026, 5, 20)})
		if err != nil || diags.HasErrors() {
			t.Fatalf("%s: %v %v", c.name, err, diags.Errors())
		}
		roles := string(res.Files["roles/index.html"])
		for name := range res.Files {
			if strings.HasPrefix(name, "roles/") && strings.HasSuffix(name, ".ics") && !strings.Contains(roles, `href="`+strings.TrimPrefix(name, "roles/")+`"`) {
				t.Errorf("%s: /roles/ does not link %s", c.name, name)
			}
		}
		for _, m := range regexp.MustCompile(`href="([^"/:]+\.ics)"`).FindAllStringSubmatch(roles, -1) {
			if res.Files["roles/"+m[1]] == nil {
				t.Errorf("%s: /roles/ links %s, which is not written", c.name, m[1])
			}
		}
	}
}

// A role named only as the owner of patch releases has no guide: it is
// warned, listed on /roles/, and its calendar is linked there.
func TestPatchOwnerWithoutGuide(t *testing.T) {
	site := fstest.MapFS{
		"handbook.toml": {Data: []byte("title = \"T\"\nbase_url = \"https://example.org/\"\n")},
		"releases/v1.toml": {Data: []byte("name = \"V1\"\nstart = 2026-01-05\n\n[milestone.release]\ndate = 2026-03-04\n\n" +
			"[support.maintained]\nuntil = 2026-12-31\n\n[patches]\nevery = \"month\"\non = \"second Tuesday\"\nuntil = \"support.maintained\"\nowner = [\"patch-team\"]\n")},
	}
	res, diags, err := Generate(site, Options{Today: handbook.MustDate(2026, 5, 20)})
	if err != nil || diags.HasErrors() {
		t.Fatalf("%v %v", err, diags.Errors())
	}
	if !strings.Contains(diags.Error(), `owner names role "patch-team", which has no guide`) {
		t.Errorf("no no-guide warning for the patch owner:\n%s", diags.Error())
	}
	if res.Files["roles/patch-team.ics"] == nil {
		t.Fatalf("no calendar of the patch team")
	}
	if !strings.Contains(string(res.Files["roles/index.html"]), `href="patch-team.ics"`) {
		t.Errorf("/roles/ does not link the patch team's calendar")
	}
}

// TestAgendaGroupsByStart: on a checklist's agenda, a group of tasks that
// runs over several days stands where it starts, so the tasks to begin in
// week 9 are read in week 9, not after the last one due in week 14.
func TestAgendaGroupsByStart(t *testing.T) {
	res, diags, err := Generate(content.FS, Options{Today: handbook.MustDate(2026, 11, 21)})
	if err != nil || diags.HasErrors() {
		t.Fatalf("%v %v", err, diags.Errors())
	}
	from := regexp.MustCompile(`class="task-group" data-from="([0-9-]+)" data-due="([0-9-]+)"`)
	ranges := 0
	for name, data := range res.Files {
		if !strings.HasSuffix(name, "/agenda/index.html") {
			continue
		}
		last := ""
		for _, m := range from.FindAllStringSubmatch(string(data), -1) {
			if m[1] < last {
				t.Errorf("%s: a group starting %s comes after one starting %s", name, m[1], last)
			}
			last = m[1]
			if m[1] != m[2] {
				ranges++
			}
		}
	}
	if ranges == 0 {
		t.Fatal("the example has no group that runs over several days")
	}
}

// TestPacketGlossaryHasUsedTerms: a role's onboarding packet prints the
// glossary terms its guide and checklist use — linked, or spelt out in a
// date such as "(AoE)" — and those their definitions lead to, not the
// whole glossary.
func TestPacketGlossaryHasUsedTerms(t *testing.T) {
	res, diags, err := Generate(content.FS, Options{Today: handbook.MustDate(2026, 11, 21)})
	if err != nil || diags.HasErrors() {
		t.Fatalf("%v %v", err, diags.Errors())
	}
	all := strings.Count(string(res.Files["glossary/index.html"]), "<dt ")
	dt := regexp.MustCompile(`<dt id="(?:term-)?([a-z0-9-]+)"><dfn>([^<]+)</dfn>`)
	for name, data := range res.Files {
		if !strings.HasPrefix(name, "print/") {
			continue
		}
		page := string(data)
		terms := dt.FindAllStringSubmatch(page, -1)
		if len(terms) == 0 || len(terms) >= all {
			t.Errorf("%s prints %d of the glossary's %d terms", name, len(terms), all)
		}
		for _, m := range terms {
			linked := strings.Contains(page, `#`+m[1]+`"`) || strings.Contains(page, `#term-`+m[1]+`"`)
			// A term the page spells out where nothing links, such as
			// the "(AoE)" of a deadline.
			written := strings.Count(page, m[2]) > 1
			if !linked && !written {
				t.Errorf("%s prints the term %q, which nothing on it uses", name, m[1])
			}
		}
	}
}
