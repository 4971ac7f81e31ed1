// Package schema is the one description of every key a handbook's files
// may hold: for each kind of file (handbook.toml, releases/<id>.toml,
// glossary.toml, and the front matter of role guides and pages), its
// tables, their keys, the kind of value each takes, the values it allows
// and what it means, in one line taken from docs/format.md.
//
// Two things are made from it, so that they cannot disagree:
//
//   - the loader (generator/load) takes the keys a table may hold from
//     [File.Keys]; a key this description lacks is an unknown key, reported
//     with a "did you mean", even when a reader of the loader asks for it.
//     A test of the loader reads every example and test handbook while
//     recording which keys its readers ask for, and as what kind of value,
//     and fails when a reader reads a key not described here, reads it as
//     another kind, or when a key described here is read by no reader.
//   - JSON Schemas (draft-07, see [File.JSONSchema]) that editors such as
//     taplo (Even Better TOML) use to complete and check the files as they
//     are written, named in a file's first line: #:schema ./schemas/....
//
// A table is named by its path from the top of the file, each id written
// as "<id>" and each entry of a list as "[]": "milestone.<id>",
// "milestone.<id>.was[]", "team".
package schema

import (
	"slices"
	"strings"
	"time"

	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
)

// Kind is the kind of value a key takes: the reader of the loader that
// reads it, and the JSON Schema that describes it.
type Kind int

// The kinds of values.
const (
	// String is a TOML string, with Enum or Pattern when set.
	String Kind = iota + 1
	// Bool is true or false.
	Bool
	// Integer is a whole number.
	Integer
	// Date is a calendar day: a TOML local date or a "YYYY-MM-DD" string.
	Date
	// Expr is a date expression ("code-freeze - 2bd"), or a TOML local
	// date standing for itself.
	Expr
	// ExprOrFalse is an Expr, or false for none.
	ExprOrFalse
	// DateTime is an instant: an offset date-time, or a local date
	// meaning midnight UTC.
	DateTime
	// Strings is a list of strings, each matching Pattern when set.
	Strings
	// Dates is a list of Dates.
	Dates
	// Codes is a list of warning codes: an allow list.
	Codes
	// Slips is a slip history: a list whose entries are each a Date or
	// a table of Keys.
	Slips
	// Table is a table of Keys: [patches].
	Table
	// Tables is a table of tables, one per id, each of Keys:
	// [milestone.<id>].
	Tables
	// StringsByID is a table whose keys are ids, each a list of strings:
	// [team].
	StringsByID
)

var kindNames = map[Kind]string{
	String: "string", Bool: "boolean", Integer: "integer", Date: "date",
	Expr: "date expression", ExprOrFalse: "date expression or false", DateTime: "date-time",
	Strings: "array of strings", Dates: "array of dates", Codes: "array of warning codes",
	Slips: "array of dates or tables", Table: "table", Tables: "tables by id", StringsByID: "arrays of strings by id",
}

func (k Kind) String() string { return kindNames[k] }

// Key is one key of a table.
type Key struct {
	Name string
	Kind Kind
	// Doc is what the key means, in one line.
	Doc string
	// Required keys are an error to leave out.
	Required bool
	// Enum lists the values a String may take; Pattern is a regular
	// expression (RE2 and ECMA-262 alike) a String, each entry of
	// Strings, or each id of StringsByID must match. Both are used by the JSON Schemas only: the
	// readers check values themselves, with messages that say why.
	Enum    []string
	Pattern string
	// Keys are the keys of a Table, of each table of Tables, and of the
	// table form of a Slips entry.
	Keys []Key
}

// File is one kind of file.
type File struct {
	// Name is the file's path in the site folder ("releases/<id>.toml").
	Name string
	// Schema is the file name of its JSON Schema ("release.schema.json"),
	// "" for front matter, which editors do not check against a schema.
	Schema string
	// Doc says what the file is.
	Doc  string
	Keys []Key
}

// IDPattern is the rule of milestone, phase, meeting, support phase,
// patch, role and term ids: lower-case letters, digits and '-', starting
// with a letter or digit, at most handbook.MaxIDLength bytes.
const IDPattern = "^[a-z0-9][a-z0-9-]{0,99}$"

// TaskModes are the values of a guide's `tasks`.
var TaskModes = []string{"checkboxes", "lists"}

