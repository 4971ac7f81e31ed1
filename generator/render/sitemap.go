package render

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"
)

// sitemap writes sitemap.xml: the absolute address of every HTML page
// among the output's names but 404.html, sorted. There is no <lastmod>: relbook knows no
// honest modification time (file times change on every clone, and the
// build date is not when a page changed).
func sitemap(baseURL string, names map[string]bool) []byte {
	var urls []string
	for name := range names {
		if !strings.HasSuffix(name, ".html") || name == notFoundPath || strings.HasPrefix(name, "static/") {
			continue
		}
		urls = append(urls, baseURL+strings.TrimSuffix(name, "index.html"))
	}
	slices.Sort(urls)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, u := range urls {
		buf.WriteString("  <url><loc>")
		_ = xml.EscapeText(&buf, []byte(u))
		buf.WriteString("</loc></url>\n")
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}
