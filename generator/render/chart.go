package render

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/relbook/relbook/generator/handbook"
)

// The timeline chart on a release page is a component: an inline SVG
// written in Go from the geometry below, which the template prints
// ({{.Chart.HTML}}); a theme that wants another picture draws its own
// from the same geometry. It shows phases as bands, milestones as marks
// (key ones labelled), week ticks, month names and a line for today. It
// is laid out in a fixed coordinate system (the viewBox) that the browser
// scales to the page's width, and it carries no colours: the theme's
// stylesheet paints it through CSS classes, so it follows dark mode and
// prints in black and white. The chart is a picture of the timeline table
// next to it, which is its text alternative.

// chartView is the geometry of a release's timeline chart, in viewBox
// units. Coordinates are rounded to one decimal, so the SVG is the same
// on every machine.
type chartView struct {
	// Width and Height are the viewBox size.
	Width, Height float64
	// Title and Desc are the chart's accessible name and description.
	Title, Desc string
	// First is the Monday the chart starts on, Days how many days it
	// shows, and Left and DayWidth where a day starts: day n (from First)
	// begins at Left + n*DayWidth. Scripts use them to move the today
	// line to the reader's date.
	First    string
	Days     int
	Left     float64
	DayWidth float64
	// Top and Bottom are the vertical extent of the plot area: grid
	// lines, the today line and key milestones' guides run between them.
	Top, Bottom float64
	// Weeks are the Mondays (grid lines, labelled "W5" where there is
	// room), Months the first days of months (labelled "Nov 2026").
	Weeks  []chartTick
	Months []chartTick
	// MonthY is the baseline of the month names; AxisY the line above,
	// from Left to Right.
	MonthY, AxisY, Right float64
	Bands                []chartBand
	Marks                []chartMark
	// Omitted counts the milestones after the chart's last day, Last, which
	// the caption names; the tables show them.
	Omitted int
	Last    string
	// Today is the line for the build's today, with its label. TodayShown
	// is false when today is outside the chart: the line is still there,
	// hidden, for scripts to move to the reader's date.
	Today      chartTick
	TodayShown bool
}

// chartTick is a vertical line at X, with an optional label at its
// baseline LabelX, LabelY.
type chartTick struct {
	X      float64
	Label  string
	LabelX float64
	LabelY float64
	// Anchor is the label's text-anchor: "middle", or "start" and "end"
	// near the edges.
	Anchor string
}

// chartBand is a phase: a rectangle, its name inside when it fits.
type chartBand struct {
	ID, Name string
	// Title is the name with its dates, the band's tooltip.
	Title      string
	X, Y, W, H float64
	// Class is "band band-N", N cycling through four fills.
	Class        string
	ShowName     bool
	TextX, TextY float64
}

// chartMark is a milestone: a diamond at X, Y (a bar from X to X+W for a
// span), and for key milestones a guide line up through the bands and a
// label below.
type chartMark struct {
	ID, Name, Kind string
	Key            bool
	Title          string
	X, Y           float64
	// Span milestones have a bar of width W instead of a diamond.
	Span bool
	W    float64
	// Points is the diamond's outline, for <polygon points>; BarY and
	// BarH the bar of a span.
	Points     string
	BarY, BarH float64
	// GuideY is where a key milestone's guide line, from Top, ends.
	GuideY float64
	// Label is set on key milestones that have room for one.
	Label *chartLabel
}

type chartLabel struct {
	Text string
	X, Y float64
	// Anchor is "start", or "end" near the right edge.
	Anchor string
	// LineX, LineY1 and LineY2 place the leader from the mark down to
	// the label.
	LineX, LineY1, LineY2 float64
}

// Chart layout, in viewBox units.
const (
	chartWidth   = 1000.0
	chartPad     = 12.0
	chartFont    = 15.0 // labels; the stylesheet uses the same size
	chartCharW   = 8.4  // a generous average glyph width at chartFont
	chartLaneH   = 26.0
	chartLaneGap = 4.0
	chartLabelH  = 22.0
	// chartMaxWeeks bounds the chart: beyond it, days would be thinner
	// than a line. What it leaves out, the caption names.
	chartMaxWeeks = 104
	// chartLabelLanes bounds the rows of milestone labels; a label that
	// finds no room is left out (the mark keeps its tooltip, and the
	// table lists it).
	chartLabelLanes = 4
)

func round1(x float64) float64 { return math.Round(x*10) / 10 }

func textWidth(s string) float64 { return float64(utf8.RuneCountInString(s)) * chartCharW }

