package site

import (
	"fmt"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relbook/relbook/cmd/benchgen/synth"
	"github.com/relbook/relbook/generator/handbook"
)

// The build benchmarks use the synthetic handbook of cmd/benchgen: by
// default 40 releases × 25 role guides of 80 tasks (1,000 dated
// checklists) and 400 glossary terms. Run them with
//
//	go test -run '^$' -bench . -benchmem ./generator/site/
//
// and profile with -cpuprofile cpu.out, then go tool pprof.

func synthFS(c synth.Config) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, b := range synth.Files(c) {
		fsys[name] = &fstest.MapFile{Data: b, Mode: 0o644}
	}
	return fsys
}

var synthOptions = Options{Today: handbook.DateFromTime(synth.Today)}

func generate(b *testing.B, fsys fstest.MapFS) *Result {
	res, diags, err := Generate(fsys, synthOptions)
	if err != nil {
		b.Fatal(err)
	}
	if len(diags) > 0 {
		b.Fatalf("the synthetic handbook should be clean: %v", diags)
	}
	return res
}

// BenchmarkGenerate is a full build in memory (Load, Resolve, Render,
// Check), for 10, 40 and 160 releases: time per release should stay flat.
func BenchmarkGenerate(b *testing.B) {
	for _, releases := range []int{10, 40, 160} {
		b.Run(fmt.Sprintf("releases=%d", releases), func(b *testing.B) {
			c := synth.Default
			c.Releases = releases
			fsys := synthFS(c)
			var bytes int64
			for _, f := range generate(b, fsys).Files {
				bytes += int64(len(f))
			}
			b.SetBytes(bytes)
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				generate(b, fsys)
			}
			reportCPU(b, cpu)
		})
	}
}

// BenchmarkRebuildAfterEdit is what the live preview does on a save in
// the large handbook: one role guide changed, the whole site generated
// again in memory, link check included. The target is under 100 ms.
func BenchmarkRebuildAfterEdit(b *testing.B) {
	fsys := synthFS(synth.Default)
	const guide = "roles/docs.md"
	text := fsys[guide].Data
	generate(b, fsys)
	b.ReportAllocs()
	n := 0
	cpu := cpuTime()
	for b.Loop() {
		n++
		fsys[guide] = &fstest.MapFile{Data: fmt.Appendf(append([]byte{}, text...), "\n- [ ] Edit number %d\n", n), Mode: 0o644}
		generate(b, fsys)
	}
	reportCPU(b, cpu)
}

// reportCPU reports the CPU time per operation since start, in ms: on a
// machine that runs other work too, it says more about a change than the
// wall-clock time does (see cpuTime).
func reportCPU(b *testing.B, start time.Duration) {
	if b.N > 0 && start > 0 {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
	}
}
