package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	neturl "net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/site"
)

// smallSite is a site folder with one release, one guide and one page.
var smallSite = map[string]string{
	"handbook.toml": `title = "Preview"
base_url = "https://example.org/hb/"
`,
	"releases/v1.toml": `name = "Preview v1"
start = 2026-10-05

[milestone.freeze]
name = "Code freeze"
date = 2026-11-05
key = true

[milestone.release]
name = "Released"
date = 2026-12-02
key = true
`,
	"roles/lead.md": `+++
title = "Lead"
+++

The lead steers the cycle.

## Week 1 {when="week 1"}

- [ ] Open the cycle
`,
}

var today = handbook.MustDate(2026, 10, 20)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// syncBuffer is a log the server writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start runs a server on a free loopback port over a copy of files, and
// stops it when the test ends, failing the test if it does not stop.
func start(t *testing.T, files map[string]string) (s *Server, dir, url string, log *syncBuffer) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "site")
	writeFiles(t, dir, files)
	log = &syncBuffer{}
	ready := make(chan string, 1)
	s, err := New(Options{Dir: dir, Addr: "127.0.0.1:0", Site: site.Options{Today: today}, Log: log,
		Ready: func(url string) { ready <- url }})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("the server did not stop within 5s of its context ending")
		}
	})
	select {
	case url = <-ready:
	case err := <-done:
		t.Fatalf("Run: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not start")
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("url %q: want a loopback address", url)
	}
	return s, dir, url, log
}

func get(t *testing.T, url string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(body)
}

// stream is one open page's view of the event stream.
type stream struct{ events chan event }

func subscribe(t *testing.T, url string) *stream {
	t.Helper()
	return subscribeFrom(t, url, "")
}

// subscribeFrom opens the event stream as the script of a page does, with
// the page's path (when it is not "").
func subscribeFrom(t *testing.T, url, page string) *stream {
	t.Helper()
	query := ""
	if page != "" {
		query = "?page=" + neturl.QueryEscape(page)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+strings.TrimPrefix(EventsPath, "/")+query, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events: Content-Type %q", ct)
	}
	s := &stream{events: make(chan event, 64)}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var e event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				e.data = strings.TrimPrefix(line, "data: ")
			case line == "" && e.name != "":
				s.events <- e
				e = event{}
			}
		}
		close(s.events)
	}()
	return s
}

// next waits for the next event, which must be called name.
func (s *stream) next(t *testing.T, name string) event {
	t.Helper()
	select {
	case e, ok := <-s.events:
		if !ok {
			t.Fatalf("the event stream ended while waiting for %q", name)
		}
		if e.name != name {
			t.Fatalf("event %q (%s), want %q", e.name, e.data, name)
		}
		return e
	case <-time.After(10 * time.Second):
		t.Fatalf("no %q event within 10s", name)
	}
	return event{}
}

// settle waits for a "reload", passing over the "errors" events of the
// builds that ran while files were still being written: a folder made
// again file by file is briefly a site folder without its handbook.toml.
func (s *stream) settle(t *testing.T) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case e, ok := <-s.events:
			if !ok {
				t.Fatalf("the event stream ended while waiting for a reload")
			}
			switch e.name {
			case "reload":
				return
			case "errors":
				continue
			}
			t.Fatalf("event %q (%s), want a reload", e.name, e.data)
		case <-deadline:
			t.Fatalf("no reload within 10s")
		}
	}
}

func (s *stream) quiet(t *testing.T, d time.Duration) {
	t.Helper()
	select {
	case e := <-s.events:
		t.Fatalf("unexpected event %q (%s)", e.name, e.data)
	case <-time.After(d):
	}
}

func (s *Server) built(name string) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.site == nil {
		return nil
	}
	data, _, _ := s.site.File(name)
	return data
}

