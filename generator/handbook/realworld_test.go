package handbook_test

// Tests of relbook's date and time logic against real, published release
// schedules and real zone rules. Every expected value below was taken from
// the source named in the comment next to it, not from running the code.

import (
	"strings"
	"testing"
	"time"

	"github.com/relbook/relbook/generator/handbook"
)

func rwZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := handbook.LoadZone(name)
	if err != nil {
		t.Fatalf("LoadZone(%q): %v", name, err)
	}
	return loc
}

func rwTime(t *testing.T, s string, zone *time.Location) handbook.TimeOfDay {
	t.Helper()
	tod, err := handbook.ParseTimeOfDay(s, zone)
	if err != nil {
		t.Fatalf("ParseTimeOfDay(%q): %v", s, err)
	}
	return tod
}

// Deadlines as the Kubernetes and OpenStack release teams published them.
func TestRealWorldDeadlines(t *testing.T) {
	la := rwZone(t, "America/Los_Angeles")
	tests := []struct {
		source  string
		date    handbook.Date
		time    string
		zone    *time.Location // the release zone, for times written without one
		instant time.Time
		format  string
		label   string
	}{
		{
			// kubernetes/sig-release releases/release-1.35/README.md: Enhancements
			// Freeze "Thursday 16th October 2025 (AoE) / Friday 17th October 2025,
			// 12:00 UTC", and the note "A deadline of Thursday, Oct 16 (AoE) ...
			// The cutoff therefore would be Friday, Oct 17 at 12:00 UTC." (also SPEC §3)
			source:  "k8s v1.35 enhancements freeze",
			date:    handbook.MustDate(2025, 10, 16),
			time:    "AoE",
			zone:    la,
			instant: time.Date(2025, 10, 17, 12, 0, 0, 0, time.UTC),
			format:  "Thursday 16 October 2025 (AoE) / Friday 17 October 2025, 12:00 UTC",
			label:   "AoE",
		},
		{
			// release-1.35 README: Production Readiness Freeze "Thursday 9th
			// October 2025 (AoE) / Friday 10th October 2025, 12:00 UTC".
			source:  "k8s v1.35 PRR freeze",
			date:    handbook.MustDate(2025, 10, 9),
			time:    "AoE",
			zone:    time.UTC,
			instant: time.Date(2025, 10, 10, 12, 0, 0, 0, time.UTC),
			format:  "Thursday 9 October 2025 (AoE) / Friday 10 October 2025, 12:00 UTC",
			label:   "AoE",
		},
		{
			// release-1.35 README: Code Freeze "Thursday 6th November 2025 (AoE) /
			// Friday 7th November 2025, 12:00 UTC" — days after US DST ended on
			// 2025-11-02, which must not matter for AoE.
			source:  "k8s v1.35 code freeze",
			date:    handbook.MustDate(2025, 11, 6),
			time:    "AoE",
			zone:    la,
			instant: time.Date(2025, 11, 7, 12, 0, 0, 0, time.UTC),
			format:  "Thursday 6 November 2025 (AoE) / Friday 7 November 2025, 12:00 UTC",
			label:   "AoE",
		},
		{
			// release-1.35 README: Docs Freeze "Tuesday 2nd December 2025 (AoE) /
			// Wednesday 3rd December 2025, 12:00 UTC".
			source:  "k8s v1.35 docs freeze",
			date:    handbook.MustDate(2025, 12, 2),
			time:    "AoE",
			zone:    la,
			instant: time.Date(2025, 12, 3, 12, 0, 0, 0, time.UTC),
			format:  "Tuesday 2 December 2025 (AoE) / Wednesday 3 December 2025, 12:00 UTC",
			label:   "AoE",
		},
		{
			// kubernetes/sig-release releases/release-1.34/README.md: Code Freeze
			// "02:00 UTC Friday 25th July 2025 / 19:00 PDT Thursday 24th July 2025".
			source:  "k8s v1.34 code freeze, release zone",
			date:    handbook.MustDate(2025, 7, 24),
			time:    "19:00",
			zone:    la,
			instant: time.Date(2025, 7, 25, 2, 0, 0, 0, time.UTC),
			format:  "Thursday 24 July 2025, 19:00 PDT / Friday 25 July 2025, 02:00 UTC",
			label:   "19:00 PDT",
		},
		{
			// The same deadline written with its zone.
			source:  "k8s v1.34 code freeze, zone written",
			date:    handbook.MustDate(2025, 7, 24),
			time:    "19:00 America/Los_Angeles",
			zone:    time.UTC,
			instant: time.Date(2025, 7, 25, 2, 0, 0, 0, time.UTC),
			format:  "Thursday 24 July 2025, 19:00 PDT / Friday 25 July 2025, 02:00 UTC",
			label:   "19:00 PDT",
		},
		{
			// The same deadline as the UTC half of the published pair.
			source:  "k8s v1.34 code freeze, UTC",
			date:    handbook.MustDate(2025, 7, 25),
			time:    "02:00 UTC",
			zone:    la,
			instant: time.Date(2025, 7, 25, 2, 0, 0, 0, time.UTC),
			format:  "Friday 25 July 2025, 02:00 UTC",
			label:   "02:00 UTC",
		},
		{
			// release-1.34 README: Feature blog freeze published as "02:00 UTC
			// Friday 11th July 2025 / 19:00 PST Thursday 10th July 2025". In July
			// Los Angeles keeps PDT: the typed "PST" is the kind of slip relbook
			// avoids by computing abbreviations from the zone data.
			source:  "k8s v1.34 feature blog freeze",
			date:    handbook.MustDate(2025, 7, 10),
			time:    "19:00",
			zone:    la,
			instant: time.Date(2025, 7, 11, 2, 0, 0, 0, time.UTC),
			format:  "Thursday 10 July 2025, 19:00 PDT / Friday 11 July 2025, 02:00 UTC",
			label:   "19:00 PDT",
		},
		{
			// release-1.34 README: Enhancements Freeze "21:00 UTC Friday 20th June
			// 2025 / 14:00 PST Friday 20th June 2025" — again really PDT.
			source:  "k8s v1.34 enhancements freeze",
			date:    handbook.MustDate(2025, 6, 20),
			time:    "14:00",
			zone:    la,
			instant: time.Date(2025, 6, 20, 21, 0, 0, 0, time.UTC),
			format:  "Friday 20 June 2025, 14:00 PDT / Friday 20 June 2025, 21:00 UTC",
			label:   "14:00 PDT",
		},
		{
			// kubernetes/sig-release releases/release-1.33/README.md timeline:
			// Enhancements Freeze "02:00 UTC Friday 14th February 2025 / 18:00 PST
			// Thursday 13th February 2025" (winter: PST, UTC−8).
			source:  "k8s v1.33 enhancements freeze (PST)",
			date:    handbook.MustDate(2025, 2, 13),
			time:    "18:00",
			zone:    la,
			instant: time.Date(2025, 2, 14, 2, 0, 0, 0, time.UTC),
			format:  "Thursday 13 February 2025, 18:00 PST / Friday 14 February 2025, 02:00 UTC",
			label:   "18:00 PST",
		},
		{
			// release-1.33 README timeline: Feature blog freeze "02:00 UTC Wednesday
			// 5th March 2025 / 18:00 PST Tuesday 4th March 2025" (US DST began
			// 2025-03-09, so still PST).
			source:  "k8s v1.33 feature blog freeze (PST)",
			date:    handbook.MustDate(2025, 3, 4),
			time:    "18:00",
			zone:    la,
			instant: time.Date(2025, 3, 5, 2, 0, 0, 0, time.UTC),
			format:  "Tuesday 4 March 2025, 18:00 PST / Wednesday 5 March 2025, 02:00 UTC",
			label:   "18:00 PST",
		},
		{
			// release-1.33 README: Code Freeze "02:00 UTC Friday 21st March 2025 /
			// 19:00 PDT Thursday 20th March 2025": after 2025-03-09 the same
			// 02:00 UTC is 19:00 on the Los Angeles clock, not 18:00.
			source:  "k8s v1.33 code freeze (PDT)",
			date:    handbook.MustDate(2025, 3, 20),
			time:    "19:00",
			zone:    la,
			instant: time.Date(2025, 3, 21, 2, 0, 0, 0, time.UTC),
			format:  "Thursday 20 March 2025, 19:00 PDT / Friday 21 March 2025, 02:00 UTC",
			label:   "19:00 PDT",
		},
		{
			// And "18:00" Los Angeles written on the code-freeze day is 01:00 UTC
			// (PDT, UTC−7), an hour earlier in UTC than the February 18:00.
			source:  "18:00 LA in March 2025",
			date:    handbook.MustDate(2025, 3, 20),
			time:    "18:00",
			zone:    la,
			instant: time.Date(2025, 3, 21, 1, 0, 0, 0, time.UTC),
			format:  "Thursday 20 March 2025, 18:00 PDT / Friday 21 March 2025, 01:00 UTC",
			label:   "18:00 PDT",
		},
		{
			// Nova spec freeze, openstack/releases doc/source/epoxy/schedule.rst:
			// "approved by 9 January 2025 (23:59 UTC)".
			source:  "OpenStack Epoxy nova spec freeze",
			date:    handbook.MustDate(2025, 1, 9),
			time:    "23:59 UTC",
			zone:    time.UTC,
			instant: time.Date(2025, 1, 9, 23, 59, 0, 0, time.UTC),
			format:  "Thursday 9 January 2025, 23:59 UTC",
			label:   "23:59 UTC",
		},
		{
			// "Etc/UTC" is UTC under another name: shown once, like "UTC".
			source:  "k8s v1.34 code freeze, Etc/UTC",
			date:    handbook.MustDate(2025, 7, 25),
			time:    "02:00 Etc/UTC",
			zone:    la,
			instant: time.Date(2025, 7, 25, 2, 0, 0, 0, time.UTC),
			format:  "Friday 25 July 2025, 02:00 UTC",
			label:   "02:00 UTC",
		},
		{
			// SPEC §1/§3 example format: "10:00 Europe/Berlin". Berlin is CET
			// (UTC+1) in January.
			source:  "10:00 Europe/Berlin in winter",
			date:    handbook.MustDate(2026, 1, 15),
			time:    "10:00 Europe/Berlin",
			zone:    la,
			instant: time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC),
			format:  "Thursday 15 January 2026, 10:00 CET / Thursday 15 January 2026, 09:00 UTC",
			label:   "10:00 CET",
		},
		{
			// Berlin is CEST (UTC+2) in July.
			source:  "10:00 Europe/Berlin in summer",
			date:    handbook.MustDate(2026, 7, 16),
			time:    "10:00 Europe/Berlin",
			zone:    la,
			instant: time.Date(2026, 7, 16, 8, 0, 0, 0, time.UTC),
			format:  "Thursday 16 July 2026, 10:00 CEST / Thursday 16 July 2026, 08:00 UTC",
			label:   "10:00 CEST",
		},
		{
			// A morning deadline east of UTC falls on the previous day in UTC:
			// Tokyo keeps JST (UTC+9) all year, so 08:00 JST is 23:00 UTC the
			// day before.
			source:  "08:00 Asia/Tokyo",
			date:    handbook.MustDate(2026, 3, 2),
			time:    "08:00 Asia/Tokyo",
			zone:    time.UTC,
			instant: time.Date(2026, 3, 1, 23, 0, 0, 0, time.UTC),
			format:  "Monday 2 March 2026, 08:00 JST / Sunday 1 March 2026, 23:00 UTC",
			label:   "08:00 JST",
		},
		{
			// The docstring example of Format: 18:00 PST on Tuesday 10 November
			// 2026 (US DST ended 2026-11-01) is 02:00 UTC on Wednesday.
			source:  "18:00 LA in November 2026",
			date:    handbook.MustDate(2026, 11, 10),
			time:    "18:00",
			zone:    la,
			instant: time.Date(2026, 11, 11, 2, 0, 0, 0, time.UTC),
			format:  "Tuesday 10 November 2026, 18:00 PST / Wednesday 11 November 2026, 02:00 UTC",
			label:   "18:00 PST",
		},
	}
	for _, tt := range tests {
		t.Run(tt.source, func(t *testing.T) {
			tod := rwTime(t, tt.time, tt.zone)
			if got := tod.Instant(tt.date); !got.Equal(tt.instant) || got.Location() != time.UTC {
				t.Errorf("Instant(%s) = %v, want %v in UTC", tt.date, got, tt.instant)
			}
			if got := tod.Format(tt.date); got != tt.format {
				t.Errorf("Format(%s)\n got %q\nwant %q", tt.date, got, tt.format)
			}
			if got := tod.Label(tt.date); got != tt.label {
				t.Errorf("Label(%s) = %q, want %q", tt.date, got, tt.label)
			}
		})
	}
}

