// Command relbook builds a release handbook into a static website.
//
//	relbook init [DIR] [--example] [--now DATE]
//	relbook build [--source DIR | --example] [--out DIR] [--base-url URL] [--now DATE] [--force] [--format F]
//	relbook serve [--source DIR | --example] [--port N] [--bind ADDR] [--now DATE]
//	relbook check [--source DIR | --example] [--strict] [--all] [--now DATE] [--format F]
//	relbook new release ID [--from PREV] --start DATE [--source DIR]
//	relbook new role ID [--source DIR]
//	relbook now [--source DIR | --example] [--role ROLE] [--release ID] [--now DATE] [--json]
//	relbook export issue --release ID --role ROLE [--source DIR | --example] [--base-url URL] [--now DATE]
//	relbook feeds [--source DIR] [--update] [--now DATE]
//	relbook schema handbook|release|glossary
//	relbook schema --write [--source DIR]
//	relbook help [COMMAND]
//	relbook version
//
// Without --source, relbook looks for the handbook as static site
// generators look for their configuration: ./handbook.toml (the working
// directory is the handbook), else ./content/handbook.toml, in the working
// directory and then in each parent up to the repository root (the folder
// holding .git). When there is none it says so and stops; the example
// handbook built into the binary is used only with --example. Problems in
// the input are printed as path:line:col: message, paths relative to the
// working directory, all at once, and make the command exit with status 1.
// docs/commands.md is the user's guide.
//
// The command only parses flags and calls the generator packages: the
// build in generator/site, the live preview in generator/serve, the
// scaffolding of new files in generator/scaffold, the terminal agenda
// in generator/agenda, the checklist for a tracking issue in
// generator/export and the JSON Schemas in generator/schema.
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

// command is one of relbook's commands, for dispatch and help.
type command struct {
	name, summary string
	// usage lines, one per form.
	usage []string
	run   func(args []string, stdout, stderr io.Writer) error
}

// commands lists relbook's commands in the order help shows them; set in
// init, because help refers to it.
var commands []command

func init() {
	commands = []command{
		{"init", "write a new handbook to start from", []string{"relbook init [DIR] [--example] [--now DATE]"}, initCommand},
		{"build", "build the handbook into a website", []string{"relbook build [--source DIR | --example] [--out DIR] [--base-url URL] [--now DATE] [--force] [--format text|github|json]"}, build},
		{"serve", "preview the handbook, rebuilt on every change", []string{"relbook serve [--source DIR | --example] [--port N] [--bind ADDR] [--now DATE]"}, serveCommand},
		{"check", "report problems in the handbook without building it", []string{"relbook check [--source DIR | --example] [--strict] [--all] [--now DATE] [--format text|github|json]"}, check},
		{"new", "write the next release or a new role guide", []string{newReleaseUsage, newRoleUsage}, newCommand},
		{"now", "show what is due this week, in the terminal or as JSON", []string{"relbook now [--source DIR | --example] [--role ROLE] [--release ID] [--now DATE] [--json]"}, nowCommand},
		{"export", "write a role's checklist as markdown for a tracking issue", []string{exportIssueUsage}, exportCommand},
		{"feeds", "compare the feeds with published.toml, and update it", []string{feedsUsage}, feedsCommand},
		{"schema", "print the JSON Schemas that editors check the TOML files with", []string{schemaPrintUsage, schemaWriteUsage}, schemaCommand},
		{"help", "show the help of a command", []string{"relbook help [COMMAND]"}, helpCommand},
		{"version", "print relbook's version", []string{"relbook version"}, versionCommand},
	}
}

// usage is what `relbook help` prints.
func usage() string {
	var b strings.Builder
	b.WriteString("relbook builds a release handbook into a website.\n\nUsage:\n  relbook COMMAND [flags]\n\nCommands:\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-8s %s\n", c.name, c.summary)
	}
	b.WriteString(`
Without --source, relbook uses ./handbook.toml, else ./content/handbook.toml,
looked for here and in the parent folders up to the repository root.

Run "relbook help COMMAND" or "relbook COMMAND -h" for a command's flags.
`)
	return b.String()
}

