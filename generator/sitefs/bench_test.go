package sitefs_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/relbook/relbook/cmd/benchgen/synth"
	"github.com/relbook/relbook/generator/load"
	"github.com/relbook/relbook/generator/sitefs"
)

// The benchmarks read the synthetic handbook of cmd/benchgen from the
// disk, for 10, 40 and 160 releases, through a Folder and, for
// comparison, through os.DirFS, which reads a site folder without its
// rules: the difference is the price of the checks (a stat through the
// root before a file is opened, and one of the open file). Run them with
//
//	go test -run '^$' -bench . -benchmem ./generator/sitefs/

// BenchmarkReadFiles reads every file of the handbook, and nothing else.
func BenchmarkReadFiles(b *testing.B) {
	eachSize(b, func(b *testing.B, fsys fs.FS, names []string) {
		for b.Loop() {
			for _, name := range names {
				if _, err := fs.ReadFile(fsys, name); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// BenchmarkLoad is the Load stage, which lists the folders, reads the
// files and decodes them.
func BenchmarkLoad(b *testing.B) {
	eachSize(b, func(b *testing.B, fsys fs.FS, _ []string) {
		for b.Loop() {
			if _, diags := load.Read(fsys); diags.HasErrors() {
				b.Fatal(diags)
			}
		}
	})
}

// eachSize runs bench on the handbook of each size, on disk, read
// through a Folder and through os.DirFS.
func eachSize(b *testing.B, bench func(b *testing.B, fsys fs.FS, names []string)) {
	for _, releases := range []int{10, 40, 160} {
		c := synth.Default
		c.Releases = releases
		files := synth.Files(c)
		dir := b.TempDir()
		for name, data := range files {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
		folder, err := sitefs.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		defer folder.Close()
		for _, fsys := range []struct {
			name string
			fs.FS
		}{{"sitefs", folder}, {"dirfs", os.DirFS(dir)}} {
			b.Run(fmt.Sprintf("releases=%d/%s", releases, fsys.name), func(b *testing.B) {
				b.ReportAllocs()
				bench(b, fsys.FS, synth.Names(files))
			})
		}
	}
}
