package resolve_test

import (
	"testing"
	"testing/fstest"

	"github.com/relbook/relbook/cmd/benchgen/synth"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/load"
	"github.com/relbook/relbook/generator/resolve"
)

// BenchmarkHandbook is the Load and Resolve stages on the large synthetic
// handbook (cmd/benchgen): 40 release files, 25 role guides of about 16 KB
// parsed with a 400-term glossary, and 1,000 checklists bound to dates.
//
//	go test -run '^$' -bench Handbook -benchmem ./generator/resolve/
func BenchmarkHandbook(b *testing.B) {
	fsys := fstest.MapFS{}
	var n int64
	for name, data := range synth.Files(synth.Default) {
		fsys[name] = &fstest.MapFile{Data: data}
		n += int64(len(data))
	}
	today := handbook.DateFromTime(synth.Today)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		src, diags := load.Read(fsys)
		_, more := resolve.Handbook(src, resolve.Options{Today: today})
		if diags.Add(more...); len(diags) > 0 {
			b.Fatalf("the synthetic handbook should be clean: %v", diags)
		}
	}
}
