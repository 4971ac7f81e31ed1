package render

import (
	"bytes"
	"io/fs"
	"strconv"
	"strings"
)

// The default theme's release schedules, written in Go.
//
// A schedule is a few hundred values — a chart of a hundred SVG shapes,
// a row per milestone and per week, every date of every meeting — and
// through html/template each is a field lookup and an escaper call by
// reflection: a schedule took about 2 ms, as long as ten checklists. So
// when a theme's release.html, base.html and partials.html are the
// default theme's, byte for byte, the page is written by the code below,
// which writes the bytes those templates write (TestFastPagesSameAsTemplates
// holds the two to agreement). Any other theme gets the templates.

// fastReleases reports whether the theme's release.html, base.html and
// partials.html are the default theme's, byte for byte.
func fastReleases(fsys fs.FS) bool {
	_, same := defaultTemplate(fsys, "release.html")
	return same && fastPages(fsys)
}

// writePage writes the whole release page, or returns false for a page
// that needs what only the templates write (an inline stylesheet, no
// script).
func (v *releasePage) writePage() ([]byte, bool) {
	if v.templatesOnly() {
		return nil, false
	}
	buf := taskBuffers.Get().(*[]byte)
	defer taskBuffers.Put(buf)
	out := v.appendHead((*buf)[:0])
	out = append(out, "\n"...)
	out = v.appendMain(out)
	out = v.appendFoot(out)
	*buf = out
	return bytes.Clone(out), true
}

