// Package scaffold writes the files a handbook author starts from: the
// next release cycle, made from the previous one, and a new role guide.
//
// [Release] copies a release definition as text and moves every date
// literal in it by the distance between the two cycles' starts, in place:
// comments, blank lines, key order and quoting survive byte for byte, and
// relative dates ("code-freeze - 1w", "week 3") stay as written, because
// they move with the dates they count from. What belongs to the old cycle
// only — the slip history (was, note), the status and the people of the
// team — is cleared. The rewrite works on a scan of the TOML text (see
// textDoc), never on a decoded and re-encoded document, and its result is
// parsed again before it is returned, so that a bug can never hand the
// author a file that does not load.
//
// [Role] writes a role guide skeleton with examples of every kind of
// `when` section.
//
// Nothing here touches the disk; the command line writes what these
// functions return.
package scaffold

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/handbook"
)

// ReleaseRequest says which release to make from which.
type ReleaseRequest struct {
	// PrevID is the release copied; ID the new one.
	PrevID, ID string
	// Start is the new cycle's start date.
	Start handbook.Date
}

// NewRelease is the text of a new release definition and what the author
// should know about it.
type NewRelease struct {
	Text string
	// PrevStart is the copied release's start; Shift the days every date
	// literal moved (Start - PrevStart).
	PrevStart handbook.Date
	Shift     int
	// Review lists places in Text the rewrite left alone that probably
	// need the author's eye: prose mentioning a date or the old id.
	Review []Note
}

// WholeWeeks reports whether the shift keeps every weekday.
func (n *NewRelease) WholeWeeks() bool { return n.Shift%7 == 0 }

// Note is a place in a generated file, for the author to look at.
type Note struct {
	Line, Col int
	Msg       string
}

// dateKeys are the keys whose string values are dates or date expressions
// (SPEC §1–2). A date literal inside one ("2026-11-02", the anchor of
// "2026-11-02 + 1w") is shifted; other strings are prose and left alone.
var dateKeys = []string{"start", "eol", "holidays", "date", "at", "end", "from", "to", "until", "skip", "was", "changed"}

// Release makes the text of release req.ID from prev, the text of release
// req.PrevID's definition.
func Release(prev string, req ReleaseRequest) (*NewRelease, error) {
	var decoded map[string]any
	if _, err := toml.Decode(prev, &decoded); err != nil {
		return nil, fmt.Errorf("%s is not valid TOML (run relbook check): %v", req.PrevID, err)
	}
	prevStart, err := startOf(decoded)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", req.PrevID, err)
	}
	shift := int(req.Start - prevStart)
	doc := scanText(prev)
	var edits []edit
	add := func(e ...edit) { edits = append(edits, e...) }

	var removed []keyval
	for _, kv := range doc.keyvals {
		switch {
		case len(kv.keys) == 1 && kv.keys[0] == "status":
			removed = append(removed, kv)
		case len(kv.keys) == 3 && kv.keys[0] == "milestone" && (kv.keys[2] == "was" || kv.keys[2] == "note"):
			removed = append(removed, kv)
		case len(kv.keys) == 2 && kv.keys[0] == "team":
			add(edit{span: kv.value, text: "[]"})
		}
	}
	add(doc.removePairs(removed)...)
	for i, h := range doc.headers {
		if h.array && len(h.keys) == 3 && h.keys[0] == "milestone" && h.keys[2] == "was" {
			add(edit{span: doc.sectionSpan(i)})
		}
	}
	for _, sc := range doc.scalars {
		raw := prev[sc.start:sc.end]
		switch {
		case sc.kind == dateScalar || sc.kind == dateTimeScalar:
			e, err := shiftAt(prev, sc.start, shift)
			if err != nil {
				return nil, err
			}
			add(e)
		case sc.kind == stringScalar && slices.Contains(dateKeys, lastKey(sc.keys)):
			es, err := shiftString(prev, sc.span, shift)
			if err != nil {
				return nil, err
			}
			add(es...)
		case sc.kind == stringScalar && lastKey(sc.keys) == "name" && (len(sc.keys) == 1 || len(sc.keys) == 3):
			if renamed := replaceID(raw, req.PrevID, req.ID); renamed != raw {
				add(edit{span: sc.span, text: renamed})
			}
		}
	}

	text, err := apply(prev, edits)
	if err != nil {
		return nil, err
	}
	bom := len(text) - len(strings.TrimPrefix(text, "\ufeff"))
	text = text[:bom] + headerComment(prev, req, shift) + text[bom:]
	if _, err := toml.Decode(text, &decoded); err != nil {
		// The rewrite only moves dates and removes whole values: a file that
		// was TOML stays TOML unless the scanner misread it.
		return nil, fmt.Errorf("the rewritten %s would not be valid TOML, so nothing was written (please report this as a relbook bug): %v", req.ID, err)
	}
	return &NewRelease{Text: text, PrevStart: prevStart, Shift: shift, Review: review(text, req.PrevID)}, nil
}

