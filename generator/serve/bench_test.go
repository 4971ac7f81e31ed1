//go:build unix

package serve

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relbook/relbook/cmd/benchgen/synth"
	"github.com/relbook/relbook/content"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/site"
)

// BenchmarkRebuildAfterEdit measures what a save costs in the preview, as
// an open page lives it: one role guide edited, the rebuild started, the
// page told to reload, and the page asked for again over HTTP.
//
//   - reload-ms/op: until the page is told to reload (the input loaded,
//     resolved and found free of errors: Result.Took);
//   - page-ms/op: until the page has its new bytes — the time a reader
//     waits, rendering of the page on request included, while the rest of
//     the site is rendered on the other cores;
//   - checked-ms/op: until the whole site is rendered and every link
//     checked (Result.Checked), which the page does not wait for;
//   - cpu-ms/op: the CPU time of a whole rebuild, which other work on a
//     busy machine disturbs less than the wall times.
//
// Run it with
//
//	go test -run '^$' -bench RebuildAfterEdit -benchtime 20x ./generator/serve/
//
// "example" is the example handbook; "large" is the synthetic handbook of
// cmd/benchgen: 40 releases, 25 role guides, 1,000 dated checklists.
func BenchmarkRebuildAfterEdit(b *testing.B) {
	b.Run("example", func(b *testing.B) {
		benchmarkRebuildAfterEdit(b, content.FS, handbook.MustDate(2026, 11, 23), "docs")
	})
	b.Run("large", func(b *testing.B) {
		fsys := fstest.MapFS{}
		for name, data := range synth.Files(synth.Default) {
			fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644}
		}
		benchmarkRebuildAfterEdit(b, fsys, handbook.DateFromTime(synth.Today), "docs")
	})
}

func benchmarkRebuildAfterEdit(b *testing.B, src fs.FS, today handbook.Date, role string) {
	dir := b.TempDir()
	if err := os.CopyFS(dir, src); err != nil {
		b.Fatal(err)
	}
	s, err := New(Options{Dir: dir, Site: site.Options{Today: today}})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	events := make(chan event, 16)
	s.mu.Lock()
	s.clients[events] = "roles/" + role + "/index.html"
	s.mu.Unlock()

	guide := filepath.Join(dir, "roles", role+".md")
	text, err := os.ReadFile(guide)
	if err != nil {
		b.Fatal(err)
	}
	var reload, shown, checked time.Duration
	n := 0
	cpuBefore := cpuTime()
	for b.Loop() {
		n++
		edited := fmt.Appendf(append([]byte{}, text...), "\n- [ ] Edit number %d\n", n)
		if err := os.WriteFile(guide, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		done := make(chan Result, 1)
		go func() { done <- s.Rebuild() }()
		if e := <-events; e.name != "reload" {
			b.Fatalf("event %s %s, want a reload", e.name, e.data)
		}
		resp, err := http.Get(srv.URL + "/roles/" + role + "/")
		if err != nil {
			b.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || !bytes.Contains(body, fmt.Appendf(nil, "Edit number %d", n)) {
			b.Fatalf("the page lacks the edit: %v", err)
		}
		shown += time.Since(start)
		res := <-done
		if !res.OK() || !res.Changed {
			b.Fatalf("rebuild: ok %v, changed %v: %v", res.OK(), res.Changed, res.Errors)
		}
		reload += res.Took
		checked += res.Checked
	}
	b.ReportMetric(float64((cpuTime()-cpuBefore).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(reload.Microseconds())/1000/float64(b.N), "reload-ms/op")
	b.ReportMetric(float64(shown.Microseconds())/1000/float64(b.N), "page-ms/op")
	b.ReportMetric(float64(checked.Microseconds())/1000/float64(b.N), "checked-ms/op")
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
