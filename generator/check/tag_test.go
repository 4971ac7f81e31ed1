package check

import (
	"bytes"
	"slices"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// FuzzSplitTag holds splitTag to the tokenizer: for every start tag of any
// input, the attributes it finds are the ones TagAttr returns, with the same
// keys and, where no decoding is needed, the same values.
func FuzzSplitTag(f *testing.F) {
	for _, s := range []string{
		`<a href="x" id=y>`,
		`<a href=x/>`,
		`<a =b c = d e= 'f>' g/h i=/j>`,
		`<img/src="x"/id=y>`,
		`<a ID=1 id=2 Href=x HREF=y>`,
		"<a\thref\n=\n\"x\"\fid\r=y>",
		`<a href="a&amp;b" id="&#x41;" name=x&y>`,
		`<a href = >x</a><b c=>`,
		`<p a=/>`,
		`<br/><x-y z></x-y><script src=s.js>"<a href=no>"</script><!-- <a href=no> -->`,
		"<a \x00=1 href=\"\x00\">",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		z := html.NewTokenizer(bytes.NewReader([]byte(src)))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				return
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			raw := bytes.Clone(z.Raw())
			nameSpan, attrs, _ := splitTag(raw, nil)
			type kv struct{ key, val string }
			var mine []kv
			for _, a := range attrs {
				key := asciiLower(raw[a.key.start:a.key.end])
				val := raw[a.val.start:a.val.end]
				if !plain(val) {
					val = []byte("(decoded)")
				}
				mine = append(mine, kv{string(key), string(val)})
			}
			name, _ := z.TagName()
			if !bytes.Contains(raw, []byte{0}) && !bytes.Equal(asciiLower(raw[nameSpan.start:nameSpan.end]), name) {
				t.Fatalf("%q: tag name %q, tokenizer %q", raw, raw[nameSpan.start:nameSpan.end], name)
			}
			var theirs []kv
			for i, more := 0, true; more; i++ {
				var k, v []byte
				k, v, more = z.TagAttr()
				if k == nil {
					break
				}
				if i < len(mine) && mine[i].val == "(decoded)" {
					v = []byte("(decoded)")
				}
				theirs = append(theirs, kv{string(k), string(v)})
			}
			if bytes.Contains(raw, []byte{0}) {
				continue // the tokenizer writes U+FFFD for NUL in keys; values with NUL are decoded
			}
			if !slices.Equal(mine, theirs) {
				t.Fatalf("%q:\nsplitTag %q\nTagAttr  %q", raw, mine, theirs)
			}
		}
	})
}

func TestScan(t *testing.T) {
	p := scan([]byte(`<html><body>
		<A HREF="x/" ID="top-1">a</A>
		<a href="y/" href="z/" id=one id=two name="n&amp;1">first key wins</a>
		<img SRC='i.png' id='&#x41;B'>
		<div id=d1 href="not-a-link"><a name=an></a><p name=pn></p>
		<a href="q?a=1&amp;b=2&copy=3">entities decoded as in attributes</a>
		<a href="&#10;x">`), true)
	wantIDs := map[string]int{"top-1": 1, "one": 1, "AB": 1, "d1": 1}
	if len(p.ids) != len(wantIDs) {
		t.Errorf("ids = %v, want %v", p.ids, wantIDs)
	}
	for id, n := range wantIDs {
		if p.ids[id] != n {
			t.Errorf("ids = %v, want %v", p.ids, wantIDs)
		}
	}
	if _, ok := p.names["n&1"]; !ok || len(p.names) != 2 {
		t.Errorf("names = %v, want n&1 and an", p.names)
	}
	wantLinks := []string{"x/", "y/", "i.png", "q?a=1&b=2&copy=3", "\nx"}
	if !slices.Equal(p.links, wantLinks) {
		t.Errorf("links = %q, want %q", p.links, wantLinks)
	}
}

func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		out[i] = toLower(c)
	}
	return out
}

// TestByteClasses holds the class table to the byte sets of the HTML
// standard that splitTag and plain test with it.
func TestByteClasses(t *testing.T) {
	for i := range 256 {
		c := byte(i)
		space := c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'
		if isSpace(c) != space {
			t.Errorf("isSpace(%q) = %v", c, !space)
		}
		decoded := c == '&' || c == '\r' || c == 0
		if plain([]byte{'x', c, 'y'}) == decoded {
			t.Errorf("plain(%q) = %v", []byte{'x', c, 'y'}, decoded)
		}
		for bit, b := range map[uint8]byte{classSlash: '/', classGT: '>', classEq: '='} {
			if (class[c]&bit != 0) != (c == b) {
				t.Errorf("class[%q] = %05b", c, class[c])
			}
		}
	}
}

func TestTagAtom(t *testing.T) {
	for _, tt := range []struct {
		name string
		want atom.Atom
	}{
		{"a", atom.A}, {"A", atom.A}, {"abbr", atom.Abbr}, {"b", atom.B}, {"IMG", atom.Img},
		{"", 0}, {"x-y", 0}, {"blockquotesblockquotes", 0},
	} {
		if got := tagAtom([]byte(tt.name)); got != tt.want {
			t.Errorf("tagAtom(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