func lookup(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

// errUsage marks a mistake on the command line: usage was already printed.
var errUsage = errors.New("usage")

// errHelp marks a help request that was answered: exit status 0.
var errHelp = errors.New("help printed")

// errProblems marks input problems that were already printed.
var errProblems = errors.New("problems in the input")

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return 2
	}
	var err error
	switch name := args[0]; name {
	case "--version", "-version":
		err = versionCommand(nil, stdout, stderr)
	case "-h", "--help", "-help":
		fmt.Fprint(stdout, usage())
	default:
		c := lookup(name)
		if c == nil {
			names := make([]string, len(commands))
			for i, c := range commands {
				names[i] = c.name
			}
			hint := ""
			if s := diag.Closest(name, names); s != "" {
				hint = fmt.Sprintf("; did you mean %q?", s)
			}
			fmt.Fprintf(stderr, "relbook: unknown command %q%s\n\n%s", terminal.Escape(name), hint, usage())
			return 2
		}
		err = c.run(args[1:], stdout, stderr)
	}
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errProblems):
		return 1
	}
	fmt.Fprintf(stderr, "relbook: %s\n", terminal.Escape(err.Error()))
	return 1
}

func helpCommand(args []string, stdout, stderr io.Writer) error {
	switch {
	case len(args) == 0 || len(args) == 1 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help"):
		fmt.Fprint(stdout, usage())
		return nil
	case len(args) > 2 || len(args) == 2 && args[0] != "new" && args[0] != "export":
		fmt.Fprintf(stderr, "relbook help: name one command\n\n%s", usage())
		return errUsage
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(stderr, "relbook help: unknown command %q\n\n%s", terminal.Escape(args[0]), usage())
		return errUsage
	}
	// A command's own -h prints its help.
	return c.run(append(args[1:], "-h"), stdout, stderr)
}

func versionCommand(args []string, stdout, stderr io.Writer) error {
	fset := newFlags("version", stdout, stderr)
	if err := parse(fset, args); err != nil {
		return err
	}
	fmt.Fprintln(stdout, versionString())
	return nil
}

// flagSet is a command's flags and where its help goes: to stdout when
// asked for (-h), to stderr after a mistake.
type flagSet struct {
	*flag.FlagSet
	stdout io.Writer
	// name is the command's name after "relbook ".
	name string
}

func newFlags(name string, stdout, stderr io.Writer) *flagSet {
	fset := flag.NewFlagSet("relbook "+name, flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() {} // printed by help, to the right stream
	return &flagSet{FlagSet: fset, stdout: stdout, name: name}
}

// help writes the command's usage, what it does and its flags.
func (f *flagSet) help(w io.Writer) {
	var lines []string
	summary := ""
	first, rest, _ := strings.Cut(f.name, " ")
	if c := lookup(first); c != nil {
		summary = c.summary
		for _, u := range c.usage {
			if rest == "" || strings.HasPrefix(u, "relbook "+f.name+" ") {
				lines = append(lines, u)
			}
		}
	}
	fmt.Fprintf(w, "Usage:\n")
	for _, l := range lines {
		fmt.Fprintf(w, "  %s\n", l)
	}
	if summary != "" && rest == "" {
		fmt.Fprintf(w, "\n%s (docs/commands.md tells more).\n", strings.ToUpper(summary[:1])+summary[1:])
	}
	hasFlags := false
	f.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		fmt.Fprintf(w, "\nFlags:\n")
		out := f.Output()
		f.SetOutput(w)
		f.PrintDefaults()
		f.SetOutput(out)
	}
}

// parse parses a command's flags; -h prints its help to stdout.
func parse(fset *flagSet, args []string) error {
	if err := fset.parseFlags(args); err != nil {
		return err
	}
	if fset.NArg() > 0 {
		fmt.Fprintf(fset.Output(), "%s: unexpected argument %q\n\n", fset.Name(), fset.Arg(0))
		fset.help(fset.Output())
		return errUsage
	}
	return nil
}

// parseFlags parses flags, answering -h and reporting mistakes with the
// command's help.
func (f *flagSet) parseFlags(args []string) error {
	err := f.Parse(args)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		f.help(f.stdout)
		return errHelp
	}
	fmt.Fprintln(f.Output())
	f.help(f.Output())
	return errUsage
}

