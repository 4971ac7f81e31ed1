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
// Every file of the site reaches the output one way: a [Draft] is a list
// of parts, each some of the files and the way to make them — the pages
// with their JSON, search index, sitemap and theme files (a render.Plan),
// the Atom feed and the iCalendar feeds (package calendar), and the
// site's own static/ folder — and asks them all the same questions: is
// this name one of yours, make this file, make all of yours. A file is
// made once, when it is first asked for, so the preview renders only the
// pages it serves, and a whole build makes every part at the same time,
// each on every core. The site's static files go in last and may replace nothing
// that relbook generates.
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
	"github.com/relbook/relbook/generator/internal/parallel"
	"github.com/relbook/relbook/generator/load"
	"github.com/relbook/relbook/generator/published"
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
	// Verify asks for the checks of the feeds that only `relbook check`
	// makes: whether published.toml is up to date, whether a published
	// date moved without a `was` entry, whether the feeds have a
	// timestamp (see verifyPublished).
	Verify bool
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

// read runs Load and Resolve, through the cache when there is one, and
// reads what the feeds published before (published.toml, nil without
// one).
func (o Options) read(src fs.FS) (*handbook.Handbook, *published.Memory, diag.List) {
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
	memory, problems := published.Read(src)
	diags.Add(problems...)
	if o.Verify && !diags.HasErrors() {
		diags.Add(verifyPublished(h, memory, o)...)
	}
	resolve.Acknowledge(source, h, diags)
	return h, memory, diags
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
	// parts are every file of the site, by what makes them: the pages
	// and what goes with them, the Atom feed, the iCalendar feeds, and
	// last the site's static/ folder, copied into the output root over
	// nothing that relbook generates (see staticClashes).
	parts []part
}

// A part is some of the files of a site and the way to make them. Every
// file reaches [Draft.File], [Draft.HasPage] and the whole build the same
// way, through its part, whatever makes it: a [render.Plan] (the pages,
// the JSON schedules, the search index, the sitemap and the theme's
// static files) or a batch (the feeds, the site's static files).
type part interface {
	// Has reports whether name is one of the part's files, making
	// nothing that is not made together with name.
	Has(name string) bool
	// File makes the file name, once, with the bytes Render gives it;
	// found is false for a name that is not one of the part's files.
	File(name string) (data []byte, found bool, err error)
	// Render makes every file not made yet and returns them all.
	Render() (render.Output, error)
}

// batch is a part whose files are made together, once, on the first
// request for one of them: a feed, the iCalendar feeds (which share
// their events), files already read.
type batch struct {
	// may reports whether name can be one of the files, making nothing:
	// the files are made only for such a name.
	may  func(name string) bool
	make func() (render.Output, error)

	once  sync.Once
	files render.Output
	err   error
}

// Render makes the files, once.
func (b *batch) Render() (render.Output, error) {
	b.once.Do(func() { b.files, b.err = b.make() })
	return b.files, b.err
}

// File makes the files if name can be one of them, and returns it.
func (b *batch) File(name string) (data []byte, found bool, err error) {
	if !b.may(name) {
		return nil, false, nil
	}
	files, err := b.Render()
	if err != nil {
		return nil, true, err
	}
	data, found = files[name]
	return data, found, nil
}

// Has is File, without the bytes.
func (b *batch) Has(name string) bool {
	_, found, err := b.File(name)
	return found && err == nil
}

// read is a batch of the files already in files.
func read(files render.Output) *batch {
	return &batch{
		may:  func(name string) bool { _, found := files[name]; return found },
		make: func() (render.Output, error) { return files, nil },
	}
}

// Prepare runs Load and Resolve, reads the theme and the site's static
// files, and lists the parts of the site, rendering nothing. When the
// diagnostics hold an error the Draft holds only the handbook as far as it
// resolved (or is nil), and renders nothing.
func Prepare(src fs.FS, opts Options) (*Draft, diag.List, error) {
	h, memory, diags := opts.read(src)
	d := &Draft{src: src, h: h}
	// The site's static files and theme are read whatever the problems
	// of the handbook, so that one run reports every file relbook
	// refuses to read (see package sitefs).
	static, problems := readStatic(src)
	diags.Add(problems...)
	guideFiles, problems := readGuideFiles(src, h)
	diags.Add(problems...)
	diags.Add(themeProblems(src, h.Theme)...)
	if diags.HasErrors() {
		return d, diags, nil
	}
	theme, err := Theme(src, h.Theme)
	if err != nil {
		return nil, diags, fmt.Errorf("render: %w", err)
	}
	plan, err := render.NewPlan(h, theme)
	if err != nil {
		return nil, diags, fmt.Errorf("render: %w", err)
	}
	plan.AlsoServes(func(name string) bool {
		_, ok := static[name]
		_, guide := guideFiles[name]
		return ok || guide
	})
	feeds := calendar.Options{Stamp: opts.stamp(h), Memory: memory}
	d.parts = []part{
		plan,
		&batch{
			may: func(name string) bool { return name == calendar.ChangesPath },
			make: func() (render.Output, error) {
				data, err := calendar.Changes(h, feeds)
				return render.Output{calendar.ChangesPath: data}, err
			},
		},
		&batch{
			// Every iCalendar feed is a .ics file (see calendar.Feeds):
			// no other name waits for them.
			may:  func(name string) bool { return path.Ext(name) == ".ics" },
			make: func() (render.Output, error) { return calendar.Feeds(h, feeds) },
		},
		read(guideFiles),
		read(static),
	}
	d.diags = diags
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
// a name that is not part of the site. Files made together, such as the
// iCalendar feeds, are made on the first request for one of them.
func (d *Draft) File(name string) (data []byte, found bool, err error) {
	for _, p := range d.parts {
		if data, found, err = p.File(name); found {
			if err != nil {
				err = fmt.Errorf("render: %w", err)
			}
			return data, found, err
		}
	}
	return nil, false, nil
}

// NotFoundAt makes the site's 404.html for the site served at root (the
// live preview's "/") instead of at base_url.
func (d *Draft) NotFoundAt(root string) ([]byte, error) {
	plan := d.plan()
	if plan == nil {
		return nil, fmt.Errorf("render: no pages")
	}
	data, err := plan.NotFoundAt(root)
	if err != nil {
		err = fmt.Errorf("render: %w", err)
	}
	return data, err
}

// HasPage reports whether name is a page or another file of the site,
// making nothing but, for the name of an iCalendar feed, the feeds.
func (d *Draft) HasPage(name string) bool {
	return slices.ContainsFunc(d.parts, func(p part) bool { return p.Has(name) })
}

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
		links = d.checkLinks(res.Files)
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
	diags.Add(d.checkLinks(res.Files)...)
	return res, diags, nil
}

