package render

import (
	"html"
	"strings"

	"github.com/relbook/relbook/generator/handbook"
)

// movedPages are the pages at a renamed role's former addresses (its
// guide's former_ids): /roles/<old>/ and, in every release,
// /releases/<id>/<old>/, each sending the reader on to the page that
// replaced it, as Hugo's aliases do. Bookmarks and links from elsewhere
// keep working; the sitemap leaves them out.
func movedPages(h *handbook.Handbook) []file {
	var files []file
	for _, role := range h.Roles {
		if !role.HasGuide() {
			continue
		}
		for _, old := range role.FormerIDs {
			files = append(files, movedPage(h, rolePath(old), rolePath(role.ID), role.Title))
			for _, r := range h.Releases {
				for _, c := range r.Checklists {
					if c.Role == role {
						files = append(files, movedPage(h, checklistPath(r, old), checklistPath(r, role.ID), role.Title+" · "+r.Name))
					}
				}
			}
		}
	}
	return files
}

// movedPage is a page at from that sends its reader to the page at to,
// at once (a refresh with no delay) and by a link for those whose browser
// does not follow it, and tells search engines where the page is now.
func movedPage(h *handbook.Handbook, from, to, title string) file {
	return file{name: from + "index.html", moved: true, make: func(*builder) ([]byte, error) {
		rel := strings.Repeat("../", strings.Count(from, "/")) + to
		var b strings.Builder
		b.WriteString("<!DOCTYPE html>\n<html lang=\"" + html.EscapeString(h.Language) + "\">\n<head>\n<meta charset=\"utf-8\">\n")
		b.WriteString("<title>Moved: " + html.EscapeString(title) + "</title>\n")
		b.WriteString("<link rel=\"canonical\" href=\"" + html.EscapeString(h.BaseURL+to) + "\">\n")
		b.WriteString("<meta name=\"robots\" content=\"noindex\">\n")
		b.WriteString("<meta http-equiv=\"refresh\" content=\"0; url=" + html.EscapeString(rel) + "\">\n</head>\n<body>\n")
		b.WriteString("<p>This page moved to <a href=\"" + html.EscapeString(rel) + "\">" + html.EscapeString(title) + "</a>.</p>\n</body>\n</html>\n")
		return []byte(b.String()), nil
	}}
}
