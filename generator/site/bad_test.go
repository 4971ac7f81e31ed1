package site

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/internal/hostile"
	"github.com/relbook/relbook/generator/sitefs"
)

// TestBadInput runs every case of testdata/bad/: a handbook in site/ that
// differs from a small valid one in one place, and in want.txt the
// diagnostics `relbook check` prints for it, one a line, sorted (after
// comment lines, starting with "# ", that say what the case breaks).
// Cases named ok-* must build (a BOM and CRLF line endings are fine);
// warn-* build with warnings only; big-* (big or deeply nested input)
// may build or fail, as long as they finish without a panic; every other
// case must fail with at least one error.
//
// Each case goes through what `relbook check` does (Generate, in memory)
// and what `relbook build` does (Build, which writes each file as it is
// made and puts the new site in place only when there is no error), and
// both must find the same problems. The output folder holds a previous
// good build, which must come out of a failed build byte for byte as it
// went in. A panic anywhere fails the case, never the run. Big and
// deep inputs are written into a copy of site/ by the test (see
// generated), so that the repository holds no 50 MB file; they have no
// time limit but the test's own. So are symbolic links and named pipes,
// which a checkout cannot hold. The site folder is read as relbook reads
// it, through package sitefs.
//
// After `go test -run TestBadInput -update`, read every want.txt that
// changed: each message must name the offending key or value and point at
// the place to fix.
func TestBadInput(t *testing.T) {
	cases, err := filepath.Glob("testdata/bad/*")
	if err != nil || len(cases) < 40 {
		t.Fatalf("want at least 40 cases in testdata/bad, found %d (%v)", len(cases), err)
	}
	previous, err := buildExample()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(previous, out, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, dir := range cases {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			if testing.Short() && strings.HasPrefix(name, "big-") {
				t.Skip("big input: skipped in -short mode")
			}
			site := filepath.Join(dir, "site")
			if gen := generated[name]; gen != nil {
				site = filepath.Join(t.TempDir(), "site")
				if err := os.CopyFS(site, os.DirFS(filepath.Join(dir, "site"))); err != nil {
					t.Fatal(err)
				}
				gen(t, site)
			}
			start := time.Now()
			folder, err := sitefs.Open(site)
			if err != nil {
				t.Fatal(err)
			}
			defer folder.Close()
			res, diags, err := publish(t, folder, out)
			t.Logf("%s in %v", name, time.Since(start).Round(time.Millisecond))

			got := diagLines(diags, err)
			wantFile := filepath.Join(dir, "want.txt")
			about, want := readWant(t, wantFile)
			if *update {
				text := strings.Join(append(about, got...), "\n") + "\n"
				if err := os.WriteFile(wantFile, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			} else if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
				t.Errorf("diagnostics differ from want.txt (run go test -run TestBadInput -update and read the diff)\n got:\n%s\nwant:\n%s", g, w)
			}

			failed := err != nil || diags.HasErrors()
			kind, _, _ := strings.Cut(name, "-")
			switch {
			case kind == "ok" && len(diags) > 0:
				t.Errorf("want neither errors nor warnings, got:\n%s", strings.Join(got, "\n"))
			case kind == "warn" && (failed || len(diags) == 0):
				t.Errorf("want warnings and no error, got:\n%s", strings.Join(got, "\n"))
			case kind != "ok" && kind != "warn" && kind != "big" && !failed:
				t.Errorf("the build succeeded; the case must fail with an error")
			}
			for _, d := range diags {
				if d.Pos.Path == "" || strings.HasPrefix(d.Pos.Path, "/") || !fs.ValidPath(d.Pos.Path) {
					t.Errorf("diagnostic without a path relative to the site folder: %s", d)
				}
			}

			// The previous site is untouched by a failed build; a
			// successful one replaces it, and the next case gets the
			// previous site back.
			if failed {
				if diff := sameTree(readTree(t, out), previous); diff != "" {
					t.Errorf("a failed build changed the previous output: %s", diff)
				}
				return
			}
			if diff := sameTree(readTree(t, out), res.Files); diff != "" {
				t.Errorf("the build succeeded but the output is not its site: %s", diff)
			}
			if err := Write(previous, out, WriteOptions{}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// publish does what `relbook check` and then `relbook build` do: build in
// memory, then check the output folder and build into it, which writes
// only a site without errors. Both must report the same. A panic is a
// failure of the test, reported with its stack.
func publish(t *testing.T, src fs.FS, out string) (res *Result, diags diag.List, err error) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("panic: %v\n%s", r, debug.Stack())
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	opts := Options{Today: handbook.MustDate(2026, 11, 21)}
	res, diags, err = Generate(src, opts)
	wopts := WriteOptions{SourceDir: "testdata"}
	if err := CheckOutDir(out, wopts); err != nil {
		return nil, nil, err
	}
	built, bdiags, berr := Build(src, opts, out, wopts)
	if g, c := strings.Join(diagLines(bdiags, berr), "\n"), strings.Join(diagLines(diags, err), "\n"); g != c {
		t.Errorf("relbook build and relbook check disagree\nbuild:\n%s\ncheck:\n%s", g, c)
	}
	if err == nil && !diags.HasErrors() && len(built.Files) != len(res.Files) {
		t.Errorf("Build made %d files; Generate makes %d", len(built.Files), len(res.Files))
	}
	return res, diags, err
}

// diagLines prints diagnostics as `relbook check` does, and an error of a
// stage as `relbook` prints it.
func diagLines(diags diag.List, err error) []string {
	var lines []string
	for _, d := range diags.Sort() {
		lines = append(lines, d.String())
	}
	if err != nil {
		lines = append(lines, "relbook: "+err.Error())
	}
	return lines
}

// readWant splits want.txt into its leading comment lines and the
// diagnostics.
func readWant(t *testing.T, path string) (about, want []string) {
	b, err := os.ReadFile(path)
	if err != nil && !*update {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		switch {
		case line == "":
		case strings.HasPrefix(line, "# ") && len(want) == 0:
			about = append(about, line)
		default:
			want = append(want, line)
		}
	}
	return about, want
}

// generated writes the big and deep inputs into a copy of a case's site,
// and what a checkout cannot hold: symbolic links that lead out of the
// site folder, and a named pipe (which fails the case if anything opens
// it, rather than hang it; see package hostile).
var generated = map[string]func(t *testing.T, site string){
	// 50 MB of comments after a valid release definition.
	"big-release-file-50mb": func(t *testing.T, site string) {
		line := "# " + strings.Repeat("padding ", 12) + "\n"
		appendFile(t, filepath.Join(site, "releases", "v1.0.toml"), strings.Repeat(line, 50<<20/len(line)+1))
	},
	// A paragraph that is one line of 1 MB, with glossary terms in it.
	"big-line-1mb": func(t *testing.T, site string) {
		appendFile(t, filepath.Join(site, "roles", "release-lead.md"), "\n"+strings.Repeat("Every FFE needs a reason. ", 1<<20/26+1)+"\n")
	},
	// A milestone description that is one line of 1 MB: in pages, JSON
	// and folded into calendar lines.
	"big-toml-line-1mb": func(t *testing.T, site string) {
		path := filepath.Join(site, "releases", "v1.0.toml")
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		long := strings.Repeat("No new features after this; ask for an FFE. ", 1<<20/45+1)
		text := strings.Replace(string(b), `description = "No new features after this."`, `description = "`+long+`"`, 1)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	},
	// A task nested 10,000 lists deep.
	"big-list-nesting": func(t *testing.T, site string) {
		appendFile(t, filepath.Join(site, "roles", "release-lead.md"), "\n"+strings.Repeat("- ", 10000)+"[ ] a task nested very deep\n")
	},
	"big-blockquote-nesting": func(t *testing.T, site string) {
		appendFile(t, filepath.Join(site, "pages", "onboarding.md"), "\n"+strings.Repeat("> ", 10000)+"quoted very deep\n")
	},
	// 5,000 milestones on the business days of the cycle, every tenth
	// relative to the one before, so that dates depend on each other
	// 500 deep.
	"big-5000-milestones": func(t *testing.T, site string) {
		var b strings.Builder
		b.WriteString("\n[milestone.m-0]\nname = \"Milestone 0\"\ndate = 2026-10-05\n")
		for i := 1; i < 5000; i++ {
			at := fmt.Sprintf("start + %dbd", i%40)
			if i%10 == 0 {
				at = fmt.Sprintf("m-%d", i-10)
			}
			fmt.Fprintf(&b, "\n[milestone.m-%d]\nname = \"Milestone %d\"\nat = \"%s\"\nkey = %v\nowner = [\"release-lead\"]\n", i, i, at, i%100 == 0)
		}
		appendFile(t, filepath.Join(site, "releases", "v1.0.toml"), b.String())
	},
	// 5,000 milestones, each at the one before.
	"big-at-chain": func(t *testing.T, site string) {
		var b strings.Builder
		b.WriteString("\n[milestone.m-0]\nname = \"Milestone 0\"\ndate = 2026-10-05\n")
		for i := 1; i < 5000; i++ {
			fmt.Fprintf(&b, "\n[milestone.m-%d]\nname = \"Milestone %d\"\nat = \"m-%d\"\n", i, i, i-1)
		}
		appendFile(t, filepath.Join(site, "releases", "v1.0.toml"), b.String())
	},
	// Names the repository does not hold: a backslash is a folder
	// separator on Windows, and 252 bytes is more than some disks allow.
	"static-file-name-backslash": func(t *testing.T, site string) {
		if runtime.GOOS == "windows" {
			t.Skip("a backslash separates folders on Windows")
		}
		writeOddName(t, filepath.Join(site, "static", `back\slash.txt`), "a file no browser can ask for by its name\n")
	},
	"role-id-too-long": func(t *testing.T, site string) {
		b, err := os.ReadFile(filepath.Join(site, "roles", "release-lead.md"))
		if err != nil {
			t.Fatal(err)
		}
		writeOddName(t, filepath.Join(site, "roles", strings.Repeat("a", 252)+".md"), string(b))
	},
	"symlink-file-outside": func(t *testing.T, site string) {
		secret := outsideFile(t, site)
		hostile.Symlink(t, secret, filepath.Join(site, "static", "env.txt"))
		hostile.Symlink(t, filepath.Join("..", "..", filepath.Base(secret)), filepath.Join(site, "roles", "passwd.md"))
	},
	"symlink-folder-outside": func(t *testing.T, site string) {
		hostile.Symlink(t, filepath.Dir(outsideFile(t, site)), filepath.Join(site, "static", "docs"))
	},
	"symlink-dev-zero": func(t *testing.T, site string) {
		hostile.Symlink(t, "/dev/zero", filepath.Join(site, "releases", "v2.0.toml"))
	},
	"fifo-role-guide": func(t *testing.T, site string) {
		hostile.FIFO(t, filepath.Join(site, "roles", "pipe.md"))
	},
	"ok-symlink-inside": func(t *testing.T, site string) {
		writeFile(t, filepath.Join(site, "assets", "logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
		hostile.Symlink(t, filepath.Join("..", "assets"), filepath.Join(site, "static", "img"))
		hostile.Symlink(t, "extra.css", filepath.Join(site, "static", "copy.css"))
	},
	"refused-files-all-at-once": func(t *testing.T, site string) {
		secret := outsideFile(t, site)
		hostile.Symlink(t, secret, filepath.Join(site, "static", "env.txt"))
		hostile.FIFO(t, filepath.Join(site, "roles", "pipe.md"))
		writeFile(t, filepath.Join(site, "themes", "default", "static", "theme.css"), "body { color: black; }\n")
		hostile.Symlink(t, secret, filepath.Join(site, "themes", "default", "static", "leak.txt"))
	},
	// A million keys relbook does not know: the first 100 are shown,
	// the others counted.
	"big-unknown-keys-1m": func(t *testing.T, site string) {
		var b strings.Builder
		for i := 1; i <= 1_000_000; i++ {
			fmt.Fprintf(&b, "k%d = 1\n", i)
		}
		appendFile(t, filepath.Join(site, "handbook.toml"), b.String())
	},
	// 20,000 tasks of the same text, which all need numbered ids.
	"big-same-tasks-20000": func(t *testing.T, site string) {
		appendFile(t, filepath.Join(site, "roles", "release-lead.md"),
			"\n## Release day {when=\"release\"}\n\n"+strings.Repeat("- [ ] same task\n", 20_000))
	},
	// 100,000 tasks with three date references each.
	"big-refs-100000": func(t *testing.T, site string) {
		var b strings.Builder
		b.WriteString("\n## Release day {when=\"release\"}\n\n")
		for i := range 100_000 {
			fmt.Fprintf(&b, "- [ ] t%d {{feature-freeze}} {{rc1}} {{release}}\n", i)
		}
		appendFile(t, filepath.Join(site, "roles", "release-lead.md"), b.String())
	},
	// 200 meetings every weekday for ten years: 34 KB of TOML that asks
	// for half a million occurrences.
	// Ten thousand nested arrays (about 20 KB) in a release file and in a
	// guide's front matter: the decoder would take minutes over them.
	"toml-nesting-too-deep": func(t *testing.T, site string) {
		deep := strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000)
		appendFile(t, filepath.Join(site, "releases", "v1.0.toml"), "\nextra = "+deep+"\n")
		writeFile(t, filepath.Join(site, "roles", "deep.md"), "+++\ntitle = \"Deep\"\norder = "+deep+"\n+++\n\nText.\n")
	},
	"meeting-occurrences-limit": func(t *testing.T, site string) {
		var b strings.Builder
		for i := 1; i <= 200; i++ {
			fmt.Fprintf(&b, "\n[meeting.daily-%d]\nname = \"Daily %d\"\nevery = \"weekday\"\ntime = \"10:00\"\nduration = \"30m\"\nfrom = \"start\"\nuntil = \"start + 520w\"\nroles = [\"release-lead\"]\n", i, i)
		}
		appendFile(t, filepath.Join(site, "releases", "v1.0.toml"), b.String())
	},
	"release-id-case-clash": func(t *testing.T, site string) {
		upper := filepath.Join(site, "releases", "V1.0.toml")
		if _, err := os.Stat(upper); err == nil {
			t.Skip("this disk ignores case in file names")
		}
		b, err := os.ReadFile(filepath.Join(site, "releases", "v1.0.toml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(upper, b, 0o644); err != nil {
			t.Fatal(err)
		}
	},
}

// writeOddName writes a file that the disk may not be able to name: the
// case is skipped then.
func writeOddName(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Skipf("this disk cannot hold the file: %v", err)
	}
}

// outsideFile writes a file beside the site folder, outside it, that no
// build may read, and returns its path.
func outsideFile(t *testing.T, site string) string {
	path := filepath.Join(filepath.Dir(site), "outside", "secret.txt")
	writeFile(t, path, "SECRET-OF-THE-BUILD-MACHINE\n")
	return path
}

// writeFile writes a file, and the folders it needs.
func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func appendFile(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}
