// Package load reads a handbook's site folder: the first stage of a build.
//
// [Read] takes an fs.FS holding handbook.toml, releases/*.toml, role guides
// (roles/*.md), free pages (pages/*.md) and glossary.toml, and returns a
// [Source]: every value the author wrote, typed, each with the
// file, line and column it came from, and nothing yet interpreted. Date
// expressions, zones and weekday names stay text here; the resolve stage
// turns them into dates and reports what they get wrong at the positions
// recorded here.
//
// TOML is decoded by BurntSushi/toml into plain tables, and a second, small
// scan of the same bytes (tomlspan, the scanner relbook new release
// rewrites with) records where each key was written (see keyPositions), so
// that a misspelt key, a string where a date belongs or a
// date that does not exist is reported as path:line:col, all of them in one
// run.
//
// No file depends on another, so Read decodes them all at the same time
// and puts values and problems in the order of the files. A [Cache] that
// the live preview keeps from one Read to the next reuses what was made
// of every file whose bytes did not change.
package load

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/internal/tomlspan"
	"github.com/relbook/relbook/generator/sitefs"
)

// Source is a site folder as written.
type Source struct {
	Settings *Settings
	// Releases in file-name order.
	Releases []*Release
	// Roles are the guides in roles/, in file-name order.
	Roles []*Doc
	// Pages are the free pages in pages/, in file-name order.
	Pages []*Doc
	// Terms are glossary.toml's terms, in the order written.
	Terms []*Term
	// Unloaded are the files that should have been read but could not
	// be (missing, not text, not TOML, bad front matter): their problems
	// are reported, and later stages must not also take what they define
	// for missing.
	Unloaded []string
}

// Settings is handbook.toml.
type Settings struct {
	Path        string
	Title       Field[string]
	Description Field[string]
	BaseURL     Field[string]
	Timezone    Field[string]
	Language    Field[string]
	Current     Field[string]
	EditURL     Field[string]
	Theme       Field[string]
	UnsafeHTML  Field[bool]
	UIDDomain   Field[string]
	Updated     Field[time.Time]
	Holidays    []Field[handbook.Date]
	// CheckAllow is [check]'s allow: the warning codes acknowledged
	// everywhere.
	CheckAllow []diag.Code
}

// Release is one releases/<id>.toml.
type Release struct {
	ID       string
	Path     string
	Name     Field[string]
	Codename Field[string]
	// Cycle is the release's name in /releases.json and in patch names
	// ("1.35"); empty means its id without a leading "v".
	Cycle      Field[string]
	Start      Field[handbook.Date]
	Timezone   Field[string]
	Status     Field[string]
	EOL        Field[handbook.Date]
	DueWeekday Field[string]
	Holidays   []Field[handbook.Date]
	Summary    Field[string]
	// Allow are the warning codes acknowledged in the whole file.
	Allow      []diag.Code
	Milestones []*Milestone
	Phases     []*Phase
	Meetings   []*Meeting
	Team       []*TeamEntry
	// Support are the [support.<id>] tables, in file order.
	Support []*SupportPhase
	// Patches is the [patches] rule; nil without one.
	Patches *PatchRule
	// Patch are the [patch.<id>] tables, in file order.
	Patch []*Patch
}

// Milestone is one [milestone.<id>] table.
type Milestone struct {
	ID          string
	Pos         diag.Pos
	Name        Field[string]
	Date        Field[handbook.Date]
	At          Field[string]
	End         Field[string]
	Time        Field[string]
	Kind        Field[string]
	Key         Field[bool]
	Owner       []Field[string]
	Description Field[string]
	URL         Field[string]
	Was         []Slip
	Note        Field[string]
	Allow       []diag.Code
	// Who is free-text responsibility, markdown inline.
	Who Field[string]
	// Week is a whole week the milestone belongs to instead of a day:
	// "week N", "R-N" or "R+N".
	Week Field[string]
}

// Slip is one entry of a milestone's `was`.
type Slip struct {
	Date    Field[handbook.Date]
	Changed Field[handbook.Date]
	Note    Field[string]
}

// Phase is one [phase.<id>] table.
type Phase struct {
	ID          string
	Pos         diag.Pos
	Name        Field[string]
	From        Field[string]
	To          Field[string]
	Description Field[string]
	Allow       []diag.Code
}

// Meeting is one [meeting.<id>] table.
type Meeting struct {
	ID       string
	Pos      diag.Pos
	Name     Field[string]
	Every    Field[string]
	On       []Field[string]
	Time     Field[string]
	Timezone Field[string]
	Duration Field[string]
	From     Field[string]
	Until    Field[string]
	Skip     []Field[handbook.Date]
	Roles    []Field[string]
	URL      Field[string]
	Allow    []diag.Code
}

