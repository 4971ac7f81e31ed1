package diag

import (
	"fmt"
	"slices"
)

// Code names a kind of warning: short, stable, printed at the end of the
// warning in brackets (`...: warning: ... [weekend]`), and what an author
// writes in an `allow` list to acknowledge it (see [List.Acknowledge]).
// Errors have none: they cannot be acknowledged.
type Code string

// The codes of the warnings relbook emits, each listed in docs/format.md.
const (
	// Weekend: a milestone, or the due date of a guide's `when`, falls
	// on a Saturday or Sunday.
	Weekend Code = "weekend"
	// NoGuide: a role is named (team, owner, meeting roles) that has no
	// guide.
	NoGuide Code = "no-guide"
	// NoTasks: a role guide has no task.
	NoTasks Code = "no-tasks"
	// NotScheduled: a guide's `when` names a milestone some release
	// lacks.
	NotScheduled Code = "not-scheduled"
	// OutsideCycle: a milestone lies more than four weeks before its
	// release's start or after its release day.
	OutsideCycle Code = "outside-cycle"
	// StartNotMonday: a release starts on another day than a Monday.
	StartNotMonday Code = "start-not-monday"
	// SkipNoMeeting: a meeting skips a day it does not meet on.
	SkipNoMeeting Code = "skip-no-meeting"
	// NoBaseURL: handbook.toml sets no base_url.
	NoBaseURL Code = "no-base-url"
	// EditURLNoPath: edit_url has no {path}.
	EditURLNoPath Code = "edit-url-no-path"
	// BadURL: a milestone's or meeting's url is not a web or mail link,
	// and is left out.
	BadURL Code = "bad-url"
	// IgnoredFile: a file in releases/, roles/ or pages/ that relbook
	// does not read.
	IgnoredFile Code = "ignored-file"
	// RawHTMLDropped: raw HTML in a guide or page is left out because
	// unsafe_html is off.
	RawHTMLDropped Code = "raw-html-dropped"
	// SkipNoPatch: a [patches] skip names a day the rule plans no patch
	// on.
	SkipNoPatch Code = "skip-no-patch"
	// ExtraBesidePlanned: an extra patch falls on the day the rule plans
	// a patch, which it then does not replace.
	ExtraBesidePlanned Code = "extra-beside-planned"
	// PatchAfterEOL: a patch release is dated after its release's end of
	// life.
	PatchAfterEOL Code = "patch-after-eol"
	// PatchNotRecorded: a planned patch's day has passed and no
	// [patch.<id>] records it.
	PatchNotRecorded Code = "patch-not-recorded"
	// MovedWithoutWas: a milestone's date moved since published.toml
	// recorded it, and no `was` entry says so (`relbook check` only).
	MovedWithoutWas Code = "moved-without-was"
	// FeedsNoStamp: nothing sets the feeds' timestamp, which falls back
	// to 2000-01-01 (`relbook check` only).
	FeedsNoStamp Code = "feeds-no-stamp"
)

// Codes are every warning code, in the order docs/format.md lists them.
var Codes = []Code{
	Weekend, NoGuide, NoTasks, NotScheduled, OutsideCycle, StartNotMonday,
	SkipNoMeeting, NoBaseURL, EditURLNoPath, BadURL, IgnoredFile,
	RawHTMLDropped,
	SkipNoPatch, ExtraBesidePlanned, PatchAfterEOL, PatchNotRecorded,
	MovedWithoutWas, FeedsNoStamp,
}

// CheckCode returns "" for a code of [Codes], and otherwise the problem
// to report where it is written in an allow list, with a "did you mean"
// when one is near.
func CheckCode(code string) string {
	if slices.Contains(Codes, Code(code)) {
		return ""
	}
	names := make([]string, len(Codes))
	for i, c := range Codes {
		names[i] = string(c)
	}
	msg := fmt.Sprintf("allow: unknown warning code %q", code)
	if s := Closest(code, names); s != "" {
		return msg + fmt.Sprintf("; did you mean %q?", s)
	}
	return msg + " (docs/format.md lists the codes)"
}

// Scope says which allow lists, besides handbook.toml's `[check]`, may
// acknowledge a warning: those of the table or heading it is reported at,
// then those of its file's top level (the release file, or a guide's or
// page's front matter).
type Scope struct {
	// Table is where the table (its header) or the heading the warning
	// belongs to is written; zero when no table there can hold `allow`,
	// for a warning about a file as a whole, a [team] entry, a file name.
	Table Pos
	// Release, when set, is a release file whose top-level allow also
	// acknowledges the warning: that of the release a guide's `when`
	// finds no milestone in.
	Release string
}

// Allows are the allow lists of a handbook, by the place that holds them:
// a table or heading by where it is written (a [Scope]'s Table), a file's
// top level or front matter by its path alone (Pos{Path: path}), and
// handbook.toml's `[check]` by the zero Pos.
type Allows map[Pos][]Code

// Acknowledge marks the warnings that an allow list in their scope names
// by their code: their table's or heading's, then their file's top
// level's, then [check]'s. Acknowledged warnings are kept, to be listed by
// `relbook check --all`, but no longer count as warnings; errors are never
// acknowledged.
func (l List) Acknowledge(allows Allows) {
	if len(allows) == 0 {
		return
	}
	for i, d := range l {
		if d.Severity != Warning || d.Code == "" {
			continue
		}
		// A zero Table or Release is the zero Pos, [check]'s: always in
		// scope.
		s := d.Scope
		for _, at := range [...]Pos{s.Table, {Path: d.Pos.Path}, {Path: s.Release}, {}} {
			if slices.Contains(allows[at], d.Code) {
				l[i].Allowed = true
				break
			}
		}
	}
}
