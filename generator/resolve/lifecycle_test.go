package resolve_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/resolve"
)

// python314 is Python 3.14 as PEP 745 (python/peps, peps/pep-0745.rst)
// lists its bugfix releases: a planned release every two months on the
// first Tuesday, 3.14.2 out of band three days after 3.14.1, 3.14.5 out
// of band with a candidate before it, and 3.14.6 and 3.14.7 a little
// late. Bugfix support ends with 3.14.14 (2027-10-05); security fixes
// follow until five years after 3.14.0 final.
const python314 = `name = "Python 3.14"
cycle = "3.14"
start = 2024-05-08 # a Wednesday, as PEP 745 says
allow = ["start-not-monday"]

[milestone.release]
date = 2025-10-07

[support.bugfix]
name = "Bugfix"
until = 2027-10-07

[support.security]
name = "Security fixes only"
until = 2030-10-07

[patches]
every = "2 months"
on = "first Tuesday"
from = 2025-12-02
until = "support.bugfix"
name = "3.14.{n}"

[patch.dec-2025]
date = 2025-12-02

[patch.expedited]
date = 2025-12-05
extra = true
note = "Expedited to fix regressions in 3.14.1."

[patch.feb-2026]
date = 2026-02-03

[patch.apr-2026]
date = 2026-04-07

[patch.rc-5]
name = "3.14.5rc1"
date = 2026-05-04
prerelease = true

[patch.may-2026]
date = 2026-05-10
extra = true

[patch.jun-2026]
date = 2026-06-10
was = [2026-06-09] # as PEP 745 planned it after 3.14.5

[patch.aug-2026]
date = 2026-08-05
was = [2026-08-04]
`

// lcResolve is rwResolve with the allow lists applied: it returns only
// the diagnostics no allow list acknowledges.
func lcResolve(t *testing.T, files map[string]string, today handbook.Date) (*handbook.Handbook, diag.List) {
	t.Helper()
	src, h, diags := rwLoadResolve(files, today)
	resolve.Acknowledge(src, h, diags)
	return h, diags.Unacknowledged().Sort()
}

