// Package diag holds relbook's diagnostics: problems found in a handbook's
// input, each pinned to a file, line and column.
//
// Every stage of the build collects all the problems it finds instead of
// stopping at the first, so that one run of `relbook check` reports
// everything a handbook author has to fix. A [List] prints the way the Go
// toolchain does, one `path:line:col: message` a line, sorted by position.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

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

// Diagnostic is one problem at one place.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Message  string
}

func (d Diagnostic) String() string {
	if d.Severity == Warning {
		return d.Pos.String() + ": warning: " + d.Message
	}
	return d.Pos.String() + ": " + d.Message
}

// List collects diagnostics. The zero value is ready to use.
type List []Diagnostic

// Errorf records an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Add appends other diagnostics.
func (l *List) Add(ds ...Diagnostic) { *l = append(*l, ds...) }

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(d Diagnostic) bool { return d.Severity == Error })
}

// Errors returns only the errors.
func (l List) Errors() List {
	return slices.DeleteFunc(slices.Clone(l), func(d Diagnostic) bool { return d.Severity != Error })
}

// Sort orders the list by path, line, column and message, and drops exact
// repeats (two stages may find the same problem).
func (l List) Sort() List {
	s := slices.Clone(l)
	slices.SortFunc(s, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.Path, b.Pos.Path),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.Compact(s)
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
