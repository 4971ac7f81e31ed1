package sourceurl

import "testing"

const k8s = "https://github.com/kubernetes/sig-release/blob/master/release-team/role-handbooks/docs/README.md"

func TestResolve(t *testing.T) {
	for _, c := range []struct {
		base, dest string
		image      bool
		want       string
		ok         bool
	}{
		// GitHub.
		{k8s, "../enhancements/README.md", false, "https://github.com/kubernetes/sig-release/blob/master/release-team/role-handbooks/enhancements/README.md", true},
		{k8s, "Release-Timeline.md#week-1", false, "https://github.com/kubernetes/sig-release/blob/master/release-team/role-handbooks/docs/Release-Timeline.md#week-1", true},
		{k8s, "/releases/release-1.35/README.md", false, "https://github.com/kubernetes/sig-release/blob/master/releases/release-1.35/README.md", true},
		{k8s, "/releases/release-1.35/", false, "https://github.com/kubernetes/sig-release/blob/master/releases/release-1.35/", true},
		{k8s, "pics/flow.png", true, "https://github.com/kubernetes/sig-release/raw/master/release-team/role-handbooks/docs/pics/flow.png", true},
		{k8s, "/pics/flow.png", true, "https://github.com/kubernetes/sig-release/raw/master/pics/flow.png", true},
		{k8s, "#docs-lead", false, "https://github.com/kubernetes/sig-release/blob/master/release-team/role-handbooks/docs/README.md#docs-lead", true},
		{k8s, "./", false, "https://github.com/kubernetes/sig-release/blob/master/release-team/role-handbooks/docs/", true},
		{k8s, "../../../../../../x", false, "https://github.com/kubernetes/x", true},
		// A folder shown with its README: links start from the folder.
		{"https://github.com/o/r/tree/main/docs", "guide.md", false, "https://github.com/o/r/tree/main/docs/guide.md", true},
		{"https://github.com/o/r/tree/main/docs", "/top.md", false, "https://github.com/o/r/blob/main/top.md", true},
		{"https://github.com/o/r/tree/main/docs", "a.png", true, "https://github.com/o/r/raw/main/docs/a.png", true},
		// GitLab, with nested groups.
		{"https://gitlab.com/group/sub/repo/-/blob/main/doc/guide.md", "other.md", false, "https://gitlab.com/group/sub/repo/-/blob/main/doc/other.md", true},
		{"https://gitlab.com/group/sub/repo/-/blob/main/doc/guide.md", "/CONTRIBUTING.md", false, "https://gitlab.com/group/sub/repo/-/blob/main/CONTRIBUTING.md", true},
		{"https://gitlab.com/group/sub/repo/-/blob/main/doc/guide.md", "img/a.png", true, "https://gitlab.com/group/sub/repo/-/raw/main/doc/img/a.png", true},
		// Any other host: relative as a browser resolves it, root-absolute
		// from the host's root, images as they are.
		{"https://docs.example.org/handbook/guide.html", "other.html", false, "https://docs.example.org/handbook/other.html", true},
		{"https://docs.example.org/handbook/guide.html", "/about/", false, "https://docs.example.org/about/", true},
		{"https://docs.example.org/handbook/guide.html", "a.png", true, "https://docs.example.org/handbook/a.png", true},
		{"http://example.org/a/b?x=1", "c?y=2", false, "http://example.org/a/c?y=2", true},
		// Not relative: left alone.
		{k8s, "https://kubernetes.io/", false, "", false},
		{k8s, "mailto:x@example.org", false, "", false},
		{k8s, "//example.org/x", false, "", false},
		{k8s, "", false, "", false},
	} {
		b, err := Parse(c.base)
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.base, err)
		}
		got, ok := b.Resolve(c.dest, c.image)
		if got != c.want || ok != c.ok {
			t.Errorf("%s: Resolve(%q, image=%v) = %q, %v; want %q, %v", c.base, c.dest, c.image, got, ok, c.want, c.ok)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, raw := range []string{
		"github.com/o/r/blob/main/x.md",
		"/roles/docs.md",
		"../docs/README.md",
		"ftp://example.org/x",
		"https://",
		"https://user:pw@example.org/x",
		"javascript:alert(1)",
		"https://exa mple.org/%zz",
	} {
		if b, err := Parse(raw); err == nil {
			t.Errorf("Parse(%q) = %v, want an error", raw, b)
		}
	}
}

func TestKey(t *testing.T) {
	same := [][]string{
		{
			"https://github.com/o/r/blob/main/docs",
			"https://github.com/o/r/blob/main/docs/",
			"https://github.com/o/r/blob/main/docs/README.md",
			"https://github.com/o/r/blob/main/docs/index.md",
			"https://github.com/o/r/tree/main/docs",
			"https://github.com/o/r/tree/main/docs/",
			"https://GitHub.com/o/r/blob/main/docs/README.md#section",
		},
		{
			"https://gitlab.com/g/r/-/blob/main/doc/README.md",
			"https://gitlab.com/g/r/-/tree/main/doc",
		},
		{
			"https://docs.example.org/guide/",
			"https://docs.example.org/guide/index.md",
		},
	}
	keys := map[string]int{}
	for i, urls := range same {
		for _, u := range urls {
			k, ok := Key(u)
			if !ok {
				t.Fatalf("Key(%q) not ok", u)
			}
			if j, seen := keys[k]; seen && j != i {
				t.Errorf("Key(%q) = %q, the key of another document", u, k)
			}
			keys[k] = i
			if first, _ := Key(urls[0]); k != first {
				t.Errorf("Key(%q) = %q, want %q (as %q)", u, k, first, urls[0])
			}
		}
	}
	for _, pair := range [][2]string{
		{"https://github.com/o/r/blob/main/docs/guide.md", "https://github.com/o/r/blob/main/docs/"},
		{"https://github.com/o/r/blob/main/docs/", "https://github.com/o/r/blob/v2/docs/"},
		{"https://github.com/o/r/blob/main/docs/", "https://github.com/o/other/blob/main/docs/"},
	} {
		a, _ := Key(pair[0])
		b, _ := Key(pair[1])
		if a == b {
			t.Errorf("Key(%q) = Key(%q) = %q: different documents", pair[0], pair[1], a)
		}
	}
	if _, ok := Key("../docs/"); ok {
		t.Error("Key of a relative link is ok")
	}
}

// FuzzResolve checks that any link, against any source_url, resolves
// without a panic to an absolute URL of the same scheme and host, whose
// Key is defined.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{"../a/README.md#x", "/releases/", "pics/a b.png", "#top", "?q", "%zz", "../../../../.."} {
		f.Add(k8s, s, false)
		f.Add("https://gitlab.com/g/r/-/tree/main/doc", s, true)
	}
	f.Fuzz(func(t *testing.T, base, dest string, image bool) {
		b, err := Parse(base)
		if err != nil {
			return
		}
		u, ok := b.Resolve(dest, image)
		if !ok {
			return
		}
		parsed, err := Parse(u)
		if err != nil {
			t.Fatalf("Resolve(%q) against %q = %q, not an absolute URL: %v", dest, base, u, err)
		}
		if parsed.u.Host != b.u.Host || parsed.u.Scheme != b.u.Scheme {
			t.Fatalf("Resolve(%q) against %q = %q: another host", dest, base, u)
		}
		if _, ok := Key(u); !ok {
			t.Fatalf("Key(%q) not ok", u)
		}
	})
}
