package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/internal/icscheck"
	"github.com/relbook/relbook/generator/published"
)

// lifecycle is a handbook published again and again, with published.toml
// kept up to date between publications, as `relbook feeds --update` does.
type lifecycle struct {
	t    *testing.T
	fsys fstest.MapFS
	// files are the site of the last publication, feeds its feeds, and
	// every the feeds of every publication, by "<n>/<path>".
	files  map[string][]byte
	feeds  map[string][]byte
	every  map[string][]byte
	stages int
}

const lifecycleRelease = `name = "Project 1.0"
start = 2026-02-02

[milestone.freeze]
name = "Feature freeze"
date = 2026-02-26
key = true

[milestone.beta]
name = "Beta"
date = 2026-03-03

[milestone.release]
name = "1.0.0"
date = 2026-03-20
key = true

[meeting.sync]
name = "Release sync"
every = "week"
on = ["Tuesday"]
time = "10:00"
duration = "30m"
until = "release"
roles = ["lead"]
`

func newLifecycle(t *testing.T) *lifecycle {
	return &lifecycle{t: t, fsys: fstest.MapFS{
		"handbook.toml":     {Data: []byte("title = \"Project\"\nbase_url = \"https://example.org/\"\ntimezone = \"America/Los_Angeles\"\nupdated = 2026-01-05T00:00:00Z\n")},
		"roles/lead.md":     {Data: []byte("+++\ntitle = \"Release Lead\"\n+++\n\n## Before the freeze {when=\"freeze - 1w\"}\n\n- [ ] Write the notes\n")},
		"releases/1.0.toml": {Data: []byte(lifecycleRelease)},
	}}
}

var lifecycleOptions = Options{Today: handbook.MustDate(2026, 2, 10)}

// edit replaces old with new in the file name.
func (l *lifecycle) edit(name, old, new string) {
	l.t.Helper()
	f := l.fsys[name]
	if f == nil || !bytes.Contains(f.Data, []byte(old)) {
		l.t.Fatalf("%s has no %q", name, old)
	}
	l.fsys[name] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte(old), []byte(new), 1)}
}

// verify runs `relbook check`'s checks and returns their problems.
func (l *lifecycle) verify() diag.List {
	l.t.Helper()
	opts := lifecycleOptions
	opts.Verify = true
	_, diags, err := Generate(l.fsys, opts)
	if err != nil {
		l.t.Fatal(err)
	}
	return diags
}

// publish updates published.toml at the instant at, then builds the
// site; it returns what changed.
func (l *lifecycle) publish(at time.Time) published.Changes {
	l.t.Helper()
	memory, changes, diags, err := UpdatePublished(l.fsys, lifecycleOptions, at)
	if err != nil || diags.HasErrors() {
		l.t.Fatalf("update: %v %v", err, diags)
	}
	l.fsys[published.File] = &fstest.MapFile{Data: memory.Encode()}
	if d := l.verify(); d.HasErrors() {
		l.t.Fatalf("check after update: %v", d)
	}
	res, diags, err := Generate(l.fsys, lifecycleOptions)
	if err != nil || diags.HasErrors() {
		l.t.Fatalf("build: %v %v", err, diags)
	}
	l.files, l.feeds = res.Files, map[string][]byte{}
	if l.every == nil {
		l.every = map[string][]byte{}
	}
	l.stages++
	for name, data := range res.Files {
		if strings.HasSuffix(name, ".ics") {
			l.feeds[name] = data
			l.every[fmt.Sprintf("%02d/%s", l.stages, name)] = data
		}
	}
	return changes
}

// event is what a subscriber's client compares of one event in a feed.
type clientEvent struct{ sequence, modified, status, start, source string }