// TeamEntry is one key of [team]: a role id and the people in it.
type TeamEntry struct {
	Role   string
	Pos    diag.Pos
	People []Field[string]
}

// Read loads the site folder. It returns every problem it finds; the Source
// holds whatever could be read, so that later stages can still report
// their own problems in the files that did load.
//
// The files are decoded all at the same time (they do not depend on each
// other); the Source and the problems come out in the same order whatever
// the order they finish in.
func Read(fsys fs.FS) (*Source, diag.List) {
	src, diags, _ := read(fsys, nil)
	return src, diags
}

// read is Read, reusing what earlier reads made of files whose bytes have
// not changed (see Cache); it returns what this read made of every file,
// for the next.
func read(fsys fs.FS, earlier map[string]*decoded) (*Source, diag.List, map[string]*decoded) {
	src := &Source{}
	var p plan
	readSettings(fsys, &p, src)
	readReleases(fsys, &p, src)
	readDocs(fsys, &p, "roles", "role", reservedRoles, []string{"title", "summary", "order", "commitment", "allow", "source_url", "tasks", "former_ids"}, &src.Roles, &src.Unloaded)
	readDocs(fsys, &p, "pages", "page", reservedPages, []string{"title", "summary", "order", "allow", "source_url"}, &src.Pages, &src.Unloaded)
	readGlossary(fsys, &p, src)
	diags, files := p.run(fsys, earlier)
	checkThemeFolder(fsys, src.Settings, &diags)
	return src, diags, files
}

// validTheme reports whether name can name a folder of themes/: one path
// segment, by the rule of release ids, with '_' allowed beside '.' and '-'
// (a theme is a folder name, never part of a URL, and themes were named
// with underscores before the rule existed).
func validTheme(name string) bool {
	return len(name) <= handbook.MaxIDLength && handbook.IsReleaseID(strings.ReplaceAll(name, "_", "-"))
}

// checkThemeFolder reports a theme other than the built-in default whose
// folder themes/<name>/ is not in the site folder. It looks every time,
// not with the cached decoding of handbook.toml: the folder may come or
// go while the file stays the same.
func checkThemeFolder(fsys fs.FS, s *Settings, diags *diag.List) {
	if !s.Theme.Set || s.Theme.V == "default" {
		return
	}
	if info, err := fs.Stat(fsys, "themes/"+s.Theme.V); err != nil || !info.IsDir() {
		diags.Errorf(s.Theme.Pos, "theme %q: there is no folder themes/%s/ in the site folder; create it, or leave theme out for the built-in theme", s.Theme.V, s.Theme.V)
	}
}

// readTOML checks that data is text and decodes it; nil when it is not
// TOML (the problem is reported).
func readTOML(name string, data []byte, diags *diag.List) (*tomlFile, map[string]any) {
	text, ok := checkText(name, data, diags)
	if !ok {
		return nil, nil
	}
	m := map[string]any{}
	if d, ok := decodeTOML(name, text, 0, &m); !ok {
		diags.Add(d)
		return nil, nil
	}
	return &tomlFile{path: name, src: text, pos: scanPositions(text), diags: diags}, m
}

// checkText accepts UTF-8 text with or without a byte-order mark and with
// either line ending, and reports anything else at its line and column.
func checkText(name string, data []byte, diags *diag.List) (string, bool) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			diags.Errorf(diag.Pos{Path: name, Line: line, Col: col}, "the file is not valid UTF-8 text")
			return "", false
		case r == 0:
			diags.Errorf(diag.Pos{Path: name, Line: line, Col: col}, "the file holds a NUL byte; is it a binary file?")
			return "", false
		case r == '\n':
			line, col = line+1, 1
		default:
			col += size
		}
		i += size
	}
	return string(data), true
}

// decodeTOML decodes text, the TOML of file name from line 1+lineOffset
// on, into m; when it cannot, it returns the problem. Text that nests
// arrays or inline tables too deep is refused before it is decoded (see
// tomlspan.MaxDepth).
func decodeTOML(name, text string, lineOffset int, m *map[string]any) (diag.Diagnostic, bool) {
	if at := tomlspan.TooDeep(text); at >= 0 {
		before := text[:at]
		pos := diag.Pos{Path: name, Line: strings.Count(before, "\n") + 1 + lineOffset, Col: at - strings.LastIndexByte(before, '\n')}
		return diag.Diagnostic{Pos: pos, Message: fmt.Sprintf("arrays and inline tables nest more than %d deep here; relbook reads at most %d levels", tomlspan.MaxDepth, tomlspan.MaxDepth)}, false
	}
	if _, err := toml.Decode(text, m); err != nil {
		return tomlError(name, text, lineOffset, err), false
	}
	return diag.Diagnostic{}, true
}