// startOf reads the start date of a decoded release definition.
func startOf(m map[string]any) (handbook.Date, error) {
	switch v := m["start"].(type) {
	case time.Time:
		if v.Location().String() == "date-local" {
			return handbook.DateFromTime(v), nil
		}
	case string:
		return handbook.ParseDate(v)
	case nil:
		return 0, fmt.Errorf("it has no start date to count the shift from")
	}
	return 0, fmt.Errorf("start is not a date (YYYY-MM-DD)")
}

// edit replaces a span of the source with text ("" removes it).
type edit struct {
	span
	text string
}

// apply makes the edits. An edit inside a larger one (a date in a team
// list being emptied, in a `was` being removed) gives way to it.
func apply(src string, edits []edit) (string, error) {
	slices.SortFunc(edits, func(a, b edit) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end))
	})
	var b strings.Builder
	at := 0
	for _, e := range edits {
		if e.start < at {
			if e.end <= at {
				continue // inside an edit already made
			}
			return "", fmt.Errorf("internal error: overlapping edits at byte %d", e.start)
		}
		b.WriteString(src[at:e.start])
		b.WriteString(e.text)
		at = e.end
	}
	b.WriteString(src[at:])
	return b.String(), nil
}

// removePairs returns the edits that remove the pairs kvs. A pair on its
// own line goes with its whole line(s) and any comment after it. The
// pairs of one inline table go together, so that the commas left separate
// what is left: each run of removed pairs is cut up to the pair after it,
// or, when the run ends the table, from the end of the pair before it.
// Cutting each pair with "its" comma instead would cut one comma twice
// where two neighbours go ({ note = "m", was = [...] }).
func (d *textDoc) removePairs(kvs []keyval) []edit {
	var edits []edit
	gone := map[int]bool{} // key.start of each pair removed from an inline table
	var braces []int
	for _, kv := range kvs {
		if !kv.inline {
			edits = append(edits, edit{span: span{lineStart(d.src, kv.key.start), lineEnd(d.src, kv.value.end)}})
			continue
		}
		gone[kv.key.start] = true
		braces = append(braces, kv.brace)
	}
	slices.Sort(braces)
	for _, brace := range slices.Compact(braces) {
		var pairs []keyval // the pairs of the table, in the order written
		for _, kv := range d.keyvals {
			if kv.inline && kv.brace == brace {
				pairs = append(pairs, kv)
			}
		}
		slices.SortFunc(pairs, func(a, b keyval) int { return cmp.Compare(a.key.start, b.key.start) })
		for i := 0; i < len(pairs); i++ {
			if !gone[pairs[i].key.start] {
				continue
			}
			j := i // the run is pairs[i..j]
			for j+1 < len(pairs) && gone[pairs[j+1].key.start] {
				j++
			}
			cut := span{pairs[i].key.start, pairs[j].value.end} // every pair goes
			switch {
			case j+1 < len(pairs):
				cut.end = pairs[j+1].key.start
			case i > 0:
				cut.start = pairs[i-1].value.end
			}
			edits = append(edits, edit{span: cut})
			i = j
		}
	}
	return edits
}

// sectionSpan covers an [[array]] table: its header line and the pairs
// under it, but not the comments that introduce the next table.
func (d *textDoc) sectionSpan(i int) span {
	h := d.headers[i]
	next := len(d.src)
	if i+1 < len(d.headers) {
		next = d.headers[i+1].start
	}
	end := lineEnd(d.src, h.end)
	for _, kv := range d.keyvals {
		if !kv.inline && kv.key.start >= h.end && kv.key.start < next {
			end = max(end, lineEnd(d.src, kv.value.end))
		}
	}
	return span{lineStart(d.src, h.start), end}
}

func skipBlanks(src string, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

func lineStart(src string, i int) int { return strings.LastIndexByte(src[:i], '\n') + 1 }

// lineEnd returns the position after the line break that ends the line
// holding i, past blanks and a comment.
func lineEnd(src string, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\r') {
		i++
	}
	if i < len(src) && src[i] == '#' {
		for i < len(src) && src[i] != '\n' {
			i++
		}
	}
	if i < len(src) && src[i] == '\n' {
		i++
	}
	return i
}

// shiftAt moves the YYYY-MM-DD date written at src[i:] by days.
func shiftAt(src string, i, days int) (edit, error) {
	old := src[i : i+10]
	d, err := handbook.ParseDate(old)
	if err != nil {
		return edit{}, fmt.Errorf("line %d: %v", strings.Count(src[:i], "\n")+1, err)
	}
	moved := d.AddDays(days)
	if !moved.InRange() {
		return edit{}, fmt.Errorf("line %d: %s moved by %d days leaves the years %d–%d", strings.Count(src[:i], "\n")+1, old, days, handbook.MinYear, handbook.MaxYear)
	}
	return edit{span: span{i, i + 10}, text: moved.String()}, nil
}

