package render

import (
	"strings"

	"github.com/relbook/relbook/generator/handbook"
)

// releaseSummary is a release as lists show it.
type releaseSummary struct {
	ID       string
	Name     string
	Codename string
	Status   statusView
	URL      string
	Start    moment
	Release  moment
	// Current marks the release the dashboard is about.
	Current bool
	// KeyDates are the key milestones, in timeline order.
	KeyDates []milestoneView
}

// summary is r with its key dates, as page p links to them.
//
// Its links lead to r's page and to the checklists of the key dates'
// owners. On a page outside all of them (every page but the dashboard,
// the list of releases, r's own page and the checklists of those
// owners), p.url writes each link as p.Root and the site path: the
// summary is the same on every such page at the same depth, and is made
// once for all of them. That is what a role page, which lists every
// release, and a checklist, which has its release's summary, need.
// Summaries are only read once made, so the pages share their KeyDates.
func (b *builder) summary(p page, r *handbook.Release) releaseSummary {
	if summaryLinksWithin(r, p.Path) {
		return b.makeSummary(p, r)
	}
	key := summaryKey{r, p.Root}
	if s, ok := b.summaries.Load(key); ok {
		return *s.(*releaseSummary)
	}
	s := b.makeSummary(p, r)
	b.summaries.Store(key, &s)
	return s
}

// summaryLinksWithin reports whether a summary of r links to a page in
// the folder dir (see summary).
func summaryLinksWithin(r *handbook.Release, dir string) bool {
	if strings.HasPrefix(releasePath(r), dir) {
		return true
	}
	for _, m := range r.KeyMilestones() {
		for _, id := range m.Owners {
			if strings.HasPrefix(checklistPath(r, id), dir) {
				return true
			}
		}
	}
	return false
}

// summaryKey is what a memoized summary depends on (see builder.summary).
type summaryKey struct {
	r    *handbook.Release
	root string
}

func (b *builder) makeSummary(p page, r *handbook.Release) releaseSummary {
	s := b.summaryOnly(p, r)
	for _, m := range r.KeyMilestones() {
		s.KeyDates = append(s.KeyDates, b.milestone(p, r, m))
	}
	return s
}

// summaryOnly is summary without the KeyDates, for a page that does not
// show them.
func (b *builder) summaryOnly(p page, r *handbook.Release) releaseSummary {
	return releaseSummary{
		ID:       r.ID,
		Name:     r.Name,
		Codename: r.Codename,
		Status:   statusOf(r),
		URL:      p.url(releasePath(r)),
		Start:    dateMoment(r.Start),
		Release:  dateMoment(r.ReleaseDate()),
		Current:  r == b.h.Current,
	}
}

// releasesPage is the data of releases.html.
type releasesPage struct {
	page
	Releases []releaseSummary
	// Lifecycle is every release's life on one time axis; PatchesURL
	// the list of upcoming patch releases, when any release has one.
	Lifecycle  lifecycleChart
	PatchesURL string
}

func (b *builder) releaseList(p page) any {
	p.Title = "Releases"
	p.Description = "Every release of " + b.h.Title + ", newest first, with its status and key dates."
	p.crumbs("Releases")
	asOf := dateMoment(b.h.Today)
	p.AsOf = &asOf
	l := &releasesPage{page: p}
	for _, r := range b.h.Releases {
		l.Releases = append(l.Releases, b.summary(p, r))
	}
	l.Lifecycle = b.lifecycle(p)
	if hasPatches(b.h) {
		l.PatchesURL = p.url(patchesPath)
	}
	return l
}

// patchesPath is the folder of the list of upcoming patch releases.
const patchesPath = "patches/"

// hasPatches reports whether any release has a support phase or a patch
// release: only then does the site have /patches/ and /patches.ics.
func hasPatches(h *handbook.Handbook) bool {
	for _, r := range h.Releases {
		if len(r.Patches) > 0 {
			return true
		}
	}
	return false
}
