package site

import (
	"io/fs"

	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/load"
	"github.com/relbook/relbook/generator/resolve"
)

// Resolve runs only the first two stages, Load and Resolve: what commands
// that read the schedule but publish nothing (`relbook now`, `relbook new`)
// need. The handbook holds whatever resolved cleanly, as with Generate.
func Resolve(src fs.FS, opts Options) (*handbook.Handbook, diag.List) {
	source, diags := load.Read(src)
	h, more := resolve.Handbook(source, resolve.Options{Today: opts.Today, BaseURL: opts.BaseURL})
	diags.Add(more...)
	return h, diags
}
