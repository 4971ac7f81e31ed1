package load

import (
	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/schema"
)

// SupportPhase is one [support.<id>] table: a stretch of a release's life
// after its release day.
type SupportPhase struct {
	ID    string
	Pos   diag.Pos
	Name  Field[string]
	Until Field[string]
	Allow []diag.Code
}

// PatchRule is the [patches] table: the rule that plans patch releases.
type PatchRule struct {
	Pos        diag.Pos
	Every      Field[string]
	On         Field[string]
	From       Field[string]
	Until      Field[string]
	Name       Field[string]
	CherryPick Field[string]
	Time       Field[string]
	Skip       []Field[handbook.Date]
	Owner      []Field[string]
	Allow      []diag.Code
}

// Patch is one [patch.<id>] table: a patch release that happened, or one
// planned specially.
type Patch struct {
	ID   string
	Pos  diag.Pos
	Name Field[string]
	Date Field[string]
	Was  []Slip
	Note Field[string]
	// CherryPick is a date, an expression or a negative offset; with
	// NoCherryPick set, `cherry_pick = false` was written.
	CherryPick   Field[string]
	NoCherryPick bool
	Extra        Field[bool]
	Prerelease   Field[bool]
	Owner        []Field[string]
	Allow        []diag.Code
}

func readSupportPhase(t *table) *SupportPhase {
	s := &SupportPhase{ID: t.id(), Pos: t.pos()}
	s.Name = t.str("name")
	s.Until = t.expr("until")
	s.Allow = t.allow()
	t.done()
	return s
}

func readPatchRule(t *table) *PatchRule {
	r := &PatchRule{Pos: t.pos()}
	r.Every = t.str("every")
	r.On = t.str("on")
	r.From = t.expr("from")
	r.Until = t.expr("until")
	r.Name = t.str("name")
	r.CherryPick = t.str("cherry_pick")
	r.Time = t.str("time")
	r.Skip = t.dates("skip")
	r.Owner = t.strs("owner")
	r.Allow = t.allow()
	t.done()
	return r
}

func readPatch(t *table) *Patch {
	p := &Patch{ID: t.id(), Pos: t.pos()}
	p.Name = t.str("name")
	p.Date = t.expr("date")
	p.Was = t.was()
	p.Note = t.str("note")
	if v, ok := t.get("cherry_pick", schema.ExprOrFalse); ok {
		if b, isBool := v.(bool); isBool {
			if b {
				t.errorf("cherry_pick", "cherry_pick = true says nothing: give a date, an offset such as \"- 2bd\", or false for no deadline")
			}
			p.NoCherryPick = true
		} else {
			p.CherryPick = t.exprValue("cherry_pick", v)
		}
	}
	p.Extra = t.boolean("extra")
	p.Prerelease = t.boolean("prerelease")
	p.Owner = t.strs("owner")
	p.Allow = t.allow()
	t.done()
	return p
}
