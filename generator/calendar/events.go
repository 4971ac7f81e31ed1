package calendar

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"

	ics "github.com/arran4/golang-ical"

	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/markdown"
)

// newEvent starts a VEVENT with the properties every event has, in the
// order every event has them.
func (b *builder) newEvent(uid string, sequence int, s summary) *event {
	uid += "@" + b.h.UIDDomain
	published, modified := b.revision(uid, sequence)
	v := ics.NewEvent(uid)
	v.SetDtStampTime(modified)
	v.SetModifiedAt(modified)
	v.SetSequence(published)
	v.SetSummary(oneLine(s.full))
	return &event{uid: uid, v: v, short: s.short, sequence: sequence}
}

// summary is an event's SUMMARY: in full for the feeds of many releases,
// and short, without the release name the calendar's own name gives, for
// the feeds of its release.
type summary struct{ full, short string }

// inRelease is the summary of base, an event of r: "Code freeze
// (Lighthouse v3.4)" in full, "Code freeze" short. Notes go in the same
// parentheses: "Code freeze (Lighthouse v3.4, AoE)", "Code freeze (AoE)".
func inRelease(base string, r *handbook.Release, notes ...string) summary {
	s := summary{base + " (" + strings.Join(append([]string{r.Name}, notes...), ", ") + ")", base}
	if len(notes) > 0 {
		s.short += " (" + strings.Join(notes, ", ") + ")"
	}
	return s
}

// allDay makes e last from the first through the last day, inclusive.
func (e *event) allDay(first, last handbook.Date) {
	e.day = first
	// golang-ical's SetAllDayStartAt/SetAllDayEndAt write a DATE with
	// VALUE=DATE, as RFC 5545 wants; DTEND is the day after the last one.
	e.v.SetAllDayStartAt(first.Time(time.UTC))
	e.v.SetAllDayEndAt(last.AddDays(1).Time(time.UTC))
}

// finish adds what follows the dates: transparency, categories, the
// description with the page link at its end, and the URL.
func (e *event) finish(transparent bool, categories []string, desc, url string) {
	if transparent {
		e.v.SetProperty(ics.ComponentPropertyTransp, "TRANSPARENT")
	}
	// AddCategory("a,b") would escape the comma and make one category
	// named "a,b" (v0.3.6); one CATEGORIES property per category is what
	// RFC 5545 §3.8.1.2 allows and every client reads.
	for _, c := range categories {
		e.v.AddProperty(ics.ComponentPropertyCategories, oneLine(c))
	}
	e.v.SetDescription(descWithURL(desc, url))
	e.v.SetURL(url)
}

// descWithURL is an event's description with the link to its page at the
// end, since Google Calendar does not show URL.
func descWithURL(desc, url string) string {
	desc = strings.TrimRightFunc(desc, unicode.IsSpace)
	if desc != "" {
		desc += "\n\n"
	}
	return desc + url
}

var kindNames = map[handbook.Kind]string{
	handbook.KindMilestone:  "Milestone",
	handbook.KindFreeze:     "Freeze",
	handbook.KindDeadline:   "Deadline",
	handbook.KindRelease:    "Release",
	handbook.KindPrerelease: "Pre-release",
	handbook.KindEvent:      "Event",
}

// MilestoneUID is the UID of a milestone's event in every feed:
// <release>.<milestone>@<uid_domain>.
func MilestoneUID(h *handbook.Handbook, r *handbook.Release, m *handbook.Milestone) string {
	return milestoneUID(r, m) + "@" + h.UIDDomain
}

// milestoneUID is MilestoneUID without the domain, which newEvent adds.
func milestoneUID(r *handbook.Release, m *handbook.Milestone) string { return r.ID + "." + m.ID }