// appendMain writes release.html's "main".
func (v *releasePage) appendMain(out []byte) []byte {
	r := &v.Release
	out = append(out, "\n\n<div class=\"release-header\">\n  <h1>"...)
	out = appendEscaped(out, r.Name)
	if r.Codename != "" {
		out = append(out, " <span class=\"codename\">“"...)
		out = appendEscaped(out, r.Codename)
		out = append(out, "”</span>"...)
	}
	out = append(out, "</h1>\n  <dl class=\"facts\">"...)
	out = appendStatusAndCycle(out, &r.releaseSummary, v.AsOf)
	out = append(out, "\n    <div><dt>Time zone</dt><dd>"...)
	out = appendEscaped(out, r.Zone)
	out = append(out, "</dd></div>"...)
	if r.DueWeekday != "" {
		out = append(out, "\n    <div><dt>Weekly due day</dt><dd>"...)
		out = appendEscaped(out, r.DueWeekday)
		out = append(out, "</dd></div>"...)
	}
	if r.EOL != nil {
		out = append(out, "\n    <div><dt>End of support</dt><dd>"...)
		out = appendTime(out, *r.EOL)
		out = append(out, "</dd></div>"...)
	}
	out = append(out, "\n  </dl>\n</div>\n\n"...)
	if r.Summary != "" {
		out = append(out, "\n<section class=\"summary\" aria-label=\"Summary\">\n"...)
		out = append(out, r.Summary...)
		out = append(out, "\n</section>\n"...)
	}
	out = r.appendContents(out)
	if len(r.KeyDates) > 0 {
		out = append(out, "\n<section aria-labelledby=\"key-dates\">\n  <h2 id=\"key-dates\">Key dates</h2>\n  "...)
		out = appendKeyDates(out, r.KeyDates)
		out = append(out, "\n</section>\n"...)
	}
	out = append(out, "\n\n<section aria-labelledby=\"timeline\">\n  <h2 id=\"timeline\">Timeline</h2>\n  "...)
	out = r.Chart.appendSVG(out)
	out = append(out, "\n  <p class=\"muted\">Times are shown in the zone they were set in and in UTC; “AoE” (Anywhere on Earth) deadlines close when the day has ended everywhere.</p>\n  <div class=\"table-wrap\" role=\"region\" aria-labelledby=\"timeline-caption\" tabindex=\"0\">\n  <table class=\"timeline\" id=\"timeline-table\">\n    <caption id=\"timeline-caption\">Every milestone of "...)
	out = appendEscaped(out, r.Name)
	out = append(out, ", in date order</caption>\n    <thead>\n      <tr><th scope=\"col\">What</th><th scope=\"col\">Who</th><th scope=\"col\">When</th><th scope=\"col\">Week</th></tr>\n    </thead>\n    <tbody>"...)
	for i := range r.Milestones {
		out = r.Milestones[i].appendRow(out)
	}
	out = append(out, "\n    </tbody>\n  </table>\n  </div>\n</section>\n\n"...)
	if len(r.Phases) > 0 {
		out = append(out, "\n<section aria-labelledby=\"phases\">\n  <h2 id=\"phases\">Phases</h2>\n  <div class=\"table-wrap\" role=\"region\" aria-labelledby=\"phases-caption\" tabindex=\"0\">\n  <table class=\"phases\">\n    <caption id=\"phases-caption\">Phases of "...)
		out = appendEscaped(out, r.Name)
		out = append(out, "; both ends are included</caption>\n    <thead>\n      <tr><th scope=\"col\">Phase</th><th scope=\"col\">From</th><th scope=\"col\">To</th><th scope=\"col\">What happens</th></tr>\n    </thead>\n    <tbody>"...)
		for _, ph := range r.Phases {
			out = append(out, "\n      <tr id=\"phase-"...)
			out = appendEscaped(out, ph.ID)
			out = append(out, "\" data-from=\""...)
			out = appendEscaped(out, ph.From.DateTime)
			out = append(out, "\" data-due=\""...)
			out = appendEscaped(out, ph.To.DateTime)
			out = append(out, "\">\n        <th scope=\"row\">"...)
			out = appendEscaped(out, ph.Name)
			out = append(out, "</th>\n        <td>"...)
			out = appendTime(out, ph.From)
			out = append(out, "</td>\n        <td>"...)
			out = appendTime(out, ph.To)
			out = append(out, "</td>\n        <td>"...)
			out = append(out, ph.Description...)
			out = append(out, "</td>\n      </tr>"...)
		}
		out = append(out, "\n    </tbody>\n  </table>\n  </div>\n</section>\n"...)
	}
	out = append(out, "\n\n<section aria-labelledby=\"weeks\">\n  <h2 id=\"weeks\">Week by week</h2>\n  <div class=\"table-wrap\" role=\"region\" aria-labelledby=\"weeks-caption\" tabindex=\"0\">\n  <table class=\"weeks-grid\">\n    <caption id=\"weeks-caption\">Every week of "...)
	out = appendEscaped(out, r.Name)
	out = append(out, ", Monday to Sunday, with what falls in it</caption>\n    <thead>\n      <tr><th scope=\"col\">Week</th><th scope=\"col\">Dates</th><th scope=\"col\">Milestones</th><th scope=\"col\">Phase</th></tr>\n    </thead>\n    <tbody>"...)
	for i := range r.Weeks {
		out = r.Weeks[i].appendRow(out)
	}
	out = append(out, "\n    </tbody>\n  </table>\n  </div>\n</section>\n\n"...)
	if len(r.Meetings) > 0 {
		out = append(out, "\n<section aria-labelledby=\"meetings\">\n  <h2 id=\"meetings\">Meetings</h2>"...)
		for i := range r.Meetings {
			out = r.Meetings[i].appendArticle(out)
		}
		out = append(out, "\n</section>\n"...)
	}
	out = append(out, "\n\n"...)
	if len(r.Checklists) > 0 {
		out = append(out, "\n<section aria-labelledby=\"checklists\">\n  <h2 id=\"checklists\">Checklists</h2>\n  <p>Each role’s tasks with this release’s dates:</p>\n  <ul class=\"inline-list\">"...)
		for _, c := range r.Checklists {
			out = append(out, "\n    <li>"...)
			out = appendLink(out, c.URL, c.Title)
			out = append(out, "</li>"...)
		}
		out = append(out, "\n  </ul>\n</section>\n"...)
	}
	out = append(out, "\n\n"...)
	if len(r.Team) > 0 {
		out = append(out, "\n<section aria-labelledby=\"team\">\n  <h2 id=\"team\">Team</h2>\n  <div class=\"table-wrap\" role=\"region\" aria-labelledby=\"team-caption\" tabindex=\"0\">\n  <table class=\"team\">\n    <caption id=\"team-caption\">The "...)
		out = appendEscaped(out, r.Name)
		out = append(out, " release team</caption>\n    <thead>\n      <tr><th scope=\"col\">Role</th><th scope=\"col\">People</th></tr>\n    </thead>\n    <tbody>"...)
		for _, row := range r.Team {
			out = append(out, "\n      <tr>\n        <th scope=\"row\">"...)
			out = appendRoles(out, []roleLink{row.Role})
			out = append(out, "</th>\n        <td>"...)
			out = appendEscaped(out, strings.Join(row.People, ", "))
			out = append(out, "</td>\n      </tr>"...)
		}
		out = append(out, "\n    </tbody>\n  </table>\n  </div>\n</section>\n"...)
	}
	out = append(out, "\n\n"...)
	if len(r.Slips) > 0 {
		out = append(out, "\n<section aria-labelledby=\"slips\">\n  <h2 id=\"slips\">Changes to the schedule</h2>\n  <div class=\"table-wrap\" role=\"region\" aria-labelledby=\"slips-caption\" tabindex=\"0\">\n  <table class=\"slips\">\n    <caption id=\"slips-caption\">Every date that has moved, in timeline order</caption>\n    <thead>\n      <tr><th scope=\"col\">Milestone</th><th scope=\"col\">Was</th><th scope=\"col\">Now</th><th scope=\"col\">Changed on</th><th scope=\"col\">Why</th></tr>\n    </thead>\n    <tbody>"...)
		for _, s := range r.Slips {
			out = append(out, "\n      <tr>\n        <th scope=\"row\">"...)
			out = appendLink(out, s.MilestoneURL, s.Milestone)
			out = append(out, "</th>\n        <td><del>"...)
			out = appendTime(out, s.From)
			out = append(out, "</del></td>\n        <td>"...)
			out = appendTime(out, s.To)
			out = append(out, "</td>\n        <td>"...)
			if s.Changed != nil {
				out = appendTime(out, *s.Changed)
			} else {
				out = append(out, "<span class=\"muted\">not recorded</span>"...)
			}
			out = append(out, "</td>\n        <td>"...)
			out = appendEscaped(out, s.Note)
			out = append(out, "</td>\n      </tr>"...)
		}
		out = append(out, "\n    </tbody>\n  </table>\n  </div>\n</section>\n"...)
	}
	out = append(out, "\n\n<p class=\"page-links\">\n  <a href=\""...)
	out = appendURL(out, r.JSONURL, false)
	out = append(out, "\">This schedule as JSON</a>"...)
	if r.EditURL != "" {
		out = append(out, " · <a href=\""...)
		out = appendURL(out, r.EditURL, false)
		out = append(out, "\">Edit this page</a>"...)
	}
	out = append(out, "\n</p>\n\n"...)
	out = appendSubscribe(out, r.Feeds)
	return append(out, "\n\n"...)
}

