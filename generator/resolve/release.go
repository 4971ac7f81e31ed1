package resolve

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/load"
)

// releaseResolver works out one release. Milestones are resolved on demand,
// depth first, so an `at` may name a milestone written further down the
// file; the state of each milestone detects cycles.
type releaseResolver struct {
	def   *load.Release
	r     *handbook.Release
	diags *diag.List
	defs  map[string]*load.Milestone
	state map[string]state
	done  map[string]*handbook.Milestone
	// stack holds the milestones being resolved, innermost last.
	stack []string
	// deps are the milestones each milestone's dates were computed from,
	// directly or not; they decide SEQUENCE.
	deps map[string]map[string]bool
	// partial holds the date of a milestone whose end is being worked out,
	// so that its end may count from it ("kubecon + 3d").
	partial map[string]handbook.Date
	// lifeDates are the dates support.<id> and patch.<id> stand for, as
	// they are resolved.
	lifeDates map[string]handbook.Date
}

type state int

const (
	unvisited state = iota
	visiting
	resolved
	failed
)

// errFailed marks an expression whose milestone could not be resolved; the
// milestone's own problem has been reported already.
var errFailed = errors.New("depends on a milestone that has errors")

// unknownMilestone is an expression naming no milestone of the release.
type unknownMilestone struct{ id, hint string }

func (e *unknownMilestone) Error() string {
	return fmt.Sprintf("unknown milestone %q%s", e.id, e.hint)
}

// cycleError reports a reference cycle once, naming every member.
type cycleError struct{ members []string }

func (e *cycleError) Error() string {
	return "these milestones are defined in terms of each other: " + strings.Join(e.members, " → ")
}

func release(def *load.Release, h *handbook.Handbook, diags *diag.List) *handbook.Release {
	fileStart := diag.Pos{Path: def.Path, Line: 1, Col: 1}
	r := &handbook.Release{
		ID:         def.ID,
		Path:       def.Path,
		Name:       def.Name.V,
		Codename:   def.Codename.V,
		Start:      def.Start.V,
		Zone:       h.Zone,
		DueWeekday: time.Friday,
	}
	ok := true
	// A key written with a bad value (Bad) is reported where it is
	// written; it is not missing as well.
	if !def.Name.Set {
		if !def.Name.Bad {
			diags.Errorf(fileStart, "name is required: the release's display name, e.g. name = \"Lighthouse %s\"", def.ID)
		}
		r.Name = def.ID
	}
	if !def.Start.Set {
		if !def.Start.Bad {
			diags.Errorf(fileStart, "start is required: the date the cycle begins (week 1 is the week that holds it)")
		}
		ok = false
	} else if def.Start.V.Weekday() != time.Monday {
		diags.Warnf(def.Start.Pos, diag.StartNotMonday, "start %s is a %s; week numbers count Monday–Sunday weeks", def.Start.V, def.Start.V.Weekday())
	}
	if def.Timezone.Set {
		if loc, err := handbook.LoadZone(def.Timezone.V); err != nil {
			diags.Errorf(def.Timezone.Pos, "timezone: %v", err)
		} else {
			r.Zone = loc
		}
	}
	if def.DueWeekday.Set {
		if w, isDay := handbook.ParseWeekday(def.DueWeekday.V); isDay {
			r.DueWeekday = w
		} else {
			diags.Errorf(def.DueWeekday.Pos, "due_weekday %q is not a weekday name such as \"Friday\"", def.DueWeekday.V)
		}
	}
	r.Holidays = slices.Clone(h.Holidays)
	for _, d := range def.Holidays {
		r.Holidays = append(r.Holidays, d.V)
	}
	slices.Sort(r.Holidays)
	r.Holidays = slices.Compact(r.Holidays)
	for _, t := range def.Team {
		e := handbook.TeamEntry{Role: t.Role}
		for _, p := range t.People {
			e.People = append(e.People, p.V)
		}
		r.Team = append(r.Team, e)
	}

	rr := &releaseResolver{
		def: def, r: r, diags: diags,
		defs:  map[string]*load.Milestone{},
		state: map[string]state{},
		done:  map[string]*handbook.Milestone{},
		deps:  map[string]map[string]bool{},

		partial:   map[string]handbook.Date{},
		lifeDates: map[string]handbook.Date{},
	}
	for _, m := range def.Milestones {
		rr.defs[m.ID] = m
	}
	if _, has := rr.defs["release"]; !has {
		diags.Errorf(fileStart, "a release needs a [milestone.release]: the date the release ships")
		ok = false
	}
	if !ok {
		return nil
	}
	for _, m := range def.Milestones {
		rr.milestone(m.ID)
	}
	if rr.state["release"] != resolved {
		return nil // every milestone's problem is reported; nothing more can be dated
	}
	if rd := rr.done["release"].Date; rd < r.Start {
		d := rr.defs["release"]
		pos := d.Pos
		if d.Date.Set {
			pos = d.Date.Pos
		} else if d.At.Set {
			pos = d.At.Pos
		}
		diags.Errorf(pos, "the release day %s is before start %s: a cycle cannot run backwards", rd, r.Start)
		return nil
	}
	for _, m := range def.Milestones {
		if ms := rr.done[m.ID]; ms != nil {
			ms.Sequence = rr.sequence(m.ID)
			r.Milestones = append(r.Milestones, ms)
		}
	}
	handbook.SortTimeline(r.Milestones)
	for _, p := range def.Phases {
		if ph := rr.phase(p); ph != nil {
			r.Phases = append(r.Phases, ph)
		}
	}
	slices.SortStableFunc(r.Phases, func(a, b *handbook.Phase) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	})
	for _, m := range def.Meetings {
		if _, clash := rr.defs[m.ID]; clash {
			diags.Errorf(m.Pos, "meeting %q has the id of a milestone: calendar feeds name events by id, so give it another", m.ID)
			continue
		}
		if mt := rr.meeting(m, h); mt != nil {
			r.Meetings = append(r.Meetings, mt)
		}
	}
	rr.lifecycle(h.Today)
	r.EOL, r.HasEOL = r.EndOfLife()
	r.Status = status(r, h.Today)
	if def.Status.Set {
		if s := handbook.Status(def.Status.V); slices.Contains(r.Statuses(), s) {
			r.Status, r.StatusWritten = s, true
		} else {
			diags.Errorf(def.Status.Pos, "status %q is not one this release can have: %s", def.Status.V, strings.Join(statusNames(r.Statuses()), ", "))
		}
	}
	return r
}

