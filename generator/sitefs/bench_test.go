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

// BenchmarkRead is the Load stage over the synthetic handbook of
// cmd/benchgen on disk, for 10, 40 and 160 releases, read through a Folder
// and, for comparison, through os.DirFS, which reads a site folder without
// its rules: the price of each file's checks (a stat through the root
// before it is opened, and one of the open file). Run it with
//
//	go test -run '^$' -bench Read -benchmem ./generator/sitefs/
func BenchmarkRead(b *testing.B) {
	for _, releases := range []int{10, 40, 160} {
		c := synth.Default
		c.Releases = releases
		dir := b.TempDir()
		for name, data := range synth.Files(c) {
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
				for b.Loop() {
					if _, diags := load.Read(fsys.FS); diags.HasErrors() {
						b.Fatal(diags)
					}
				}
			})
		}
	}
}
