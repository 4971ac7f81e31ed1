package site

import (
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/relbook/relbook/content"
	"github.com/relbook/relbook/generator/handbook"
)

// TestFeedsPageListsEveryFeed builds the example and the real handbooks
// and reads /feeds/: every .ics file of the build is linked from it, as a
// webcal:// link, as its https:// address and as the file, and so is
// changes.xml; nothing it links is missing. The footer of every page and
// every Subscribe section lead to it, and the sitemap and the search index
// have it.
func TestFeedsPageListsEveryFeed(t *testing.T) {
	builds := map[string]func(t *testing.T) *Result{
		"example": func(t *testing.T) *Result {
			res, diags, err := Generate(content.FS, Options{Today: handbook.MustDate(2026, 11, 21)})
			if err != nil || diags.HasErrors() {
				t.Fatalf("building the example: %v %s", err, diags.Errors())
			}
			return res
		},
		// A renamed role: its feeds are also published under its former
		// id, which the page does not offer (the role's own feeds are
		// the ones to subscribe to).
		"example, a role renamed": func(t *testing.T) *Result {
			site := leadGuideEdited(t, func(g string) string {
				return strings.Replace(g, "order = 1\n", "order = 1\nformer_ids = [\"release-manager\"]\n", 1)
			})
			res, diags, err := Generate(site, Options{Today: handbook.MustDate(2026, 11, 21)})
			if err != nil || diags.HasErrors() {
				t.Fatalf("building the example: %v %s", err, diags.Errors())
			}
			if _, ok := res.Files["roles/release-manager.ics"]; !ok {
				t.Fatal("the role's former id has no feed: this test no longer tests what it says")
			}
			return res
		},
		"kubernetes": func(t *testing.T) *Result { return buildReal(t, "kubernetes", "2025-11-21") },
		"openstack":  func(t *testing.T) *Result { return buildReal(t, "openstack", "2025-11-21") },
		"python":     func(t *testing.T) *Result { return buildReal(t, "python", "2025-11-21") },
	}
	for _, name := range []string{"example", "example, a role renamed", "kubernetes", "openstack", "python"} {
		t.Run(name, func(t *testing.T) {
			res := builds[name](t)
			base := res.Handbook.BaseURL
			page, ok := res.Files["feeds/index.html"]
			if !ok {
				t.Fatal("no feeds/index.html")
			}
			html := string(page)
			hrefs := map[string]bool{}
			for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(html, -1) {
				hrefs[m[1]] = true
			}
			// Files under a role's former id are the same feeds as its
			// own, kept for old subscriptions.
			former := map[string]bool{}
			for _, role := range res.Handbook.Roles {
				for _, id := range role.FormerIDs {
					former[id+".ics"] = true
				}
			}
			var feeds []string
			for name := range res.Files {
				if !strings.HasSuffix(name, ".ics") {
					continue
				}
				if former[path.Base(name)] {
					if hrefs["../"+name] {
						t.Errorf("feeds/ offers %s, a copy under a role's former id", name)
					}
					continue
				}
				feeds = append(feeds, name)
			}
			slices.Sort(feeds)
			if len(feeds) == 0 {
				t.Fatal("the build has no .ics file")
			}
			webcal := "webcal://" + strings.TrimPrefix(strings.TrimPrefix(base, "https://"), "http://")
			for _, f := range feeds {
				if !hrefs["../"+f] || !hrefs[webcal+f] || !strings.Contains(html, "<code>"+base+f+"</code>") {
					t.Errorf("feeds/ does not offer %s (file link %v, webcal link %v, https address %v)",
						f, hrefs["../"+f], hrefs[webcal+f], strings.Contains(html, "<code>"+base+f+"</code>"))
				}
			}
			if !hrefs["../changes.xml"] {
				t.Error("feeds/ does not link changes.xml")
			}
			// Nothing offered is missing.
			for href := range hrefs {
				if rest, ok := strings.CutPrefix(href, "../"); ok && (strings.HasSuffix(rest, ".ics") || strings.HasSuffix(rest, ".xml")) {
					if _, ok := res.Files[rest]; !ok {
						t.Errorf("feeds/ links %s, which the build does not write", rest)
					}
				}
			}
			t.Logf("%d feeds, all on feeds/ (%d bytes)", len(feeds), len(page))

			// Found from every page's footer and every Subscribe section.
			for name, data := range res.Files {
				if !strings.HasSuffix(name, ".html") || name == "404.html" || strings.HasPrefix(name, "static/") {
					continue
				}
				doc := string(data)
				if strings.Contains(doc, `<meta http-equiv="refresh"`) {
					continue // a renamed role's old address, which sends readers on
				}
				root := strings.Repeat("../", strings.Count(name, "/"))
				if root == "" {
					root = "./"
				}
				want := `href="` + root + `feeds/"`
				links := func(s string) bool {
					return strings.Contains(s, want) || root == "./" && strings.Contains(s, `href="feeds/"`)
				}
				footer := doc[max(strings.Index(doc, `<footer`), 0):]
				if !links(footer) {
					t.Errorf("%s: the footer does not link the feeds page (%s)", name, want)
				}
				if i := strings.Index(doc, `<h2 id="subscribe">`); i >= 0 {
					section := doc[i:]
					section = section[:strings.Index(section, "</section>")]
					if !links(section) {
						t.Errorf("%s: its Subscribe section does not link the feeds page", name)
					}
				}
			}
			if !strings.Contains(string(res.Files["sitemap.xml"]), "<loc>"+base+"feeds/</loc>") {
				t.Error("the sitemap lacks feeds/")
			}
			search := string(res.Files["search.json"])
			if !regexp.MustCompile(`"title": ?"Calendar feeds",\s*"url": ?"feeds/",\s*"kind": ?"page",\s*"text": ?"Subscribe[^"]*calendar`).MatchString(search) {
				t.Error(`search.json has no entry for feeds/ that "subscribe" and "calendar" find`)
			}
		})
	}
}
