package diag

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestManyProblemsInOneFile adds a hundred thousand problems of one file, last
// first, and checks that the List shows the first hundred by position,
// counts the rest in one line, and never holds more than a few hundred.
func TestManyProblemsInOneFile(t *testing.T) {
	var l List
	l.Warnf(Pos{Path: "roles/docs.md", Line: 3, Col: 1}, Weekend, "another file")
	longest := 0
	for i := 100_000; i >= 1; i-- {
		l.Errorf(Pos{Path: "handbook.toml", Line: i, Col: 1}, "unknown key %q", fmt.Sprint("k", i))
		longest = max(longest, len(l))
	}
	if longest > 5*MaxPerFile {
		t.Errorf("the list grew to %d problems; want at most %d", longest, 5*MaxPerFile)
	}
	s := l.Sort()
	if len(s) != MaxPerFile+2 {
		t.Fatalf("sorted list has %d lines, want %d", len(s), MaxPerFile+2)
	}
	if got, want := s[0].String(), `handbook.toml:1:1: unknown key "k1"`; got != want {
		t.Errorf("first line %q, want %q", got, want)
	}
	if got, want := s[MaxPerFile-1].String(), `handbook.toml:100:1: unknown key "k100"`; got != want {
		t.Errorf("last shown line %q, want %q", got, want)
	}
	if got, want := s[MaxPerFile].String(), "handbook.toml: 99,900 more problems not shown"; got != want {
		t.Errorf("omitted line %q, want %q", got, want)
	}
	if got, want := s[MaxPerFile+1].String(), "roles/docs.md:3:1: warning: another file [weekend]"; got != want {
		t.Errorf("other file's line %q, want %q", got, want)
	}
	if got, want := l.Count(), (Count{Errors: 100_000, Warnings: 1}); got != want {
		t.Errorf("Count() = %+v, want %+v", got, want)
	}
	if !l.HasErrors() || l.Err() == nil {
		t.Error("a list with errors left out must still have errors")
	}
}

// TestOmittedErrorsStillFail hides an error behind a hundred earlier
// warnings: the build must still fail, and the line say what it hides.
func TestOmittedErrorsStillFail(t *testing.T) {
	var l List
	for i := 1; i <= MaxPerFile; i++ {
		l.Warnf(Pos{Path: "roles/docs.md", Line: i, Col: 1}, Weekend, "warning %d", i)
	}
	l.Errorf(Pos{Path: "roles/docs.md", Line: 500, Col: 1}, "an error")
	l.Warnf(Pos{Path: "roles/docs.md", Line: 501, Col: 1}, Weekend, "one more warning")
	if !l.HasErrors() {
		t.Fatal("HasErrors() = false with an error left out")
	}
	s := l.Sort()
	last := s[len(s)-1]
	if got, want := last.String(), "roles/docs.md: 2 more problems not shown (1 error, 1 warning)"; got != want {
		t.Errorf("omitted line %q, want %q", got, want)
	}
	if len(s.Errors()) != 1 || s.Errors()[0] != last {
		t.Errorf("Errors() = %v, want the omitted line only", s.Errors())
	}

	var w List
	for i := 1; i <= MaxPerFile+1; i++ {
		w.Warnf(Pos{Path: "glossary.toml", Line: i, Col: 1}, Weekend, "warning %d", i)
	}
	if w.HasErrors() {
		t.Error("HasErrors() = true with warnings only")
	}
	s = w.Sort()
	if got, want := s[len(s)-1].String(), "glossary.toml: warning: 1 more warning not shown"; got != want {
		t.Errorf("omitted line %q, want %q", got, want)
	}
}

// TestFoldedListsAdd merges lists that were each folded: their omitted
// counts add up, and the shown problems are the first of both.
func TestFoldedListsAdd(t *testing.T) {
	var a, b List
	for i := range 3 * MaxPerFile {
		a.Errorf(Pos{Path: "releases/v1.toml", Line: 2*i + 1, Col: 1}, "odd")
		b.Errorf(Pos{Path: "releases/v1.toml", Line: 2*i + 2, Col: 1}, "even")
	}
	a.Add(b.Sort()...)
	s := a.Sort()
	if len(s) != MaxPerFile+1 {
		t.Fatalf("%d lines, want %d", len(s), MaxPerFile+1)
	}
	if s[MaxPerFile-1].Pos.Line != MaxPerFile {
		t.Errorf("last shown problem at line %d, want %d", s[MaxPerFile-1].Pos.Line, MaxPerFile)
	}
	if got, want := s[MaxPerFile].String(), "releases/v1.toml: 500 more problems not shown"; got != want {
		t.Errorf("omitted line %q, want %q", got, want)
	}
	// Two lists that left out as many problems of a file are not exact
	// repeats of each other, though the problems they show are.
	var c List
	c.Add(b.Sort()...)
	c.Add(b.Sort()...)
	if got, want := c.Sort()[MaxPerFile].Omitted.Errors, 2*(3*MaxPerFile-MaxPerFile); got != want {
		t.Errorf("merged omitted count %d, want %d", got, want)
	}
}

