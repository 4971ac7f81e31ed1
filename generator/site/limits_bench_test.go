package site

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relbook/relbook/content"
	"github.com/relbook/relbook/generator/handbook"
)

// The limit benchmarks build the example handbook with one hostile file
// added or replaced, at three sizes, each four times the one before: the
// time and memory per op should grow four times, not sixteen. Run them
// with
//
//	go test -run '^$' -bench Limits -benchmem ./generator/site/

// exampleWith is the example handbook with files replaced or added.
func exampleWith(b *testing.B, files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	err := fs.WalkDir(content.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(content.FS, path)
		fsys[path] = &fstest.MapFile{Data: data, Mode: 0o644}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text), Mode: 0o644}
	}
	return fsys
}

// benchmarkCheck times what `relbook check` does with the handbook each
// size makes, which must have errors or not as failing says: a handbook
// that fails by mistake would time only the stages before its errors.
func benchmarkCheck(b *testing.B, name string, sizes []int, failing bool, files func(n int) map[string]string) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("%s=%d", name, n), func(b *testing.B) {
			fsys := exampleWith(b, files(n))
			b.ReportAllocs()
			for b.Loop() {
				_, diags, err := Generate(fsys, Options{Today: handbook.MustDate(2026, 11, 21)})
				if err != nil {
					b.Fatal(err)
				}
				if diags.HasErrors() != failing {
					b.Fatalf("errors: %v, want %v:\n%s", diags.HasErrors(), failing, diags.Errors())
				}
			}
		})
	}
}

// BenchmarkLimitsGuideRefs: a guide of n tasks, each with three date
// references.
func BenchmarkLimitsGuideRefs(b *testing.B) {
	benchmarkCheck(b, "tasks", []int{1000, 4000, 16000}, false, func(n int) map[string]string {
		return map[string]string{"roles/refs.md": "+++\ntitle = \"Refs\"\n+++\n\n## Release day {when=\"release\"}\n\n" +
			tasksWithRefs(n)}
	})
}

// tasksWithRefs is n tasks of different texts, each with three date
// references.
func tasksWithRefs(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "- [ ] t%d {{release}} {{alpha-1}} {{rc-1}}\n", i)
	}
	return b.String()
}

// BenchmarkLimitsUnknownKeys: a handbook.toml with n keys relbook does
// not know.
func BenchmarkLimitsUnknownKeys(b *testing.B) {
	settings, err := fs.ReadFile(content.FS, "handbook.toml")
	if err != nil {
		b.Fatal(err)
	}
	benchmarkCheck(b, "keys", []int{15_625, 62_500, 250_000}, true, func(n int) map[string]string {
		var text strings.Builder
		text.Write(settings)
		for i := range n {
			fmt.Fprintf(&text, "k%d = 1\n", i)
		}
		return map[string]string{"handbook.toml": text.String()}
	})
}

// BenchmarkLimitsMeetings: n meetings every weekday for ten years, each
// with a skipped day every two weeks (2,600 occurrences and 260 skips a
// series; 16 series stay under the bound on occurrences).
func BenchmarkLimitsMeetings(b *testing.B) {
	release, err := fs.ReadFile(content.FS, "releases/v3.5.toml")
	if err != nil {
		b.Fatal(err)
	}
	benchmarkCheck(b, "meetings", []int{1, 4, 16}, false, func(n int) map[string]string {
		var text strings.Builder
		text.Write(release)
		for i := range n {
			fmt.Fprintf(&text, "\n[meeting.daily-%d]\nevery = \"weekday\"\ntime = \"10:00\"\nuntil = \"start + 520w\"\nskip = [", i)
			for d := handbook.MustDate(2027, 1, 27); d < handbook.MustDate(2037, 1, 1); d = d.AddDays(14) {
				fmt.Fprintf(&text, "%s, ", d)
			}
			text.WriteString("]\n")
		}
		return map[string]string{"releases/v3.5.toml": text.String()}
	})
}
