//go:build unix

package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/relbook/relbook/content"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/site"
)

// BenchmarkRebuildAfterEdit measures what a save costs in the preview: the
// example handbook, one role guide edited, one Rebuild (the whole build in
// memory, link check included). Besides the wall time it reports the CPU
// time a rebuild takes (cpu-ms/op), which other work on a busy machine
// disturbs less. Run it with
//
//	go test -run '^$' -bench RebuildAfterEdit ./generator/serve/
func BenchmarkRebuildAfterEdit(b *testing.B) {
	dir := b.TempDir()
	if err := os.CopyFS(dir, content.FS); err != nil {
		b.Fatal(err)
	}
	s, err := New(Options{Dir: dir, Site: site.Options{Today: handbook.MustDate(2026, 11, 23)}})
	if err != nil {
		b.Fatal(err)
	}
	guide := filepath.Join(dir, "roles", "docs.md")
	text, err := os.ReadFile(guide)
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	cpuBefore := cpuTime()
	for b.Loop() {
		n++
		edited := fmt.Appendf(append([]byte{}, text...), "\n- [ ] Edit number %d\n", n)
		if err := os.WriteFile(guide, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		if res := s.Rebuild(); !res.OK() || !res.Changed {
			b.Fatalf("rebuild: ok %v, changed %v: %v", res.OK(), res.Changed, res.Errors)
		}
	}
	b.ReportMetric(float64((cpuTime()-cpuBefore).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