// common are the flags every command that reads a site shares.
type common struct {
	source  string
	now     string
	example bool
}

func (c *common) register(fset *flagSet) {
	c.registerSource(fset)
	fset.BoolVar(&c.example, "example", false, "use the example handbook built into relbook instead of a folder")
	fset.StringVar(&c.now, "now", "", "today's date as YYYY-MM-DD, for reproducible output (default: today in UTC)")
}

func (c *common) registerSource(fset *flagSet) {
	fset.StringVar(&c.source, "source", "", "handbook folder (default: the folder of ./handbook.toml or ./content/handbook.toml, here or above)")
}

// site opens the handbook: the example embedded in the binary with
// --example (dir is then ""), else the folder on disk that folder finds.
func (c *common) site() (fsys fs.FS, dir string, err error) {
	if c.example {
		if c.source != "" {
			return nil, "", errors.New("give --source or --example, not both")
		}
		return content.FS, "", nil
	}
	folder, dir, err := c.folder()
	if err != nil {
		return nil, "", err
	}
	return folder, dir, nil
}

// folder opens the handbook folder on disk, --source or the one [discover]
// finds, read through sitefs as untrusted input.
func (c *common) folder() (*sitefs.Folder, string, error) {
	dir := c.source
	if dir == "" {
		var err error
		if dir, err = discover(); err != nil {
			return nil, "", err
		}
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

// errNoHandbook says what discover looked for.
var errNoHandbook = errors.New("no handbook found: there is no handbook.toml or content/handbook.toml here or in a parent folder up to the repository root; give --source DIR, run relbook init to start one, or --example to use the built-in example")

// discover finds the handbook folder without --source: the working
// directory if it holds handbook.toml, else its content/ folder if that
// does, else the same in each parent folder, up to and including the
// repository root (the first folder holding .git) or the file system's
// root. It returns the folder relative to the working directory.
func discover() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; {
		for _, cand := range []string{dir, filepath.Join(dir, "content")} {
			if st, err := os.Stat(filepath.Join(cand, "handbook.toml")); err == nil && st.Mode().IsRegular() {
				if rel, err := filepath.Rel(wd, cand); err == nil {
					return rel, nil
				}
				return cand, nil
			}
		}
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			break // the repository root
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return "", errNoHandbook
}

func (c *common) today() (handbook.Date, error) {
	if c.now == "" {
		return handbook.DateFromTime(time.Now().UTC()), nil
	}
	if t, err := time.Parse(time.RFC3339, c.now); err == nil {
		return handbook.DateFromTime(t.UTC()), nil
	}
	d, err := handbook.ParseDate(c.now)
	if err != nil {
		return 0, fmt.Errorf("--now: %v", err)
	}
	return d, nil
}

// instant is --now as an instant: an RFC 3339 time as written, a date
// at its start in UTC, the clock without --now.
func (c *common) instant() (time.Time, error) {
	if c.now == "" {
		return time.Now().UTC().Truncate(time.Second), nil
	}
	if t, err := time.Parse(time.RFC3339, c.now); err == nil {
		return t.UTC(), nil
	}
	d, err := c.today()
	return d.Time(time.UTC), err
}

// parseSite parses a command's arguments, then finds the site folder and
// the build's settings: what check, now and serve start with.
func (c *common) parseSite(fset *flagSet, args []string) (fsys fs.FS, dir string, opts site.Options, err error) {
	if err = parse(fset, args); err != nil {
		return nil, "", site.Options{}, err
	}
	return c.openSite()
}

// openSite finds the site folder and the build's settings.
func (c *common) openSite() (fsys fs.FS, dir string, opts site.Options, err error) {
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

func build(args []string, stdout, stderr io.Writer) error {
	var c common
	fset := newFlags("build", stdout, stderr)
	c.register(fset)
	out := fset.String("out", "public", "output folder")
	baseURL := fset.String("base-url", "", "absolute URL the site is published at (overrides base_url)")
	force := fset.Bool("force", false, "replace the output folder even if relbook did not create it")
	format := fset.String("format", formatText, "how to print problems: text, github (GitHub Actions annotations) or json (on stdout)")
	if err := parse(fset, args); err != nil {
		return err
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	fsys, dir, err := c.site()
	if err != nil {
		return err
	}
	writeOpts := site.WriteOptions{SourceDir: dir, Force: *force}
	// Refuse a bad output folder before doing any work.
	if err := site.CheckOutDir(*out, writeOpts); err != nil {
		if !isSet(fset, "out") && dir != "" && within(dir, *out) {
			return fmt.Errorf("%w; give --out a folder outside the handbook, such as --out %s", err, filepath.Join(dir, "..", "public"))
		}
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
	if err != nil {
		printDiagnostics(stderr, dir, diags)
		return err
	}
	if err := (reporter{format: *format, dir: dir}).print(stdout, stderr, diags, !diags.HasErrors()); err != nil {
		return err
	}
	if diags.HasErrors() {
		fmt.Fprintf(stderr, "relbook: build failed; %s is unchanged\n", *out)
		return errProblems
	}
	summary := stdout
	if *format == formatJSON {
		summary = stderr // stdout holds the JSON document alone
	}
	fmt.Fprintf(summary, "relbook: built %s from %s into %s: %s, %s (%s)\n",
		terminal.Escape(res.Handbook.Title), sourceLabel(dir), *out, count(len(res.Handbook.Releases), "release"), count(len(res.Files), "file"), time.Since(start).Round(time.Millisecond))
	return nil
}

func check(args []string, stdout, stderr io.Writer) error {
	var c common
	fset := newFlags("check", stdout, stderr)
	c.register(fset)
	strict := fset.Bool("strict", false, "fail on warnings too")
	all := fset.Bool("all", false, "list the warnings that allow lists acknowledge too")
	format := fset.String("format", formatText, "how to print problems: text, github (GitHub Actions annotations) or json (on stdout)")
	if err := parse(fset, args); err != nil {
		return err
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	fsys, dir, opts, err := c.openSite()
	if err != nil {
		return err
	}
	opts.Verify = true
	_, diags, err := site.Generate(fsys, opts)
	if err != nil {
		printDiagnostics(stderr, dir, diags)
		return err
	}
	n := diags.Count()
	ok := n.Errors == 0 && !(*strict && n.Warnings > 0)
	if err := (reporter{format: *format, dir: dir, all: *all}).print(stdout, stderr, diags, ok); err != nil {
		return err
	}
	if *format == formatJSON {
		stdout = stderr // stdout holds the JSON document alone
	}
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

// printDiagnostics prints problems as path:line:col: message, escaped
// for the terminal: a message quotes the input, and a file name is input
// too. The generator reports paths inside the site folder dir; they are
// printed as paths the user can open from the working directory (see
// [userPath]). Warnings that an allow list acknowledges are left out (see
// printAll).
func printDiagnostics(w io.Writer, dir string, diags diag.List) {
	printAll(w, dir, diags.Unacknowledged())
}

// printAll prints problems as printDiagnostics does, acknowledged
// warnings included and marked as allowed: `relbook check --all`.
func printAll(w io.Writer, dir string, diags diag.List) {
	for _, d := range diags.Sort() {
		d.Pos.Path = userPath(dir, d.Pos.Path)
		fmt.Fprintln(w, terminal.Escape(d.String()))
	}
}

// userPath turns name, a slash-separated path inside the site folder dir,
// into one that opens from the working directory: dir joined with name,
// relative to the working directory when dir is absolute and lies below
// it. Paths of the built-in example (dir "") stay as they are.
func userPath(dir, name string) string {
	if dir == "" || name == "" {
		return name
	}
	p := filepath.Join(dir, filepath.FromSlash(name))
	if filepath.IsAbs(p) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				return rel
			}
		}
	}
	return p
}

// userPathSlash is userPath with forward slashes, as GitHub wants them.
func userPathSlash(dir, name string) string {
	return filepath.ToSlash(userPath(dir, name))
}

// within reports whether path lies in or is the folder dir.
func within(dir, path string) bool {
	d, err1 := filepath.Abs(dir)
	p, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
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
