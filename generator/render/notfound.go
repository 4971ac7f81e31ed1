package render

import (
	"html/template"
)

// notFoundPath is the page a static host shows for a missing file.
const notFoundPath = "404.html"

// notFoundPage is 404.html. A host serves it at whatever address was
// asked for, at any depth, so relative links cannot work on it: its links
// are absolute (base_url) and its stylesheet is written into the page.
type notFoundPage struct {
	page
}

func (b *builder) notFound(css []byte, root string) any {
	p := b.page(notFoundPath, nil)
	p.Root = root
	p.URL = ""
	p.SearchURL = ""
	p.Nav = b.nav(p)
	p.Title = "Page not found"
	p.Description = "There is no page at this address in the " + b.h.Title + "."
	p.InlineCSS = template.CSS(css)
	p.NoScript = true
	return &notFoundPage{page: p}
}
