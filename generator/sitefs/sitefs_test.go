package sitefs_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relbook/relbook/generator/internal/hostile"
	"github.com/relbook/relbook/generator/sitefs"
)

const secret = "SECRET-OF-THE-BUILD-MACHINE"

// hostileSite makes a site folder beside a folder that is not part of it,
// with every kind of entry a pull request can hold: plain files and
// folders, links that stay inside (to a file, to a folder), links that
// lead out (absolute, relative, to a folder, to a device), a broken link,
// a loop and a named pipe.
func hostileSite(t *testing.T) (dir string, f *sitefs.Folder) {
	t.Helper()
	top := t.TempDir()
	outside := filepath.Join(top, "outside")
	dir = filepath.Join(top, "site")
	for name, text := range map[string]string{
		"outside/secret.txt":    secret,
		"outside/more/x.txt":    secret,
		"site/handbook.toml":    "title = \"T\"\n",
		"site/static/img/a.svg": "<svg/>",
	} {
		p := filepath.Join(top, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, dir := range []string{"site/roles", "site/releases"} {
		if err := os.Mkdir(filepath.Join(top, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"static/env.txt":   filepath.Join(outside, "secret.txt"),
		"roles/passwd.md":  "../../outside/secret.txt",
		"static/outdir":    outside,
		"static/zero":      "/dev/zero",
		"static/logo.svg":  "img/a.svg",
		"static/pics":      "img",
		"roles/gone.md":    "nothing.md",
		"static/loop":      "loop",
		"static/pipe-link": "../roles/pipe.md",
	} {
		hostile.Symlink(t, target, filepath.Join(dir, filepath.FromSlash(link)))
	}
	hostile.FIFO(t, filepath.Join(dir, "roles", "pipe.md"))
	f, err := sitefs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return dir, f
}

const (
	outside = "a symbolic link to outside the site folder; relbook follows only relative links that stay inside it"
	pipe    = "a named pipe (FIFO), not a file: relbook reads only regular files and folders"
)

// Every way of reading a file refuses the same files with the same
// reason, and reads the others.
func TestRefusals(t *testing.T) {
	_, f := hostileSite(t)
	for name, want := range map[string]string{
		"handbook.toml":        "",
		"static/img/a.svg":     "",
		"static/logo.svg":      "",
		"static/pics/a.svg":    "",
		"static/env.txt":       outside,
		"roles/passwd.md":      outside,
		"static/outdir":        outside,
		"static/outdir/x.txt":  "in a folder that is a symbolic link to outside the site folder; relbook follows only relative links that stay inside it",
		"static/zero":          outside,
		"roles/gone.md":        "a symbolic link to a file that does not exist",
		"static/loop":          "a symbolic link that leads round in a loop, or through too many links",
		"roles/pipe.md":        pipe,
		"static/pipe-link":     pipe,
		"static/outdir/../env": "cannot read: invalid argument",
	} {
		_, statErr := f.Stat(name)
		file, openErr := f.Open(name)
		if openErr == nil {
			file.Close()
		}
		data, readErr := f.ReadFile(name)
		for op, err := range map[string]error{"Stat": statErr, "Open": openErr, "ReadFile": readErr} {
			switch {
			case want == "" && err != nil:
				t.Errorf("%s %s: %v", op, name, err)
			case want != "" && (err == nil || sitefs.Why(err) != want):
				t.Errorf("%s %s: got %v, want %q", op, name, err, want)
			case want != "" && errors.Is(err, fs.ErrNotExist):
				t.Errorf("%s %s: a refused file must not read as a missing one: %v", op, name, err)
			}
		}
		if strings.Contains(string(data), secret) {
			t.Errorf("ReadFile %s read the file outside", name)
		}
	}
	if _, err := f.ReadFile("roles/none.md"); !errors.Is(err, fs.ErrNotExist) || sitefs.Why(err) != "cannot read: no such file or directory" {
		t.Errorf("a missing file: %v", err)
	}
}

// A listing keeps the refused entries, each with its reason; Files walks
// into the links that stay inside and reports every refused entry.
func TestListings(t *testing.T) {
	_, f := hostileSite(t)
	entries, err := fs.ReadDir(f, "roles")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name()+": "+sitefs.Problem(e))
	}
	want := []string{
		"gone.md: a symbolic link to a file that does not exist",
		"passwd.md: " + outside,
		"pipe.md: " + pipe,
	}
	if !slices.Equal(got, want) {
		t.Errorf("roles/:\n got %q\nwant %q", got, want)
	}

	names, problems := sitefs.Files(f, "static")
	if want := []string{"static/img/a.svg", "static/logo.svg", "static/pics/a.svg"}; !slices.Equal(names, want) {
		t.Errorf("files of static/: %q, want %q", names, want)
	}
	var lines []string
	for _, d := range problems.Sort() {
		lines = append(lines, d.String())
	}
	wantLines := []string{
		"static/env.txt:1:1: " + outside,
		"static/loop:1:1: a symbolic link that leads round in a loop, or through too many links",
		"static/outdir:1:1: " + outside,
		"static/pipe-link:1:1: " + pipe,
		"static/zero:1:1: " + outside,
	}
	if !slices.Equal(lines, wantLines) {
		t.Errorf("problems of static/:\n got %q\nwant %q", lines, wantLines)
	}
	if names, problems := sitefs.Files(f, "pages"); names != nil || problems != nil {
		t.Errorf("a missing folder: %q %v", names, problems)
	}
}

// A folder without hostile entries is an ordinary fs.FS, links inside
// it included.
func TestFS(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "static", "img"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "static", "img", "a.svg"), []byte("<svg/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	hostile.Symlink(t, "img/a.svg", filepath.Join(dir, "static", "logo.svg"))
	hostile.Symlink(t, "img", filepath.Join(dir, "static", "pics"))
	f, err := sitefs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := fstest.TestFS(f, "static/img/a.svg", "static/logo.svg", "static/pics/a.svg"); err != nil {
		t.Error(err)
	}
}

// New files go inside the folder only, and never over another.
func TestCreate(t *testing.T) {
	dir, f := hostileSite(t)
	if err := f.Create("roles/new.md", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "roles", "new.md")); err != nil || string(b) != "new" {
		t.Errorf("roles/new.md: %q %v", b, err)
	}
	if err := f.Create("roles/new.md", []byte("again")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("over an existing file: %v", err)
	}
	if err := f.Create("roles/gone.md", []byte("through a broken link")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("over a broken link: %v", err)
	}
	if err := f.Create("static/outdir/planted.txt", []byte("x")); err == nil || !strings.Contains(sitefs.Why(err), "outside the site folder") {
		t.Errorf("through a link to a folder outside: %v", err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "outside", "planted.txt")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a file was written outside the site folder")
	}
	if err := f.Create("pages/deep/new.md", []byte("x")); err != nil {
		t.Errorf("in a new folder: %v", err)
	}
}