// chart lays out release r's timeline as of today.
func chart(r *handbook.Release, today handbook.Date) chartView {
	first, last := r.Start, r.ReleaseDate()
	for _, m := range r.Milestones {
		first, last = min(first, m.Date), max(last, m.End)
	}
	for _, p := range r.Phases {
		first, last = min(first, p.From), max(last, p.To)
	}
	first = first.Monday()
	last = min(last.Monday().AddDays(6), first.AddDays(7*chartMaxWeeks-1))
	days := int(last-first) + 1
	dw := (chartWidth - 2*chartPad) / float64(days)
	x := func(d handbook.Date) float64 { return chartPad + float64(d-first)*dw }
	mid := func(d handbook.Date) float64 { return round1(x(d) + dw/2) }
	inside := func(d handbook.Date) bool { return first <= d && d <= last }

	c := chartView{
		Width:    chartWidth,
		Title:    "Timeline of " + r.Name,
		First:    first.String(),
		Days:     days,
		Left:     chartPad,
		Right:    chartWidth - chartPad,
		DayWidth: dw,
		Top:      22,
	}

	// Week ticks: every Monday; labels every week, or every second or
	// fourth when weeks are narrow.
	weekW := 7 * dw
	every := 1
	for every < 8 && weekW*float64(every) < 38 {
		every *= 2
	}
	for i, mon := 0, first; mon <= last; i, mon = i+1, mon.AddDays(7) {
		t := chartTick{X: round1(x(mon))}
		if i%every == 0 && r.Week(mon) >= 1 { // no label before week 1
			t.Label = fmt.Sprintf("W%d", r.Week(mon))
			t.LabelX, t.LabelY = round1(x(mon)+weekW/2), 16
		}
		c.Weeks = append(c.Weeks, t)
	}

	// Phases, packed into as few lanes as overlaps allow.
	var laneEnd []handbook.Date
	for i, p := range r.Phases {
		from, to := max(p.From, first), min(p.To, last)
		if from > to {
			continue
		}
		lane := -1
		for l, end := range laneEnd {
			if end < from {
				lane = l
				break
			}
		}
		if lane < 0 {
			lane = len(laneEnd)
			laneEnd = append(laneEnd, 0)
		}
		laneEnd[lane] = to
		b := chartBand{
			ID:    p.ID,
			Name:  p.Name,
			Title: fmt.Sprintf("%s: %s – %s", p.Name, p.From.Long(), p.To.Long()),
			X:     round1(x(from)),
			Y:     round1(c.Top + 6 + float64(lane)*(chartLaneH+chartLaneGap)),
			W:     round1(x(to.AddDays(1)) - x(from)),
			H:     chartLaneH,
			Class: fmt.Sprintf("band band-%d", i%4),
		}
		b.ShowName = textWidth(p.Name)+12 <= b.W
		b.TextX, b.TextY = round1(b.X+6), round1(b.Y+chartLaneH/2+chartFont*0.35)
		c.Bands = append(c.Bands, b)
	}
	marksY := c.Top + 6 + float64(len(laneEnd))*(chartLaneH+chartLaneGap) + 12

	// Milestones: marks in one row, key ones labelled in lanes below.
	labelTop := marksY + 14
	var labelEnd [chartLabelLanes]float64
	for i := range labelEnd {
		labelEnd[i] = math.Inf(-1)
	}
	usedLanes := 0
	for _, m := range r.Milestones {
		if !inside(m.Date) {
			continue
		}
		mk := chartMark{
			ID:    m.ID,
			Name:  m.Name,
			Kind:  string(m.Kind),
			Key:   m.Key,
			Title: m.Name + ": " + m.When(),
			X:     mid(m.Date),
			Y:     round1(marksY),
		}
		size := 5.0
		if m.Key {
			size = 7
		}
		mk.GuideY = round1(marksY - size - 1)
		if from, to := m.Date, m.End; m.IsSpan() || m.WholeWeek {
			if m.WholeWeek { // a bar over the week's working days
				from, to = m.WeekSpan()
				from = max(from, first)
			}
			mk.Span = true
			mk.BarY, mk.BarH = round1(marksY-4), 8
			mk.X = round1(x(from))
			mk.W = round1(x(min(to, last).AddDays(1)) - x(from))
		}
		mk.Points = fmt.Sprintf("%v,%v %v,%v %v,%v %v,%v",
			mk.X, round1(marksY-size), round1(mk.X+size), mk.Y, mk.X, round1(marksY+size), round1(mk.X-size), mk.Y)
		if m.Key {
			w := textWidth(m.Name)
			ax := mk.X
			if mk.Span {
				ax = round1(mk.X + mk.W/2)
			}
			l := &chartLabel{Text: m.Name, X: round1(ax - 4), Anchor: "start", LineX: ax}
			left, right := ax-4, ax-4+w
			if right > chartWidth-chartPad {
				l.X, l.Anchor = round1(ax+4), "end"
				left, right = ax+4-w, ax+4
			}
			for lane := range chartLabelLanes {
				if labelEnd[lane]+10 <= left {
					labelEnd[lane] = right
					l.Y = round1(labelTop + float64(lane+1)*chartLabelH - 4)
					l.LineY1, l.LineY2 = round1(marksY+size+2), round1(l.Y-chartFont+1)
					mk.Label = l
					usedLanes = max(usedLanes, lane+1)
					break
				}
			}
		}
		c.Marks = append(c.Marks, mk)
	}
	c.Bottom = round1(labelTop + float64(usedLanes)*chartLabelH + 6)

	// Months along the bottom.
	c.AxisY = c.Bottom
	c.MonthY = round1(c.Bottom + 19)
	year := 0
	monthEnd := math.Inf(-1)
	for d := first; d <= last; d++ {
		y, month, day := d.YMD()
		if day != 1 && d != first {
			continue
		}
		label := month.String()[:3]
		if y != year {
			label += fmt.Sprintf(" %d", y)
			year = y
		}
		t := chartTick{X: round1(x(d)), Label: label, LabelX: round1(x(d) + 4), LabelY: c.MonthY}
		if d == first && day != 1 {
			// The first month's name only if its first of the month is
			// far enough away not to collide.
			next := d
			for ; next <= last; next++ {
				if _, _, dd := next.YMD(); dd == 1 {
					break
				}
			}
			if x(next)-x(d) < textWidth(label)+8 {
				year = 0
				continue
			}
		}
		if t.LabelX < monthEnd+6 || t.LabelX+textWidth(label) > chartWidth {
			// Months narrower than their names (a chart of many
			// months), or a name past the right edge: the tick stays,
			// the name is left out, and the next name carries the year
			// if this one did.
			if y == year && strings.Contains(label, " ") {
				year = 0
			}
			t.Label = ""
		} else {
			monthEnd = t.LabelX + textWidth(label)
		}
		c.Months = append(c.Months, t)
	}
	c.Today = chartTick{X: chartPad, Label: "Today", LabelY: round1(c.MonthY + 21)}
	if inside(today) {
		c.Today.X, c.TodayShown = mid(today), true
	}
	c.Today.LabelX, c.Today.Anchor = c.Today.X, "middle"
	if c.Today.X < 40 {
		c.Today.Anchor = "start"
	} else if c.Today.X > chartWidth-40 {
		c.Today.Anchor = "end"
	}
	c.Height = round1(c.Today.LabelY + 6)
	c.DayWidth = round1(dw*1000) / 1000 // scripts only need it roughly
	for _, m := range r.Milestones {
		if m.Date > last {
			c.Omitted++
		}
	}
	if c.Omitted > 0 {
		c.Last = last.Long()
	}
	c.Desc = chartDesc(r, c, today)
	return c
}

