package dateexpr_test

// Date expressions checked against real, published release schedules. The
// expected dates come from the schedule named in each comment, never from
// running the code.

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/handbook"
)

// rwEnv is a release as the expressions see it.
type rwEnv struct {
	start      handbook.Date
	release    handbook.Date
	noRelease  bool
	due        time.Weekday
	holidays   []handbook.Date
	milestones map[string]handbook.Date
}

func (e *rwEnv) Start() handbook.Date { return e.start }

func (e *rwEnv) Milestone(id string) (handbook.Date, error) {
	if d, ok := e.milestones[id]; ok {
		return d, nil
	}
	if id == "release" && !e.noRelease {
		return e.release, nil
	}
	return 0, fmt.Errorf("unknown milestone %q", id)
}

func (e *rwEnv) ReleaseDate() (handbook.Date, error) {
	if e.noRelease {
		return 0, errors.New("no release milestone")
	}
	return e.release, nil
}

func (e *rwEnv) DueWeekday() time.Weekday { return e.due }

func (e *rwEnv) IsBusinessDay(d handbook.Date) bool {
	w := d.Weekday()
	return w != time.Saturday && w != time.Sunday && !slices.Contains(e.holidays, d)
}

var (
	// openstack/releases doc/source/epoxy/schedule.rst: "2 October, 2024 - 2
	// April, 2025 (26 weeks)", "Deadlines are generally the Thursday of the
	// week on which they are noted"; schedule.yaml: R-25 = 2024-10-07..11,
	// R+0 = 2025-03-31..04-04.
	epoxy = func() *rwEnv {
		return &rwEnv{start: handbook.MustDate(2024, 10, 2), release: handbook.MustDate(2025, 4, 2), due: time.Thursday}
	}
	// openstack/releases doc/source/caracal/schedule.rst: "October 5, 2023 -
	// April 3, 2024 (26 weeks)"; schedule.yaml: R-25 = 2023-10-09..13, R+0 =
	// 2024-04-01..05.
	caracal = func() *rwEnv {
		return &rwEnv{start: handbook.MustDate(2023, 10, 5), release: handbook.MustDate(2024, 4, 3), due: time.Thursday}
	}
	// releases.openstack.org/bobcat/schedule.html: "March 22, 2023 - October
	// 4, 2023 (28 weeks)"; R-27 = Mar 27 - Mar 31, R+0 = Oct 02 - Oct 06.
	bobcat = func() *rwEnv {
		return &rwEnv{start: handbook.MustDate(2023, 3, 22), release: handbook.MustDate(2023, 10, 4), due: time.Thursday}
	}
	// kubernetes/sig-release releases/release-1.35/README.md: "Monday 15th
	// September 2025: Week 1 — Release cycle begins", "Wednesday 17th
	// December 2025: Week 14 — Kubernetes v1.35.0 released".
	k135 = func() *rwEnv {
		return &rwEnv{
			start: handbook.MustDate(2025, 9, 15), release: handbook.MustDate(2025, 12, 17), due: time.Friday,
			milestones: map[string]handbook.Date{
				"enhancements-freeze": handbook.MustDate(2025, 10, 16),
				"code-freeze":         handbook.MustDate(2025, 11, 6),
				"kubecon":             handbook.MustDate(2025, 11, 10),
			},
		}
	}
	// kubernetes/sig-release releases/release-1.34/README.md: "Monday 19th
	// May 2025: Week 1", "Wednesday 27th August 2025: Week 15 — Kubernetes
	// v1.34.0 released".
	k134 = func() *rwEnv {
		return &rwEnv{start: handbook.MustDate(2025, 5, 19), release: handbook.MustDate(2025, 8, 27), due: time.Friday}
	}
)

