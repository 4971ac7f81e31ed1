package resolve

import (
	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/load"
)

// Acknowledge marks the warnings of diags (those of every stage so far,
// Load's included) that the handbook's allow lists acknowledge: a
// milestone's, phase's or meeting's, a release file's top level, a guide's
// or page's front matter, a dated heading's allow attribute, and
// handbook.toml's [check]. A warning is reported with the table or heading
// it belongs to (its diag.Scope); this is the one place that reads the
// lists against it.
func Acknowledge(src *load.Source, h *handbook.Handbook, diags diag.List) {
	allows := diag.Allows{}
	add := func(at diag.Pos, codes []diag.Code) {
		if len(codes) > 0 {
			allows[at] = append(allows[at], codes...)
		}
	}
	if src.Settings != nil {
		add(diag.Pos{}, src.Settings.CheckAllow)
	}
	for _, r := range src.Releases {
		add(diag.Pos{Path: r.Path}, r.Allow)
		for _, m := range r.Milestones {
			add(m.Pos, m.Allow)
		}
		for _, p := range r.Phases {
			add(p.Pos, p.Allow)
		}
		for _, m := range r.Meetings {
			add(m.Pos, m.Allow)
		}
		for _, s := range r.Support {
			add(s.Pos, s.Allow)
		}
		if r.Patches != nil {
			add(r.Patches.Pos, r.Patches.Allow)
		}
		for _, p := range r.Patch {
			add(p.Pos, p.Allow)
		}
	}
	for _, docs := range [][]*load.Doc{src.Roles, src.Pages} {
		for _, d := range docs {
			add(diag.Pos{Path: d.Path}, d.Allow)
		}
	}
	if h != nil {
		for _, role := range h.Roles {
			if !role.HasGuide() {
				continue
			}
			for _, hd := range role.Guide.Headings {
				if line, col := hd.WhenAt(); len(hd.Allow) > 0 && line > 0 {
					add(guidePos(role, line, col), hd.Allow)
				}
			}
		}
	}
	diags.Acknowledge(allows)
}
