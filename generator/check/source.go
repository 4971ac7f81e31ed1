package check

import (
	"slices"
	"strings"
)

// SourceOf maps an output page to the site-folder file an author edits to
// fix it, by relbook's URL conventions (SPEC §4):
//
//	index.html                        pages/index.md if sources has it, else handbook.toml
//	releases/index.html               handbook.toml
//	releases/<id>/index.html          releases/<id>.toml
//	releases/<id>/<role>/index.html   roles/<role>.md
//	roles/index.html                  handbook.toml
//	roles/<role>/index.html           roles/<role>.md
//	print/<role>/index.html           roles/<role>.md
//	glossary/index.html               glossary.toml
//	<slug>/index.html                 pages/<slug>.md
//
// Anything else (feeds, schedule.json, 404.html, theme files) maps to "".
// sources is the set of files in the site folder, slash-separated and
// relative to it; it picks between candidates and may be nil.
//
// The mapping names the file that generates the page, which is where most
// problems start; a broken link that a theme template writes on every page
// still maps to each page's own source.
func SourceOf(page string, sources map[string]bool) string {
	dir, ok := strings.CutSuffix(page, "/index.html")
	if !ok {
		if page == "index.html" {
			if sources["pages/index.md"] {
				return "pages/index.md"
			}
			return "handbook.toml"
		}
		return ""
	}
	seg := strings.Split(dir, "/")
	if slices.Contains(seg, "") {
		return ""
	}
	switch len(seg) {
	case 1:
		switch seg[0] {
		case "releases", "roles":
			return "handbook.toml"
		case "glossary":
			return "glossary.toml"
		}
		return "pages/" + seg[0] + ".md"
	case 2:
		switch seg[0] {
		case "releases":
			return "releases/" + seg[1] + ".toml"
		case "roles", "print":
			return "roles/" + seg[1] + ".md"
		}
	case 3:
		if seg[0] == "releases" {
			return "roles/" + seg[2] + ".md"
		}
	}
	return ""
}