// RFC 5545 §3.3.5: "If the local time represented is invalid ... it is
// interpreted as the local time after the gap", moved forward by the length
// of the gap; an ambiguous local time "refers to the first occurrence".
// Transition dates are from the IANA tz database (US: second Sunday of March
// and first Sunday of November at 02:00 local; EU: last Sunday of March and
// October at 01:00 UTC; Lord Howe: first Sunday of October, a 30-minute shift).
func TestLocalInstantDaylightSaving(t *testing.T) {
	la := rwZone(t, "America/Los_Angeles")
	berlin := rwZone(t, "Europe/Berlin")
	lordHowe := rwZone(t, "Australia/Lord_Howe")
	saoPaulo := rwZone(t, "America/Sao_Paulo")
	tests := []struct {
		name    string
		date    handbook.Date
		h, m    int
		loc     *time.Location
		want    time.Time // UTC
		wantLoc string    // the local clock of the result, "15:04 MST"
	}{
		// US DST 2026 begins Sunday 2026-03-08: 02:00 PST becomes 03:00 PDT.
		{"LA day before spring forward", handbook.MustDate(2026, 3, 7), 2, 30, la, time.Date(2026, 3, 7, 10, 30, 0, 0, time.UTC), "02:30 PST"},
		{"LA 01:59 before the gap", handbook.MustDate(2026, 3, 8), 1, 59, la, time.Date(2026, 3, 8, 9, 59, 0, 0, time.UTC), "01:59 PST"},
		{"LA 02:00 in the gap", handbook.MustDate(2026, 3, 8), 2, 0, la, time.Date(2026, 3, 8, 10, 0, 0, 0, time.UTC), "03:00 PDT"},
		{"LA 02:30 in the gap", handbook.MustDate(2026, 3, 8), 2, 30, la, time.Date(2026, 3, 8, 10, 30, 0, 0, time.UTC), "03:30 PDT"},
		{"LA 03:00 after the gap", handbook.MustDate(2026, 3, 8), 3, 0, la, time.Date(2026, 3, 8, 10, 0, 0, 0, time.UTC), "03:00 PDT"},
		{"LA 18:00 on the spring-forward day", handbook.MustDate(2026, 3, 8), 18, 0, la, time.Date(2026, 3, 9, 1, 0, 0, 0, time.UTC), "18:00 PDT"},
		// US DST 2026 ends Sunday 2026-11-01: 02:00 PDT becomes 01:00 PST, so
		// 01:00–01:59 happen twice; the first is PDT.
		{"LA 00:30 before the overlap", handbook.MustDate(2026, 11, 1), 0, 30, la, time.Date(2026, 11, 1, 7, 30, 0, 0, time.UTC), "00:30 PDT"},
		{"LA 01:00 ambiguous", handbook.MustDate(2026, 11, 1), 1, 0, la, time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC), "01:00 PDT"},
		{"LA 01:30 ambiguous", handbook.MustDate(2026, 11, 1), 1, 30, la, time.Date(2026, 11, 1, 8, 30, 0, 0, time.UTC), "01:30 PDT"},
		{"LA 02:00 after the overlap", handbook.MustDate(2026, 11, 1), 2, 0, la, time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC), "02:00 PST"},
		{"LA 10:00 on the fall-back day", handbook.MustDate(2026, 11, 1), 10, 0, la, time.Date(2026, 11, 1, 18, 0, 0, 0, time.UTC), "10:00 PST"},
		// EU summer time 2026 begins Sunday 2026-03-29 at 01:00 UTC (02:00 CET
		// → 03:00 CEST) and ends Sunday 2026-10-25 at 01:00 UTC (03:00 CEST →
		// 02:00 CET).
		{"Berlin 02:30 in the gap", handbook.MustDate(2026, 3, 29), 2, 30, berlin, time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC), "03:30 CEST"},
		{"Berlin 01:30 before the gap", handbook.MustDate(2026, 3, 29), 1, 30, berlin, time.Date(2026, 3, 29, 0, 30, 0, 0, time.UTC), "01:30 CET"},
		{"Berlin 02:30 ambiguous", handbook.MustDate(2026, 10, 25), 2, 30, berlin, time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), "02:30 CEST"},
		{"Berlin 03:00 after the overlap", handbook.MustDate(2026, 10, 25), 3, 0, berlin, time.Date(2026, 10, 25, 2, 0, 0, 0, time.UTC), "03:00 CET"},
		// EU 2025: 2025-03-30 and 2025-10-26.
		{"Berlin 02:15 in the 2025 gap", handbook.MustDate(2025, 3, 30), 2, 15, berlin, time.Date(2025, 3, 30, 1, 15, 0, 0, time.UTC), "03:15 CEST"},
		{"Berlin 02:15 ambiguous 2025", handbook.MustDate(2025, 10, 26), 2, 15, berlin, time.Date(2025, 10, 26, 0, 15, 0, 0, time.UTC), "02:15 CEST"},
		// Lord Howe Island moves from UTC+10:30 to UTC+11 at 02:00 on Sunday
		// 2026-10-04: the gap is 30 minutes, so 02:15 becomes 02:45.
		{"Lord Howe 02:15 in a 30-minute gap", handbook.MustDate(2026, 10, 4), 2, 15, lordHowe, time.Date(2026, 10, 3, 15, 45, 0, 0, time.UTC), "02:45 +11"},
		// Samoa moved across the date line by skipping Friday 30 December 2011
		// entirely (UTC−10 → UTC+14): a time on that day moves forward by the
		// 24-hour gap, to the same clock time on Saturday 31 December.
		{"Apia, a day that did not exist", handbook.MustDate(2011, 12, 30), 10, 0, rwZone(t, "Pacific/Apia"), time.Date(2011, 12, 30, 20, 0, 0, 0, time.UTC), "10:00 +14"},
		// Brazil's last daylight-saving start, Sunday 2018-11-04, skipped
		// midnight: 00:00 −03 became 01:00 −02.
		{"São Paulo midnight in the gap", handbook.MustDate(2018, 11, 4), 0, 0, saoPaulo, time.Date(2018, 11, 4, 3, 0, 0, 0, time.UTC), "01:00 -02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := handbook.LocalInstant(tt.date, tt.h, tt.m, tt.loc)
			if !got.Equal(tt.want) {
				t.Errorf("LocalInstant(%s, %02d:%02d, %s) = %v, want %v", tt.date, tt.h, tt.m, tt.loc, got.UTC(), tt.want)
			}
			if s := got.In(tt.loc).Format("15:04 MST"); s != tt.wantLoc {
				t.Errorf("local clock = %q, want %q", s, tt.wantLoc)
			}
		})
	}
}

