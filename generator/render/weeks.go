package render

import (
	"strconv"
	"time"

	"github.com/relbook/relbook/generator/handbook"
)

// How pages count the weeks of a release cycle: each rule once, for
// every page that shows it.

// Weeks are labelled only from the cycle's first week: a day before it
// has no week and no countdown label, only its dates. The labels are for
// readers; schedule.json keeps the numbers, and expressions still take
// "week 0" and "R-30".

// weekLabel is the week of r's cycle day d falls in: "Week 5"; "" before
// week 1.
func weekLabel(r *handbook.Release, d handbook.Date) string {
	if r.Week(d) < 1 {
		return ""
	}
	return "Week " + strconv.Itoa(r.Week(d))
}

// countdown is the countdown week of day d in r, counted to the
// release: "R-3", then "R+0" for the week holding the release day (as
// OpenStack names it), "R+1"; "" before week 1.
func countdown(r *handbook.Release, d handbook.Date) string {
	if r.Week(d) < 1 {
		return ""
	}
	n := r.Countdown(d)
	if n <= 0 {
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