func TestParseNormalForm(t *testing.T) {
	tests := []struct {
		in, want string
		kinds    []dateexpr.AnchorKind // of the anchors, left then right
	}{
		{"start", "start", []dateexpr.AnchorKind{dateexpr.Start}},
		{"week 1", "week 1", []dateexpr.AnchorKind{dateexpr.Week}},
		{"week 0", "week 0", []dateexpr.AnchorKind{dateexpr.Week}},
		{"week -2", "week -2", []dateexpr.AnchorKind{dateexpr.Week}},
		{"week  14", "week 14", []dateexpr.AnchorKind{dateexpr.Week}},
		{"R-5", "R-5", []dateexpr.AnchorKind{dateexpr.Countdown}},
		{"R-0", "R-0", []dateexpr.AnchorKind{dateexpr.Countdown}},
		{"R+0", "R-0", []dateexpr.AnchorKind{dateexpr.Countdown}}, // SPEC: R+0 = R-0
		{"R+2", "R+2", []dateexpr.AnchorKind{dateexpr.Countdown}},
		{"R-05", "R-5", []dateexpr.AnchorKind{dateexpr.Countdown}},
		{"2025-04-02", "2025-04-02", []dateexpr.AnchorKind{dateexpr.Literal}},
		{"code-freeze", "code-freeze", []dateexpr.AnchorKind{dateexpr.Milestone}},
		{"code-freeze - 1w", "code-freeze - 1w", []dateexpr.AnchorKind{dateexpr.Milestone}},
		{"code-freeze   -    1w", "code-freeze - 1w", []dateexpr.AnchorKind{dateexpr.Milestone}},
		{"  code-freeze - 1w  ", "code-freeze - 1w", []dateexpr.AnchorKind{dateexpr.Milestone}},
		// SPEC §2: operators need a space on each side, so this is one id.
		{"code-freeze-1w", "code-freeze-1w", []dateexpr.AnchorKind{dateexpr.Milestone}},
		{"rc-1", "rc-1", []dateexpr.AnchorKind{dateexpr.Milestone}},
		{"r-5", "r-5", []dateexpr.AnchorKind{dateexpr.Milestone}}, // lower-case r: an id (keywords are case-sensitive)
		{"start + 10bd", "start + 10bd", []dateexpr.AnchorKind{dateexpr.Start}},
		{"start + 0bd", "start + 0bd", []dateexpr.AnchorKind{dateexpr.Start}},
		{"enhancements-freeze + 3w", "enhancements-freeze + 3w", []dateexpr.AnchorKind{dateexpr.Milestone}},
		{"enhancements-freeze + 3w - 2d + 1bd", "enhancements-freeze + 3w - 2d + 1bd", []dateexpr.AnchorKind{dateexpr.Milestone}},
		{"R-5 + 1bd", "R-5 + 1bd", []dateexpr.AnchorKind{dateexpr.Countdown}},
		{"week 3 + 2d", "week 3 + 2d", []dateexpr.AnchorKind{dateexpr.Week}},
		{"2024-02-29 - 1w", "2024-02-29 - 1w", []dateexpr.AnchorKind{dateexpr.Literal}},
		{"week 3 .. week 5", "week 3 .. week 5", []dateexpr.AnchorKind{dateexpr.Week, dateexpr.Week}},
		{"week 3..week 5", "week 3 .. week 5", []dateexpr.AnchorKind{dateexpr.Week, dateexpr.Week}},
		{"kubecon .. kubecon + 3d", "kubecon .. kubecon + 3d", []dateexpr.AnchorKind{dateexpr.Milestone, dateexpr.Milestone}},
		{"R-3 .. R-1", "R-3 .. R-1", []dateexpr.AnchorKind{dateexpr.Countdown, dateexpr.Countdown}},
		{"2025-11-10 .. 2025-11-13", "2025-11-10 .. 2025-11-13", []dateexpr.AnchorKind{dateexpr.Literal, dateexpr.Literal}},
		{"start .. release", "start .. release", []dateexpr.AnchorKind{dateexpr.Start, dateexpr.Milestone}},
	}
	for _, tt := range tests {
		e, err := dateexpr.Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := e.String(); got != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
		kinds := []dateexpr.AnchorKind{e.From.Anchor.Kind}
		if e.To != nil {
			kinds = append(kinds, e.To.Anchor.Kind)
		}
		if !slices.Equal(kinds, tt.kinds) {
			t.Errorf("Parse(%q) anchors = %v, want %v", tt.in, kinds, tt.kinds)
		}
		if e.IsRange() != (len(tt.kinds) == 2) {
			t.Errorf("Parse(%q).IsRange() = %v", tt.in, e.IsRange())
		}
		// The normal form is a fixed point.
		again, err := dateexpr.Parse(e.String())
		if err != nil || again.String() != e.String() {
			t.Errorf("Parse(%q) = %q, %v; not a fixed point", e.String(), again.String(), err)
		}
	}
}

