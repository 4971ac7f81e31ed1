// Package sourceurl resolves the links of a document that also lives
// somewhere else — a role guide kept in a GitHub or GitLab repository and
// copied into a handbook — the way that other place resolves them, so
// that the copy needs no rewriting.
//
// A document's source_url is where it lives, such as
// https://github.com/kubernetes/sig-release/blob/master/release-team/role-handbooks/docs/README.md.
// [Base.Resolve] turns a link written in it into the absolute URL it
// names there:
//
//   - a relative link ("../enhancements/README.md", "pics/a.png") resolves
//     against source_url, as a browser would;
//   - a root-absolute link ("/releases/release-1.35/README.md") resolves
//     from the repository's root, as GitHub and GitLab do: for
//     https://<host>/<owner>/<repo>/blob/<ref>/... (GitLab:
//     .../<repo>/-/blob/<ref>/..., groups nested or not) that is
//     https://<host>/<owner>/<repo>/blob/<ref>/; for any other URL, the
//     host's root;
//   - an image resolves to the file's raw address ("/raw/" in place of
//     "/blob/" or "/tree/"), so that it displays rather than showing the
//     repository's page about the file.
//
// [Key] names the document a URL is about, so that links can be matched
// with the source_url of the other documents of a handbook: the
// fragment and query are dropped, "/tree/" and "/blob/" are the same, and
// ".../docs", ".../docs/", ".../docs/README.md" and ".../docs/index.md"
// are the same document.
package sourceurl

import (
	"fmt"
	"net/url"
	"path"
	"strings"
)

// Base is a parsed source_url.
type Base struct {
	u *url.URL
	// root is the repository's root: where a root-absolute link starts.
	root *url.URL
	// kind is "blob" for a repository file URL, "" for another URL; at
	// is the index in the path's segments of the blob/tree/raw segment.
	at int
}

// Parse checks that raw is an absolute http(s) URL and returns it as a
// Base. Its error says what is wrong, for a message at the key.
func Parse(raw string) (*Base, error) {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return nil, fmt.Errorf("source_url %q is not a URL: %v", raw, unwrap(err))
	case u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.Opaque != "":
		return nil, fmt.Errorf("source_url %q must be an absolute http or https URL, such as \"https://github.com/owner/repo/blob/main/docs/guide.md\"", raw)
	case u.User != nil:
		return nil, fmt.Errorf("source_url %q must not hold a user name or password", raw)
	}
	u.Fragment, u.RawFragment = "", ""
	b := &Base{u: u, at: -1}
	segs := strings.Split(strings.TrimPrefix(u.Path, "/"), "/")
	b.at = repoSegment(segs)
	root := *u
	root.RawQuery, root.ForceQuery = "", false
	if b.at >= 0 && b.at+1 < len(segs) {
		root.Path = "/" + strings.Join(segs[:b.at+2], "/") + "/"
		root.Path = strings.Replace(root.Path, "/"+segs[b.at]+"/", "/blob/", 1)
	} else {
		root.Path = "/"
	}
	root.RawPath = ""
	b.root = &root
	if b.at >= 0 && segs[b.at] == "tree" && !strings.HasSuffix(u.Path, "/") {
		// A folder, shown with its README: links in it start from the
		// folder.
		folder := *u
		folder.Path += "/"
		folder.RawPath = ""
		b.u = &folder
	}
	return b, nil
}

func unwrap(err error) error {
	if e, ok := err.(*url.Error); ok {
		return e.Err
	}
	return err
}

// repoSegment returns the index of the "blob", "tree" or "raw" segment
// of a repository URL's path — owner/repo/blob/ref/... (GitHub, Gitea,
// Bitbucket's "src" aside) or group/.../repo/-/blob/ref/... (GitLab) — or
// -1 for another URL.
func repoSegment(segs []string) int {
	for i, s := range segs {
		if s == "-" && i >= 2 && i+1 < len(segs) && isRepoView(segs[i+1]) {
			return i + 1
		}
	}
	if len(segs) >= 3 && isRepoView(segs[2]) {
		return 2
	}
	return -1
}

func isRepoView(s string) bool { return s == "blob" || s == "tree" || s == "raw" }

// String is the source_url as parsed.
func (b *Base) String() string { return b.u.String() }

// IsRootAbsolute reports whether dest starts from a root ("/x") rather
// than from a host ("//host/x").
func IsRootAbsolute(dest string) bool {
	return strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "//")
}

// HasScheme reports whether dest names a scheme ("https:", "mailto:").
func HasScheme(dest string) bool {
	for i, c := range dest {
		switch {
		case c == ':':
			return i > 0
		case !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')):
			return false
		}
	}
	return false
}

// Resolve returns the absolute URL that dest, a relative or
// root-absolute link written in the document, names where the document
// lives; an image (image set) resolves to its raw address. ok is false
// for a link that is not relative or root-absolute (one with a scheme or
// a host) or that is not a URL at all.
func (b *Base) Resolve(dest string, image bool) (string, bool) {
	if dest == "" || HasScheme(dest) || strings.HasPrefix(dest, "//") || strings.HasPrefix(dest, `\`) {
		return "", false
	}
	ref, err := url.Parse(dest)
	if err != nil {
		return "", false
	}
	base := b.u
	if IsRootAbsolute(dest) {
		base = b.root
		ref.Path = strings.TrimPrefix(ref.Path, "/")
		if ref.RawPath != "" {
			ref.RawPath = strings.TrimPrefix(ref.RawPath, "/")
		}
	}
	out := base.ResolveReference(ref)
	if ref.Path == "" && ref.RawQuery == "" && !ref.ForceQuery {
		// "#fragment" alone: this document.
		out.RawQuery = b.u.RawQuery
	}
	if image {
		out = raw(out)
	}
	return out.String(), true
}

// raw is the address of a repository file's bytes: "/raw/" in place of
// "/blob/" or "/tree/"; any other URL as it is.
func raw(u *url.URL) *url.URL {
	segs := strings.Split(strings.TrimPrefix(u.Path, "/"), "/")
	at := repoSegment(segs)
	if at < 0 || segs[at] == "raw" {
		return u
	}
	segs[at] = "raw"
	r := *u
	r.Path = "/" + strings.Join(segs, "/")
	r.RawPath = ""
	return &r
}

// Key names the document a URL is about (see the package comment), for
// comparing a link with source_urls. ok is false for a URL that is not
// absolute http(s).
func Key(raw string) (key string, ok bool) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	p := u.Path
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	if at := repoSegment(segs); at >= 0 && segs[at] == "tree" {
		segs[at] = "blob"
		p = "/" + strings.Join(segs, "/")
	}
	p = strings.TrimSuffix(p, "/")
	switch strings.ToLower(path.Base(p)) {
	case "readme.md", "index.md":
		p = path.Dir(p)
	}
	p = strings.TrimSuffix(p, "/")
	k := strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host) + p
	if u.RawQuery != "" {
		k += "?" + u.RawQuery
	}
	return k, true
}

// Fragment splits the "#fragment" off a URL: the URL without it, and
// the fragment with its "#" ("" when there is none).
func Fragment(raw string) (rest, fragment string) {
	if i := strings.IndexByte(raw, '#'); i >= 0 {
		return raw[:i], raw[i:]
	}
	return raw, ""
}