// TestSmallListKeepsOrder: a list with no file over the bound is left in
// the order its problems came, and repeats are dropped only by Sort.
func TestSmallListKeepsOrder(t *testing.T) {
	var l List
	for i := 3 * MaxPerFile; i > 0; i-- {
		l.Errorf(Pos{Path: fmt.Sprintf("roles/r%d.md", i%5), Line: i, Col: 1}, "problem")
	}
	if len(l) != 3*MaxPerFile || l[0].Pos.Line != 3*MaxPerFile {
		t.Errorf("list of %d starts at line %d; want all %d in the order added", len(l), l[0].Pos.Line, 3*MaxPerFile)
	}
	l.Add(l[0])
	if got := len(l.Sort()); got != 3*MaxPerFile {
		t.Errorf("Sort kept %d, want %d (one repeat dropped)", got, 3*MaxPerFile)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 999_900: "999,900", 12_345_678: "12,345,678"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// BenchmarkManyProblems adds n problems of one file and prints them:
// the time per problem must not grow with n.
func BenchmarkManyProblems(b *testing.B) {
	for _, n := range []int{100_000, 400_000, 1_600_000} {
		b.Run(fmt.Sprintf("problems=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var l List
				for i := n; i > 0; i-- {
					l.Errorf(Pos{Path: "handbook.toml", Line: i, Col: 1}, "unknown key %q", "k")
				}
				if !strings.Contains(l.Error(), "more problems not shown") {
					b.Fatal("no omitted line")
				}
			}
		})
	}
}

func TestAcknowledgeScopes(t *testing.T) {
	table := Pos{Path: "releases/v1.toml", Line: 7, Col: 1}
	other := Pos{Path: "releases/v1.toml", Line: 20, Col: 1}
	in := func(scope Scope, path string) Diagnostic {
		return Diagnostic{Pos: Pos{Path: path, Line: 9, Col: 8}, Severity: Warning, Message: "m", Code: Weekend, Scope: scope}
	}
	for _, c := range []struct {
		name   string
		allows Allows
		d      Diagnostic
		want   bool
	}{
		{"its table", Allows{table: {Weekend}}, in(Scope{Table: table}, table.Path), true},
		{"another table", Allows{other: {Weekend}}, in(Scope{Table: table}, table.Path), false},
		{"another code", Allows{table: {NoGuide}}, in(Scope{Table: table}, table.Path), false},
		{"its file's top level", Allows{{Path: table.Path}: {Weekend}}, in(Scope{Table: table}, table.Path), true},
		{"no table, its file's top level", Allows{{Path: "roles/lead.md"}: {Weekend}}, in(Scope{}, "roles/lead.md"), true},
		{"another file's top level", Allows{{Path: "releases/v2.toml"}: {Weekend}}, in(Scope{}, table.Path), false},
		{"the release it names", Allows{{Path: "releases/v2.toml"}: {Weekend}}, in(Scope{Release: "releases/v2.toml"}, "roles/lead.md"), true},
		{"[check]", Allows{{}: {Weekend}}, in(Scope{Table: table}, table.Path), true},
		{"an error", Allows{{}: {Weekend}}, Diagnostic{Pos: table, Severity: Error, Message: "m", Code: Weekend}, false},
	} {
		l := List{c.d}
		l.Acknowledge(c.allows)
		if l[0].Allowed != c.want {
			t.Errorf("%s: allowed = %v, want %v", c.name, l[0].Allowed, c.want)
		}
		want := Count{Warnings: 1}
		switch {
		case c.d.Severity == Error:
			want = Count{Errors: 1}
		case c.want:
			want = Count{Allowed: 1}
		}
		if got := l.Count(); got != want {
			t.Errorf("%s: Count() = %+v, want %+v", c.name, got, want)
		}
	}
}

func TestCheckCode(t *testing.T) {
	if msg := CheckCode("not-scheduled"); msg != "" {
		t.Errorf("a known code: %q", msg)
	}
	if got, want := CheckCode("weekends"), `allow: unknown warning code "weekends"; did you mean "weekend"?`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestCodesDocumented keeps docs/format.md's table of warning codes
// complete.
func TestCodesDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range Codes {
		if !strings.Contains(string(doc), "| `"+string(c)+"` |") {
			t.Errorf("docs/format.md does not list the warning code %q", c)
		}
	}
}
