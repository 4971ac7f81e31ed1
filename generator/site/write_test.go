package site

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/relbook/relbook/generator/render"
)

// readTree returns every file under dir, by slash path, with its bytes.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	return files
}

// sameTree reports how the folder differs from a build's files (plus the
// marker): "" when it holds exactly those files with exactly those bytes.
func sameTree(got map[string][]byte, want render.Output) string {
	var diffs []string
	for name, b := range want {
		g, ok := got[name]
		switch {
		case !ok:
			diffs = append(diffs, "missing "+name)
		case !bytes.Equal(g, b):
			diffs = append(diffs, fmt.Sprintf("%s differs (%d bytes, want %d)", name, len(g), len(b)))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok && name != Marker {
			diffs = append(diffs, "extra "+name)
		}
	}
	if _, ok := got[Marker]; !ok {
		diffs = append(diffs, "no "+Marker)
	}
	slices.Sort(diffs)
	if len(diffs) > 5 {
		diffs = append(diffs[:5], fmt.Sprintf("and %d more", len(diffs)-5))
	}
	return strings.Join(diffs, "; ")
}

// leftovers lists the temporary folders of builds into out.
func leftovers(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+filepath.Base(out)+".relbook-new-") {
			names = append(names, e.Name())
		}
	}
	return names
}

func TestExchangeSwapsTwoFolders(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, d := range []string{a, b} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(d, "name"), []byte(filepath.Base(d)), 0o644)
	}
	err := exchange(a, b)
	if errors.Is(err, errNoExchange) {
		t.Skipf("this system or file system cannot exchange folders; builds rename twice")
	}
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(b, "name")); string(got) != "a" {
		t.Errorf("after the exchange b holds %q, want a's folder", got)
	}
	if got, _ := os.ReadFile(filepath.Join(a, "name")); string(got) != "b" {
		t.Errorf("after the exchange a holds %q, want b's folder", got)
	}
}

// Both ways of swapping (one exchange, or two renames where the system
// has no exchange) replace the site and leave nothing behind.
func TestWriteSwap(t *testing.T) {
	for _, mode := range []string{"exchange", "two renames"} {
		t.Run(mode, func(t *testing.T) {
			if mode == "two renames" {
				exchangeDirs = func(string, string) error { return errNoExchange }
				t.Cleanup(func() { exchangeDirs = exchange })
			}
			out := filepath.Join(t.TempDir(), "public")
			one := render.Output{"index.html": []byte("one"), "old/only.html": []byte("gone next time")}
			two := render.Output{"index.html": []byte("two"), "releases/v1/index.html": []byte("r")}
			for _, files := range []render.Output{one, two} {
				if err := Write(files, out, WriteOptions{}); err != nil {
					t.Fatal(err)
				}
				if diff := sameTree(readTree(t, out), files); diff != "" {
					t.Fatalf("after the build: %s", diff)
				}
				if l := leftovers(t, out); len(l) > 0 {
					t.Errorf("left behind: %v", l)
				}
			}
		})
	}
}

