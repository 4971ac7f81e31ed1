package render

import (
	"strings"
	"time"

	"github.com/relbook/relbook/generator/handbook"
)

// patchJSON is a patch release in schedule.json.
type patchJSON struct {
	Name string `json:"name"`
	// Number is 0 for a prerelease.
	Number     int            `json:"number,omitempty"`
	Date       handbook.Date  `json:"date"`
	CherryPick *handbook.Date `json:"cherry_pick,omitempty"`
	// CherryPickInstant is when a timed deadline falls due.
	CherryPickInstant string     `json:"cherry_pick_instant,omitempty"`
	Planned           bool       `json:"planned"`
	NotRecorded       bool       `json:"not_recorded,omitempty"`
	Extra             bool       `json:"extra,omitempty"`
	Prerelease        bool       `json:"prerelease,omitempty"`
	Was               []slipJSON `json:"was,omitempty"`
	Note              string     `json:"note,omitempty"`
	// UID is the patch's calendar UID without its domain.
	UID string `json:"uid"`
}

func lifecycleJSON(r *handbook.Release) ([]phaseJSON, []patchJSON) {
	var support []phaseJSON
	for _, s := range r.Support {
		support = append(support, phaseJSON{s.ID, s.Name, s.From, s.To})
	}
	var patches []patchJSON
	for _, p := range r.Patches {
		j := patchJSON{
			Name: p.Name, Number: p.Number, Date: p.Date,
			Planned: p.Generated, NotRecorded: p.NotRecorded,
			Extra: p.Extra, Prerelease: p.Prerelease, Note: p.Note,
			UID: r.ID + "." + p.Key,
		}
		if p.HasCherryPick() {
			d := p.CherryPick
			j.CherryPick = &d
			if p.CherryPickTime.Kind != handbook.AllDay {
				j.CherryPickInstant = p.CherryPickTime.Instant(d).UTC().Format(time.RFC3339)
			}
		}
		for _, s := range p.Was {
			j.Was = append(j.Was, slipJSON{Date: s.Date, Note: s.Note})
		}
		patches = append(patches, j)
	}
	return support, patches
}

// endOfLifeJSON is one release in /releases.json, in the shape
// endoflife.date's API gives a product's cycles, then relbook's own
// fields. `support` and `eol` are dates, or false for "not yet known"
// (eol) and true for "supported with no end written" (support).
type endOfLifeJSON struct {
	Cycle             string        `json:"cycle"`
	ReleaseDate       handbook.Date `json:"releaseDate"`
	Support           any           `json:"support"`
	EOL               any           `json:"eol"`
	Latest            string        `json:"latest"`
	LatestReleaseDate handbook.Date `json:"latestReleaseDate"`
	// relbook's own.
	ID     string          `json:"id"`
	Name   string          `json:"name"`
	Status handbook.Status `json:"status"`
	// StatusName is what readers see ("Security fixes only").
	StatusName string `json:"statusName"`
	URL        string `json:"url"`
	// NextPatch is the next patch release on or after the build's day.
	NextPatch *patchJSON `json:"nextPatch,omitempty"`
}

// releasesJSON is /releases.json: every release, newest first.
func releasesJSON(h *handbook.Handbook) []endOfLifeJSON {
	out := []endOfLifeJSON{}
	for _, r := range h.Releases {
		j := endOfLifeJSON{
			Cycle:       r.Cycle,
			ReleaseDate: r.ReleaseDate(),
			Support:     true,
			EOL:         false,
			ID:          r.ID,
			Name:        r.Name,
			Status:      r.Status,
			StatusName:  statusOf(r).Name,
			URL:         h.BaseURL + releasePath(r),
		}
		if len(r.Support) > 0 {
			j.Support, j.EOL = r.Support[0].To, r.Support[len(r.Support)-1].To
		}
		j.Latest, j.LatestReleaseDate = latest(r, h.Today)
		_, patches := lifecycleJSON(r)
		for i, p := range r.Patches {
			if p.Date >= h.Today && !p.NotRecorded {
				j.NextPatch = &patches[i]
				break
			}
		}
		out = append(out, j)
	}
	return out
}

// latest is the newest patch of r released by today (not a candidate,
// not merely planned), else the release itself: the name template with
// {n} = 0, or the cycle.
func latest(r *handbook.Release, today handbook.Date) (string, handbook.Date) {
	for i := len(r.Patches) - 1; i >= 0; i-- {
		p := r.Patches[i]
		if !p.Generated && !p.Prerelease && p.Date <= today {
			return p.Name, p.Date
		}
	}
	if r.PatchName != "" && strings.Contains(r.PatchName, "{n}") {
		return strings.ReplaceAll(r.PatchName, "{n}", "0"), r.ReleaseDate()
	}
	return r.Cycle, r.ReleaseDate()
}
