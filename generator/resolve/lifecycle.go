package resolve

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/relbook/relbook/generator/cadence"
	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/load"
)

// reservedSupportIDs are the statuses a release has outside its support
// phases; a phase may not take one as its id.
var reservedSupportIDs = []handbook.Status{handbook.Planned, handbook.Active, handbook.Released, handbook.EOL}

// lifecycle works out the release's life after its release day: its
// support phases, then its patch releases. It runs once every milestone
// is resolved.
func (rr *releaseResolver) lifecycle(today handbook.Date) {
	rr.support()
	rr.patches(today)
}

// support resolves the [support.<id>] tables, or `eol` alone as one
// phase, "released", named "Supported".
func (rr *releaseResolver) support() {
	def, r := rr.def, rr.r
	release := r.ReleaseDate()
	if def.EOL.Set && len(def.Support) > 0 {
		rr.diags.Errorf(def.EOL.Pos, "eol and [support.*] both say when support ends: drop eol, the last support phase's until is the end of life")
		return
	}
	if def.EOL.Set {
		if def.EOL.V <= release {
			rr.diags.Errorf(def.EOL.Pos, "eol %s is not after the release day %s", def.EOL.V, release)
			return
		}
		r.Support = []*handbook.SupportPhase{{ID: string(handbook.Released), Name: "Supported", From: release.AddDays(1), To: def.EOL.V, Pos: def.EOL.Pos}}
		return
	}
	byUntil := map[handbook.Date]*handbook.SupportPhase{}
	for _, s := range def.Support {
		if slices.Contains(reservedSupportIDs, handbook.Status(s.ID)) {
			rr.diags.Errorf(s.Pos, "support phase id %q is reserved: it is a release status of its own (planned, active, released, eol)", s.ID)
			continue
		}
		if !s.Until.Set {
			if !s.Until.Bad {
				rr.diags.Errorf(s.Pos, "support phase %q needs until: its last day (until = 2027-10-07, or an expression)", s.ID)
			}
			continue
		}
		_, _, until, ok := rr.eval(s.Until, "until", dateexpr.AsDue, false)
		if !ok {
			continue
		}
		if until <= release {
			rr.diags.Errorf(s.Until.Pos, "support phase %q ends %s, not after the release day %s: phases run after the release", s.ID, until, release)
			continue
		}
		if other := byUntil[until]; other != nil {
			rr.diags.Errorf(s.Until.Pos, "support phases %q and %q both end %s: each phase needs a last day of its own", other.ID, s.ID, until)
			continue
		}
		p := &handbook.SupportPhase{ID: s.ID, Name: or(s.Name.V, handbook.RoleTitle(s.ID)), To: until, Pos: s.Pos}
		byUntil[until] = p
		r.Support = append(r.Support, p)
		rr.lifeDates["support."+s.ID] = until
	}
	slices.SortFunc(r.Support, func(a, b *handbook.SupportPhase) int { return cmp.Compare(a.To, b.To) })
	from := release.AddDays(1)
	for _, p := range r.Support {
		p.From, from = from, p.To.AddDays(1)
	}
}

// patchRule is a [patches] table, checked.
type patchRule struct {
	def        *load.PatchRule
	rule       cadence.Rule
	periods    []cadence.Period
	name       string
	cherryPick []dateexpr.Step
	time       handbook.TimeOfDay
	owners     []string
}

