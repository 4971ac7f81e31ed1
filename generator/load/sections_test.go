package load

import (
	"io/fs"
	"regexp"
	"slices"
	"testing"

	"github.com/relbook/relbook/themes"
)

// The ids a milestone may not take are exactly the fixed ids of the
// default theme's templates for the schedule page, so the list cannot
// fall behind the page.
func TestScheduleSectionsAreThePagesIDs(t *testing.T) {
	var ids []string
	for _, name := range []string{"release", "base", "partials"} {
		page, err := fs.ReadFile(themes.Default(), "templates/"+name+".html")
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`\bid="([a-z0-9-]+)"`).FindAllSubmatch(page, -1) {
			if id := string(m[1]); !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	want := slices.Sorted(slices.Values(scheduleSections))
	if !slices.Equal(ids, want) {
		t.Errorf("release.html has the fixed ids\n%v\nscheduleSections has\n%v", ids, want)
	}
}
