package load

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/relbook/relbook/themes"
)

// The ids a milestone may not take are exactly the fixed ids of the
// schedule page, so the list cannot fall behind the page. They are
// written in two places: the default theme's templates for the page, and
// the components those templates print (the chart, the subscribe
// section), whose markup render writes in Go.
func TestScheduleSectionsAreThePagesIDs(t *testing.T) {
	var ids []string
	add := func(re *regexp.Regexp, text []byte) {
		for _, m := range re.FindAllSubmatch(text, -1) {
			// The id is the one group of the pattern that matched.
			if id := string(bytes.Join(m[1:], nil)); !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	inTemplate := regexp.MustCompile(`\bid="([a-z0-9-]+)"`)
	for _, name := range []string{"release", "base", "partials"} {
		page, err := fs.ReadFile(themes.Default(), "templates/"+name+".html")
		if err != nil {
			t.Fatal(err)
		}
		add(inTemplate, page)
	}
	// A component's fixed id is in a Go string literal: id=\"chart-title\",
	// or in a raw one, id="subscribe".
	inGo := regexp.MustCompile(`\bid=(?:\\"([a-z0-9-]+)\\"|"([a-z0-9-]+)")`)
	components, err := filepath.Glob("../render/*.go")
	if err != nil || len(components) == 0 {
		t.Fatalf("render's source should be next to load's: %v", err)
	}
	for _, name := range components {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		add(inGo, src)
	}
	slices.Sort(ids)
	want := slices.Sorted(slices.Values(scheduleSections))
	if !slices.Equal(ids, want) {
		t.Errorf("the schedule page has the fixed ids\n%v\nscheduleSections has\n%v", ids, want)
	}
}
