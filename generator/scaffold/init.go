package scaffold

import (
	"fmt"

	"github.com/relbook/relbook/generator/handbook"
)

// File is one file of a new handbook: its slash-separated path inside the
// site folder and its text.
type File struct {
	Path, Text string
}

// Skeleton returns the files `relbook init` writes: a handbook.toml, a
// glossary with one term and one role guide, each commented so that an
// author can fill it in without the reference at hand. It has no release:
// `relbook new release ID --start DATE` writes the first one (see
// [FirstRelease]). The skeleton passes `relbook check --strict`; its
// feeds are stamped with the day it was written, today.
func Skeleton(today handbook.Date) []File {
	return []File{
		{"handbook.toml", fmt.Sprintf(skeletonHandbook, today.String()+"T00:00:00Z")},
		{"glossary.toml", skeletonGlossary},
		{"roles/release-lead.md", Role(RoleRequest{ID: "release-lead", Order: 1})},
	}
}

const skeletonHandbook = `# Site settings of this release handbook. Every key is described in
# docs/format.md of relbook; a key relbook does not know is an error.
#
# Releases go in releases/<id>.toml (relbook new release v1.0 --start 2027-01-04),
# role guides in roles/<id>.md (relbook new role docs-lead), terms in
# glossary.toml. relbook check tells what is wrong, relbook serve previews.

title = "Release Handbook"
description = "How we plan, freeze, test and ship each release, and who does what."
# Where the site is published: calendar feeds, the sitemap and calendar
# event ids use it. Pages link to each other relatively.
base_url = "https://example.org/handbook/"
timezone = "UTC"       # zone for times written without one
language = "en"
# When the calendar feeds last changed: their events' DTSTAMP and
# LAST-MODIFIED until published.toml records each event's own (run
# relbook feeds --update when you publish; docs/format.md tells more).
# Once the handbook is in git, you may remove it: the last commit is used.
updated = %s

# Days that are never business days, in any release:
# holidays = [2027-12-24, 2027-12-25]
`

const skeletonGlossary = `# Terms of this handbook. Each [term.<id>] becomes an entry on /glossary/,
# and every page that uses the name or an alias links to it. A name or
# alias may appear only once in the file, ignoring case.

[term.code-freeze]
name = "Code freeze"
aliases = ["freeze"]
definition = """
The day after which only fixes for release-blocking bugs are merged into
the release.
"""
`

// FirstRelease returns the text of a release definition written from a
// template rather than copied from a previous release: what
// `relbook new release ID --start DATE` writes when there is no release to
// copy. Its milestones count from the start, so the author moves them all
// by changing start.
func FirstRelease(id string, start handbook.Date) string {
	return fmt.Sprintf(`# Release %s. Every key is described in docs/format.md of relbook.
# Milestones below count from start ("start + 8w"): change start and they
# move with it, or give any of them a fixed date = YYYY-MM-DD instead.

name = %q
start = %s             # first day of the cycle; use a Monday
# timezone = "UTC"           # zone for times written without one
# due_weekday = "Friday"     # the day "week 3" stands for as a due date

summary = """
What this release is about. Code must be merged by {{code-freeze}}; the
release is planned for {{release}}.
"""

[milestone.code-freeze]
name = "Code freeze"
at = "start + 8w + 3d"       # Thursday of week 9
time = "AoE"                 # until the day has ended everywhere
key = true
# owner = ["release-lead"]   # role ids: the roles' checklists show it

[milestone.release]
name = "%s released"
at = "start + 12w + 2d"      # Wednesday of week 13
kind = "release"
key = true

[phase.development]
name = "Development"
from = "start"
to = "code-freeze"

[phase.stabilisation]
name = "Stabilisation"
from = "code-freeze"
to = "release"

# The people holding each role, by role id:
# [team]
# release-lead = ["Name (@handle)"]
`, id, id, start, id)
}
