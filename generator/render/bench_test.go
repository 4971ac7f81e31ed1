package render_test

import (
	"testing"
	"testing/fstest"

	"github.com/relbook/relbook/cmd/benchgen/synth"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/load"
	"github.com/relbook/relbook/generator/resolve"
	"github.com/relbook/relbook/themes"
)

// synthHandbook is cmd/benchgen's handbook of c, resolved.
func synthHandbook(b *testing.B, c synth.Config) *handbook.Handbook {
	fsys := fstest.MapFS{}
	for name, data := range synth.Files(c) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	src, diags := load.Read(fsys)
	h, more := resolve.Handbook(src, resolve.Options{Today: handbook.DateFromTime(synth.Today)})
	if diags.Add(more...); len(diags) > 0 {
		b.Fatalf("the synthetic handbook should be clean: %v", diags)
	}
	return h
}

// BenchmarkSite is the Render stage on the large synthetic handbook
// (cmd/benchgen): 1,000 dated checklists and every other page. Bytes per
// op are the output's. Each run gets a freshly resolved handbook, as a
// build does, so that the guides' markdown is rendered (once) too.
//
//	go test -run '^$' -bench Site -benchmem ./generator/render/
func BenchmarkSite(b *testing.B) {
	h := synthHandbook(b, synth.Default)
	out, err := renderAll(h, themes.Default())
	if err != nil {
		b.Fatal(err)
	}
	var n int64
	for _, data := range out {
		n += int64(len(data))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		h := synthHandbook(b, synth.Default)
		b.StartTimer()
		if _, err := renderAll(h, themes.Default()); err != nil {
			b.Fatal(err)
		}
	}
}
