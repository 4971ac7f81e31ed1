package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/markdown"
)

// The JSON schedules (schedule.json, releases/<id>/schedule.json) are for
// bots: announcement scripts, chat reminders, other sites. Their shape is
// fixed by these structs, so keys come out in the same order every time,
// and every slice is in a defined order. Dates are "YYYY-MM-DD"; instants
// are RFC 3339 in UTC. Milestones are in timeline order: by day, then as
// written in the release file, the timed ones of a day by instant among
// the places they hold. Week and countdown are plain numbers (0 and
// negative before week 1; countdown 0 is the release week, R+0).
//
// Each file starts with "version": scheduleVersion. It changes when a
// field changes meaning or goes away; new fields may appear without it.
// docs/format.md documents the fields.

// scheduleVersion is the version of the JSON schedules' shape. Version 2
// shares a release's fields with `relbook now --json` (handbook.Summary:
// the release date is release_date, no longer release) and writes a
// milestone's end and owners always.
const scheduleVersion = 2

type siteJSON struct {
	Version      int           `json:"version"`
	Title        string        `json:"title"`
	BaseURL      string        `json:"base_url"`
	GeneratedFor handbook.Date `json:"generated_for"`
	Current      string        `json:"current,omitempty"`
	Releases     []releaseJSON `json:"releases"`
}

type releaseJSON struct {
	// Version is set in releases/<id>/schedule.json, where the release
	// is the whole file; inside schedule.json the file's own says it.
	Version int `json:"version,omitempty"`
	// The fields every JSON output gives a release.
	handbook.Summary
	Milestones []milestoneJSON     `json:"milestones"`
	Phases     []phaseJSON         `json:"phases"`
	Meetings   []meetingJSON       `json:"meetings"`
	Team       map[string][]string `json:"team"` // encoding/json sorts map keys
	// Support and Patches are the release's life after its release day,
	// left out when it has none.
	Support []phaseJSON `json:"support,omitempty"`
	Patches []patchJSON `json:"patches,omitempty"`
}

type milestoneJSON struct {
	ID   string        `json:"id"`
	Name string        `json:"name"`
	Kind handbook.Kind `json:"kind"`
	Key  bool          `json:"key"`
	Date handbook.Date `json:"date"`
	// End is the last day: Date for a one-day milestone.
	End handbook.Date `json:"end"`
	// Time is "AoE" or "18:00 America/Los_Angeles"; empty all day.
	Time string `json:"time,omitempty"`
	// Instant is when a timed milestone falls due.
	Instant   string   `json:"instant,omitempty"`
	Week      int      `json:"week"`
	Countdown int      `json:"countdown"`
	Owners    []string `json:"owners"`
	// Who is the free-text responsibility, as plain text.
	Who string `json:"who,omitempty"`
	// WeekOf is the Monday of a week item's week; its date is its due
	// day.
	WeekOf *handbook.Date `json:"week_of,omitempty"`
	At     string         `json:"at,omitempty"`
	Was    []slipJSON     `json:"was,omitempty"`
	Note   string         `json:"note,omitempty"`
	URL    string         `json:"url,omitempty"`
	// Page is the milestone's row on the release's schedule page.
	Page     string `json:"page"`
	Sequence int    `json:"sequence"`
}

type slipJSON struct {
	Date    handbook.Date  `json:"date"`
	Changed *handbook.Date `json:"changed,omitempty"`
	Note    string         `json:"note,omitempty"`
}

// phaseJSON is a phase, or a support phase, with its first and last day.
type phaseJSON struct {
	ID   string        `json:"id"`
	Name string        `json:"name"`
	From handbook.Date `json:"from"`
	To   handbook.Date `json:"to"`
}

type meetingJSON struct {
	ID    string   `json:"id"`
	Name  string   `json:"name"`
	Every string   `json:"every"`
	On    []string `json:"on,omitempty"`
	// Time is the local time in Timezone.
	Time     string          `json:"time"`
	Timezone string          `json:"timezone"`
	Duration int             `json:"duration"` // minutes
	From     handbook.Date   `json:"from"`
	Until    handbook.Date   `json:"until"`
	Skip     []handbook.Date `json:"skip,omitempty"`
	Roles    []string        `json:"roles,omitempty"`
	URL      string          `json:"url,omitempty"`
	// Occurrences are the meetings that take place, skips removed.
	Occurrences []occurrenceJSON `json:"occurrences"`
}

type occurrenceJSON struct {
	Date  handbook.Date `json:"date"`
	Start string        `json:"start"`
}

