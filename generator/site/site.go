// Package site runs a relbook build from end to end:
//
//	Load → Resolve → Render (pages, feeds) → Check → Write
//
// [Generate] runs the first four stages and returns the whole site as
// bytes in memory, with every problem the stages found (Check reports
// broken internal links and #anchors across the rendered site); it touches no
// disk, so `relbook check`, the tests and a live preview share it.
// [Write] puts a generated site in place atomically: it fills a sibling
// temporary folder and swaps it in only when every file is written, so a
// failed build never leaves a half-written or missing public/ behind.
// [Build], what `relbook build` runs, does both, checking the links while
// the files are written. The live preview runs the stages in two steps:
// [Prepare] loads and resolves, and its [Draft] renders any file on
// request before [Draft.Finish] renders and checks the rest; a [Cache]
// carries what each file was made into from one build to the next.
//
// Errors from each stage carry the stage's name ("render: ..."), as Hugo's
// do, except diagnostics about the input, which name the file, line and
// column the author has to fix.
package site

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/relbook/relbook/generator/calendar"
	"github.com/relbook/relbook/generator/check"
	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/load"
	"github.com/relbook/relbook/generator/render"
	"github.com/relbook/relbook/generator/resolve"
	"github.com/relbook/relbook/generator/sitefs"
	"github.com/relbook/relbook/themes"
)

// Options are the settings of a build that do not come from the site
// folder.
type Options struct {
	// Today is "now" (--now): statuses, the current release and the
	// dashboard depend on it.
	Today handbook.Date
	// BaseURL overrides handbook.toml's base_url (--base-url).
	BaseURL string
	// Stamp, when set, is the feeds' DTSTAMP and LAST-MODIFIED and the
	// Atom feed's updated time: SOURCE_DATE_EPOCH, for reproducible
	// builds. Without it: handbook.toml's updated, else CommitTime.
	Stamp time.Time
	// CommitTime is the time of the last commit that touched the site
	// folder, when it is in a git work tree (see LastCommit).
	CommitTime time.Time
	// Cache, when set, keeps what a build made of each file for the next
	// build of the same site folder (the live preview's), which then
	// decodes and parses only the files that changed. The output is the
	// same with or without it.
	Cache *Cache
}

// Cache is what successive builds of one site folder share: each file's
// decoded value and each guide's parsed markdown, reused only for the same
// bytes (see load.Cache and resolve.Cache). The zero Cache is ready to
// use; builds that share one take turns.
type Cache struct {
	files  load.Cache
	parsed resolve.Cache
}

// read runs Load and Resolve, through the cache when there is one.
func (o Options) read(src fs.FS) (*handbook.Handbook, diag.List) {
	ropts := resolve.Options{Today: o.Today, BaseURL: o.BaseURL}
	var source *load.Source
	var diags diag.List
	if o.Cache != nil {
		source, diags = o.Cache.files.Read(src)
		ropts.Cache = &o.Cache.parsed
	} else {
		source, diags = load.Read(src)
	}
	h, more := resolve.Handbook(source, ropts)
	diags.Add(more...)
	return h, diags
}

// defaultStamp is the feeds' timestamp when nothing else tells one: a
// fixed instant, never the clock, so that two builds of the same input
// are byte-identical.
var defaultStamp = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// stamp picks the feeds' timestamp (SPEC §4): SOURCE_DATE_EPOCH, else
// handbook.toml's updated, else the last git commit, else 2000-01-01.
func (o Options) stamp(h *handbook.Handbook) time.Time {
	for _, t := range []time.Time{o.Stamp, h.Updated, o.CommitTime} {
		if !t.IsZero() {
			return t.UTC()
		}
	}
	return defaultStamp
}

// Result is a generated site.
type Result struct {
	Handbook *handbook.Handbook
	// Files maps slash paths under the output folder to their bytes.
	Files render.Output
}

// Generate builds the site in memory. When the diagnostics hold an error,
// Result is nil (or holds only what resolved, for callers that inspect it)
// and nothing should be written.
func Generate(src fs.FS, opts Options) (*Result, diag.List, error) {
	d, diags, err := Prepare(src, opts)
	if err != nil || diags.HasErrors() {
		return d.partial(), diags, err
	}
	return d.Finish()
}

// Draft is a site whose input has loaded and resolved without errors and
// whose files render on demand: the live preview serves the page a reader
// looks at ([Draft.File]) before the rest of the site is rendered and
// checked ([Draft.Finish]). Every file is made once, with the same bytes
// as in a whole build. A Draft is safe for use by several goroutines.
type Draft struct {
	src   fs.FS
	h     *handbook.Handbook
	diags diag.List // the problems Load and Resolve found: warnings only
	stamp time.Time
	plan  *render.Plan
	// static is the site's static/ folder, copied into the output root.
	static render.Output

	changes lazy[[]byte]
	feeds   lazy[map[string][]byte]
}

// lazy is a value made on first use, once.
type lazy[T any] struct {
	once  sync.Once
	value T
	err   error
}