func TestResolvePython314Patches(t *testing.T) {
	h, diags := lcResolve(t, map[string]string{"releases/3.14.toml": python314}, handbook.MustDate(2026, 9, 1))
	if errs := rwStrings(diags, diag.Error); len(errs) > 0 {
		t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
	}
	if warns := rwStrings(diags, diag.Warning); len(warns) > 0 {
		t.Errorf("warnings:\n%s", strings.Join(warns, "\n"))
	}
	r := rwRelease(t, h, "3.14")
	var got []string
	for _, p := range r.Patches {
		state := "done"
		if p.Generated {
			state = "planned"
		}
		got = append(got, fmt.Sprintf("%s %s %s %s", p.Name, p.Date, p.Key, state))
	}
	// PEP 745's dates: Actual, then Expected.
	want := []string{
		"3.14.1 2025-12-02 patches.2025-12 done",
		"3.14.2 2025-12-05 patch.expedited done",
		"3.14.3 2026-02-03 patches.2026-02 done",
		"3.14.4 2026-04-07 patches.2026-04 done",
		"3.14.5rc1 2026-05-04 patch.rc-5 done",
		"3.14.5 2026-05-10 patch.may-2026 done",
		"3.14.6 2026-06-10 patches.2026-06 done",
		"3.14.7 2026-08-05 patches.2026-08 done",
		"3.14.8 2026-10-06 patches.2026-10 planned",
		"3.14.9 2026-12-01 patches.2026-12 planned",
		"3.14.10 2027-02-02 patches.2027-02 planned",
		"3.14.11 2027-04-06 patches.2027-04 planned",
		"3.14.12 2027-06-01 patches.2027-06 planned",
		"3.14.13 2027-08-03 patches.2027-08 planned",
		"3.14.14 2027-10-05 patches.2027-10 planned",
	}
	if !slices.Equal(got, want) {
		t.Errorf("patches:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var phases []string
	for _, p := range r.Support {
		phases = append(phases, fmt.Sprintf("%s %s..%s", p.ID, p.From, p.To))
	}
	if want := []string{"bugfix 2025-10-08..2027-10-07", "security 2027-10-08..2030-10-07"}; !slices.Equal(phases, want) {
		t.Errorf("support phases %v, want %v", phases, want)
	}
	for day, want := range map[handbook.Date]handbook.Status{
		handbook.MustDate(2024, 5, 7):  handbook.Planned,
		handbook.MustDate(2025, 10, 7): handbook.Active,
		handbook.MustDate(2025, 10, 8): "bugfix",
		handbook.MustDate(2027, 10, 7): "bugfix",
		handbook.MustDate(2027, 10, 8): "security",
		handbook.MustDate(2030, 10, 7): "security",
		handbook.MustDate(2030, 10, 8): handbook.EOL,
	} {
		h, _ := rwResolve(t, map[string]string{"releases/3.14.toml": python314}, day)
		if s := rwRelease(t, h, "3.14").Status; s != want {
			t.Errorf("status on %s = %q, want %q", day, s, want)
		}
	}
}

// An out-of-band patch renumbers the planned ones after it, as 3.14.2 did
// (PEP 745: the February release became 3.14.3); the planned patches keep
// their UIDs.
func TestResolvePatchRenumbering(t *testing.T) {
	before := strings.Split(python314, "[patch.dec-2025]")[0] + "[patch.dec-2025]\ndate = 2025-12-02\n"
	after := before + "\n[patch.expedited]\ndate = 2025-12-05\nextra = true\n"
	today := handbook.MustDate(2025, 12, 6)
	keys := func(src string) map[string]string {
		h, diags := rwResolve(t, map[string]string{"releases/3.14.toml": src}, today)
		if errs := rwStrings(diags, diag.Error); len(errs) > 0 {
			t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
		}
		out := map[string]string{}
		for _, p := range rwRelease(t, h, "3.14").Patches {
			out[p.Key] = p.Name
		}
		return out
	}
	b, a := keys(before), keys(after)
	if b["patches.2026-02"] != "3.14.2" || a["patches.2026-02"] != "3.14.3" {
		t.Errorf("February patch: %q before, %q after the out-of-band patch; want 3.14.2 then 3.14.3", b["patches.2026-02"], a["patches.2026-02"])
	}
	if a["patch.expedited"] != "3.14.2" {
		t.Errorf("out-of-band patch named %q, want 3.14.2", a["patch.expedited"])
	}
}

// Kubernetes: monthly patches, a cherry-pick deadline the Friday before
// (kubernetes/website data/releases/schedule.yaml). When a patch slips its
// deadline stays where it was.
func TestResolveCherryPick(t *testing.T) {
	src := `name = "Kubernetes 1.35"
cycle = "1.35"
start = 2025-09-15
timezone = "America/Los_Angeles"

[milestone.release]
date = 2025-12-17

[support.maintained]
name = "Maintained"
until = 2026-12-28

[support.maintenance]
name = "Maintenance mode"
until = 2027-02-28

[patches]
every = "month"
on = "second Tuesday"
from = 2026-01-13
until = "support.maintenance"
name = "1.35.{n}"
cherry_pick = "- 4d"
time = "AoE"

[patch.jan]
date = 2026-01-15
was = [2026-01-13]

[patch.oob]
date = 2026-01-20
extra = true
cherry_pick = "- 2bd"
`
	h, diags := rwResolve(t, map[string]string{"releases/v1.35.toml": src}, handbook.MustDate(2026, 1, 1))
	if errs := rwStrings(diags, diag.Error); len(errs) > 0 {
		t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
	}
	r := rwRelease(t, h, "v1.35")
	got := map[string]string{}
	for _, p := range r.Patches[:3] {
		got[p.Name] = fmt.Sprintf("%s %s %t", p.Date, p.CherryPick, p.CherryPickTime.Kind == handbook.AoE)
	}
	want := map[string]string{
		"1.35.1": "2026-01-15 2026-01-09 true", // from the first planned day, 13 January
		"1.35.2": "2026-01-20 2026-01-16 true", // its own offset, in business days
		"1.35.3": "2026-02-10 2026-02-06 true",
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %q, want %q", name, got[name], w)
		}
	}
	last := r.Patches[len(r.Patches)-1]
	if last.Date != handbook.MustDate(2027, 2, 9) {
		t.Errorf("last planned patch %s on %s; want 2027-02-09, the last second Tuesday before the end of maintenance", last.Name, last.Date)
	}
}

func TestResolveLifecycleErrors(t *testing.T) {
	base := "name = \"X\"\nstart = 2026-01-05\n\n[milestone.release]\ndate = 2026-04-01\n"
	for _, c := range []struct {
		name, src, want string
	}{
		{"eol and support", "eol = 2027-01-01\n" + base + "\n[support.bugfix]\nuntil = 2026-10-01\n", "eol and [support.*] both say when support ends"},
		{"reserved id", base + "\n[support.eol]\nuntil = 2026-10-01\n", `support phase id "eol" is reserved`},
		{"until before release", base + "\n[support.bugfix]\nuntil = 2026-03-01\n", "not after the release day"},
		{"same until", base + "\n[support.a]\nuntil = 2026-10-01\n[support.b]\nuntil = 2026-10-01\n", `support phases "a" and "b" both end 2026-10-01`},
		{"every", base + "\n[patches]\nevery = \"2 month\"\non = \"first Tuesday\"\nuntil = 2026-12-01\n", `did you mean "2 months"?`},
		{"on array", base + "\n[patches]\nevery = \"month\"\non = [\"Tuesday\"]\nuntil = 2026-12-01\n", "on must be a string"},
		{"on weekday for months", base + "\n[patches]\nevery = \"month\"\non = \"Tuesday\"\nuntil = 2026-12-01\n", `did you mean "first Tuesday"?`},
		{"from after until", base + "\n[patches]\nevery = \"month\"\non = \"first Tuesday\"\nfrom = 2026-12-01\nuntil = 2026-06-01\n", "is before from"},
		{"name without n", base + "\n[patches]\nevery = \"month\"\non = \"first Tuesday\"\nuntil = 2026-06-01\nname = \"X patch\"\n", "has no {n}"},
		{"patch before release", base + "\n[patch.a]\nname = \"1\"\ndate = 2026-03-01\n", "is not after the release day"},
		{"two in a slot", base + "\n[patches]\nevery = \"month\"\non = \"first Tuesday\"\nuntil = 2026-12-01\n[patch.a]\ndate = 2026-05-05\n[patch.b]\ndate = 2026-05-20\n", `mark one ` + "`extra = true`"},
		{"deadline after patch", base + "\n[patch.a]\nname = \"1\"\ndate = 2026-05-05\ncherry_pick = 2026-05-06\n", "is not before the patch"},
		{"positive rule offset", base + "\n[patches]\nevery = \"month\"\non = \"first Tuesday\"\nuntil = 2026-12-01\ncherry_pick = \"+ 2d\"\n", "negative offset"},
		{"unknown phase", base + "\n[patches]\nevery = \"month\"\non = \"first Tuesday\"\nuntil = \"support.bugfx\"\n[support.bugfix]\nuntil = 2026-12-01\n", `did you mean "support.bugfix"?`},
		{"prerelease without name", base + "\n[patch.rc]\ndate = 2026-05-05\nprerelease = true\n", "is a prerelease and needs a name"},
		{"status", "status = \"bugfx\"\n" + base + "\n[support.bugfix]\nuntil = 2026-12-01\n", `status "bugfx" is not one this release can have: planned, active, bugfix, eol`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, diags := rwResolve(t, map[string]string{"releases/x.toml": c.src}, handbook.MustDate(2026, 1, 1))
			errs := strings.Join(rwStrings(diags, diag.Error), "\n")
			if !strings.Contains(errs, c.want) {
				t.Errorf("errors:\n%s\nwant one saying %q", errs, c.want)
			}
		})
	}
}

