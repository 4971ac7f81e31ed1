package calendar

import (
	"bytes"
	"strconv"
	"sync"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/relbook/relbook/generator/handbook"
)

// allDayEvent is a VEVENT of the shape a task deadline has, written
// straight to bytes: the properties and the order that newEvent, allDay
// and finish give it through golang-ical, and the bytes golang-ical writes
// for them, with the same escaping (ics.ToText) and the same folding.
// There are a dozen task deadlines in every checklist of every release,
// and building each through golang-ical's property lists and maps was
// most of the time the feeds took. TestAllDayEventSameAsGolangICal holds
// the two to agreement.
type allDayEvent struct {
	uid        string // without the domain
	sequence   int
	summary    summary
	first      handbook.Date
	last       handbook.Date
	categories []string
	desc, url  string
	// list, when set, appends a list to add to desc after a blank line,
	// already cleaned and escaped as a TEXT value and not ending in white
	// space: a deadline's tasks (guideInfo.appendTaskList).
	list func(out []byte) []byte
}

// event writes e as b would through golang-ical: transparent, and
// serialized.
func (b *builder) allDay(e allDayEvent) *event {
	uid := e.uid + "@" + b.h.UIDDomain
	sequence, modified := b.revision(uid, e.sequence)
	stamp := b.utcStamp
	if !modified.Equal(b.stamp) {
		stamp = modified.UTC().Format(utcLayout)
	}
	buf := eventBuffers.Get().(*[]byte)
	defer eventBuffers.Put(buf)
	out := append((*buf)[:0], "BEGIN:VEVENT\r\n"...)
	out = appendText(out, "UID:", uid)
	out = append(out, "DTSTAMP:"...)
	out = append(out, stamp...)
	out = append(out, "\r\nLAST-MODIFIED:"...)
	out = append(out, stamp...)
	out = append(out, "\r\nSEQUENCE:"...)
	out = strconv.AppendInt(out, int64(sequence), 10)
	out = append(out, "\r\n"...)
	out = appendText(out, "SUMMARY:", oneLine(e.summary.full))
	out = append(out, "DTSTART;VALUE=DATE:"...)
	out = appendDate(out, e.first)
	out = append(out, "\r\nDTEND;VALUE=DATE:"...)
	out = appendDate(out, e.last.AddDays(1))
	out = append(out, "\r\nTRANSP:TRANSPARENT\r\n"...)
	for _, c := range e.categories {
		out = appendText(out, "CATEGORIES:", oneLine(c))
	}
	if e.list != nil {
		// descWithURL of desc, the list and the URL, piece by piece:
		// cleaning and escaping work a character at a time, and the
		// pieces meet at blank lines.
		out = append(out, "DESCRIPTION:"...)
		out = append(out, ics.ToText(cleanText(e.desc))...)
		out = append(out, `\n\n`...)
		out = e.list(out)
		out = append(out, `\n\n`...)
		out = appendText(out, "", e.url)
	} else {
		out = appendText(out, "DESCRIPTION:", descWithURL(e.desc, e.url))
	}
	out = appendURI(out, "URL:", e.url)
	out = append(out, "END:VEVENT\r\n"...)
	*buf = out
	ev := &event{uid: uid, day: e.first, ics: fold(out), sequence: e.sequence}
	ev.setShort(e.summary)
	return ev
}

// appendDate appends d as a DATE value, the way golang-ical writes it
// (Time.Format with "20060102"), without the work of a layout.
func appendDate(out []byte, d handbook.Date) []byte {
	y, m, day := d.YMD()
	if y < 1000 || y > 9999 {
		return d.Time(time.UTC).AppendFormat(out, "20060102")
	}
	return append(out, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10),
		byte('0'+m/10), byte('0'+m%10), byte('0'+day/10), byte('0'+day%10))
}

// eventBuffers are scratch space for writing an event before folding.
var eventBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// appendText appends a property line with a TEXT value: the value
// through the gate (cleanText) and escaped, as golang-ical writes it
// after cleanComponent.
func appendText(out []byte, name, value string) []byte {
	out = append(out, name...)
	out = append(out, ics.ToText(cleanText(value))...)
	return append(out, "\r\n"...)
}

// appendURI appends a property line with a URI value, which has no
// escape for a line break: the value through oneLine, as cleanComponent
// passes it to golang-ical.
func appendURI(out []byte, name, value string) []byte {
	out = append(out, name...)
	out = append(out, oneLine(value)...)
	return append(out, "\r\n"...)
}

// setShort makes the event's copy for the feeds of its release, whose
// SUMMARY is s.short (see inRelease): the folded SUMMARY line to write in
// place of e.ics[sumFrom:sumTo]. Folding works line by line, so the
// other lines stay as they are and only this one is folded again. No copy
// is made when the two summaries are the same.
func (e *event) setShort(s summary) {
	if s.short == "" || oneLine(s.short) == oneLine(s.full) {
		return
	}
	const name = "\r\nSUMMARY:" // a continuation line begins with a space
	i := bytes.Index(e.ics, []byte(name))
	if i < 0 {
		return
	}
	from := i + 2
	to := from
	for {
		j := bytes.Index(e.ics[to:], []byte("\r\n"))
		if j < 0 {
			return
		}
		to += j + 2
		if to == len(e.ics) || e.ics[to] != ' ' {
			break
		}
	}
	e.shortLine = fold(appendText(nil, "SUMMARY:", oneLine(s.short)))
	e.sumFrom, e.sumTo = from, to
}

// appendIn appends the event as f writes it.
func (e *event) appendIn(out []byte, f *feed) []byte {
	if !f.inRelease || e.shortLine == nil {
		return append(out, e.ics...)
	}
	out = append(out, e.ics[:e.sumFrom]...)
	out = append(out, e.shortLine...)
	return append(out, e.ics[e.sumTo:]...)
}

// sizeIn is the length of the event as f writes it.
func (e *event) sizeIn(f *feed) int {
	if !f.inRelease || e.shortLine == nil {
		return len(e.ics)
	}
	return len(e.ics) - (e.sumTo - e.sumFrom) + len(e.shortLine)
}
