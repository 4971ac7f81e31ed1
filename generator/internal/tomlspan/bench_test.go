package tomlspan

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkScan scans a file of many keys and an array nested deep, each
// at three sizes four times apart: time and memory must grow four times,
// not sixteen. Run it with
//
//	go test -run '^$' -bench . -benchmem ./generator/internal/tomlspan/
func BenchmarkScan(b *testing.B) {
	for _, n := range []int{15_625, 62_500, 250_000} {
		var src strings.Builder
		for i := range n {
			fmt.Fprintf(&src, "k%d = 1\n", i)
		}
		b.Run(fmt.Sprintf("keys=%d", n), func(b *testing.B) {
			for b.Loop() {
				Scan(src.String())
			}
		})
	}
	for _, n := range []int{2_500, 10_000, 40_000} {
		src := "a = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n"
		b.Run(fmt.Sprintf("depth=%d", n), func(b *testing.B) {
			for b.Loop() {
				Scan(src)
			}
		})
	}
}