// event finds the event uid (without the domain) in the feed name.
func (l *lifecycle) event(name, uid string) (clientEvent, bool) {
	l.t.Helper()
	data, ok := l.feeds[name]
	if !ok {
		l.t.Fatalf("no feed %s", name)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		l.t.Fatalf("%s: %v", name, err)
	}
	var source string
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == "SOURCE" {
			source = p.Value
		}
	}
	for _, e := range cal.Events() {
		if e.Id() != uid+"@example.org" {
			continue
		}
		get := func(p ics.ComponentProperty) string {
			if v := e.GetProperty(p); v != nil {
				return v.Value
			}
			return ""
		}
		return clientEvent{
			sequence: get(ics.ComponentPropertySequence),
			modified: get(ics.ComponentPropertyLastModified),
			status:   get(ics.ComponentPropertyStatus),
			start:    get(ics.ComponentPropertyDtStart),
			source:   source,
		}, true
	}
	return clientEvent{source: source}, false
}

// want asserts an event's SEQUENCE, LAST-MODIFIED and STATUS.
func (l *lifecycle) want(name, uid, sequence, modified, status string) {
	l.t.Helper()
	e, ok := l.event(name, uid)
	if !ok {
		l.t.Errorf("%s: no event %s", name, uid)
		return
	}
	if e.sequence != sequence || e.modified != modified || e.status != status {
		l.t.Errorf("%s %s: SEQUENCE %s, LAST-MODIFIED %s, STATUS %q; want %s, %s, %q", name, uid, e.sequence, e.modified, e.status, sequence, modified, status)
	}
}

func stale(d diag.List) bool {
	for _, p := range d {
		if p.Pos.Path == published.File && strings.Contains(p.Message, "out of date") {
			return true
		}
	}
	return false
}

