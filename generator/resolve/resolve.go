// Package resolve is the second stage of a build: it turns what the author
// wrote (a load.Source) into a handbook.Handbook in which every date is
// known.
//
// It evaluates every date expression against its release, in whatever order
// the milestones were written, reports reference cycles naming each member,
// pins timed milestones to exact instants in their zones, expands meetings
// into occurrences, derives each release's status and picks the current
// release for a given today. It parses the role guides and pages, the
// glossary's definitions and the releases' summaries and descriptions
// once, with the glossary, onto the values that show them, and binds
// every guide's tasks to every release's dates as that release's
// checklists. It reads no files and no clock: today is an argument, so
// the same input always resolves to the same handbook.
//
// The releases, the documents to parse and the guides to bind do not
// depend on each other and are worked on all at the same time, with the
// problems put in the order of the input. A [Cache] that the live preview
// keeps from one resolution to the next keeps the parsed markdown, so
// that a rebuild after a save parses only what changed. Resolution only
// reads the load.Source, which a load.Cache shares between builds.
package resolve

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/internal/parallel"
	"github.com/relbook/relbook/generator/load"
)

// Options are the inputs of resolution that do not come from the site
// folder.
type Options struct {
	// Today is "now" as a date: it decides statuses and the current release.
	Today handbook.Date
	// BaseURL, when set, replaces handbook.toml's base_url (--base-url).
	BaseURL string
	// Cache, when set, keeps the parsed markdown for the next resolution
	// of the same handbook (the live preview's next build), which then
	// parses only what changed. Without one, everything is parsed.
	Cache *Cache
}

// Handbook resolves a whole site. Problems come back all together; the
// handbook is usable for whatever resolved cleanly.
func Handbook(src *load.Source, opts Options) (*handbook.Handbook, diag.List) {
	if c := opts.Cache; c != nil {
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	var diags diag.List
	h := settings(src.Settings, slices.Contains(src.Unloaded, src.Settings.Path), opts, &diags)
	// Releases do not depend on each other: they are resolved all at the
	// same time, each with problems of its own, which then come in the
	// order of the files.
	type resolved struct {
		r     *handbook.Release
		diags diag.List
	}
	out := make([]resolved, len(src.Releases))
	parallel.For(len(src.Releases), func(i int) {
		out[i].r = release(src.Releases[i], h, &out[i].diags)
	})
	releases := make([]*handbook.Release, len(out))
	for i, o := range out {
		diags.Add(o.diags...)
		if o.r != nil {
			h.Releases = append(h.Releases, o.r)
		}
		releases[i] = o.r
	}
	limitMeetings(src.Releases, releases, &diags)
	// Newest first, by start date: never by id, where "v1.10" < "v1.9".
	slices.SortStableFunc(h.Releases, func(a, b *handbook.Release) int {
		return cmp.Or(cmp.Compare(b.Start, a.Start), cmp.Compare(a.ID, b.ID))
	})
	people(src, h, opts.Cache, &diags)
	h.Current = current(h, src, &diags)
	diags.Add(warnings(h)...)
	return h, diags
}

// settings resolves handbook.toml; unloaded says it could not be read
// (that is reported), so that what it lacks is not reported as well.
func settings(s *load.Settings, unloaded bool, opts Options, diags *diag.List) *handbook.Handbook {
	h := &handbook.Handbook{
		Title:       or(s.Title.V, "Release Handbook"),
		Description: s.Description.V,
		Language:    or(s.Language.V, "en"),
		EditURL:     s.EditURL.V,
		Theme:       or(s.Theme.V, "default"),
		UnsafeHTML:  s.UnsafeHTML.V,
		Updated:     s.Updated.V,
		Zone:        time.UTC,
		Today:       opts.Today,
	}
	if s.Timezone.Set {
		if loc, err := handbook.LoadZone(s.Timezone.V); err != nil {
			diags.Errorf(s.Timezone.Pos, "timezone: %v", err)
		} else {
			h.Zone = loc
		}
	}
	base, basePos := s.BaseURL.V, s.BaseURL.Pos
	if opts.BaseURL != "" {
		base, basePos = opts.BaseURL, diag.Pos{Path: "(--base-url)"}
	}
	switch {
	case base == "":
		h.BaseURL = "http://localhost/"
		if s.Path != "" && !unloaded {
			diags.Warnf(diag.Pos{Path: s.Path, Line: 1, Col: 1}, diag.NoBaseURL, "base_url is not set: feeds, the sitemap and calendar UIDs use %s", h.BaseURL)
		}
	default:
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			diags.Errorf(basePos, "base_url %q must be an absolute http:// or https:// URL", base)
			h.BaseURL = "http://localhost/"
		} else {
			h.BaseURL = strings.TrimSuffix(base, "/") + "/"
		}
	}
	h.UIDDomain = s.UIDDomain.V
	if s.UIDDomain.Set && !isDomain(s.UIDDomain.V) {
		// It ends every calendar UID, so it must not be able to end the
		// line it is written on.
		diags.Errorf(s.UIDDomain.Pos, "uid_domain %q must be a domain name such as \"lighthouse.example.org\" (letters, digits, '-' and '.')", s.UIDDomain.V)
		h.UIDDomain = ""
	}
	if h.UIDDomain == "" {
		if u, err := url.Parse(h.BaseURL); err == nil {
			h.UIDDomain = u.Hostname()
		}
	}
	if s.EditURL.Set {
		if u, err := url.Parse(strings.ReplaceAll(s.EditURL.V, "{path}", "x")); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			diags.Errorf(s.EditURL.Pos, "edit_url %q must be an absolute http:// or https:// URL", s.EditURL.V)
			h.EditURL = ""
		} else if !strings.Contains(s.EditURL.V, "{path}") {
			diags.Warnf(s.EditURL.Pos, diag.EditURLNoPath, "edit_url has no {path}: every page would link to the same place")
		}
	}
	for _, d := range s.Holidays {
		h.Holidays = append(h.Holidays, d.V)
	}
	return h
}

