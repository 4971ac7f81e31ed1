package serve

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/relbook/relbook/generator/internal/hostile"
	"github.com/relbook/relbook/generator/site"
)

const secret = "SECRET-OF-THE-BUILD-MACHINE"

// refusedProblems are what a build says of the files addRefused makes.
var refusedProblems = []string{
	"roles/passwd.md:1:1: a symbolic link to outside the site folder; relbook follows only relative links that stay inside it",
	"roles/pipe.md:1:1: a named pipe (FIFO), not a file: relbook reads only regular files and folders",
	"static/env.txt:1:1: a symbolic link to outside the site folder; relbook follows only relative links that stay inside it",
}

// addRefused puts into the site folder dir what a hostile pull request
// can: links to a file outside it, absolute and relative, and a named pipe
// as a role guide.
func addRefused(t *testing.T, dir string) {
	t.Helper()
	outside := filepath.Join(filepath.Dir(dir), "secret.txt")
	if err := os.WriteFile(outside, []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	hostile.Symlink(t, outside, filepath.Join(dir, "static", "env.txt"))
	hostile.Symlink(t, "../../secret.txt", filepath.Join(dir, "roles", "passwd.md"))
	hostile.FIFO(t, filepath.Join(dir, "roles", "pipe.md"))
}

// notServed fails the test if a URL of the preview answers with a page,
// or with the secret.
func notServed(t *testing.T, url string) {
	t.Helper()
	for _, p := range []string{"env.txt", "roles/passwd/", "roles/pipe/"} {
		if status, _, body := get(t, url+p); status == 200 || strings.Contains(body, secret) {
			t.Errorf("GET /%s: %d; a refused file must not be served", p, status)
		}
	}
}

// The preview reads the site folder as a build does (package sitefs): a
// link that leads out of it and a named pipe in it are problems at their
// paths, there from the start or made while the preview runs, and what
// the links lead to is neither read nor served.
func TestRefusedFiles(t *testing.T) {
	t.Run("from the start", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "site")
		writeFiles(t, dir, smallSite)
		addRefused(t, dir)
		s, err := New(Options{Dir: dir, Site: site.Options{Today: today}})
		if err != nil {
			t.Fatal(err)
		}
		if res := s.Rebuild(); !slices.Equal(res.Errors, refusedProblems) {
			t.Errorf("problems:\n got %q\nwant %q", res.Errors, refusedProblems)
		}
		srv := httptest.NewServer(s.Handler())
		defer srv.Close()
		notServed(t, srv.URL+"/")
	})

	t.Run("while it runs", func(t *testing.T) {
		_, dir, url, _ := start(t, smallSite)
		page := subscribe(t, url)
		page.next(t, "hello")
		addRefused(t, dir)
		// The files may come in more than one rebuild.
		for {
			e := page.next(t, "errors")
			if e.data == `["`+strings.Join(refusedProblems, `","`)+`"]` {
				break
			}
		}
		notServed(t, url)
		if status, _, body := get(t, url+"roles/lead/"); status != 200 || !strings.Contains(body, "Open the cycle") {
			t.Errorf("GET /roles/lead/: %d; the last good site must stay", status)
		}
	})
}