func TestLiveReload(t *testing.T) {
	s, dir, url, log := start(t, smallSite)

	status, h, body := get(t, url+"roles/lead/")
	if status != 200 || h.Get("Content-Type") != "text/html; charset=utf-8" || !strings.Contains(body, "Open the cycle") {
		t.Fatalf("GET /roles/lead/: %d %q\n%s", status, h.Get("Content-Type"), body)
	}
	if !strings.Contains(body, `new EventSource("/_relbook/events?page=" + encodeURIComponent(location.pathname))`) || !strings.Contains(body, "var build = 1;") {
		t.Error("served pages must carry the reload script")
	}
	if bytes.Contains(s.built("roles/lead/index.html"), []byte("_relbook")) {
		t.Error("the reload script must not be part of the built site")
	}

	page := subscribe(t, url)
	if e := page.next(t, "hello"); e.data != `{"build":1}` {
		t.Errorf("hello: %s", e.data)
	}

	// Save a guide: the page reloads and the new text is served.
	writeFiles(t, dir, map[string]string{"roles/lead.md": strings.Replace(smallSite["roles/lead.md"], "Open the cycle", "Open the new cycle", 1)})
	if e := page.next(t, "reload"); e.data != `{"build":2}` {
		t.Errorf("reload: %s", e.data)
	}
	if _, _, body := get(t, url+"roles/lead/"); !strings.Contains(body, "Open the new cycle") {
		t.Error("the edit is not served after the reload event")
	}
	if !strings.Contains(log.String(), "relbook: rebuilt in ") {
		t.Errorf("the terminal must show each rebuild and its time:\n%s", log)
	}

	// Break the release: the last good site stays up and the pages hear
	// about every problem.
	writeFiles(t, dir, map[string]string{"releases/v1.toml": "name = \"Preview v1\"\nstart = 2026-10-05\n\n[milestone.release]\ndat = 2026-12-02\nat = \"nowhere + 1w\"\n"})
	e := page.next(t, "errors")
	var problems []string
	if err := json.Unmarshal([]byte(e.data), &problems); err != nil {
		t.Fatalf("errors data %q: %v", e.data, err)
	}
	joined := strings.Join(problems, "\n")
	for _, want := range []string{`releases/v1.toml:5:1: unknown key "dat"`, `releases/v1.toml:6:7: at: unknown milestone "nowhere"`} {
		if !strings.Contains(joined, want) {
			t.Errorf("errors event lacks %q:\n%s", want, joined)
		}
	}
	if status, _, body := get(t, url+"roles/lead/"); status != 200 || !strings.Contains(body, "Open the new cycle") {
		t.Errorf("during a broken edit the last good page must be served: %d", status)
	}
	if !strings.Contains(log.String(), "still serving the last good site") || !strings.Contains(log.String(), `releases/v1.toml:5:1: unknown key "dat"`) {
		t.Errorf("the terminal must show the problems:\n%s", log)
	}
	// A page opened now learns about the problems at once.
	late := subscribe(t, url)
	late.next(t, "hello")
	late.next(t, "errors")

	// Fix it: the overlay goes with a reload.
	writeFiles(t, dir, map[string]string{"releases/v1.toml": strings.Replace(smallSite["releases/v1.toml"], "Code freeze", "Code freeze (moved)", 1)})
	page.next(t, "reload")
	late.next(t, "reload")
	if _, _, body := get(t, url+"releases/v1/"); !strings.Contains(body, "Code freeze (moved)") {
		t.Error("the fix is not served")
	}

	// A folder created while serving is watched: a page written into it
	// later appears.
	if err := os.Mkdir(filepath.Join(dir, "pages"), 0o755); err != nil {
		t.Fatal(err)
	}
	page.quiet(t, 400*time.Millisecond) // an empty folder changes no page
	writeFiles(t, dir, map[string]string{"pages/about.md": "+++\ntitle = \"About\"\n+++\n\nAbout this handbook.\n"})
	page.next(t, "reload")
	if status, _, body := get(t, url+"about/"); status != 200 || !strings.Contains(body, "About this handbook.") {
		t.Errorf("GET /about/: %d", status)
	}
}