// current picks the release the dashboard shows (SPEC §3): the one named in
// handbook.toml; else, of the releases whose cycle holds today, the one
// released first; else the next to start; else the latest released.
func current(h *handbook.Handbook, src *load.Source, diags *diag.List) *handbook.Release {
	if s := src.Settings; s.Current.Set {
		if r := h.Release(s.Current.V); r != nil {
			h.CurrentWritten = true
			return r
		}
		// A release whose file has errors has its own messages already.
		if !slices.ContainsFunc(src.Releases, func(r *load.Release) bool { return r.ID == s.Current.V }) {
			diags.Errorf(s.Current.Pos, "current names release %q, but there is no releases/%s.toml", s.Current.V, s.Current.V)
		}
	}
	today := h.Today
	var best *handbook.Release
	for _, r := range h.Releases {
		if r.Contains(today) && (best == nil || r.ReleaseDate() < best.ReleaseDate()) {
			best = r
		}
	}
	if best != nil {
		return best
	}
	for _, r := range h.Releases {
		if r.Start > today && (best == nil || r.Start < best.Start) {
			best = r
		}
	}
	if best != nil {
		return best
	}
	for _, r := range h.Releases {
		if best == nil || r.ReleaseDate() > best.ReleaseDate() {
			best = r
		}
	}
	return best
}

// status derives a release's status from its dates (SPEC §3).
func status(r *handbook.Release, today handbook.Date) handbook.Status {
	switch {
	case today < r.Start:
		return handbook.Planned
	case today <= r.ReleaseDate():
		return handbook.Active
	case len(r.Support) == 0:
		return handbook.Released
	}
	if p := r.SupportOn(today); p != nil {
		return handbook.Status(p.ID)
	}
	return handbook.EOL
}

func statusNames(s []handbook.Status) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = string(v)
	}
	return out
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// isDomain reports whether s is a domain name: labels of letters, digits
// and '-' joined by dots.
func isDomain(s string) bool {
	if s == "" || len(s) > 253 {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, c := range []byte(label) {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}
