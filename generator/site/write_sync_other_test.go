//go:build !unix

package site

// syncDisk does nothing here: benchmark runs may pay for the disk writes
// of the ones before.
func syncDisk() {}