// The gap and overlap rules reach the display string too.
func TestFormatAcrossDaylightSaving(t *testing.T) {
	la := rwZone(t, "America/Los_Angeles")
	tests := []struct {
		date   handbook.Date
		time   string
		format string
	}{
		{handbook.MustDate(2026, 2, 26), "18:00", "Thursday 26 February 2026, 18:00 PST / Friday 27 February 2026, 02:00 UTC"},
		{handbook.MustDate(2026, 3, 12), "18:00", "Thursday 12 March 2026, 18:00 PDT / Friday 13 March 2026, 01:00 UTC"},
		{handbook.MustDate(2026, 3, 8), "02:30", "Sunday 8 March 2026, 03:30 PDT / Sunday 8 March 2026, 10:30 UTC"},
		{handbook.MustDate(2026, 11, 1), "01:30", "Sunday 1 November 2026, 01:30 PDT / Sunday 1 November 2026, 08:30 UTC"},
		{handbook.MustDate(2026, 10, 29), "18:00", "Thursday 29 October 2026, 18:00 PDT / Friday 30 October 2026, 01:00 UTC"},
		{handbook.MustDate(2026, 11, 5), "18:00", "Thursday 5 November 2026, 18:00 PST / Friday 6 November 2026, 02:00 UTC"},
	}
	for _, tt := range tests {
		if got := rwTime(t, tt.time, la).Format(tt.date); got != tt.format {
			t.Errorf("Format(%s %s)\n got %q\nwant %q", tt.date, tt.time, got, tt.format)
		}
	}
}