// The files, by kind.
var (
	Handbook = &File{
		Name:   "handbook.toml",
		Schema: "handbook.schema.json",
		Doc:    "Site settings of a relbook release handbook.",
		Keys: []Key{
			{Name: "title", Kind: String, Doc: "Site title, shown on every page and in feed names."},
			{Name: "description", Kind: String, Doc: "One sentence about the handbook; used on the home page and in page metadata."},
			{Name: "base_url", Kind: String, Pattern: "^https?://", Doc: "Absolute URL the site is published at; used for calendar feeds, the sitemap and calendar UIDs."},
			{Name: "timezone", Kind: String, Doc: "IANA zone for times written without one (default \"UTC\")."},
			{Name: "language", Kind: String, Doc: "The lang of every page (default \"en\")."},
			{Name: "current", Kind: String, Doc: "Release id the home page treats as current; derived from today when left out."},
			{Name: "edit_url", Kind: String, Doc: "Adds an \"edit this page\" link; {path} is the page's source path in the site folder."},
			{Name: "theme", Kind: String, Pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", Doc: "Theme name: files under themes/<theme>/ override the built-in theme's (default \"default\")."},
			{Name: "unsafe_html", Kind: Bool, Doc: "When true, raw HTML written inside markdown is rendered; otherwise it is left out."},
			{Name: "uid_domain", Kind: String, Doc: "Domain part of calendar event UIDs (default: the host of base_url)."},
			{Name: "updated", Kind: DateTime, Doc: "DTSTAMP and LAST-MODIFIED of the calendar feeds: an offset date-time."},
			{Name: "holidays", Kind: Dates, Doc: "Days that are not business days in any release."},
			{Name: "check", Kind: Table, Doc: "Settings of relbook check.", Keys: []Key{
				{Name: "allow", Kind: Codes, Doc: "Warnings acknowledged everywhere."},
			}},
		},
	}

	Release = &File{
		Name:   "releases/<id>.toml",
		Schema: "release.schema.json",
		Doc:    "One release of a relbook release handbook: its schedule, team and life after release.",
		Keys: []Key{
			{Name: "name", Kind: String, Required: true, Doc: "Display name of the release."},
			{Name: "codename", Kind: String, Doc: "Shown next to the name."},
			{Name: "cycle", Kind: String, Doc: "The release's name in /releases.json and in the default patch name (default: the id without a leading \"v\")."},
			{Name: "start", Kind: Date, Required: true, Doc: "First day of the cycle; week 1 is the Monday–Sunday week that holds it. Use a Monday."},
			{Name: "timezone", Kind: String, Doc: "IANA zone of this release's times written without one (default: the handbook's)."},
			{Name: "status", Kind: String, Doc: "planned, active, a support phase id (released without support phases) or eol; derived from today when left out."},
			{Name: "eol", Kind: Date, Doc: "End of support: one support phase, \"Supported\", through this day. Not together with [support.<id>]."},
			{Name: "due_weekday", Kind: String, Pattern: weekdayPattern, Doc: "The day \"week N\" and \"R-N\" stand for as a due date (default \"Friday\")."},
			{Name: "holidays", Kind: Dates, Doc: "Days that are not business days in this release, on top of the handbook's."},
			{Name: "summary", Kind: String, Doc: "A short introduction shown above the schedule (markdown; may hold {{date references}})."},
			{Name: "allow", Kind: Codes, Doc: "Warnings acknowledged in the whole file."},
			{Name: "milestone", Kind: Tables, Doc: "Milestones: [milestone.<id>], each a day, a span or a week of the schedule.", Keys: milestoneKeys},
			{Name: "phase", Kind: Tables, Doc: "Phases: [phase.<id>], stretches of the cycle.", Keys: []Key{
				{Name: "name", Kind: String, Doc: "Display name (default: the id, title-cased)."},
				{Name: "from", Kind: Expr, Doc: "First day (date expression); a week here means its Monday."},
				{Name: "to", Kind: Expr, Doc: "Last day (date expression); a week here means its due day."},
				{Name: "description", Kind: String, Doc: "What happens in the phase (markdown)."},
				{Name: "allow", Kind: Codes, Doc: "Warnings acknowledged for this phase."},
			}},
			{Name: "meeting", Kind: Tables, Doc: "Meetings: [meeting.<id>], recurring events.", Keys: []Key{
				{Name: "name", Kind: String, Doc: "Display name (default: the id, title-cased)."},
				{Name: "every", Kind: String, Doc: "\"week\", \"2 weeks\", or \"weekday\" (Monday to Friday, holidays excluded)."},
				{Name: "on", Kind: Strings, Pattern: weekdayPattern, Doc: "The weekdays it meets on, e.g. [\"Monday\"]; not used with \"weekday\"."},
				{Name: "time", Kind: String, Required: true, Doc: "Local start time \"HH:MM\" in the meeting's zone."},
				{Name: "timezone", Kind: String, Doc: "IANA zone of time (default: the release's, then the handbook's)."},
				{Name: "duration", Kind: String, Doc: "Length, such as \"1h\", \"30m\" or \"1h30m\" (default \"1h\")."},
				{Name: "from", Kind: Expr, Doc: "First day of the series (default \"start\"); a week here means its Monday."},
				{Name: "until", Kind: Expr, Doc: "Last day of the series (default \"release\"); a week here means its due day."},
				{Name: "skip", Kind: Dates, Doc: "Cancelled occurrences."},
				{Name: "roles", Kind: Strings, Pattern: IDPattern, Doc: "Role ids of who attends: the meeting goes into their feeds."},
				{Name: "url", Kind: String, Doc: "Where to join: http://, https://, mailto: or relative."},
				{Name: "allow", Kind: Codes, Doc: "Warnings acknowledged for this meeting."},
			}},
			{Name: "team", Kind: StringsByID, Pattern: IDPattern, Doc: "The people holding each role in this release, by role id: release-lead = [\"Name (@handle)\"]."},
			{Name: "support", Kind: Tables, Doc: "Support phases: [support.<id>], the release's life after its release day; the id is the status.", Keys: []Key{
				{Name: "until", Kind: Expr, Doc: "The last day of the phase, included (date or date expression)."},
				{Name: "name", Kind: String, Doc: "What the pages show as the status (default: the id, capitalised)."},
				{Name: "allow", Kind: Codes, Doc: "Warnings acknowledged for this phase."},
			}},
			{Name: "patches", Kind: Table, Doc: "The rule that plans patch releases.", Keys: []Key{
				{Name: "every", Kind: String, Doc: "\"month\", \"N months\", \"week\" or \"N weeks\"."},
				{Name: "on", Kind: String, Doc: "For monthly rules an ordinal and a weekday (\"second Tuesday\"); for weekly rules a weekday."},
				{Name: "from", Kind: Expr, Doc: "The first rule date is the first on day on or after this (default: the day after the release day)."},
				{Name: "until", Kind: Expr, Doc: "The last day a patch may be planned; \"support.<id>\" is that phase's last day."},
				{Name: "name", Kind: String, Doc: "Name template with {n}, the patch's number (default \"<cycle>.{n}\")."},
				{Name: "cherry_pick", Kind: String, Doc: "The deadline before each patch, a negative offset: \"- 4d\", \"- 2bd\", \"- 1w - 1bd\"."},
				{Name: "time", Kind: String, Doc: "The time of every cherry-pick deadline (\"AoE\", \"18:00\", \"02:00 UTC\")."},
				{Name: "skip", Kind: Dates, Doc: "Rule dates that will not happen."},
				{Name: "owner", Kind: Strings, Pattern: IDPattern, Doc: "Role ids that own every patch."},
				{Name: "allow", Kind: Codes, Doc: "Warnings acknowledged for the rule."},
			}},
			{Name: "patch", Kind: Tables, Doc: "Patch releases: [patch.<id>], actual or specially planned.", Keys: []Key{
				{Name: "name", Kind: String, Doc: "The patch's name (default: the rule's name with its number)."},
				{Name: "date", Kind: Expr, Required: true, Doc: "The day of the patch release, after the release day (date or expression)."},
				{Name: "was", Kind: Slips, Doc: "Earlier planned days, oldest first.", Keys: slipKeys},
				{Name: "note", Kind: String, Doc: "Shown next to the patch."},
				{Name: "cherry_pick", Kind: ExprOrFalse, Doc: "Its own cherry-pick deadline: a date, expression, negative offset, or false for none."},
				{Name: "extra", Kind: Bool, Doc: "An out-of-band patch: it does not take the place of a planned one."},
				{Name: "prerelease", Kind: Bool, Doc: "A patch candidate (3.14.5rc1): not numbered, needs a name."},
				{Name: "owner", Kind: Strings, Pattern: IDPattern, Doc: "Role ids that own this patch (default: the rule's)."},
				{Name: "allow", Kind: Codes, Doc: "Warnings acknowledged for this patch."},
			}},
		},
	}

	Glossary = &File{
		Name:   "glossary.toml",
		Schema: "glossary.schema.json",
		Doc:    "The terms of a relbook release handbook, published at /glossary/ and linked from every page that uses them.",
		Keys: []Key{
			{Name: "term", Kind: Tables, Doc: "Terms: [term.<id>].", Keys: []Key{
				{Name: "name", Kind: String, Required: true, Doc: "How the term is written."},
				{Name: "expansion", Kind: String, Doc: "What an abbreviation stands for; shown as its tooltip."},
				{Name: "definition", Kind: String, Doc: "The definition (markdown)."},
				{Name: "aliases", Kind: Strings, Doc: "Other spellings that link to this term."},
				{Name: "see", Kind: Strings, Pattern: IDPattern, Doc: "Ids of related terms; each must exist."},
			}},
		},
	}

	// Role is the front matter of a role guide, roles/<id>.md or the
	// index.md or README.md of a guide folder.
	Role = &File{
		Name: "roles/<id>.md",
		Doc:  "Front matter of a role guide.",
		Keys: []Key{
			{Name: "title", Kind: String, Doc: "Role name (default: the id, title-cased)."},
			{Name: "summary", Kind: String, Doc: "One line about the role, shown in role lists."},
			{Name: "order", Kind: Integer, Doc: "Position in menus; ties sort by title."},
			{Name: "commitment", Kind: String, Doc: "Expected time commitment."},
			{Name: "allow", Kind: Codes, Doc: "Warnings acknowledged in the whole file."},
			{Name: "source_url", Kind: String, Pattern: "^https?://", Doc: "Where the guide also lives; its links that name nothing in the site resolve there."},
			{Name: "tasks", Kind: String, Enum: TaskModes, Doc: "Which list items are tasks: only \"- [ ]\" items (\"checkboxes\") or every item under a dated heading (\"lists\")."},
			{Name: "former_ids", Kind: Strings, Pattern: IDPattern, Doc: "Ids the role had before it was renamed: its feeds are published at their addresses too."},
		},
	}

	// Page is the front matter of a free page, pages/<slug>.md.
	Page = &File{
		Name: "pages/<slug>.md",
		Doc:  "Front matter of a page.",
		Keys: []Key{
			{Name: "title", Kind: String, Doc: "Page title (default: the slug, title-cased)."},
			{Name: "summary", Kind: String, Doc: "One line about the page."},
			{Name: "order", Kind: Integer, Doc: "Position in menus; ties sort by title."},
			{Name: "allow", Kind: Codes, Doc: "Warnings acknowledged in the whole file."},
			{Name: "source_url", Kind: String, Pattern: "^https?://", Doc: "Where the page also lives; its links that name nothing in the site resolve there."},
		},
	}

	// GuidePage is the front matter of a guide folder's other pages,
	// roles/<id>/<page>.md.
	GuidePage = &File{
		Name: "roles/<id>/<page>.md",
		Doc:  "Front matter of a page of a guide folder.",
		Keys: []Key{
			{Name: "title", Kind: String, Doc: "Page title (default: the file name, title-cased)."},
			{Name: "summary", Kind: String, Doc: "One line about the page."},
			{Name: "allow", Kind: Codes, Doc: "Warnings acknowledged in the whole file."},
			{Name: "source_url", Kind: String, Pattern: "^https?://", Doc: "Where the page also lives; its links that name nothing in the site resolve there."},
		},
	}
)

var milestoneKeys = []Key{
	{Name: "name", Kind: String, Doc: "Display name (default: the id, title-cased)."},
	{Name: "date", Kind: Date, Doc: "The milestone's day. Give exactly one of date, at and week."},
	{Name: "at", Kind: Expr, Doc: "The milestone's day as a date expression (\"code-freeze + 2w\"); a range \"a .. b\" sets end too."},
	{Name: "end", Kind: Expr, Doc: "Last day of a span, inclusive (date or date expression)."},
	{Name: "time", Kind: String, Doc: "\"AoE\", \"18:00\" (release zone) or a time with its zone: \"16:00 UTC\", \"10:00 Europe/Berlin\"."},
	{Name: "kind", Kind: String, Enum: kinds(), Doc: "Label on the timeline (default \"milestone\")."},
	{Name: "key", Kind: Bool, Doc: "A key date: in the release's key dates and the key-dates feed."},
	{Name: "week", Kind: String, Pattern: `^(week -?[0-9]+|R[-+][0-9]+)$`, Doc: "The whole week the milestone belongs to instead of a day: \"week N\", \"R-N\" or \"R+N\"."},
	{Name: "owner", Kind: Strings, Pattern: IDPattern, Doc: "Role ids of who is responsible: the Who column and those roles' feeds."},
	{Name: "who", Kind: String, Doc: "Free-text responsibility where no role fits (markdown, inline)."},
	{Name: "description", Kind: String, Doc: "What the milestone means for contributors (markdown)."},
	{Name: "url", Kind: String, Doc: "A link for more detail: http://, https://, mailto: or relative."},
	{Name: "was", Kind: Slips, Doc: "Earlier planned dates, oldest first: the slip history.", Keys: slipKeys},
	{Name: "note", Kind: String, Doc: "Why the date moved (shown with the slip history)."},
	{Name: "allow", Kind: Codes, Doc: "Warnings acknowledged for this milestone."},
}

var slipKeys = []Key{
	{Name: "date", Kind: Date, Required: true, Doc: "The date that was planned before."},
	{Name: "changed", Kind: Date, Doc: "When the decision to move it was made."},
	{Name: "note", Kind: String, Doc: "Why this move happened."},
}

// Files are every kind of file, the ones with a JSON Schema first.
var Files = []*File{Handbook, Release, Glossary, Role, Page, GuidePage}

// Schemas are the files that have a JSON Schema.
var Schemas = []*File{Handbook, Release, Glossary}

func kinds() []string {
	var out []string
	for _, k := range handbook.Kinds {
		out = append(out, string(k))
	}
	return out
}

// weekdayPattern matches what handbook.ParseWeekday reads: an English
// weekday name or its first three letters, in any case. JSON Schema
// patterns have no case-insensitive flag, so each letter is a class.
var weekdayPattern = func() string {
	var alts []string
	for w := time.Sunday; w <= time.Saturday; w++ {
		name := w.String()
		alts = append(alts, anyCase(name[:3])+"("+anyCase(name[3:])+")?")
	}
	return "^(" + strings.Join(alts, "|") + ")$"
}()

func anyCase(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString("[" + strings.ToUpper(string(r)) + strings.ToLower(string(r)) + "]")
	}
	return b.String()
}

