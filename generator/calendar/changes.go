package calendar

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"slices"
	"time"

	"github.com/relbook/relbook/generator/handbook"
)

// ChangesPath is where the site publishes the Atom feed of schedule
// changes, which links to itself.
const ChangesPath = "changes.xml"

// Changes writes changes.xml: an Atom feed with one entry for every time a
// milestone moved (its `was` history), newest first, so that readers learn
// that a date moved and why, not only that their calendar changed.
//
// An entry's id is stable (the release, the milestone and the slip's
// place in its history), so feed readers never show a slip twice. Its
// updated time is the slip's `changed` date when the author recorded one,
// else the feeds' timestamp ([Options.Stamp]), never the clock.
func Changes(h *handbook.Handbook, opts Options) ([]byte, error) {
	stamp := opts.stamp()
	feed := atomFeed{
		XMLNS:  "http://www.w3.org/2005/Atom",
		ID:     h.BaseURL + ChangesPath,
		Title:  h.Title + ": schedule changes",
		Links:  []atomLink{{Rel: "self", Href: h.BaseURL + ChangesPath}, {Rel: "alternate", Href: h.BaseURL}},
		Author: atomPerson{Name: h.Title},
	}
	for _, r := range h.Releases {
		for _, m := range r.Slipped() {
			for i, s := range m.Was {
				to := m.Date
				if i+1 < len(m.Was) {
					to = m.Was[i+1].Date
				}
				updated := stamp
				if s.Changed != 0 {
					updated = s.Changed.Time(time.UTC)
				}
				note := s.Note
				if note == "" && i+1 == len(m.Was) {
					note = m.Note
				}
				summary := fmt.Sprintf("%s of %s moved from %s to %s.", m.Name, r.Name, s.Date.Long(), to.Long())
				if note != "" {
					summary += " " + note
				}
				feed.Entries = append(feed.Entries, atomEntry{
					ID:      fmt.Sprintf("tag:%s,2000:%s/%s/moved/%d", h.UIDDomain, r.ID, m.ID, i+1),
					Title:   fmt.Sprintf("%s (%s) moved to %s", m.Name, r.Name, to.Long()),
					Updated: updated.UTC().Format(time.RFC3339),
					Links:   []atomLink{{Rel: "alternate", Href: h.BaseURL + "releases/" + r.ID + "/#" + m.ID}},
					Summary: summary,
					sortKey: updated,
				})
			}
		}
	}
	slices.SortStableFunc(feed.Entries, func(a, b atomEntry) int {
		return cmp.Or(b.sortKey.Compare(a.sortKey), cmp.Compare(a.ID, b.ID))
	})
	feed.Updated = stamp.UTC().Format(time.RFC3339)
	if len(feed.Entries) > 0 && feed.Entries[0].sortKey.After(stamp) {
		feed.Updated = feed.Entries[0].Updated
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(feed); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

type atomFeed struct {
	XMLName xml.Name    `xml:"feed"`
	XMLNS   string      `xml:"xmlns,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID      string     `xml:"id"`
	Title   string     `xml:"title"`
	Updated string     `xml:"updated"`
	Links   []atomLink `xml:"link"`
	Summary string     `xml:"summary"`
	sortKey time.Time
}