// A build cleans up after builds that were killed: their temporary
// folders go, except one another build is still writing.
func TestWriteRemovesLeftovers(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if err := Write(render.Output{"index.html": []byte("one")}, out, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	killed := filepath.Join(parent, ".public.relbook-new-1234")
	killedOld := filepath.Join(parent, ".public.relbook-new-5678-old")
	running := filepath.Join(parent, ".public.relbook-new-9999")
	other := filepath.Join(parent, ".docs.relbook-new-1")
	for _, d := range []string{killed, killedOld, running, other} {
		if err := os.MkdirAll(filepath.Join(d, "releases"), 0o700); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(d, "releases", "half.html"), []byte("<p>half"), 0o644)
	}
	release := hold(running)
	defer release()
	if err := Write(render.Output{"index.html": []byte("two")}, out, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{killed, killedOld} {
		if _, err := os.Stat(d); err == nil {
			t.Errorf("%s, left by a killed build, is still there", filepath.Base(d))
		}
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("%s belongs to builds into another folder and must stay: %v", filepath.Base(other), err)
	}
	if _, err := os.Stat(running); err != nil && holdWorks(t) {
		t.Errorf("%s, held by a running build, was removed: %v", filepath.Base(running), err)
	}
}

// holdWorks reports whether hold can lock folders on this system.
func holdWorks(t *testing.T) bool {
	d := t.TempDir()
	release := hold(d)
	defer release()
	return busy(d)
}

// A build killed between the two renames of the fallback swap leaves no
// public/, only the previous site renamed aside. The next build puts it
// back before anything else, so that when that build fails the previous
// site is still published.
func TestWriteRestoresSiteAfterInterruptedSwap(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if err := Write(render.Output{"index.html": []byte("previous")}, out, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	aside := filepath.Join(parent, ".public.relbook-new-42"+oldSuffix)
	if err := os.Rename(out, aside); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(parent, ".public.relbook-new-42", "releases"), 0o755)
	err := Write(render.Output{"index.html": []byte("next"), "../escape.html": nil}, out, WriteOptions{})
	if err == nil {
		t.Fatal("writing ../escape.html succeeded")
	}
	if diff := sameTree(readTree(t, out), render.Output{"index.html": []byte("previous")}); diff != "" {
		t.Errorf("the previous site was not put back: %s", diff)
	}
	if l := leftovers(t, out); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}

// An output folder that is a link to another folder stays a link; the
// folder it points at gets the site.
func TestWriteThroughLink(t *testing.T) {
	parent := t.TempDir()
	real := filepath.Join(parent, "www", "handbook")
	link := filepath.Join(parent, "public")
	if err := Write(render.Output{"index.html": []byte("one")}, real, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Skip(err)
	}
	if err := Write(render.Output{"index.html": []byte("two")}, link, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("public is no longer a link: %v %v", st.Mode(), err)
	}
	if got, _ := os.ReadFile(filepath.Join(real, "index.html")); string(got) != "two" {
		t.Errorf("the linked folder holds %q, want the new site", got)
	}
}

// Write refuses what CheckOutDir refuses, before touching anything: a
// folder relbook did not make, unless forced, and with or without force
// the root, the home folder and any folder that holds it.
func TestWriteRefuses(t *testing.T) {
	parent := t.TempDir()
	home := filepath.Join(parent, "home", "ada")
	if err := os.MkdirAll(home, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", home)
	os.WriteFile(filepath.Join(home, "notes.txt"), []byte("mine"), 0o644)
	docs := filepath.Join(parent, "docs")
	os.MkdirAll(docs, 0o755)
	os.WriteFile(filepath.Join(docs, "notes.txt"), []byte("mine"), 0o644)

	files := render.Output{"index.html": []byte("site")}
	for _, tc := range []struct {
		out, want string
		force     bool
	}{
		{"/", "root of the file system", true},
		{home, "your home folder", true},
		{home + "/", "your home folder", true},
		{filepath.Join(home, "..", "ada"), "your home folder", true},
		{filepath.Dir(home), "holds your home folder", true},
		{parent, "holds your home folder", true},
		{docs, "relbook did not create it", false},
	} {
		err := Write(files, tc.out, WriteOptions{Force: tc.force})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Write(%s, force %v) = %v, want an error saying %q", tc.out, tc.force, err, tc.want)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(home, "notes.txt")); string(got) != "mine" {
		t.Error("the home folder was touched")
	}
	if got := readTree(t, docs); len(got) != 1 || string(got["notes.txt"]) != "mine" {
		t.Errorf("a refused folder was touched: %v", got)
	}
	// A link to the home folder is the home folder.
	link := filepath.Join(parent, "public")
	if err := os.Symlink(home, link); err == nil {
		if err := Write(files, link, WriteOptions{Force: true}); err == nil || !strings.Contains(err.Error(), "home folder") {
			t.Errorf("Write through a link to the home folder = %v, want a refusal", err)
		}
	}
	if err := Write(files, docs, WriteOptions{Force: true}); err != nil {
		t.Errorf("--force should replace %s: %v", docs, err)
	}
}

// A site of many files in nested folders, written over a previous site
// of another shape, arrives whole: every file with its bytes, the
// previous site's files gone, nothing left beside it.
func TestWriteManyFolders(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	out := filepath.Join(t.TempDir(), "public")
	previous := siteOfSize(3, 4, 100)
	previous["old/deep/er/still/page.html"] = []byte("gone next time")
	next := siteOfSize(12, 30, 3000)
	next["a/b/c/d/e/f/deep.html"] = []byte("deep")
	next["a/b.html"] = []byte("beside a folder of its own name's prefix")
	next["a-b/index.html"] = []byte("sorted between a and a/")
	next["empty.html"] = nil
	for _, files := range []render.Output{previous, next} {
		if err := Write(files, out, WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		if diff := sameTree(readTree(t, out), files); diff != "" {
			t.Fatalf("after writing %d files: %s", len(files), diff)
		}
		if l := leftovers(t, out); len(l) > 0 {
			t.Errorf("left behind: %v", l)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "old")); err == nil {
		t.Error("a folder of the previous site is still there")
	}
}

// A write that fails among many others running at the same time fails
// the build with the error of the first failing file in name order,
// whichever failed first, and leaves the previous site as it was and no
// temporary folder behind. The failure here: two names that are a file
// and a folder at once.
func TestWriteFailsMidway(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	out := filepath.Join(t.TempDir(), "public")
	previous := render.Output{"index.html": []byte("previous"), "releases/v1.0/index.html": []byte("r")}
	if err := Write(previous, out, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	next := siteOfSize(40, 5, 1000)
	next["releases/v1.17"] = []byte("a file where a folder is")
	next["releases/v1.33"] = []byte("and another")
	for range 5 {
		err := Write(next, out, WriteOptions{})
		if err == nil {
			t.Fatal("writing a file and a folder of one name succeeded")
		}
		if !strings.Contains(err.Error(), filepath.FromSlash("releases/v1.17:")) {
			t.Errorf("the error is %q, want the one of releases/v1.17, the first that failed in name order", err)
		}
		if diff := sameTree(readTree(t, out), previous); diff != "" {
			t.Fatalf("the previous site was touched: %s", diff)
		}
		if l := leftovers(t, out); len(l) > 0 {
			t.Fatalf("left behind: %v", l)
		}
	}
}

// Names that are not clean paths are refused before anything is
// written: two of them could name one file.
func TestWriteRefusesUncleanPaths(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	previous := render.Output{"index.html": []byte("previous")}
	if err := Write(previous, out, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a/./b.html", "a//b.html", "a/../b.html", "a/", "./a.html", "", ".", "/a.html", "a\\b.html"} {
		err := Write(render.Output{"index.html": []byte("next"), name: []byte("x")}, out, WriteOptions{})
		if err == nil || !strings.Contains(err.Error(), "refusing to write") {
			t.Errorf("writing %q: %v, want a refusal", name, err)
		}
	}
	if diff := sameTree(readTree(t, out), previous); diff != "" {
		t.Errorf("the previous site was touched: %s", diff)
	}
	if l := leftovers(t, out); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}

// Removing a site removes the links in it, never what they point at,
// and removing a link to a folder removes the link alone.
func TestRemoveTreeStaysInside(t *testing.T) {
	parent := t.TempDir()
	keep := filepath.Join(parent, "keep")
	os.MkdirAll(filepath.Join(keep, "sub"), 0o755)
	os.WriteFile(filepath.Join(keep, "sub", "notes.txt"), []byte("mine"), 0o644)
	os.WriteFile(filepath.Join(keep, "file.txt"), []byte("mine"), 0o644)
	site := filepath.Join(parent, "site")
	os.MkdirAll(filepath.Join(site, "a", "b"), 0o755)
	os.WriteFile(filepath.Join(site, "a", "b", "index.html"), []byte("x"), 0o644)
	links := map[string]string{
		filepath.Join(site, "to-folder"):       keep,
		filepath.Join(site, "a", "to-sub"):     filepath.Join(keep, "sub"),
		filepath.Join(site, "a", "b", "file"):  filepath.Join(keep, "file.txt"),
		filepath.Join(site, "a", "b", "loose"): filepath.Join(parent, "nothing"),
	}
	for link, target := range links {
		if err := os.Symlink(target, link); err != nil {
			t.Skip(err)
		}
	}
	if err := removeTree(site); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(site); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the site is still there: %v", err)
	}
	untouched := func() bool {
		got := readTree(t, keep)
		return len(got) == 2 && string(got["sub/notes.txt"]) == "mine" && string(got["file.txt"]) == "mine"
	}
	if !untouched() {
		t.Errorf("the folder links pointed at was touched: %v", readTree(t, keep))
	}
	link := filepath.Join(parent, "link")
	if err := os.Symlink(keep, link); err != nil {
		t.Fatal(err)
	}
	if err := removeTree(link); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(link); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the link is still there: %v", err)
	}
	if !untouched() {
		t.Errorf("removing a link to a folder touched the folder: %v", readTree(t, keep))
	}
}

// The kill -9 test: a child process (this test binary, running
// TestHelperBuild) builds two big sites into one folder over and over,
// and is killed at several moments. Each time, the folder must hold
// exactly one of the two sites, every file byte for byte: never a mix,
// never a half, never nothing. Then a build in this process must clean
// up what the killed one left.

const helperEnv = "RELBOOK_TEST_HELPER_BUILD"

// bigSite is a site of many files whose bytes say which variant it is.
func bigSite(variant string) render.Output {
	files := render.Output{"index.html": []byte("<h1>site " + variant + "</h1>\n")}
	body := bytes.Repeat([]byte("<p>"+variant+" lorem ipsum dolor sit amet</p>\n"), 40)
	for i := range 300 {
		files[fmt.Sprintf("releases/r%02d/page-%04d/index.html", i%40, i)] = append([]byte(fmt.Sprintf("<!-- %s %d -->\n", variant, i)), body...)
	}
	return files
}

// TestHelperBuild is the child of TestWriteSurvivesKill; it does nothing
// in a normal run.
func TestHelperBuild(t *testing.T) {
	out := os.Getenv(helperEnv)
	if out == "" {
		t.Skip("the child process of TestWriteSurvivesKill")
	}
	if os.Getenv(helperEnv+"_RENAMES") != "" {
		exchangeDirs = func(string, string) error { return errNoExchange }
	}
	sites := []render.Output{bigSite("B"), bigSite("A")}
	fmt.Println("ready")
	for i := 0; ; i++ {
		if err := Write(sites[i%2], out, WriteOptions{}); err != nil {
			fmt.Println("error:", err)
			os.Exit(3)
		}
		fmt.Println("built", "BA"[i%2:i%2+1])
	}
}

func TestWriteSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	a, b := bigSite("A"), bigSite("B")
	type run struct {
		renames bool // swap with two renames, as where there is no exchange
		delay   time.Duration
	}
	var runs []run
	for _, ms := range []time.Duration{0, 5, 20, 50, 100, 200, 400, 700, 1000} {
		runs = append(runs, run{false, ms * time.Millisecond})
	}
	for _, ms := range []time.Duration{50, 400, 700} {
		runs = append(runs, run{true, ms * time.Millisecond})
	}
	for _, r := range runs {
		name := r.delay.String()
		if r.renames {
			name = "renames-" + name
		}
		t.Run(name, func(t *testing.T) {
			delay := r.delay
			out := filepath.Join(t.TempDir(), "public")
			if err := Write(a, out, WriteOptions{}); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperBuild$", "-test.count=1")
			cmd.Env = append(os.Environ(), helperEnv+"="+out)
			if r.renames {
				cmd.Env = append(cmd.Env, helperEnv+"_RENAMES=1")
			}
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := bufio.NewScanner(stdout)
			if !lines.Scan() || lines.Text() != "ready" {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("the child did not start: %q", lines.Text())
			}
			built := make(chan []string)
			go func() {
				var l []string
				for lines.Scan() {
					l = append(l, lines.Text())
				}
				built <- l
			}()
			time.Sleep(delay)
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			err = cmd.Wait()
			done := <-built
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("the child ended with %v, not by kill -9 (output %q)", err, done)
			}
			if len(done) > 0 && strings.HasPrefix(done[len(done)-1], "error") {
				t.Fatalf("the child's build failed: %s", done[len(done)-1])
			}
			left := leftovers(t, out)
			dir := out
			if _, err := os.Stat(out); errors.Is(err, fs.ErrNotExist) && r.renames {
				// Killed between the two renames: the previous site is
				// complete beside, and the next build puts it back.
				for _, l := range left {
					if strings.HasSuffix(l, oldSuffix) {
						dir = filepath.Join(filepath.Dir(out), l)
						t.Logf("killed between the two renames; the previous site is in %s", l)
					}
				}
			}
			got := readTree(t, dir)
			diffA, diffB := sameTree(got, a), sameTree(got, b)
			if diffA != "" && diffB != "" {
				t.Fatalf("after kill -9 (%d builds finished), public/ holds neither site:\n vs A: %s\n vs B: %s", len(done), diffA, diffB)
			}
			holds := "A"
			if diffA != "" {
				holds = "B"
			}
			t.Logf("killed after %d finished builds; public/ holds site %s, complete; %d temporary folders left", len(done), holds, len(left))
			// The next build removes what the killed one left.
			if err := Write(a, out, WriteOptions{}); err != nil {
				t.Fatal(err)
			}
			if diff := sameTree(readTree(t, out), a); diff != "" {
				t.Errorf("the build after the kill: %s", diff)
			}
			if l := leftovers(t, out); len(l) > 0 {
				t.Errorf("the build after the kill left %v", l)
			}
		})
	}
}
