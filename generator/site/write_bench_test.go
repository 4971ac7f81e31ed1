package site

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/relbook/relbook/generator/render"
)

// siteOfSize is a site shaped like the output of the large synthetic
// handbook (cmd/benchgen): a page and a feed for each of roles roles in
// each of releases releases, every file size bytes, nearly all of them
// in folders of their own.
func siteOfSize(releases, roles, size int) render.Output {
	files := render.Output{}
	page := func(name string) {
		b := fmt.Appendf(nil, "<!-- %s -->\n", name)
		files[name] = append(b, bytes.Repeat([]byte("x"), max(size-len(b), 0))...)
	}
	page("index.html")
	for r := range releases {
		page(fmt.Sprintf("releases/v1.%d/index.html", r))
		for role := range roles {
			page(fmt.Sprintf("releases/v1.%d/role-%02d/index.html", r, role))
			page(fmt.Sprintf("releases/v1.%d/role-%02d.ics", r, role))
		}
	}
	for role := range roles {
		page(fmt.Sprintf("roles/role-%02d/index.html", role))
	}
	return files
}

// BenchmarkWrite writes a site of 2,066 files of 60 KB in 1,067 folders
// over the previous build of it, as `relbook build` does: write, swap,
// remove the previous site. The disk is synced before each build,
// outside the timer, as it is between two builds of a handbook. Run it
// with
//
//	go test -run '^$' -bench Write -cpu 1,2,4 ./generator/site/
//
// -cpu sets how many files are written at a time.
func BenchmarkWrite(b *testing.B) {
	files := siteOfSize(40, 25, 60<<10)
	var size int64
	for _, f := range files {
		size += int64(len(f))
	}
	out := filepath.Join(b.TempDir(), "public")
	if err := Write(files, out, WriteOptions{}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	for b.Loop() {
		b.StopTimer()
		syncDisk()
		b.StartTimer()
		if err := Write(files, out, WriteOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
