//go:build !unix

package hostile

import "testing"

// FIFO skips the test: this system has no named pipes in folders.
func FIFO(t testing.TB, name string) {
	t.Helper()
	t.Skip("no named pipes on this system")
}
