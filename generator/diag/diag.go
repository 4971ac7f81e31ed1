// Package diag holds relbook's diagnostics: problems found in a handbook's
// input, each pinned to a file, line and column.
//
// Every stage of the build collects all the problems it finds instead of
// stopping at the first, so that one run of `relbook check` reports
// everything a handbook author has to fix. A [List] prints the way the Go
// toolchain does, one `path:line:col: message` a line, sorted by position.
//
// A List shows at most [MaxPerFile] problems of one file, the first by
// position, and says how many more there are in one last line for the
// file (`handbook.toml: 999,900 more problems not shown`). It counts the
// others rather than keeping them, so a file with a million mistakes costs
// the build no more memory than one with a hundred, and every stage gets
// that bound by adding its problems to a List.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// MaxPerFile is how many problems of one file a List shows. A hundred
// lines fill a few screens: more would not be read, only scrolled past,
// and the first ones usually explain the rest (a file that is not
// relbook's, a key misspelt in every table).
const MaxPerFile = 100

// Severity says whether a problem stops the build.
type Severity int

const (
	// Error problems stop the build and make `check` exit 1.
	Error Severity = iota
	// Warning problems are reported; only `check --strict` fails on them.
	Warning
)

// Pos is a place in an input file. Path is relative to the site folder and
// uses forward slashes; Line and Col count from 1 (Col in bytes, as the Go
// toolchain does). A problem with a whole file (its name, say) has no line
// and prints as line 1, column 1, so every message has the same shape for
// editors and CI annotations to pick up.
type Pos struct {
	Path string
	Line int
	Col  int
}

func (p Pos) String() string {
	return fmt.Sprintf("%s:%d:%d", p.Path, max(p.Line, 1), max(p.Col, 1))
}

// Shift returns the position n bytes further along the same line.
func (p Pos) Shift(n int) Pos {
	if p.Line > 0 && p.Col > 0 {
		p.Col += n
	}
	return p
}

// Diagnostic is one problem at one place, or the line that stands for the
// problems of a file that a List does not show.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Message  string
	// Code is a warning's kind, printed after its message; see [Code].
	Code Code
	// Scope says which allow lists may acknowledge the warning.
	Scope Scope
	// Allowed is true for a warning an allow list in its scope
	// acknowledges: it does not count as a warning, and only
	// `relbook check --all` shows it.
	Allowed bool
	// Omitted, when not zero, makes this the line that counts the
	// problems of Pos.Path left out of a List. Its Severity is Error when
	// any of them is an error, so that leaving problems out never makes
	// a failing build pass; its Message is empty.
	Omitted Count
}

// Count is a number of errors, of warnings, and of acknowledged warnings
// (which Warnings does not count).
type Count struct{ Errors, Warnings, Allowed int }

func (c Count) add(d Diagnostic) Count {
	if o := d.Omitted; o != (Count{}) {
		return Count{c.Errors + o.Errors, c.Warnings + o.Warnings, c.Allowed + o.Allowed}
	}
	switch {
	case d.Severity == Error:
		c.Errors++
	case d.Allowed:
		c.Allowed++
	default:
		c.Warnings++
	}
	return c
}

func (d Diagnostic) String() string {
	if o := d.Omitted; o != (Count{}) {
		// Left out, an acknowledged warning is one more warning not
		// shown.
		o.Warnings += o.Allowed
		switch {
		case o.Warnings == 0:
			return fmt.Sprintf("%s: %s more %s not shown", d.Pos.Path, Thousands(o.Errors), plural(o.Errors, "problem"))
		case o.Errors == 0:
			return fmt.Sprintf("%s: warning: %s more %s not shown", d.Pos.Path, Thousands(o.Warnings), plural(o.Warnings, "warning"))
		}
		return fmt.Sprintf("%s: %s more problems not shown (%s %s, %s %s)", d.Pos.Path, Thousands(o.Errors+o.Warnings),
			Thousands(o.Errors), plural(o.Errors, "error"), Thousands(o.Warnings), plural(o.Warnings, "warning"))
	}
	msg := d.Message
	if d.Code != "" {
		msg += " [" + string(d.Code) + "]"
	}
	switch {
	case d.Allowed:
		return d.Pos.String() + ": warning (allowed): " + msg
	case d.Severity == Warning:
		return d.Pos.String() + ": warning: " + msg
	}
	return d.Pos.String() + ": " + msg
}

// List collects diagnostics. The zero value is ready to use.
//
// Once a file has more than [MaxPerFile] problems in a List, the List
// folds the ones after the first MaxPerFile, by position, into the file's
// Omitted line whenever it would otherwise grow, so that it stays in
// proportion to the number of files rather than of problems. Folding
// sorts the List; a List with no such file keeps the order its problems
// were added in. A problem found twice (by two stages) is counted twice
// if it was folded away before its repeat came.
type List []Diagnostic

// Errorf records an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// Warnf records a warning of the given code at pos, which only the
// allow lists of pos's file top level and of [check] acknowledge.
func (l *List) Warnf(pos Pos, code Code, format string, args ...any) {
	l.WarnIn(Scope{}, pos, code, format, args...)
}