func (l *lazy[T]) get(make func() (T, error)) (T, error) {
	l.once.Do(func() { l.value, l.err = make() })
	return l.value, l.err
}

// Prepare runs Load and Resolve, reads the theme and the site's static
// files, and lists the files of the site, rendering none. When the
// diagnostics hold an error the Draft holds only the handbook as far as it
// resolved (or is nil), and renders nothing.
func Prepare(src fs.FS, opts Options) (*Draft, diag.List, error) {
	h, diags := opts.read(src)
	d := &Draft{src: src, h: h}
	// The site's static files and theme are read whatever the problems
	// of the handbook, so that one run reports every file relbook
	// refuses to read (see package sitefs).
	static, problems := readStatic(src)
	diags.Add(problems...)
	diags.Add(themeProblems(src, h.Theme)...)
	if diags.HasErrors() {
		return d, diags, nil
	}
	theme, err := Theme(src, h.Theme)
	if err != nil {
		return nil, diags, fmt.Errorf("render: %w", err)
	}
	if d.plan, err = render.NewPlan(h, theme); err != nil {
		return nil, diags, fmt.Errorf("render: %w", err)
	}
	d.stamp = opts.stamp(h)
	d.static, d.diags = static, diags
	return d, diags, nil
}

// partial is the Result of a build that stopped at problems in its input:
// the handbook as far as it resolved, no files.
func (d *Draft) partial() *Result {
	if d == nil {
		return nil
	}
	return &Result{Handbook: d.h}
}

// File makes one file of the site, as Finish has it; found is false for
// a name that is not part of the site. The calendar feeds are made
// together, on the first request for one of them.
func (d *Draft) File(name string) (data []byte, found bool, err error) {
	if data, found, err = d.plan.File(name); found {
		if err != nil {
			err = fmt.Errorf("render: %w", err)
		}
		return data, found, err
	}
	if name == changesPath {
		data, err := d.changes.get(func() ([]byte, error) { return calendar.Changes(d.h, calendar.Options{Stamp: d.stamp}) })
		if err != nil {
			err = fmt.Errorf("render: %w", err)
		}
		return data, true, err
	}
	if data, found := d.static[name]; found {
		return data, true, nil
	}
	feeds, err := d.calendar()
	if data, found := feeds[name]; found || err != nil {
		return data, found, err
	}
	return nil, false, nil
}

// HasPage reports whether name is a page or another file that the site
// renders or copies, making nothing; it does not know the feeds.
func (d *Draft) HasPage(name string) bool {
	_, static := d.static[name]
	return d.plan.Has(name) || name == changesPath || static
}

// calendar makes every feed, once.
func (d *Draft) calendar() (map[string][]byte, error) {
	return d.feeds.get(func() (map[string][]byte, error) {
		feeds, err := calendar.Feeds(d.h, calendar.Options{Stamp: d.stamp})
		if err != nil {
			err = fmt.Errorf("calendar: %w", err)
		}
		return feeds, err
	})
}

// changesPath is the Atom feed of schedule changes.
const changesPath = "changes.xml"

// Build generates the site and writes it into outDir, as Generate and
// then Write do, except that the links of the whole site are checked while
// its files are written into the new folder, which replaces outDir only
// when the build has no errors. When the diagnostics hold an error, outDir
// is left as it was.
func Build(src fs.FS, opts Options, outDir string, wopts WriteOptions) (*Result, diag.List, error) {
	d, diags, err := Prepare(src, opts)
	if err != nil || diags.HasErrors() {
		return d.partial(), diags, err
	}
	res, diags, err := d.assemble()
	if err != nil || diags.HasErrors() {
		return res, diags, err
	}
	var links diag.List
	err = write(res.Files, outDir, wopts, func() bool {
		links = checkLinks(src, d.h.Theme, res.Files)
		return !links.HasErrors()
	})
	diags.Add(links...)
	if errors.Is(err, errRefused) {
		return &Result{Handbook: d.h}, diags, nil
	}
	return res, diags, err
}

// Finish renders every file not rendered yet, makes the feeds and checks
// every link of the whole site. Its diagnostics are all of the build's,
// Prepare's included.
func (d *Draft) Finish() (*Result, diag.List, error) {
	res, diags, err := d.assemble()
	if err != nil || diags.HasErrors() {
		return res, diags, err
	}
	diags.Add(checkLinks(d.src, d.h.Theme, res.Files)...)
	return res, diags, nil
}

