package load

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/schema"
)

// Field is one value read from a file, with where it was written. Set is
// false when the key was absent (V is then the zero value).
type Field[T any] struct {
	V   T
	Pos diag.Pos
	Set bool
	// Bad is true when the key was written with a value of the wrong
	// kind (the problem is reported): later stages must not also call
	// the key missing.
	Bad bool

	// raw is the file's text from where the value is written (Pos) to
	// its end, for TextPos; "" when unknown.
	raw string
}

// tomlFile is a decoded TOML document and what is needed to report problems
// in it.
type tomlFile struct {
	path  string
	src   string
	pos   keyPositions
	diags *diag.List
	// lineOffset is the number of lines before the TOML text in its file
	// (front matter starts after its "+++" line).
	lineOffset int
	// schema describes the keys the file may hold: a key it lacks is
	// unknown, even if a reader asks for it.
	schema *schema.File
	// unknown are the keys the description lacks, gathered table by table
	// and reported when the root table is done.
	unknown []unknownKey
}

// unknownKey is a key the description of the file lacks, in the table t.
type unknownKey struct {
	t   *table
	key string
	pos diag.Pos
}

// keyPos returns where a key was written, falling back to its table, then
// to the file.
func (f *tomlFile) keyPos(path []string) diag.Pos {
	for n := len(path); n > 0; n-- {
		if line, col, ok := f.pos.key(path[:n]); ok {
			return diag.Pos{Path: f.path, Line: line + f.lineOffset, Col: col}
		}
	}
	return diag.Pos{Path: f.path, Line: 1 + f.lineOffset, Col: 1}
}

// valuePos returns where a key's value begins.
func (f *tomlFile) valuePos(path []string) diag.Pos {
	pos, _ := f.value(path)
	return pos
}

// value returns where a key's value begins, and the text from there to
// the end of the document ("" when the value was not found).
func (f *tomlFile) value(path []string) (diag.Pos, string) {
	if line, col, off, ok := f.pos.value(path); ok {
		return diag.Pos{Path: f.path, Line: line + f.lineOffset, Col: col}, f.src[off:]
	}
	return f.keyPos(path), ""
}

// table reads the keys of one TOML table into typed values, reporting wrong
// types where they were written, and at the end every key that the
// description of the file (package schema) does not give the table.
type table struct {
	f    *tomlFile
	path []string
	m    map[string]any
}

func (f *tomlFile) root(m map[string]any) *table { return &table{f: f, m: m} }

func (t *table) sub(key string, m map[string]any) *table {
	return &table{f: t.f, path: t.childPath(key), m: m}
}

func (t *table) childPath(key string) []string {
	return append(slices.Clone(t.path), key)
}

// name writes the table as its header reads: [milestone.code-freeze].
func (t *table) name() string {
	if len(t.path) == 0 {
		return "the top level"
	}
	return "[" + strings.Join(t.path, ".") + "]"
}

// observe, when set, is told of every key a reader asks for, and as what
// kind of value: the test that holds the readers to package schema's
// description sets it. Files are read at the same time, so it must be
// safe to call from several goroutines.
var observe func(f *schema.File, table []string, key string, kind schema.Kind)

// get returns a key's value, which a reader reads as a value of kind.
func (t *table) get(key string, kind schema.Kind) (any, bool) {
	if observe != nil {
		observe(t.f.schema, t.path, key, kind)
	}
	v, ok := t.m[key]
	return v, ok
}

func (t *table) errorf(key string, format string, args ...any) {
	t.f.diags.Errorf(t.f.valuePos(t.childPath(key)), format, args...)
}

func (t *table) str(key string) Field[string] {
	v, ok := t.get(key, schema.String)
	if !ok {
		return Field[string]{}
	}
	s, isStr := v.(string)
	if !isStr {
		t.errorf(key, "%s must be a string, not %s", key, describe(v))
		return Field[string]{Pos: t.f.valuePos(t.childPath(key)), Bad: true}
	}
	pos, raw := t.f.value(t.childPath(key))
	return Field[string]{V: s, Pos: pos, Set: true, raw: raw}
}

func (t *table) boolean(key string) Field[bool] {
	v, ok := t.get(key, schema.Bool)
	if !ok {
		return Field[bool]{}
	}
	b, isBool := v.(bool)
	if !isBool {
		t.errorf(key, "%s must be true or false, not %s", key, describe(v))
		return Field[bool]{Pos: t.f.valuePos(t.childPath(key)), Bad: true}
	}
	return Field[bool]{V: b, Pos: t.f.valuePos(t.childPath(key)), Set: true}
}

