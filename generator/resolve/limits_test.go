package resolve_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/resolve"
)

// dailyMeetings is a release of ten years with n meetings every weekday
// (about 2,600 occurrences each); the last one's until is lastUntil, or
// the default (the release) when that is "".
func dailyMeetings(n int, lastUntil string) string {
	var b strings.Builder
	b.WriteString("name = \"Long\"\nstart = 2026-01-05\n\n[milestone.release]\ndate = 2035-12-28\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "\n[meeting.daily-%d]\nevery = \"weekday\"\ntime = \"10:00\"\n", i)
		switch {
		case i < n:
			b.WriteString("until = \"start + 520w\"\n")
		case lastUntil != "":
			fmt.Fprintf(&b, "until = %q\n", lastUntil)
		}
	}
	return b.String()
}

// lineOf is the 1-based line of the last line of text that starts with
// prefix.
func lineOf(text, prefix string) int {
	line := 0
	for i, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			line = i + 1
		}
	}
	return line
}

// TestMeetingOccurrenceLimit: the meeting whose occurrences take the site
// past resolve.MaxMeetingOccurrences is reported at its until, or at its
// every when it has no until, and only that one.
func TestMeetingOccurrenceLimit(t *testing.T) {
	// 19 series of 2,600 days fit; the twentieth, of as many again, does
	// not.
	for _, c := range []struct {
		name, until, at string
	}{
		{"until", "start + 520w", "until = "},
		{"every", "", "every = "},
	} {
		t.Run(c.name, func(t *testing.T) {
			text := dailyMeetings(20, c.until)
			_, diags := rwResolve(t, map[string]string{"releases/long.toml": text}, handbook.MustDate(2026, 1, 1))
			errs := rwStrings(diags, diag.Error)
			want := fmt.Sprintf(`releases/long.toml:%d:9: meeting "daily-20" brings the site to %s meeting occurrences, more than the 50,000 relbook lays out (see docs/format.md): meet less often, or shorten from/until`,
				lineOf(text, c.at), occurrencesAfter(20, c.until))
			if len(errs) != 1 || errs[0] != want {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), want)
			}
		})
	}
	text := dailyMeetings(19, "")
	h, diags := rwResolve(t, map[string]string{"releases/long.toml": text}, handbook.MustDate(2026, 1, 1))
	if diags.HasErrors() {
		t.Fatalf("19 series are within the bound:\n%s", diags)
	}
	total := 0
	for _, m := range h.Release("long").Meetings {
		total += len(m.Occurrences)
	}
	if total > resolve.MaxMeetingOccurrences || total < resolve.MaxMeetingOccurrences*9/10 {
		t.Errorf("19 series have %d occurrences; the test wants just under %d", total, resolve.MaxMeetingOccurrences)
	}
}

// occurrencesAfter is the number of weekdays the first n series of
// dailyMeetings(n, until) meet on, written as messages write it.
func occurrencesAfter(n int, until string) string {
	start := handbook.MustDate(2026, 1, 5)
	weekdays := func(last handbook.Date) int {
		c := 0
		for d := start; d <= last; d++ {
			if w := d.Weekday(); w != 0 && w != 6 {
				c++
			}
		}
		return c
	}
	total := (n - 1) * weekdays(start.AddDays(7*520))
	if until == "" {
		total += weekdays(handbook.MustDate(2035, 12, 28))
	} else {
		total += weekdays(start.AddDays(7 * 520))
	}
	return diag.Thousands(total)
}
