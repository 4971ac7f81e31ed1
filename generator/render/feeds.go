package render

import (
	"html/template"
	"strings"

	"github.com/relbook/relbook/generator/handbook"
)

// feedView is a calendar feed as a page offers it: a webcal:// link that
// opens the reader's calendar app, the https:// address to paste into a
// web calendar, and the file itself.
type feedView struct {
	Title string
	URL   string // relative, to download the file
	HTTPS string
	// Webcal is trusted: html/template does not know the webcal: scheme,
	// and the address is built from base_url, which resolve checked is an
	// absolute http(s) URL.
	Webcal template.URL
}

// feed describes the calendar feed at sitePath ("releases/v3.4/calendar.ics").
func (b *builder) feed(p page, title, sitePath string) feedView {
	abs := b.h.BaseURL + sitePath
	webcal := abs
	if rest, ok := strings.CutPrefix(abs, "https://"); ok {
		webcal = "webcal://" + rest
	} else if rest, ok := strings.CutPrefix(abs, "http://"); ok {
		webcal = "webcal://" + rest
	}
	return feedView{Title: title, URL: p.url(sitePath), HTTPS: abs, Webcal: template.URL(webcal)}
}

// Feed paths (SPEC §4); package calendar writes the files.
func releaseFeedPath(r *handbook.Release) string                { return releasePath(r) + "calendar.ics" }
func roleReleaseFeedPath(r *handbook.Release, id string) string { return releasePath(r) + id + ".ics" }
func roleFeedPath(id string) string                             { return "roles/" + id + ".ics" }

const siteFeedPath = "calendar.ics"
