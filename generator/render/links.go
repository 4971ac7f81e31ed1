package render

import (
	"path"
	"strings"
	"sync"
	"sync/atomic"
)

// rebase returns the Context.Rebase for text written for the page at home
// and shown on page p: a relative link keeps pointing where its author
// meant ("../../glossary/" from a guide is the glossary, also on a
// checklist one folder deeper), and a bare "#anchor" points at home's
// anchor. Absolute URLs and links that climb above the site root are left
// as written; the link checker reports the latter.
func rebase(p page, home string) func(string) string {
	if home == p.Path {
		return nil
	}
	return func(dest string) string { return resolveRebase(home, dest).on(p, dest) }
}

// rebase is the package's rebase, remembering where each link of each
// home leads, and how pages at the same depth write it: a guide's links
// are the same on every checklist of the role.
func (s *shared) rebase(p page, home string) func(string) string {
	if home == p.Path {
		return nil
	}
	links, ok := s.rebased.Load(home)
	if !ok {
		links, _ = s.rebased.LoadOrStore(home, new(sync.Map))
	}
	homeLinks := links.(*sync.Map) // dest → *rebasedLink
	return func(dest string) string {
		l, ok := homeLinks.Load(dest)
		if !ok {
			l, _ = homeLinks.LoadOrStore(dest, &rebasedLink{rebased: resolveRebase(home, dest)})
		}
		link := l.(*rebasedLink)
		r := link.rebased
		if r.keep || strings.HasPrefix(r.resolved, p.Path) {
			return r.on(p, dest) // as written, or relative to p's own folder
		}
		// Anywhere else the link climbs to the root first, the same way
		// from every page as deep as p.
		if last := link.last.Load(); last != nil && last.root == p.Root {
			return last.out
		}
		out := r.on(p, dest)
		link.last.Store(&rootedLink{p.Root, out})
		return out
	}
}

// rebasedLink is a link of a home, and how it was last written from the
// root.
type rebasedLink struct {
	rebased
	last atomic.Pointer[rootedLink]
}

type rootedLink struct{ root, out string }

// rebased is where a link written for a page leads, whatever page shows
// it.
type rebased struct {
	// keep is set for a link to leave as written.
	keep bool
	// resolved is the site path the link leads to, and tail its "?query"
	// and "#fragment", as written.
	resolved, tail string
}

func resolveRebase(home, dest string) rebased {
	rest, fragment, _ := strings.Cut(dest, "#")
	target, query, hasQuery := strings.Cut(rest, "?")
	if isAbsoluteURL(target) {
		return rebased{keep: true}
	}
	resolved := home
	if target != "" {
		resolved = path.Join(home, target)
		if resolved == ".." || strings.HasPrefix(resolved, "../") {
			return rebased{keep: true}
		}
		if strings.HasSuffix(target, "/") || path.Base(target) == ".." || path.Base(target) == "." {
			resolved += "/"
		}
		if resolved == "./" || resolved == "." {
			resolved = ""
		}
	}
	r := rebased{resolved: resolved}
	if hasQuery {
		r.tail = "?" + query
	}
	if fragment != "" || strings.HasSuffix(dest, "#") {
		r.tail += "#" + fragment
	}
	return r
}

// on is the link as page p writes it.
func (r rebased) on(p page, dest string) string {
	if r.keep {
		return dest
	}
	return p.url(r.resolved) + r.tail
}

// isAbsoluteURL reports whether a link names a scheme ("https:",
// "mailto:") or starts from a root ("/x", "//host").
func isAbsoluteURL(s string) bool {
	if strings.HasPrefix(s, "/") || strings.HasPrefix(s, "\\") {
		return true
	}
	for i, c := range s {
		switch {
		case c == ':':
			return i > 0
		case c == '/' || c == '?' || c == '#':
			return false
		case !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')):
			return false
		}
	}
	return false
}
