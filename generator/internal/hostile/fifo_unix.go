//go:build unix

package hostile

import (
	"os"
	"sync/atomic"
	"syscall"
	"testing"
)

// FIFO makes a named pipe at name, and fails the test if anything opens
// it before the test ends. Opened for reading, the pipe at once gives an
// empty file instead of the endless wait a real one would: a test that
// checks that relbook refuses a pipe then fails with a message, not by
// hanging.
func FIFO(t testing.TB, name string) {
	t.Helper()
	if err := syscall.Mkfifo(name, 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	var ending, opened atomic.Bool
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			// Opening the writing end waits for a reader.
			w, err := os.OpenFile(name, os.O_WRONLY, 0)
			if err != nil {
				return
			}
			w.Close()
			if ending.Load() {
				return
			}
			opened.Store(true)
		}
	}()
	t.Cleanup(func() {
		// The test's own reader lets the writer above go.
		ending.Store(true)
		if r, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0); err == nil {
			defer r.Close()
		}
		<-done
		if opened.Load() {
			t.Errorf("%s: the named pipe was opened; it must be refused without being opened", name)
		}
	})
}
