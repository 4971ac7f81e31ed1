package render

import (
	"html/template"
	"sync/atomic"
	"time"

	"github.com/relbook/relbook/generator/handbook"
)

// A date with its zones is a component: pages print it as
// {{.Due.HTML}}, a <time> element whose datetime attribute scripts read
// and whose text the reader does, written in Go once for every page.

// moment is a date or an instant as a page shows it.
type moment struct {
	// Text is what the reader sees: "Thursday 16 October 2025", or with
	// a time "Friday 17 October 2025, 05:00 PDT / 12:00 UTC".
	Text string
	// DateTime is the machine-readable form for <time datetime>:
	// "2025-10-16", or the UTC instant "2025-10-17T12:00:00Z".
	DateTime string
	// html is HTML's, made ahead for the dates dateMoment keeps.
	html template.HTML
}

// HTML is the moment as <time datetime="{{.DateTime}}">{{.Text}}</time>.
func (m moment) HTML() template.HTML {
	if m.html != "" {
		return m.html
	}
	return template.HTML(m.appendHTML(nil))
}

func (m moment) appendHTML(out []byte) []byte {
	out = append(out, `<time datetime="`...)
	out = appendEscaped(out, m.DateTime)
	out = append(out, `">`...)
	out = appendEscaped(out, m.Text)
	return append(out, "</time>"...)
}

// whenHTML writes one moment, or the two ends of a span joined by a
// dash.
func whenHTML(ms []moment) template.HTML {
	if len(ms) == 1 {
		return ms[0].HTML()
	}
	var out []byte
	for i, m := range ms {
		if i > 0 {
			out = append(out, " – "...)
		}
		out = m.appendHTML(out)
	}
	return template.HTML(out)
}

// dateMoment is d as a page shows it. Pages show the same few hundred
// dates over and over (a release's milestones, a checklist's due dates on
// every checklist of the release), and writing one costs two fmt.Sprintf
// calls, so the last moment made for each slot of momentCache is kept.
func dateMoment(d handbook.Date) moment {
	slot := &momentCache[uint32(d)%uint32(len(momentCache))]
	if e := slot.Load(); e != nil && e.date == d {
		return e.moment
	}
	m := moment{Text: d.Long(), DateTime: d.String()}
	m.html = template.HTML(m.appendHTML(nil))
	e := &dateMomentEntry{d, m}
	slot.Store(e)
	return e.moment
}

// momentCache holds recent moments of dates, one slot per date modulo its
// size: consecutive dates never share a slot within about three years.
// It is safe for use by several goroutines, and what it holds is only
// ever what dateMoment would make again.
var momentCache [1024]atomic.Pointer[dateMomentEntry]

type dateMomentEntry struct {
	date   handbook.Date
	moment moment
}

// weekMoment is the week starting monday, its Monday's date after
// prefix: "Week of <time datetime="2026-02-23">Monday 23 February
// 2026</time>".
func weekMoment(prefix string, monday handbook.Date) moment {
	d := dateMoment(monday)
	return moment{
		Text:     prefix + d.Text,
		DateTime: d.DateTime,
		html:     template.HTML(template.HTMLEscapeString(prefix)) + d.HTML(),
	}
}

func instantMoment(text string, t time.Time) moment {
	return moment{Text: text, DateTime: t.UTC().Format(time.RFC3339)}
}
