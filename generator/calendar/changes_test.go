package calendar

import (
	"encoding/xml"
	"strings"
	"testing"
)

// changesSite is slipSite with the enhancements freeze moved twice: once
// on a recorded day, with a note that is markup, and once more without.
func changesSite() map[string]string {
	return slipSite(`date = 2026-11-05
was = [
  { date = 2026-10-22, changed = 2026-09-01, note = "<script>alert('slip')</script>" },
  2026-10-29,
]
note = "Waiting for the <i>CI</i> fix"`)
}

func TestChanges(t *testing.T) {
	h := site(t, changesSite())
	a, err := Changes(h, Options{Stamp: stamp})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Changes(h, Options{Stamp: stamp})
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
	if len(feed.Entries) != 2 {
		t.Fatalf("%d entries, want one for each slip:\n%s", len(feed.Entries), a)
	}
	// Newest first: the slip without a recorded day is as new as the
	// feeds' timestamp.
	last, first := feed.Entries[0], feed.Entries[1]
	if last.Updated != "2026-11-20T09:00:00Z" || first.Updated != "2026-09-01T00:00:00Z" || feed.Updated != last.Updated {
		t.Errorf("updated: feed %s, entries %s and %s", feed.Updated, last.Updated, first.Updated)
	}
	for _, c := range []struct{ got, want string }{
		{first.Summary, "moved from Thursday 22 October 2026 to Thursday 29 October 2026. <script>alert('slip')</script>"},
		{last.Summary, "moved from Thursday 29 October 2026 to Thursday 5 November 2026. Waiting for the <i>CI</i> fix"},
		{first.ID, "tag:handbook.example.org,2000:v1.0/enhancements-freeze/moved/1"},
		{last.Link.Href, "https://handbook.example.org/docs/releases/v1.0/#enhancements-freeze"},
	} {
		if !strings.HasSuffix(c.got, c.want) {
			t.Errorf("got %q, want it to end in %q", c.got, c.want)
		}
	}
	if strings.Contains(string(a), "<script>") || strings.Contains(string(a), "<i>") {
		t.Error("author text reached changes.xml unescaped")
	}
}

// Without a stamp, the feed's time is 2000-01-01, as the calendars' is.
func TestChangesStampDefault(t *testing.T) {
	out, err := Changes(site(t, slipSite(`date = 2026-10-29`)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "<updated>2000-01-01T00:00:00Z</updated>") {
		t.Errorf("zero Stamp is not 2000-01-01:\n%s", out)
	}
}