// appendContents writes the schedule's list of its sections.
func (r *releaseView) appendContents(out []byte) []byte {
	out = append(out, "\n\n<nav class=\"toc\" aria-label=\"On this page\">\n  <ul>"...)
	for _, s := range []struct {
		shown     bool
		id, title string
	}{
		{len(r.KeyDates) > 0, "key-dates", "Key dates"},
		{true, "timeline", "Timeline"},
		{len(r.Phases) > 0, "phases", "Phases"},
		{true, "weeks", "Week by week"},
		{len(r.Meetings) > 0, "meetings", "Meetings"},
		{len(r.Checklists) > 0, "checklists", "Checklists"},
		{len(r.Team) > 0, "team", "Team"},
		{len(r.Slips) > 0, "slips", "Changes"},
	} {
		if s.shown {
			out = append(out, "\n    <li><a href=\"#"+s.id+"\">"+s.title+"</a></li>"...)
		}
	}
	return append(out, "\n  </ul>\n</nav>\n\n"...)
}

// appendRow writes a milestone's row of the timeline table.
func (m *milestoneView) appendRow(out []byte) []byte {
	out = append(out, "\n      <tr id=\""...)
	out = appendEscaped(out, m.ID)
	out = append(out, "\" data-kind=\""...)
	out = appendEscaped(out, m.Kind)
	out = append(out, '"')
	if m.Key {
		out = append(out, " class=\"key\""...)
	}
	out = append(out, " data-due=\""...)
	out = appendEscaped(out, m.Due)
	out = append(out, "\">\n        <th scope=\"row\">\n          <span class=\"name\">"...)
	out = appendEscaped(out, m.Name)
	out = append(out, "</span>"...)
	if m.Key {
		out = append(out, " <span class=\"key-mark\">Key date</span>"...)
	}
	out = append(out, "\n          "...)
	if m.Kind != "milestone" {
		out = append(out, "<span class=\"kind kind-"...)
		out = appendEscaped(out, m.Kind)
		out = append(out, "\">"...)
		out = appendEscaped(out, m.Kind)
		out = append(out, "</span>"...)
	}
	if m.Description != "" {
		out = append(out, "<div class=\"description\">"...)
		out = append(out, m.Description...)
		out = append(out, "</div>"...)
	}
	if m.URL != "" {
		out = append(out, "<p class=\"more\"><a href=\""...)
		out = appendURL(out, m.URL, false)
		out = append(out, "\">More information</a></p>"...)
	}
	if len(m.Moved) > 0 {
		out = append(out, "\n          <p class=\"moved\">Moved from "...)
		for i, t := range m.Moved {
			if i > 0 {
				out = append(out, ", then "...)
			}
			out = appendTime(out, t)
		}
		out = append(out, '.')
		if m.Note != "" {
			out = append(out, ' ')
			out = appendEscaped(out, m.Note)
		}
		out = append(out, "</p>"...)
	}
	out = append(out, "\n        </th>\n        <td class=\"who\" data-label=\"Who\">"...)
	out = appendRoles(out, m.Owners)
	out = append(out, "</td>\n        <td class=\"when\" data-label=\"When\">"...)
	out = appendWhen(out, m.When)
	out = append(out, "</td>\n        <td class=\"week\" data-label=\"Week\">"...)
	out = appendEscaped(out, m.Week)
	if m.Countdown != "" {
		out = append(out, "<br>"...)
		out = appendEscaped(out, m.Countdown)
	}
	return append(out, "</td>\n      </tr>"...)
}

