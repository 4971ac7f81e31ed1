// Package content embeds relbook's example handbook: the Lighthouse
// community's release handbook, which relbook builds with --example and
// `relbook init --example` writes out. It doubles as the reference
// example of every feature of the input format (see docs/format.md).
package content

import "embed"

// FS holds the example site folder: handbook.toml, releases/, and the rest.
// The Go file itself is in it too; the loader ignores files it does not
// know at the top level.
//
//go:embed *
var FS embed.FS