// Lookup returns the key a path of the file names: the keys of the
// tables it passes through, the ids of Tables and StringsByID entries,
// and the indexes of Slips entries, as a reader of the loader walks them
// (["milestone", "code-freeze", "was", "0", "date"]). The second result
// is the key's name in the description ("milestone.<id>.was[].date").
func (f *File) Lookup(path []string) (*Key, string, bool) {
	keys := f.Keys
	var name []string
	var k *Key
	for i := 0; i < len(path); i++ {
		j := slices.IndexFunc(keys, func(k Key) bool { return k.Name == path[i] })
		if j < 0 {
			return nil, "", false
		}
		k = &keys[j]
		name = append(name, k.Name)
		if i == len(path)-1 {
			break
		}
		switch k.Kind {
		case Tables:
			i++ // the id
			name = append(name, "<id>")
			keys = k.Keys
		case Slips:
			i++ // the index
			name[len(name)-1] += "[]"
			keys = k.Keys
		case StringsByID:
			// The id is the last part: a list of strings.
			if i+2 != len(path) {
				return nil, "", false
			}
			return &Key{Name: "<id>", Kind: Strings, Pattern: k.Pattern, Doc: k.Doc}, strings.Join(name, ".") + ".<id>", true
		case Table:
			keys = k.Keys
		default:
			return nil, "", false
		}
	}
	if k == nil {
		return nil, "", false
	}
	return k, strings.Join(name, "."), true
}

