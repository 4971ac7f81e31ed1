package handbook

import "github.com/relbook/relbook/generator/diag"

// SupportPhase is a stretch of a release's life after its release day:
// "Bugfix", "Security fixes only", "Maintenance mode". Both ends are
// included; a release's phases follow each other without a gap, the first
// from the day after its release day, and the last ends its life.
type SupportPhase struct {
	// ID is the release's status while the phase lasts ("bugfix").
	ID string
	// Name is what readers see as the status ("Bugfix").
	Name string
	From Date
	To   Date
	Pos  diag.Pos
}

// Contains reports whether the phase holds d.
func (p *SupportPhase) Contains(d Date) bool { return p.From <= d && d <= p.To }

// Patch is a patch release of a release: one that happened, one planned
// specially, or one a [patches] rule plans (Generated).
type Patch struct {
	// ID is the [patch.<id>] table's id; empty for a generated patch.
	ID string
	// Name is the patch's version as readers see it ("3.14.2").
	Name string
	// Number counts the release's patches in date order from 1; 0 for a
	// prerelease, which is not numbered.
	Number int
	Date   Date
	// FirstPlanned is the patch's earliest planned date: its earliest
	// `was`, else its date. It decides the rule period the patch fills.
	FirstPlanned Date
	Was          []Slip
	Note         string
	// CherryPick is the last day to propose a fix for the patch; zero
	// when it has none.
	CherryPick Date
	// CherryPickTime is the deadline's time of day, if the rule gives one.
	CherryPickTime TimeOfDay
	// Generated: the [patches] rule planned it and no [patch.<id>] table
	// fills its period.
	Generated bool
	// Extra: an out-of-band patch that fills no rule period.
	Extra bool
	// Prerelease: a patch candidate (3.14.5rc1), not numbered.
	Prerelease bool
	// NotRecorded: a generated patch whose day has passed without a
	// [patch.<id>] table saying it happened.
	NotRecorded bool
	// Key makes the patch's calendar UID: "patches.2026-01" for the
	// patch of a rule period (generated or filled), "patch.<id>" for any
	// other. It stays the same when the patch slips.
	Key string
	// Owners are the role ids that own the patch and its deadline.
	Owners []string
	// Sequence counts the patch's slips: its calendar SEQUENCE.
	Sequence int
	Pos      diag.Pos
}

// HasCherryPick reports whether the patch has a cherry-pick deadline.
func (p *Patch) HasCherryPick() bool { return p.CherryPick != 0 }

// SupportOn returns the support phase holding d, or nil.
func (r *Release) SupportOn(d Date) *SupportPhase {
	for _, p := range r.Support {
		if p.Contains(d) {
			return p
		}
	}
	return nil
}

// EndOfLife is the last supported day of the release (the end of its
// last support phase) and whether it has one.
func (r *Release) EndOfLife() (Date, bool) {
	if len(r.Support) == 0 {
		return 0, false
	}
	return r.Support[len(r.Support)-1].To, true
}

// PhaseName is the name readers see for a status of r: a support phase's
// name, or the status itself.
func (r *Release) PhaseName(s Status) string {
	for _, p := range r.Support {
		if Status(p.ID) == s {
			return p.Name
		}
	}
	return string(s)
}

// Statuses are the statuses r passes through, in order: planned, active,
// then its support phases' ids (or released when it has none), then eol,
// which an explicit status may also give a release without an end date.
func (r *Release) Statuses() []Status {
	out := []Status{Planned, Active}
	if len(r.Support) == 0 {
		return append(out, Released, EOL)
	}
	for _, p := range r.Support {
		out = append(out, Status(p.ID))
	}
	return append(out, EOL)
}