// A broken link shows only once the whole site is rendered: the edit is
// served at once, and the problem follows in the terminal and the
// overlay; the fix clears it. A save that changes nothing the site is
// built from reloads nothing.
func TestProblemsOfTheWholeSite(t *testing.T) {
	s, dir, url, log := start(t, smallSite)
	page := subscribeFrom(t, url, "/roles/lead/")
	page.next(t, "hello")
	s.awaitedFor(t, "roles/lead/index.html")

	broken := strings.Replace(smallSite["roles/lead.md"], "Open the cycle", "Open the cycle (see [notes](../../nowhere/))", 1)
	writeFiles(t, dir, map[string]string{"roles/lead.md": broken})
	page.next(t, "reload")
	if _, _, body := get(t, url+"roles/lead/"); !strings.Contains(body, "see <a") {
		t.Error("the edit must be served before the whole site is checked")
	}
	e := page.next(t, "errors")
	if !strings.Contains(e.data, "roles/lead.md:") || !strings.Contains(e.data, "nowhere") {
		t.Errorf("the broken link must be reported at its place in the guide: %s", e.data)
	}
	if !strings.Contains(log.String(), "checked the whole site in ") {
		t.Errorf("the terminal must say the whole site has problems:\n%s", log)
	}

	writeFiles(t, dir, map[string]string{"roles/lead.md": smallSite["roles/lead.md"]})
	page.next(t, "reload")
	late := subscribe(t, url)
	late.next(t, "hello")
	late.quiet(t, 300*time.Millisecond) // no problems left to show

	// The same bytes again, as an editor saves an unchanged file.
	writeFiles(t, dir, map[string]string{"roles/lead.md": smallSite["roles/lead.md"]})
	page.quiet(t, 500*time.Millisecond)
	if res := s.Rebuild(); !res.OK() || res.Changed {
		t.Errorf("a rebuild of the same input: ok %v, changed %v", res.OK(), res.Changed)
	}
}

// awaitedFor fails the test unless an open page registers that it shows
// name, waiting a little for its stream to be counted.
func (s *Server) awaitedFor(t *testing.T, name string) {
	t.Helper()
	for range 100 {
		s.mu.Lock()
		for _, shows := range s.clients {
			if shows == name {
				s.mu.Unlock()
				return
			}
		}
		s.mu.Unlock()
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("no open page shows %s", name)
}

// vanishingFS deletes a file from the disk just before the build reads
// it, once armed: the file is listed, then gone, as when an editor renames
// it or a git checkout runs during a rebuild.
type vanishingFS struct {
	fs.FS
	dir, name string
	armed     *atomic.Bool
}

func (v vanishingFS) Open(name string) (fs.File, error) {
	if name == v.name && v.armed.CompareAndSwap(true, false) {
		os.Remove(filepath.Join(v.dir, filepath.FromSlash(name)))
	}
	return v.FS.Open(name)
}

func TestFileVanishesDuringRebuild(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, smallSite)
	armed := &atomic.Bool{}
	s, err := New(Options{FS: vanishingFS{FS: os.DirFS(dir), dir: dir, name: "roles/lead.md", armed: armed}, Site: site.Options{Today: today}})
	if err != nil {
		t.Fatal(err)
	}
	good := s.built("roles/lead/index.html")
	if good == nil {
		t.Fatal("the first build has no guide")
	}
	armed.Store(true)
	res := s.Rebuild()
	if res.OK() || !strings.Contains(strings.Join(res.Errors, "\n"), "roles/lead.md:1:1: cannot read") {
		t.Errorf("a file gone between listing and reading: ok %v, %v", res.OK(), res.Errors)
	}
	if !bytes.Equal(s.built("roles/lead/index.html"), good) {
		t.Error("the last good site must stay")
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	if status, _, body := get(t, srv.URL+"/roles/lead/"); status != 200 || !strings.Contains(body, "Open the cycle") {
		t.Errorf("GET /roles/lead/ after a vanished file: %d", status)
	}
	// Deleted for good, the role simply goes; back again, it returns.
	if res := s.Rebuild(); !res.OK() || s.built("roles/lead/index.html") != nil {
		t.Errorf("without the guide: ok %v %v", res.OK(), res.Errors)
	}
	writeFiles(t, dir, smallSite)
	if res := s.Rebuild(); !res.OK() || s.built("roles/lead/index.html") == nil {
		t.Errorf("after the file is back: %v", res.Errors)
	}
}

// Files renamed and deleted while the preview rebuilds again and again:
// no panic, every request answered, and a good site once it settles.
func TestChurn(t *testing.T) {
	s, dir, url, _ := start(t, smallSite)
	stop := time.After(1500 * time.Millisecond)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			a, b := filepath.Join(dir, "roles", "lead.md"), filepath.Join(dir, "roles", "lead2.md")
			if i%2 == 1 {
				a, b = b, a
			}
			os.Rename(a, b)
			os.RemoveAll(filepath.Join(dir, "pages"))
			os.MkdirAll(filepath.Join(dir, "pages", "deep"), 0o755)
			os.WriteFile(filepath.Join(dir, "pages", "p.md"), []byte("+++\ntitle = \"P\"\n+++\nx\n"), 0o644)
			time.Sleep(7 * time.Millisecond)
		}
	}()
	for {
		select {
		case <-done:
			os.Remove(filepath.Join(dir, "roles", "lead2.md"))
			os.RemoveAll(filepath.Join(dir, "pages"))
			writeFiles(t, dir, smallSite)
			if res := s.Rebuild(); !res.OK() {
				t.Fatalf("after the churn: %v", res.Errors)
			}
			if status, _, body := get(t, url+"roles/lead/"); status != 200 || !strings.Contains(body, "Open the cycle") {
				t.Errorf("after the churn: GET /roles/lead/ %d", status)
			}
			return
		default:
			if status, _, _ := get(t, url); status != 200 {
				t.Fatalf("GET / during the churn: %d", status)
			}
			s.Rebuild()
		}
	}
}

