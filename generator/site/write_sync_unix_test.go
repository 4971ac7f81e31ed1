//go:build unix

package site

import "syscall"

// syncDisk has the system write what it holds in memory to the disk, so
// that a benchmark run does not pay for the writes of the one before.
func syncDisk() { syscall.Sync() }
