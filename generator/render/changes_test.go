package render_test

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/relbook/relbook/generator/render"
)

func TestChanges(t *testing.T) {
	h := resolveSite(t, site)
	stamp := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	a, err := render.Changes(h, stamp)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := render.Changes(h, stamp)
	if string(a) != string(b) {
		t.Error("two renders of changes.xml differ")
	}
	var feed struct {
		Updated string `xml:"updated"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Summary string `xml:"summary"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(a, &feed); err != nil {
		t.Fatalf("changes.xml is not XML: %v\n%s", err, a)
	}
	if len(feed.Entries) == 0 {
		t.Fatalf("no entries for the slipped milestone:\n%s", a)
	}
	e := feed.Entries[0]
	for _, want := range []string{"moved from Tuesday 14 October 2025"} {
		if !strings.Contains(e.Summary, want) {
			t.Errorf("entry summary %q lacks %q", e.Summary, want)
		}
	}
	if !strings.HasPrefix(e.ID, "tag:") || !strings.Contains(e.Link.Href, "#") {
		t.Errorf("entry id %q / link %q: want a tag: id and a link to the milestone", e.ID, e.Link.Href)
	}
	if strings.Contains(string(a), "<script>") {
		t.Error("author text reached changes.xml unescaped")
	}
}