func (b *builder) milestone(r *handbook.Release, m *handbook.Milestone) *event {
	var notes []string
	if !m.WholeWeek && m.Time.Kind == handbook.AoE {
		// The instant is noon UTC the next day: say why in the title,
		// which is all most clients show.
		notes = append(notes, "AoE")
	}
	e := b.newEvent(milestoneUID(r, m), m.Sequence, inRelease(m.Name, r, notes...))
	e.slips = m.Sequence
	if m.WholeWeek {
		// A week item spans its week's working days, and its due day
		// when that is later (a Saturday due_weekday).
		e.allDay(m.WeekSpan())
	} else if m.Time.Kind == handbook.AllDay {
		e.allDay(m.Date, m.End)
	} else {
		// A deadline is an instant, written in UTC (SetStartAt always
		// writes UTC with a Z, which is right here and only here). See the
		// package comment for why it lasts DURATION:PT0S.
		e.day, e.at = m.Date, m.Instant()
		e.v.SetStartAt(m.Instant())
		// SetDuration would write a DTEND, not a DURATION.
		e.v.SetProperty(ics.ComponentPropertyDuration, "PT0S")
	}
	cats := []string{r.Name, cmp.Or(kindNames[m.Kind], "Milestone")}
	if m.Key {
		cats = append(cats, "Key date")
	}

	var d []string
	if m.Description != nil {
		d = append(d, b.description(r, m.Description), "")
	}
	d = append(d, "When: "+m.When())
	if m.WholeWeek {
		d = append(d, "Due: "+m.Date.Long())
	}
	var who []string
	if len(m.Owners) > 0 {
		who = append(who, b.roleTitles(m.Owners))
	}
	if m.Who != nil {
		who = append(who, b.description(r, m.Who))
	}
	if len(who) > 0 {
		d = append(d, "Who: "+strings.Join(who, ", "))
	}
	if len(m.Was) > 0 {
		d = append(d, earlierPlanned(m.Was))
		if m.Note != "" {
			d = append(d, "Why it moved: "+m.Note)
		}
	}
	if m.URL != "" {
		d = append(d, "More: "+m.URL)
	}
	e.finish(true, cats, strings.Join(d, "\n"), b.h.BaseURL+"releases/"+r.ID+"/#"+m.ID)
	return e
}

// phase makes the events of a phase's first and last day, which share
// their description.
func (b *builder) phase(r *handbook.Release, p *handbook.Phase) (start, end *event) {
	var d []string
	if p.Description != nil {
		d = append(d, b.description(r, p.Description), "")
	}
	d = append(d, p.Name+": "+p.From.Long()+" – "+p.To.Long())
	desc := strings.Join(d, "\n")
	at := func(part, what string, day handbook.Date) *event {
		return b.allDay(allDayEvent{
			uid:        r.ID + "." + p.ID + part,
			sequence:   p.Sequence,
			summary:    inRelease(p.Name+what, r),
			first:      day,
			last:       day,
			categories: []string{r.Name, "Phase"},
			desc:       desc,
			url:        b.h.BaseURL + "releases/" + r.ID + "/#phase-" + p.ID,
		})
	}
	return at(".start", " begins", p.From), at(".end", " ends", p.To)
}