// rawGet sends path exactly as written, unlike http.Client, which may
// clean it.
func rawGet(t *testing.T, addr, path string) (int, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path, addr)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestNoPathLeavesTheSite(t *testing.T) {
	_, dir, url, _ := start(t, smallSite)
	const marker = "TOP-SECRET-NOT-IN-THE-SITE"
	if err := os.WriteFile(filepath.Join(filepath.Dir(dir), "secret.txt"), []byte(marker), 0o644); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"secret.txt": marker}) // a source file, never an output file
	addr := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")
	for _, p := range []string{
		"/../secret.txt", "/../../../../etc/passwd", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/etc/passwd",
		"/..%2fsecret.txt", "/..%2F..%2Fetc%2Fpasswd", `/\..\secret.txt`, `\..\..\etc\passwd`, "/%5c..%5csecret.txt",
		"/releases/../../secret.txt", "/releases/%2e%2e/%2e%2e/secret.txt", "/./index.html", "/..", "/secret.txt",
		"/handbook.toml", "//etc/passwd", "/%00", "/releases/v1/%2e%2e%2f%2e%2e%2fsecret.txt",
	} {
		status, body := rawGet(t, addr, p)
		if status != 400 && status != 404 {
			t.Errorf("GET %s: status %d, want 400 or 404", p, status)
		}
		if strings.Contains(body, marker) || strings.Contains(body, "root:") {
			t.Errorf("GET %s served a file from outside the built site", p)
		}
	}
}