// shiftString moves the date literals of a date-valued string: a date
// ("2026-10-29") or the anchors of a date expression ("2026-12-21 ..
// 2027-01-01", "2026-11-02 + 1w"). Milestone ids, weeks and durations
// are left as they are.
func shiftString(src string, sp span, days int) ([]edit, error) {
	raw := src[sp.start:sp.end]
	content, verbatim := stringContent(raw)
	base := sp.start + (len(raw)-len(content))/2
	var offsets []int
	if e, err := dateexpr.Parse(content); verbatim && err == nil {
		for _, p := range []*dateexpr.Point{&e.From, e.To} {
			if p != nil && p.Anchor.Kind == dateexpr.Literal {
				offsets = append(offsets, p.Anchor.Offset)
			}
		}
	} else {
		// Not an expression relbook would accept (it will say so when the
		// site loads): move whatever stands there as a date.
		offsets = dateTokens(content)
	}
	var edits []edit
	for _, off := range offsets {
		if off+10 > len(content) || !isDateShaped(content[off:off+10]) {
			continue
		}
		e, err := shiftAt(src, base+off, days)
		if err != nil {
			return nil, err
		}
		edits = append(edits, e)
	}
	return edits, nil
}

// dateTokens returns the offsets of YYYY-MM-DD words in s.
func dateTokens(s string) []int {
	var at []int
	for i := 0; i+10 <= len(s); i++ {
		if isDateShaped(s[i:i+10]) && (i == 0 || !isWordByte(s[i-1])) && (i+10 == len(s) || !isWordByte(s[i+10])) {
			at = append(at, i)
			i += 9
		}
	}
	return at
}

func isWordByte(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-' || c == '_'
}

// replaceID replaces the release id old by id where it stands as a word of
// its own: "Lighthouse v3.4" and "v3.4.0-alpha.0", not "v3.40".
func replaceID(s, old, id string) string {
	var b strings.Builder
	for {
		i := idIndex(s, old)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(id)
		s = s[i+len(old):]
	}
}

// idIndex finds the first stand-alone occurrence of a release id in s.
func idIndex(s, id string) int {
	if id == "" {
		return -1
	}
	for from := 0; ; {
		i := strings.Index(s[from:], id)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(id)
		before := i == 0 || !(isWordByte(s[i-1]) && s[i-1] != '-' || s[i-1] == '.')
		after := end == len(s) || !(isWordByte(s[end]) && s[end] != '-')
		if before && after {
			return i
		}
		from = i + 1
	}
}

// headerComment is put at the top of the new file: what was done and what
// to look at.
func headerComment(prev string, req ReleaseRequest, shift int) string {
	nl := "\n"
	if strings.Contains(prev, "\r\n") {
		nl = "\r\n"
	}
	how := "weekdays unchanged"
	if shift%7 != 0 {
		how = "weekdays CHANGE: check every date"
	}
	lines := []string{
		fmt.Sprintf("# Made by `relbook new release %s --from %s --start %s`:", req.ID, req.PrevID, req.Start),
		fmt.Sprintf("# dates shifted by %s from %s (%s);", DescribeShift(shift), req.PrevID, how),
		"# relative dates stay as written. Review the holidays, the events and the",
		"# release date, fill in the team, then delete this comment. The slip",
		"# history (was, note) and the status were cleared.",
		"",
	}
	return strings.Join(lines, nl) + nl
}

// DescribeShift says how far dates moved: "15 weeks", "100 days (14 weeks
// and 2 days)", "2 weeks earlier".
func DescribeShift(days int) string {
	later := ""
	if days < 0 {
		days, later = -days, " earlier"
	}
	weeks, rest := days/7, days%7
	switch {
	case days == 0:
		return "0 days"
	case rest == 0:
		return plural(weeks, "week") + later
	case weeks == 0:
		return plural(days, "day") + later
	}
	return fmt.Sprintf("%s (%s and %s)%s", plural(days, "day"), plural(weeks, "week"), plural(rest, "day"), later)
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// review lists the prose of the new file that the rewrite left as it was
// but that probably speaks of the old cycle: a YYYY-MM-DD date outside a
// date key, and the old release id.
func review(text, prevID string) []Note {
	doc := scanText(text)
	var notes []Note
	at := func(i int, format string, args ...any) {
		line := strings.Count(text[:i], "\n") + 1
		notes = append(notes, Note{Line: line, Col: i - lineStart(text, i) + 1, Msg: fmt.Sprintf(format, args...)})
	}
	for _, sc := range doc.scalars {
		if sc.kind != stringScalar {
			continue
		}
		raw := text[sc.start:sc.end]
		key := lastKey(sc.keys)
		if key == "codename" && len(sc.keys) == 1 {
			at(sc.start, "codename %s is %s's", raw, prevID)
			continue
		}
		if !slices.Contains(dateKeys, key) {
			for _, off := range dateTokens(raw) {
				at(sc.start+off, "%s mentions %s, which was not shifted", key, raw[off:off+10])
			}
		}
		for from := 0; ; {
			i := idIndex(raw[from:], prevID)
			if i < 0 {
				break
			}
			at(sc.start+from+i, "%s still says %q", key, prevID)
			from += i + len(prevID)
		}
	}
	return notes
}
