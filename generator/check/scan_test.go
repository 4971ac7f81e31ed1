package check

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// FuzzScan holds scan, which jumps from tag to tag, to what the tokenizer
// of golang.org/x/net/html finds reading every token (scratch.tokens).
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		`<a href="x" id=y>text<b id=z>`,
		`<!DOCTYPE html><html><head><title>A <a href=no> title</title><style>a{} <a id=no></style></head>`,
		`<script src="a.js" defer></script><a id=after>`,
		`<script>var s = "<a href=no>"; <!-- <script> </script> --></script><a id=yes>`,
		`<SCRIPT></SCRIPT><a id=x><Style>x</STYLE ><a href=y>`,
		`<textarea><a id=no></textarea/><a id=yes><title></titlex><a id=no></title>`,
		`<!--><a id=a><!---><a id=b><!-- x --!><a id=c><!-- -- --!x --><a id=d>`,
		`<!-- never closed <a id=no>`,
		`</><a id=1></ x><a id=2></a id=3><a id=4><?xml x?><a id=5><!x><a id=6>`,
		`<a href="unterminated>`,
		`<a href=x/><p a=/><a href='>'>`,
		`<plaintext><a id=no>`,
		`<iframe><a id=no></iframe><noscript><a id=no></noscript><xmp><a></xmp><a id=z>`,
		`a < b <1 <a id=q`,
		`<a href="a&amp;b" id="&#x41;" name=x&y>`,
		`<a href="?a=1&amp;b=2&lt;&gt;&quot;&#39;&#34;" id='&amp;&amp;'>`,
		`<a href="&amp" id="&AMP;" name="&ampx;"><a href="&amp=1&notin;&notx;">`,
		"<a href=\"x\ry\" id=\x00>",
		`</script><a id=x>`,
		`<a id=x></`,
		`<a id=x><`,
		`<NoEmbed><a id=no></NOEMBED><noframes><a id=no></noframes ><XMP><a id=no></xmp><a id=yes>`,
		`<titles id=t><a id=after></titles><scripts><a id=s><xm><a href=x><textareas><a id=z>`,
		`<a id=d><b id=d><a id=e><a href="#d" id=d>`,
		// End tags: "</name>" is skipped whole; after a space, "/" or
		// the end of the page, splitTag finds the end.
		`</a><a id=1></A ><a id=2></a/><a id=3></a href=">"><a id=no>"><a id=4></a	x='>'><a id=5></p><a id=6></ab`,
		`<a id=1></a`,
		`<a id=1></a href="x`,
	} {
		f.Add(s)
	}
	for name, page := range syntheticSite(20, 4<<10, true) {
		if isHTML(name) {
			f.Add(string(page))
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		got := scan([]byte(src), true)
		ref := &scratch{full: true}
		ref.tokens([]byte(src))
		want := ref.page()
		if !maps.Equal(got.ids, want.ids) {
			t.Errorf("%q: ids %v, tokenizer %v", src, got.ids, want.ids)
		}
		if dup := slices.ContainsFunc(slices.Collect(maps.Values(want.ids)), func(n int) bool { return n > 1 }); got.dup != dup {
			t.Errorf("%q: dup %v with ids %v", src, got.dup, want.ids)
		}
		if len(got.names)+len(want.names) > 0 && !maps.Equal(got.names, want.names) {
			t.Errorf("%q: names %v, tokenizer %v", src, got.names, want.names)
		}
		if !slices.Equal(got.links, want.links) {
			t.Errorf("%q: links %q, tokenizer %q", src, got.links, want.links)
		}
		// The scan that keeps no text keeps the same hashes.
		var hashes []uint64
		for _, a := range want.anchorTexts() {
			hashes = append(hashes, anchorHash([]byte(a)))
		}
		slices.Sort(hashes)
		fast := scan([]byte(src), false)
		if !slices.Equal(fast.anchors, hashes) || fast.dup != got.dup || !slices.Equal(fast.links, want.links) || fast.ids != nil || fast.names != nil {
			t.Errorf("%q: scan without text: anchors %x dup %v links %q; want %x %v %q", src, fast.anchors, fast.dup, fast.links, hashes, got.dup, want.links)
		}
	})
}

func TestRawText(t *testing.T) {
	text := []string{"iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp"}
	for _, name := range text {
		for _, written := range []string{name, strings.ToUpper(name), strings.ToUpper(name[:1]) + name[1:]} {
			if got := rawText([]byte(written)); got != name {
				t.Errorf("rawText(%q) = %q, want %q", written, got, name)
			}
		}
	}
	for _, name := range []string{"", "a", "p", "xm", "xmpp", "titles", "scrip", "tbody", "section", "templates", "plaintexts", "noscrip", "iframes"} {
		if got := rawText([]byte(name)); got != "" {
			t.Errorf("rawText(%q) = %q, want \"\"", name, got)
		}
	}
}