// patches resolves the explicit [patch.<id>] tables and the [patches]
// rule into the release's patch releases.
func (rr *releaseResolver) patches(today handbook.Date) {
	def, r := rr.def, rr.r
	release := r.ReleaseDate()
	eol, hasEOL := r.EndOfLife()
	var explicit []*handbook.Patch
	cherry := map[*handbook.Patch]*load.Patch{}
	for _, pd := range def.Patch {
		p := rr.explicitPatch(pd, release)
		if p == nil {
			continue
		}
		if hasEOL && p.Date > eol {
			rr.diags.WarnIn(diag.Scope{Table: pd.Pos}, pd.Date.Pos, diag.PatchAfterEOL, "patch %q on %s is after the end of life %s", pd.ID, p.Date, eol)
		}
		explicit = append(explicit, p)
		cherry[p] = pd
		rr.lifeDates["patch."+pd.ID] = p.Date
	}
	rule := rr.patchRule(release, eol, hasEOL)
	r.Cycle = rr.cycle()
	if rule != nil {
		r.PatchName = rule.name
	}

	// Each explicit patch that is neither extra nor a prerelease fills the
	// rule period its first planned date falls in. Every patch without
	// an owner of its own has the rule's.
	filled := map[string]*handbook.Patch{}
	if rule != nil {
		for _, p := range explicit {
			if len(cherry[p].Owner) == 0 {
				p.Owners = rule.owners
			}
		}
		for _, p := range explicit {
			if p.Extra || p.Prerelease {
				continue
			}
			period, ok := periodOf(rule.periods, p.FirstPlanned)
			if !ok {
				continue
			}
			if other := filled[period.Key]; other != nil {
				rr.diags.Errorf(p.Pos, "patches %q and %q are both the planned patch of %s (the rule's period from %s): mark one `extra = true`", other.ID, p.ID, period.Key, period.Start)
				continue
			}
			filled[period.Key] = p
			p.Key = "patches." + period.Key
		}
	}
	all := slices.Clone(explicit)
	if rule != nil {
		all = append(all, rr.generatedPatches(rule, filled, explicit, eol, hasEOL, today)...)
	}
	// By date; on a day, explicit patches in file order, generated last
	// (as they are in all before the stable sort).
	slices.SortStableFunc(all, func(a, b *handbook.Patch) int { return cmp.Compare(a.Date, b.Date) })
	missingName := false
	n := 0
	for _, p := range all {
		if p.Prerelease {
			continue
		}
		n++
		p.Number = n
		if p.Name == "" {
			if rule == nil || !strings.Contains(rule.name, "{n}") {
				missingName = true
				continue
			}
			p.Name = strings.ReplaceAll(rule.name, "{n}", fmt.Sprint(n))
		}
	}
	if missingName {
		switch {
		case rule != nil && rule.def.Name.Set:
			rr.diags.Errorf(rule.def.Name.Pos, "name %q has no {n}, and some patch has no name of its own: write the patch number as {n} (name = \"%s.{n}\")", rule.name, rr.cycle())
		default:
			for _, p := range all {
				if p.Name == "" && !p.Generated {
					rr.diags.Errorf(p.Pos, "patch %q needs a name (name = \"%s.1\"), or a [patches] rule with a name template", p.ID, rr.cycle())
				}
			}
		}
	}
	for _, p := range all {
		rr.cherryPick(p, cherry[p], rule)
	}
	r.Patches = all
}

// cycle is the release's cycle name: its `cycle` key, else its id
// without a leading "v".
func (rr *releaseResolver) cycle() string {
	if rr.def.Cycle.Set {
		return rr.def.Cycle.V
	}
	return strings.TrimPrefix(rr.def.ID, "v")
}

func periodOf(periods []cadence.Period, d handbook.Date) (cadence.Period, bool) {
	i, _ := slices.BinarySearchFunc(periods, d, func(p cadence.Period, d handbook.Date) int {
		return cmp.Compare(p.End, d)
	})
	if i < len(periods) && periods[i].Start <= d {
		return periods[i], true
	}
	return cadence.Period{}, false
}

// explicitPatch resolves one [patch.<id>] table, all but its deadline.
func (rr *releaseResolver) explicitPatch(pd *load.Patch, release handbook.Date) *handbook.Patch {
	p := &handbook.Patch{
		ID: pd.ID, Name: pd.Name.V, Note: pd.Note.V, Pos: pd.Pos,
		Extra: pd.Extra.V, Prerelease: pd.Prerelease.V,
		Key: "patch." + pd.ID, Sequence: len(pd.Was),
	}
	if !pd.Date.Set {
		if !pd.Date.Bad {
			rr.diags.Errorf(pd.Pos, "patch %q needs a date (date = 2026-01-13)", pd.ID)
		}
		return nil
	}
	_, _, date, ok := rr.eval(pd.Date, "date", dateexpr.AsDue, false)
	if !ok {
		return nil
	}
	if date <= release {
		rr.diags.Errorf(pd.Date.Pos, "patch %q on %s is not after the release day %s", pd.ID, date, release)
		return nil
	}
	if p.Extra && p.Prerelease {
		rr.diags.Errorf(pd.Extra.Pos, "patch %q is both extra and a prerelease: a prerelease fills no rule period already, drop extra", pd.ID)
	}
	if p.Prerelease && p.Name == "" && !pd.Name.Bad {
		rr.diags.Errorf(pd.Pos, "patch %q is a prerelease and needs a name (name = \"%s.5rc1\"): prereleases are not numbered", pd.ID, rr.cycle())
	}
	p.Date, p.FirstPlanned = date, date
	for _, w := range pd.Was {
		p.Was = append(p.Was, handbook.Slip{Date: w.Date.V, Changed: w.Changed.V, Note: w.Note.V})
	}
	if len(p.Was) > 0 {
		p.FirstPlanned = slices.MinFunc(p.Was, func(a, b handbook.Slip) int { return cmp.Compare(a.Date, b.Date) }).Date
	}
	p.Owners = rr.owners(pd.Owner)
	return p
}

