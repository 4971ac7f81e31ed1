// Package synth writes a synthetic release handbook the size of a large
// community's, for benchmarks: `go run ./cmd/benchgen` writes it to disk,
// and the generator packages' benchmarks build it from memory.
//
// The handbook looks like a real one and is clean: `relbook check` finds
// no errors and no warnings in it. Each release has twelve milestones
// (dates, `at` expressions, AoE and zoned times, a slip history on every
// third release), four phases, three meetings and a team; each role guide
// has prose, a table, links to other roles, the glossary and the release
// list, an undated section, dated `when` sections of tasks with nested
// steps and ordered lists, a template block with date references and a
// highlighted code block — about 16 KB of markdown for 80 tasks; the
// glossary's terms are used in the guides' text, so linking them costs
// what it costs in a real handbook.
//
// The same input always gives the same bytes.
package synth

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Config sizes a handbook.
type Config struct {
	// Releases is the number of releases/<id>.toml files.
	Releases int
	// Roles is the number of role guides.
	Roles int
	// Tasks is the number of top-level tasks in each guide; about one in
	// four also has nested steps.
	Tasks int
	// Terms is the number of glossary terms.
	Terms int
}

// Default is the handbook of the issue that asked for these benchmarks:
// 40 releases × 25 roles is 1,000 dated checklists.
var Default = Config{Releases: 40, Roles: 25, Tasks: 80, Terms: 400}

// Today is the --now the handbook is meant to be built for: the
// second-newest release is in its cycle then, the newest is planned.
var Today = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

// Files returns the handbook as slash paths relative to the site folder
// and their contents.
func Files(c Config) map[string][]byte {
	g := newGen(c)
	files := map[string][]byte{
		"handbook.toml":       g.handbook(),
		"glossary.toml":       g.glossary(),
		"pages/onboarding.md": g.onboarding(),
	}
	for i := range c.Releases {
		files["releases/"+g.releaseID(i)+".toml"] = g.release(i)
	}
	for i := range c.Roles {
		files["roles/"+g.roles[i]+".md"] = g.guide(i)
	}
	return files
}

// Names returns the sorted names of files, for writing them in a stable
// order.
func Names(files map[string][]byte) []string {
	return slices.Sorted(maps.Keys(files))
}

// gen holds the names a handbook is made of.
type gen struct {
	c     Config
	roles []string // role ids
	terms []term
}

type term struct {
	id, name, alias, abbr, expansion string
}

func newGen(c Config) *gen {
	g := &gen{c: c}
	for i := range c.Roles {
		id := fmt.Sprintf("role-%d", i+1)
		if i < len(roleNames) {
			id = roleNames[i]
		}
		g.roles = append(g.roles, id)
	}
	// Term names are two words: every first word with every second word
	// gives len(first)×len(second) distinct names before numbers are
	// needed.
	for i := range c.Terms {
		a, b := firstWords[i%len(firstWords)], secondWords[(i/len(firstWords))%len(secondWords)]
		name := a + " " + strings.ToLower(b)
		if n := i / (len(firstWords) * len(secondWords)); n > 0 {
			name += fmt.Sprintf(" %d", n+1)
		}
		t := term{
			id:    slugify(name),
			name:  name,
			alias: strings.ToLower(strings.ReplaceAll(name, " ", "-")),
		}
		if i%8 == 0 {
			// An abbreviation, matched case-sensitively like "FFE".
			t.abbr = fmt.Sprintf("%c%cX%d", a[0], b[0], i)
			t.expansion = name
		}
		g.terms = append(g.terms, t)
	}
	return g
}

// roleNames are the ids of the first roles; more are numbered.
var roleNames = []string{
	"release-lead", "enhancements", "branch-manager", "ci-signal", "bug-triage",
	"docs", "communications", "release-notes", "security-response", "packaging",
	"upgrade-testing", "infrastructure", "localization", "accessibility", "api-review",
	"performance", "community", "website", "containers", "release-liaison",
	"support", "metrics", "governance", "licensing", "mirrors",
}

var firstWords = []string{
	"Amber", "Basalt", "Cedar", "Delta", "Ember", "Fjord", "Garnet", "Harbor",
	"Indigo", "Juniper", "Kestrel", "Lantern", "Meadow", "Nimbus", "Onyx",
	"Pioneer", "Quartz", "Ridge", "Summit", "Tundra",
}

var secondWords = []string{
	"freeze", "window", "branch", "gate", "review", "signal", "ticket", "backport",
	"rollout", "handoff", "ledger", "rehearsal", "waiver", "cutoff", "quorum",
	"checkpoint", "sweep", "audit", "manifest", "bulletin",
}

