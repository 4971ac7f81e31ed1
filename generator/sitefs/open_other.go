//go:build !unix

package sitefs

import "os"

// openFlags open a file for reading. There is no O_NONBLOCK to open with
// outside Unix; the type of the file is still checked before and after.
const openFlags = os.O_RDONLY