// owners checks role ids written in an owner list.
func (rr *releaseResolver) owners(list []load.Field[string]) []string {
	var out []string
	for _, o := range list {
		if !dateexpr.IsID(o.V) {
			rr.diags.Errorf(o.Pos, "owner %q is not a role id (lower-case letters, digits and '-')", o.V)
			continue
		}
		out = append(out, o.V)
	}
	return out
}

// patchRule checks the [patches] table and works out its periods; nil
// when there is none or it has errors.
func (rr *releaseResolver) patchRule(release, eol handbook.Date, hasEOL bool) *patchRule {
	d := rr.def.Patches
	if d == nil {
		return nil
	}
	pr := &patchRule{def: d, name: d.Name.V, owners: rr.owners(d.Owner)}
	if !d.Name.Set {
		pr.name = rr.cycle() + ".{n}"
	}
	ok := true
	if !d.Every.Set {
		if !d.Every.Bad {
			rr.diags.Errorf(d.Pos, "[patches] needs every: how often patches are planned (every = \"month\")")
		}
		ok = false
	} else if n, u, problem := cadence.ParseEvery(d.Every.V); problem != "" {
		rr.diags.Errorf(d.Every.Pos, "%s", problem)
		ok = false
	} else {
		pr.rule.Every, pr.rule.Unit = n, u
	}
	if !d.On.Set {
		if !d.On.Bad {
			rr.diags.Errorf(d.Pos, "[patches] needs on: the day of each period (on = \"second Tuesday\", or a weekday for a weekly cadence)")
		}
		ok = false
	} else if ok {
		ord, day, problem := cadence.ParseOn(d.On.V, pr.rule.Unit)
		if problem != "" {
			rr.diags.Errorf(d.On.Pos, "%s", problem)
			ok = false
		}
		pr.rule.Ordinal, pr.rule.Weekday = ord, day
	}
	pr.rule.From = release.AddDays(1)
	if d.From.Set {
		_, _, from, good := rr.eval(d.From, "from", dateexpr.AsDue, false)
		switch {
		case !good:
			ok = false
		case from <= release:
			rr.diags.Errorf(d.From.Pos, "from %s is not after the release day %s: patches come after the release", from, release)
			ok = false
		default:
			pr.rule.From = from
		}
	}
	switch {
	case d.Until.Set:
		_, _, until, good := rr.eval(d.Until, "until", dateexpr.AsDue, false)
		if !good {
			ok = false
		}
		pr.rule.Until = until
	case hasEOL:
		pr.rule.Until = eol
	case !d.Until.Bad:
		rr.diags.Errorf(d.Pos, "[patches] needs until: the last day a patch may be planned (until = \"support.bugfix\" for the end of a support phase)")
		ok = false
	default:
		ok = false
	}
	if ok && pr.rule.Until < pr.rule.From {
		rr.diags.Errorf(d.Until.Pos, "until %s is before from %s: the rule plans nothing", pr.rule.Until, pr.rule.From)
		ok = false
	}
	if d.CherryPick.Set {
		steps, err := dateexpr.ParseOffset(d.CherryPick.V)
		if err != nil || !negative(steps) {
			rr.diags.Errorf(d.CherryPick.Pos, "cherry_pick = %q: on [patches] it is a negative offset from each patch, such as \"- 2bd\" or \"- 1w - 1bd\"", d.CherryPick.V)
			ok = false
		}
		pr.cherryPick = steps
	}
	if d.Time.Set {
		t, err := handbook.ParseTimeOfDay(d.Time.V, rr.r.Zone)
		if err != nil {
			rr.diags.Errorf(d.Time.Pos, "%v", err)
			ok = false
		}
		pr.time = t
	}
	if !ok {
		return nil
	}
	periods, err := pr.rule.Periods()
	if err != nil {
		rr.diags.Errorf(d.Pos, "[patches]: %v", err)
		return nil
	}
	pr.periods = periods
	return pr
}

// negative reports whether an offset moves only backwards.
func negative(steps []dateexpr.Step) bool {
	for _, s := range steps {
		if s.N > 0 {
			return false
		}
	}
	return len(steps) > 0
}

