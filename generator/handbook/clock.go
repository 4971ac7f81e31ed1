package handbook

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// TimeKind says how a milestone's day is pinned to the clock.
type TimeKind int

const (
	// AllDay milestones have a date and no time.
	AllDay TimeKind = iota
	// AoE deadlines end when the date ends everywhere on Earth: at the end
	// of that day in UTC−12, which is noon UTC the next day.
	AoE
	// Clock times are a wall-clock time in a named zone.
	Clock
)

// TimeOfDay is a milestone's `time`: all-day, AoE, or a clock time in a zone.
type TimeOfDay struct {
	Kind   TimeKind
	Hour   int
	Minute int
	// Zone is the zone of a Clock time: the one written after it, else the
	// release's, else the handbook's.
	Zone *time.Location
	// Shown, when set, is the release's zone, in which a time written in
	// UTC is also shown, first.
	Shown *time.Location
}

// ParseTimeOfDay reads a `time` value: "AoE", "18:00" (in defaultZone),
// "02:00 UTC" or "10:00 Europe/Berlin".
func ParseTimeOfDay(s string, defaultZone *time.Location) (TimeOfDay, error) {
	if s == "AoE" {
		return TimeOfDay{Kind: AoE}, nil
	}
	clock, zone, hasZone := strings.Cut(s, " ")
	h, m, err := ParseClock(clock)
	if err != nil {
		if strings.EqualFold(s, "aoe") {
			return TimeOfDay{}, fmt.Errorf("write AoE as %q", "AoE")
		}
		return TimeOfDay{}, fmt.Errorf("time %q: %v; write \"AoE\", \"HH:MM\", \"HH:MM UTC\" or \"HH:MM Area/City\"", s, err)
	}
	loc := defaultZone
	if hasZone {
		if loc, err = LoadZone(strings.TrimSpace(zone)); err != nil {
			return TimeOfDay{}, err
		}
	}
	return TimeOfDay{Kind: Clock, Hour: h, Minute: m, Zone: loc}, nil
}

// ParseClock reads a 24-hour "HH:MM".
func ParseClock(s string) (hour, minute int, err error) {
	if len(s) != 5 || s[2] != ':' {
		return 0, 0, fmt.Errorf("not a 24-hour HH:MM time")
	}
	h, ok1 := digits(s[:2])
	m, ok2 := digits(s[3:])
	if !ok1 || !ok2 || h > 23 || m > 59 {
		return 0, 0, fmt.Errorf("not a 24-hour HH:MM time")
	}
	return h, m, nil
}

// LoadZone loads an IANA zone ("America/Los_Angeles") or "UTC". Unlike
// time.LoadLocation it refuses "Local" and the empty name, whose meaning
// would depend on the machine that builds the site.
func LoadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" || strings.HasPrefix(name, "/") || strings.Contains(name, "..") {
		return nil, fmt.Errorf("unknown time zone %q: use an IANA name such as \"Europe/Berlin\" or \"UTC\"", name)
	}
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q: use an IANA name such as \"Europe/Berlin\" or \"UTC\"", name)
	}
	zones.Store(name, loc)
	return loc, nil
}

// zones are the zones LoadZone has loaded, by name: time.LoadLocation
// reads the zone database again on every call, and a Location never
// changes once loaded.
var zones sync.Map

// Instant returns the exact moment of the time on date d, in UTC; the zero
// time for AllDay.
func (t TimeOfDay) Instant(d Date) time.Time {
	switch t.Kind {
	case AoE:
		return d.AddDays(1).Time(time.UTC).Add(12 * time.Hour)
	case Clock:
		return LocalInstant(d, t.Hour, t.Minute, t.Zone).UTC()
	}
	return time.Time{}
}

// LocalInstant returns the instant at which the wall clock in loc shows
// hour:minute on date d, following RFC 5545 §3.3.5: a time that a
// daylight-saving change skips moves forward by the length of the gap, and a
// time that happens twice means the first.
func LocalInstant(d Date, hour, minute int, loc *time.Location) time.Time {
	wall := d.Time(time.UTC).Add(time.Duration(hour)*time.Hour + time.Duration(minute)*time.Minute)
	_, before := wall.Add(-36 * time.Hour).In(loc).Zone()
	_, after := wall.Add(36 * time.Hour).In(loc).Zone()
	var found []time.Time
	for _, off := range []int{before, after} {
		t := wall.Add(-time.Duration(off) * time.Second)
		if _, o := t.In(loc).Zone(); o == off {
			found = append(found, t)
		}
	}
	switch {
	case len(found) == 0: // in the gap: keep the offset from before it
		return wall.Add(-time.Duration(before) * time.Second).In(loc)
	case len(found) == 2 && found[1].Before(found[0]):
		return found[1].In(loc)
	}
	return found[0].In(loc)
}

// Format writes an instant the way relbook shows deadlines: first on the
// clock of the zone it was written in (for a time written in UTC, of the
// release's zone, Shown), with that day's abbreviation, then in UTC. AoE
// deadlines name the day they close on:
//
//	Thursday 16 October 2025 (AoE) / Friday 17 October 2025, 12:00 UTC
//	Tuesday 10 November 2026, 18:00 PST / Wednesday 11 November 2026, 02:00 UTC
func (t TimeOfDay) Format(d Date) string {
	inst := t.Instant(d)
	utc := DateFromTime(inst).Long() + ", " + inst.Format("15:04") + " UTC"
	switch {
	case t.Kind == AllDay:
		return d.Long()
	case t.Kind == AoE:
		return d.Long() + " (AoE) / " + utc
	}
	local := inst.In(t.Zone)
	if isUTC(local) && t.Shown != nil {
		local = inst.In(t.Shown)
	}
	if isUTC(local) {
		return utc
	}
	return DateFromTime(local).Long() + ", " + local.Format("15:04 MST") + " / " + utc
}

// isUTC reports whether t's zone is UTC under any of its names.
func isUTC(t time.Time) bool { return t.Format("MST") == "UTC" }

// Spec writes the time for programs, as the JSON outputs give it: "AoE",
// or the clock time and its zone's IANA name ("18:00 America/Los_Angeles");
// "" all day.
func (t TimeOfDay) Spec() string {
	switch t.Kind {
	case AoE:
		return "AoE"
	case Clock:
		return fmt.Sprintf("%02d:%02d %s", t.Hour, t.Minute, t.Zone)
	}
	return ""
}

// Label writes the time alone, for tables: "AoE", "18:00 PST", "02:00 UTC".
func (t TimeOfDay) Label(d Date) string {
	switch t.Kind {
	case AoE:
		return "AoE"
	case Clock:
		return t.Instant(d).In(t.Zone).Format("15:04 MST")
	}
	return ""
}

// ZoneName names a zone the way people say it in meeting invitations:
// "PT" for America/Los_Angeles whatever the season, "JST" for a zone that
// never changes its clocks, else the IANA name (never an abbreviation that
// is right for only half the year).
func ZoneName(loc *time.Location) string {
	if n, ok := zoneNames[loc.String()]; ok {
		return n
	}
	return loc.String()
}

var zoneNames = map[string]string{
	"America/Los_Angeles": "PT",
	"America/Vancouver":   "PT",
	"America/Denver":      "MT",
	"America/Chicago":     "CT",
	"America/New_York":    "ET",
	"America/Toronto":     "ET",
	"Asia/Tokyo":          "JST",
	"Asia/Kolkata":        "IST",
	"UTC":                 "UTC",
	"Etc/UTC":             "UTC",
}
