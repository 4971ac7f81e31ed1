package site

import (
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/relbook/relbook/generator/calendar"
	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/published"
)

// verifyPublished makes the checks of the feeds that only `relbook check`
// makes (Options.Verify): that the feeds have a timestamp of their own,
// and, when the site keeps published.toml, that it is up to date with the
// feeds and that no published date moved without a `was` entry.
func verifyPublished(h *handbook.Handbook, memory *published.Memory, o Options) diag.List {
	var diags diag.List
	if o.stamp(h) == defaultStamp {
		diags.Warnf(diag.Pos{Path: "handbook.toml"}, diag.FeedsNoStamp,
			"the feeds have no timestamp: every event's DTSTAMP and LAST-MODIFIED fall back to 2000-01-01; set updated in handbook.toml, build from a git work tree, or set SOURCE_DATE_EPOCH")
	}
	if memory == nil {
		return diags
	}
	seen, err := calendar.Snapshot(h, calendar.Options{Stamp: o.stamp(h)})
	if err != nil {
		return diags // the build reports it
	}
	if c := published.Stale(memory, seen); !c.Empty() {
		diags.Errorf(diag.Pos{Path: published.File}, "%s is out of date: %s; run `relbook feeds --update` and commit it",
			published.File, describeChanges(c))
	}
	byUID := make(map[string]published.Seen, len(seen))
	for _, s := range seen {
		byUID[s.UID] = s
	}
	for _, r := range h.Releases {
		// A milestone moved by another's move (code freeze, relative to
		// an enhancements freeze that moved) is not warned: the other is.
		moved := map[string]bool{}
		var warn []*handbook.Milestone
		for _, m := range r.Milestones {
			uid := calendar.MilestoneUID(h, r, m)
			prev, now := memory.Events[uid], byUID[uid]
			if prev == nil || !prev.Cancelled.IsZero() {
				continue
			}
			was, is := start(prev.Lines), start(now.Lines)
			if was == "" || is == "" || was == is {
				continue
			}
			moved[m.ID] = true
			if m.Sequence <= prev.Slips {
				warn = append(warn, m)
			}
		}
		for _, m := range warn {
			if movedWith(m, moved) {
				continue
			}
			uid := calendar.MilestoneUID(h, r, m)
			diags.WarnIn(diag.Scope{Table: m.Pos}, m.Pos, diag.MovedWithoutWas,
				"%s of %s moved since it was published, from %s to %s, with no new `was` entry: add the date it had to `was`, so that subscribers and the changes feed learn that it moved",
				m.ID, r.ID, readableStart(start(memory.Events[uid].Lines)), readableStart(start(byUID[uid].Lines)))
		}
	}
	return diags
}

// movedWith reports whether m's date is relative to a milestone that
// moved.
func movedWith(m *handbook.Milestone, moved map[string]bool) bool {
	if m.At == "" {
		return false
	}
	e, err := dateexpr.Parse(m.At)
	if err != nil {
		return false
	}
	for _, ref := range e.Milestones() {
		if ref.ID != m.ID && moved[ref.ID] {
			return true
		}
	}
	return e.UsesCountdown() && moved["release"]
}

// readableStart writes a DTSTART value (20261204, 20261204T120000Z) as a
// person reads it.
func readableStart(value string) string {
	if t, err := time.Parse("20060102T150405Z", value); err == nil {
		return handbook.DateFromTime(t).Long() + ", " + t.Format("15:04") + " UTC"
	}
	if t, err := time.Parse("20060102", value); err == nil {
		return handbook.DateFromTime(t).Long()
	}
	return value
}

// start is the value of the DTSTART line among lines.
func start(lines []string) string {
	for _, line := range lines {
		if name, value, ok := strings.Cut(line, ":"); ok && (name == "DTSTART" || strings.HasPrefix(name, "DTSTART;")) {
			return value
		}
	}
	return ""
}

// describeChanges says what `relbook feeds --update` would record, naming
// a few events of each kind.
func describeChanges(c published.Changes) string {
	var parts []string
	for _, k := range []struct {
		what string
		uids []string
	}{
		{"new", c.Added}, {"changed", c.Changed}, {"removed", c.Cancelled},
		{"back", c.Restored}, {"in other feeds", c.Moved},
	} {
		if len(k.uids) == 0 {
			continue
		}
		names := k.uids
		more := ""
		if len(names) > 3 {
			names, more = names[:3], fmt.Sprintf(" and %d more", len(k.uids)-3)
		}
		parts = append(parts, fmt.Sprintf("%s %s (%s%s)", count(len(k.uids), "event"), k.what, strings.Join(names, ", "), more))
	}
	return strings.Join(parts, "; ")
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// UpdatePublished loads the handbook in src and returns published.toml as
// it should be after the feeds it makes, with what changed: what
// `relbook feeds --update` writes. Each changed event is recorded as
// modified at now. The problems are the handbook's; with an error
// among them, nothing is returned.
func UpdatePublished(src fs.FS, opts Options, now time.Time) (*published.Memory, published.Changes, diag.List, error) {
	h, memory, diags := opts.read(src)
	if diags.HasErrors() {
		return nil, published.Changes{}, diags, nil
	}
	seen, err := calendar.Snapshot(h, calendar.Options{Stamp: opts.stamp(h)})
	if err != nil {
		return nil, published.Changes{}, diags, err
	}
	next, changes := published.Update(memory, seen, now)
	return next, changes, diags, nil
}