// generatedPatches are the rule's patches in the periods no explicit
// patch fills.
func (rr *releaseResolver) generatedPatches(rule *patchRule, filled map[string]*handbook.Patch, explicit []*handbook.Patch, eol handbook.Date, hasEOL bool, today handbook.Date) []*handbook.Patch {
	d := rule.def
	scope := diag.Scope{Table: d.Pos}
	skipped := map[handbook.Date]bool{}
	for _, s := range d.Skip {
		skipped[s.V] = true
		if !slices.ContainsFunc(rule.periods, func(p cadence.Period) bool { return p.Date == s.V && p.Date <= rule.rule.Until }) {
			rr.diags.WarnIn(scope, s.Pos, diag.SkipNoPatch, "skip %s is not a day the rule plans a patch on", s.V)
		}
	}
	var out []*handbook.Patch
	for _, period := range rule.periods {
		if period.Date > rule.rule.Until || period.Date < rule.rule.From || skipped[period.Date] || filled[period.Key] != nil {
			continue
		}
		if hasEOL && period.Date > eol {
			continue
		}
		p := &handbook.Patch{
			Date: period.Date, FirstPlanned: period.Date, Generated: true,
			Key: "patches." + period.Key, Owners: rule.owners, Pos: d.Pos,
		}
		for _, e := range explicit {
			if e.Extra && e.Date == period.Date {
				rr.diags.WarnIn(diag.Scope{Table: e.Pos}, e.Pos, diag.ExtraBesidePlanned, "patch %q is extra, on the day the rule plans a patch (%s): to record the planned patch, drop extra", e.ID, period.Date)
			}
		}
		if period.Date < today {
			p.NotRecorded = true
			rr.diags.WarnIn(scope, d.Pos, diag.PatchNotRecorded, "the patch planned for %s has passed and no [patch.<id>] records it: add one with its real date, or list the day in skip", period.Date)
		}
		out = append(out, p)
	}
	return out
}

// cherryPick works out a patch's cherry-pick deadline: its own, else the
// rule's (not for extra patches and prereleases). An offset counts from
// the earlier of the patch's first planned date and its date, so the
// deadline stays put when a patch slips.
func (rr *releaseResolver) cherryPick(p *handbook.Patch, def *load.Patch, rule *patchRule) {
	base := min(p.FirstPlanned, p.Date)
	var pos diag.Pos
	switch {
	case def != nil && def.NoCherryPick:
		return
	case def != nil && def.CherryPick.Set:
		pos = def.CherryPick.Pos
		text := strings.TrimSpace(def.CherryPick.V)
		if strings.HasPrefix(text, "-") || strings.HasPrefix(text, "+") {
			steps, err := dateexpr.ParseOffset(text)
			if err != nil {
				rr.diags.Errorf(pos, "cherry_pick: %v", err)
				return
			}
			if p.CherryPick, err = dateexpr.Shift(rr, base, steps); err != nil {
				rr.diags.Errorf(pos, "cherry_pick: %v", err)
				return
			}
		} else {
			_, _, d, ok := rr.eval(def.CherryPick, "cherry_pick", dateexpr.AsDue, false)
			if !ok {
				return
			}
			p.CherryPick = d
		}
	case rule != nil && rule.cherryPick != nil && !p.Extra && !p.Prerelease:
		pos = rule.def.CherryPick.Pos
		d, err := dateexpr.Shift(rr, base, rule.cherryPick)
		if err != nil {
			rr.diags.Errorf(pos, "cherry_pick: %v", err)
			return
		}
		p.CherryPick = d
	default:
		return
	}
	if rule != nil {
		p.CherryPickTime = rule.time
	}
	if p.CherryPick >= p.Date {
		name := p.Name
		if p.ID != "" {
			name = p.ID
		}
		rr.diags.Errorf(pos, "the cherry-pick deadline %s of patch %q is not before the patch (%s)", p.CherryPick, name, p.Date)
		p.CherryPick = 0
	}
}

// lifecycleDate is what a support.<id> or patch.<id> in an expression
// stands for: the phase's last day, the patch's date. Phases are known to
// the phases written after them and to every patch; patches to the patches
// written after them and to the rule.
func (rr *releaseResolver) lifecycleDate(ref string) (handbook.Date, error) {
	if d, ok := rr.lifeDates[ref]; ok {
		return d, nil
	}
	kind, id, _ := strings.Cut(ref, ".")
	what := map[string]string{"support": "support phase", "patch": "patch"}[kind]
	var known []string
	for k := range rr.lifeDates {
		if strings.HasPrefix(k, kind+".") {
			known = append(known, k)
		}
	}
	slices.Sort(known)
	msg := fmt.Sprintf("no %s %q is known here", what, id)
	if s := diag.Closest(ref, known); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	} else {
		msg += fmt.Sprintf(" (a %s can be named once it is written, without errors, above the place that names it)", what)
	}
	return 0, fmt.Errorf("%s", msg)
}