// WarnIn records a warning of the given code at pos, in scope: the table
// or heading it belongs to, and any release that also acknowledges it.
func (l *List) WarnIn(scope Scope, pos Pos, code Code, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...), Code: code, Scope: scope})
}

// Add appends other diagnostics.
func (l *List) Add(ds ...Diagnostic) {
	// Folding takes a sort, so it is done only where appending would
	// copy the List anyway, and leaves room for as many problems again:
	// each problem is sorted a logarithmic number of times at most.
	if n := len(*l) + len(ds); n > cap(*l) && n > 2*MaxPerFile && overfull(*l, ds) {
		folded := append(slices.Clip(*l), ds...).Sort()
		*l = append(make(List, 0, len(folded)+max(len(folded), 2*MaxPerFile)), folded...)
		return
	}
	*l = append(*l, ds...)
}

// overfull reports whether some file has more than MaxPerFile lines in
// a and b together.
func overfull(a, b List) bool {
	lines := map[string]int{}
	for _, l := range [2]List{a, b} {
		for _, d := range l {
			if lines[d.Pos.Path]++; lines[d.Pos.Path] > MaxPerFile {
				return true
			}
		}
	}
	return false
}

// Omit counts problems of the file at path without showing them. It is
// for a stage that finds more problems of one kind in a file than a List
// shows, and so need not word them all: it adds the first MaxPerFile
// itself, by position, and counts the others here.
func (l *List) Omit(path string, c Count) {
	if c != (Count{}) {
		l.Add(omittedLine(path, c))
	}
}

func omittedLine(path string, c Count) Diagnostic {
	sev := Warning
	if c.Errors > 0 {
		sev = Error
	}
	return Diagnostic{Pos: Pos{Path: path}, Severity: sev, Omitted: c}
}

// Count returns the number of errors and of warnings, those left out
// included.
func (l List) Count() Count {
	var c Count
	for _, d := range l {
		c = c.add(d)
	}
	return c
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(d Diagnostic) bool { return d.Severity == Error })
}

// Unacknowledged returns the list without the warnings an allow list
// acknowledges: what `relbook check` shows unless asked for --all.
func (l List) Unacknowledged() List {
	return slices.DeleteFunc(slices.Clone(l), func(d Diagnostic) bool { return d.Allowed })
}

// Errors returns only the errors.
func (l List) Errors() List {
	return slices.DeleteFunc(slices.Clone(l), func(d Diagnostic) bool { return d.Severity != Error })
}

// Sort orders the list by path, line, column and message, drops exact
// repeats (two stages may find the same problem), and keeps the first
// [MaxPerFile] problems of each file, counting the others in one Omitted
// line after them.
func (l List) Sort() List {
	s := slices.Clone(l)
	slices.SortFunc(s, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.Path, b.Pos.Path),
			// A file's Omitted line comes after all its problems.
			compareBool(a.Omitted != Count{}, b.Omitted != Count{}),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Message, b.Message),
		)
	})
	s = slices.CompactFunc(s, func(a, b Diagnostic) bool { return a == b && a.Omitted == Count{} })
	return fold(s)
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// fold keeps the first MaxPerFile problems of each file of a sorted list
// and replaces the others, and any Omitted lines, by one Omitted line for
// the file.
func fold(s List) List {
	out := s[:0]
	for len(s) > 0 {
		path := s[0].Pos.Path
		n := 1
		for n < len(s) && s[n].Pos.Path == path {
			n++
		}
		file := s[:n]
		s = s[n:]
		var omitted Count
		shown := 0
		for _, d := range file {
			if d.Omitted == (Count{}) && shown < MaxPerFile {
				out = append(out, d)
				shown++
				continue
			}
			omitted = omitted.add(d)
		}
		if omitted != (Count{}) {
			out = append(out, omittedLine(path, omitted))
		}
	}
	return out
}

// Error makes a List usable as an error; it prints every diagnostic sorted,
// one a line.
func (l List) Error() string {
	var b strings.Builder
	for i, d := range l.Sort() {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// Err returns the list as an error if it holds any error, else nil.
func (l List) Err() error {
	if l.HasErrors() {
		return l.Sort()
	}
	return nil
}

// Thousands writes n with a comma between groups of three digits, the way
// messages write large numbers.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func plural(n int, what string) string {
	if n == 1 {
		return what
	}
	return what + "s"
}

// Closest returns the candidate nearest to a misspelt word, for "did you
// mean" hints; "" when none is near enough to be a likely typo. Of equally
// near candidates it prefers the one that starts like the word ("dat" is
// more likely "date" than "at").
func Closest(word string, candidates []string) string {
	best, bestDist, bestPrefix := "", len(word)/2+1, -1
	for _, c := range candidates {
		d, p := editDistance(word, c), commonPrefix(word, c)
		if d < bestDist || d == bestDist && (p > bestPrefix || p == bestPrefix && c < best) {
			best, bestDist, bestPrefix = c, d, p
		}
	}
	if bestDist > len(word)/2 {
		return ""
	}
	return best
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// editDistance is the Levenshtein distance between two short words.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
