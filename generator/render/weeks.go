package render

import (
	"strconv"
	"time"

	"github.com/relbook/relbook/generator/handbook"
)

// How pages count the weeks of a release cycle: each rule once, for
// every page that shows it.

// weekLabel is the week of r's cycle day d falls in: "Week 5".
func weekLabel(r *handbook.Release, d handbook.Date) string {
	return "Week " + strconv.Itoa(r.Week(d))
}

// countdown is the countdown week of day d in r, counted to the
// release: "R-3", "R-0", "R+1".
func countdown(r *handbook.Release, d handbook.Date) string {
	n := r.Countdown(d)
	if n < 0 {
		return "R+" + strconv.Itoa(-n)
	}
	return "R-" + strconv.Itoa(n)
}

// dueWeek is the week and the countdown shown beside something due on
// day d in r: a milestone, a checklist's task group. The countdown is
// shown in the last six weeks before the release, and all through a
// cycle whose weekly due day is not Friday: a project that moves its due
// day (OpenStack's Thursday) counts its whole cycle in R-N weeks.
func dueWeek(r *handbook.Release, d handbook.Date) (week, countdownWeek string) {
	week = weekLabel(r, d)
	if r.Countdown(d) <= 6 || r.DueWeekday != time.Friday {
		countdownWeek = countdown(r, d)
	}
	return week, countdownWeek
}
