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