func TestParseTimeOfDay(t *testing.T) {
	la := rwZone(t, "America/Los_Angeles")
	berlin := rwZone(t, "Europe/Berlin")
	good := []struct {
		in   string
		kind handbook.TimeKind
		h, m int
		zone string
	}{
		{"AoE", handbook.AoE, 0, 0, ""},
		{"18:00", handbook.Clock, 18, 0, "America/Los_Angeles"},
		{"00:00", handbook.Clock, 0, 0, "America/Los_Angeles"},
		{"23:59", handbook.Clock, 23, 59, "America/Los_Angeles"},
		{"02:00 UTC", handbook.Clock, 2, 0, "UTC"},
		{"10:00 Europe/Berlin", handbook.Clock, 10, 0, berlin.String()},
	}
	for _, tt := range good {
		got, err := handbook.ParseTimeOfDay(tt.in, la)
		if err != nil {
			t.Errorf("ParseTimeOfDay(%q): %v", tt.in, err)
			continue
		}
		if got.Kind != tt.kind || got.Hour != tt.h || got.Minute != tt.m {
			t.Errorf("ParseTimeOfDay(%q) = %+v", tt.in, got)
		}
		if tt.kind == handbook.Clock && got.Zone.String() != tt.zone {
			t.Errorf("ParseTimeOfDay(%q) zone = %s, want %s", tt.in, got.Zone, tt.zone)
		}
	}
	bad := []struct{ in, wantErr string }{
		{"aoe", `write AoE as "AoE"`},
		{"AOE", `write AoE as "AoE"`},
		{"24:00", "not a 24-hour HH:MM time"},
		{"18:60", "not a 24-hour HH:MM time"},
		{"6pm", "not a 24-hour HH:MM time"},
		{"9:00", "not a 24-hour HH:MM time"},
		{"", "not a 24-hour HH:MM time"},
		{"10:00 Mars/Olympus", `unknown time zone "Mars/Olympus"`},
		{"10:00 Local", `unknown time zone "Local"`},
		{"10:00 ../../etc/passwd", `unknown time zone`},
	}
	for _, tt := range bad {
		_, err := handbook.ParseTimeOfDay(tt.in, la)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("ParseTimeOfDay(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
		}
	}
}