func (b *builder) meeting(r *handbook.Release, m *handbook.Meeting) (*event, error) {
	zone := m.Zone.String()
	if err := checkTZID(zone); err != nil {
		return nil, fmt.Errorf("meeting %s: %w", m.ID, err)
	}
	// The series starts on the first real occurrence: a DTSTART that is
	// also an EXDATE is legal, but some clients show it all the same, and
	// the first day of a meeting is the one most often cancelled.
	first := m.First
	if len(m.Occurrences) > 0 {
		first = m.Occurrences[0]
	}
	days, exdates := series(m, first)
	if err := sameDays(days, exdates, m.Occurrences); err != nil {
		return nil, fmt.Errorf("meeting %s: %w", m.ID, err)
	}

	e := b.newEvent(r.ID+"."+m.ID, m.Sequence, inRelease(m.Name, r))
	e.day, e.at = first, m.Start(first).UTC()
	e.zone = m.Zone
	e.from = handbook.LocalInstant(first, 0, 0, m.Zone)
	until := handbook.LocalInstant(m.Until.AddDays(1), 0, 0, m.Zone).Add(-time.Second).UTC()
	e.to = until.Add(m.Duration)

	// SetStartAt would write the instant in UTC with a Z even with a TZID
	// parameter (v0.3.6), which makes the value contradict itself; local
	// times with TZID are written as values here. TZID is not quoted by
	// golang-ical, which is safe for names checkTZID accepts.
	tzid := ics.WithTZID(zone)
	e.v.SetProperty(ics.ComponentPropertyDtStart, wall(first, m.Hour, m.Minute, 0), tzid)
	e.v.SetProperty(ics.ComponentPropertyDtEnd, wall(first, m.Hour, m.Minute, m.Duration), tzid)

	rule := "FREQ=WEEKLY"
	if m.Every == handbook.Biweekly {
		rule += ";INTERVAL=2"
	}
	byDay := m.On
	if m.Every == handbook.EveryWeekday {
		byDay = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	}
	codes := make([]string, len(byDay))
	for i, w := range byDay {
		codes[i] = strings.ToUpper(w.String()[:2])
	}
	rule += ";BYDAY=" + strings.Join(codes, ",") + ";WKST=MO;UNTIL=" + until.Format(utcLayout)
	e.v.AddRrule(rule)
	// One EXDATE per day rather than a list: some clients read only the
	// first value of a list.
	for _, d := range exdates {
		e.v.AddExdate(wall(d, m.Hour, m.Minute, 0), tzid)
	}
	if m.URL != "" {
		e.v.SetLocation(m.URL)
	}

	d := []string{m.Describe() + "."}
	if m.URL != "" {
		d = append(d, "Join: "+m.URL)
	}
	if len(m.Roles) > 0 {
		d = append(d, "Who: "+b.roleTitles(m.Roles))
	}
	e.finish(false, []string{r.Name, "Meeting"}, strings.Join(d, "\n"), b.h.BaseURL+"releases/"+r.ID+"/#meeting-"+m.ID)
	return e, nil
}

const utcLayout = "20060102T150405Z"

// wall writes the local DATE-TIME hour:minute on d, plus dur of wall-clock
// time (a meeting ending after midnight ends on the next day).
func wall(d handbook.Date, hour, minute int, dur time.Duration) string {
	t := d.Time(time.UTC).Add(time.Duration(hour)*time.Hour + time.Duration(minute)*time.Minute + dur)
	return t.Format(localLayout)
}

// series expands a meeting's RRULE the way RFC 5545 does, from first
// (its DTSTART: a day of the series, in a week "every 2 weeks" meets)
// through until, and returns those days and the ones to exclude: skipped
// days and, for a weekday meeting, holidays — each only if the rule would
// otherwise meet on it.
func series(m *handbook.Meeting, first handbook.Date) (days, exdates []handbook.Date) {
	for d := first; d <= m.Until; d++ {
		w := d.Weekday()
		switch m.Every {
		case handbook.EveryWeekday:
			if w == time.Saturday || w == time.Sunday {
				continue
			}
		case handbook.Biweekly:
			if !slices.Contains(m.On, w) || int(d.Monday()-m.First.Monday())/7%2 != 0 {
				continue
			}
		default:
			if !slices.Contains(m.On, w) {
				continue
			}
		}
		days = append(days, d)
		if sortedHas(m.Skip, d) || sortedHas(m.Holidays, d) {
			exdates = append(exdates, d)
		}
	}
	return days, exdates
}

// sameDays checks that the rule minus its exceptions is exactly the
// meetings the handbook lists.
func sameDays(days, exdates, occurrences []handbook.Date) error {
	var got []handbook.Date
	for _, d := range days {
		if !sortedHas(exdates, d) {
			got = append(got, d)
		}
	}
	if !slices.Equal(got, occurrences) {
		return errors.New("its RRULE and EXDATEs do not give the occurrences of the schedule")
	}
	return nil
}

// sortedHas reports whether the sorted days hold d. Series, skips and
// holidays are searched for every day of a meeting series: a scan of
// each would make a long series with many skips quadratic.
func sortedHas(days []handbook.Date, d handbook.Date) bool {
	_, found := slices.BinarySearch(days, d)
	return found
}

// deadline is the tasks of a checklist due on one `when` expression.
type deadline struct {
	expr     dateexpr.Expr
	norm     string // expr.String()
	from     handbook.Date
	due      handbook.Date
	tasks    []*markdown.Task
	headings []string
}

