package render

// The default theme's partials (partials.html) that the Go code of
// fast.go and fastrelease.go writes, each as its template writes it.

// appendTime appends m as defaultTimeTemplate writes it.
func appendTime(out []byte, m moment) []byte {
	out = append(out, `<time datetime="`...)
	out = appendEscaped(out, m.DateTime)
	out = append(out, `">`...)
	out = appendEscaped(out, m.Text)
	return append(out, "</time>"...)
}

// appendLink writes a link as the templates write <a href="{{.URL}}">{{.Title}}</a>.
func appendLink(out []byte, href, text string) []byte {
	out = append(out, "<a href=\""...)
	out = appendURL(out, href, false)
	out = append(out, "\">"...)
	out = appendEscaped(out, text)
	return append(out, "</a>"...)
}

// appendStatusAndCycle writes the Status and Cycle facts that
// checklist.html and release.html both open their facts with: the
// release's status as of the build's date, and its first and release
// days.
func appendStatusAndCycle(out []byte, r *releaseSummary, asOf *moment) []byte {
	out = append(out, "\n    <div><dt>Status</dt><dd>"...)
	out = appendStatus(out, r.Status)
	if asOf != nil {
		out = append(out, " <span class=\"muted\">as of "...)
		out = appendTime(out, *asOf)
		out = append(out, "</span>"...)
	}
	out = append(out, "</dd></div>\n    <div><dt>Cycle</dt><dd>"...)
	out = appendReleaseDates(out, r)
	return append(out, "</dd></div>"...)
}

// appendStatus writes partials.html's "status".
func appendStatus(out []byte, status string) []byte {
	out = append(out, "<span class=\"status status-"...)
	out = appendEscaped(out, status)
	out = append(out, "\">"...)
	out = appendEscaped(out, status)
	return append(out, "</span>"...)
}

// appendReleaseDates writes partials.html's "release-dates".
func appendReleaseDates(out []byte, r *releaseSummary) []byte {
	out = appendTime(out, r.Start)
	out = append(out, " → "...)
	return appendTime(out, r.Release)
}

// appendWhen writes partials.html's "when".
func appendWhen(out []byte, when []moment) []byte {
	for i, m := range when {
		if i > 0 {
			out = append(out, " – "...)
		}
		out = appendTime(out, m)
	}
	return out
}

// appendWeeks writes partials.html's "weeks".
func appendWeeks(out []byte, week, countdown string) []byte {
	out = append(out, "<span class=\"weeks\">"...)
	out = appendEscaped(out, week)
	if countdown != "" {
		out = append(out, " · "...)
		out = appendEscaped(out, countdown)
	}
	return append(out, "</span>"...)
}

// appendKeyDates writes partials.html's "key-dates".
func appendKeyDates(out []byte, dates []milestoneView) []byte {
	out = append(out, "\n<ul class=\"key-dates\">"...)
	for i := range dates {
		m := &dates[i]
		out = append(out, "\n  <li data-due=\""...)
		out = appendEscaped(out, m.Due)
		out = append(out, "\">\n    <a class=\"name\" href=\""...)
		out = appendURL(out, m.PageURL, false)
		out = append(out, "\">"...)
		out = appendEscaped(out, m.Name)
		out = append(out, "</a>\n    <span class=\"when\">"...)
		out = appendWhen(out, m.When)
		out = append(out, "</span>\n    "...)
		out = appendWeeks(out, m.Week, m.Countdown)
		out = append(out, "\n  </li>"...)
	}
	return append(out, "\n</ul>\n"...)
}

// appendRoles writes partials.html's "roles".
func appendRoles(out []byte, roles []roleLink) []byte {
	for i, r := range roles {
		if i > 0 {
			out = append(out, ", "...)
		}
		if r.URL == "" {
			out = appendEscaped(out, r.Title)
		} else {
			out = appendLink(out, r.URL, r.Title)
		}
	}
	return out
}

// appendSubscribe writes partials.html's "subscribe".
func appendSubscribe(out []byte, feeds []feedView) []byte {
	if len(feeds) > 0 {
		out = append(out, "\n<section class=\"subscribe\" aria-labelledby=\"subscribe\">\n  <h2 id=\"subscribe\">Subscribe</h2>\n  <p>Add a calendar once and it stays right when dates move: your calendar app checks it for changes.</p>\n  <ul class=\"feeds\">"...)
		for _, f := range feeds {
			out = append(out, "\n    <li>\n      <span class=\"feed-title\">"...)
			out = appendEscaped(out, f.Title)
			out = append(out, "</span>\n      <a class=\"button\" href=\""...)
			out = appendURL(out, string(f.Webcal), true)
			out = append(out, "\">Subscribe</a>\n      <span class=\"feed-url\"><code>"...)
			out = appendEscaped(out, f.HTTPS)
			out = append(out, "</code> <button type=\"button\" class=\"copy-url\" data-copy=\""...)
			out = appendEscaped(out, f.HTTPS)
			out = append(out, "\" hidden>Copy</button></span>\n      <a href=\""...)
			out = appendURL(out, f.URL, false)
			out = append(out, "\" download>.ics file</a>\n    </li>"...)
		}
		out = append(out, `
  </ul>
  <details>
    <summary>How to subscribe in your calendar</summary>
    <dl>
      <dt>Apple Calendar, Outlook on the desktop, Thunderbird</dt>
      <dd>Choose <em>Subscribe</em>; the app asks to add the calendar. In Thunderbird you can also use <em>New Calendar → On the Network</em> and paste the address.</dd>
      <dt>Google Calendar</dt>
      <dd>Open <em>Other calendars → + → From URL</em> and paste the <code>https://</code> address. Google refreshes subscribed calendars every few hours.</dd>
      <dt>Outlook on the web</dt>
      <dd>Choose <em>Add calendar → Subscribe from web</em> and paste the <code>https://</code> address.</dd>
    </dl>
    <p>Downloading the <em>.ics file</em> imports a copy that does not follow later changes.</p>
  </details>
</section>`...)
	}
	return append(out, "\n"...)
}