// assemble is Finish without the link check.
func (d *Draft) assemble() (*Result, diag.List, error) {
	diags := slices.Clone(d.diags)
	// The parts only read the handbook: they are made at the same time,
	// each on every core, so that one part's steps that run alone leave
	// the other cores to the others.
	made := make([]render.Output, len(d.parts))
	errs := make([]error, len(d.parts))
	parallel.Workers(len(d.parts), len(d.parts), func(i int) { made[i], errs[i] = d.parts[i].Render() })
	for _, err := range errs {
		if err != nil {
			return nil, diags, fmt.Errorf("render: %w", err)
		}
	}
	generated, static := made[:len(made)-1], made[len(made)-1] // see Draft.parts
	n := 0
	for _, out := range made {
		n += len(out)
	}
	files := make(render.Output, n)
	for _, out := range generated {
		for name, data := range out {
			if _, taken := files[name]; taken {
				return nil, diags, fmt.Errorf("render: two files of the site would be written to %s", name)
			}
			files[name] = data
		}
	}
	diags.Add(staticNames(static)...)
	diags.Add(staticClashes(static, slices.Sorted(maps.Keys(files)))...)
	maps.Copy(files, static)
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
		_, file := slices.BinarySearch(generated, name)
		// Files under the folder sort after name+"/", not after name:
		// "releases.json" comes between "releases" and "releases/".
		i, _ := slices.BinarySearch(generated, name+"/")
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
//
// A link of a guide is on the guide's page and on each of its checklists:
// broken, it is reported once, where it is written, on the first page
// that shows it (the guide's, which sorts before releases/, when it is
// broken there too).
func (d *Draft) checkLinks(files render.Output) diag.List {
	problems := check.Links(files)
	if len(problems) == 0 {
		return nil
	}
	origins := check.NewOrigins(d.src, d.h.Theme)
	plan := d.plan()
	if plan != nil {
		origins.WrittenAs = plan.WrittenAs
	}
	// Guides' pages first, so that a link broken everywhere is reported
	// on the page it is written for.
	onGuide := func(p check.Problem) int {
		if strings.HasPrefix(p.Page, "roles/") {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(problems, func(a, b check.Problem) int { return onGuide(a) - onGuide(b) })
	type once struct {
		pos     diag.Pos
		written string
	}
	reported := map[once]bool{}
	var diags diag.List
	for _, p := range problems {
		pos := origins.Pos(p)
		written := p.Href
		if plan != nil {
			if dest, ok := plan.WrittenAs(p.Page, p.Href); ok {
				written = dest
			}
		}
		if p.ID == "" && pos.Line > 0 {
			k := once{pos, written}
			if reported[k] {
				continue
			}
			reported[k] = true
		}
		page := strings.TrimSuffix(p.Page, "index.html")
		diags.Errorf(pos, "on /%s: %s", page, p.Msg)
	}
	return diags
}

// plan is the Draft's render.Plan: the part that makes the pages.
func (d *Draft) plan() *render.Plan {
	for _, p := range d.parts {
		if plan, ok := p.(*render.Plan); ok {
			return plan
		}
	}
	return nil
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

// readGuideFiles reads the files of guide folders that are not markdown
// (images), which the output gets at the same path: roles/<id>/pics/a.png
// beside the guide's page, /roles/<id>/.
func readGuideFiles(src fs.FS, h *handbook.Handbook) (render.Output, diag.List) {
	files := render.Output{}
	var diags diag.List
	if h == nil {
		return files, nil
	}
	for _, r := range h.Roles {
		for _, name := range r.Files {
			b, err := fs.ReadFile(src, name)
			if err != nil {
				diags.Errorf(diag.Pos{Path: name}, "%s", sitefs.Why(err))
				continue
			}
			files[name] = b
		}
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
