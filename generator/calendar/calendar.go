// Package calendar writes a handbook's feeds: the iCalendar files people
// subscribe to once, in Google Calendar, Outlook, Apple Calendar or
// Thunderbird, and that must stay right when dates slip, and the Atom
// feed that tells why a date moved.
//
// [Feeds] returns every iCalendar feed of a site, by path:
//
//	calendar.ics                  key milestones and patch releases of every release
//	current.ics                   every event of the current release, whichever it is
//	patches.ics                   every patch release and cherry-pick deadline (when there are any)
//	releases/<id>/calendar.ics    every milestone, phase start and end, and meeting of a release
//	releases/<id>/<role>.ics      a role's milestones, task deadlines and meetings in a release
//	roles/<role>.ics              the same across every release
//
// [Changes] writes changes.xml, the Atom feed of schedule changes: one
// entry for every time a milestone moved.
//
// A role with a guide always has its feeds, even when a release gives it
// nothing to do (the site links to them); a role without a guide has a
// feed where it owns a milestone or attends a meeting.
//
// # Events
//
// Every event is written once and shared by all the feeds that hold it, so
// the same event carries the same UID, SEQUENCE and text everywhere and a
// client that meets it in two calendars can tell it is one. UIDs are made
// of ids, never of dates, titles or positions, so a slipped date updates
// the subscriber's event instead of adding a second one:
//
//	<release>.<milestone>@<uid_domain>        a milestone
//	<release>.<phase>.start@…, ….end@…        the first and last day of a phase
//	<release>.<meeting>@…                     a meeting series
//	<release>.<role>.<slug>@…                 a role's tasks due on one `when`
//	<release>.patches.<YYYY-MM>@…             the patch of a [patches] rule's period
//	                                          (<YYYY>-W<ww> for weekly rules)
//	<release>.patch.<id>@…                    any other patch release
//	<patch uid>.cherry-pick@…                 a patch's cherry-pick deadline
//
// A task deadline is one event per distinct `when` expression of a guide,
// by normal form ([dateexpr.Expr.String]); the slug spells "+" as "plus"
// and a negative number's "-" as "minus" ("R+1" → "r-plus-1", "R-1" →
// "r-1"), and two expressions of one guide that still share a slug both
// get a hash of their normal form appended (see slugs).
//
// SEQUENCE is the milestone's own [handbook.Milestone.Sequence]: its `was`
// entries and those of every milestone its date depends on. A task
// deadline's is the sum of the Sequence of every distinct milestone its
// expression names (and of the release milestone for R-N), so it rises
// whenever any of them slips. Phases and meetings carry their own
// Sequence: the slips of the milestones their ends depend on. DTSTAMP
// and LAST-MODIFIED are [Options.Stamp]; the clock is never read, and
// everything is sorted, so the same handbook always gives the same bytes.
//
// With [Options.Memory] (published.toml, see package published), an event
// the memory has takes its SEQUENCE, when higher, and its modified time
// as DTSTAMP and LAST-MODIFIED, so that every change a subscriber sees is
// announced; the events it has as cancelled are written as
// STATUS:CANCELLED into the feeds that held them. [Snapshot] lists the
// events as the memory records them. A role's former ids (its guide's
// former_ids) get copies of its feeds at their old addresses (see
// formerFeeds).
//
// Dates are written the way each kind of event needs:
//
//   - all-day milestones, spans, phase starts and ends, and task deadlines are
//     DTSTART;VALUE=DATE with an exclusive DTEND;VALUE=DATE (a range `when`
//     falls due on its last day, as everywhere else);
//   - timed milestones (AoE, "18:00", "10:00 Europe/Berlin") are deadlines:
//     an exact UTC instant and DURATION:PT0S. RFC 5545 §3.8.2.2 requires
//     DTEND to be later than DTSTART, so DTEND = DTSTART is invalid (strict
//     clients such as calcurse reject it), and leaving out both DTEND and
//     DURATION, though valid, makes some clients (khal, for one)
//     show an all-day event; a zero DURATION is valid and explicit, and
//     libical and ical.js read it as an instant;
//   - meetings are local times: DTSTART, DTEND and EXDATE carry
//     TZID=<IANA name>, the feed carries a VTIMEZONE built from Go's zone
//     data for the span of its meetings, and the series is an RRULE
//     (FREQ=WEEKLY, INTERVAL=2 for "2 weeks", BYDAY=MO,TU,WE,TH,FR for
//     "weekday", WKST=MO, UNTIL at the last local second of `until`, in
//     UTC). DTSTART is the meeting's first real occurrence (a skipped
//     first day is not also an EXDATE; "every 2 weeks" still counts from
//     the first day); later cancelled days and a weekday meeting's
//     holidays are EXDATEs. The expansion is
//     checked against the occurrences the handbook computed, so a feed
//     can never disagree with the schedule page.
//
// Milestones, phases and task deadlines are TRANSP:TRANSPARENT: a
// deadline does not make anybody busy. Each event names its release in
// SUMMARY ("Code freeze (Lighthouse v3.4)"; a task deadline's names the
// headings of its tasks, their inline date references filled in for the
// release) except in the feeds of that one release, whose calendar name
// gives it ("Code freeze"); an AoE deadline says "AoE" in the same
// parentheses ("Code freeze (Lighthouse v3.4, AoE)", "Code freeze (AoE)").
// Calendar names lead with what sets each feed apart and end with the
// handbook's title ("Release Lead · v3.4 — Lighthouse Release Handbook").
// Each event names its release in CATEGORIES as well (one
// property per category), has a plain-text DESCRIPTION (a description's
// markdown as [markdown.Doc.Text] reads it, its inline date references
// filled in and its relative links made absolute; the link to its page at
// the end, since Google Calendar does not show URL) and a URL to its place
// on the site.
//
// # The file
//
// Feeds are RFC 5545 text with CRLF line endings, folded at 75 octets
// without splitting a UTF-8 character, with VERSION, PRODID, CALSCALE,
// NAME and X-WR-CALNAME, DESCRIPTION and X-WR-CALDESC, URL, SOURCE,
// REFRESH-INTERVAL and X-PUBLISHED-TTL (six hours). There is no METHOD,
// so no event needs an ORGANIZER.
//
// The files are written with github.com/arran4/golang-ical, around the
// places where it falls short as of v0.3.6; each workaround is commented
// where it is made. Each event is serialized once, whatever the number of
// feeds that hold it (its copy for the feeds of its release is the same
// bytes with the short SUMMARY line spliced in), and the events of a
// release are made on every core.
// The task deadlines and phase days, which are most of the events of a
// large handbook, are written straight to the bytes golang-ical would
// write for them (see allDayEvent).
package calendar