// deadlines makes one event per distinct `when` (by normal form) of a
// role's checklist in a release.
func (b *builder) deadlines(c *handbook.Checklist, memo *releaseMemo) ([]*event, error) {
	r, role := c.Release, c.Role
	g := b.guides[role]
	if g == nil {
		g = newGuideInfo(role)
	}
	var list []*deadline
	byExpr := map[string]*deadline{}
	for _, grp := range c.Groups {
		for _, t := range grp.Tasks {
			w, ok := g.whens[t.When]
			if !ok {
				w = parseWhen(t.When)
			}
			if w.err != nil {
				return nil, fmt.Errorf("role %s: when %q: %w", role.ID, t.When, w.err)
			}
			dl := byExpr[w.norm]
			if dl == nil {
				dl = &deadline{expr: w.expr, norm: w.norm, from: grp.From, due: grp.Due}
				byExpr[w.norm] = dl
				list = append(list, dl)
			}
			dl.tasks = append(dl.tasks, t)
			if h := g.heading(t.Heading, memo); h != "" && !slices.Contains(dl.headings, h) {
				dl.headings = append(dl.headings, h)
			}
		}
	}
	events := make([]*event, 0, len(list))
	categories := []string{r.Name, "Checklist"}
	url := b.h.BaseURL + "releases/" + r.ID + "/" + role.ID + "/"
	for _, dl := range list {
		norm := dl.norm
		s, ok := g.slugs[norm]
		if !ok { // a when the guide's walk did not see: still give it a stable id
			s = slug(norm)
		}
		what := strings.Join(dl.headings, "; ")
		if what == "" {
			what = "tasks due"
		}
		long := memo.long(dl.due)
		due := "Due " + long + " (" + norm + ")."
		if dl.from != dl.due {
			due = "Due " + long + " (" + norm + ": " + memo.long(dl.from) + " – " + long + ")."
		}
		events = append(events, b.allDay(allDayEvent{
			uid:        r.ID + "." + role.ID + "." + s,
			sequence:   memo.sequence(dl.expr, norm),
			summary:    inRelease(role.Title+": "+what, r),
			first:      dl.due,
			last:       dl.due,
			categories: categories,
			desc:       due,
			list:       func(out []byte) []byte { return g.appendTaskList(out, norm, dl.tasks, memo) },
			url:        url,
		}))
	}
	return events, nil
}

// releaseMemo is what the checklists of one release work out alike:
// every role's tasks fall due on the same few days and expressions.
type releaseMemo struct {
	r         *handbook.Release
	refs      map[string]refText       // by expression: dateexpr.ResolveRef
	longs     map[handbook.Date]string // by date: [handbook.Date.Long]
	sequences map[string]int           // by normal form: deadlineSequence
}

func newReleaseMemo(r *handbook.Release) *releaseMemo {
	return &releaseMemo{r: r, refs: map[string]refText{}, longs: map[handbook.Date]string{}, sequences: map[string]int{}}
}

// refText is an inline date reference of the release as text.
type refText struct {
	text    string // dateexpr.Ref.Text
	ok      bool   // the reference resolves; else it stays as written
	oneLine bool   // text is oneLine's and not empty
	escaped string // text escaped as TEXT
}

// ref resolves the reference expr in the release, once.
func (m *releaseMemo) ref(expr string) refText {
	t, found := m.refs[expr]
	if !found {
		ref, ok := dateexpr.ResolveRef(m.r, expr)
		t = refText{text: ref.Text, ok: ok, oneLine: ref.Text != "" && oneLine(ref.Text) == ref.Text, escaped: ics.ToText(ref.Text)}
		m.refs[expr] = t
	}
	return t
}

// refText is ref as markdown.Task.TextFor takes it.
func (m *releaseMemo) refText(expr string) (string, bool) {
	t := m.ref(expr)
	return t.text, t.ok
}

func (m *releaseMemo) long(d handbook.Date) string {
	s, ok := m.longs[d]
	if !ok {
		s = d.Long()
		m.longs[d] = s
	}
	return s
}

