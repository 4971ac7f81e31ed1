package render

import (
	"fmt"
	"math"
	"strings"

	"github.com/relbook/relbook/generator/handbook"
)

// statusView is a release's status as readers see it: ID is the machine
// status ("bugfix"), Name what the page says ("Bugfix"), and Class the
// status-<class> the stylesheet paints: the status itself, "released" for
// the first support phase and "support" for the later ones.
type statusView struct {
	ID, Name, Class string
}

func (s statusView) String() string { return s.Name }

func statusOf(r *handbook.Release) statusView { return statusViewOf(r, r.Status) }

// statusViewOf is how a badge shows status s of r.
func statusViewOf(r *handbook.Release, s handbook.Status) statusView {
	v := statusView{ID: string(s), Name: string(s), Class: string(s)}
	for i, p := range r.Support {
		if handbook.Status(p.ID) == s && p.ID != string(handbook.Released) {
			v.Name, v.Class = p.Name, "support"
			if i == 0 {
				v.Class = "released"
			}
		}
	}
	return v
}

// supportRow is one support phase on a release page.
type supportRow struct {
	ID, Name string
	From, To moment
	// Current marks the phase holding today.
	Current bool
}

// patchRow is one patch release on a release page or on /patches/.
type patchRow struct {
	// Anchor is the row's id: "patches-2026-02" or "patch-<id>" on its
	// release's page, with the release id in front ("v1.35-patches-2026-02")
	// on /patches/, which lists several releases.
	Anchor string
	Name   string
	// Release is set on /patches/, where several releases are listed.
	Release    *releaseSummary
	Date       moment
	CherryPick *moment
	// State is "planned", "released" or "not recorded".
	State string
	// Kind is "out of band" for an extra patch, "candidate" for a
	// prerelease, else empty.
	Kind  string
	Moved []moment
	Note  string
	// URL is the row on its release's page.
	URL string
}

func (b *builder) supportRows(r *handbook.Release) []supportRow {
	var rows []supportRow
	for _, s := range r.Support {
		rows = append(rows, supportRow{ID: s.ID, Name: s.Name, From: dateMoment(s.From), To: dateMoment(s.To), Current: s.Contains(b.h.Today)})
	}
	return rows
}

func (b *builder) patchRow(p page, r *handbook.Release, pt *handbook.Patch) patchRow {
	row := patchRow{
		Anchor: strings.ReplaceAll(pt.Key, ".", "-"),
		Name:   pt.Name,
		Date:   dateMoment(pt.Date),
		Note:   pt.Note,
		State:  "released",
	}
	row.URL = p.url(releasePath(r)) + "#" + row.Anchor
	switch {
	case pt.NotRecorded:
		row.State = "not recorded"
	case pt.Generated || pt.Date >= b.h.Today:
		row.State = "planned"
	}
	switch {
	case pt.Extra:
		row.Kind = "out of band"
	case pt.Prerelease:
		row.Kind = "candidate"
	}
	if pt.HasCherryPick() {
		m := cherryPickMoment(pt)
		row.CherryPick = &m
	}
	for _, s := range pt.Was {
		row.Moved = append(row.Moved, dateMoment(s.Date))
	}
	return row
}

// cherryPickMoment is a patch's cherry-pick deadline, with its time.
func cherryPickMoment(pt *handbook.Patch) moment {
	if pt.CherryPickTime.Kind == handbook.AllDay {
		return dateMoment(pt.CherryPick)
	}
	return instantMoment(pt.CherryPickTime.Format(pt.CherryPick), pt.CherryPickTime.Instant(pt.CherryPick))
}

// lifecycleChart is the picture of every release's life on /releases/:
// a bar per release, cut into its development cycle and support phases,
// on a shared time axis with a line for today. It is HTML and CSS only:
// each part is placed by percentages of the axis, carries its name and
// dates as text, and the list it is made of reads in order without
// styles.
type lifecycleChart struct {
	Rows []lifecycleRow
	// Years are the axis labels, at the first of January of each year
	// (every second or fifth year when there are many).
	Years []chartPoint
	// Today is where today falls, in percent; TodayShown is false when
	// it is outside the axis.
	Today      chartPoint
	TodayShown bool
}

// chartPoint is a labelled place on the axis, Left in percent.
type chartPoint struct {
	Left  string
	Label string
}

// lifecycleRow is one release's bar.
type lifecycleRow struct {
	Name   string
	URL    string
	Status statusView
	Parts  []lifecyclePart
}

// lifecyclePart is one stretch of a release's life.
type lifecyclePart struct {
	// Class is "cycle" for development, "support-N" for the Nth support
	// phase (from 1).
	Class       string
	Name        string
	From, To    moment
	Left, Width string
}

