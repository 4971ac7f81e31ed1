package resolve

import (
	"errors"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/load"
)

// maxMeetingDays bounds a meeting series, so no input can expand into
// millions of occurrences.
const maxMeetingDays = 3660

// MaxMeetingOccurrences bounds the meetings of a whole site, every
// occurrence of every series of every release counted: each one is a
// line on its release's page and an entry in schedule.json, so a few
// lines of TOML that asked for a daily meeting for ten years in each of
// two hundred series would otherwise make 200 MB of pages.
//
// Real handbooks stay far below it. A Kubernetes cycle of 15 weeks has
// a weekly meeting and a few weeks of daily burndowns, about 40
// occurrences; a Python 3.x release of five years of weekly meetings has
// 260; OpenStack's six-month cycles with a dozen weekly team meetings
// have about 300 a cycle. Forty releases of the busiest of these is
// 12,000 — a quarter of the bound.
const MaxMeetingOccurrences = 50_000

// limitMeetings reports the meeting at which the site's occurrences,
// counted release file by release file and meeting by meeting in the
// order they are written, pass MaxMeetingOccurrences. releases[i] is
// defs[i] resolved, or nil.
func limitMeetings(defs []*load.Release, releases []*handbook.Release, diags *diag.List) {
	total := 0
	for i, def := range defs {
		r := releases[i]
		if r == nil {
			continue
		}
		// r.Meetings are the meetings of def that resolved, in the same
		// order.
		resolved := r.Meetings
		for _, md := range def.Meetings {
			if len(resolved) == 0 || resolved[0].ID != md.ID {
				continue
			}
			total += len(resolved[0].Occurrences)
			resolved = resolved[1:]
			if total <= MaxMeetingOccurrences {
				continue
			}
			pos := md.Until.Pos
			if !md.Until.Set {
				pos = md.Every.Pos
			}
			diags.Errorf(pos, "meeting %q brings the site to %s meeting occurrences, more than the %s relbook lays out (see docs/format.md): meet less often, or shorten from/until",
				md.ID, diag.Thousands(total), diag.Thousands(MaxMeetingOccurrences))
			return
		}
	}
}

func (rr *releaseResolver) meeting(def *load.Meeting, h *handbook.Handbook) *handbook.Meeting {
	m := &handbook.Meeting{
		ID:       def.ID,
		Name:     or(def.Name.V, handbook.RoleTitle(def.ID)),
		URL:      linkURL(def.URL, def.Pos, rr.diags),
		Zone:     rr.r.Zone,
		Duration: time.Hour,
		Pos:      def.Pos,
	}
	ok := true
	switch def.Every.V {
	case "week":
		m.Every = handbook.Weekly
	case "2 weeks":
		m.Every = handbook.Biweekly
	case "weekday":
		m.Every = handbook.EveryWeekday
	default:
		switch {
		case def.Every.Set:
			rr.diags.Errorf(def.Every.Pos, "every %q is not \"week\", \"2 weeks\" or \"weekday\"", def.Every.V)
		case !def.Every.Bad:
			rr.diags.Errorf(def.Pos, "meeting %q needs every: \"week\", \"2 weeks\" or \"weekday\"", def.ID)
		}
		ok = false
	}
	for _, on := range def.On {
		w, isDay := handbook.ParseWeekday(on.V)
		if !isDay {
			rr.diags.Errorf(on.Pos, "on: %q is not a weekday name such as \"Monday\"", on.V)
			ok = false
			continue
		}
		if !slices.Contains(m.On, w) {
			m.On = append(m.On, w)
		}
	}
	slices.SortFunc(m.On, func(a, b time.Weekday) int { return (int(a)+6)%7 - (int(b)+6)%7 })
	switch {
	case m.Every == handbook.EveryWeekday && len(def.On) > 0:
		rr.diags.Errorf(def.On[0].Pos, "meeting %q meets every weekday: leave out on", def.ID)
		ok = false
	case m.Every != handbook.EveryWeekday && len(def.On) == 0 && def.Every.Set:
		rr.diags.Errorf(def.Every.Pos, "meeting %q needs on: the weekdays it meets, e.g. on = [\"Monday\"]", def.ID)
		ok = false
	}
	if def.Timezone.Set {
		if loc, err := handbook.LoadZone(def.Timezone.V); err != nil {
			rr.diags.Errorf(def.Timezone.Pos, "timezone: %v", err)
			ok = false
		} else {
			m.Zone = loc
		}
	}
	if !def.Time.Set {
		rr.diags.Errorf(def.Pos, "meeting %q needs a time: time = \"10:00\" (local time in its zone)", def.ID)
		ok = false
	} else if hh, mm, err := handbook.ParseClock(def.Time.V); err != nil {
		msg := "time %q is %v"
		if strings.Contains(def.Time.V, " ") {
			msg = "time %q: write a bare HH:MM and put the zone in timezone (%v otherwise)"
		}
		rr.diags.Errorf(def.Time.Pos, msg, def.Time.V, err)
		ok = false
	} else {
		m.Hour, m.Minute = hh, mm
	}
	if def.Duration.Set {
		d, err := time.ParseDuration(def.Duration.V)
		if err != nil || d <= 0 || d > 24*time.Hour || d%time.Minute != 0 {
			rr.diags.Errorf(def.Duration.Pos, "duration %q: write hours and minutes such as \"1h\", \"30m\" or \"1h30m\" (at most 24h)", def.Duration.V)
			ok = false
		} else {
			m.Duration = d
		}
	}
	rr.stack = append(rr.stack, "meeting "+def.ID)
	defer func() { rr.stack = rr.stack[:len(rr.stack)-1] }()
	m.From = rr.r.Start
	if def.From.Set {
		_, from, _, good := rr.eval(def.From, "from", dateexpr.AsStart, false)
		ok = ok && good
		m.From = from
	}
	m.Until = rr.r.ReleaseDate()
	if def.Until.Set {
		_, _, until, good := rr.eval(def.Until, "until", dateexpr.AsDue, false)
		ok = ok && good
		m.Until = until
	}
	for _, r := range def.Roles {
		if !dateexpr.IsID(r.V) {
			rr.diags.Errorf(r.Pos, "roles: %q is not a role id (lower-case letters, digits and '-')", r.V)
			ok = false
			continue
		}
		m.Roles = append(m.Roles, r.V)
	}
	if !ok {
		return nil
	}
	switch {
	case m.Until < m.From:
		pos := def.Until.Pos
		if !def.Until.Set {
			pos = def.From.Pos
		}
		rr.diags.Errorf(pos, "meeting %q ends (%s) before it starts (%s)", def.ID, m.Until, m.From)
		return nil
	case int(m.Until-m.From) > maxMeetingDays:
		rr.diags.Errorf(def.Pos, "meeting %q runs for more than ten years; split it or shorten from/until", def.ID)
		return nil
	}
	for _, s := range def.Skip {
		m.Skip = append(m.Skip, s.V)
	}
	slices.Sort(m.Skip)
	m.Skip = slices.Compact(m.Skip)
	first, found := firstOccurrence(m, rr.r)
	if !found {
		rr.diags.Errorf(def.Pos, "meeting %q never meets between %s and %s", def.ID, m.From, m.Until)
		return nil
	}
	m.First = first
	m.Occurrences = occurrences(m, rr.r)
	// until defaults to the release: a series ends when the release moves.
	if !def.Until.Set {
		rr.addDep("meeting "+def.ID, "release")
	}
	m.Sequence = rr.dependentSequence("meeting " + def.ID)
	for _, s := range def.Skip {
		if !meetsOn(m, rr.r, s.V) {
			rr.diags.WarnIn(diag.Scope{Table: def.Pos}, s.Pos, diag.SkipNoMeeting, "meeting %q does not meet on %s (%s) anyway", def.ID, s.V, s.V.Weekday())
		}
	}
	return m
}

