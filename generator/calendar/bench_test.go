package calendar_test

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/relbook/relbook/cmd/benchgen/synth"
	"github.com/relbook/relbook/generator/calendar"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/load"
	"github.com/relbook/relbook/generator/resolve"
)

// BenchmarkFeeds writes every feed of the large synthetic handbook
// (cmd/benchgen): per release, per role and release (1,000 of them, with a
// dozen task deadlines each), per role and for the site. Bytes per op are
// the feeds'.
//
//	go test -run '^$' -bench Feeds -benchmem ./generator/calendar/
func BenchmarkFeeds(b *testing.B) {
	fsys := fstest.MapFS{}
	for name, data := range synth.Files(synth.Default) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	src, diags := load.Read(fsys)
	h, more := resolve.Handbook(src, resolve.Options{Today: handbook.DateFromTime(synth.Today)})
	if diags.Add(more...); len(diags) > 0 {
		b.Fatalf("the synthetic handbook should be clean: %v", diags)
	}
	opts := calendar.Options{Stamp: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
	feeds, err := calendar.Feeds(h, opts)
	if err != nil {
		b.Fatal(err)
	}
	var n int64
	for _, data := range feeds {
		n += int64(len(data))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := calendar.Feeds(h, opts); err != nil {
			b.Fatal(err)
		}
	}
}