// appendRow writes a week's row of the week-by-week grid.
func (w *weekRow) appendRow(out []byte) []byte {
	out = append(out, "\n      <tr data-from=\""...)
	out = appendEscaped(out, w.Monday.DateTime)
	out = append(out, "\" data-due=\""...)
	out = appendEscaped(out, w.Sunday.DateTime)
	out = append(out, "\">\n        <th scope=\"row\">"...)
	out = appendEscaped(out, w.Week)
	if w.Countdown != "" {
		out = append(out, "<br><span class=\"muted\">"...)
		out = appendEscaped(out, w.Countdown)
		out = append(out, "</span>"...)
	}
	out = append(out, "</th>\n        <td class=\"dates\">"...)
	out = appendTime(out, w.Monday)
	out = append(out, " –<br>"...)
	out = appendTime(out, w.Sunday)
	out = append(out, "</td>\n        <td>"...)
	out = appendWeekItems(out, w.Milestones, "<br>")
	out = append(out, "</td>\n        <td>"...)
	out = appendWeekItems(out, w.Phases, ", ")
	return append(out, "</td>\n      </tr>"...)
}

// appendWeekItems writes links from the grid, sep between them.
func appendWeekItems(out []byte, items []weekItem, sep string) []byte {
	for i, it := range items {
		if i > 0 {
			out = append(out, sep...)
		}
		out = appendLink(out, it.URL, it.Name)
	}
	return out
}

// appendArticle writes a meeting of the schedule.
func (m *meetingView) appendArticle(out []byte) []byte {
	out = append(out, "\n  <article class=\"meeting\" id=\"meeting-"...)
	out = appendEscaped(out, m.ID)
	out = append(out, "\" aria-labelledby=\"meeting-"...)
	out = appendEscaped(out, m.ID)
	out = append(out, "-name\">\n    <h3 id=\"meeting-"...)
	out = appendEscaped(out, m.ID)
	out = append(out, "-name\">"...)
	out = appendEscaped(out, m.Name)
	out = append(out, "</h3>\n    <p>"...)
	out = appendEscaped(out, m.Rhythm)
	out = append(out, ", from "...)
	out = appendTime(out, m.First)
	out = append(out, " until "...)
	out = appendTime(out, m.Until)
	if len(m.Skip) > 0 {
		out = append(out, ", not on "...)
		for i, d := range m.Skip {
			if i > 0 {
				out = append(out, ", "...)
			}
			out = appendTime(out, d)
		}
	}
	out = append(out, ".</p>\n    <dl class=\"facts\">"...)
	if m.Duration != "" {
		out = append(out, "<div><dt>Length</dt><dd>"...)
		out = appendEscaped(out, m.Duration)
		out = append(out, "</dd></div>"...)
	}
	if len(m.Roles) > 0 {
		out = append(out, "<div><dt>Who attends</dt><dd>"...)
		out = appendRoles(out, m.Roles)
		out = append(out, "</dd></div>"...)
	}
	if m.URL != "" {
		out = append(out, "<div><dt>Where</dt><dd>"...)
		out = appendLink(out, m.URL, m.URL)
		out = append(out, "</dd></div>"...)
	}
	out = append(out, "\n    </dl>"...)
	if len(m.Occurrences) > 0 {
		out = append(out, "\n    <details>\n      <summary>All "...)
		out = strconv.AppendInt(out, int64(len(m.Occurrences)), 10)
		out = append(out, " dates</summary>\n      <ol class=\"occurrences\">"...)
		for _, d := range m.Occurrences {
			out = append(out, "\n        <li>"...)
			out = appendTime(out, d)
			out = append(out, "</li>"...)
		}
		out = append(out, "\n      </ol>\n    </details>"...)
	}
	return append(out, "\n  </article>"...)
}