func TestHandler(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, text := range smallSite {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	s, err := New(Options{FS: fsys, Site: site.Options{Today: today}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()

	whole, _, err := site.Generate(fsys, site.Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name := range whole.Files {
		names = append(names, name)
	}
	seen := map[string]bool{}
	for _, name := range names {
		want := map[string]string{
			".ics": "text/calendar; charset=utf-8", ".json": "application/json", ".xml": "application/xml",
			".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
		}[filepath.Ext(name)]
		if name == "changes.xml" {
			want = "application/atom+xml"
		}
		if want == "" {
			continue
		}
		seen[filepath.Ext(name)] = true
		status, h, _ := get(t, srv.URL+"/"+name)
		if status != 200 || h.Get("Content-Type") != want {
			t.Errorf("GET /%s: %d %q, want 200 %q", name, status, h.Get("Content-Type"), want)
		}
	}
	for _, ext := range []string{".html", ".json", ".xml", ".css"} {
		if !seen[ext] {
			t.Errorf("the site has no %s file to check", ext)
		}
	}

	// Folder URLs serve index.html; a folder without its slash redirects.
	if status, _, body := get(t, srv.URL+"/releases/v1/"); status != 200 || !strings.Contains(body, "Preview v1") {
		t.Errorf("GET /releases/v1/: %d", status)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(srv.URL + "/releases/v1?x=1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/releases/v1/?x=1" {
		t.Errorf("GET /releases/v1: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	// The redirect goes to the cleaned path, never to another host.
	addr := strings.TrimPrefix(srv.URL, "http://")
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(conn, "GET //releases HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", addr)
	resp, err = http.ReadResponse(bufio.NewReader(conn), nil)
	conn.Close()
	if err != nil || resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/releases/" {
		t.Errorf("GET //releases: %v %v %q", err, resp.StatusCode, resp.Header.Get("Location"))
	}
	// A missing page is the site's 404 page, with status 404, its links
	// leading around the preview rather than to base_url, where the
	// published 404.html points.
	status, _, body := get(t, srv.URL+"/no/such/page/")
	if status != 404 {
		t.Errorf("missing page: %d", status)
	}
	if notFound := s.built("404.html"); notFound != nil && !strings.Contains(body, string(notFound[:min(len(notFound), 40)])) {
		t.Errorf("missing page does not serve 404.html:\n%s", body)
	}
	if !strings.Contains(body, `href="/"`) || strings.Contains(body, `href="https://`) {
		t.Errorf("the preview's 404 page links elsewhere than around the preview:\n%s", body)
	}
	resp, err = http.Post(srv.URL+"/", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodHead, srv.URL+"/", nil)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 {
		t.Errorf("HEAD /: %v %v", resp, err)
	}
}

// Before any build has succeeded, every page shows the problems, escaped,
// with the script that reloads once they are fixed.
func TestNoGoodBuildYet(t *testing.T) {
	fsys := fstest.MapFS{
		"handbook.toml":    {Data: []byte("title = \"T\"\n\"<img src=x onerror=alert(1)>\" = 1\n")},
		"releases/v1.toml": {Data: []byte(smallSite["releases/v1.toml"])},
	}
	s, err := New(Options{FS: fsys, Site: site.Options{Today: today}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	status, _, body := get(t, srv.URL+"/releases/v1/")
	if status != 500 || !strings.Contains(body, `unknown key &#34;&lt;img src=x onerror=alert(1)&gt;&#34;`) || strings.Contains(body, "<img") {
		t.Errorf("error page: %d\n%s", status, body)
	}
	if !strings.Contains(body, "_relbook/events") {
		t.Error("the error page must reload when the problems are fixed")
	}
}

// The overlay shows problems as text: a message quoting markup must not
// become markup.
func TestOverlayUsesText(t *testing.T) {
	if strings.Contains(reloadScript, "innerHTML") || strings.Contains(reloadScript, "insertAdjacentHTML") || !strings.Contains(reloadScript, "textContent") {
		t.Error("the overlay must set textContent, never HTML")
	}
	page := injectScript([]byte("<html><body><p>x</p></BODY></html>"), 7)
	if !bytes.HasSuffix(page, []byte("</script>\n</BODY></html>")) || !bytes.Contains(page, []byte("var build = 7;")) {
		t.Errorf("script placement:\n%s", page)
	}
	if bare := injectScript([]byte("<p>x"), 1); !bytes.HasPrefix(bare, []byte("<p>x<script>")) {
		t.Errorf("a page without </body> gets the script at its end:\n%s", bare)
	}
}

func TestCleanPath(t *testing.T) {
	for _, c := range []struct {
		raw, name string
		dir, ok   bool
	}{
		{"/", "", true, true},
		{"/releases/v1/", "releases/v1/", true, true},
		{"/calendar.ics", "calendar.ics", false, true},
		{"//releases//v1/", "releases/v1/", true, true},
		{"/releases/v1/../x", "", false, false},
		{"/%2e%2e/x", "", false, false},
		{"/a%2fb", "", false, false},
		{"/a%5Cb", "", false, false},
		{"/.", "", false, false},
	} {
		req := httptest.NewRequest(http.MethodGet, "http://x"+c.raw, nil)
		name, dir, ok := cleanPath(req.URL)
		if name != c.name || dir != c.dir || ok != c.ok {
			t.Errorf("cleanPath(%q) = %q, %v, %v; want %q, %v, %v", c.raw, name, dir, ok, c.name, c.dir, c.ok)
		}
	}
}

// The terminal gets the problems of a build escaped: a file name or a
// message from the site folder cannot send the terminal commands.
func TestProblemsEscapedInTheTerminal(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, text := range smallSite {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	fsys["pages/a\x1b]0;PWNED\a\u202eb.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"P\"\n+++\nx\n")}
	log := &syncBuffer{}
	if _, err := New(Options{FS: fsys, Site: site.Options{Today: today}, Log: log}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), `pages/a\x1b]0;PWNED\a\u202eb.md:1:1: `) || strings.ContainsAny(log.String(), "\x1b\a\u202e") {
		t.Errorf("the terminal must show the file name escaped:\n%q", log.String())
	}
}

// eventually polls until cond holds, failing the test if it does not
// within 10 seconds.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 10s", what)
		}
	}
}

// The site folder deleted, or moved away, and made again: while it is
// gone every page says so instead of showing the old site, and once it is
// back the preview serves and watches the new folder.
func TestSiteFolderComesBack(t *testing.T) {
	_, dir, url, log := start(t, smallSite)
	page := subscribe(t, url)
	page.next(t, "hello")
	withTask := func(task string) map[string]string {
		files := maps.Clone(smallSite)
		files["roles/lead.md"] = strings.Replace(smallSite["roles/lead.md"], "Open the cycle", task, 1)
		return files
	}
	serves := func(text string) func() bool {
		return func() bool {
			status, _, body := get(t, url+"roles/lead/")
			return status == 200 && strings.Contains(body, text)
		}
	}
	isGone := func(what string) {
		t.Helper()
		page.next(t, "reload")
		status, _, body := get(t, url+"roles/lead/")
		if status != 500 || !strings.Contains(body, "<h1>The site folder is gone</h1>") || strings.Contains(body, "Open the") {
			t.Errorf("%s: GET /roles/lead/: %d\n%s", what, status, body)
		}
		if !strings.Contains(body, "_relbook/events") {
			t.Errorf("%s: the page must reload when the folder is back", what)
		}
		if !strings.Contains(log.String(), "is gone; the pages say so until it is back") {
			t.Errorf("%s: the terminal must say so:\n%s", what, log)
		}
	}

	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	isGone("deleted")
	writeFiles(t, dir, withTask("Open the second cycle"))
	page.settle(t)
	eventually(t, "the recreated folder served", serves("Open the second cycle"))
	// The new folder is watched, the folders in it too.
	writeFiles(t, dir, withTask("Open the third cycle"))
	page.next(t, "reload")
	eventually(t, "an edit in the recreated folder served", serves("Open the third cycle"))

	if err := os.Rename(dir, dir+".old"); err != nil {
		t.Fatal(err)
	}
	isGone("moved away")
	writeFiles(t, dir, withTask("Open the fourth cycle"))
	page.settle(t)
	eventually(t, "the folder made again served", serves("Open the fourth cycle"))
	writeFiles(t, dir, withTask("Open the fifth cycle"))
	page.next(t, "reload")
	eventually(t, "an edit in the folder made again served", serves("Open the fifth cycle"))

	// A folder moved into place whole counts too.
	if err := os.Rename(dir, dir+".older"); err != nil {
		t.Fatal(err)
	}
	isGone("moved away again")
	if err := os.Rename(dir+".old", dir); err != nil {
		t.Fatal(err)
	}
	page.next(t, "reload")
	eventually(t, "the folder moved back served", serves("Open the third cycle"))
}

// ShowPath turns the site-relative paths of problems into the ones the
// command prints (relbook serve: from the working directory).
func TestShowPath(t *testing.T) {
	fsys := fstest.MapFS{
		"handbook.toml":    {Data: []byte("title = \"T\"\ndat = 1\n")},
		"releases/v1.toml": {Data: []byte(smallSite["releases/v1.toml"])},
	}
	log := &syncBuffer{}
	show := func(p string) string { return "content/" + p }
	if _, err := New(Options{FS: fsys, Site: site.Options{Today: today}, Log: log, ShowPath: show}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "content/handbook.toml:2:1: unknown key") {
		t.Errorf("problems must show the path ShowPath gives:\n%s", log.String())
	}
}
