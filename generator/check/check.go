// Package check is the Check stage of relbook's build (Load → Resolve →
// Render → Check → Write): it reads the rendered site in memory, before
// anything is written, and reports what a reader of the published handbook
// would trip over. Like Zola's link checker it needs no server and no disk:
// the site is a map from slash-separated output path ("roles/release-lead/index.html")
// to the file's bytes, exactly what the Render stage returns.
//
// # Links
//
// [Links] checks every internal link of every HTML page (a file whose name
// ends in ".html" or ".htm"). A link is the href or src attribute of an a,
// link, img, script, source, area or iframe element, after the usual HTML
// entity decoding. relbook publishes every page as a folder with an
// index.html and links between pages relatively (SPEC §4), so that one
// output works under any sub-path of base_url, from `relbook serve` and from
// any static host. A link is resolved the way a browser resolves it against
// the page's own URL:
//
//   - "../roles/", "schedule.json", "./", "." and ".." are relative to the
//     folder the page is in; a URL that ends in "/" (or in "." or "..") names
//     a folder and means that folder's index.html;
//   - a query ("?week=3") is ignored, since a static host ignores it too;
//   - path segments are percent-decoded ("caf%C3%A9/" is the folder "café"),
//     and a backslash counts as a slash, as browsers do for http URLs;
//   - an empty path ("", "#top", "?x") is the page itself.
//
// The resolved file must be in the site. A link without the trailing slash to
// a folder that has an index.html ("../roles/lead") is reported, with the fix:
// it only works where the host redirects, and the relative links of the page
// it lands on then resolve against the wrong folder. A fragment ("#ffe") must
// name an element of the target page: an id on any element, or a name on an
// <a>, matched as written or percent-decoded; "#" and "#top" always work.
// Fragments are only checked on HTML targets ("calendar.ics#x" is not).
//
// Links with a scheme (https:, mailto:, webcal:, data:, anything) and
// protocol-relative links ("//host/x") leave the site and are not checked.
// Root-absolute links ("/releases/") are always reported, with the relative
// link to use instead: they break as soon as the site is served under a
// sub-path. So are links that climb above the site root ("../../.." too
// far), which browsers quietly clamp at the host root but which leave the
// site under a sub-path.
//
// Links also reports an id used more than once on a page: a fragment can only
// reach the first, and a checkbox id repeated in a checklist would share its
// remembered tick.
//
// Problems are sorted by page, then href, then message, and a link that is
// broken the same way twice on one page is reported once. The result does not
// depend on map order or on how many goroutines did the work.
//
// # Sources
//
// A problem on a rendered page is fixed in the site folder. [SourceOf] maps
// an output path back to the file an author edits, by relbook's URL
// conventions, and [TemplateOf] to the theme template that lays the page
// out; [Origins] finds the line and column in them where the link or id is
// written, so that `relbook check` can say where to look.
package check

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"path"
	"slices"
	"strings"
	"sync"

	"golang.org/x/net/html/atom"

	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/internal/parallel"
)

// Problem is one broken thing on one rendered page.
type Problem struct {
	// Page is the output path of the page, e.g. "roles/release-lead/index.html".
	Page string
	// Href is the link as written in the page, after entity decoding; ""
	// for problems that are not about a link (a duplicate id).
	Href string
	// ID is the id used more than once, for a duplicate id; "" otherwise.
	ID string
	// Msg says what is wrong and, where it can, how to fix it, e.g.
	// `links to "../glossary/#ffe": the page has no element with id "ffe"`.
	Msg string
}

// Links checks every internal link and every id of every HTML page in files,
// a map from slash-separated output path to contents. See the package
// documentation for the rules. It returns nil when nothing is wrong.
func Links(files map[string][]byte) []Problem {
	var names []string
	for name := range files {
		if isHTML(name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)

	// Parse every page once, collecting its ids and links in the same
	// pass; checking needs the ids of every page, so it waits for all.
	pages := make(map[string]*page, len(names))
	parsed := make([]*page, len(names))
	parallel.For(len(names), func(i int) { parsed[i] = scan(files[names[i]], false) })
	for i, name := range names {
		pages[name] = parsed[i]
	}

	c := &checker{files: files, pages: pages, anchors: map[string]*anchorTexts{}}
	found := make([][]Problem, len(names))
	parallel.For(len(names), func(i int) { found[i] = c.page(names[i], parsed[i]) })

	var all []Problem
	for _, ps := range found {
		all = append(all, ps...)
	}
	slices.SortFunc(all, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Page, b.Page), cmp.Compare(a.Href, b.Href), cmp.Compare(a.Msg, b.Msg))
	})
	return slices.Compact(all)
}

