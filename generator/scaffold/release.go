// Package scaffold writes the files a handbook author starts from: a new
// handbook ([Skeleton]), a first release from a template ([FirstRelease]),
// the next release cycle, made from the previous one, and a new role guide.
//
// [Release] copies a release definition as text and moves every date
// literal in it by the distance between the two cycles' starts, in place:
// comments, blank lines, key order and quoting survive byte for byte, and
// relative dates ("code-freeze - 1w", "week 3") stay as written, because
// they move with the dates they count from. What belongs to the old cycle
// only — the slip history (was, note), the status, the people of the
// team, the patch releases that happened ([patch.<id>]) and the days the
// patch rule skipped — is cleared; the support phases and the [patches]
// rule are shifted like every other date. The rewrite works on a scan of the TOML text (see
// tomlspan), never on a decoded and re-encoded document, and its result is
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
	"github.com/relbook/relbook/generator/internal/tomlspan"
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
var dateKeys = []string{"start", "eol", "holidays", "date", "at", "end", "from", "to", "until", "skip", "was", "changed", "cherry_pick"}

// Release makes the text of release req.ID from prev, the text of release
// req.PrevID's definition.
func Release(prev string, req ReleaseRequest) (*NewRelease, error) {
	var decoded map[string]any
	if tomlspan.TooDeep(prev) >= 0 {
		return nil, fmt.Errorf("%s nests arrays or inline tables more than %d deep (run relbook check)", req.PrevID, tomlspan.MaxDepth)
	}
	if _, err := toml.Decode(prev, &decoded); err != nil {
		return nil, fmt.Errorf("%s is not valid TOML (run relbook check): %v", req.PrevID, err)
	}
	prevStart, err := startOf(decoded)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", req.PrevID, err)
	}
	shift := int(req.Start - prevStart)
	doc := tomlspan.Scan(prev)
	var edits []edit
	add := func(e ...edit) { edits = append(edits, e...) }

	var removed []tomlspan.Pair
	for _, kv := range doc.Pairs {
		switch {
		case len(kv.Keys) == 1 && kv.Keys[0] == "status":
			removed = append(removed, kv)
		case len(kv.Keys) == 3 && kv.Keys[0] == "milestone" && (kv.Keys[2] == "was" || kv.Keys[2] == "note"):
			removed = append(removed, kv)
		case len(kv.Keys) == 2 && kv.Keys[0] == "team":
			add(edit{Span: kv.Value, text: "[]"})
		case len(kv.Keys) == 2 && kv.Keys[0] == "patches" && kv.Keys[1] == "skip":
			// Shifted, a skipped day would no longer be a rule date.
			removed = append(removed, kv)
		case kv.Keys[0] == "patch" && !inPatchTable(doc, kv):
			removed = append(removed, kv)
		}
	}
	add(removePairs(prev, doc, removed)...)
	for i, h := range doc.Headers {
		switch {
		case h.Array && len(h.Keys) == 3 && h.Keys[0] == "milestone" && h.Keys[2] == "was":
			add(edit{Span: sectionSpan(prev, doc, i)})
		case h.Keys[0] == "patch":
			// The patch releases that happened belong to the old cycle;
			// the [patches] rule plans the new one's. The blank line
			// before each goes with it.
			sp := sectionSpan(prev, doc, i)
			if sp.Start >= 2 && prev[sp.Start-2] == '\n' {
				sp.Start--
			}
			add(edit{Span: sp})
		}
	}
	for _, v := range doc.Values {
		raw := prev[v.Start:v.End]
		switch {
		case v.Kind == tomlspan.Date || v.Kind == tomlspan.DateTime:
			e, err := shiftAt(prev, v.Start, shift)
			if err != nil {
				return nil, err
			}
			add(e)
		case v.Kind == tomlspan.String && slices.Contains(dateKeys, lastKey(v.Keys)):
			es, err := shiftString(prev, v.Span, shift)
			if err != nil {
				return nil, err
			}
			add(es...)
		case v.Kind == tomlspan.String && lastKey(v.Keys) == "name" && (len(v.Keys) == 1 || len(v.Keys) == 3 || v.Keys[0] == "patches"):
			if renamed := replaceID(raw, req.PrevID, req.ID); renamed != raw {
				add(edit{Span: v.Span, text: renamed})
			}
		}
	}

	text, err := apply(prev, edits)
	if err != nil {
		return nil, err
	}
	// The header goes at the top, after a #:schema line that editors
	// read only as the file's first.
	at := len(text) - len(strings.TrimPrefix(text, "\ufeff"))
	if strings.HasPrefix(text[at:], "#:schema ") {
		if nl := strings.IndexByte(text[at:], '\n'); nl >= 0 {
			at += nl + 1
		}
	}
	text = text[:at] + headerComment(prev, req, shift) + text[at:]
	if _, err := toml.Decode(text, &decoded); err != nil {
		// The rewrite only moves dates and removes whole values: a file that
		// was TOML stays TOML unless the scanner misread it.
		return nil, fmt.Errorf("the rewritten %s would not be valid TOML, so nothing was written (please report this as a relbook bug): %v", req.ID, err)
	}
	return &NewRelease{Text: text, PrevStart: prevStart, Shift: shift, Review: review(text, req.PrevID)}, nil
}

// inPatchTable reports whether kv is written under a [patch.<id>] header
// (and goes with it) rather than as a dotted key of its own.
func inPatchTable(doc *tomlspan.Doc, kv tomlspan.Pair) bool {
	var under *tomlspan.Header
	for i := range doc.Headers {
		if doc.Headers[i].Start < kv.Key.Start {
			under = &doc.Headers[i]
		}
	}
	return under != nil && under.Keys[0] == "patch"
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
	tomlspan.Span
	text string
}