func TestParseDetails(t *testing.T) {
	e, err := dateexpr.Parse("enhancements-freeze + 3w - 2d + 1bd")
	if err != nil {
		t.Fatal(err)
	}
	wantSteps := []dateexpr.Step{
		{N: 3, Unit: dateexpr.Weeks, Offset: 20},
		{N: -2, Unit: dateexpr.Days, Offset: 25},
		{N: 1, Unit: dateexpr.BusinessDays, Offset: 30},
	}
	if !slices.Equal(e.From.Steps, wantSteps) {
		t.Errorf("steps = %+v, want %+v", e.From.Steps, wantSteps)
	}
	if e.From.Anchor.ID != "enhancements-freeze" || e.From.Anchor.Offset != 0 {
		t.Errorf("anchor = %+v", e.From.Anchor)
	}

	e, err = dateexpr.Parse("week 3 .. R+2")
	if err != nil {
		t.Fatal(err)
	}
	if e.From.Anchor.N != 3 || e.To.Anchor.N != -2 || e.To.Anchor.Offset != 10 {
		t.Errorf("week 3 .. R+2 = %+v / %+v", e.From.Anchor, e.To.Anchor)
	}
	if !e.UsesCountdown() {
		t.Error("week 3 .. R+2: UsesCountdown false")
	}

	e, err = dateexpr.Parse("kubecon .. code-freeze + 1w")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range e.Milestones() {
		ids = append(ids, fmt.Sprintf("%s@%d", a.ID, a.Offset))
	}
	if want := []string{"kubecon@0", "code-freeze@11"}; !slices.Equal(ids, want) {
		t.Errorf("Milestones() = %v, want %v", ids, want)
	}
	if e.UsesCountdown() {
		t.Error("kubecon .. code-freeze: UsesCountdown true")
	}

	e, err = dateexpr.Parse("2024-02-29")
	if err != nil || e.From.Anchor.Date != handbook.MustDate(2024, 2, 29) {
		t.Errorf("2024-02-29 = %+v, %v", e.From.Anchor, err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in     string
		offset int
		msg    string // a part of the message
	}{
		{"", 0, "empty date expression"},
		{"   ", 0, "empty date expression"},
		{"code-freeze +1w", 12, "put a space on each side of + and -"},
		{"code-freeze -1w", 12, "put a space on each side of + and -"},
		{"code-freeze+1w", 0, "put a space on each side of + and -"},
		{"start+1w", 0, "put a space on each side of + and -"},
		{"start + 3x", 8, `"3x" is not a duration`},
		{"start + 3", 8, `"3" is not a duration`},
		{"start + w", 8, `"w" is not a duration`},
		{"start + -3d", 8, `"-3d" is not a duration`},
		{"start + 1.5w", 8, `"1.5w" is not a duration`},
		{"start + 100000d", 8, "too long a duration"},
		{"start +", 6, `"+" needs a duration`},
		{"start - ", 6, `"-" needs a duration`},
		{"start + 1w 2d", 11, `unexpected "2d"`},
		{"start 1w", 6, `unexpected "1w"`},
		{"start * 2", 6, `unexpected "*"`},
		{"week", 0, `"week" needs a number`},
		{"week x", 5, "the week must be a whole number"},
		{"week 3x", 5, "the week must be a whole number"},
		{"week 1.5", 5, "the week must be a whole number"},
		{"week 10000", 5, "the week must be a whole number"},
		{"Week 3", 0, "keywords are case-sensitive"},
		{"Start + 1w", 0, "keywords are case-sensitive"},
		{"WEEK 3", 0, `unexpected "WEEK"`},
		{"R-", 0, `unexpected "R-"`},
		{"R-x", 0, "a countdown week is R-N or R+N"},
		{"R-5x", 0, "a countdown week is R-N or R+N"},
		{"R-10000", 0, "a countdown week is R-N or R+N"},
		{"release .. R-", 11, `unexpected "R-"`},
		{"2026-02-30", 0, "2026-02-30 is not a date: February 2026 has 28 days"},
		{"2026-13-01", 0, "there is no month 13"},
		{"start .. 2026-02-30", 9, "February 2026 has 28 days"},
		{"1899-12-31 + 1d", 0, "outside the years 1900–9999"},
		{"a .. b .. c", 7, "a range has exactly two ends"},
		{"week 3 ..", 9, "a date expression on each side"},
		{".. week 5", 0, "a date expression on each side"},
		{"week 3 .. ", 9, "a date expression on each side"},
		{"CODE-FREEZE", 0, `unexpected "CODE-FREEZE"`},
		{"code_freeze", 0, `unexpected "code_freeze"`},
		{"-code-freeze", 0, "put a space on each side of + and -"},
		{"code-freeze + + 1w", 14, `"+" is not a duration`},
	}
	for _, tt := range tests {
		_, err := dateexpr.Parse(tt.in)
		var perr *dateexpr.Error
		if !errors.As(err, &perr) {
			t.Errorf("Parse(%q) error = %v, want a *dateexpr.Error", tt.in, err)
			continue
		}
		if perr.Offset != tt.offset || !strings.Contains(perr.Msg, tt.msg) {
			t.Errorf("Parse(%q) = offset %d %q; want offset %d, message containing %q", tt.in, perr.Offset, perr.Msg, tt.offset, tt.msg)
		}
		if perr.Offset < 0 || perr.Offset > len(tt.in) {
			t.Errorf("Parse(%q): offset %d outside the text", tt.in, perr.Offset)
		}
	}
}

func TestIsIDAndReserved(t *testing.T) {
	for id, want := range map[string]bool{
		"code-freeze": true, "rc-1": true, "release": true, "0day": true, "e-1": true,
		"code-freeze-1w": true, "r-5": true, "a": true, "a-": true,
		"": false, "-x": false, "Code": false, "code_freeze": false, "v1.35": false,
		"R-5": false, "code freeze": false, "é": false,
	} {
		if got := dateexpr.IsID(id); got != want {
			t.Errorf("IsID(%q) = %v, want %v", id, got, want)
		}
	}
	for id, reserved := range map[string]bool{
		"start": true, "week": true, "R-1": true, "R+12": true, "R-0": true,
		"2026-10-05": true, "2026-99-99": true,
		"release": false, "starts": false, "weeks": false, "R-": false, "R-x": false,
		"r-1": false, "code-freeze": false, "Start": false,
	} {
		if got := dateexpr.Reserved(id) != ""; got != reserved {
			t.Errorf("Reserved(%q) = %q, want reserved=%v", id, dateexpr.Reserved(id), reserved)
		}
	}
	if !dateexpr.IsDateShaped("2026-02-30") || dateexpr.IsDateShaped("2026-2-3") || dateexpr.IsDateShaped("v1.35-rc.0") {
		t.Error("IsDateShaped wrong")
	}
}

type evalCase struct {
	source   string
	env      func() *rwEnv
	expr     string
	use      dateexpr.Use
	from, to handbook.Date
}

func runEval(t *testing.T, tests []evalCase) {
	t.Helper()
	for _, tt := range tests {
		e, err := dateexpr.Parse(tt.expr)
		if err != nil {
			t.Errorf("%s: Parse(%q): %v", tt.source, tt.expr, err)
			continue
		}
		from, to, err := e.Eval(tt.env(), tt.use)
		if err != nil {
			t.Errorf("%s: %q: %v", tt.source, tt.expr, err)
			continue
		}
		want := tt.to
		if want == 0 {
			want = tt.from
		}
		if from != tt.from || to != want {
			t.Errorf("%s: %q (use %v) = %s %s .. %s %s; want %s %s .. %s %s", tt.source, tt.expr, tt.use,
				from.Weekday(), from, to.Weekday(), to, tt.from.Weekday(), tt.from, want.Weekday(), want)
		}
	}
}

// OpenStack countdown weeks with Thursday due days.
func TestEvalOpenStackCountdown(t *testing.T) {
	runEval(t, []evalCase{
		// schedule.yaml release-week '2025-03-31'; the release itself is
		// "Wednesday, April 2, 2025" inside that week.
		{"Epoxy R-0 week starts", epoxy, "R-0", dateexpr.AsStart, handbook.MustDate(2025, 3, 31), 0},
		{"Epoxy R+0 = R-0", epoxy, "R+0", dateexpr.AsStart, handbook.MustDate(2025, 3, 31), 0},
		{"Epoxy R-0 due Thursday", epoxy, "R-0", dateexpr.AsDue, handbook.MustDate(2025, 4, 3), 0},
		// "November 14, 2024 is the Epoxy-1 milestone" (R-20: 2024-11-11..15).
		{"Epoxy-1", epoxy, "R-20", dateexpr.AsDue, handbook.MustDate(2024, 11, 14), 0},
		// "must release their 2024.2 Dalmatian deliverables by December 5, 2024".
		{"Epoxy cycle-trailing deadline", epoxy, "R-17", dateexpr.AsDue, handbook.MustDate(2024, 12, 5), 0},
		// "January 9, 2025 is the Epoxy-2 milestone" (R-12: 2025-01-06..10).
		{"Epoxy-2", epoxy, "R-12", dateexpr.AsDue, handbook.MustDate(2025, 1, 9), 0},
		// "February 27, 2025 is the Epoxy-3 milestone"; feature freeze with it.
		{"Epoxy-3 / feature freeze", epoxy, "R-5", dateexpr.AsDue, handbook.MustDate(2025, 2, 27), 0},
		{"Epoxy R-5 week", epoxy, "R-5", dateexpr.AsStart, handbook.MustDate(2025, 2, 24), 0},
		// "The week of March 10, 2025 is the target date for ... first release candidate".
		{"Epoxy RC1 target week", epoxy, "R-3", dateexpr.AsStart, handbook.MustDate(2025, 3, 10), 0},
		{"Epoxy RC1 due", epoxy, "R-3", dateexpr.AsDue, handbook.MustDate(2025, 3, 13), 0},
		// "The week of March 24, 2025 is the last week to issue release candidates".
		{"Epoxy final RCs week", epoxy, "R-1", dateexpr.AsStart, handbook.MustDate(2025, 3, 24), 0},
		{"Epoxy final RCs due", epoxy, "R-1", dateexpr.AsDue, handbook.MustDate(2025, 3, 27), 0},
		// schedule.yaml: R-25 = 2024-10-07..11, the first named week.
		{"Epoxy R-25", epoxy, "R-25", dateexpr.AsStart, handbook.MustDate(2024, 10, 7), 0},
		{"Epoxy R+1", epoxy, "R+1", dateexpr.AsDue, handbook.MustDate(2025, 4, 10), 0},
		// The RC1 window as a range: Monday of R-3 to the Thursday of R-1.
		{"Epoxy RC window", epoxy, "R-3 .. R-1", dateexpr.AsDue, handbook.MustDate(2025, 3, 10), handbook.MustDate(2025, 3, 27)},
		{"Epoxy feature freeze from release", epoxy, "release - 5w + 1d", dateexpr.AsDue, handbook.MustDate(2025, 2, 27), 0},

		// Caracal (2024.1): "November 16, 2023 is the Caracal-1 milestone",
		// "release their Bobcat deliverables by 7 December, 2023", "January 11,
		// 2024 is the Caracal-2 milestone", "February 29, 2024 is the Caracal-3
		// milestone", "The week of March 11, 2024" (RC1), "The week of March 25,
		// 2024" (final RCs), "will happen on Wednesday, April 3, 2024".
		{"Caracal-1", caracal, "R-20", dateexpr.AsDue, handbook.MustDate(2023, 11, 16), 0},
		{"Caracal cycle-trailing deadline", caracal, "R-17", dateexpr.AsDue, handbook.MustDate(2023, 12, 7), 0},
		{"Caracal-2", caracal, "R-12", dateexpr.AsDue, handbook.MustDate(2024, 1, 11), 0},
		{"Caracal-3 (a leap day)", caracal, "R-5", dateexpr.AsDue, handbook.MustDate(2024, 2, 29), 0},
		{"Caracal RC1 week", caracal, "R-3", dateexpr.AsStart, handbook.MustDate(2024, 3, 11), 0},
		{"Caracal final RCs week", caracal, "R-1", dateexpr.AsStart, handbook.MustDate(2024, 3, 25), 0},
		{"Caracal release week", caracal, "R-0", dateexpr.AsStart, handbook.MustDate(2024, 4, 1), 0},
		{"Caracal R-25", caracal, "R-25", dateexpr.AsStart, handbook.MustDate(2023, 10, 9), 0},

		// Bobcat (2023.2): "May 11, 2023 is the Bobcat-1 milestone" (R-21:
		// May 08 - May 12), "by June 1st, 2023" (R-18: May 29 - Jun 02), "July
		// 6, 2023 is the Bobcat-2 milestone" (R-13: Jul 03 - Jul 07).
		{"Bobcat-1", bobcat, "R-21", dateexpr.AsDue, handbook.MustDate(2023, 5, 11), 0},
		{"Bobcat cycle-trailing", bobcat, "R-18", dateexpr.AsDue, handbook.MustDate(2023, 6, 1), 0},
		{"Bobcat-2", bobcat, "R-13", dateexpr.AsDue, handbook.MustDate(2023, 7, 6), 0},
		{"Bobcat R-27", bobcat, "R-27", dateexpr.AsStart, handbook.MustDate(2023, 3, 27), 0},
		{"Bobcat R+0", bobcat, "R+0", dateexpr.AsStart, handbook.MustDate(2023, 10, 2), 0},
	})
}

// Kubernetes cycle weeks with the default Friday due day.
func TestEvalKubernetesWeeks(t *testing.T) {
	runEval(t, []evalCase{
		// release-1.35: "Start of Release Cycle | Monday 15th September 2025 | week 1".
		{"v1.35 start", k135, "start", dateexpr.AsDue, handbook.MustDate(2025, 9, 15), 0},
		{"v1.35 week 1 as from", k135, "week 1", dateexpr.AsStart, handbook.MustDate(2025, 9, 15), 0},
		// "Schedule finalized | Friday 19th September 2025 | week 1".
		{"v1.35 schedule finalized", k135, "week 1", dateexpr.AsDue, handbook.MustDate(2025, 9, 19), 0},
		// "Brace Yourself, Code Freeze is Coming | Monday 27th October 2025 | week 7".
		{"v1.35 brace yourself", k135, "week 7", dateexpr.AsStart, handbook.MustDate(2025, 10, 27), 0},
		// "Call for Code Freeze Exceptions | Friday 31st October 2025 | week 7".
		{"v1.35 call for exceptions", k135, "week 7", dateexpr.AsDue, handbook.MustDate(2025, 10, 31), 0},
		// "Begin Burndown | Monday 17th November 2025 | week 10".
		{"v1.35 burndown", k135, "week 10", dateexpr.AsStart, handbook.MustDate(2025, 11, 17), 0},
		// "Enhancements Freeze ... Thursday 16th October 2025" and "Code Freeze
		// ... Thursday 6th November 2025": three weeks apart.
		{"v1.35 code freeze from enhancements freeze", k135, "enhancements-freeze + 3w", dateexpr.AsDue, handbook.MustDate(2025, 11, 6), 0},
		// "KubeCon NA | Monday 10th - Thursday 13th November 2025 | week 9".
		{"v1.35 KubeCon span", k135, "kubecon .. kubecon + 3d", dateexpr.AsDue, handbook.MustDate(2025, 11, 10), handbook.MustDate(2025, 11, 13)},
		{"v1.35 KubeCon from code freeze", k135, "code-freeze + 4d .. 2025-11-13", dateexpr.AsDue, handbook.MustDate(2025, 11, 10), handbook.MustDate(2025, 11, 13)},
		// SPEC §2: a range "week 3 .. week 5" runs from the Monday of week 3
		// (29 Sep 2025) to the Friday of week 5 (17 Oct 2025), whatever the use.
		{"v1.35 week 3 .. week 5", k135, "week 3 .. week 5", dateexpr.AsDue, handbook.MustDate(2025, 9, 29), handbook.MustDate(2025, 10, 17)},
		{"v1.35 week 3 .. week 5 as from", k135, "week 3 .. week 5", dateexpr.AsStart, handbook.MustDate(2025, 9, 29), handbook.MustDate(2025, 10, 17)},
		{"v1.35 one-week range", k135, "week 5 .. week 5", dateexpr.AsDue, handbook.MustDate(2025, 10, 13), handbook.MustDate(2025, 10, 17)},
		// Weeks before the cycle: week 0 is 8–14 Sep 2025, week -1 is 1–7 Sep.
		{"v1.35 week 0 Monday", k135, "week 0", dateexpr.AsStart, handbook.MustDate(2025, 9, 8), 0},
		{"v1.35 week 0 due", k135, "week 0", dateexpr.AsDue, handbook.MustDate(2025, 9, 12), 0},
		{"v1.35 week -1 due", k135, "week -1", dateexpr.AsDue, handbook.MustDate(2025, 9, 5), 0},
		// The release is week 14; its Friday is 19 December.
		{"v1.35 week 14", k135, "week 14", dateexpr.AsDue, handbook.MustDate(2025, 12, 19), 0},
		{"v1.35 R-0", k135, "R-0", dateexpr.AsDue, handbook.MustDate(2025, 12, 19), 0},
		{"v1.35 R-6 Monday = code freeze week", k135, "R-6", dateexpr.AsStart, handbook.MustDate(2025, 11, 3), 0},
		// Offsets apply after the week's day: Friday of week 3 + 2d is Sunday.
		{"v1.35 week 3 + 2d", k135, "week 3 + 2d", dateexpr.AsDue, handbook.MustDate(2025, 10, 5), 0},
		{"v1.35 week 8 - 1d", k135, "week 8 - 1d", dateexpr.AsDue, handbook.MustDate(2025, 11, 6), 0},
		{"v1.35 week 8 as from - 1d", k135, "week 8 - 1d", dateexpr.AsStart, handbook.MustDate(2025, 11, 2), 0},

		// release-1.34: "Schedule finalized | Friday 23rd May 2025 | week 1",
		// "Call for Exceptions | Monday 7th July 2025 | week 8", "Begin Burndown |
		// Monday 28th July 2025 | week 11", "v1.34.0 released | Wednesday 27th
		// August 2025 | week 15".
		{"v1.34 schedule finalized", k134, "week 1", dateexpr.AsDue, handbook.MustDate(2025, 5, 23), 0},
		{"v1.34 call for exceptions", k134, "week 8", dateexpr.AsStart, handbook.MustDate(2025, 7, 7), 0},
		{"v1.34 burndown", k134, "week 11", dateexpr.AsStart, handbook.MustDate(2025, 7, 28), 0},
		{"v1.34 release week", k134, "week 15", dateexpr.AsStart, handbook.MustDate(2025, 8, 25), 0},
		{"v1.34 release week by countdown", k134, "R-0", dateexpr.AsStart, handbook.MustDate(2025, 8, 25), 0},
	})
}

// SPEC §2 business days, on real calendars.
func TestEvalBusinessDays(t *testing.T) {
	// US Thanksgiving 2025 is Thursday 27 November; many US employers also
	// close on Friday 28 November.
	k135thanks := func() *rwEnv {
		e := k135()
		e.holidays = []handbook.Date{handbook.MustDate(2025, 11, 27), handbook.MustDate(2025, 11, 28)}
		return e
	}
	// Christmas Day and Boxing Day / Zweiter Weihnachtstag 2024: Wednesday 25
	// and Thursday 26 December.
	epoxyXmas := func() *rwEnv {
		e := epoxy()
		e.holidays = []handbook.Date{handbook.MustDate(2024, 12, 25), handbook.MustDate(2024, 12, 26)}
		return e
	}
	runEval(t, []evalCase{
		// Thursday + 2bd is Monday: Epoxy-3 (Thu 27 Feb 2025) + 2bd.
		{"Thursday + 2bd", epoxy, "2025-02-27 + 2bd", dateexpr.AsDue, handbook.MustDate(2025, 3, 3), 0},
		{"R-5 + 2bd", epoxy, "R-5 + 2bd", dateexpr.AsDue, handbook.MustDate(2025, 3, 3), 0},
		// Saturday + 1bd is Monday; Saturday - 1bd is Friday; + 0bd changes nothing.
		{"Saturday + 1bd", epoxy, "2025-03-01 + 1bd", dateexpr.AsDue, handbook.MustDate(2025, 3, 3), 0},
		{"Saturday - 1bd", epoxy, "2025-03-01 - 1bd", dateexpr.AsDue, handbook.MustDate(2025, 2, 28), 0},
		{"Saturday + 0bd", epoxy, "2025-03-01 + 0bd", dateexpr.AsDue, handbook.MustDate(2025, 3, 1), 0},
		{"Thursday + 0bd", epoxy, "2025-02-27 + 0bd", dateexpr.AsDue, handbook.MustDate(2025, 2, 27), 0},
		{"Sunday + 1bd", epoxy, "2025-03-02 + 1bd", dateexpr.AsDue, handbook.MustDate(2025, 3, 3), 0},
		{"Monday - 1bd", epoxy, "2025-03-03 - 1bd", dateexpr.AsDue, handbook.MustDate(2025, 2, 28), 0},
		{"Friday + 5bd", epoxy, "2025-02-28 + 5bd", dateexpr.AsDue, handbook.MustDate(2025, 3, 7), 0},
		// Ten business days after a Monday start is the Monday two weeks on.
		{"start + 10bd", k135, "start + 10bd", dateexpr.AsDue, handbook.MustDate(2025, 9, 29), 0},
		// Holidays are skipped.
		{"Wed before Thanksgiving + 1bd", k135thanks, "2025-11-26 + 1bd", dateexpr.AsDue, handbook.MustDate(2025, 12, 1), 0},
		{"Mon after Thanksgiving - 1bd", k135thanks, "2025-12-01 - 1bd", dateexpr.AsDue, handbook.MustDate(2025, 11, 26), 0},
		{"Thanksgiving + 0bd", k135thanks, "2025-11-27 + 0bd", dateexpr.AsDue, handbook.MustDate(2025, 11, 27), 0},
		{"Christmas Eve + 1bd", epoxyXmas, "2024-12-24 + 1bd", dateexpr.AsDue, handbook.MustDate(2024, 12, 27), 0},
		{"Christmas Eve + 2bd", epoxyXmas, "2024-12-24 + 2bd", dateexpr.AsDue, handbook.MustDate(2024, 12, 30), 0},
		// A due day that is a holiday moves back to the previous business day.
		// k8s v1.35 week 11 is 24–30 Nov 2025: its Friday 28th and Thursday
		// 27th are off, so "week 11" is Wednesday 26th.
		{"week 11 over Thanksgiving", k135thanks, "week 11", dateexpr.AsDue, handbook.MustDate(2025, 11, 26), 0},
		{"week 11 as from ignores holidays", k135thanks, "week 11", dateexpr.AsStart, handbook.MustDate(2025, 11, 24), 0},
		{"week 11 + 1bd", k135thanks, "week 11 + 1bd", dateexpr.AsDue, handbook.MustDate(2025, 12, 1), 0},
		// Epoxy R-14 is 23–27 Dec 2024: its Thursday is Boxing Day and the
		// Wednesday Christmas Day, so the due day is Tuesday 24 December.
		{"Epoxy R-14 over Christmas", epoxyXmas, "R-14", dateexpr.AsDue, handbook.MustDate(2024, 12, 24), 0},
		{"Epoxy R-13 unaffected", epoxyXmas, "R-13", dateexpr.AsDue, handbook.MustDate(2025, 1, 2), 0},
		// Caracal R-19 is 20–24 Nov 2023 and holds US Thanksgiving, Thursday 23rd.
		{"Caracal R-19 over Thanksgiving", func() *rwEnv {
			e := caracal()
			e.holidays = []handbook.Date{handbook.MustDate(2023, 11, 23)}
			return e
		}, "R-19", dateexpr.AsDue, handbook.MustDate(2023, 11, 22), 0},
	})
}

func TestEvalErrors(t *testing.T) {
	tests := []struct {
		name   string
		env    func() *rwEnv
		expr   string
		offset int
		msg    string
	}{
		{"unknown milestone", k135, "start .. code-frezee + 1w", 9, `unknown milestone "code-frezee"`},
		{"range backwards", k135, "week 5 .. week 3", 10, "the range runs backwards"},
		{"range backwards by days", k135, "code-freeze .. code-freeze - 1d", 15, "the range runs backwards"},
		{"no release for R-N", func() *rwEnv { e := k135(); e.noRelease = true; return e }, "R-3", 0, "no release milestone"},
		{"before 1900", k135, "start + 1w - 99999d", 11, "outside the years 1900–9999"},
		{"after 9999", k135, "9000-01-01 + 1d + 99999w", 16, "outside the years 1900–9999"},
		{"business days past 9999", k135, "9999-12-30 + 5bd", 11, "outside the years 1900–9999"},
		// SPEC §1: "a resolved date outside the years 1900–9999" is an error.
		// 9999 weeks before September 2025 is in 1834.
		{"week far before 1900", k135, "week -9999", 0, "outside the years 1900–9999"},
		{"countdown far before 1900", k135, "R-9999", 0, "outside the years 1900–9999"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := dateexpr.Parse(tt.expr)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.expr, err)
			}
			from, to, err := e.Eval(tt.env(), dateexpr.AsDue)
			var eerr *dateexpr.EvalError
			if !errors.As(err, &eerr) {
				t.Fatalf("Eval(%q) = %s .. %s, %v; want an *EvalError containing %q", tt.expr, from, to, err, tt.msg)
			}
			if eerr.Offset != tt.offset || !strings.Contains(eerr.Error(), tt.msg) {
				t.Errorf("Eval(%q) error at %d %q; want at %d containing %q", tt.expr, eerr.Offset, eerr.Error(), tt.offset, tt.msg)
			}
		})
	}
}

