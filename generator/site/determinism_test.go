package site

import (
	"bytes"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/relbook/relbook/content"
	"github.com/relbook/relbook/generator/handbook"
)

// TestDeterministicBuild builds the example handbook with one thread and
// again with four (the render stage works in parallel), a third time in
// another local time zone, and writes two of the builds to disk: every
// file must be byte-identical each time. A map iterated without sorting, or work collected in the
// order goroutines finish, shows up here as a difference that depends on
// the run.
func TestDeterministicBuild(t *testing.T) {
	today := handbook.MustDate(2026, 11, 21)
	build := func(procs int) map[string][]byte {
		t.Helper()
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		res, diags, err := Generate(content.FS, Options{Today: today})
		if err != nil || diags.HasErrors() {
			t.Fatalf("the example does not build with GOMAXPROCS=%d: %v\n%s", procs, err, diags.Errors())
		}
		return res.Files
	}
	one, four := build(1), build(4)
	// And in another local time zone: output never depends on the
	// machine's (Kiribati is UTC+14, far from any CI runner's UTC).
	local := time.Local
	time.Local = time.FixedZone("UTC+14", 14*3600)
	again := build(4)
	time.Local = local
	for _, other := range []struct {
		name  string
		files map[string][]byte
	}{{"GOMAXPROCS=4", four}, {"GOMAXPROCS=4 in UTC+14", again}} {
		if !slices.Equal(sortedNames(one), sortedNames(other.files)) {
			t.Fatalf("%s builds other files than GOMAXPROCS=1:\n%v\n%v", other.name, sortedNames(other.files), sortedNames(one))
		}
		for _, name := range sortedNames(one) {
			if a, b := one[name], other.files[name]; !bytes.Equal(a, b) {
				i := 0
				for i < len(a) && i < len(b) && a[i] == b[i] {
					i++
				}
				t.Errorf("%s differs between GOMAXPROCS=1 and %s from byte %d: %q vs %q", name, other.name, i, excerpt(a, i), excerpt(b, i))
			}
		}
	}
	// On disk too: what Write puts there is exactly the build.
	dir := t.TempDir()
	for i, files := range []map[string][]byte{one, four} {
		out := filepath.Join(dir, "public")
		if err := Write(files, out, WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		if diff := sameTree(readTree(t, out), files); diff != "" {
			t.Errorf("build %d on disk: %s", i+1, diff)
		}
	}
	t.Logf("%d files identical across GOMAXPROCS 1 and 4 (of %d CPUs) and two local zones", len(one), runtime.NumCPU())
}

func excerpt(b []byte, i int) string {
	return string(b[max(0, i-30):min(len(b), i+30)])
}
