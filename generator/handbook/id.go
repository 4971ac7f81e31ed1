package handbook

import "strings"

// MaxIDLength is the longest id relbook accepts, in bytes, for every kind
// of id. Ids become names of files and folders of the site (a role's
// roles/<id>.ics, a release's releases/<id>/, a page's <slug>/) and of the
// site folder (releases/<id>.toml), and file systems allow 255 bytes a
// name: 100 leaves room for every suffix relbook adds and reads better in
// a URL than anything near the limit.
const MaxIDLength = 100

// IsReleaseID reports whether s is a valid release id (SPEC §1): letters,
// digits, '.' and '-', starting with a letter or digit, without "..". The
// same rule names a theme's folder. Its length is checked apart, against
// MaxIDLength, so that a long id gets a message of its own.
func IsReleaseID(s string) bool {
	if s == "" || strings.Contains(s, "..") {
		return false
	}
	for i := range len(s) {
		c := s[i]
		alnum := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		if !alnum && (i == 0 || c != '.' && c != '-') {
			return false
		}
	}
	return true
}