// tomlError turns a TOML syntax error into a diagnostic. The position is
// recomputed from the error's byte offset: the parser's own line number is
// one too far when the offending character is a line break. lineOffset
// counts the lines of the file before text (front matter's "+++").
func tomlError(name, text string, lineOffset int, err error) diag.Diagnostic {
	var perr toml.ParseError
	if !errors.As(err, &perr) {
		return diag.Diagnostic{Pos: diag.Pos{Path: name, Line: 1 + lineOffset, Col: 1}, Message: err.Error()}
	}
	line, col := perr.Position.Line, max(perr.Position.Col, 1)
	if start := perr.Position.Start; start >= 0 && start <= len(text) {
		before := text[:start]
		line = strings.Count(before, "\n") + 1
		col = start - strings.LastIndexByte(before, '\n')
	}
	msg := perr.Message
	// BurntSushi words a key given twice as a sentence of its own ("Key
	// 'milestone.rc1.kind' has already been defined."); say it the way
	// every other message does.
	if rest, ok := strings.CutPrefix(msg, "Key '"); ok {
		if key, what, ok := strings.Cut(rest, "' "); ok {
			switch what {
			case "has already been defined.":
				msg = fmt.Sprintf("%q is defined twice: write each key, and each [table], once", key)
			case "was already created as a hash.":
				msg = fmt.Sprintf("%q is already a table: it cannot be defined again", key)
			case "was already created and cannot be used as an array.":
				msg = fmt.Sprintf("%q is already defined: it cannot also be an array of tables [[%s]]", key, key)
			}
		}
	}
	// BurntSushi says only "invalid datetime" for 2026-02-30; say why.
	if quoted, ok := strings.CutPrefix(msg, "invalid datetime: "); ok {
		if s, uerr := strconv.Unquote(quoted); uerr == nil && len(s) >= 10 && dateexpr.IsDateShaped(s[:10]) {
			if _, derr := handbook.ParseDate(s[:10]); derr != nil {
				msg = derr.Error()
			}
		}
	}
	return diag.Diagnostic{Pos: diag.Pos{Path: name, Line: line + lineOffset, Col: col}, Message: msg}
}

func readSettings(fsys fs.FS, p *plan, src *Source) {
	const name = "handbook.toml"
	src.Settings = &Settings{Path: name}
	if _, err := fs.Stat(fsys, name); errors.Is(err, fs.ErrNotExist) {
		p.errorf(diag.Pos{Path: name}, "no handbook.toml: a site folder starts with one (see docs/format.md)")
		src.Unloaded = append(src.Unloaded, name)
		return
	}
	p.file(name, decodeSettings, func(v any) {
		if s, _ := v.(*Settings); s != nil {
			src.Settings = s
		} else {
			src.Unloaded = append(src.Unloaded, name)
		}
	})
}

func decodeSettings(name string, data []byte, diags *diag.List) any {
	f, m := readTOML(name, data, diags)
	if f == nil {
		return nil
	}
	s := &Settings{Path: name}
	t := f.root(m)
	s.Title = t.str("title")
	s.Description = t.str("description")
	s.BaseURL = t.str("base_url")
	s.Timezone = t.str("timezone")
	s.Language = t.str("language")
	s.Current = t.str("current")
	s.EditURL = t.str("edit_url")
	s.Theme = t.str("theme")
	if s.Theme.Set && !validTheme(s.Theme.V) {
		diags.Errorf(s.Theme.Pos, "theme %q must be the name of a folder in themes/: letters, digits, '.', '-' and '_', starting with a letter or digit (no \"..\"), at most %d bytes", s.Theme.V, handbook.MaxIDLength)
		s.Theme = Field[string]{Pos: s.Theme.Pos, Bad: true}
	}
	s.UnsafeHTML = t.boolean("unsafe_html")
	s.UIDDomain = t.str("uid_domain")
	s.Updated = t.datetime("updated")
	s.Holidays = t.dates("holidays")
	if v, ok := t.get("check"); ok {
		if m, isTable := v.(map[string]any); isTable {
			check := t.sub("check", m)
			s.CheckAllow = check.allow()
			check.done()
		} else {
			t.errorf("check", "check must be a table: write [check]")
		}
	}
	t.done()
	return s
}

