// Package hostile makes what a hostile pull request can put in a site
// folder besides text — symbolic links that lead out of it, a named pipe —
// for the tests of the code that reads site folders (packages sitefs,
// site and serve). Only tests import it.
//
// Such files are made while the tests run, never committed: a checkout
// cannot hold a named pipe, and links out of the repository would point at
// whatever the machine has there.
package hostile

import (
	"errors"
	"io/fs"
	"os"
	"testing"
)

// Symlink makes a symbolic link at name that leads to target, skipping
// the test where the system cannot make one.
func Symlink(t testing.TB, target, name string) {
	t.Helper()
	err := os.Symlink(target, name)
	switch {
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrExist):
		t.Fatal(err) // the test's mistake
	case err != nil:
		t.Skipf("cannot make a symbolic link here: %v", err)
	}
}
