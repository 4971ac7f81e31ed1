package handbook

import (
	"fmt"
	"testing"
)

// The date texts are written without fmt for speed; they must read as the
// fmt formats they replace, for every year a handbook can hold.
func TestDateTextsAsFmt(t *testing.T) {
	for d := MustDate(MinYear, 1, 1); d <= MustDate(MaxYear, 12, 31); d += 37 {
		y, m, day := d.YMD()
		for _, c := range []struct{ got, want string }{
			{d.String(), fmt.Sprintf("%04d-%02d-%02d", y, int(m), day)},
			{d.Long(), fmt.Sprintf("%s %d %s %d", d.Weekday(), day, m, y)},
			{d.Short(), fmt.Sprintf("%s %d %s", d.Weekday().String()[:3], day, m.String()[:3])},
			{d.Medium(), fmt.Sprintf("%d %s %d", day, m.String()[:3], y)},
		} {
			if c.got != c.want {
				t.Fatalf("%d: %q, want %q", int(d), c.got, c.want)
			}
		}
	}
	for d, want := range map[Date]string{
		MustDate(2026, 2, 28): "2026-02-28", MustDate(2024, 2, 29): "2024-02-29",
		MustDate(1999, 12, 31): "1999-12-31", MustDate(2000, 1, 1): "2000-01-01",
	} {
		if got := d.String(); got != want {
			t.Errorf("%q, want %q", got, want)
		}
		if got := d.Long(); want == "2026-02-28" && got != "Saturday 28 February 2026" {
			t.Errorf("Long: %q", got)
		}
	}
}

// LoadZone gives the same zone on every call, and refuses the same names.
func TestLoadZoneRemembers(t *testing.T) {
	a, err := LoadZone("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := LoadZone("America/Los_Angeles")
	if a != b || a.String() != "America/Los_Angeles" {
		t.Errorf("LoadZone: %v then %v", a, b)
	}
	for _, bad := range []string{"", "Local", "/etc/localtime", "../x", "Nowhere/City"} {
		if _, err := LoadZone(bad); err == nil {
			t.Errorf("LoadZone(%q) must fail", bad)
		}
	}
}

// SPEC §7.1: a time written in UTC reads in the release's zone first.
func TestFormatUTCInReleaseZone(t *testing.T) {
	utc, _ := LoadZone("UTC")
	la, _ := LoadZone("America/Los_Angeles")
	d := MustDate(2025, 2, 14)
	tests := []struct {
		t    TimeOfDay
		want string
	}{
		{TimeOfDay{Kind: Clock, Hour: 2, Zone: utc, Shown: la}, "Thursday 13 February 2025, 18:00 PST / Friday 14 February 2025, 02:00 UTC"},
		{TimeOfDay{Kind: Clock, Hour: 2, Zone: utc, Shown: utc}, "Friday 14 February 2025, 02:00 UTC"},
		{TimeOfDay{Kind: Clock, Hour: 2, Zone: utc}, "Friday 14 February 2025, 02:00 UTC"},
		// Shown only matters for a time written in UTC.
		{TimeOfDay{Kind: Clock, Hour: 18, Zone: la, Shown: utc}, "Friday 14 February 2025, 18:00 PST / Saturday 15 February 2025, 02:00 UTC"},
	}
	for _, tt := range tests {
		if got := tt.t.Format(d); got != tt.want {
			t.Errorf("Format = %q, want %q", got, tt.want)
		}
	}
}

func TestSortTimeline(t *testing.T) {
	la, _ := LoadZone("America/Los_Angeles")
	day := MustDate(2026, 2, 5)
	at := func(id string, d Date, h int) *Milestone {
		m := &Milestone{ID: id, Date: d, End: d}
		if h >= 0 {
			m.Time = TimeOfDay{Kind: Clock, Hour: h, Zone: la}
		}
		return m
	}
	ms := []*Milestone{at("a", day, 18), at("later", day+1, -1), at("b", day, -1), at("c", day, 9), at("earlier", day-1, 20), at("d", day, 12)}
	SortTimeline(ms)
	var got string
	for _, m := range ms {
		got += m.ID + " "
	}
	if want := "earlier c b d a later "; got != want {
		t.Errorf("SortTimeline: %q, want %q", got, want)
	}
}