// TableKeys returns the names of the keys the table at path may hold
// (path as for Lookup, ending at the table: nil for the top level,
// ["milestone", "code-freeze"], ["patch", "p1", "was", "0"]); false when
// path names no table of described keys.
func (f *File) TableKeys(path []string) ([]string, bool) {
	keys := f.Keys
	if len(path) > 0 {
		// The table is the last id or index under a key, or a key itself.
		parent, _, ok := f.Lookup(path[:len(path)-1])
		switch {
		case ok && (parent.Kind == Tables || parent.Kind == Slips):
			keys = parent.Keys
		default:
			k, _, ok := f.Lookup(path)
			if !ok || k.Kind != Table {
				return nil, false
			}
			keys = k.Keys
		}
	}
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.Name
	}
	return names, true
}

// Walk calls fn with every key of the file and its name in the
// description ("milestone.<id>.was[].date"), parents before their keys.
func (f *File) Walk(fn func(name string, k *Key)) {
	walk("", f.Keys, fn)
}

func walk(prefix string, keys []Key, fn func(string, *Key)) {
	for i := range keys {
		k := &keys[i]
		name := prefix + k.Name
		fn(name, k)
		switch k.Kind {
		case Tables:
			walk(name+".<id>.", k.Keys, fn)
		case Slips:
			walk(name+"[].", k.Keys, fn)
		case Table:
			walk(name+".", k.Keys, fn)
		}
	}
}

// codes are the warning codes an allow list may name.
func codes() []string {
	out := make([]string, len(diag.Codes))
	for i, c := range diag.Codes {
		out[i] = string(c)
	}
	return out
}