func (t *table) integer(key string) Field[int] {
	v, ok := t.get(key, schema.Integer)
	if !ok {
		return Field[int]{}
	}
	n, isInt := v.(int64)
	if !isInt || n < -1e9 || n > 1e9 {
		t.errorf(key, "%s must be a whole number, not %s", key, describe(v))
		return Field[int]{Pos: t.f.valuePos(t.childPath(key)), Bad: true}
	}
	return Field[int]{V: int(n), Pos: t.f.valuePos(t.childPath(key)), Set: true}
}

// date reads a date: a TOML local date or a "YYYY-MM-DD" string.
func (t *table) date(key string) Field[handbook.Date] {
	v, ok := t.get(key, schema.Date)
	if !ok {
		return Field[handbook.Date]{}
	}
	return t.dateValue(t.childPath(key), key, v)
}

func (t *table) dateValue(path []string, key string, v any) Field[handbook.Date] {
	pos := t.f.valuePos(path)
	d, err := toDate(v)
	if err != nil {
		t.f.diags.Errorf(pos, "%s: %v", key, err)
		return Field[handbook.Date]{Pos: pos, Bad: true}
	}
	return Field[handbook.Date]{V: d, Pos: pos, Set: true}
}

func toDate(v any) (handbook.Date, error) {
	switch v := v.(type) {
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			d := handbook.DateFromTime(v)
			if !d.InRange() {
				return 0, fmt.Errorf("%s is outside the years %d–%d", d, handbook.MinYear, handbook.MaxYear)
			}
			return d, nil
		case "datetime-local":
			return 0, fmt.Errorf("expected a date (YYYY-MM-DD), found a date and time; put the time in `time`")
		}
		return 0, fmt.Errorf("expected a date (YYYY-MM-DD), found a date-time with an offset; relbook keeps dates as plain days")
	case string:
		return handbook.ParseDate(v)
	}
	return 0, fmt.Errorf("expected a date (YYYY-MM-DD), found %s", describe(v))
}

// expr reads a date expression: a string, or a TOML date standing for
// itself.
func (t *table) expr(key string) Field[string] {
	v, ok := t.get(key, schema.Expr)
	if !ok {
		return Field[string]{}
	}
	return t.exprValue(key, v)
}

// exprValue reads the value v of key as a date expression.
func (t *table) exprValue(key string, v any) Field[string] {
	pos := t.f.valuePos(t.childPath(key))
	switch v := v.(type) {
	case string:
		return Field[string]{V: v, Pos: pos, Set: true}
	case time.Time:
		d, err := toDate(v)
		if err != nil {
			t.f.diags.Errorf(pos, "%s: %v", key, err)
			return Field[string]{Pos: pos, Bad: true}
		}
		// Point one column before the value: columns inside an expression
		// count from after its opening quote, and a TOML date has none.
		return Field[string]{V: d.String(), Pos: pos.Shift(-1), Set: true}
	}
	t.errorf(key, "%s must be a date expression in quotes, not %s", key, describe(v))
	return Field[string]{Pos: pos, Bad: true}
}

// datetime reads an instant: an offset date-time, or a local date meaning
// midnight UTC.
func (t *table) datetime(key string) Field[time.Time] {
	v, ok := t.get(key, schema.DateTime)
	if !ok {
		return Field[time.Time]{}
	}
	pos := t.f.valuePos(t.childPath(key))
	tm, isTime := v.(time.Time)
	if !isTime || tm.Location().String() == "time-local" || tm.Location().String() == "datetime-local" {
		t.errorf(key, "%s must be a date-time with an offset (2026-11-20T09:00:00Z), not %s", key, describe(v))
		return Field[time.Time]{Pos: pos, Bad: true}
	}
	if tm.Location().String() == "date-local" {
		tm = time.Date(tm.Year(), tm.Month(), tm.Day(), 0, 0, 0, 0, time.UTC)
	}
	// In UTC, as the feeds write it: 9999-12-31T23:00:00-05:00 is in the
	// year 10000, which no feed can hold.
	if y := tm.UTC().Year(); y < handbook.MinYear || y > handbook.MaxYear {
		t.f.diags.Errorf(pos, "%s: %s is outside the years %d–%d (in UTC)", key, tm.Format(time.RFC3339), handbook.MinYear, handbook.MaxYear)
		return Field[time.Time]{Pos: pos, Bad: true}
	}
	return Field[time.Time]{V: tm.UTC(), Pos: pos, Set: true}
}

// array returns a key's array, or reports a scalar where an array belongs.
func (t *table) array(key string, kind schema.Kind) ([]any, bool) {
	v, ok := t.get(key, kind)
	if !ok {
		return nil, false
	}
	switch a := v.(type) {
	case []any:
		return a, true
	case []map[string]any:
		out := make([]any, len(a))
		for i, m := range a {
			out[i] = m
		}
		return out, true
	}
	t.errorf(key, "%s must be a list in brackets, not %s", key, describe(v))
	return nil, false
}