// assemble is Finish without the link check.
func (d *Draft) assemble() (*Result, diag.List, error) {
	diags := slices.Clone(d.diags)
	// The pages and the feeds only read the handbook: they are made at
	// the same time, each stage on every core, so that one stage's parts
	// that run alone leave the other cores to the other.
	calendarDone := make(chan any, 1)
	go func() {
		defer func() { calendarDone <- recover() }()
		d.calendar()
	}()
	files, err := d.plan.Render()
	if err == nil {
		files[changesPath], _, err = d.File(changesPath)
	}
	if p := <-calendarDone; p != nil {
		panic(p) // the caller's, as it was before the goroutine
	}
	if err != nil {
		return nil, diags, fmt.Errorf("render: %w", err)
	}
	feeds, err := d.calendar()
	if err != nil {
		return nil, diags, err
	}
	for name, b := range feeds {
		if _, taken := files[name]; taken {
			return nil, diags, fmt.Errorf("calendar: the feed %s would replace a page of the same path", name)
		}
		files[name] = b
	}
	diags.Add(staticNames(d.static)...)
	diags.Add(staticClashes(d.static, slices.Sorted(maps.Keys(files)))...)
	maps.Copy(files, d.static)
	if diags.HasErrors() {
		return &Result{Handbook: d.h}, diags, nil
	}
	return &Result{Handbook: d.h, Files: files}, diags, nil
}

// staticNames reports every file of the site's static/ folder whose name
// cannot be a file of the published site (see outputNameProblem). The
// file is named quoted in the message, and is the position only when its
// path prints as it is: a control character in a name is never written
// to the terminal.
func staticNames(static render.Output) diag.List {
	var diags diag.List
	for _, name := range slices.Sorted(maps.Keys(static)) {
		why := outputNameProblem(name)
		if why == "" {
			continue
		}
		pos := diag.Pos{Path: "static"}
		if printable(name) {
			pos.Path += "/" + name
		}
		diags.Errorf(pos, "static file %q: %s; rename it", "static/"+name, why)
	}
	return diags
}

// printable reports whether s is UTF-8 text that shows as it is, without
// control or formatting characters.
func printable(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsPrint(r) })
}

// staticClashes reports every file of the site's static/ folder that
// would replace a file relbook generates, or a folder of such files, or
// that needs a folder where relbook generates a file: `relbook check`
// finds what would otherwise fail only when the files are written.
// generated is every name relbook generates, sorted.
func staticClashes(static render.Output, generated []string) diag.List {
	var diags diag.List
	for _, name := range slices.Sorted(maps.Keys(static)) {
		pos := diag.Pos{Path: "static/" + name}
		i, file := slices.BinarySearch(generated, name)
		switch {
		case file:
			diags.Errorf(pos, "static/%s would replace /%s, which relbook generates; rename or move it", name, name)
		case i < len(generated) && strings.HasPrefix(generated[i], name+"/"):
			diags.Errorf(pos, "static/%s would replace the folder /%s/, which relbook generates; rename or move it", name, name)
		default:
			for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
				if _, file := slices.BinarySearch(generated, dir); file {
					diags.Errorf(pos, "static/%s needs a folder /%s/ where relbook generates the file /%s; rename or move it", name, dir, dir)
					break
				}
			}
		}
	}
	return diags
}

// checkLinks runs the Check stage: every internal link and #anchor of the
// rendered site must lead somewhere. A problem is reported where the
// author wrote the link, in the file that made the page or in a template
// of the site's theme (see check.Origins), else at the top of the file.
func checkLinks(src fs.FS, theme string, files render.Output) diag.List {
	problems := check.Links(files)
	if len(problems) == 0 {
		return nil
	}
	origins := check.NewOrigins(src, theme)
	var diags diag.List
	for _, p := range problems {
		page := strings.TrimSuffix(p.Page, "index.html")
		diags.Errorf(origins.Pos(p), "on /%s: %s", page, p.Msg)
	}
	return diags
}

// Theme returns the theme files a build renders with: the site's own
// themes/<name>/ folder over relbook's embedded default theme, so that a
// site overrides any template or static file by writing one at the same
// relative path.
func Theme(src fs.FS, name string) (fs.FS, error) {
	embedded := themes.Default()
	site, err := fs.Sub(src, "themes/"+name)
	if err != nil {
		return nil, err
	}
	if _, err := fs.Stat(site, "."); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("theme %q: themes/%s: %s", name, name, sitefs.Why(err))
		}
		if name != "default" {
			return nil, fmt.Errorf("theme %q: there is no themes/%s/ folder in the site", name, name)
		}
		return embedded, nil
	}
	return overlay{upper: site, lower: embedded}, nil
}

// readStatic reads the site's static/ folder, which the output root gets
// as is. A file there that would replace one relbook generates is an
// error naming both, never a silent overwrite: assemble reports it, once
// every file of the site is known.
func readStatic(src fs.FS) (render.Output, diag.List) {
	files := render.Output{}
	names, diags := sitefs.Files(src, "static")
	for _, name := range names {
		b, err := fs.ReadFile(src, name)
		if err != nil {
			diags.Errorf(diag.Pos{Path: name}, "%s", sitefs.Why(err))
			continue
		}
		files[strings.TrimPrefix(name, "static/")] = b
	}
	return files, diags
}

// themeProblems reports the files of the site's theme folder
// (themes/<name>/) that relbook refuses to read, each at its path.
func themeProblems(src fs.FS, name string) diag.List {
	dir := "themes/" + name
	if !fs.ValidPath(dir) {
		return nil // Theme says what is wrong with the name
	}
	_, problems := sitefs.Files(src, dir)
	return problems
}