func (m *releaseMemo) sequence(e dateexpr.Expr, norm string) int {
	n, ok := m.sequences[norm]
	if !ok {
		n = deadlineSequence(m.r, e)
		m.sequences[norm] = n
	}
	return n
}

// guideInfo is what the task deadlines of a role need from its guide:
// the same in every release, so worked out once.
type guideInfo struct {
	// slugs are the UID parts of the guide's whens, by normal form.
	slugs map[string]string
	// whens are the guide's whens as written, parsed.
	whens map[string]when
	// headings are the texts of the guide's headings, by id (the first
	// heading of an id).
	headings map[string]markdown.Plain
	// lines are the tasks' texts as escapeLine writes them: those without
	// inline date references, which read the same in every release.
	lines map[*markdown.Task]string
	// parts are the tasks with inline date references, in escaped pieces
	// that each release fills in (see appendLine).
	parts map[*markdown.Task][]escapedPart
	// lists are the task lists of deadline descriptions, by the normal
	// form of their when: the guide's tasks due on it, in the guide's
	// order, which every release's checklist lists the same way; only
	// lists without date references.
	lists map[string]taskList
}

type taskList struct {
	tasks []*markdown.Task
	// escaped is the list as the end of a description: cleaned, escaped
	// as TEXT, and without trailing white space.
	escaped string
}

// heading is the text of the guide's heading id, its inline date
// references written for the release of memo: what a deadline's SUMMARY
// names its tasks by.
func (g *guideInfo) heading(id string, memo *releaseMemo) string {
	return g.headings[id].TextFor(memo.refText)
}

// appendTaskList appends the list of tasks, and their steps, that ends a
// deadline's description (allDayEvent.list): one line each, "- task",
// steps indented, inline date references written for the release of
// memo (nil for a list without any); cleaned and escaped as TEXT, without
// trailing white space. Escaping a line at a time is escaping the list:
// the lines hold no line breaks, and both cleaning and escaping work a
// character at a time.
func (g *guideInfo) appendTaskList(out []byte, norm string, tasks []*markdown.Task, memo *releaseMemo) []byte {
	if l, ok := g.lists[norm]; ok && slices.Equal(l.tasks, tasks) {
		return append(out, l.escaped...)
	}
	start := len(out)
	var write func(tasks []*markdown.Task, indent string)
	write = func(tasks []*markdown.Task, indent string) {
		for _, t := range tasks {
			if len(out) > start {
				out = append(out, `\n`...)
			}
			out = append(out, indent...)
			out = append(out, "- "...)
			out = g.appendLine(out, t, memo)
			write(t.Steps, indent+"  ")
		}
	}
	write(tasks, "")
	return out[:start+len(bytes.TrimRightFunc(out[start:], unicode.IsSpace))]
}

// appendLine appends a task's text as a line of a task list
// (escapeLine), for the release of memo. The escaped line or parts
// worked out for the guide are reused whenever they give the same bytes.
func (g *guideInfo) appendLine(out []byte, t *markdown.Task, memo *releaseMemo) []byte {
	if line, ok := g.lines[t]; ok {
		return append(out, line...)
	}
	parts, ok := g.parts[t]
	for _, p := range parts {
		if p.ref == "" {
			continue
		}
		if r := memo.ref(p.ref); r.ok && !r.oneLine {
			ok = false
		}
	}
	if !ok {
		return append(out, escapeLine(t.TextFor(memo.refText))...)
	}
	// A task's parts with one-line text in place of its references make
	// one line (markdown.TextPart), so the escaped pieces are the line.
	for _, p := range parts {
		if p.ref != "" {
			if r := memo.ref(p.ref); r.ok {
				out = append(out, r.escaped...)
				continue
			}
		}
		out = append(out, p.escaped...)
	}
	return out
}

// escapeLine is a task's text as a line of a description's task list.
func escapeLine(text string) string { return ics.ToText(oneLine(text)) }

// escapedParts is a task's parts (markdown.Task.Parts) escaped as TEXT;
// nil when cleanText would change one, which escapeLine of the whole line
// then handles.
func escapedParts(t *markdown.Task) []escapedPart {
	var parts []escapedPart
	for _, p := range t.Parts() {
		if cleanText(p.Text) != p.Text {
			return nil
		}
		parts = append(parts, escapedPart{escaped: ics.ToText(p.Text), ref: p.Ref})
	}
	return parts
}