func TestAllDayTime(t *testing.T) {
	var tod handbook.TimeOfDay           // the zero value is all-day
	d := handbook.MustDate(2025, 12, 17) // k8s v1.35.0 released, Wednesday 17th December 2025
	if !tod.Instant(d).IsZero() {
		t.Errorf("all-day Instant = %v, want zero", tod.Instant(d))
	}
	if got := tod.Format(d); got != "Wednesday 17 December 2025" {
		t.Errorf("all-day Format = %q", got)
	}
	if got := tod.Label(d); got != "" {
		t.Errorf("all-day Label = %q, want empty", got)
	}
}

func TestParseDate(t *testing.T) {
	good := []struct {
		in   string
		want handbook.Date
		long string
	}{
		// Weekdays as the published schedules give them.
		{"2025-09-15", handbook.MustDate(2025, 9, 15), "Monday 15 September 2025"},    // k8s v1.35 start
		{"2025-12-17", handbook.MustDate(2025, 12, 17), "Wednesday 17 December 2025"}, // k8s v1.35.0
		{"2025-04-02", handbook.MustDate(2025, 4, 2), "Wednesday 2 April 2025"},       // OpenStack Epoxy
		{"2024-04-03", handbook.MustDate(2024, 4, 3), "Wednesday 3 April 2024"},       // OpenStack Caracal
		{"2024-02-29", handbook.MustDate(2024, 2, 29), "Thursday 29 February 2024"},   // Caracal-3, a leap day
		{"2000-02-29", handbook.MustDate(2000, 2, 29), "Tuesday 29 February 2000"},    // divisible by 400
		{"1969-12-31", handbook.MustDate(1969, 12, 31), "Wednesday 31 December 1969"}, // before the epoch
		{"1900-01-01", handbook.MustDate(1900, 1, 1), "Monday 1 January 1900"},
		{"9999-12-31", handbook.MustDate(9999, 12, 31), "Friday 31 December 9999"},
	}
	for _, tt := range good {
		got, err := handbook.ParseDate(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			continue
		}
		if got.String() != tt.in {
			t.Errorf("String() = %q, want %q", got.String(), tt.in)
		}
		if got.Long() != tt.long {
			t.Errorf("Long() = %q, want %q", got.Long(), tt.long)
		}
	}
	bad := []struct{ in, msg string }{
		{"2026-02-30", "2026-02-30 is not a date: February 2026 has 28 days"},
		{"2026-02-29", "2026-02-29 is not a date: February 2026 has 28 days"},
		{"1900-02-29", "1900-02-29 is not a date: February 1900 has 28 days"},
		{"2026-04-31", "2026-04-31 is not a date: April 2026 has 30 days"},
		{"2026-13-01", "2026-13-01 is not a date: there is no month 13"},
		{"2026-00-10", "2026-00-10 is not a date: there is no month 0"},
		{"2026-01-00", "2026-01-00 is not a date: January 2026 has 31 days"},
		{"1899-12-31", "1899-12-31 is outside the years 1900–9999"},
		{"0000-01-01", "0000-01-01 is outside the years 1900–9999"},
		{"2026-1-5", `"2026-1-5" is not a date: write it as YYYY-MM-DD`},
		{"2026/01/05", `"2026/01/05" is not a date: write it as YYYY-MM-DD`},
		{"2026-0a-05", `"2026-0a-05" is not a date: write it as YYYY-MM-DD`},
		{"", `"" is not a date: write it as YYYY-MM-DD`},
	}
	for _, tt := range bad {
		_, err := handbook.ParseDate(tt.in)
		if err == nil || err.Error() != tt.msg {
			t.Errorf("ParseDate(%q) error = %v, want %q", tt.in, err, tt.msg)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	// Each published "week of" in OpenStack's schedule tables starts on a
	// Monday (openstack/releases doc/source/epoxy/schedule.yaml).
	tests := []struct {
		d      handbook.Date
		wd     time.Weekday
		monday handbook.Date
		short  string
		medium string
	}{
		{handbook.MustDate(2025, 2, 27), time.Thursday, handbook.MustDate(2025, 2, 24), "Thu 27 Feb", "27 Feb 2025"}, // Epoxy-3, R-5 = Feb 24–28
		{handbook.MustDate(2025, 3, 31), time.Monday, handbook.MustDate(2025, 3, 31), "Mon 31 Mar", "31 Mar 2025"},   // Epoxy R+0 starts
		{handbook.MustDate(2025, 4, 6), time.Sunday, handbook.MustDate(2025, 3, 31), "Sun 6 Apr", "6 Apr 2025"},      // a Sunday belongs to the week before it
		{handbook.MustDate(2024, 10, 2), time.Wednesday, handbook.MustDate(2024, 9, 30), "Wed 2 Oct", "2 Oct 2024"},  // Epoxy start, week of Sep 30 – Oct 4
		{handbook.MustDate(1970, 1, 1), time.Thursday, handbook.MustDate(1969, 12, 29), "Thu 1 Jan", "1 Jan 1970"},
		{handbook.MustDate(1900, 1, 7), time.Sunday, handbook.MustDate(1900, 1, 1), "Sun 7 Jan", "7 Jan 1900"},
	}
	for _, tt := range tests {
		if got := tt.d.Weekday(); got != tt.wd {
			t.Errorf("%s.Weekday() = %v, want %v", tt.d, got, tt.wd)
		}
		if got := tt.d.Monday(); got != tt.monday {
			t.Errorf("%s.Monday() = %s, want %s", tt.d, got, tt.monday)
		}
		if got := tt.d.Short(); got != tt.short {
			t.Errorf("%s.Short() = %q, want %q", tt.d, got, tt.short)
		}
		if got := tt.d.Medium(); got != tt.medium {
			t.Errorf("%s.Medium() = %q, want %q", tt.d, got, tt.medium)
		}
	}
	if got := handbook.MustDate(2024, 2, 28).AddDays(1); got != handbook.MustDate(2024, 2, 29) {
		t.Errorf("2024-02-28 + 1 = %s", got)
	}
	if got := handbook.MustDate(2025, 1, 1).AddDays(-1); got != handbook.MustDate(2024, 12, 31) {
		t.Errorf("2025-01-01 - 1 = %s", got)
	}
	if _, ok := handbook.DateOf(2026, 2, 30); ok {
		t.Error("DateOf(2026, 2, 30) ok")
	}
	if _, ok := handbook.DateOf(10000, 1, 1); ok {
		t.Error("DateOf(10000, 1, 1) ok")
	}
	if !handbook.MustDate(9999, 12, 31).InRange() || handbook.MustDate(9999, 12, 31).AddDays(1).InRange() {
		t.Error("InRange at 9999-12-31 wrong")
	}
	if !handbook.MustDate(1900, 1, 1).InRange() || handbook.MustDate(1900, 1, 1).AddDays(-1).InRange() {
		t.Error("InRange at 1900-01-01 wrong")
	}
	// A date is a calendar day whatever the machine's zone: a Tokyo
	// midnight is still that day.
	tokyo := rwZone(t, "Asia/Tokyo")
	if got := handbook.DateFromTime(time.Date(2025, 10, 17, 0, 30, 0, 0, tokyo)); got != handbook.MustDate(2025, 10, 17) {
		t.Errorf("DateFromTime(Tokyo 00:30) = %s", got)
	}
	if got, _ := handbook.MustDate(2025, 10, 17).MarshalText(); string(got) != "2025-10-17" {
		t.Errorf("MarshalText = %q", got)
	}
}

func TestParseWeekday(t *testing.T) {
	for in, want := range map[string]time.Weekday{
		"Thursday": time.Thursday, "thursday": time.Thursday, "THU": time.Thursday,
		"Friday": time.Friday, "fri": time.Friday, "Sunday": time.Sunday, "mon": time.Monday,
	} {
		if got, ok := handbook.ParseWeekday(in); !ok || got != want {
			t.Errorf("ParseWeekday(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "Thurs", "Th", "Freitag", "Fridays"} {
		if _, ok := handbook.ParseWeekday(in); ok {
			t.Errorf("ParseWeekday(%q) ok", in)
		}
	}
}

// Week numbers and countdown weeks as the published tables give them.
func TestReleaseWeekAndCountdown(t *testing.T) {
	// kubernetes/sig-release releases/release-1.35/README.md: start Monday 15th
	// September 2025 (week 1), release Wednesday 17th December 2025 (week 14).
	k135 := &handbook.Release{
		ID:    "v1.35",
		Start: handbook.MustDate(2025, 9, 15),
		Milestones: []*handbook.Milestone{
			{ID: "release", Date: handbook.MustDate(2025, 12, 17), End: handbook.MustDate(2025, 12, 17)},
		},
	}
	// openstack/releases doc/source/epoxy/schedule.rst: "2 October, 2024 - 2
	// April, 2025 (26 weeks)"; schedule.yaml names Oct 07 – Oct 11 R-25 and
	// Mar 31 – Apr 04 R+0.
	epoxy := &handbook.Release{
		ID:    "2025.1",
		Start: handbook.MustDate(2024, 10, 2),
		Milestones: []*handbook.Milestone{
			{ID: "release", Date: handbook.MustDate(2025, 4, 2), End: handbook.MustDate(2025, 4, 2)},
		},
	}
	tests := []struct {
		name      string
		r         *handbook.Release
		d         handbook.Date
		week      int
		countdown int
	}{
		{"k8s start", k135, handbook.MustDate(2025, 9, 15), 1, 13},
		{"k8s schedule finalized (Fri)", k135, handbook.MustDate(2025, 9, 19), 1, 13},
		{"k8s week 1 Sunday", k135, handbook.MustDate(2025, 9, 21), 1, 13},
		{"k8s Sunday before start", k135, handbook.MustDate(2025, 9, 14), 0, 14},
		{"k8s two weeks before", k135, handbook.MustDate(2025, 9, 1), -1, 15},
		{"k8s PRR freeze", k135, handbook.MustDate(2025, 10, 9), 4, 10},
		{"k8s enhancements freeze", k135, handbook.MustDate(2025, 10, 16), 5, 9},
		{"k8s docs placeholder deadline", k135, handbook.MustDate(2025, 10, 23), 6, 8},
		{"k8s feature blog freeze", k135, handbook.MustDate(2025, 10, 30), 7, 7},
		{"k8s code freeze", k135, handbook.MustDate(2025, 11, 6), 8, 6},
		{"k8s KubeCon NA", k135, handbook.MustDate(2025, 11, 10), 9, 5},
		{"k8s burndown begins", k135, handbook.MustDate(2025, 11, 17), 10, 4},
		{"k8s docs freeze", k135, handbook.MustDate(2025, 12, 2), 12, 2},
		{"k8s rc.1", k135, handbook.MustDate(2025, 12, 9), 13, 1},
		{"k8s release", k135, handbook.MustDate(2025, 12, 17), 14, 0},
		{"k8s thaw", k135, handbook.MustDate(2025, 12, 18), 14, 0},
		{"k8s after release", k135, handbook.MustDate(2025, 12, 22), 15, -1},
		{"epoxy start", epoxy, handbook.MustDate(2024, 10, 2), 1, 26},
		{"epoxy R-25 Monday", epoxy, handbook.MustDate(2024, 10, 7), 2, 25},
		{"epoxy-1", epoxy, handbook.MustDate(2024, 11, 14), 7, 20},
		{"epoxy cycle-trailing deadline", epoxy, handbook.MustDate(2024, 12, 5), 10, 17},
		{"epoxy-2", epoxy, handbook.MustDate(2025, 1, 9), 15, 12},
		{"epoxy-3 / feature freeze", epoxy, handbook.MustDate(2025, 2, 27), 22, 5},
		{"epoxy RC1 target week", epoxy, handbook.MustDate(2025, 3, 10), 24, 3},
		{"epoxy final RCs week", epoxy, handbook.MustDate(2025, 3, 24), 26, 1},
		{"epoxy release", epoxy, handbook.MustDate(2025, 4, 2), 27, 0},
		{"epoxy R+0 Friday", epoxy, handbook.MustDate(2025, 4, 4), 27, 0},
		{"epoxy R+1", epoxy, handbook.MustDate(2025, 4, 7), 28, -1},
	}
	for _, tt := range tests {
		if got := tt.r.Week(tt.d); got != tt.week {
			t.Errorf("%s: Week(%s) = %d, want %d", tt.name, tt.d, got, tt.week)
		}
		if got := tt.r.Countdown(tt.d); got != tt.countdown {
			t.Errorf("%s: Countdown(%s) = %d, want %d", tt.name, tt.d, got, tt.countdown)
		}
	}
	if !k135.Contains(k135.Start) || !k135.Contains(handbook.MustDate(2025, 12, 17)) || k135.Contains(handbook.MustDate(2025, 12, 18)) || k135.Contains(handbook.MustDate(2025, 9, 14)) {
		t.Error("Contains does not include exactly start through release day")
	}
}

func TestBusinessDays(t *testing.T) {
	// US Thanksgiving 2025 is Thursday 27 November.
	r := &handbook.Release{Holidays: []handbook.Date{handbook.MustDate(2025, 11, 27), handbook.MustDate(2025, 12, 25)}}
	for d, want := range map[handbook.Date]bool{
		handbook.MustDate(2025, 11, 26): true,
		handbook.MustDate(2025, 11, 27): false, // holiday
		handbook.MustDate(2025, 11, 28): true,
		handbook.MustDate(2025, 11, 29): false, // Saturday
		handbook.MustDate(2025, 11, 30): false, // Sunday
		handbook.MustDate(2025, 12, 25): false,
	} {
		if got := r.IsBusinessDay(d); got != want {
			t.Errorf("IsBusinessDay(%s %s) = %v, want %v", d.Weekday(), d, got, want)
		}
	}
}

func TestZoneNameAndRoleTitle(t *testing.T) {
	for name, want := range map[string]string{
		"America/Los_Angeles": "PT",
		"Asia/Tokyo":          "JST",
		"UTC":                 "UTC",
		"Europe/Berlin":       "Europe/Berlin",
	} {
		if got := handbook.ZoneName(rwZone(t, name)); got != want {
			t.Errorf("ZoneName(%s) = %q, want %q", name, got, want)
		}
	}
	for id, want := range map[string]string{
		"branch-manager": "Branch Manager",
		"ci-signal":      "Ci Signal",
		"release-lead":   "Release Lead",
	} {
		if got := handbook.RoleTitle(id); got != want {
			t.Errorf("RoleTitle(%q) = %q, want %q", id, got, want)
		}
	}
}

// A weekly 10:00 Los Angeles meeting keeps its local time when the clocks
// change on 2026-11-01: 17:00 UTC the Monday before, 18:00 UTC after.
func TestMeetingStartAcrossDaylightSaving(t *testing.T) {
	m := &handbook.Meeting{Hour: 10, Zone: rwZone(t, "America/Los_Angeles")}
	if got, want := m.Start(handbook.MustDate(2026, 10, 26)), time.Date(2026, 10, 26, 17, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Start(2026-10-26) = %v, want %v", got.UTC(), want)
	}
	if got, want := m.Start(handbook.MustDate(2026, 11, 2)), time.Date(2026, 11, 2, 18, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Start(2026-11-02) = %v, want %v", got.UTC(), want)
	}
}