// laterMilestones counts the milestones a chart leaves out.
func laterMilestones(n int) string {
	if n == 1 {
		return "1 later milestone"
	}
	return strconv.Itoa(n) + " later milestones"
}

// chartDesc describes the chart in words, for readers who cannot see it.
func chartDesc(r *handbook.Release, c chartView, today handbook.Date) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s runs from %s to %s.", r.Name, r.Start.Long(), r.ReleaseDate().Long())
	if len(r.Phases) > 0 {
		names := make([]string, len(r.Phases))
		for i, p := range r.Phases {
			names[i] = p.Name
		}
		fmt.Fprintf(&b, " Phases, as bands: %s.", strings.Join(names, ", "))
	}
	if key := r.KeyMilestones(); len(key) > 0 {
		names := make([]string, len(key))
		for i, m := range key {
			names[i] = m.Name
		}
		fmt.Fprintf(&b, " Key dates, labelled: %s.", strings.Join(names, ", "))
	}
	if c.TodayShown {
		fmt.Fprintf(&b, " A line marks %s, in week %d.", today.Long(), r.Week(today))
	}
	if c.Omitted > 0 {
		fmt.Fprintf(&b, " The chart ends %s and leaves out %s.", c.Last, laterMilestones(c.Omitted))
	}
	b.WriteString(" The timeline table lists every date.")
	return b.String()
}

// HTML is the chart as a page shows it: a figure with the SVG picture
// and a caption pointing to the timeline table.
func (c chartView) HTML() template.HTML {
	return template.HTML(c.appendSVG(nil))
}

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
		out = append(out, "\n      "...)
		out = appendLine(out, "", w.X, w.X, c.Top, c.Bottom)
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
		if m.Label != "" {
			out = append(out, "\n      "...)
			out = appendSVGText(out, m.LabelX, m.LabelY, m.Label)
		}
	}
	out = append(out, "\n    </g>\n    <g class=\"today-line\""...)
	if !c.TodayShown {
		out = append(out, " display=\"none\""...)
	}
	out = append(out, ">\n      "...)
	out = appendLine(out, "", c.Today.X, c.Today.X, c.Top, c.AxisY)
	out = append(out, "\n      "...)
	out = appendAnchoredText(out, c.Today.LabelX, c.Today.LabelY, c.Today.Anchor, c.Today.Label)
	out = append(out, "\n    </g>\n  </svg>\n  </div>\n  <figcaption class=\"muted\">Phases are bands, milestones diamonds (key dates labelled), a line marks today.\n    "...)
	if c.Omitted > 0 {
		out = append(out, "The chart ends "...)
		out = appendEscaped(out, c.Last)
		out = append(out, " and leaves out "...)
		out = appendEscaped(out, laterMilestones(c.Omitted))
		return append(out, ": every date is in the <a href=\"#timeline-table\">timeline table</a> and the <a href=\"#weeks\">week-by-week grid</a>.</figcaption>\n</figure>\n"...)
	}
	return append(out, "Every date is in the <a href=\"#timeline-table\">timeline table</a>.</figcaption>\n</figure>\n"...)
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
