// Command relbook builds a release handbook into a static website.
//
//	relbook build [--source DIR] [--out DIR] [--base-url URL] [--now DATE] [--force]
//	relbook serve [--source DIR] [--port N] [--bind ADDR] [--now DATE]
//	relbook check [--source DIR] [--strict] [--all] [--now DATE]
//	relbook new release ID --from PREV --start DATE [--source DIR]
//	relbook new role ID [--source DIR]
//	relbook now [--source DIR] [--role ROLE] [--release ID] [--now DATE] [--json]
//	relbook version
//
// Without --source, relbook uses ./content if it exists and otherwise the
// example handbook built into the binary, so `relbook build` always
// produces a site (`new` needs a folder to write into). Problems in the
// input are printed as path:line:col: message, all at once, and make the
// command exit with status 1. docs/commands.md is the user's guide.
//
// The command only parses flags and calls the generator packages: the
// build in generator/site, the live preview in generator/serve, the
// scaffolding of new files in generator/scaffold and the terminal agenda
// in generator/agenda.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"
	_ "time/tzdata" // zone data for machines that have none installed

	"github.com/relbook/relbook/content"
	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/site"
	"github.com/relbook/relbook/generator/sitefs"
	"github.com/relbook/relbook/generator/terminal"
)

// version is set at release time with -ldflags "-X main.version=v1.2.3".
var version = "devel"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `relbook builds a release handbook into a website.

Usage:
  relbook build [--source DIR] [--out DIR] [--base-url URL] [--now DATE] [--force]
  relbook serve [--source DIR] [--port N] [--bind ADDR] [--now DATE]
  relbook check [--source DIR] [--strict] [--all] [--now DATE]
  relbook new release ID --from PREV --start DATE [--source DIR]
  relbook new role ID [--source DIR]
  relbook now [--source DIR] [--role ROLE] [--release ID] [--now DATE] [--json]
  relbook version

Run "relbook <command> -h" for a command's flags.
`

// errUsage marks a mistake on the command line: usage was already printed.
var errUsage = errors.New("usage")

// errProblems marks input problems that were already printed.
var errProblems = errors.New("problems in the input")

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "build":
		err = build(args[1:], stdout, stderr)
	case "check":
		err = check(args[1:], stdout, stderr)
	case "serve":
		err = serveCommand(args[1:], stdout, stderr)
	case "new":
		err = newCommand(args[1:], stdout, stderr)
	case "now":
		err = nowCommand(args[1:], stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, versionString())
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "relbook: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errProblems):
		return 1
	}
	fmt.Fprintf(stderr, "relbook: %s\n", terminal.Escape(err.Error()))
	return 1
}

// common are the flags every command that reads a site shares.
type common struct {
	source string
	now    string
}

func (c *common) register(fset *flag.FlagSet) {
	fset.StringVar(&c.source, "source", "", "site folder (default ./content, else the built-in example)")
	fset.StringVar(&c.now, "now", "", "today's date as YYYY-MM-DD, for reproducible output (default: today in UTC)")
}

// site opens the site folder: --source, else ./content, else the example
// handbook embedded in the binary. dir is "" for the embedded one. A
// folder on disk is read through sitefs, as untrusted input.
func (c *common) site() (fsys fs.FS, dir string, err error) {
	if c.source == "" && !isDir("content") {
		return content.FS, "", nil
	}
	folder, dir, err := c.folder()
	if err != nil {
		return nil, "", err
	}
	return folder, dir, nil
}

// folder opens the site folder on disk: --source, else ./content.
func (c *common) folder() (*sitefs.Folder, string, error) {
	dir := c.source
	if dir == "" {
		if !isDir("content") {
			return nil, "", errors.New("no site folder: there is no ./content here; give --source DIR")
		}
		dir = "content"
	}
	folder, err := sitefs.Open(dir)
	if err != nil {
		if c.source != "" {
			return nil, "", fmt.Errorf("--source %s: not a folder", dir)
		}
		return nil, "", err
	}
	return folder, dir, nil
}

func (c *common) today() (handbook.Date, error) {
	if c.now == "" {
		return handbook.DateFromTime(time.Now().UTC()), nil
	}
	s := c.now
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return handbook.DateFromTime(t.UTC()), nil
	}
	d, err := handbook.ParseDate(s)
	if err != nil {
		return 0, fmt.Errorf("--now: %v", err)
	}
	return d, nil
}

// parseSite parses a command's arguments, then finds the site folder and
// the build's settings: what check, now and serve start with.
func (c *common) parseSite(fset *flag.FlagSet, args []string) (fsys fs.FS, dir string, opts site.Options, err error) {
	if err = parse(fset, args); err != nil {
		return nil, "", site.Options{}, err
	}
	if fsys, dir, err = c.site(); err != nil {
		return nil, "", site.Options{}, err
	}
	opts, err = c.options(dir)
	return fsys, dir, opts, err
}

