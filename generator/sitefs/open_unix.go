//go:build unix

package sitefs

import (
	"os"
	"syscall"
)

// openFlags open a file for reading without waiting for a writer, should
// a named pipe have taken the place of a file checked a moment before.
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK
