package schema_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/relbook/relbook/generator/schema"
)

// compile compiles the file's JSON Schema with a real validator, format
// assertions on (as taplo checks "format": "date").
func compile(t *testing.T, f *schema.File) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(f.JSONSchema()))
	if err != nil {
		t.Fatalf("%s: the schema is not JSON: %v", f.Schema, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(f.Schema, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(f.Schema)
	if err != nil {
		t.Fatalf("%s does not compile: %v", f.Schema, err)
	}
	return s
}

// asJSON decodes TOML as taplo hands it to a JSON Schema validator: dates
// and times as strings, in their RFC 3339 forms.
func asJSON(t *testing.T, text string) any {
	t.Helper()
	var m map[string]any
	if _, err := toml.Decode(text, &m); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(plain(m))
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func plain(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range v {
			out[k] = plain(e)
		}
		return out
	case []map[string]any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = plain(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = plain(e)
		}
		return out
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			return v.Format(time.DateOnly)
		case "datetime-local":
			return v.Format("2006-01-02T15:04:05")
		case "time-local":
			return v.Format(time.TimeOnly)
		}
		return v.Format(time.RFC3339)
	}
	return v
}

// TestHandbooksValidate: the TOML files of every handbook that relbook
// reads without an error pass the JSON Schemas, so an editor shows no
// false alarm on them.
func TestHandbooksValidate(t *testing.T) {
	var dirs []string
	for _, p := range []string{"../../content", "../site/testdata/sites/*/site", "../site/testdata/real/*", "../site/testdata/real-patches/*"} {
		m, _ := filepath.Glob(p)
		dirs = append(dirs, m...)
	}
	checked := 0
	for _, dir := range dirs {
		for _, f := range schema.Schemas {
			pattern := filepath.Join(dir, strings.ReplaceAll(f.Name, "<id>", "*"))
			files, _ := filepath.Glob(pattern)
			s := compile(t, f)
			for _, name := range files {
				text, err := os.ReadFile(name)
				if err != nil {
					t.Fatal(err)
				}
				if err := s.Validate(asJSON(t, string(text))); err != nil {
					t.Errorf("%s: %v", name, err)
				}
				checked++
			}
		}
	}
	if checked < 15 {
		t.Errorf("checked only %d files", checked)
	}
}

// TestSchemaRejects: what relbook rejects, the schema rejects too.
func TestSchemaRejects(t *testing.T) {
	const top = "name = \"v1\"\nstart = 2026-10-05\n"
	const release = "[milestone.release]\ndate = 2026-12-02\n"
	if err := compile(t, schema.Release).Validate(asJSON(t, top+release)); err != nil {
		t.Fatalf("a small valid release fails: %v", err)
	}
	for _, tc := range []struct {
		file *schema.File
		text string
		want string // in the error
	}{
		{schema.Release, top + "kindd = \"freeze\"\n" + release, "kindd"},
		{schema.Release, top + release + "kind = \"frozen\"\n", "/milestone/release/kind"},
		{schema.Release, top + release + "[milestone.rc]\ndate = 2026-12-02\nkind = \"frozen\"\n", "/milestone/rc/kind"},
		{schema.Release, "name = \"v1\"\nstart = \"next monday\"\n" + release, "/start"},
		{schema.Release, "name = \"v1\"\n" + release, "start"},
		{schema.Release, top + release + "[milestone.Code_Freeze]\ndate = 2026-11-02\n", "Code_Freeze"},
		{schema.Release, top + "allow = [\"weekends\"]\n" + release, "/allow/0"},
		{schema.Release, top + "due_weekday = \"Fryday\"\n" + release, "/due_weekday"},
		{schema.Release, top + release + "[team]\nlead = \"Ann\"\n", "/team/lead"},
		{schema.Release, top + release + "[patch.p1]\ndate = 2027-01-05\ncherry_pick = true\n", "/patch/p1/cherry_pick"},
		{schema.Handbook, "title = \"T\"\nbase_url = \"example.org\"\n", "/base_url"},
		{schema.Handbook, "title = \"T\"\n[check]\nalow = []\n", "alow"},
		{schema.Glossary, "[term.x]\ndefinition = \"no name\"\n", "name"},
	} {
		err := compile(t, tc.file).Validate(asJSON(t, tc.text))
		if err == nil {
			t.Errorf("%s passes the schema:\n%s", tc.file.Name, tc.text)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("the error does not name %q:\n%v", tc.want, err)
		}
	}
}

// TestSchemaAccepts: what relbook reads, the schema passes, in each of
// the forms relbook takes.
func TestSchemaAccepts(t *testing.T) {
	for _, tc := range []struct {
		file *schema.File
		text string
	}{
		{schema.Release, `name = "v1"
start = "2026-10-05"
due_weekday = "thu"
holidays = [2026-12-25, "2026-12-26"]
[milestone.release]
at = "start + 8w"
time = "AoE"
was = [2026-11-20, { date = "2026-11-21", changed = 2026-11-01, note = "why" }]
[milestone.w]
week = "R-2"
[meeting.sync]
every = "week"
on = ["Monday", "WED"]
time = "10:00"
[team]
release-lead = ["Ada (@ada)"]
[support.bugfix]
until = "release + 1y"
[patches]
every = "month"
on = "second Tuesday"
[patch.p1]
date = 2027-01-12
cherry_pick = false
[patch.p2]
date = 2027-01-19
cherry_pick = "- 2bd"
`},
		{schema.Handbook, "title = \"T\"\nupdated = 2026-11-20T09:00:00Z\nholidays = []\n[check]\nallow = [\"weekend\"]\n"},
		{schema.Handbook, "updated = 2026-11-20\n"},
	} {
		if err := compile(t, tc.file).Validate(asJSON(t, tc.text)); err != nil {
			t.Errorf("%s fails the schema: %v\n%s", tc.file.Name, err, tc.text)
		}
	}
}

// TestSchemasWritten: the schemas the example handbook keeps in its
// schemas/ folder are those relbook makes. Refresh them with
// `relbook schema --write --source content`.
func TestSchemasWritten(t *testing.T) {
	for _, f := range schema.Schemas {
		got, err := os.ReadFile(filepath.Join("../../content", schema.Dir, f.Schema))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, f.JSONSchema()) {
			t.Errorf("content/%s/%s is out of date: run relbook schema --write --source content", schema.Dir, f.Schema)
		}
	}
}

// TestDirective: the #:schema line is relative to the file it is in.
func TestDirective(t *testing.T) {
	for _, tc := range []struct {
		f         *schema.File
		rel, want string
	}{
		{schema.Handbook, "handbook.toml", "#:schema ./schemas/handbook.schema.json"},
		{schema.Release, "releases/v1.0.toml", "#:schema ../schemas/release.schema.json"},
		{schema.Glossary, "glossary.toml", "#:schema ./schemas/glossary.schema.json"},
	} {
		if got := tc.f.Directive(tc.rel); got != tc.want {
			t.Errorf("Directive(%q) = %q, want %q", tc.rel, got, tc.want)
		}
	}
}