// TestPublishedLifecycle publishes a handbook, then applies the edits a
// release team makes — a meeting moved to another hour, a skipped
// meeting, a date moved without `was`, a renamed milestone, a deleted
// milestone, a renamed role, a new release — and asserts after each what
// a subscriber's client compares: UID, SEQUENCE, LAST-MODIFIED, STATUS.
func TestPublishedLifecycle(t *testing.T) {
	l := newLifecycle(t)
	const release = "releases/1.0/calendar.ics"
	at := func(day int) time.Time { return time.Date(2026, 2, day, 9, 0, 0, 0, time.UTC) }
	stamp := func(day int) string { return at(day).Format("20060102T150405Z") }

	// Without published.toml, feeds are as they always were, and check
	// says nothing of it.
	if d := l.verify(); d.HasErrors() {
		t.Fatalf("check without published.toml: %v", d)
	}

	c := l.publish(at(1))
	if len(c.Added) == 0 || len(c.Changed)+len(c.Cancelled) != 0 {
		t.Fatalf("first publication: %+v", c)
	}
	l.want(release, "1.0.freeze", "0", stamp(1), "")
	l.want(release, "1.0.sync", "0", stamp(1), "")
	before := l.feeds[release]

	// Publishing again with nothing changed moves nothing: the same bytes.
	if c := l.publish(at(2)); !c.Empty() {
		t.Errorf("a second update changed %+v", c)
	}
	if !bytes.Equal(before, l.feeds[release]) {
		t.Errorf("an update with no change changed the feed")
	}

	// A meeting moved to another hour: DTSTART and every EXDATE move.
	l.edit("releases/1.0.toml", `time = "10:00"`, `time = "11:00"`)
	if !stale(l.verify()) {
		t.Errorf("check does not say published.toml is out of date after a meeting moved")
	}
	// Built without an update, the feed keeps the published SEQUENCE:
	// the build reads the file, never writes it.
	if res, _, _ := Generate(l.fsys, lifecycleOptions); res != nil {
		if !bytes.Contains(res.Files[release], []byte("UID:1.0.sync@example.org\r\nDTSTAMP:"+stamp(1))) {
			t.Errorf("a build changed the published stamp of the moved meeting")
		}
	}
	l.publish(at(3))
	l.want(release, "1.0.sync", "1", stamp(3), "")
	l.want(release, "1.0.freeze", "0", stamp(1), "")
	l.want("roles/lead.ics", "1.0.sync", "1", stamp(3), "")

	// A skipped meeting adds an EXDATE.
	l.edit("releases/1.0.toml", `roles = ["lead"]`, "roles = [\"lead\"]\nskip = [2026-02-17]")
	l.publish(at(4))
	l.want(release, "1.0.sync", "2", stamp(4), "")

	// A date moved without `was`: warned, and announced all the same,
	// with the task deadline that depends on it.
	l.edit("releases/1.0.toml", "date = 2026-02-26", "date = 2026-02-27")
	warned := false
	for _, d := range l.verify() {
		warned = warned || d.Code == diag.MovedWithoutWas && strings.Contains(d.Message, "freeze of 1.0")
	}
	if !warned {
		t.Errorf("no moved-without-was warning for a date moved without was")
	}
	l.publish(at(5))
	l.want(release, "1.0.freeze", "1", stamp(5), "")
	l.want("releases/1.0/lead.ics", "1.0.lead.freeze-1w", "1", stamp(5), "")
	// With its `was` entry, the move is not warned, and SEQUENCE counts
	// it once.
	l.edit("releases/1.0.toml", "date = 2026-02-27", "date = 2026-03-02\nwas = [2026-02-27]")
	for _, d := range l.verify() {
		if d.Code == diag.MovedWithoutWas {
			t.Errorf("warned with a was entry: %v", d)
		}
	}
	l.publish(at(6))
	l.want(release, "1.0.freeze", "2", stamp(6), "")

	// A renamed milestone: the summary changes.
	l.edit("releases/1.0.toml", `name = "Beta"`, `name = "Beta 1"`)
	l.publish(at(7))
	l.want(release, "1.0.beta", "1", stamp(7), "")

	// A deleted milestone stays, cancelled, in the feeds that held it.
	l.edit("releases/1.0.toml", "[milestone.beta]\nname = \"Beta 1\"\ndate = 2026-03-03\n", "")
	c = l.publish(at(8))
	if len(c.Cancelled) != 1 {
		t.Errorf("cancelled %v, want the beta", c.Cancelled)
	}
	l.want(release, "1.0.beta", "2", stamp(8), "CANCELLED")
	if e, _ := l.event(release, "1.0.beta"); e.start != "20260303" {
		t.Errorf("the cancelled beta starts %q, want its last date", e.start)
	}

	// A renamed role: its old feed addresses keep being published, with
	// the old role's deadlines cancelled and the new ones in place.
	delete(l.fsys, "roles/lead.md")
	l.fsys["roles/release-lead.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Release Lead\"\nformer_ids = [\"lead\"]\n+++\n\n## Before the freeze {when=\"freeze - 1w\"}\n\n- [ ] Write the notes\n")}
	l.edit("releases/1.0.toml", `roles = ["lead"]`, `roles = ["release-lead"]`)
	l.publish(at(9))
	for _, name := range []string{"roles/lead.ics", "releases/1.0/lead.ics"} {
		l.want(name, "1.0.lead.freeze-1w", "3", stamp(9), "CANCELLED")
		l.want(name, "1.0.release-lead.freeze-1w", "1", stamp(9), "") // a new UID starts at its was count
		l.want(name, "1.0.sync", "2", stamp(4), "")
		if e, _ := l.event(name, "1.0.sync"); !strings.HasSuffix(e.source, strings.Replace(name, "lead", "release-lead", 1)) {
			t.Errorf("%s: SOURCE %q does not name the new address", name, e.source)
		}
	}
	if _, ok := l.event("roles/release-lead.ics", "1.0.lead.freeze-1w"); ok {
		t.Errorf("the new role's feed holds the old role's cancelled deadline")
	}
	// Its old pages send readers on, and are not in the sitemap.
	for from, to := range map[string]string{"roles/lead/index.html": "../../roles/release-lead/", "releases/1.0/lead/index.html": "../../../releases/1.0/release-lead/"} {
		if !bytes.Contains(l.files[from], []byte(`<meta http-equiv="refresh" content="0; url=`+to+`">`)) {
			t.Errorf("%s does not send readers to %s:\n%s", from, to, l.files[from])
		}
	}
	if bytes.Contains(l.files["sitemap.xml"], []byte("/roles/lead/")) {
		t.Errorf("the sitemap lists a page that moved")
	}

	// A new release: its events are new, the others keep everything.
	l.fsys["releases/1.1.toml"] = &fstest.MapFile{Data: []byte("name = \"Project 1.1\"\nstart = 2026-04-06\n\n[milestone.release]\nname = \"1.1.0\"\ndate = 2026-06-19\nkey = true\n")}
	l.publish(at(10))
	l.want("calendar.ics", "1.1.release", "0", stamp(10), "")
	l.want("calendar.ics", "1.0.release", "0", stamp(1), "")

	// A deleted meeting: the whole series is cancelled, in its zone.
	l.edit("releases/1.0.toml", "[meeting.sync]", "[meeting.gone]")
	c = l.publish(at(11))
	l.want(release, "1.0.sync", "3", stamp(11), "CANCELLED")
	if !bytes.Contains(l.feeds[release], []byte("\r\nRRULE:FREQ=WEEKLY;BYDAY=TU;WKST=MO;UNTIL=")) ||
		!bytes.Contains(l.feeds[release], []byte("BEGIN:VTIMEZONE\r\nTZID:America/Los_Angeles")) {
		t.Errorf("the cancelled series lost its recurrence or its zone")
	}

	// A removed release: its feeds go on, with its events cancelled, and
	// name the release as they did.
	l.fsys["releases/0.9.toml"] = &fstest.MapFile{Data: []byte("name = \"Project 0.9\"\nstart = 2025-10-06\n\n[milestone.release]\nname = \"0.9.0\"\ndate = 2025-12-19\n")}
	l.publish(at(12))
	delete(l.fsys, "releases/0.9.toml")
	l.publish(at(13))
	l.want("releases/0.9/calendar.ics", "0.9.release", "1", stamp(13), "CANCELLED")
	if !bytes.Contains(l.feeds["releases/0.9/calendar.ics"], []byte("NAME:0.9 — Project\r\n")) {
		t.Errorf("the removed release's feed lost its name:\n%s", l.feeds["releases/0.9/calendar.ics"])
	}

	// Every feed of every publication passes the independent validator,
	// and ical.js expands the last site's meetings as its schedule lists
	// them, reading the cancelled series too.
	t.Run("check-ics", func(t *testing.T) { icscheck.Run(t, l.every) })
	t.Run("ical.js", func(t *testing.T) {
		dir := t.TempDir()
		for name, data := range l.files {
			if f := filepath.Join(dir, filepath.FromSlash(name)); os.MkdirAll(filepath.Dir(f), 0o755) != nil || os.WriteFile(f, data, 0o644) != nil {
				t.Fatal("cannot write", f)
			}
		}
		icscheck.CompareICALJS(t, dir, 3) // 0.9, no longer in the handbook, holds only its cancelled release day
	})

	// Ninety days after its date and its cancellation, a cancelled event
	// is forgotten.
	c = l.publish(time.Date(2026, 6, 25, 0, 0, 0, 0, time.UTC))
	if len(c.Forgotten) != 4 {
		t.Errorf("forgot %v, want the beta, the old deadline, the meeting and 0.9's release", c.Forgotten)
	}
	if _, ok := l.feeds["releases/0.9/calendar.ics"]; ok {
		t.Errorf("the removed release's feed is still written after its events were forgotten")
	}
	if _, ok := l.event(release, "1.0.beta"); ok {
		t.Errorf("the beta is still published 90 days after its cancellation")
	}
}