// Env: dateexpr evaluates expressions against the resolver.

func (rr *releaseResolver) Start() handbook.Date               { return rr.r.Start }
func (rr *releaseResolver) DueWeekday() time.Weekday           { return rr.r.DueWeekday }
func (rr *releaseResolver) IsBusinessDay(d handbook.Date) bool { return rr.r.IsBusinessDay(d) }

func (rr *releaseResolver) ReleaseDate() (handbook.Date, error) { return rr.Milestone("release") }

// WeekOf gives the Monday of a week item, for dateexpr: as an anchor it
// stands for its Monday where a week does.
func (rr *releaseResolver) WeekOf(id string) (handbook.Date, bool) {
	if m := rr.done[id]; m != nil && m.WholeWeek {
		return m.WeekOf, true
	}
	return 0, false
}

func (rr *releaseResolver) Milestone(id string) (handbook.Date, error) {
	if dateexpr.IsLifecycleRef(id) {
		return rr.lifecycleDate(id)
	}
	if _, ok := rr.defs[id]; !ok {
		return 0, &unknownMilestone{id, rr.hint(id)}
	}
	if d, ok := rr.partial[id]; ok {
		// Its date is known and only its end is being worked out, so an
		// end may count from it, directly ("kubecon + 3d") or through
		// another milestone ("end-of-code-freeze" at "code-freeze + 3w").
		if len(rr.stack) > 0 && rr.stack[len(rr.stack)-1] != id {
			rr.addDep(rr.stack[len(rr.stack)-1], id)
		}
		return d, nil
	}
	if len(rr.stack) > 0 {
		rr.addDep(rr.stack[len(rr.stack)-1], id)
	}
	switch rr.state[id] {
	case visiting:
		i := slices.Index(rr.stack, id)
		members := append(slices.Clone(rr.stack[i:]), id)
		for _, m := range rr.stack[i:] {
			rr.state[m] = failed
		}
		return 0, &cycleError{members}
	case failed:
		return 0, errFailed
	}
	m := rr.milestone(id)
	if m == nil {
		return 0, errFailed
	}
	return m.Date, nil
}