var zones = []string{"America/Los_Angeles", "Europe/Berlin", "Asia/Tokyo", "UTC"}

var people = []string{
	"Priya Raman", "Tomás Ferreira", "Mei Lin Chua", "Jonas Okafor", "Aiko Sato",
	"Rafael Duarte", "Hannah Becker", "Lena Vogel", "Kwame Mensah", "Sofia Marín",
	"Arjun Patel", "Noor Haddad", "Ines Kovač", "Oskar Lind", "Yusuf Demir",
	"Camille Roux", "Dmitri Orlov", "Ana Lima", "Kenji Mori", "Zara Ahmed",
}

// cycle is the length of a release cycle; releases follow each other.
const cycle = 15 * 7

// start is the Monday release i starts on: release Releases-2 started on
// 5 October 2026, so it is the current one on Today.
func (g *gen) start(i int) time.Time {
	return time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (i-(g.c.Releases-2))*cycle)
}

func (g *gen) releaseID(i int) string { return fmt.Sprintf("v1.%d", i) }

func day(t time.Time) string { return t.Format("2006-01-02") }

func (g *gen) role(i int) string { return g.roles[i%len(g.roles)] }

func (g *gen) handbook() []byte {
	var b strings.Builder
	b.WriteString(`# A synthetic handbook for relbook's benchmarks (go run ./cmd/benchgen).
title = "Beacon Release Handbook"
description = "How the Beacon community plans, freezes, tests and ships its releases."
base_url = "https://beacon.example.org/handbook/"
timezone = "UTC"
language = "en"
edit_url = "https://git.example.org/beacon/handbook/edit/main/content/{path}"
uid_domain = "beacon.example.org"
updated = 2026-11-20T09:00:00Z
holidays = [`)
	first, last := g.start(0).Year(), g.start(g.c.Releases).Year()+1
	for y := first; y <= last; y++ {
		if y > first {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%d-01-01, %d-12-25", y, y)
	}
	b.WriteString("]\n")
	return []byte(b.String())
}

// release writes releases/v1.<i>.toml.
func (g *gen) release(i int) []byte {
	s := g.start(i)
	id := g.releaseID(i)
	at := func(days int) string { return day(s.AddDate(0, 0, days)) }
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# Beacon %s.\nname = \"Beacon %s\"\ncodename = %q\nstart = %s\ntimezone = %q\n",
		id, id, firstWords[i%len(firstWords)]+" "+secondWords[i%len(secondWords)], day(s), zones[i%len(zones)])
	w("eol = %s\n", at(cycle*4))
	w(`summary = """
Beacon %s runs for fifteen weeks. Enhancements must be tracked by
{{enhancements-freeze}} and code merged by {{code-freeze}}; the release is
planned for {{release}}. The %s and the %s apply as usual.
"""
`, id, g.terms[i%len(g.terms)].name, g.terms[(i*7+3)%len(g.terms)].name)

	type ms struct {
		id, name, when, time, kind string
		key                        bool
		owners                     []int
		extra                      string
	}
	var slip string
	if i%3 == 0 {
		slip = fmt.Sprintf("was = [{ date = %s, changed = %s, note = \"Moved by the release-team vote.\" }]\nnote = \"The team gave back two days lost to the summit.\"\n", at(58), at(30))
	}
	milestones := []ms{
		{"alpha-1", "Beacon " + id + ".0-alpha.1", "date = " + at(15), "", "prerelease", false, []int{2, 3}, ""},
		{"enhancements-freeze", "Enhancements freeze", "date = " + at(24), "AoE", "freeze", true, []int{1}, "url = \"https://git.example.org/beacon/enhancements/-/boards/" + id + "\"\n"},
		{"ffe-deadline", "Exception requests close", `at = "enhancements-freeze + 2bd"`, "AoE", "deadline", false, []int{1, 0}, ""},
		{"beta-0", "Beacon " + id + ".0-beta.0 and release branch", "date = " + at(50), "", "prerelease", true, []int{2, 3}, ""},
		{"docs-placeholders", "Docs placeholder pull requests due", `at = "week 8"`, "18:00", "deadline", false, []int{5}, ""},
		{"code-freeze", "Code freeze", `at = "enhancements-freeze + 5w"`, "AoE", "freeze", true, []int{2, 0}, slip},
		{"rc-1", "Beacon " + id + ".0-rc.1", "date = " + at(64), "", "prerelease", false, []int{2, 3}, ""},
		{"docs-freeze", "Docs freeze", `at = "week 11"`, "10:00 Europe/Berlin", "freeze", true, []int{5}, ""},
		{"release-notes-final", "Release notes final", `at = "release - 5bd"`, "", "deadline", false, []int{5, 6}, ""},
		{"go-no-go", "Go / no-go decision", `at = "release - 1d"`, "10:00", "milestone", true, []int{0, 2, 3, 5, 6}, ""},
		{"release", "Beacon " + id + ".0 released", "date = " + at(14*7+2), "", "release", true, []int{0, 2}, ""},
		{"retrospective", "Release retrospective", `at = "release + 1w"`, "", "event", false, []int{0}, ""},
	}
	for k, m := range milestones {
		w("\n[milestone.%s]\nname = %q\n%s\n", m.id, m.name, m.when)
		if m.time != "" {
			w("time = %q\n", m.time)
		}
		w("kind = %q\n", m.kind)
		if m.key {
			w("key = true\n")
		}
		var owners []string
		for _, o := range m.owners {
			owners = append(owners, fmt.Sprintf("%q", g.role(o)))
		}
		w("owner = [%s]\n%s", strings.Join(owners, ", "), m.extra)
		t := g.terms[(i*13+k*5)%len(g.terms)]
		w(`description = """
The %s of %s. Owners confirm on the release list when it is done; see the
[%s](../../glossary/#%s) entry, and the [%s guide](../../roles/%s/) for
what happens next. Questions go to the team before {{go-no-go}}.
"""
`, strings.ToLower(m.name), id, t.name, t.id, g.role(m.owners[0]), g.role(m.owners[0]))
	}

	w(`
[phase.planning]
name = "Planning"
from = "week 1"
to = "enhancements-freeze"
description = "Enhancements are proposed, reviewed and tracked; the team forms."

[phase.development]
name = "Development"
from = "enhancements-freeze + 1d"
to = "code-freeze - 1d"
description = "Tracked enhancements are implemented, tested and documented."

[phase.burndown]
name = "Burndown"
from = "code-freeze"
to = "release"
description = "Only release-blocking fixes merge; the team meets every working day."

[phase.wrap-up]
name = "Wrap-up"
from = "release + 1d"
to = "retrospective"
description = "Retrospective and hand-over to the next team."
`)
	var all, few []string
	for k := range min(len(g.roles), 8) {
		all = append(all, fmt.Sprintf("%q", g.role(k)))
		if k%2 == 0 {
			few = append(few, fmt.Sprintf("%q", g.role(k)))
		}
	}
	w(`
[meeting.release-team]
name = "Release team meeting"
every = "week"
on = ["Monday"]
time = "10:00"
timezone = "America/Los_Angeles"
duration = "1h"
from = "start"
until = "code-freeze - 1d"
skip = [%s]
roles = [%s]
url = "https://meet.example.org/beacon-release"

[meeting.apac-sync]
name = "Release team sync (APAC-friendly)"
every = "2 weeks"
on = ["Thursday"]
time = "09:00"
timezone = "Asia/Tokyo"
duration = "45m"
from = "start"
until = "code-freeze - 1d"
roles = [%s]
url = "https://meet.example.org/beacon-release"

[meeting.burndown]
name = "Burndown"
every = "weekday"
time = "10:00"
duration = "30m"
from = "code-freeze"
until = "release"
roles = [%s]
url = "https://meet.example.org/beacon-burndown"
`, at(42), strings.Join(all, ", "), strings.Join(few, ", "), strings.Join(all, ", "))

	w("\n[team]\n")
	for k, r := range g.roles {
		p := people[(i+k)%len(people)]
		w("%s = [%q]\n", r, fmt.Sprintf("%s (@%s)", p, handle(p)))
		if k%3 == 0 {
			q := people[(i+k+7)%len(people)]
			w("%s-shadow = [%q]\n", r, fmt.Sprintf("%s (@%s)", q, handle(q)))
		}
	}
	return []byte(b.String())
}