// appendSVG writes partials.html's "chart".
func (c *chartView) appendSVG(out []byte) []byte {
	out = append(out, "\n<figure class=\"chart\">\n  <div class=\"chart-scroll\" role=\"region\" aria-label=\"Timeline chart, scrolls sideways\" tabindex=\"0\">\n  <svg class=\"chart-svg\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" viewBox=\"0 0 "...)
	out = appendNumber(out, c.Width)
	out = append(out, ' ')
	out = appendNumber(out, c.Height)
	out = append(out, "\" width=\""...)
	out = appendNumber(out, c.Width)
	out = append(out, "\" height=\""...)
	out = appendNumber(out, c.Height)
	out = append(out, "\"\n    data-first=\""...)
	out = appendEscaped(out, c.First)
	out = append(out, "\" data-days=\""...)
	out = strconv.AppendInt(out, int64(c.Days), 10)
	out = append(out, "\" data-left=\""...)
	out = appendNumber(out, c.Left)
	out = append(out, "\" data-day-width=\""...)
	out = appendNumber(out, c.DayWidth)
	out = append(out, "\">\n    <title id=\"chart-title\">"...)
	out = appendEscaped(out, c.Title)
	out = append(out, "</title>\n    <desc id=\"chart-desc\">"...)
	out = appendEscaped(out, c.Desc)
	out = append(out, "</desc>\n    <g class=\"grid\">"...)
	for _, w := range c.Weeks {
		out = append(out, "\n      <line x1=\""...)
		out = appendNumber(out, w.X)
		out = append(out, "\" x2=\""...)
		out = appendNumber(out, w.X)
		out = append(out, "\" y1=\""...)
		out = appendNumber(out, c.Top)
		out = append(out, "\" y2=\""...)
		out = appendNumber(out, c.Bottom)
		out = append(out, "\"/>"...)
	}
	out = append(out, "\n    </g>\n    <g class=\"week-labels\" text-anchor=\"middle\">"...)
	for _, w := range c.Weeks {
		if w.Label != "" {
			out = append(out, "\n      "...)
			out = appendSVGText(out, w.LabelX, w.LabelY, w.Label)
		}
	}
	out = append(out, "\n    </g>\n    <g class=\"bands\">"...)
	for _, b := range c.Bands {
		out = append(out, "\n      <g class=\""...)
		out = appendEscaped(out, b.Class)
		out = append(out, "\">\n        <title>"...)
		out = appendEscaped(out, b.Title)
		out = append(out, "</title>\n        "...)
		out = appendRect(out, b.X, b.Y, b.W, b.H, "4")
		if b.ShowName {
			out = append(out, "\n        "...)
			out = appendSVGText(out, b.TextX, b.TextY, b.Name)
		}
		out = append(out, "\n      </g>"...)
	}
	out = append(out, "\n    </g>\n    <g class=\"marks\">"...)
	for i := range c.Marks {
		m := &c.Marks[i]
		out = append(out, "\n      <g class=\"mark kind-"...)
		out = appendEscaped(out, m.Kind)
		if m.Key {
			out = append(out, " key"...)
		}
		out = append(out, "\">\n        <title>"...)
		out = appendEscaped(out, m.Title)
		out = append(out, "</title>"...)
		if m.Key {
			out = append(out, "\n        "...)
			out = appendLine(out, "guide", m.X, m.X, c.Top, m.GuideY)
		}
		if m.Span {
			out = append(out, "\n        "...)
			out = appendRect(out, m.X, m.BarY, m.W, m.BarH, "2")
		} else {
			out = append(out, "\n        <polygon points=\""...)
			out = appendEscaped(out, m.Points)
			out = append(out, "\"/>"...)
		}
		if l := m.Label; l != nil {
			out = append(out, "\n        "...)
			out = appendLine(out, "leader", l.LineX, l.LineX, l.LineY1, l.LineY2)
			out = append(out, "\n        "...)
			out = appendAnchoredText(out, l.X, l.Y, l.Anchor, l.Text)
		}
		out = append(out, "\n      </g>"...)
	}
	out = append(out, "\n    </g>\n    <g class=\"months\">\n      "...)
	out = appendLine(out, "axis", c.Left, c.Right, c.AxisY, c.AxisY)
	for _, m := range c.Months {
		out = append(out, "\n      "...)
		out = appendLine(out, "", m.X, m.X, c.AxisY, m.LabelY)
		out = append(out, "\n      "...)
		out = appendSVGText(out, m.LabelX, m.LabelY, m.Label)
	}
	out = append(out, "\n    </g>\n    <g class=\"today-line\""...)
	if !c.TodayShown {
		out = append(out, " display=\"none\""...)
	}
	out = append(out, ">\n      "...)
	out = appendLine(out, "", c.Today.X, c.Today.X, c.Top, c.AxisY)
	out = append(out, "\n      "...)
	out = appendAnchoredText(out, c.Today.LabelX, c.Today.LabelY, c.Today.Anchor, c.Today.Label)
	return append(out, "\n    </g>\n  </svg>\n  </div>\n  <figcaption class=\"muted\">Phases are bands, milestones diamonds (key dates labelled), a line marks today.\n    Every date is in the <a href=\"#timeline-table\">timeline table</a>.</figcaption>\n</figure>\n"...)
}