// TestPublishedStateErrors: a published.toml that is not relbook's is
// refused where it is wrong, and the build stops.
func TestPublishedStateErrors(t *testing.T) {
	l := newLifecycle(t)
	l.fsys[published.File] = &fstest.MapFile{Data: []byte("version = 1\n\n[event.\"x@example.org\"]\nsequence = 1\nhash = \"abc\"\n")}
	_, diags, err := Generate(l.fsys, lifecycleOptions)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range diags.Errors().Sort() {
		got = append(got, d.String())
	}
	want := []string{
		`published.toml:3:1: event "x@example.org" has no modified time or no ical lines; run ` + "`relbook feeds --update`",
		`published.toml:5:1: unknown key "event.\"x@example.org\".hash": published.toml is written by ` + "`relbook feeds --update`" + `; do not edit it by hand`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestFormerIDsRefused: a former id that is not an id, is a role's id
// now, or is claimed by two roles is refused where it is written.
func TestFormerIDsRefused(t *testing.T) {
	l := newLifecycle(t)
	l.fsys["roles/release-lead.md"] = &fstest.MapFile{Data: []byte("+++\nformer_ids = [\"lead\", \"Old Lead\", \"manager\", \"manager\"]\n+++\n\nText.\n")}
	l.fsys["roles/docs.md"] = &fstest.MapFile{Data: []byte("+++\nformer_ids = [\"manager\"]\n+++\n\nText.\n")}
	_, diags, err := Generate(l.fsys, lifecycleOptions)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range diags.Errors().Sort() {
		got = append(got, d.String())
	}
	want := []string{
		`roles/docs.md:2:15: former_ids: "manager" is a former id of roles/release-lead.md too: an old feed address can lead to one role only`,
		`roles/release-lead.md:2:15: former_ids: "lead" is the id of the role in roles/lead.md: an old feed address can lead to one role only`,
		`roles/release-lead.md:2:23: former_ids: "Old Lead" is not an id (lowercase letters, digits and '-')`,
		`roles/release-lead.md:2:35: former_ids: "manager" is a former id of roles/docs.md too: an old feed address can lead to one role only`,
		`roles/release-lead.md:2:46: former_ids: "manager" is listed twice`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPublishedFeedsMakeNoOtherFile: the feeds a cancelled event names
// that the site no longer has are written again only at the addresses
// relbook's feeds have; published.toml names no other file into being.
func TestPublishedFeedsMakeNoOtherFile(t *testing.T) {
	l := newLifecycle(t)
	m := &published.Memory{Events: map[string]*published.Event{"1.0.gone@example.org": {
		Sequence: 1, Modified: time.Date(2026, 2, 3, 9, 0, 0, 0, time.UTC), Cancelled: time.Date(2026, 2, 3, 9, 0, 0, 0, time.UTC),
		Lines: []string{"SUMMARY:Gone", "DTSTART;VALUE=DATE:20260226", "DTEND;VALUE=DATE:20260227"},
		Feeds: []string{"../outside.ics", "releases/../../outside/calendar.ics", "static/x.ics", "index.html", "releases/2.0/calendar.ics", "releases/2.0/x/y.ics", "roles/Bad Id.ics", "roles/old-role.ics", "current.ics"},
	}}}
	l.fsys[published.File] = &fstest.MapFile{Data: m.Encode()}
	res, diags, err := Generate(l.fsys, lifecycleOptions)
	if err != nil || diags.HasErrors() {
		t.Fatalf("build: %v %v", err, diags)
	}
	var made []string
	for name, data := range res.Files {
		if bytes.Contains(data, []byte("UID:1.0.gone@example.org")) {
			made = append(made, name)
		}
	}
	slices.Sort(made)
	if want := []string{"releases/2.0/calendar.ics", "roles/old-role.ics"}; !slices.Equal(made, want) {
		t.Errorf("the cancelled event is in %q, want %q", made, want)
	}
}