// escapedPart is a markdown.TextPart escaped as TEXT.
type escapedPart struct {
	escaped string
	ref     string // the reference's expression; "" for words
}

type when struct {
	expr dateexpr.Expr
	norm string
	err  error
}

func parseWhen(src string) when {
	e, err := dateexpr.Parse(src)
	if err != nil {
		return when{err: err}
	}
	return when{expr: e, norm: e.String()}
}

// guideInfos works out the guideInfo of every role with a guide.
func guideInfos(h *handbook.Handbook) map[*handbook.Role]*guideInfo {
	infos := map[*handbook.Role]*guideInfo{}
	for _, role := range h.Roles {
		if role.Guide != nil {
			infos[role] = newGuideInfo(role)
		}
	}
	return infos
}

func newGuideInfo(role *handbook.Role) *guideInfo {
	g := &guideInfo{
		whens:    map[string]when{},
		headings: map[string]markdown.Plain{},
		lines:    map[*markdown.Task]string{},
		parts:    map[*markdown.Task][]escapedPart{},
		lists:    map[string]taskList{},
	}
	if role.Guide == nil {
		return g
	}
	for _, h := range role.Guide.Headings {
		if _, ok := g.headings[h.ID]; !ok && h.ID != "" {
			g.headings[h.ID] = h.Plain
		}
	}
	// The slugs look at the whole guide, not one release's checklist, so
	// that an expression keeps its UID in every release and feed.
	var exprs []string
	var walk func([]*markdown.Task)
	walk = func(tasks []*markdown.Task) {
		for _, t := range tasks {
			w, ok := g.whens[t.When]
			if !ok {
				w = parseWhen(t.When)
				g.whens[t.When] = w
			}
			if t.When != "" && w.err == nil {
				exprs = append(exprs, w.norm)
			}
			if t.HasDateRefs() {
				if parts := escapedParts(t); parts != nil {
					g.parts[t] = parts
				}
			} else {
				g.lines[t] = escapeLine(t.Text)
			}
			walk(t.Steps)
		}
	}
	walk(role.Guide.Tasks)
	g.slugs = slugs(exprs)
	byNorm := map[string][]*markdown.Task{}
	var norms []string
	for _, t := range role.Guide.Tasks {
		if w := g.whens[t.When]; t.When != "" && w.err == nil {
			if _, ok := byNorm[w.norm]; !ok {
				norms = append(norms, w.norm)
			}
			byNorm[w.norm] = append(byNorm[w.norm], t)
		}
	}
	g.lists = map[string]taskList{}
	for _, norm := range norms {
		if tasks := byNorm[norm]; !anyDateRefs(tasks) {
			g.lists[norm] = taskList{tasks: tasks, escaped: string(g.appendTaskList(nil, norm, tasks, nil))}
		}
	}
	return g
}

// anyDateRefs reports whether any of tasks, or of their steps, has
// inline date references.
func anyDateRefs(tasks []*markdown.Task) bool {
	for _, t := range tasks {
		if t.HasDateRefs() || anyDateRefs(t.Steps) {
			return true
		}
	}
	return false
}

// deadlineSequence is the SEQUENCE of a task deadline: the sum of the
// Sequence of every distinct milestone the expression names, and of the
// release milestone when it counts weeks to the release (R-N). Each of
// those only grows as `was` entries are added, so the sum rises whenever
// any of them slips (a maximum would not).
func deadlineSequence(r *handbook.Release, e dateexpr.Expr) int {
	var ids []string
	for _, a := range e.Milestones() {
		ids = append(ids, a.ID)
	}
	if e.UsesCountdown() {
		ids = append(ids, "release")
	}
	slices.Sort(ids)
	n := 0
	for _, id := range slices.Compact(ids) {
		if m := r.Milestone(id); m != nil {
			n += m.Sequence
		}
	}
	return n
}