// options are the build settings that come from the command line and the
// environment: today, and the sources of the feeds' timestamp.
func (c *common) options(dir string) (site.Options, error) {
	today, err := c.today()
	if err != nil {
		return site.Options{}, err
	}
	stamp, err := site.SourceDateEpoch()
	if err != nil {
		return site.Options{}, err
	}
	return site.Options{Today: today, Stamp: stamp, CommitTime: site.LastCommit(dir)}, nil
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fset := flag.NewFlagSet("relbook "+name, flag.ContinueOnError)
	fset.SetOutput(stderr)
	return fset
}

func parse(fset *flag.FlagSet, args []string) error {
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errUsage
		}
		return errUsage
	}
	if fset.NArg() > 0 {
		fmt.Fprintf(fset.Output(), "%s: unexpected argument %q\n", fset.Name(), fset.Arg(0))
		return errUsage
	}
	return nil
}

func build(args []string, stdout, stderr io.Writer) error {
	var c common
	fset := newFlags("build", stderr)
	c.register(fset)
	out := fset.String("out", "public", "output folder")
	baseURL := fset.String("base-url", "", "absolute URL the site is published at (overrides base_url)")
	force := fset.Bool("force", false, "replace the output folder even if relbook did not create it")
	if err := parse(fset, args); err != nil {
		return err
	}
	fsys, dir, err := c.site()
	if err != nil {
		return err
	}
	writeOpts := site.WriteOptions{SourceDir: dir, Force: *force}
	// Refuse a bad output folder before doing any work.
	if err := site.CheckOutDir(*out, writeOpts); err != nil {
		return err
	}
	// A build is a batch job that ends as soon as the site is written, and
	// most of what it allocates (the rendered pages) stays live until
	// then, so collecting as often as Go does by default frees little for
	// much work. On the large synthetic handbook of cmd/benchgen, 400
	// instead of 100 runs 4 collections instead of 16 and takes about a
	// tenth less processor time, for a peak memory of 290 to 330 MB
	// instead of about 280. GOGC, when set, still decides.
	if _, ok := os.LookupEnv("GOGC"); !ok {
		debug.SetGCPercent(400)
	}
	start := time.Now()
	opts, err := c.options(dir)
	if err != nil {
		return err
	}
	opts.BaseURL = *baseURL
	res, diags, err := site.Build(fsys, opts, *out, writeOpts)
	printDiagnostics(stderr, diags)
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		fmt.Fprintf(stderr, "relbook: build failed; %s is unchanged\n", *out)
		return errProblems
	}
	fmt.Fprintf(stdout, "relbook: built %s from %s into %s: %d releases, %d files (%s)\n",
		terminal.Escape(res.Handbook.Title), sourceLabel(dir), *out, len(res.Handbook.Releases), len(res.Files), time.Since(start).Round(time.Millisecond))
	return nil
}

func check(args []string, stdout, stderr io.Writer) error {
	var c common
	fset := newFlags("check", stderr)
	c.register(fset)
	strict := fset.Bool("strict", false, "fail on warnings too")
	all := fset.Bool("all", false, "list the warnings that allow lists acknowledge too")
	fsys, dir, opts, err := c.parseSite(fset, args)
	if err != nil {
		return err
	}
	_, diags, err := site.Generate(fsys, opts)
	if *all {
		printAll(stderr, diags)
	} else {
		printDiagnostics(stderr, diags)
	}
	if err != nil {
		return err
	}
	n := diags.Count()
	summary := count(n.Warnings, "warning")
	if n.Allowed > 0 {
		summary += fmt.Sprintf(", %d allowed", n.Allowed)
	}
	if n.Errors > 0 || *strict && n.Warnings > 0 {
		fmt.Fprintf(stderr, "relbook: %s, %s\n", count(n.Errors, "error"), summary)
		return errProblems
	}
	fmt.Fprintf(stdout, "relbook: %s is fine (%s)\n", sourceLabel(dir), summary)
	return nil
}

// printDiagnostics prints problems as path:line:col: message, paths
// relative to the site folder as the author wrote them, escaped for the
// terminal: a message quotes the input, and a file name is input too.
// Warnings that an allow list acknowledges are left out (see printAll).
func printDiagnostics(w io.Writer, diags diag.List) {
	printAll(w, diags.Unacknowledged())
}

// printAll prints problems as printDiagnostics does, acknowledged
// warnings included and marked as allowed: `relbook check --all`.
func printAll(w io.Writer, diags diag.List) {
	for _, d := range diags.Sort() {
		fmt.Fprintln(w, terminal.Escape(d.String()))
	}
}

func sourceLabel(dir string) string {
	if dir == "" {
		return "the built-in example handbook"
	}
	return filepath.ToSlash(dir)
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func versionString() string {
	v := version
	if info, ok := debug.ReadBuildInfo(); ok {
		if v == "devel" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
		return "relbook " + v + " " + strings.TrimSpace(info.GoVersion)
	}
	return "relbook " + v
}