func (b *builder) lifecycle(p page) lifecycleChart {
	var c lifecycleChart
	if len(b.h.Releases) == 0 {
		return c
	}
	first, last := b.h.Today, b.h.Today
	for _, r := range b.h.Releases {
		first = min(first, r.Start)
		last = max(last, r.ReleaseDate())
		if eol, ok := r.EndOfLife(); ok {
			last = max(last, eol)
		}
	}
	span := float64(last-first) + 1
	pct := func(d handbook.Date) string {
		return fmt.Sprintf("%.2f%%", math.Round(float64(d-first)/span*10000)/100)
	}
	width := func(from, to handbook.Date) string {
		return fmt.Sprintf("%.2f%%", math.Round(float64(to-from+1)/span*10000)/100)
	}
	y0, y1 := first.Year(), last.Year()
	step := 1
	switch n := y1 - y0; {
	case n > 24:
		step = 5
	case n > 10:
		step = 2
	}
	for y := y0 + 1; y <= y1; y++ {
		if y%step != 0 {
			continue
		}
		d, _ := handbook.DateOf(y, 1, 1)
		c.Years = append(c.Years, chartPoint{Left: pct(d), Label: fmt.Sprint(y)})
	}
	c.Today = chartPoint{Left: pct(b.h.Today), Label: b.h.Today.Long()}
	c.TodayShown = first <= b.h.Today && b.h.Today <= last
	for _, r := range b.h.Releases {
		row := lifecycleRow{Name: r.Name, URL: p.url(releasePath(r)), Status: statusOf(r)}
		row.Parts = append(row.Parts, lifecyclePart{
			Class: "cycle", Name: "Development",
			From: dateMoment(r.Start), To: dateMoment(r.ReleaseDate()),
			Left: pct(r.Start), Width: width(r.Start, r.ReleaseDate()),
		})
		for i, s := range r.Support {
			row.Parts = append(row.Parts, lifecyclePart{
				Class: fmt.Sprintf("support-%d", min(i+1, 3)), Name: s.Name,
				From: dateMoment(s.From), To: dateMoment(s.To),
				Left: pct(s.From), Width: width(s.From, s.To),
			})
		}
		c.Rows = append(c.Rows, row)
	}
	return c
}

// patchesPage is the data of patches.html: the upcoming patch releases
// of every supported release, soonest first, and the supported releases
// with none planned.
type patchesPage struct {
	page
	Upcoming []patchRow
	// Unplanned are the supported releases with no patch ahead.
	Unplanned []releaseSummary
	// Later are the releases with patches planned after the ones
	// listed; their pages list them all.
	Later []releaseSummary
	// Feed is /patches.ics.
	Feed feedView
}

// upcomingDays is how far ahead /patches/ lists patch releases, beyond
// the next one of each release.
const upcomingDays = 92

// supported reports whether r is past its release day and not yet at
// its end of life on day d.
func supported(r *handbook.Release, d handbook.Date) bool {
	if d <= r.ReleaseDate() {
		return false
	}
	eol, ok := r.EndOfLife()
	return !ok || d <= eol
}

func (b *builder) patchesPage(p page) any {
	p.Title = "Patch releases"
	p.Description = "The next patch releases of every supported release of " + b.h.Title + ", with their cherry-pick deadlines."
	p.crumbs("Patch releases")
	asOf := dateMoment(b.h.Today)
	p.AsOf = &asOf
	v := &patchesPage{page: p, Feed: b.feed(p, "Every patch release", patchesFeedPath)}
	type upcoming struct {
		row  patchRow
		date handbook.Date
	}
	var rows []upcoming
	for _, r := range b.h.Releases {
		if !supported(r, b.h.Today) || r.Status == handbook.EOL {
			continue
		}
		s := b.summaryOnly(p, r)
		planned := false
		for _, pt := range r.Patches {
			if pt.Date < b.h.Today || pt.NotRecorded {
				continue
			}
			// The next patch of each release, and any other in the
			// coming months; the rest are on the release's page.
			if planned && pt.Date > b.h.Today.AddDays(upcomingDays) {
				v.Later = append(v.Later, s)
				break
			}
			row := b.patchRow(p, r, pt)
			row.Release = &s
			// Several releases have a patch in a month: on this page a
			// row's id names its release too.
			row.Anchor = r.ID + "-" + row.Anchor
			rows = append(rows, upcoming{row, pt.Date})
			planned = true
		}
		if !planned {
			v.Unplanned = append(v.Unplanned, s)
		}
	}
	// Soonest first; on a day, by release, newest first, as listed.
	for i := 1; i < len(rows); i++ {
		for j := i; j > 0 && rows[j].date < rows[j-1].date; j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
	for _, u := range rows {
		v.Upcoming = append(v.Upcoming, u.row)
	}
	return v
}