// page is what the checker needs to know about one HTML page.
//
// A checklist page carries a hundred checkbox ids of a hundred bytes each,
// and a site a thousand checklists: a page keeps a hash of each id and
// name rather than the text, and the checker scans a page again for the
// text only to explain a problem (see full).
type page struct {
	anchors []uint64 // anchorHash of every id and <a name>, sorted, without repeats
	links   []string // href and src values, in document order
	dup     bool     // some id is on more than one element

	// ids and names are the texts, kept only by a full scan.
	ids   map[string]int      // id attribute value → number of elements with it
	names map[string]struct{} // name attributes of <a>; nil when there are none
}

// anchorSeed seeds anchorHash: a problem found does not depend on it, only
// (with odds of one in 2⁶⁴ a pair) whether two anchors share a hash.
var anchorSeed = maphash.MakeSeed()

func anchorHash(b []byte) uint64 { return maphash.Bytes(anchorSeed, b) }

// has reports whether a fragment can land on an element of the page.
func (p *page) has(fragment string) bool {
	_, ok := slices.BinarySearch(p.anchors, maphash.String(anchorSeed, fragment))
	return ok
}

// linksWith reports whether the href or src of a tag is a link to check.
func linksWith(tag atom.Atom) bool {
	switch tag {
	case atom.A, atom.Link, atom.Img, atom.Script, atom.Source, atom.Area, atom.Iframe:
		return true
	}
	return false
}

