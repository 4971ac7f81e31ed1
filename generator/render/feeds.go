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
	// all is the page listing every feed, relative to the page: the
	// Subscribe section links it.
	all string
}

// feedList is a page's calendar feeds, and a component: HTML is the
// "Subscribe" section every page that offers feeds prints (through the
// "subscribe" partial); a theme that wants other markup ranges over the
// feeds.
type feedList []feedView

// HTML is the "Subscribe" section: each feed's webcal:// link, its
// https:// address to copy and its file, then how to subscribe in the
// common calendar apps. No feeds, no section.
func (fs feedList) HTML() template.HTML {
	if len(fs) == 0 {
		return ""
	}
	return write(func(out []byte) []byte {
		out = append(out, subscribeOpen...)
		if fs[0].all != "" {
			out = append(out, " <a href=\""...)
			out = appendURL(out, fs[0].all, false)
			out = append(out, "\">Every calendar of the handbook</a> is on one page."...)
		}
		out = append(out, subscribeList...)
		out = fs.appendItems(out)
		out = append(out, "\n  </ul>"...)
		return append(out, subscribeHowTo...)
	})
}

// Items is the feeds as list items of a <ul class="feeds">, without the
// section around them: for a page that lists feeds in groups.
func (fs feedList) Items() template.HTML {
	return write(fs.appendItems)
}

func (fs feedList) appendItems(out []byte) []byte {
	for i := range fs {
		f := &fs[i]
		out = append(out, "\n    <li>\n      <span class=\"feed-title\">"...)
		out = appendEscaped(out, f.Title)
		out = append(out, "</span>\n      <a class=\"button\" href=\""...)
		out = appendURL(out, string(f.Webcal), true)
		out = append(out, "\">Subscribe</a>\n      <span class=\"feed-url\"><code>"...)
		out = appendEscaped(out, f.HTTPS)
		out = append(out, "</code> <button type=\"button\" class=\"copy-url\" data-copy=\""...)
		out = appendEscaped(out, f.HTTPS)
		out = append(out, "\" hidden>Copy</button></span>\n      <a href=\""...)
		out = appendURL(out, f.URL, false)
		out = append(out, "\" download>.ics file</a>\n    </li>"...)
	}
	return out
}

// The "Subscribe" section around the feeds.
const (
	subscribeOpen = `
<section class="subscribe" aria-labelledby="subscribe">
  <h2 id="subscribe">Subscribe</h2>
  <p>Add a calendar once and it stays right when dates move: your calendar app checks it for changes.`
	subscribeList = `</p>
  <ul class="feeds">`
	subscribeHowTo = `
  <details>
    <summary>How to subscribe in your calendar</summary>
    <dl>
      <dt>Apple Calendar, Outlook on the desktop, Thunderbird</dt>
      <dd>Choose <em>Subscribe</em>; the app asks to add the calendar. In Thunderbird you can also use <em>New Calendar → On the Network</em> and paste the address.</dd>
      <dt>Google Calendar</dt>
      <dd>Open <em>Other calendars → + → From URL</em> and paste the <code>https://</code> address. Google refreshes subscribed calendars every few hours.</dd>
      <dt>Outlook on the web</dt>
      <dd>Choose <em>Add calendar → Subscribe from web</em> and paste the <code>https://</code> address.</dd>
    </dl>
    <p>Downloading the <em>.ics file</em> imports a copy that does not follow later changes.</p>
  </details>
</section>`
)

// feed describes the calendar feed at sitePath ("releases/v3.4/calendar.ics").
func (b *builder) feed(p page, title, sitePath string) feedView {
	abs := b.h.BaseURL + sitePath
	webcal := abs
	if rest, ok := strings.CutPrefix(abs, "https://"); ok {
		webcal = "webcal://" + rest
	} else if rest, ok := strings.CutPrefix(abs, "http://"); ok {
		webcal = "webcal://" + rest
	}
	return feedView{Title: title, URL: p.url(sitePath), HTTPS: abs, Webcal: template.URL(webcal), all: p.url(feedsPath)}
}

// feedsPath is the page that lists every feed of the site.
const feedsPath = "feeds/"

// feedsPage is feeds.html: every calendar feed the site has, grouped —
// the whole handbook's, each release's with its roles', and each role's
// across releases — and the Atom feed of schedule changes.
type feedsPage struct {
	page
	// Handbook are the feeds of the whole handbook: key dates, the
	// current release, patch releases.
	Handbook feedList
	// Releases are the releases, newest first, each with its feeds.
	Releases []releaseFeeds
	// Roles are each role's feed across every release.
	Roles feedList
	// Changes is the Atom feed of schedule changes: its address
	// relative to the page, and absolute.
	Changes, ChangesHTTPS string
	// HowTo says how to subscribe in the common calendar apps, as the
	// Subscribe section does, opened.
	HowTo template.HTML
}

// releaseFeeds is a release on the feeds page.
type releaseFeeds struct {
	ID, Name, URL string
	Feeds         feedList
}

func (b *builder) feedsPage(p page) any {
	h := b.h
	p.Title = "Calendar feeds"
	p.Description = "Every calendar of the " + h.Title + " to subscribe to, by release and by role, and the feed of schedule changes."
	p.crumbs("Calendar feeds")
	v := &feedsPage{page: p, Changes: p.url("changes.xml"), ChangesHTTPS: h.BaseURL + "changes.xml", HowTo: template.HTML(strings.Replace(strings.TrimSuffix(subscribeHowTo, "\n</section>"), "<details>", "<details open>", 1))}
	if len(h.Releases) > 0 {
		v.Handbook = append(v.Handbook, b.feed(p, "Key dates of every release", siteFeedPath))
	}
	if r := h.Current; r != nil {
		v.Handbook = append(v.Handbook, b.feed(p, "All of the current release, whichever it is (now "+r.Name+")", currentFeedPath))
	}
	if hasPatches(h) {
		v.Handbook = append(v.Handbook, b.feed(p, "Every patch release and cherry-pick deadline", patchesFeedPath))
	}
	for _, r := range h.Releases {
		rf := releaseFeeds{ID: r.ID, Name: r.Name, URL: p.url(releasePath(r))}
		// Under the release's heading, a feed is named by what sets it
		// apart.
		rf.Feeds = append(rf.Feeds, b.feed(p, "All of "+r.Name, releaseFeedPath(r)))
		for _, id := range h.ReleaseFeedRoles(r) {
			rf.Feeds = append(rf.Feeds, b.feed(p, roleTitle(h, id), roleReleaseFeedPath(r, id)))
		}
		v.Releases = append(v.Releases, rf)
	}
	for _, id := range h.FeedRoles() {
		v.Roles = append(v.Roles, b.feed(p, roleTitle(h, id)+": every release", roleFeedPath(id)))
	}
	return v
}

// Feed paths (SPEC §4); package calendar writes the files.
func releaseFeedPath(r *handbook.Release) string                { return releasePath(r) + "calendar.ics" }
func roleReleaseFeedPath(r *handbook.Release, id string) string { return releasePath(r) + id + ".ics" }
func roleFeedPath(id string) string                             { return "roles/" + id + ".ics" }

// patchesFeedPath is the feed of every patch release and cherry-pick
// deadline of the handbook.
const patchesFeedPath = "patches.ics"

const siteFeedPath = "calendar.ics"

// currentFeedPath is the feed of the current release, whichever it is:
// the address to subscribe to once for every cycle in full.
const currentFeedPath = "current.ics"
