package agenda

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/terminal"
)

// WriteJSON writes the agenda as indented JSON: the same agenda always
// gives the same bytes.
func (a *Agenda) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(a)
}

// WriteText writes the agenda for a terminal: plain text in aligned
// columns, sections in the order a release lead reads them.
func (a *Agenda) WriteText(w io.Writer) error {
	b := bufio.NewWriter(w)
	t := &textWriter{w: b, today: a.Today}
	t.header(a)
	t.phases(a.Phases)
	t.window(fmt.Sprintf("Overdue: due in the last %d days", OverdueDays), &a.Overdue, a.Role != nil, "nothing fell due")
	t.window("This week", &a.ThisWeek, a.Role != nil, "nothing due")
	t.window("Next week", &a.NextWeek, a.Role != nil, "nothing due")
	t.deadlines(a)
	t.patches(a)
	return b.Flush()
}

type textWriter struct {
	w     *bufio.Writer
	today handbook.Date
}

// printf writes part of the agenda. Its string arguments are text from the
// handbook (names, titles, tasks, URLs), escaped for the terminal; the
// format is relbook's own.
func (t *textWriter) printf(format string, args ...any) {
	for i, arg := range args {
		if s, ok := arg.(string); ok {
			args[i] = terminal.Escape(s)
		}
	}
	fmt.Fprintf(t.w, format, args...)
}

func (t *textWriter) header(a *Agenda) {
	r := a.Release
	title := r.Name
	if r.Codename != "" {
		title += fmt.Sprintf(" %q", r.Codename)
	}
	t.printf("%s (%s)\n", title, r.ID)
	var where string
	switch {
	case a.Today < r.Start:
		where = fmt.Sprintf("%s; starts %s, %s", r.Status, r.Start.Medium(), countdown(int(r.Start-a.Today)))
	case a.Today <= r.ReleaseDate:
		// The release week is R+0, as OpenStack names it.
		cw := fmt.Sprintf("R-%d", r.Countdown)
		if r.Countdown <= 0 {
			cw = fmt.Sprintf("R+%d", -r.Countdown)
		}
		where = fmt.Sprintf("%s, week %d, %s; release %s %s, %s", r.Status, r.Week, cw, r.ReleaseDate.Short(), year(r.ReleaseDate), countdown(r.DaysToRelease))
	default:
		where = fmt.Sprintf("%s; release day was %s %s, %s", r.Status, r.ReleaseDate.Short(), year(r.ReleaseDate), countdown(r.DaysToRelease))
	}
	t.printf("%s\n", where)
	who := "every role"
	if a.Role != nil {
		who = a.Role.Title + " (" + a.Role.ID + ")"
	}
	t.printf("As of %s, for %s.\n", a.Today.Long(), who)
	if a.Role != nil && a.Role.Checklist != "" {
		t.printf("Checklist: %s\n", a.Role.Checklist)
	} else {
		t.printf("Schedule: %s\n", r.URL)
	}
}

func year(d handbook.Date) string { return fmt.Sprint(d.Year()) }

func (t *textWriter) phases(ps []Phase) {
	t.printf("\nPhase under way\n")
	if len(ps) == 0 {
		t.printf("  none today\n")
		return
	}
	width := 0
	for _, p := range ps {
		width = max(width, len(terminal.Escape(p.Name)))
	}
	for _, p := range ps {
		t.printf("  %-*s  %s – %s  day %d of %d\n", width, p.Name, p.From.Short(), p.To.Short(), p.Day, p.Days)
	}
}

func (t *textWriter) window(title string, w *Window, oneRole bool, empty string) {
	t.printf("\n%s (%s – %s)\n", title, w.From.Short(), w.To.Short())
	if w.Empty() {
		t.printf("  %s\n", empty)
		return
	}
	if len(w.Milestones) > 0 {
		t.printf("  Milestones\n")
		for _, m := range w.Milestones {
			t.milestone("    ", m.Date.Short(), 10, m)
		}
	}
	for _, rt := range w.Roles {
		indent := "    "
		if oneRole {
			t.printf("  Tasks\n")
		} else {
			t.printf("  %s\n", rt.Role.Title)
		}
		for _, g := range rt.Groups {
			when := strings.Join(g.When, " / ")
			if g.From != g.Due {
				when += " (from " + g.From.Short() + ")"
			}
			t.printf("%s%-10s  %-12s  %s\n", indent, g.Due.Short(), countdown(g.Days), when)
			t.tasks(indent+"  ", g.Tasks)
		}
	}
}

func (t *textWriter) tasks(indent string, tasks []Task) {
	for i, task := range tasks {
		mark := "- [ ]"
		if task.Ordered {
			mark = fmt.Sprintf("%d. [ ]", i+1)
		}
		t.printf("%s%s %s\n", indent, mark, task.Text)
		t.tasks(indent+strings.Repeat(" ", len(mark)+1), task.Steps)
	}
}

// milestone writes one milestone line, and for a timed one a second line
// with its instant in UTC and in the release's zone.
func (t *textWriter) milestone(indent, date string, width int, m Milestone) {
	name := m.Name
	if m.Key {
		name += " (key)"
	}
	if m.End != m.Date {
		name += ", until " + m.End.Short()
	}
	t.printf("%s%-*s  %-12s  %s\n", indent, width, date, m.Countdown, name)
	if m.Instant != nil {
		pad := strings.Repeat(" ", len(indent)+width+2+12+2)
		line := m.Label + ": " + instant(*m.Instant)
		// The release's zone too, unless the time is written in it.
		if m.Local.Location().String() != "UTC" && m.Local.Format("15:04 MST") != m.Label {
			line += " = " + instant(*m.Local)
		}
		t.printf("%s%s\n", pad, line)
	}
}

// instant writes "Fri 4 Dec 2026 04:00 PST".
func instant(tm time.Time) string {
	return handbook.DateFromTime(tm).Short() + " " + tm.Format("2006 15:04 MST")
}

func (t *textWriter) deadlines(a *Agenda) {
	title := "Next key deadlines"
	if a.Role != nil {
		title = "Next key deadlines and " + a.Role.Title + " milestones"
	}
	t.printf("\n%s\n", title)
	if len(a.Deadlines) == 0 {
		t.printf("  none: the cycle's key dates are behind it\n")
		return
	}
	for _, m := range a.Deadlines {
		t.milestone("  ", m.Date.Short()+" "+year(m.Date), 15, m)
	}
}

// patches writes the patch releases and cherry-pick deadlines ahead;
// nothing when the handbook has no patch release at all.
func (t *textWriter) patches(a *Agenda) {
	if len(a.Patches) == 0 {
		return
	}
	t.printf("\nPatch releases and cherry-pick deadlines (to %s)\n", a.NextWeek.To.Short())
	for _, m := range a.Patches {
		t.milestone("  ", m.Date.Short()+" "+year(m.Date), 15, m)
	}
}