func handle(name string) string {
	f := strings.Fields(strings.ToLower(name))
	return slugify(f[0][:1] + f[len(f)-1])
}

// whens are the `when` expressions guide sections are anchored to; a
// guide takes consecutive ones, starting at a place that depends on the
// role.
var whens = []string{
	"week 1", "week 2", "week 3", "enhancements-freeze - 1w", "week 4",
	"enhancements-freeze", "ffe-deadline", "week 6", "week 7", "beta-0",
	"docs-placeholders", "code-freeze - 5bd", "code-freeze", "code-freeze .. release",
	"rc-1", "docs-freeze", "week 12", "release-notes-final", "release - 2bd",
	"go-no-go", "release", "release + 1w",
}

var verbs = []string{
	"Confirm", "Review", "Announce", "Update", "Check", "Collect", "Publish",
	"Triage", "Schedule", "Draft", "Merge", "Verify", "Tag", "Close", "Escalate",
}

var objects = []string{
	"the tracking board", "the release notes draft", "the burndown document",
	"every open pull request in the milestone", "the CI dashboards",
	"the upgrade guide", "the container images", "the signed checksums",
	"the mailing-list announcement", "the exception requests",
	"the component owners' reports", "the dependency updates",
	"the translation status", "the security advisories", "the test matrix",
}

