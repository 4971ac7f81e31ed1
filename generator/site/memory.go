package site

import (
	"io/fs"

	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
)

// Resolve runs only the first two stages, Load and Resolve: what commands
// that read the schedule but publish nothing (`relbook now`, `relbook new`)
// need. The handbook holds whatever resolved cleanly, as with Generate.
func Resolve(src fs.FS, opts Options) (*handbook.Handbook, diag.List) {
	h, _, diags := opts.read(src)
	return h, diags
}