func readReleases(fsys fs.FS, p *plan, src *Source) {
	entries, err := fs.ReadDir(fsys, "releases")
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			p.errorf(diag.Pos{Path: "releases"}, "%s", sitefs.Why(err))
		}
		return
	}
	seen := map[string]string{}
	for _, e := range entries {
		name := path.Join("releases", e.Name())
		id, isTOML := strings.CutSuffix(e.Name(), ".toml")
		if e.IsDir() || !isTOML {
			if why := sitefs.Problem(e); why != "" {
				p.errorf(diag.Pos{Path: name}, "%s", why)
			} else {
				p.warnf(diag.Pos{Path: name}, diag.IgnoredFile, "ignored: releases/ holds only <id>.toml files")
			}
			continue
		}
		if msg := checkReleaseID(id); msg != "" {
			p.errorf(diag.Pos{Path: name}, "%s", msg)
			continue
		}
		if other, dup := seen[strings.ToLower(id)]; dup {
			p.errorf(diag.Pos{Path: name}, "release id %q differs from %s only in case; ids must stay distinct on case-insensitive disks", id, other)
			continue
		}
		seen[strings.ToLower(id)] = name
		p.file(name, decodeRelease, func(v any) {
			if r, _ := v.(*Release); r != nil {
				src.Releases = append(src.Releases, r)
			}
		})
	}
}

// checkReleaseID applies SPEC §1: [A-Za-z0-9][A-Za-z0-9.-]* without "..",
// at most handbook.MaxIDLength bytes.
func checkReleaseID(id string) string {
	switch {
	case len(id) > handbook.MaxIDLength:
		return tooLong("release", id)
	case !handbook.IsReleaseID(id):
		return fmt.Sprintf("release id %q (from the file name) must start with a letter or digit and hold only letters, digits, '.' and '-' (no \"..\")", id)
	}
	return ""
}

// tooLong says that an id taken from a file name is longer than ids may
// be. The id itself is left out: the file name that goes before the
// message already shows it.
func tooLong(what, id string) string {
	return fmt.Sprintf("%s id (from the file name) is %d bytes long; ids become file and folder names of the site and may be at most %d bytes: shorten the file name", what, len(id), handbook.MaxIDLength)
}

// decodeRelease decodes releases/<id>.toml; its id is its file name's.
func decodeRelease(name string, data []byte, diags *diag.List) any {
	f, m := readTOML(name, data, diags)
	if f == nil {
		return nil
	}
	t := f.root(m)
	r := &Release{ID: strings.TrimSuffix(path.Base(name), ".toml"), Path: name}
	r.Name = t.str("name")
	r.Codename = t.str("codename")
	r.Cycle = t.str("cycle")
	r.Start = t.date("start")
	r.Timezone = t.str("timezone")
	r.Status = t.str("status")
	r.EOL = t.date("eol")
	r.DueWeekday = t.str("due_weekday")
	r.Holidays = t.dates("holidays")
	r.Summary = t.str("summary")
	r.Allow = t.allow()
	for _, mt := range t.subtables("milestone") {
		if checkID(mt, "milestone") {
			r.Milestones = append(r.Milestones, readMilestone(mt))
		}
	}
	for _, pt := range t.subtables("phase") {
		if checkID(pt, "phase") {
			r.Phases = append(r.Phases, readPhase(pt))
		}
	}
	for _, mt := range t.subtables("meeting") {
		if checkID(mt, "meeting") {
			r.Meetings = append(r.Meetings, readMeeting(mt))
		}
	}
	if v, ok := t.get("team"); ok {
		r.Team = readTeam(t, v)
	}
	for _, st := range t.subtables("support") {
		if checkID(st, "support phase") {
			r.Support = append(r.Support, readSupportPhase(st))
		}
	}
	if v, ok := t.get("patches"); ok {
		if m, isTable := v.(map[string]any); isTable {
			r.Patches = readPatchRule(t.sub("patches", m))
		} else {
			t.errorf("patches", "patches must be a table: write [patches]")
		}
	}
	for _, pt := range t.subtables("patch") {
		if checkID(pt, "patch") {
			r.Patch = append(r.Patch, readPatch(pt))
		}
	}
	t.done()
	return r
}