// guide writes roles/<role>.md: front matter, prose and a table, an
// undated section, then the dated sections, about 16 KB for 80 tasks.
func (g *gen) guide(ri int) []byte {
	id := g.roles[ri]
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	term := func(k int) term { return g.terms[(ri*31+k*17)%len(g.terms)] }
	other := func(k int) string { return g.roles[(ri+k+1)%len(g.roles)] }

	w("+++\ntitle = %q\nsummary = %q\norder = %d\ncommitment = %q\n+++\n\n",
		title(id), "Keeps the "+strings.ReplaceAll(id, "-", " ")+" work of each cycle on schedule, from planning to the release-day announcement.",
		ri+1, "2–4 h/week early, 6–10 h/week from code freeze to release")
	w(`The %s role makes sure its part of every Beacon release is done on
time and in the open. It works with the [%s](../%s/) and the
[%s](../%s/), reports at the weekly release-team meeting, and hands over
to the next cycle's team with notes. The %s and the %s matter most to this
role; the [glossary](../../glossary/) explains them, and the
[schedule of every release](../../releases/) says when they fall.

## Responsibilities

| Area | What it means | Ask |
|---|---|---|
`, title(id), title(other(0)), other(0), title(other(1)), other(1), term(0).name, term(1).name)
	for k := range 6 {
		t := term(k + 2)
		w("| %s | %s before the %s, in the [release folder](https://git.example.org/beacon/release/-/tree/main/%s) | [%s](../%s/) |\n",
			t.name, verbs[k%len(verbs)]+" "+objects[k%len(objects)], strings.ToLower(t.name), id, title(other(k)), other(k))
	}
	w(`
## Skills and time

- A working map of the code base and of who maintains what, and calm,
  clear writing: the community hears about the release through the team.
- Overlap with Pacific working hours for the 10:00 meetings; a shadow
  covers the Asia-friendly sync.
- Familiarity with the %s process, or a shadow cycle spent learning it.

`, strings.ToLower(term(8).name))

	undated := max(1, g.c.Tasks/20)
	dated := g.c.Tasks - undated
	sections := max(1, min(14, dated/5))
	if g.c.Tasks < 2 {
		dated, undated = g.c.Tasks, 0
	}
	n := 0
	task := func(indent string, ordered bool, k int) {
		v, o := verbs[(ri+k)%len(verbs)], objects[(ri*3+k)%len(objects)]
		t := term(k + 9)
		mark := "-"
		if ordered {
			mark = fmt.Sprintf("%d.", k%9+1)
		}
		switch k % 4 {
		case 0:
			w("%s%s [ ] %s %s and note what the %s changes\n", indent, mark, v, o, t.name)
		case 1:
			w("%s%s [ ] %s %s with the [%s](../%s/) (`%s/%s`)\n", indent, mark, v, o, title(other(k)), other(k), id, slugify(o))
		case 2:
			w("%s%s [ ] %s %s; **ask** the owners of anything still open about the %s\n", indent, mark, v, o, strings.ToLower(t.name))
		default:
			a := t.name
			if t.abbr != "" {
				a = t.abbr
			}
			w("%s%s [ ] %s %s before {{code-freeze}} and record the %s in the [glossary](../../glossary/#%s)\n", indent, mark, v, o, a, t.id)
		}
	}
	if undated > 0 {
		w("## Throughout the cycle\n\n")
		for range undated {
			task("", false, n)
			n++
		}
		w("\n")
	}
	w("## Week by week\n\nEach section below is dated in every release's checklist; the [schedule](../../releases/) shows where it falls.\n\n")
	for s := range sections {
		when := whens[(ri+s)%len(whens)]
		w("### %s {when=%q}\n\n", sectionTitle(when), when)
		if s%3 == 0 {
			w("Before this date, read what the %s means for the [%s](../%s/) and\nwhether the %s is on track.\n\n", term(s).name, title(other(s)), other(s), strings.ToLower(term(s+1).name))
		}
		count := dated / sections
		if s < dated%sections {
			count++
		}
		ordered := s%5 == 4
		for k := range count {
			task("", ordered, n)
			if n%4 == 1 {
				for st := range 2 {
					task("   ", false, n*3+st)
				}
			}
			n++
			_ = k
		}
		w("\n")
	}
	w("## Templates\n\nCopy this when announcing the freeze; the dates are filled in for each release.\n\n```template\nSubject: Code freeze on {{code-freeze}}\n\nHello everyone,\n\nCode freeze begins {{code-freeze}} and the release is planned for\n{{release}}. Exception requests close {{ffe-deadline}}.\n```\n\n")
	w("Tag a candidate like this:\n\n```sh\ngit tag -s \"v1.$MINOR.0-rc.1\" -m \"Beacon rc.1\"\ngit push upstream --tags   # the release job picks the tag up\n```\n")
	return []byte(b.String())
}