func TestResolveLifecycleWarnings(t *testing.T) {
	src := "name = \"X\"\nstart = 2026-01-05\n\n[milestone.release]\ndate = 2026-04-01\n\n[support.bugfix]\nuntil = 2026-12-31\n\n" +
		"[patches]\nevery = \"month\"\non = \"first Tuesday\"\nuntil = \"support.bugfix\"\nskip = [2026-06-03]\n\n" +
		"[patch.oob]\nname = \"X.9\"\ndate = 2026-07-07\nextra = true\n\n[patch.late]\nname = \"X.10\"\ndate = 2027-01-05\nextra = true\n"
	_, diags := rwResolve(t, map[string]string{"releases/x.toml": src}, handbook.MustDate(2026, 6, 1))
	warns := strings.Join(rwStrings(diags, diag.Warning), "\n")
	for _, want := range []string{
		"skip 2026-06-03 is not a day the rule plans a patch on [skip-no-patch]",
		`patch "oob" is extra, on the day the rule plans a patch (2026-07-07)`,
		`patch "late" on 2027-01-05 is after the end of life 2026-12-31 [patch-after-eol]`,
		"the patch planned for 2026-05-05 has passed and no [patch.<id>] records it",
	} {
		if !strings.Contains(warns, want) {
			t.Errorf("warnings:\n%s\nwant one saying %q", warns, want)
		}
	}
	if n := strings.Count(warns, "[patch-not-recorded]"); n != 2 {
		t.Errorf("%d patch-not-recorded warnings, want 2 (April and May)", n)
	}
}
