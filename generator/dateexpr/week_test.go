package dateexpr_test

import (
	"testing"

	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/handbook"
)

// weekEnv is an OpenStack 2026.1 Gazpacho-like release whose g-3 is a
// week item: the week of Monday 23 February 2026, due Thursday 26.
type weekEnv struct{ *rwEnv }

func (e weekEnv) WeekOf(id string) (handbook.Date, bool) {
	if id == "g-3" {
		return handbook.MustDate(2026, 2, 23), true
	}
	return 0, false
}

func gazpacho() weekEnv {
	e := epoxy()
	e.start = handbook.MustDate(2025, 10, 6)
	e.release = handbook.MustDate(2026, 4, 1)
	e.milestones = map[string]handbook.Date{"g-3": handbook.MustDate(2026, 2, 26), "g-2": handbook.MustDate(2026, 1, 8)}
	return weekEnv{e}
}

// SPEC §7.3: a week item as an anchor behaves like the week N anchor:
// its Monday where a week's Monday is meant, its due day elsewhere.
func TestEvalWeekItemAnchor(t *testing.T) {
	tests := []struct {
		expr     string
		use      dateexpr.Use
		from, to handbook.Date
	}{
		{"g-3", dateexpr.AsDue, handbook.MustDate(2026, 2, 26), handbook.MustDate(2026, 2, 26)},
		{"g-3", dateexpr.AsStart, handbook.MustDate(2026, 2, 23), handbook.MustDate(2026, 2, 23)},
		{"g-3 + 0d", dateexpr.AsDue, handbook.MustDate(2026, 2, 26), handbook.MustDate(2026, 2, 26)},
		{"g-3 + 1w", dateexpr.AsStart, handbook.MustDate(2026, 3, 2), handbook.MustDate(2026, 3, 2)},
		// A range starts on the week item's Monday and ends on its due day.
		{"g-3 .. g-3", dateexpr.AsDue, handbook.MustDate(2026, 2, 23), handbook.MustDate(2026, 2, 26)},
		// Other milestones are their date either way.
		{"g-2", dateexpr.AsStart, handbook.MustDate(2026, 1, 8), handbook.MustDate(2026, 1, 8)},
		// R+0 and R-0 are the same week: the release week.
		{"R+0", dateexpr.AsStart, handbook.MustDate(2026, 3, 30), handbook.MustDate(2026, 3, 30)},
		{"R-0", dateexpr.AsStart, handbook.MustDate(2026, 3, 30), handbook.MustDate(2026, 3, 30)},
		{"R-5", dateexpr.AsDue, handbook.MustDate(2026, 2, 26), handbook.MustDate(2026, 2, 26)},
		// The week before the cycle stays addressable: week 0 and R-26.
		{"week 0", dateexpr.AsStart, handbook.MustDate(2025, 9, 29), handbook.MustDate(2025, 9, 29)},
		{"R-26", dateexpr.AsStart, handbook.MustDate(2025, 9, 29), handbook.MustDate(2025, 9, 29)},
	}
	for _, tt := range tests {
		e, err := dateexpr.Parse(tt.expr)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.expr, err)
		}
		from, to, err := e.Eval(gazpacho(), tt.use)
		if err != nil || from != tt.from || to != tt.to {
			t.Errorf("%q (use %d) = %s .. %s, %v; want %s .. %s", tt.expr, tt.use, from, to, err, tt.from, tt.to)
		}
	}
}