// sectionTitle is a heading for a when expression: "Week 3", "Code freeze".
func sectionTitle(when string) string {
	r := strings.NewReplacer(" .. ", " to ", " - ", " minus ", " + ", " plus ", "-", " ")
	return strings.ToUpper(when[:1]) + r.Replace(when[1:])
}

func title(id string) string {
	words := strings.Split(id, "-")
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// glossary writes glossary.toml.
func (g *gen) glossary() []byte {
	var b strings.Builder
	b.WriteString("# Terms of the Beacon release process.\n")
	for i, t := range g.terms {
		fmt.Fprintf(&b, "\n[term.%s]\nname = %q\n", t.id, t.name)
		aliases := []string{fmt.Sprintf("%q", t.alias)}
		if t.abbr != "" {
			aliases = append(aliases, fmt.Sprintf("%q", t.abbr))
			fmt.Fprintf(&b, "expansion = %q\n", t.expansion)
		}
		fmt.Fprintf(&b, "aliases = [%s]\n", strings.Join(aliases, ", "))
		next := g.terms[(i+1)%len(g.terms)]
		fmt.Fprintf(&b, `definition = """
The part of the cycle where the team %s %s. It usually follows the %s and
is announced on the release list with its date.
"""
`, strings.ToLower(verbs[i%len(verbs)]), objects[i%len(objects)], strings.ToLower(next.name))
		if next.id != t.id {
			fmt.Fprintf(&b, "see = [%q]\n", next.id)
		}
	}
	return []byte(b.String())
}

func (g *gen) onboarding() []byte {
	var b strings.Builder
	b.WriteString("+++\ntitle = \"Onboarding\"\norder = 1\nsummary = \"Where to start on the release team.\"\n+++\n\nWelcome to the release team. Read the guide of your role, then keep its\ndated checklist open; the current cycle's code freeze is {{code-freeze}}.\n\n| Role | Guide |\n|---|---|\n")
	for _, r := range g.roles {
		fmt.Fprintf(&b, "| %s | [%s](../roles/%s/) |\n", title(r), r, r)
	}
	return []byte(b.String())
}

// Hugo returns a Hugo site built from the same markdown, for comparing
// against Hugo: one page per release × role with that role's guide as its
// body (content/<release>/<role>.md), the guides themselves
// (content/roles/<role>.md), a minimal layout without a theme, and the
// kinds of page relbook does not make (taxonomies, RSS, sitemap) turned
// off. Build it with `hugo --quiet --minify=false -d OUT`.
func Hugo(c Config) map[string][]byte {
	g := newGen(c)
	files := map[string][]byte{
		"config.toml": []byte(`baseURL = "https://beacon.example.org/handbook/"
title = "Beacon Release Handbook"
languageCode = "en"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
`),
		"layouts/_default/single.html": []byte(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} — {{ .Site.Title }}</title></head>
<body><main><h1>{{ .Title }}</h1>
{{ .Content }}
</main></body></html>
`),
		"layouts/_default/list.html": []byte(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} — {{ .Site.Title }}</title></head>
<body><main><h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</main></body></html>
`),
	}
	for ri, role := range g.roles {
		guide := g.guide(ri)
		files["content/roles/"+role+".md"] = guide
		_, body, _ := strings.Cut(strings.TrimPrefix(string(guide), "+++\n"), "\n+++\n")
		for i := range c.Releases {
			id := g.releaseID(i)
			files["content/"+id+"/"+role+".md"] = []byte(fmt.Sprintf("+++\ntitle = %q\n+++\n%s", title(role)+" checklist for Beacon "+id, body))
		}
	}
	return files
}
