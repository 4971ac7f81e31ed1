package site

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps the folders tmp and out in one step, so that out is
// never missing. Kernels before 3.15 and file systems without
// RENAME_EXCHANGE (some network and FUSE ones) answer errNoExchange, and
// swap falls back to two renames.
func exchange(tmp, out string) error {
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EINVAL), errors.Is(err, unix.EOPNOTSUPP):
		return errNoExchange
	}
	return &os.LinkError{Op: "renameat2", Old: tmp, New: out, Err: err}
}

// hold marks the folder dir as in use by this build until release is
// called, with an advisory lock that the kernel drops when the process
// dies, so that a build started meanwhile does not take it for an
// interrupted build's leftover.
func hold(dir string) (release func()) {
	f, err := os.Open(dir)
	if err != nil {
		return func() {}
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		return func() {}
	}
	return func() { f.Close() }
}

// busy reports whether another running build holds dir.
func busy(dir string) bool {
	f, err := os.Open(dir)
	if err != nil {
		return false
	}
	defer f.Close()
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		return errors.Is(err, unix.EWOULDBLOCK)
	}
	unix.Flock(int(f.Fd()), unix.LOCK_UN)
	return false
}