// FuzzParse: Parse never panics, and the normal form of anything it accepts
// parses again to itself.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"start", "week 1", "week 0", "week -2", "R-5", "R+0", "R+2", "R-05", "2025-04-02",
		"code-freeze", "code-freeze - 1w", "code-freeze-1w", "start + 10bd", "start + 0bd",
		"enhancements-freeze + 3w - 2d + 1bd", "week 3 .. week 5", "week 3..week 5",
		"kubecon .. kubecon + 3d", "R-3 .. R-1", "", "code-freeze +1w", "start + 3x",
		"week", "R-", "2026-02-30", "a .. b .. c", "Week 3", "week 10000", "start + 100000d",
		".. week 5", "week 3 ..", "start - 99999d", "week +3", "R-000000", "1900-01-01 - 0bd",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := dateexpr.Parse(s)
		if err != nil {
			var perr *dateexpr.Error
			if !errors.As(err, &perr) {
				t.Fatalf("Parse(%q) error %T is not a *dateexpr.Error", s, err)
			}
			if perr.Offset < 0 || perr.Offset > len(s) {
				t.Fatalf("Parse(%q) error offset %d outside the text", s, perr.Offset)
			}
			return
		}
		norm := e.String()
		again, err := dateexpr.Parse(norm)
		if err != nil {
			t.Fatalf("Parse(%q) ok, but its normal form %q does not parse: %v", s, norm, err)
		}
		if again.String() != norm {
			t.Fatalf("Parse(%q) = %q, but that parses to %q", s, norm, again.String())
		}
		// Evaluating must not panic or run away either.
		_, _, _ = e.Eval(k135(), dateexpr.AsDue)
		_, _, _ = e.Eval(epoxy(), dateexpr.AsStart)
	})
}