// firstOccurrence is the first meeting day on or after from: where a
// series starts, and the week "every 2 weeks" counts from.
func firstOccurrence(m *handbook.Meeting, r *handbook.Release) (handbook.Date, bool) {
	for d := m.From; d <= m.Until && d < m.From+7; d++ {
		if m.Every == handbook.EveryWeekday && r.IsBusinessDay(d) || m.Every != handbook.EveryWeekday && slices.Contains(m.On, d.Weekday()) {
			return d, true
		}
	}
	return 0, false
}

// meetsOn reports whether the series has a meeting on d before skips are
// applied.
func meetsOn(m *handbook.Meeting, r *handbook.Release, d handbook.Date) bool {
	first, ok := firstOccurrence(m, r)
	if !ok || d < first || d > m.Until {
		return false
	}
	switch m.Every {
	case handbook.EveryWeekday:
		return r.IsBusinessDay(d)
	case handbook.Biweekly:
		return slices.Contains(m.On, d.Weekday()) && int(d.Monday()-first.Monday())/7%2 == 0
	}
	return slices.Contains(m.On, d.Weekday())
}

// occurrences lists the days the meeting takes place. A weekday meeting
// leaves out holidays on its own; they are recorded so feeds can list them
// as exceptions.
func occurrences(m *handbook.Meeting, r *handbook.Release) []handbook.Date {
	var days []handbook.Date
	for d := m.From; d <= m.Until; d++ {
		if m.Every == handbook.EveryWeekday && !r.IsBusinessDay(d) && !isWeekend(d) {
			m.Holidays = append(m.Holidays, d)
		}
		if _, skipped := slices.BinarySearch(m.Skip, d); meetsOn(m, r, d) && !skipped {
			days = append(days, d)
		}
	}
	return days
}

func isWeekend(d handbook.Date) bool {
	w := d.Weekday()
	return w == time.Saturday || w == time.Sunday
}

// linkURL is the rule for a milestone's or meeting's url, applied here
// once for every output: readers follow it from the pages, the calendar
// feeds and the JSON files, so it must be a web or mail link (http:,
// https:, mailto:) or a relative one, and hold no control character or
// line break (a feed would end a property there). Anything else
// (javascript:, data: and the like) is left out of the handbook, so no
// page, feed or file can show it, and check warns at the url, in the
// table written at table.
func linkURL(f load.Field[string], table diag.Pos, diags *diag.List) string {
	if !f.Set {
		return ""
	}
	const leftOut = "left out of the pages, feeds and JSON"
	v := strings.TrimSpace(f.V)
	if strings.ContainsFunc(v, isControlOrBreak) {
		diags.WarnIn(diag.Scope{Table: table}, f.Pos, diag.BadURL, "url %q holds a control character or a line break: %s", f.V, leftOut)
		return ""
	}
	u, err := url.Parse(v)
	if err != nil {
		diags.WarnIn(diag.Scope{Table: table}, f.Pos, diag.BadURL, "url %q is not a URL (%v): %s", f.V, errors.Unwrap(err), leftOut)
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https", "mailto":
		return v
	}
	diags.WarnIn(diag.Scope{Table: table}, f.Pos, diag.BadURL, "url %q is not an http://, https:// or mailto: link: %s", f.V, leftOut)
	return ""
}

// isControlOrBreak reports whether r is a C0 or C1 control character,
// DEL, or a Unicode line or paragraph separator.
func isControlOrBreak(r rune) bool {
	return r < 0x20 || 0x7f <= r && r < 0xa0 || r == 0x2028 || r == 0x2029
}