// hint suggests what an unknown id was meant to be.
func (rr *releaseResolver) hint(id string) string {
	ids := make([]string, 0, len(rr.defs))
	for k := range rr.defs {
		ids = append(ids, k)
	}
	slices.Sort(ids)
	return unknownHint(id, ids)
}

// unknownHint suggests what an unknown milestone id was meant to be,
// given the ids of the release, sorted.
func unknownHint(id string, ids []string) string {
	if strings.HasPrefix(id, "r-") || strings.HasPrefix(id, "r+") {
		return fmt.Sprintf("; countdown weeks are written with a capital R: R%s", id[1:])
	}
	if i := strings.LastIndex(id, "-"); i > 0 {
		if _, known := slices.BinarySearch(ids, id[:i]); known {
			return fmt.Sprintf("; to subtract, put spaces around the minus: %s - %s", id[:i], id[i+1:])
		}
	}
	if s := diag.Closest(id, ids); s != "" {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	return ""
}

// milestone resolves one milestone (and, through its expressions, the
// milestones it depends on). It returns nil when the milestone has errors.
func (rr *releaseResolver) milestone(id string) *handbook.Milestone {
	switch rr.state[id] {
	case resolved:
		return rr.done[id]
	case failed, visiting:
		return nil
	}
	def := rr.defs[id]
	rr.state[id] = visiting
	rr.stack = append(rr.stack, id)
	m, ok := rr.buildMilestone(def)
	rr.stack = rr.stack[:len(rr.stack)-1]
	if rr.state[id] == failed || !ok {
		rr.state[id] = failed
		return nil
	}
	rr.state[id] = resolved
	rr.done[id] = m
	// Dependencies of dependencies count for SEQUENCE too. Only those
	// that slipped add to it, so only they are carried along: a chain of
	// thousands of milestones, each at the one before, then costs a set
	// of its slipped ancestors per milestone rather than of all of them.
	for dep := range rr.deps[id] {
		for sub := range rr.deps[dep] {
			if len(rr.defs[sub].Was) > 0 {
				rr.addDep(id, sub)
			}
		}
	}
	return m
}

func (rr *releaseResolver) addDep(from, to string) {
	if rr.deps[from] == nil {
		rr.deps[from] = map[string]bool{}
	}
	rr.deps[from][to] = true
}

func (rr *releaseResolver) sequence(id string) int {
	n := len(rr.defs[id].Was)
	for dep := range rr.deps[id] {
		if dep != id {
			n += len(rr.defs[dep].Was)
		}
	}
	return n
}

// dependentSequence is the SEQUENCE of a phase or meeting, whose dates were
// evaluated under key: the slips of every milestone they depend on,
// directly or through other milestones, each counted once.
func (rr *releaseResolver) dependentSequence(key string) int {
	all := map[string]bool{}
	for dep := range rr.deps[key] {
		all[dep] = true
		for sub := range rr.deps[dep] {
			all[sub] = true
		}
	}
	n := 0
	for id := range all {
		if def := rr.defs[id]; def != nil {
			n += len(def.Was)
		}
	}
	return n
}

func (rr *releaseResolver) buildMilestone(def *load.Milestone) (*handbook.Milestone, bool) {
	m := &handbook.Milestone{
		ID:   def.ID,
		Name: or(def.Name.V, handbook.RoleTitle(def.ID)),
		Key:  def.Key.V,
		URL:  linkURL(def.URL, def.Pos, rr.diags),
		Note: def.Note.V,
		Pos:  def.Pos,
		Kind: handbook.KindMilestone,
	}
	ok := true
	if def.ID == "release" {
		m.Kind = handbook.KindRelease
	}
	if def.Kind.Set {
		if k := handbook.Kind(def.Kind.V); slices.Contains(handbook.Kinds, k) {
			m.Kind = k
		} else {
			rr.diags.Errorf(def.Kind.Pos, "kind %q is not one of freeze, deadline, release, prerelease, event, milestone", def.Kind.V)
		}
	}
	for _, o := range def.Owner {
		if !dateexpr.IsID(o.V) {
			rr.diags.Errorf(o.Pos, "owner %q is not a role id (lower-case letters, digits and '-')", o.V)
			continue
		}
		m.Owners = append(m.Owners, o.V)
	}
	for _, w := range def.Was {
		m.Was = append(m.Was, handbook.Slip{Date: w.Date.V, Changed: w.Changed.V, Note: w.Note.V})
	}

	if def.Week.Set {
		return rr.weekItem(def, m)
	}
	switch {
	case def.Date.Set && def.At.Set:
		rr.diags.Errorf(def.At.Pos, "milestone %q has both date and at: give one", def.ID)
		return nil, false
	case def.Date.Set:
		m.Date, m.End = def.Date.V, def.Date.V
	case def.At.Set:
		m.At = def.At.V
		e, from, to, good := rr.eval(def.At, "at", dateexpr.AsDue, true)
		if !good {
			return nil, false
		}
		m.Date, m.End = from, to
		if e.IsRange() && def.End.Set {
			rr.diags.Errorf(def.End.Pos, "milestone %q has a range in at and an end: give one", def.ID)
			ok = false
		}
	case def.Date.Bad || def.At.Bad || def.Week.Bad:
		return nil, false // reported where it is written
	default:
		rr.diags.Errorf(def.Pos, "milestone %q needs a date (date = 2026-10-29) or a relative date (at = \"start + 3w\")", def.ID)
		return nil, false
	}
	if def.End.Set {
		rr.partial[def.ID] = m.Date
		defer delete(rr.partial, def.ID)
		if _, _, end, good := rr.eval(def.End, "end", dateexpr.AsDue, false); !good {
			ok = false
		} else if end < m.Date {
			rr.diags.Errorf(def.End.Pos, "end %s is before the milestone's date %s: a span cannot run backwards", end, m.Date)
			ok = false
		} else {
			m.End = end
		}
	}
	if def.Time.Set {
		if def.End.Set || m.End != m.Date {
			rr.diags.Errorf(def.Time.Pos, "milestone %q spans several days and has a time: give one", def.ID)
			ok = false
		} else if t, err := handbook.ParseTimeOfDay(def.Time.V, rr.r.Zone); err != nil {
			rr.diags.Errorf(def.Time.Pos, "%v", err)
			ok = false
		} else {
			if t.Kind == handbook.Clock && t.Instant(m.Date).In(t.Zone).Format("MST") == "UTC" {
				t.Shown = rr.r.Zone // a UTC time is shown in the release's zone too
			}
			m.Time = t
		}
	}
	if ok && m.Kind != handbook.KindEvent && !m.IsSpan() {
		if w := m.Date.Weekday(); w == time.Saturday || w == time.Sunday {
			pos := def.Pos
			if def.Date.Set {
				pos = def.Date.Pos
			} else if def.At.Set {
				pos = def.At.Pos
			}
			rr.diags.WarnIn(diag.Scope{Table: def.Pos}, pos, diag.Weekend, "milestone %q falls on a %s (%s)", def.ID, w, m.Date)
		}
	}
	return m, ok
}

// weekItem places a milestone written with `week` instead of a date: it
// belongs to that whole week and is due on the week's due day, as the
// `week N` anchor is.
func (rr *releaseResolver) weekItem(def *load.Milestone, m *handbook.Milestone) (*handbook.Milestone, bool) {
	ok := true
	for _, f := range []struct {
		key string
		set bool
		pos diag.Pos
	}{{"date", def.Date.Set, def.Date.Pos}, {"at", def.At.Set, def.At.Pos}, {"end", def.End.Set, def.End.Pos}, {"time", def.Time.Set, def.Time.Pos}} {
		if f.set {
			rr.diags.Errorf(f.pos, "milestone %q has both week and %s: a week item belongs to the whole week; give one", def.ID, f.key)
			ok = false
		}
	}
	if def.ID == "release" {
		rr.diags.Errorf(def.Week.Pos, "the release milestone cannot be a week item: give the release day with date or at")
		ok = false
	}
	e, err := dateexpr.Parse(def.Week.V)
	if err != nil || e.IsRange() || len(e.From.Steps) > 0 || (e.From.Anchor.Kind != dateexpr.Week && e.From.Anchor.Kind != dateexpr.Countdown) || !weekForm(def.Week.V) {
		rr.diags.Errorf(def.Week.Pos, "week %q: write the week as \"week N\", \"R-N\" or \"R+N\" (e.g. week = \"R-5\")", def.Week.V)
		return nil, false
	}
	if !ok {
		return nil, false
	}
	_, due, _, good := rr.eval(def.Week, "week", dateexpr.AsDue, false)
	if !good {
		return nil, false
	}
	monday, err := e.From.Eval(rr, dateexpr.AsStart)
	if err != nil {
		return nil, false
	}
	m.At, m.Date, m.End, m.WholeWeek, m.WeekOf = def.Week.V, due, due, true, monday
	if m.Kind != handbook.KindEvent {
		if w := due.Weekday(); w == time.Saturday || w == time.Sunday {
			rr.diags.WarnIn(diag.Scope{Table: def.Pos}, def.Week.Pos, diag.Weekend, "milestone %q is due on a %s (%s)", def.ID, w, due)
		}
	}
	return m, true
}

// weekForm reports whether s is written exactly as "week N", "R-N" or
// "R+N".
func weekForm(s string) bool {
	n, isWeek := strings.CutPrefix(s, "week ")
	if !isWeek {
		n, isWeek = strings.CutPrefix(s, "R-")
	}
	if !isWeek {
		n, isWeek = strings.CutPrefix(s, "R+")
	}
	n = strings.TrimPrefix(n, "-")
	return isWeek && n != "" && strings.Trim(n, "0123456789") == ""
}

// eval parses and evaluates one expression field, reporting problems at
// the column inside the expression where they occur. allowRange says
// whether a range may be written there.
func (rr *releaseResolver) eval(f load.Field[string], key string, use dateexpr.Use, allowRange bool) (dateexpr.Expr, handbook.Date, handbook.Date, bool) {
	// Columns inside the expression count from after the opening quote.
	at := func(offset int) diag.Pos { return f.Pos.Shift(1 + offset) }
	e, err := dateexpr.Parse(f.V)
	if err != nil {
		var perr *dateexpr.Error
		errors.As(err, &perr)
		rr.diags.Errorf(at(perr.Offset), "%s: %v", key, err)
		return e, 0, 0, false
	}
	if e.IsRange() && !allowRange {
		rr.diags.Errorf(f.Pos, "%s: a range (a .. b) is allowed only in at and in role-guide when", key)
		return e, 0, 0, false
	}
	from, to, err := e.Eval(rr, use)
	if err != nil {
		var (
			eerr  *dateexpr.EvalError
			cycle *cycleError
		)
		switch {
		case errors.Is(err, errFailed):
		case errors.As(err, &cycle) && e.UsesCountdown() && slices.Equal(cycle.members, []string{"release", "release"}):
			rr.diags.Errorf(f.Pos, "%s: the release milestone cannot be placed with R-N or R+N: countdown weeks count from the release date", key)
		case errors.As(err, &cycle):
			if len(rr.stack) > 0 && rr.stack[len(rr.stack)-1] == cycle.members[len(cycle.members)-2] {
				rr.diags.Errorf(f.Pos, "%s: %v", key, err)
			}
		case errors.As(err, &eerr):
			rr.diags.Errorf(at(eerr.Offset), "%s: %v", key, err)
		default:
			rr.diags.Errorf(f.Pos, "%s: %v", key, err)
		}
		return e, 0, 0, false
	}
	return e, from, to, true
}

func (rr *releaseResolver) phase(def *load.Phase) *handbook.Phase {
	p := &handbook.Phase{ID: def.ID, Name: or(def.Name.V, handbook.RoleTitle(def.ID)), Pos: def.Pos}
	if !def.From.Set || !def.To.Set {
		rr.diags.Errorf(def.Pos, "phase %q needs from and to (date expressions, e.g. from = \"code-freeze\", to = \"release\")", def.ID)
		return nil
	}
	rr.stack = append(rr.stack, "phase "+def.ID)
	defer func() { rr.stack = rr.stack[:len(rr.stack)-1] }()
	_, from, _, ok1 := rr.eval(def.From, "from", dateexpr.AsStart, false)
	_, _, to, ok2 := rr.eval(def.To, "to", dateexpr.AsDue, false)
	if !ok1 || !ok2 {
		return nil
	}
	if to < from {
		rr.diags.Errorf(def.To.Pos, "phase %q runs backwards: it ends %s, before it starts %s", def.ID, to, from)
		return nil
	}
	p.From, p.To = from, to
	p.Sequence = rr.dependentSequence("phase " + def.ID)
	return p
}
