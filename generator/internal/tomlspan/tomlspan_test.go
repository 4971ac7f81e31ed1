package tomlspan

import (
	"fmt"
	"io/fs"
	"math"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/relbook/relbook/content"
)

const doc = "\ufeff# a release\r\n" +
	`name = "Lighthouse v3.4"   # trailing comment
"quoted \"key\"" = 'lit'
start = 2026-10-05
at = 2026-10-05 10:00:00
zoned = 2026-10-05T10:00:00Z
milestone.rc1 . date = 2026-11-02
long = """
two "" quotes"""""
holidays = [
  2026-11-26, # thanksgiving
  [1, { x = 2 }],
]

[milestone.code-freeze]
slips = { date = 2026-11-12, note = "m", was = [{ date = 2026-11-05 }] }

[[milestone.code-freeze.was]]
date = 2026-11-01

[[milestone.code-freeze.was]]
date = 2026-11-03
[milestone.code-freeze.was.why]
text = 'x'
`

// The spans of a document with every kind of value, each as its text.
func TestScan(t *testing.T) {
	d := Scan(doc)
	var got []string
	for _, h := range d.Headers {
		got = append(got, fmt.Sprintf("header %s %q %v: %s", strings.Join(h.Path, "/"), h.Keys, h.Array, doc[h.Start:h.End]))
	}
	for _, p := range d.Pairs {
		got = append(got, fmt.Sprintf("pair %s %q %d brace=%v: %s = %s", strings.Join(p.Path, "/"), p.Keys, p.Parts, p.Brace >= 0, doc[p.Key.Start:p.Key.End], doc[p.Value.Start:p.Value.End]))
	}
	for i, v := range d.Values {
		got = append(got, fmt.Sprintf("value %s %q %d: %s", strings.Join(d.ValuePath(i), "/"), v.Keys, v.Kind, doc[v.Start:v.End]))
	}
	want := []string{
		`header milestone/code-freeze ["milestone" "code-freeze"] false: [milestone.code-freeze]`,
		`header milestone/code-freeze/was/0 ["milestone" "code-freeze" "was"] true: [[milestone.code-freeze.was]]`,
		`header milestone/code-freeze/was/1 ["milestone" "code-freeze" "was"] true: [[milestone.code-freeze.was]]`,
		`header milestone/code-freeze/was/1/why ["milestone" "code-freeze" "was" "why"] false: [milestone.code-freeze.was.why]`,
		`pair name ["name"] 1 brace=false: name = "Lighthouse v3.4"`,
		`pair quoted "key" ["quoted \"key\""] 1 brace=false: "quoted \"key\"" = 'lit'`,
		`pair start ["start"] 1 brace=false: start = 2026-10-05`,
		`pair at ["at"] 1 brace=false: at = 2026-10-05 10:00:00`,
		`pair zoned ["zoned"] 1 brace=false: zoned = 2026-10-05T10:00:00Z`,
		`pair milestone/rc1/date ["milestone" "rc1" "date"] 3 brace=false: milestone.rc1 . date = 2026-11-02`,
		"pair long [\"long\"] 1 brace=false: long = \"\"\"\ntwo \"\" quotes\"\"\"\"\"",
		`pair holidays/1/1/x ["holidays" "x"] 1 brace=true: x = 2`,
		"pair holidays [\"holidays\"] 1 brace=false: holidays = [\n  2026-11-26, # thanksgiving\n  [1, { x = 2 }],\n]",
		`pair milestone/code-freeze/slips/date ["milestone" "code-freeze" "slips" "date"] 1 brace=true: date = 2026-11-12`,
		`pair milestone/code-freeze/slips/note ["milestone" "code-freeze" "slips" "note"] 1 brace=true: note = "m"`,
		`pair milestone/code-freeze/slips/was/0/date ["milestone" "code-freeze" "slips" "was" "date"] 1 brace=true: date = 2026-11-05`,
		`pair milestone/code-freeze/slips/was ["milestone" "code-freeze" "slips" "was"] 1 brace=true: was = [{ date = 2026-11-05 }]`,
		`pair milestone/code-freeze/slips ["milestone" "code-freeze" "slips"] 1 brace=false: slips = { date = 2026-11-12, note = "m", was = [{ date = 2026-11-05 }] }`,
		`pair milestone/code-freeze/was/0/date ["milestone" "code-freeze" "was" "date"] 1 brace=false: date = 2026-11-01`,
		`pair milestone/code-freeze/was/1/date ["milestone" "code-freeze" "was" "date"] 1 brace=false: date = 2026-11-03`,
		`pair milestone/code-freeze/was/1/why/text ["milestone" "code-freeze" "was" "why" "text"] 1 brace=false: text = 'x'`,
		`value name ["name"] 1: "Lighthouse v3.4"`,
		`value quoted "key" ["quoted \"key\""] 1: 'lit'`,
		`value start ["start"] 2: 2026-10-05`,
		`value at ["at"] 3: 2026-10-05 10:00:00`,
		`value zoned ["zoned"] 3: 2026-10-05T10:00:00Z`,
		`value milestone/rc1/date ["milestone" "rc1" "date"] 2: 2026-11-02`,
		"value long [\"long\"] 1: \"\"\"\ntwo \"\" quotes\"\"\"\"\"",
		"value holidays [\"holidays\"] 4: [\n  2026-11-26, # thanksgiving\n  [1, { x = 2 }],\n]",
		`value holidays/0 ["holidays"] 2: 2026-11-26`,
		`value holidays/1 ["holidays"] 4: [1, { x = 2 }]`,
		`value holidays/1/0 ["holidays"] 0: 1`,
		`value holidays/1/1 ["holidays"] 5: { x = 2 }`,
		`value holidays/1/1/x ["holidays" "x"] 0: 2`,
		`value milestone/code-freeze/slips ["milestone" "code-freeze" "slips"] 5: { date = 2026-11-12, note = "m", was = [{ date = 2026-11-05 }] }`,
		`value milestone/code-freeze/slips/date ["milestone" "code-freeze" "slips" "date"] 2: 2026-11-12`,
		`value milestone/code-freeze/slips/note ["milestone" "code-freeze" "slips" "note"] 1: "m"`,
		`value milestone/code-freeze/slips/was ["milestone" "code-freeze" "slips" "was"] 4: [{ date = 2026-11-05 }]`,
		`value milestone/code-freeze/slips/was/0 ["milestone" "code-freeze" "slips" "was"] 5: { date = 2026-11-05 }`,
		`value milestone/code-freeze/slips/was/0/date ["milestone" "code-freeze" "slips" "was" "date"] 2: 2026-11-05`,
		`value milestone/code-freeze/was/0/date ["milestone" "code-freeze" "was" "date"] 2: 2026-11-01`,
		`value milestone/code-freeze/was/1/date ["milestone" "code-freeze" "was" "date"] 2: 2026-11-03`,
		`value milestone/code-freeze/was/1/why/text ["milestone" "code-freeze" "was" "why" "text"] 1: 'x'`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	checkDoc(t, doc)
}

// The pairs of one inline table share its brace; those of another do not.
func TestScanBraces(t *testing.T) {
	src := "a = { x = 1, y = 2 }\nb = { x = 3 }\n"
	d := Scan(src)
	brace := map[string]int{}
	for _, p := range d.Pairs {
		brace[strings.Join(p.Path, ".")] = p.Brace
	}
	want := map[string]int{"a.x": 4, "a.y": 4, "a": -1, "b.x": 25, "b": -1}
	if !reflect.DeepEqual(brace, want) {
		t.Errorf("braces %v, want %v", brace, want)
	}
}

func TestPos(t *testing.T) {
	d := Scan("a = 1\r\n\nbc = 2")
	for _, c := range []struct{ off, line, col int }{{0, 1, 1}, {4, 1, 5}, {6, 1, 7}, {7, 2, 1}, {8, 3, 1}, {13, 3, 6}, {14, 3, 7}} {
		if line, col := d.Pos(c.off); line != c.line || col != c.col {
			t.Errorf("Pos(%d) = %d:%d, want %d:%d", c.off, line, col, c.line, c.col)
		}
	}
}

// Scan returns on text that is not TOML, and its spans stay inside it.
func TestScanNotTOML(t *testing.T) {
	for _, src := range []string{"", "[", "[[a", "a", "a =", `a = "x`, "a = '''x", `a = """x\`, "a = [1, {", "a = { b = [", "= = =", "]]]", "\"", "a.", `"\`, "\ufeff"} {
		checkSpans(t, src, Scan(src))
	}
}

// FuzzScan: Scan never panics and keeps its spans inside the text; on a
// document BurntSushi decodes, every span is exactly the text of what it
// names (checkDoc).
func FuzzScan(f *testing.F) {
	f.Add(doc)
	files, _ := fs.Glob(content.FS, "releases/*.toml")
	files = append(files, "handbook.toml", "glossary.toml")
	for _, name := range files {
		data, _ := fs.ReadFile(content.FS, name)
		f.Add(string(data))
	}
	f.Add("a = { b.c = 1, 'd' = [{}, []] }\n[[x]]\n[[x.y]]\nz = 1\n[[x]]\n[x.y]\n")
	f.Add("\"\\u00e9\\n\" = \"\"\"a\\\n  b\"\"\"\nt = 07:32:00\nf = -inf\n")
	f.Fuzz(func(t *testing.T, src string) {
		d := Scan(src)
		checkSpans(t, src, d)
		var m map[string]any
		if _, err := toml.Decode(src, &m); err == nil {
			checkDoc(t, src)
		}
	})
}

// checkSpans: every span is a range of src, and Pos agrees with counting.
func checkSpans(t *testing.T, src string, d *Doc) {
	t.Helper()
	var spans []Span
	for _, h := range d.Headers {
		spans = append(spans, h.Span)
	}
	for _, p := range d.Pairs {
		spans = append(spans, p.Key, p.Value)
	}
	for _, v := range d.Values {
		spans = append(spans, v.Span)
	}
	for i, v := range d.Values {
		// An element points back at its array, so nested arrays cost no
		// more than their values.
		if v.In >= i || v.In >= 0 && (v.Path != nil || d.Values[v.In].Kind != Array) {
			t.Fatalf("value %d: In %d, Path %q", i, v.In, v.Path)
		}
	}
	for _, s := range spans {
		if s.Start < 0 || s.Start > s.End || s.End > len(src) {
			t.Fatalf("span %v outside the text (%d bytes)", s, len(src))
		}
		line, col := d.Pos(s.Start)
		before := src[:s.Start]
		if wantLine, wantCol := strings.Count(before, "\n")+1, s.Start-strings.LastIndexByte(before, "\n"[0]); line != wantLine || col != wantCol {
			t.Fatalf("Pos(%d) = %d:%d, want %d:%d", s.Start, line, col, wantLine, wantCol)
		}
	}
}

// checkDoc checks Scan against BurntSushi's decoding of src, which must
// be TOML:
//   - each value's text, decoded on its own, is the value at its Path (an
//     inline table may have gained keys: BurntSushi lets a header add to
//     one, which TOML forbids);
//   - each value's Keys are its Path without the indexes of arrays;
//   - each pair's value span is that of the value at its Path, and its key
//     text, decoded as a key, names the last Parts of its Keys;
//   - each header's text, decoded, makes the tables of its Keys, and its
//     Path leads to a table;
//   - every string, number, boolean and date of the document has a value.
func checkDoc(t *testing.T, src string) {
	t.Helper()
	var m map[string]any
	if _, err := toml.Decode(src, &m); err != nil {
		t.Fatalf("not TOML: %v", err)
	}
	d := Scan(src)
	values := map[string]Value{}
	for i, v := range d.Values {
		path := d.ValuePath(i)
		text := src[v.Start:v.End]
		got, keys, ok := walk(m, path)
		if !ok {
			t.Fatalf("value %s at %q: no such path", text, path)
		}
		if !slices.Equal(keys, v.Keys) {
			t.Errorf("value %s at %q: keys %q, want %q", text, path, v.Keys, keys)
		}
		var alone map[string]any
		if _, err := toml.Decode("x = "+text, &alone); err != nil {
			t.Fatalf("value %q at %q does not decode on its own: %v", text, path, err)
		}
		if !within(alone["x"], got) {
			t.Errorf("value %q at %q decodes to %s, want %s", text, path, canon(alone["x"]), canon(got))
		}
		values[strings.Join(path, "\x00")] = v
	}
	for _, p := range d.Pairs {
		if v, ok := values[strings.Join(p.Path, "\x00")]; !ok || v.Span != p.Value {
			t.Errorf("pair %q: value span %v, want that of its value %v", p.Path, p.Value, v.Span)
		}
		if _, keys, ok := walk(m, p.Path); !ok || !slices.Equal(keys, p.Keys) {
			t.Errorf("pair %q: keys %q, want %q", p.Path, p.Keys, keys)
		}
		var alone map[string]any
		if _, err := toml.Decode(src[p.Key.Start:p.Key.End]+" = 1", &alone); err != nil {
			t.Fatalf("key %q of %q does not decode on its own: %v", src[p.Key.Start:p.Key.End], p.Path, err)
		}
		if p.Parts < 1 || p.Parts > len(p.Keys) {
			t.Fatalf("pair %q: %d parts", p.Path, p.Parts)
		}
		if got, _, _ := walk(alone, p.Keys[len(p.Keys)-p.Parts:]); got != int64(1) {
			t.Errorf("key %q does not name %q", src[p.Key.Start:p.Key.End], p.Keys[len(p.Keys)-p.Parts:])
		}
	}
	for _, h := range d.Headers {
		text := src[h.Start:h.End]
		if got, keys, ok := walk(m, h.Path); !ok || !slices.Equal(keys, h.Keys) {
			t.Errorf("header %s: path %q leads to %T, keys %q want %q", text, h.Path, got, h.Keys, keys)
		} else if _, table := got.(map[string]any); !table {
			t.Errorf("header %s: path %q leads to %T, not a table", text, h.Path, got)
		}
		var alone map[string]any
		if _, err := toml.Decode(text, &alone); err != nil {
			t.Fatalf("header %q does not decode on its own: %v", text, err)
		}
		path := h.Keys
		if h.Array {
			path = append(slices.Clone(h.Keys), "0")
		}
		if _, _, ok := walk(alone, path); !ok {
			t.Errorf("header %q does not make %q", text, path)
		}
	}
	for _, path := range leaves(m, nil) {
		if _, ok := values[strings.Join(path, "\x00")]; !ok {
			t.Errorf("the value at %q has no span", path)
		}
	}
}

// within reports whether the decoded value a is b, but for keys that b's
// tables may have besides a's.
func within(a, b any) bool {
	am, ok := a.(map[string]any)
	bm, ok2 := b.(map[string]any)
	if !ok || !ok2 {
		return canon(a) == canon(b)
	}
	for k, v := range am {
		if w, ok := bm[k]; !ok || !within(v, w) {
			return false
		}
	}
	return true
}

// walk follows path in a decoded document, and returns what it leads to
// and the path's keys, without the indexes.
func walk(v any, path []string) (any, []string, bool) {
	keys := []string{}
	for _, part := range path {
		rv := reflect.ValueOf(v)
		switch rv.Kind() {
		case reflect.Map:
			e := rv.MapIndex(reflect.ValueOf(part))
			if !e.IsValid() {
				return nil, nil, false
			}
			v, keys = e.Interface(), append(keys, part)
		case reflect.Slice:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= rv.Len() || strconv.Itoa(i) != part {
				return nil, nil, false
			}
			v = rv.Index(i).Interface()
		default:
			return nil, nil, false
		}
	}
	return v, keys, true
}

// leaves lists the paths of every value that is neither a table nor an
// array.
func leaves(v any, path []string) [][]string {
	rv := reflect.ValueOf(v)
	var out [][]string
	switch rv.Kind() {
	case reflect.Map:
		for _, k := range rv.MapKeys() {
			out = append(out, leaves(rv.MapIndex(k).Interface(), append(slices.Clone(path), k.String()))...)
		}
	case reflect.Slice:
		for i := range rv.Len() {
			out = append(out, leaves(rv.Index(i).Interface(), append(slices.Clone(path), strconv.Itoa(i)))...)
		}
	default:
		out = append(out, path)
	}
	return out
}

// canon writes a decoded value so that two are equal when their texts
// are: NaN equals NaN, a time carries its zone.
func canon(v any) string {
	rv := reflect.ValueOf(v)
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case float64:
		if math.IsNaN(x) {
			return "NaN"
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	case time.Time:
		return x.Format(time.RFC3339Nano) + " " + x.Location().String()
	}
	switch rv.Kind() {
	case reflect.Map:
		var parts []string
		for _, k := range rv.MapKeys() {
			parts = append(parts, strconv.Quote(k.String())+": "+canon(rv.MapIndex(k).Interface()))
		}
		sort.Strings(parts)
		return "{" + strings.Join(parts, ", ") + "}"
	case reflect.Slice:
		var parts []string
		for i := range rv.Len() {
			parts = append(parts, canon(rv.Index(i).Interface()))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprintf("%T %v", v, v)
}

func TestTooDeep(t *testing.T) {
	deep := func(open, close string, n int) string {
		return "a = " + strings.Repeat(open, n) + strings.Repeat(close, n) + "\n"
	}
	for _, c := range []struct {
		src  string
		want int
	}{
		{deep("[", "]", MaxDepth), -1},
		{deep("[", "]", MaxDepth+1), 4 + MaxDepth},
		{"a = " + strings.Repeat("{b = ", MaxDepth+1) + "1" + strings.Repeat("}", MaxDepth+1), 4 + 5*MaxDepth},
		// Brackets in strings and comments do not nest.
		{`a = "` + strings.Repeat("[", 500) + `"` + "\n# " + strings.Repeat("{", 500) + "\n", -1},
		{"a = '''\n" + strings.Repeat("[", 500) + "'''\nb = \"\"\"" + strings.Repeat("{", 500) + `"""`, -1},
		// Table headers close what they open.
		{strings.Repeat("[[x]]\ny = [1]\n", 500), -1},
		// Text that is not TOML is fine too.
		{"\"\\", -1},
	} {
		if got := TooDeep(c.src); got != c.want {
			t.Errorf("TooDeep(%.40q…) = %d, want %d", c.src, got, c.want)
		}
	}
}