import (
	"bytes"
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/internal/parallel"
	"github.com/relbook/relbook/generator/published"
)

// Options are the inputs of the feeds that do not come from the handbook.
type Options struct {
	// Stamp is every event's DTSTAMP and LAST-MODIFIED, and the Atom
	// feed's updated time. The site decides it (SOURCE_DATE_EPOCH,
	// handbook `updated`, the last git commit); the zero time means
	// 2000-01-01T00:00:00Z.
	Stamp time.Time
	// Memory, when set, is what the feeds published before
	// (published.toml): an event it has takes its SEQUENCE (never less
	// than its own) and its modified time as DTSTAMP and LAST-MODIFIED,
	// and the events it has as cancelled are written, cancelled, into
	// the feeds that held them.
	Memory *published.Memory
}

// stamp is Stamp, or 2000-01-01 when it is zero: never the clock.
func (o Options) stamp() time.Time {
	if o.Stamp.IsZero() {
		return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return o.Stamp
}

// refresh is how often clients should fetch a feed again.
const refresh = "PT6H"

// Feeds returns every calendar feed of the site, by slash path relative
// to the output folder.
func Feeds(h *handbook.Handbook, opts Options) (map[string][]byte, error) {
	b, feeds, err := plan(h, opts)
	if err != nil {
		return nil, err
	}
	feeds = append(feeds, b.formerFeeds(feeds)...)
	if opts.Memory != nil {
		if feeds, err = b.addCancelled(feeds); err != nil {
			return nil, err
		}
	}

	// Every event is written once, whatever the number of feeds that hold
	// it, and the feeds are put together from the written events.
	all := distinctEvents(feeds)
	parallel.For(len(all), func(i int) { all[i].serialize() })
	data := make([][]byte, len(feeds))
	errs := make([]error, len(feeds))
	parallel.For(len(feeds), func(i int) { data[i], errs[i] = feeds[i].encode(h.BaseURL) })
	out := make(map[string][]byte, len(feeds))
	for i, f := range feeds {
		if errs[i] != nil {
			return nil, fmt.Errorf("calendar: %s: %w", f.path, errs[i])
		}
		out[f.path] = data[i]
	}
	return out, nil
}

// Snapshot lists every event the feeds hold, as relbook's memory of what
// was published records it (see package published): its UID, the SEQUENCE
// its `was` entries give it, the feeds that hold it and what a subscriber
// sees of it. The memory in opts is not read, so the events are the
// handbook's alone, without the cancelled ones the memory adds; by UID.
// current.ics is not among an event's feeds: which release it follows
// depends on the day, not on the handbook.
func Snapshot(h *handbook.Handbook, opts Options) ([]published.Seen, error) {
	opts.Memory = nil
	_, feeds, err := plan(h, opts)
	if err != nil {
		return nil, err
	}
	paths := map[*event][]string{}
	for _, f := range feeds {
		if f.path == CurrentPath {
			continue
		}
		for _, e := range f.events {
			paths[e] = append(paths[e], f.path)
		}
	}
	all := distinctEvents(feeds)
	parallel.For(len(all), func(i int) { all[i].serialize() })
	seen := make([]published.Seen, 0, len(all))
	for _, e := range all {
		if e.err != nil {
			return nil, fmt.Errorf("calendar: %w", e.err)
		}
		feedPaths := paths[e]
		slices.Sort(feedPaths)
		seen = append(seen, published.Seen{UID: e.uid, Sequence: e.sequence, Slips: e.slips, Feeds: feedPaths, Lines: published.Visible(e.ics)})
	}
	slices.SortFunc(seen, func(a, b published.Seen) int { return cmp.Compare(a.UID, b.UID) })
	return seen, nil
}

// CurrentPath is the feed of the current release, whichever it is.
const CurrentPath = "current.ics"

// distinctEvents lists the events of the feeds, each once.
func distinctEvents(feeds []*feed) []*event {
	var all []*event
	seen := map[*event]bool{}
	for _, f := range feeds {
		for _, e := range f.events {
			if !seen[e] {
				seen[e] = true
				all = append(all, e)
			}
		}
	}
	return all
}

// plan makes the events of every feed, writing nothing.
func plan(h *handbook.Handbook, opts Options) (*builder, []*feed, error) {
	if h.UIDDomain == "" {
		return nil, nil, fmt.Errorf("calendar: no uid_domain: set uid_domain or base_url in handbook.toml")
	}
	b := newBuilder(h, opts.stamp(), opts.Memory)

	// Each release's events are independent of the others': they are
	// made on every core, each into its own slot.
	events := make([]*releaseEvents, len(h.Releases))
	errs := make([]error, len(h.Releases))
	parallel.For(len(h.Releases), func(i int) { events[i], errs[i] = b.release(h.Releases[i]) })

	key := &feed{
		path:    "calendar.ics",
		name:    "Key dates — " + h.Title,
		desc:    "Key dates of every release in the " + h.Title + ".",
		pageURL: h.BaseURL,
	}
	feeds := []*feed{key}
	var patches *feed
	for _, r := range h.Releases {
		if len(r.Patches) > 0 {
			patches = b.patchesFeed()
			feeds = append(feeds, patches)
			break
		}
	}
	acrossReleases := map[string]*feed{}
	roleFeed := func(role string) *feed {
		f := acrossReleases[role]
		if f == nil {
			f = b.roleFeed(role)
			acrossReleases[role] = f
			feeds = append(feeds, f)
		}
		return f
	}
	for i, r := range h.Releases {
		evs, err := events[i], errs[i]
		if err != nil {
			return nil, nil, fmt.Errorf("calendar: release %s: %w", r.ID, err)
		}
		key.events = append(key.events, evs.key...)
		if patches != nil {
			patches.events = append(patches.events, evs.patches...)
		}
		if r == h.Current {
			// The same events as the release's own feed, at an address
			// that moves on to the next release when it becomes current.
			feeds = append(feeds, &feed{
				path:    CurrentPath,
				name:    "Current release — " + h.Title,
				desc:    "Every milestone, phase and meeting of the current release of " + h.Title + ", now " + r.Name + ".",
				pageURL: h.BaseURL,
				events:  evs.all,
			})
		}
		f := b.releaseFeed(r.ID, r.Name)
		f.events = evs.all
		feeds = append(feeds, f)
		for _, role := range h.ReleaseFeedRoles(r) {
			f := b.roleReleaseFeed(role, r.ID, r.Name)
			f.events = evs.byRole[role]
			feeds = append(feeds, f)
			all := roleFeed(role)
			all.events = append(all.events, evs.byRole[role]...)
		}
	}
	for _, role := range h.FeedRoles() {
		roleFeed(role) // a guide's feed exists even before the first release
	}
	return b, feeds, nil
}

// The feeds of a release, of a role and of patch releases, named as
// subscribers see them; the plan fills in their events, and a feed of a
// release no longer in the handbook is written with the same name (see
// goneFeed).

// releaseFeed is releases/<id>/calendar.ics: every event of a release.
func (b *builder) releaseFeed(id, name string) *feed {
	return &feed{
		path:      "releases/" + id + "/calendar.ics",
		name:      id + " — " + b.h.Title,
		desc:      "Every milestone, phase and meeting of " + name + ".",
		pageURL:   b.h.BaseURL + "releases/" + id + "/",
		inRelease: true,
	}
}

// roleReleaseFeed is releases/<id>/<role>.ics: a role's events in a
// release. It links the role's checklist, or the release's page for a
// role without a guide, which has no checklist.
func (b *builder) roleReleaseFeed(role, id, name string) *feed {
	title := b.roleTitle(role)
	f := &feed{
		path:      "releases/" + id + "/" + role + ".ics",
		name:      title + " · " + id + " — " + b.h.Title,
		desc:      "The " + title + "'s milestones, checklist deadlines and meetings in " + name + ".",
		pageURL:   b.h.BaseURL + "releases/" + id + "/",
		inRelease: true,
	}
	if b.hasGuide(role) {
		f.pageURL += role + "/"
	}
	return f
}

// roleFeed is roles/<role>.ics: a role's events in every release.
func (b *builder) roleFeed(role string) *feed {
	title := b.roleTitle(role)
	f := &feed{
		path:    "roles/" + role + ".ics",
		name:    title + " — " + b.h.Title,
		desc:    "The " + title + "'s milestones, checklist deadlines and meetings in every release.",
		pageURL: b.h.BaseURL + "roles/",
	}
	if b.hasGuide(role) {
		f.pageURL += role + "/"
	}
	return f
}

// patchesFeed is patches.ics: every patch release and its cherry-pick
// deadline.
func (b *builder) patchesFeed() *feed {
	return &feed{
		path:    "patches.ics",
		name:    "Patch releases — " + b.h.Title,
		desc:    "Every patch release of " + b.h.Title + ", with its cherry-pick deadline.",
		pageURL: b.h.BaseURL + "patches/",
	}
}

func (b *builder) hasGuide(id string) bool {
	r := b.h.Role(id)
	return r != nil && r.HasGuide()
}

func (b *builder) roleTitle(id string) string {
	if r := b.h.Role(id); r != nil {
		return r.Title
	}
	return handbook.RoleTitle(id)
}

// feed is one calendar file.
type feed struct {
	path, name, desc, pageURL string
	events                    []*event
	// inRelease is set for the feeds of one release, whose events leave
	// out the release's name (see inRelease).
	inRelease bool
	// source is the path of the feed this one is a copy of, at a renamed
	// role's former address (see formerFeeds); "" for a feed of its own.
	source string
}

// encode writes the feed. It refuses two events with one UID: clients
// would merge them into one.
func (f *feed) encode(base string) ([]byte, error) {
	events := slices.Clone(f.events)
	slices.SortFunc(events, func(a, b *event) int {
		return cmp.Or(cmp.Compare(a.day, b.day), a.at.Compare(b.at), cmp.Compare(a.uid, b.uid))
	})
	seen := make(map[string]bool, len(events))
	for _, e := range events {
		if seen[e.uid] {
			return nil, fmt.Errorf("two events have the UID %s", e.uid)
		}
		seen[e.uid] = true
	}

	cal, err := ics.NewCalendarWithOptions(
		ics.WithVersion("2.0"),
		ics.WithProductId("-//relbook//relbook//EN"),
	)
	if err != nil {
		return nil, err
	}
	cal.SetCalscale("GREGORIAN")
	cal.SetName(oneLine(f.name)) // NAME (RFC 7986) and X-WR-CALNAME
	cal.SetDescription(oneLine(f.desc))
	cal.SetXWRCalDesc(oneLine(f.desc))
	cal.SetUrl(f.pageURL)
	// SOURCE and REFRESH-INTERVAL take a VALUE parameter (RFC 7986 §5.7,
	// §5.8). golang-ical's SetRefreshInterval hides ";VALUE=DURATION"
	// inside the property name (v0.3.6), which reads back as a different
	// property; both are written here as a name, a parameter and a value.
	cal.CalendarProperties = append(cal.CalendarProperties,
		calProp("SOURCE", "URI", base+cmp.Or(f.source, f.path)),
		calProp("REFRESH-INTERVAL", "DURATION", refresh),
	)
	cal.SetXPublishedTTL(refresh)

	// One VTIMEZONE per zone the feed's meetings use, covering all of them.
	type span struct{ from, to time.Time }
	zones := map[string]*span{}
	locs := map[string]*time.Location{}
	for _, e := range events {
		if e.zone == nil {
			continue
		}
		name := e.zone.String()
		if s := zones[name]; s == nil {
			zones[name] = &span{e.from, e.to}
			locs[name] = e.zone
		} else {
			s.from = minTime(s.from, e.from)
			s.to = maxTime(s.to, e.to)
		}
	}
	names := make([]string, 0, len(zones))
	for name := range zones {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		cal.AddVTimezone(vtimezone(locs[name], zones[name].from, zones[name].to))
	}

	// The calendar is written by golang-ical without its events, which
	// come last, and each event is added as it was written once for
	// every feed (see event.serialize): the same bytes golang-ical would
	// write for the whole calendar, since it writes one component after
	// the other and fold works line by line.
	cleanCalendar(cal)
	var buf bytes.Buffer
	if err := cal.SerializeTo(&buf, serialization); err != nil {
		return nil, err
	}
	head, ok := bytes.CutSuffix(buf.Bytes(), []byte(calendarEnd))
	if !ok {
		return nil, fmt.Errorf("golang-ical did not end the calendar with %q", calendarEnd)
	}
	size := len(head) + len(head)/maxLine*3 + len(calendarEnd)
	for _, e := range events {
		if e.err != nil {
			return nil, e.err
		}
		size += e.sizeIn(f)
	}
	out := appendFolded(make([]byte, 0, size), head)
	for _, e := range events {
		out = e.appendIn(out, f)
	}
	return append(out, calendarEnd...), nil
}

const calendarEnd = "END:VCALENDAR\r\n"

// serialization is how golang-ical writes: golang-ical ends lines with LF
// unless told otherwise (v0.3.6); RFC 5545 §3.1 requires CRLF. Its own
// folding is turned off (a line length it never reaches) and done by fold
// instead. The same settings as the options ics.WithNewLineWindows and
// ics.WithLineLength(1<<30) give, as a value that components take.
var serialization = &ics.SerializationConfiguration{MaxLength: 1 << 30, PropertyMaxLength: 75, NewLine: "\r\n"}

// serialize writes the event's VEVENT, folded, for every feed that holds
// it.
func (e *event) serialize() {
	if e.ics != nil {
		return // written directly (see allDayEvent)
	}
	buf := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(buf)
	buf.Reset()
	cleanComponent(e.v)
	if e.err = e.v.SerializeTo(buf, serialization); e.err == nil {
		e.ics = fold(buf.Bytes())
		e.setShort(summary{e.v.GetProperty(ics.ComponentPropertySummary).Value, e.short})
	}
}

// buffers are scratch space for serializing: what is kept is folded into
// a slice of its own.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxLine is the longest a content line may be, in octets, without its
// CRLF (RFC 5545 §3.1).
const maxLine = 75

// fold folds every CRLF-terminated line longer than maxLine octets:
// CRLF and one space before the rest. golang-ical v0.3.6 folds at 75
// octets and keeps UTF-8 whole, but it prefers to break before a space,
// which leaves a meaningful space at the start of the continuation line,
// and parsers that unfold by trimming leading white space (a common
// shortcut) then glue two words together. fold breaks at the last octet
// that keeps a UTF-8 character whole and does not part a backslash
// escape (\, \n, \,) from its character, so even a naive unfolder
// gets the text back.
func fold(data []byte) []byte {
	return appendFolded(make([]byte, 0, len(data)+len(data)/maxLine*3), data)
}

// appendFolded appends data, folded, to out.
func appendFolded(out, data []byte) []byte {
	for len(data) > 0 {
		line := data
		if i := lineEnd(data); i >= 0 {
			line = data[:i+2]
		}
		data = data[len(line):]
		body, crlf := bytes.CutSuffix(line, []byte("\r\n"))
		limit := maxLine
		for len(body) > limit {
			cut := limit
			for cut > 1 && (!utf8.RuneStart(body[cut]) || oddBackslashes(body[:cut])) {
				cut--
			}
			out = append(out, body[:cut]...)
			out = append(out, "\r\n "...)
			body = body[cut:]
			limit = maxLine - 1 // the leading space counts
		}
		out = append(out, body...)
		if crlf {
			out = append(out, "\r\n"...)
		}
	}
	return out
}

// lineEnd is bytes.Index(data, []byte("\r\n")), looking for the LF first,
// which is faster: lines are short, and a bare LF is rare.
func lineEnd(data []byte) int {
	for from := 1; from < len(data); {
		i := bytes.IndexByte(data[from:], '\n')
		if i < 0 {
			break
		}
		if i += from; data[i-1] == '\r' {
			return i - 1
		}
		from = i + 1
	}
	return -1
}

// oddBackslashes reports whether b ends in an unfinished escape: an odd
// run of backslashes.
func oddBackslashes(b []byte) bool {
	n := 0
	for n < len(b) && b[len(b)-1-n] == '\\' {
		n++
	}
	return n%2 == 1
}

func calProp(name, valueType, value string) ics.CalendarProperty {
	return ics.CalendarProperty{BaseProperty: ics.BaseProperty{
		IANAToken:      name,
		ICalParameters: map[string][]string{"VALUE": {valueType}},
		Value:          value,
	}}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// builder makes the events of a handbook. It is only read while
// releases are worked on in parallel.
type builder struct {
	h     *handbook.Handbook
	stamp time.Time
	// utcStamp is stamp as DTSTAMP and LAST-MODIFIED write it, for the
	// events written straight to bytes.
	utcStamp string
	// guides is what the task deadlines need of each role's guide,
	// worked out once for every release.
	guides map[*handbook.Role]*guideInfo
	// memory is what the feeds published before; nil without one.
	memory *published.Memory
}

func newBuilder(h *handbook.Handbook, stamp time.Time, memory *published.Memory) *builder {
	stamp = stamp.UTC().Truncate(time.Second)
	return &builder{h: h, stamp: stamp, utcStamp: stamp.Format(utcLayout), guides: guideInfos(h), memory: memory}
}

// revision is the SEQUENCE and the DTSTAMP and LAST-MODIFIED of the event
// uid, whose `was` entries give it the sequence own: the memory's, when
// it remembers the event, else own and the site's stamp.
func (b *builder) revision(uid string, own int) (sequence int, modified time.Time) {
	if b.memory != nil {
		if e := b.memory.Events[uid]; e != nil {
			return max(own, e.Sequence), e.Modified.Truncate(time.Second)
		}
	}
	return own, b.stamp
}

// event is one VEVENT and what a feed needs to know about it.
type event struct {
	uid string
	// day and at order events in a feed: by day, all-day events first,
	// then by instant.
	day handbook.Date
	at  time.Time
	v   *ics.VEvent
	// zone is the TZID of a meeting, and from and to the instants its
	// VTIMEZONE must cover; nil for events written in UTC or as dates.
	zone     *time.Location
	from, to time.Time
	// sequence is the SEQUENCE the event's `was` entries give it, and
	// slips, for a milestone or a patch, the `was` entries its date
	// depends on (see published.Seen).
	sequence, slips int
	// ics is the VEVENT as every feed writes it, and err why it could not
	// be written (see serialize).
	ics []byte
	err error
	// short is the SUMMARY in the feeds of the event's own release (see
	// inRelease), and shortLine that SUMMARY line, folded, which those
	// feeds write in place of ics[sumFrom:sumTo]; nil when it is the same.
	short          string
	shortLine      []byte
	sumFrom, sumTo int
}

// releaseEvents are the events of one release, by feed.
type releaseEvents struct {
	all     []*event
	key     []*event
	patches []*event
	byRole  map[string][]*event
}

func (b *builder) release(r *handbook.Release) (*releaseEvents, error) {
	evs := &releaseEvents{byRole: map[string][]*event{}}
	addRole := func(roles []string, e *event) {
		seen := map[string]bool{}
		for _, id := range roles {
			id = b.h.FeedRole(id)
			if !seen[id] {
				seen[id] = true
				evs.byRole[id] = append(evs.byRole[id], e)
			}
		}
	}
	for _, m := range r.Milestones {
		e := b.milestone(r, m)
		evs.all = append(evs.all, e)
		if m.Key {
			evs.key = append(evs.key, e)
		}
		addRole(m.Owners, e)
	}
	for _, p := range r.Phases {
		start, end := b.phase(r, p)
		evs.all = append(evs.all, start, end)
	}
	for _, m := range r.Meetings {
		e, err := b.meeting(r, m)
		if err != nil {
			return nil, err
		}
		evs.all = append(evs.all, e)
		addRole(m.Roles, e)
	}
	for _, pt := range r.Patches {
		for _, e := range b.patch(r, pt) {
			evs.all = append(evs.all, e)
			evs.key = append(evs.key, e)
			evs.patches = append(evs.patches, e)
			addRole(pt.Owners, e)
		}
	}
	memo := newReleaseMemo(r)
	for _, c := range r.Checklists {
		deadlines, err := b.deadlines(c, memo)
		if err != nil {
			return nil, err
		}
		evs.byRole[c.Role.ID] = append(evs.byRole[c.Role.ID], deadlines...)
	}
	for id := range evs.byRole {
		if !dateexpr.IsID(id) || id == "calendar" || id == "schedule" {
			return nil, fmt.Errorf("role %q cannot name a feed file", id)
		}
	}
	return evs, nil
}

// formerFeeds are copies of the feeds of renamed roles at the addresses
// their former ids gave them (a guide's former_ids): roles/<old>.ics and
// releases/<id>/<old>.ics. A calendar subscribed to the old address
// keeps up instead of freezing at its last copy, and its SOURCE names
// the new address. An old address that a feed of the site has again is
// left to that feed.
func (b *builder) formerFeeds(feeds []*feed) []*feed {
	taken := make(map[string]bool, len(feeds))
	for _, f := range feeds {
		taken[f.path] = true
	}
	var copies []*feed
	for _, f := range feeds {
		dir, file := path.Split(f.path)
		if dir != "roles/" && !(strings.HasPrefix(dir, "releases/") && strings.Count(dir, "/") == 2) {
			continue
		}
		role := b.h.Role(strings.TrimSuffix(file, ".ics"))
		if role == nil {
			continue
		}
		for _, old := range role.FormerIDs {
			at := dir + old + ".ics"
			if taken[at] {
				continue
			}
			taken[at] = true
			c := *f
			c.path, c.source, c.events = at, f.path, slices.Clone(f.events)
			copies = append(copies, &c)
		}
	}
	return copies
}