func siteSchedule(h *handbook.Handbook) siteJSON {
	s := siteJSON{
		Version:      scheduleVersion,
		Title:        h.Title,
		BaseURL:      h.BaseURL,
		GeneratedFor: h.Today,
		Releases:     []releaseJSON{},
	}
	if h.Current != nil {
		s.Current = h.Current.ID
	}
	for _, r := range h.Releases {
		s.Releases = append(s.Releases, releaseSchedule(h, r))
	}
	return s
}

func releaseSchedule(h *handbook.Handbook, r *handbook.Release) releaseJSON {
	j := releaseJSON{
		Summary:    handbook.Summarize(r, h.BaseURL),
		Milestones: []milestoneJSON{},
		Phases:     []phaseJSON{},
		Meetings:   []meetingJSON{},
		Team:       map[string][]string{},
	}
	j.Support, j.Patches = lifecycleJSON(r)
	for _, m := range r.Milestones {
		mj := milestoneJSON{
			ID:        m.ID,
			Name:      m.Name,
			Kind:      m.Kind,
			Key:       m.Key,
			Date:      m.Date,
			End:       m.End,
			Week:      r.Week(m.Date),
			Countdown: r.Countdown(m.Date),
			Owners:    append([]string{}, m.Owners...),
			At:        m.At,
			Note:      m.Note,
			URL:       m.URL,
			Page:      m.Page(r, h.BaseURL),
			Sequence:  m.Sequence,
		}
		if m.WholeWeek {
			monday := m.WeekOf
			mj.WeekOf = &monday
		}
		if m.Who != nil {
			mj.Who = strings.TrimSpace(m.Who.Text(markdown.TextOptions{DateRef: func(expr string) (string, bool) {
				ref, ok := dateexpr.ResolveRef(r, expr)
				return ref.Text, ok
			}}))
		}
		mj.Time = m.Time.Spec()
		if m.Time.Kind != handbook.AllDay {
			mj.Instant = m.Instant().UTC().Format(time.RFC3339)
		}
		for _, s := range m.Was {
			sj := slipJSON{Date: s.Date, Note: s.Note}
			if s.Changed != 0 {
				changed := s.Changed
				sj.Changed = &changed
			}
			mj.Was = append(mj.Was, sj)
		}
		j.Milestones = append(j.Milestones, mj)
	}
	for _, p := range r.Phases {
		j.Phases = append(j.Phases, phaseJSON{p.ID, p.Name, p.From, p.To})
	}
	for _, m := range r.Meetings {
		j.Meetings = append(j.Meetings, meetingSchedule(m))
	}
	for _, t := range r.Team {
		people := append([]string{}, t.People...)
		j.Team[t.Role] = people
	}
	return j
}

func meetingSchedule(m *handbook.Meeting) meetingJSON {
	j := meetingJSON{
		ID:          m.ID,
		Name:        m.Name,
		Time:        fmt.Sprintf("%02d:%02d", m.Hour, m.Minute),
		Timezone:    m.Zone.String(),
		Duration:    int(m.Duration / time.Minute),
		From:        m.From,
		Until:       m.Until,
		Skip:        m.Skip,
		Roles:       m.Roles,
		URL:         m.URL,
		Occurrences: []occurrenceJSON{},
	}
	switch m.Every {
	case handbook.EveryWeekday:
		j.Every = "weekday"
	case handbook.Biweekly:
		j.Every = "2 weeks"
	default:
		j.Every = "week"
	}
	if m.Every != handbook.EveryWeekday {
		for _, d := range m.On {
			j.On = append(j.On, d.String())
		}
	}
	for _, d := range m.Occurrences {
		j.Occurrences = append(j.Occurrences, occurrenceJSON{d, m.Start(d).UTC().Format(time.RFC3339)})
	}
	return j
}

// encodeJSON writes v indented by two spaces, with a final newline, and
// without escaping <, > and & (the files are not embedded in HTML).
// It encodes and indents in buffers kept for reuse, and allocates only
// the file, at its size: the index and the schedules are megabytes on a
// large handbook.
func encodeJSON(v any) ([]byte, error) {
	compact, indented := pageBuffers.Get().(*bytes.Buffer), pageBuffers.Get().(*bytes.Buffer)
	defer pageBuffers.Put(compact)
	defer pageBuffers.Put(indented)
	compact.Reset()
	indented.Reset()
	enc := json.NewEncoder(compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	if err := json.Indent(indented, compact.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	return bytes.Clone(indented.Bytes()), nil
}
