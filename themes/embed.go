// Package themes holds relbook's default theme, embedded in the binary so
// that relbook builds a complete site from any folder with no other files.
//
// A theme is a folder with two parts:
//
//	templates/   Go html/template files
//	static/      files copied verbatim to the output's static/ folder
//
// The templates are base.html, the layout every page shares (it defines
// "base", which the render package executes), partials.html with pieces
// the page templates reuse, and one template per kind of page, each
// defining "main" (and, if it wants, "head" for extra <head> content):
//
//	index.html      the dashboard, /
//	releases.html   the list of releases, /releases/
//	release.html    one release's schedule, /releases/<id>/
//	checklist.html  a role's dated checklist, /releases/<id>/<role>/
//	roles.html      every role, /roles/
//	role.html       a role's guide, /roles/<role>/
//	print.html      a role's onboarding packet, /print/<role>/
//	glossary.html   the glossary, /glossary/
//	page.html       a free page, /<slug>/
//	404.html        the page for a missing address, /404.html
//
// The static files are style.css (screen, dark mode and print),
// highlight.css (code colours) and relbook.js (progressive enhancement:
// local times, today and overdue marks, ticks, search).
//
// The data each template receives is documented in docs/themes.md and in
// the render package. Links between pages are relative to the page (every
// page's data has a Root such as "../../"), so a site works under any
// sub-path and from disk.
//
// A site overrides any of these files by writing one at the same relative
// path under its own themes/<theme>/ folder; the site stage lays that
// folder over [Default] and hands the result to the render stage, which
// reads the theme only through that file system.
package themes

import (
	"embed"
	"io/fs"
)

// all: keeps files whose names start with "_" or ".", which a site may
// want to override too.
//
//go:embed all:default
var files embed.FS

// Default returns the default theme, rooted at its folder: it holds
// templates/ and static/.
func Default() fs.FS {
	sub, err := fs.Sub(files, "default")
	if err != nil {
		panic(err) // "default" is a valid path: fs.Sub cannot fail on it
	}
	return sub
}