func (t *table) strs(key string) []Field[string] { return t.strsOf(key, schema.Strings) }

// strsOf reads a list of strings that the description calls kind.
func (t *table) strsOf(key string, kind schema.Kind) []Field[string] {
	a, _ := t.array(key, kind)
	var out []Field[string]
	for i, v := range a {
		path := t.childPath(key)
		path = append(path, strconv.Itoa(i))
		s, ok := v.(string)
		if !ok {
			t.f.diags.Errorf(t.f.valuePos(path), "%s: each entry must be a string, not %s", key, describe(v))
			continue
		}
		out = append(out, Field[string]{V: s, Pos: t.f.valuePos(path), Set: true})
	}
	return out
}

// allow reads the table's allow list: the codes of the warnings it
// acknowledges. An unknown code is an error, with a "did you mean".
func (t *table) allow() []diag.Code {
	var codes []diag.Code
	for _, f := range t.strsOf("allow", schema.Codes) {
		if msg := diag.CheckCode(f.V); msg != "" {
			t.f.diags.Errorf(f.Pos, "%s", msg)
			continue
		}
		codes = append(codes, diag.Code(f.V))
	}
	return codes
}

func (t *table) dates(key string) []Field[handbook.Date] {
	a, _ := t.array(key, schema.Dates)
	var out []Field[handbook.Date]
	for i, v := range a {
		if d := t.dateValue(append(t.childPath(key), strconv.Itoa(i)), key, v); d.Set {
			out = append(out, d)
		}
	}
	return out
}

// subtables returns the tables under key (the milestones under
// "milestone", say), in the order they were written.
func (t *table) subtables(key string) []*table {
	v, ok := t.get(key, schema.Tables)
	if !ok {
		return nil
	}
	m, isTable := v.(map[string]any)
	if !isTable {
		t.errorf(key, "%s must be a table such as [%s.<id>], not %s", key, key, describe(v))
		return nil
	}
	parent := t.sub(key, m)
	var subs []*table
	for id, v := range m {
		child, isTable := v.(map[string]any)
		if !isTable {
			t.f.diags.Errorf(t.f.keyPos(parent.childPath(id)), "%s.%s must be a table: write [%s.%s]", key, id, key, id)
			continue
		}
		subs = append(subs, parent.sub(id, child))
	}
	slices.SortFunc(subs, func(a, b *table) int { return comparePos(a.pos(), b.pos()) })
	return subs
}

// id is the last part of a table's path: the milestone id of
// [milestone.code-freeze].
func (t *table) id() string { return t.path[len(t.path)-1] }

// pos is where the table's header (or its first key) was written.
func (t *table) pos() diag.Pos { return t.f.keyPos(t.path) }

func comparePos(a, b diag.Pos) int {
	if a.Line != b.Line {
		return a.Line - b.Line
	}
	return a.Col - b.Col
}

// done notes every key of the table that the description of the file
// does not give it. The root table is done last, after the tables under
// it: its done reports the unknown keys of the whole file.
func (t *table) done() {
	known := t.known()
	for k := range t.m {
		if !slices.Contains(known, k) {
			t.f.unknown = append(t.f.unknown, unknownKey{t: t, key: k, pos: t.f.keyPos(t.childPath(k))})
		}
	}
	if len(t.path) == 0 {
		t.f.reportUnknown()
	}
}

// reportUnknown reports the unknown keys of the file, with a "did you
// mean" for each. Only the first diag.MaxPerFile, by position, are
// worded, the others counted: a List would show no more of one file,
// and wording them all is most of the time a file of a million unknown
// keys takes (a quarter of a million: 1.6 s of 3.2 s).
func (f *tomlFile) reportUnknown() {
	slices.SortFunc(f.unknown, func(a, b unknownKey) int {
		return cmp.Or(comparePos(a.pos, b.pos), cmp.Compare(a.key, b.key))
	})
	shown := f.unknown[:min(len(f.unknown), diag.MaxPerFile)]
	for _, u := range shown {
		msg := fmt.Sprintf("unknown key %q in %s", u.key, u.t.name())
		if s := diag.Closest(u.key, u.t.known()); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		f.diags.Errorf(u.pos, "%s", msg)
	}
	f.diags.Omit(f.path, diag.Count{Errors: len(f.unknown) - len(shown)})
	f.unknown = nil
}

// known are the keys the table may hold, by the description of its file.
func (t *table) known() []string {
	keys, _ := t.f.schema.TableKeys(t.path)
	return keys
}

// describe names a TOML value's type for messages.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return "a string"
	case int64:
		return "a number"
	case float64:
		return "a number"
	case bool:
		return "true/false"
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			return "a date"
		case "time-local":
			return "a time"
		}
		return "a date-time"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}