// scratch is the working memory of scan, kept from page to page so that
// the arena and lists grow once per worker rather than once per page.
type scratch struct {
	full              bool // keep the text of ids and names too (page.ids)
	arena             []byte
	ids, names, links []span
	idHashes          []uint64
	nameHashes        []uint64
	attrs             []rawAttr
	decoded           []byte
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// checkedPool holds the sets of hrefs checker.page has checked on a page,
// emptied, so that each worker grows one set rather than one per page.
var checkedPool = sync.Pool{New: func() any { return make(map[string]struct{}) }}

// checker holds the whole site while pages are checked in parallel; it is
// only read.
type checker struct {
	files map[string][]byte
	pages map[string]*page

	treeOnce sync.Once
	tree     map[string][]string // folder → sorted names in it, for "did you mean"; built on the first miss

	// anchors are the anchor texts of the pages a fragment was missed
	// on, for "did you mean"; each page is scanned for them once.
	anchorsMu sync.Mutex
	anchors   map[string]*anchorTexts
}

// A "did you mean" hint compares a misspelt fragment or path segment with
// every near one, at a cost that grows with both their lengths; a page
// with thousands of broken links to a page with thousands of anchors
// would take minutes. So hints are bounded: a page gets hints for its
// first maxHints broken links, for a fragment or segment of at most
// maxHintLen bytes, among at most maxHintCandidates candidates of about
// its length. Beyond that a link is still reported, without a hint.
const (
	maxHints          = 10
	maxHintLen        = 64
	maxHintCandidates = 1000
)

// anchorTexts are the fragments a page answers to, by length then text.
type anchorTexts struct {
	once  sync.Once
	texts []string
}

// hinter gives the hints of one page, up to maxHints.
type hinter struct{ left int }

// closest is diag.Closest within the bounds above; candidates are sorted
// by length.
func (h *hinter) closest(word string, byLength []string) string {
	if h.left == 0 || len(word) > maxHintLen {
		return ""
	}
	h.left--
	// diag.Closest takes no candidate more than len(word)/2 edits away,
	// so none whose length differs from the word's by more than that.
	lo, _ := slices.BinarySearchFunc(byLength, len(word)-len(word)/2, func(c string, n int) int { return cmp.Compare(len(c), n) })
	hi, _ := slices.BinarySearchFunc(byLength, len(word)+len(word)/2+1, func(c string, n int) int { return cmp.Compare(len(c), n) })
	if hi-lo > maxHintCandidates {
		return ""
	}
	return diag.Closest(word, byLength[lo:hi])
}

// page returns the problems of one page.
func (c *checker) page(name string, p *page) []Problem {
	var out []Problem
	if p.dup {
		for id, n := range c.full(name).ids {
			if n > 1 {
				out = append(out, Problem{Page: name, ID: id, Msg: fmt.Sprintf("id %q is used %d times; a link to #%s reaches only the first", id, n, id)})
			}
		}
	}
	buf := make([]byte, 0, 256)
	hints := &hinter{left: maxHints}
	// A page links the same place many times (navigation, glossary
	// terms), and a link's verdict depends only on the page and the href:
	// check each href once, as it would be reported once anyway.
	checked := checkedPool.Get().(map[string]struct{})
	defer func() { clear(checked); checkedPool.Put(checked) }()
	for _, href := range p.links {
		if _, ok := checked[href]; ok {
			continue
		}
		checked[href] = struct{}{}
		var msg string
		if msg, buf = c.link(name, p, href, buf, hints); msg != "" {
			out = append(out, Problem{Page: name, Href: href, Msg: fmt.Sprintf("links to %q: %s", href, msg)})
		}
	}
	return out
}

// link checks one link of page name and says what is wrong with it, or "".
// buf is scratch space, returned for the next call.
func (c *checker) link(name string, p *page, href string, buf []byte, hints *hinter) (string, []byte) {
	r, buf := resolve(name, href, buf)
	switch r.kind {
	case external:
		return "", buf
	case rootAbsolute:
		return fmt.Sprintf("a root-absolute link breaks when the site is served under a sub-path; write %q", r.relative), buf
	case aboveRoot:
		return "the link climbs above the root of the site", buf
	case badEscape:
		return "the path has an invalid percent-encoding", buf
	}

	target := p
	if string(buf) != name {
		var ok bool
		if target, ok = c.pages[string(buf)]; !ok {
			// Not an HTML page: a file of the site, or missing. target
			// stays nil, and fragments are not checked.
			if _, ok := c.files[string(buf)]; !ok {
				return c.missing(name, string(buf), r.dir, hints), buf
			}
		}
	}
	if !r.hasFragment || target == nil || r.fragment == "" || target.has(r.fragment) {
		return "", buf
	}
	if dec, ok := unescape(r.fragment); ok && target.has(dec) {
		return "", buf
	}
	if strings.EqualFold(r.fragment, "top") {
		return "", buf // HTML: "#top" scrolls to the top when no element claims it
	}
	msg := fmt.Sprintf("the page has no element with id %q", r.fragment)
	targetName := name
	if target != p {
		targetName = string(buf)
	}
	if guess := hints.closest(r.fragment, c.anchorTexts(targetName)); guess != "" {
		msg += fmt.Sprintf("; did you mean %q?", guess)
	}
	return msg, buf
}

// missing explains a link to a file that is not in the site.
func (c *checker) missing(from, target string, dir bool, hints *hinter) string {
	if !dir {
		if _, ok := c.files[target+"/index.html"]; ok {
			return fmt.Sprintf("%q is a folder; link to the page with a trailing slash, %q", target, relativeHref(from, target+"/index.html"))
		}
	}
	msg := fmt.Sprintf("there is no file %q in the site", target)
	if guess := c.closest(target, hints); guess != "" {
		msg += fmt.Sprintf("; did you mean %q?", relativeHref(from, guess))
	}
	return msg
}

// closest guesses which file of the site a missing path was meant to be,
// one path segment at a time ("relases/v3.4/index.html" is
// "releases/v3.4/index.html" because "relases" is near "releases" and
// nothing else in the root folder is), so that a guess never swaps a
// release or a role for another that merely looks alike in full.
func (c *checker) closest(missing string, hints *hinter) string {
	c.treeOnce.Do(func() {
		c.tree = make(map[string][]string)
		for name := range c.files {
			for {
				dir, base := path.Split(name)
				dir = strings.TrimSuffix(dir, "/")
				c.tree[dir] = append(c.tree[dir], base)
				if dir == "" {
					break
				}
				name = dir
			}
		}
		for dir, children := range c.tree {
			c.tree[dir] = byLength(children)
		}
	})
	segs := strings.Split(missing, "/")
	for i, s := range segs {
		children := c.tree[strings.Join(segs[:i], "/")]
		if _, ok := slices.BinarySearchFunc(children, s, compareByLength); ok {
			continue
		}
		guess := hints.closest(s, children)
		if guess == "" {
			return ""
		}
		segs[i] = guess
	}
	if guess := strings.Join(segs, "/"); guess != missing {
		if _, ok := c.files[guess]; ok {
			return guess
		}
	}
	return ""
}

// full scans the page name again, keeping the text of its ids and names.
func (c *checker) full(name string) *page { return scan(c.files[name], true) }

// anchorTexts returns every fragment the page name answers to, by length
// then text, scanning the page for them the first time.
func (c *checker) anchorTexts(name string) []string {
	c.anchorsMu.Lock()
	a := c.anchors[name]
	if a == nil {
		a = &anchorTexts{}
		c.anchors[name] = a
	}
	c.anchorsMu.Unlock()
	a.once.Do(func() { a.texts = byLength(c.full(name).anchorTexts()) })
	return a.texts
}

// anchorTexts returns every fragment a fully scanned page answers to,
// sorted.
func (p *page) anchorTexts() []string {
	out := make([]string, 0, len(p.ids)+len(p.names))
	for id := range p.ids {
		out = append(out, id)
	}
	for n := range p.names {
		out = append(out, n)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// byLength sorts words by length then text, without repeats.
func byLength(words []string) []string {
	slices.SortFunc(words, compareByLength)
	return slices.Compact(words)
}

func compareByLength(a, b string) int { return cmp.Or(cmp.Compare(len(a), len(b)), cmp.Compare(a, b)) }

func isHTML(name string) bool {
	return hasSuffixFold(name, ".html") || hasSuffixFold(name, ".htm")
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}
