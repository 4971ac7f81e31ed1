package resolve_test

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
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
	fsys, n := synthFS()
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		loadAndResolve(b, fsys, nil, nil)
	}
}

// BenchmarkHandbookAfterEdit is the Load and Resolve stages of the live
// preview's rebuild after a save of one role guide of the large handbook,
// with the caches of the build before.
func BenchmarkHandbookAfterEdit(b *testing.B) {
	benchmarkEdits(b, func(names []string) string { return "roles/docs.md" }, func(text []byte, n int) []byte {
		return fmt.Appendf(slices.Clip(text), "\n- [ ] Edit number %d\n", n)
	})
}

// BenchmarkHandbookAfterReleaseEdit is the same after a save of one
// release file that moves a milestone by a week, and back on the next.
func BenchmarkHandbookAfterReleaseEdit(b *testing.B) {
	var moved []byte
	benchmarkEdits(b, func(names []string) string {
		return names[slices.IndexFunc(names, func(n string) bool { return strings.HasPrefix(n, "releases/") })]
	}, func(text []byte, n int) []byte {
		if moved == nil {
			moved = moveFirstDate(b, text, 7)
		}
		if n%2 == 1 {
			return moved
		}
		return text
	})
}

// benchmarkEdits times Load and Resolve through the caches after each
// edit of the file pick chooses: the nth edit gives it the bytes
// edit(original, n).
func benchmarkEdits(b *testing.B, pick func(names []string) string, edit func(text []byte, n int) []byte) {
	fsys, _ := synthFS()
	name := pick(slices.Sorted(maps.Keys(fsys)))
	text := fsys[name].Data
	var files load.Cache
	var parsed resolve.Cache
	loadAndResolve(b, fsys, &files, &parsed)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n++
		fsys[name] = &fstest.MapFile{Data: edit(text, n)}
		loadAndResolve(b, fsys, &files, &parsed)
	}
}

// synthFS is the large synthetic handbook and its size in bytes.
func synthFS() (fstest.MapFS, int64) {
	fsys := fstest.MapFS{}
	var n int64
	for name, data := range synth.Files(synth.Default) {
		fsys[name] = &fstest.MapFile{Data: data}
		n += int64(len(data))
	}
	return fsys, n
}

// loadAndResolve runs the two stages as a build does, through the caches
// when they are given.
func loadAndResolve(b *testing.B, fsys fstest.MapFS, files *load.Cache, parsed *resolve.Cache) {
	b.Helper()
	read := load.Read
	if files != nil {
		read = files.Read
	}
	src, diags := read(fsys)
	_, more := resolve.Handbook(src, resolve.Options{Today: handbook.DateFromTime(synth.Today), Cache: parsed})
	if diags.Add(more...); len(diags) > 0 {
		b.Fatalf("the synthetic handbook should be clean: %v", diags)
	}
}

// moveFirstDate returns text with its first `date = YYYY-MM-DD` moved by
// days.
func moveFirstDate(b *testing.B, text []byte, days int) []byte {
	b.Helper()
	const key = "\ndate = "
	i := bytes.Index(text, []byte(key))
	if i < 0 {
		b.Fatal("no date = in the release file")
	}
	at := i + len(key)
	d, err := handbook.ParseDate(string(text[at : at+10]))
	if err != nil {
		b.Fatal(err)
	}
	out := slices.Clone(text)
	copy(out[at:], (d + handbook.Date(days)).String())
	return out
}