// checkID reports a milestone, phase or meeting id that breaks SPEC §1.
func checkID(t *table, what string) bool {
	id := t.id()
	switch {
	case len(id) > handbook.MaxIDLength:
		t.f.diags.Errorf(t.pos(), "%s id %q is %d bytes long; ids may be at most %d bytes", what, id, len(id), handbook.MaxIDLength)
		return false
	case !dateexpr.IsID(id):
		t.f.diags.Errorf(t.pos(), "%s id %q must be lower-case letters, digits and '-', starting with a letter or digit", what, id)
		return false
	case dateexpr.Reserved(id) != "":
		t.f.diags.Errorf(t.pos(), "%s id %q is reserved: %s", what, id, dateexpr.Reserved(id))
		return false
	case what == "milestone" && slices.Contains(scheduleSections, id):
		t.f.diags.Errorf(t.pos(), "milestone id %q is reserved: the schedule page has a section #%s, and each milestone's row there has the milestone's id; choose another", id, id)
		return false
	}
	return true
}

// scheduleSections are the fixed ids of a release's schedule page: those
// of the default theme's release.html, base.html and partials.html. A
// milestone's row on that page has the milestone's id, so that
// #code-freeze leads to it; a milestone may not take one of these.
var scheduleSections = []string{
	"key-dates", "timeline", "timeline-caption", "timeline-table", "weeks", "weeks-caption",
	"phases", "phases-caption", "support", "support-caption", "patches", "patches-caption", "lifecycle-title", "meetings", "team", "team-caption", "slips", "slips-caption", "checklists",
	"subscribe", "chart-title", "chart-desc", "main", "search-input", "search-status", "search-results",
}

func readMilestone(t *table) *Milestone {
	m := &Milestone{ID: t.id(), Pos: t.pos()}
	m.Name = t.str("name")
	m.Date = t.date("date")
	m.At = t.expr("at")
	m.End = t.expr("end")
	m.Time = t.str("time")
	m.Kind = t.str("kind")
	m.Key = t.boolean("key")
	m.Owner = t.strs("owner")
	m.Description = t.str("description")
	m.URL = t.str("url")
	m.Note = t.str("note")
	m.Who = t.str("who")
	m.Week = t.str("week")
	m.Allow = t.allow()
	m.Was = t.was()
	t.done()
	return m
}

// was reads a `was` list: earlier planned dates, each a date or a table
// { date = ..., changed = ..., note = "..." }.
func (t *table) was() []Slip {
	var out []Slip
	was, _ := t.array("was")
	for i, v := range was {
		path := append(t.childPath("was"), fmt.Sprint(i))
		if entry, ok := v.(map[string]any); ok {
			et := &table{f: t.f, path: path, m: entry}
			s := Slip{Date: et.date("date"), Changed: et.date("changed"), Note: et.str("note")}
			if !s.Date.Set {
				t.f.diags.Errorf(t.f.valuePos(path), "each table in was needs a date: { date = 2026-11-12, note = \"why\" }")
			}
			et.done()
			if s.Date.Set {
				out = append(out, s)
			}
			continue
		}
		if d := t.dateValue(path, "was", v); d.Set {
			out = append(out, Slip{Date: d})
		}
	}
	return out
}

func readPhase(t *table) *Phase {
	p := &Phase{ID: t.id(), Pos: t.pos()}
	p.Name = t.str("name")
	p.From = t.expr("from")
	p.To = t.expr("to")
	p.Description = t.str("description")
	p.Allow = t.allow()
	t.done()
	return p
}

func readMeeting(t *table) *Meeting {
	m := &Meeting{ID: t.id(), Pos: t.pos()}
	m.Name = t.str("name")
	m.Every = t.str("every")
	m.On = t.strs("on")
	m.Time = t.str("time")
	m.Timezone = t.str("timezone")
	m.Duration = t.str("duration")
	m.From = t.expr("from")
	m.Until = t.expr("until")
	m.Skip = t.dates("skip")
	m.Roles = t.strs("roles")
	m.URL = t.str("url")
	m.Allow = t.allow()
	t.done()
	return m
}

func readTeam(t *table, v any) []*TeamEntry {
	m, ok := v.(map[string]any)
	if !ok {
		t.errorf("team", "team must be a table: write [team]")
		return nil
	}
	team := t.sub("team", m)
	var entries []*TeamEntry
	for role := range m {
		e := &TeamEntry{Role: role, Pos: team.f.keyPos(team.childPath(role))}
		switch {
		case len(role) > handbook.MaxIDLength:
			t.f.diags.Errorf(e.Pos, "role id %q is %d bytes long; ids may be at most %d bytes", role, len(role), handbook.MaxIDLength)
			continue
		case !dateexpr.IsID(role):
			t.f.diags.Errorf(e.Pos, "role id %q must be lower-case letters, digits and '-'", role)
			continue
		}
		e.People = team.strs(role)
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(a, b *TeamEntry) int { return comparePos(a.Pos, b.Pos) })
	return entries
}
