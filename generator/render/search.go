package render

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/markdown"
	"golang.org/x/net/html"
)

// search.json is the index the search box reads in the browser. It is one
// list, in a fixed order — free pages, roles and their guides' headings,
// glossary terms, the current release with its milestones and the tasks
// of its checklists, the feeds page and the feeds, then every other
// release, newest first, with its milestones — so that equal matches rank the way a reader would expect
// and two builds of the same input give the same bytes.

// searchIndex is search.json.
type searchIndex struct {
	Entries []searchEntry `json:"entries"`
}

// searchEntry is one thing a reader can find.
type searchEntry struct {
	Title string `json:"title"`
	// URL is relative to the site root: "releases/v3.4/#code-freeze".
	URL string `json:"url"`
	// Kind is page, release, milestone, role, heading, task, term or
	// feed.
	Kind string `json:"kind"`
	// Text is a short context: where the heading is, when the task is
	// due, what the term means.
	Text string `json:"text"`
	// Current marks what belongs to the current release, which the
	// search box ranks first among equal matches.
	Current bool `json:"current,omitempty"`
}

// searchTextLen bounds an entry's text, in characters.
const searchTextLen = 160

func (b *builder) searchIndex() searchIndex {
	h := b.h
	idx := searchIndex{Entries: []searchEntry{}}
	current := false // whether the entries being added are the current release's
	add := func(title, url, kind, text string) {
		idx.Entries = append(idx.Entries, searchEntry{title, url, kind, clip(text, searchTextLen), current})
	}
	// Guides and pages show their inline dates for the current release.
	refText := b.currentRefText()
	for _, pg := range h.Pages {
		if pg.Slug == "index" {
			continue
		}
		add(pg.Title, pg.Slug+"/", "page", pg.Summary)
		for _, hd := range pg.Doc.Headings {
			add(hd.TextFor(refText), pg.Slug+"/#"+hd.ID, "heading", pg.Title)
		}
	}
	for _, role := range h.Roles {
		if !role.HasGuide() {
			continue
		}
		add(role.Title, rolePath(role.ID), "role", role.Summary)
		for _, hd := range role.Guide.Headings {
			add(hd.TextFor(refText), rolePath(role.ID)+"#"+hd.ID, "heading", role.Title+" guide")
		}
		for _, pg := range role.Pages {
			dir := guidePagePath(role, pg)
			add(pg.Title, dir, "page", cmpOr(pg.Summary, role.Title+" guide"))
			for _, hd := range pg.Doc.Headings {
				add(hd.TextFor(refText), dir+"#"+hd.ID, "heading", pg.Title)
			}
		}
	}
	for _, t := range h.Terms {
		text := t.Expansion
		if len(t.Aliases) > 0 {
			text = strings.TrimSpace(text + " (also: " + strings.Join(t.Aliases, ", ") + ")")
		}
		def := b.plainMarkdown(t.Definition)
		if text != "" && def != "" {
			text += ": "
		}
		add(t.Name, "glossary/#"+t.ID, "term", text+def)
	}
	release := func(r *handbook.Release) {
		name := r.Name
		if r.Codename != "" {
			name += " “" + r.Codename + "”"
		}
		add(name, releasePath(r), "release",
			fmt.Sprintf("%s; %s to %s", r.Status, r.Start.Long(), r.ReleaseDate().Long()))
		for _, m := range r.Milestones {
			add(m.Name, releasePath(r)+"#"+m.ID, "milestone", r.Name+": "+m.When())
		}
	}
	// Every calendar feed, found by "calendar", "subscribe", "ical" or
	// its name; the entry leads to the Subscribe section of the page
	// that offers it.
	feed := func(title, page, text string) {
		add(title, page+"#subscribe", "feed", "Calendar feed to subscribe to: "+text)
	}
	if cur := h.Current; cur != nil {
		current = true
		release(cur)
		feed("All of "+cur.Name, releasePath(cur), "every milestone, phase and meeting of "+cur.Name+" (iCal)")
		for _, c := range cur.Checklists {
			url := checklistPath(cur, c.Role.ID)
			prefix := cur.ID + "-" + c.Role.ID + "-"
			for _, g := range c.Groups {
				due := "due " + g.Due.Long()
				if g.IsRange() {
					due = "from " + g.From.Long() + " to " + g.Due.Long()
				}
				for _, t := range g.Tasks {
					add(t.TextFor(refText), url+"#"+prefix+t.ID, "task", c.Role.Title+", "+due)
				}
			}
			for _, t := range c.Undated {
				add(t.TextFor(refText), url+"#"+prefix+t.ID, "task", c.Role.Title+", any time")
			}
			feed(c.Role.Title+" in "+cur.Name, url, "the "+c.Role.Title+"'s deadlines and meetings in "+cur.Name+" (iCal)")
		}
		current = false
	}
	// The page of every feed, found by "subscribe", "calendar", "feeds",
	// "ical" or "webcal".
	add("Calendar feeds", feedsPath, "page", "Subscribe to every calendar of the handbook: key dates, each release, each role (iCal, webcal), and schedule changes (Atom)")
	if len(h.Releases) > 0 {
		feed("Key dates of every release", "", "the key dates of every release of "+h.Title+" (iCal)")
	}
	for _, role := range h.Roles {
		if role.HasGuide() {
			feed(role.Title+": every release", rolePath(role.ID), "the "+role.Title+"'s deadlines and meetings in every release (iCal)")
		}
	}
	for _, r := range h.Releases {
		if r != h.Current {
			release(r)
		}
	}
	return idx
}

// plainMarkdown renders a markdown fragment and keeps its text: what a
// search result shows of a definition.
func (b *builder) plainMarkdown(doc *markdown.Doc) string {
	out, err := doc.Render(nil)
	if err != nil {
		return ""
	}
	return plainText(string(out))
}

// plainText is the text of an HTML fragment, its white space collapsed.
func plainText(fragment string) string {
	var buf strings.Builder
	z := html.NewTokenizer(bytes.NewReader([]byte(fragment)))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(buf.String()), " ")
		case html.TextToken:
			buf.Write(z.Text())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			if name, _ := z.TagName(); blockTags[string(name)] {
				buf.WriteByte(' ')
			}
		}
	}
}

// blockTags are the elements whose text is not run into the next
// element's.
var blockTags = map[string]bool{
	"p": true, "br": true, "li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true,
	"div": true, "pre": true, "blockquote": true, "table": true, "tr": true, "td": true, "th": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
}

// clip shortens s to at most n characters, at a word boundary, with an
// ellipsis.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut := []rune(s)[:n]
	t := string(cut)
	if i := strings.LastIndexByte(t, ' '); i > n/2 {
		t = t[:i]
	}
	return strings.TrimRight(t, " ,;:.") + "…"
}

// cmpOr is the first of its arguments that is not empty.
func cmpOr(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