// apply makes the edits. An edit inside a larger one (a date in a team
// list being emptied, in a `was` being removed) gives way to it.
func apply(src string, edits []edit) (string, error) {
	slices.SortFunc(edits, func(a, b edit) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(b.End, a.End))
	})
	var b strings.Builder
	at := 0
	for _, e := range edits {
		if e.Start < at {
			if e.End <= at {
				continue // inside an edit already made
			}
			return "", fmt.Errorf("internal error: overlapping edits at byte %d", e.Start)
		}
		b.WriteString(src[at:e.Start])
		b.WriteString(e.text)
		at = e.End
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
func removePairs(src string, doc *tomlspan.Doc, kvs []tomlspan.Pair) []edit {
	var edits []edit
	gone := map[int]bool{} // Key.Start of each pair removed from an inline table
	var braces []int
	for _, kv := range kvs {
		if kv.Brace < 0 {
			edits = append(edits, edit{Span: tomlspan.Span{Start: lineStart(src, kv.Key.Start), End: lineEnd(src, kv.Value.End)}})
			continue
		}
		gone[kv.Key.Start] = true
		braces = append(braces, kv.Brace)
	}
	slices.Sort(braces)
	for _, brace := range slices.Compact(braces) {
		var pairs []tomlspan.Pair // the pairs of the table, in the order written
		for _, kv := range doc.Pairs {
			if kv.Brace == brace {
				pairs = append(pairs, kv)
			}
		}
		slices.SortFunc(pairs, func(a, b tomlspan.Pair) int { return cmp.Compare(a.Key.Start, b.Key.Start) })
		for i := 0; i < len(pairs); i++ {
			if !gone[pairs[i].Key.Start] {
				continue
			}
			j := i // the run is pairs[i..j]
			for j+1 < len(pairs) && gone[pairs[j+1].Key.Start] {
				j++
			}
			cut := tomlspan.Span{Start: pairs[i].Key.Start, End: pairs[j].Value.End} // every pair goes
			switch {
			case j+1 < len(pairs):
				cut.End = pairs[j+1].Key.Start
			case i > 0:
				cut.Start = pairs[i-1].Value.End
			}
			edits = append(edits, edit{Span: cut})
			i = j
		}
	}
	return edits
}

// sectionSpan covers an [[array]] table: its header line and the pairs
// under it, but not the comments that introduce the next table.
func sectionSpan(src string, doc *tomlspan.Doc, i int) tomlspan.Span {
	h := doc.Headers[i]
	next := len(src)
	if i+1 < len(doc.Headers) {
		next = doc.Headers[i+1].Start
	}
	end := lineEnd(src, h.End)
	for _, kv := range doc.Pairs {
		if kv.Brace < 0 && kv.Key.Start >= h.End && kv.Key.Start < next {
			end = max(end, lineEnd(src, kv.Value.End))
		}
	}
	return tomlspan.Span{Start: lineStart(src, h.Start), End: end}
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
	return edit{Span: tomlspan.Span{Start: i, End: i + 10}, text: moved.String()}, nil
}

// shiftString moves the date literals of a date-valued string: a date
// ("2026-10-29") or the anchors of a date expression ("2026-12-21 ..
// 2027-01-01", "2026-11-02 + 1w"). Milestone ids, weeks and durations
// are left as they are.
func shiftString(src string, sp tomlspan.Span, days int) ([]edit, error) {
	raw := src[sp.Start:sp.End]
	content, verbatim := stringContent(raw)
	base := sp.Start + (len(raw)-len(content))/2
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
		if off+10 > len(content) || !dateexpr.IsDateShaped(content[off:off+10]) {
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
		if dateexpr.IsDateShaped(s[i:i+10]) && (i == 0 || !isWordByte(s[i-1])) && (i+10 == len(s) || !isWordByte(s[i+10])) {
			at = append(at, i)
			i += 9
		}
	}
	return at
}

func isWordByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-' || c == '_'
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
	doc := tomlspan.Scan(text)
	var notes []Note
	at := func(i int, format string, args ...any) {
		line := strings.Count(text[:i], "\n") + 1
		notes = append(notes, Note{Line: line, Col: i - lineStart(text, i) + 1, Msg: fmt.Sprintf(format, args...)})
	}
	for _, v := range doc.Values {
		if v.Kind != tomlspan.String {
			continue
		}
		raw := text[v.Start:v.End]
		key := lastKey(v.Keys)
		if key == "codename" && len(v.Keys) == 1 {
			at(v.Start, "codename %s is %s's", raw, prevID)
			continue
		}
		if !slices.Contains(dateKeys, key) {
			for _, off := range dateTokens(raw) {
				at(v.Start+off, "%s mentions %s, which was not shifted", key, raw[off:off+10])
			}
		}
		for from := 0; ; {
			i := idIndex(raw[from:], prevID)
			if i < 0 {
				break
			}
			at(v.Start+from+i, "%s still says %q", key, prevID)
			from += i + len(prevID)
		}
	}
	return notes
}

// lastKey is the key a value is written under: "date" for
// milestone.code-freeze.was[0].date.
func lastKey(keys []string) string {
	if len(keys) == 0 {
		return ""
	}
	return keys[len(keys)-1]
}

// stringContent returns the text between a string value's quotes as written
// (escapes not undone), and whether the raw text is also the string's value
// (no escapes to undo).
func stringContent(raw string) (content string, verbatim bool) {
	delim := 1
	if strings.HasPrefix(raw, `"""`) || strings.HasPrefix(raw, `'''`) {
		delim = 3
	}
	if len(raw) < 2*delim {
		return "", false
	}
	content = raw[delim : len(raw)-delim]
	return content, raw[0] == '\'' || !strings.Contains(content, `\`)
}