// appendLine writes an SVG line, of the class when it is not "".
func appendLine(out []byte, class string, x1, x2, y1, y2 float64) []byte {
	out = append(out, "<line "...)
	if class != "" {
		out = append(out, "class=\""+class+"\" "...)
	}
	out = append(out, "x1=\""...)
	out = appendNumber(out, x1)
	out = append(out, "\" x2=\""...)
	out = appendNumber(out, x2)
	out = append(out, "\" y1=\""...)
	out = appendNumber(out, y1)
	out = append(out, "\" y2=\""...)
	out = appendNumber(out, y2)
	return append(out, "\"/>"...)
}

// appendRect writes an SVG rectangle with rounded corners of radius rx.
func appendRect(out []byte, x, y, w, h float64, rx string) []byte {
	out = append(out, "<rect x=\""...)
	out = appendNumber(out, x)
	out = append(out, "\" y=\""...)
	out = appendNumber(out, y)
	out = append(out, "\" width=\""...)
	out = appendNumber(out, w)
	out = append(out, "\" height=\""...)
	out = appendNumber(out, h)
	return append(out, "\" rx=\""+rx+"\"/>"...)
}

// appendSVGText writes an SVG text at x, y.
func appendSVGText(out []byte, x, y float64, text string) []byte {
	out = appendTextStart(out, x, y)
	return appendTextEnd(out, text)
}

// appendAnchoredText writes an SVG text at x, y with its text-anchor.
func appendAnchoredText(out []byte, x, y float64, anchor, text string) []byte {
	out = appendTextStart(out, x, y)
	out = append(out, " text-anchor=\""...)
	out = appendEscaped(out, anchor)
	out = append(out, '"')
	return appendTextEnd(out, text)
}

func appendTextStart(out []byte, x, y float64) []byte {
	out = append(out, "<text x=\""...)
	out = appendNumber(out, x)
	out = append(out, "\" y=\""...)
	out = appendNumber(out, y)
	return append(out, '"')
}

func appendTextEnd(out []byte, text string) []byte {
	out = append(out, '>')
	out = appendEscaped(out, text)
	return append(out, "</text>"...)
}

// appendNumber writes x as a template writes a float64 (fmt's %v).
func appendNumber(out []byte, x float64) []byte {
	return strconv.AppendFloat(out, x, 'g', -1, 64)
}