func (b *builder) roleTitles(ids []string) string {
	titles := make([]string, len(ids))
	for i, id := range ids {
		titles[i] = b.roleTitle(id)
	}
	return strings.Join(titles, ", ")
}

// description is the plain text of a milestone's or phase's markdown
// description in release r: its date references filled in the way the
// release page shows them (dateexpr.ResolveRef), and its links made
// absolute from the release page, where the description is written for.
func (b *builder) description(r *handbook.Release, doc *markdown.Doc) string {
	return doc.Text(markdown.TextOptions{
		DateRef: func(expr string) (string, bool) {
			ref, ok := dateexpr.ResolveRef(r, expr)
			return ref.Text, ok
		},
		Link: linkFrom(b.h.BaseURL + "releases/" + r.ID + "/"),
	})
}

// linkFrom returns a link's destination as seen from the page at the
// absolute URL page: relative ones resolved, the others as written. With
// no absolute page URL (a handbook without base_url), all stay as
// written.
func linkFrom(page string) func(dest string) string {
	base, err := url.Parse(page)
	if err != nil || !base.IsAbs() {
		return nil
	}
	return func(dest string) string {
		u, err := url.Parse(dest)
		if err != nil || u.IsAbs() {
			return dest
		}
		return base.ResolveReference(u).String()
	}
}

// patch makes the events of a patch release: its day, and its cherry-pick
// deadline when it has one. Both keep their UIDs when the patch slips
// (see handbook.Patch.Key); the deadline is an instant when the rule
// gives it a time.
func (b *builder) patch(r *handbook.Release, pt *handbook.Patch) []*event {
	uid := r.ID + "." + pt.Key
	url := b.h.BaseURL + "releases/" + r.ID + "/#" + strings.ReplaceAll(pt.Key, ".", "-")
	cats := []string{r.Name, "Patch release"}
	var d []string
	d = append(d, "When: "+pt.Date.Long())
	if pt.HasCherryPick() {
		d = append(d, "Cherry-pick deadline: "+pt.CherryPickTime.Format(pt.CherryPick))
	}
	switch {
	case pt.Extra:
		d = append(d, "An out-of-band patch release.")
	case pt.Prerelease:
		d = append(d, "A patch release candidate.")
	case pt.NotRecorded:
		d = append(d, "Planned; not recorded as released.")
	case pt.Generated:
		d = append(d, "Planned.")
	}
	if len(pt.Owners) > 0 {
		d = append(d, "Who: "+b.roleTitles(pt.Owners))
	}
	if len(pt.Was) > 0 {
		d = append(d, earlierPlanned(pt.Was))
	}
	if pt.Note != "" {
		d = append(d, pt.Note)
	}
	desc := strings.Join(d, "\n")
	e := b.newEvent(uid, pt.Sequence, inRelease(pt.Name+" patch release", r))
	e.slips = pt.Sequence
	e.allDay(pt.Date, pt.Date)
	e.finish(true, cats, desc, url)
	events := []*event{e}
	if pt.HasCherryPick() {
		c := b.newEvent(uid+".cherry-pick", pt.Sequence, inRelease("Cherry-pick deadline for "+pt.Name, r))
		if pt.CherryPickTime.Kind == handbook.AllDay {
			c.allDay(pt.CherryPick, pt.CherryPick)
		} else {
			at := pt.CherryPickTime.Instant(pt.CherryPick)
			c.day, c.at = pt.CherryPick, at
			c.v.SetStartAt(at)
			c.v.SetProperty(ics.ComponentPropertyDuration, "PT0S")
		}
		c.finish(true, append(cats, "Deadline"), "The last day to get a fix into "+pt.Name+".\n"+desc, url)
		events = append(events, c)
	}
	return events
}

// earlierPlanned is the description line that lists a date's slips:
// "Earlier planned: Tuesday 10 November 2026 (held for a fix); ...".
func earlierPlanned(slips []handbook.Slip) string {
	var was []string
	for _, s := range slips {
		w := s.Date.Long()
		if s.Note != "" {
			w += " (" + s.Note + ")"
		}
		was = append(was, w)
	}
	return "Earlier planned: " + strings.Join(was, "; ")
}
