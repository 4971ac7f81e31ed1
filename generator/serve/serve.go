// Package serve is relbook's live preview: it builds the site in memory,
// serves it over HTTP, rebuilds when a file of the site folder changes and
// tells open pages to reload.
//
// A [Server] keeps the last site whose input built without errors and
// serves only that: files of the in-memory output, never anything from the
// disk, so no URL can reach outside the site. A broken edit does not take
// the preview down: the last good site stays up, the problems are printed
// to the terminal, and open pages show them in an overlay until a fix
// arrives, which reloads the pages.
//
// The site folder is read as every build reads it (package sitefs): a
// symbolic link that leads out of it, or a named pipe in it, is a problem
// reported at its path, never read and never served.
//
// A rebuild reloads the open pages as soon as the input has loaded and
// resolved, each page rendered first or when it is asked for ([site.Draft]);
// the rest of the site is rendered and its links checked afterwards, and a
// broken link found then is shown the same way (see [Server.Rebuild]).
//
// Pages learn about rebuilds over server-sent events at [EventsPath]. A
// small script, added to every HTML page as it is served (never to the
// built site that `relbook build` writes), listens there:
//
//	event: hello   data: {"build": N}      on connecting; N counts good builds
//	event: reload  data: {"build": N}      a new good build: reload the page
//	event: errors  data: ["path:line:col: message", ...]
//
// The script reloads on "reload", and on "hello" when the page came from an
// older build (it missed a reload while disconnected); it shows "errors"
// in an overlay, as text (never as HTML). It subscribes with its own path
// (?page=/releases/v3.4/), so that a rebuild renders the open pages first.
//
// Every route answers only requests whose Host header names localhost, an
// IP address, the host given to listen on or, listening on every
// interface, the machine's name; any other gets 403, so that a page of
// another site cannot read the preview through DNS rebinding (see
// allowedHosts).
//
// Changes are watched with fsnotify across the whole site folder,
// including folders created after the start, and a rebuild waits until
// no change has arrived for Debounce, so that an editor's burst of writes,
// renames and deletes makes one rebuild. The folder that holds the site
// folder is watched too: when the site folder is deleted or moved away,
// every page says it is gone (the old site no longer shows what is on the
// disk), and when a folder of that name appears again it is watched and
// built, and the pages reload.
package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"maps"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/site"
	"github.com/relbook/relbook/generator/sitefs"
	"github.com/relbook/relbook/generator/terminal"
)

// EventsPath is where pages subscribe to rebuild events.
const EventsPath = "/_relbook/events"

// DefaultDebounce is how long the site folder must stay quiet before a
// rebuild starts.
const DefaultDebounce = 100 * time.Millisecond

// Options configure a Server.
type Options struct {
	// Dir is the site folder on disk, watched for changes. Empty means
	// FS is served as it is, without watching (the built-in example).
	Dir string
	// FS is the site folder to build; default Dir, read through package
	// sitefs as every build reads a site folder on disk.
	FS fs.FS
	// Site are the build's settings: today, feed timestamps, base URL.
	Site site.Options
	// Today, when set, gives Site.Today afresh for every build, so that
	// a preview left running past midnight moves on to the next day.
	Today func() handbook.Date
	// Addr is the address to listen on, such as "127.0.0.1:1313";
	// ignored when Listener is set.
	Addr string
	// Listener, when set, is used instead of listening on Addr.
	Listener net.Listener
	// Bind is the host name or address the preview was asked to listen
	// on (relbook serve's --bind), when the Listener's address does not
	// say it. Besides localhost and IP addresses, requests may name only
	// this host, or with a wildcard address the machine's name; others
	// are refused with 403 (see allowedHosts).
	Bind string
	// Log receives a line per rebuild, with every problem found; nil
	// discards it.
	Log io.Writer
	// Debounce is the quiet time after the last change before a rebuild;
	// 0 means DefaultDebounce.
	Debounce time.Duration
	// Ready, when set, is called with the site's URL once the server
	// accepts connections.
	Ready func(url string)
	// ShowPath, when set, turns the path of a problem's file inside the
	// site folder into the one printed (relbook serve: the path from the
	// working directory).
	ShowPath func(string) string
}

// Server is a live preview of one site folder.
type Server struct {
	opts Options
	fsys fs.FS
	// folder is the site folder that the server opened itself (nil when
	// Options.FS was given); reopened when the folder at Dir is another
	// one, deleted or moved away and made again.
	folder *sitefs.Folder
	log    io.Writer
	// hosts are the hosts a request may name in its Host header.
	hosts allowedHosts

	// buildMu lets one build run at a time.
	buildMu sync.Mutex
	// cache keeps each file's decoded value and parsed markdown between
	// builds, so that a rebuild works only on the files that changed.
	cache site.Cache

	mu sync.Mutex
	// site is the last site whose input built without errors, rendered
	// as pages are asked for; nil until a build succeeds.
	site *site.Draft
	// input identifies what site was built from (see inputFS).
	input string
	// count is the number of files of site, once rendered.
	count int
	// awaited are the pages a rebuild waits to serve before it renders
	// the rest of the site, and fetched is closed when they have been.
	awaited map[string]bool
	fetched chan struct{}
	// build counts good builds; pages carry the number they came from.
	build int
	// problems are the errors of the latest build, sorted; nil when it
	// was good.
	problems []string
	warnings []string
	// gone is true while the site folder is missing: site is nil, and
	// every page says so.
	gone bool
	// clients are the open pages' event streams, each with the name of
	// the file the page shows ("" when it did not say).
	clients map[chan event]string

	quit     chan struct{}
	quitOnce sync.Once
}

type event struct{ name, data string }

// New makes a server and builds the site once, so that the first request
// finds it (or its problems).
func New(opts Options) (*Server, error) {
	s := &Server{opts: opts, fsys: opts.FS, log: opts.Log, hosts: newAllowedHosts(listenHost(opts)),
		clients: map[chan event]string{}, quit: make(chan struct{})}
	if s.log == nil {
		s.log = io.Discard
	}
	if s.opts.Debounce <= 0 {
		s.opts.Debounce = DefaultDebounce
	}
	if s.fsys == nil {
		if opts.Dir == "" {
			return nil, errors.New("serve: no site folder")
		}
		if err := s.openFolder(); err != nil {
			return nil, fmt.Errorf("serve: %s is not a folder", opts.Dir)
		}
	}
	s.Rebuild()
	return s, nil
}

// Result is what one rebuild did.
type Result struct {
	// Took is the time from reading the site folder to the reload: the
	// input loaded and resolved, ready to render any page on request.
	Took time.Duration
	// Checked is the time until the whole site was rendered and every link
	// checked, a while after the reload; 0 when the rebuild stopped first.
	Checked time.Duration
	// Files counts the files of the built site; 0 when it failed.
	Files int
	// Errors and Warnings are path:line:col: message, sorted.
	Errors, Warnings []string
	// Changed is false when nothing the site is built from has changed
	// since the last good build (nothing to reload).
	Changed bool
}

// OK reports whether the build succeeded.
func (r Result) OK() bool { return len(r.Errors) == 0 }

// Rebuild builds the site now, swaps it in if it has no errors, tells the
// open pages and writes a report to the log.
//
// It works in two steps, as Hugo's fast render mode does. First the site
// folder is loaded and resolved, which finds every problem in the input;
// without one, the new site replaces the old at once and open pages
// reload, each page rendered when it is asked for. Then the rest of the
// site is rendered and its links are checked; a problem found there (a
// broken link) goes to the terminal and the overlay as well.
func (s *Server) Rebuild() Result {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	start := time.Now()
	if s.opts.Dir != "" && !isFolder(s.opts.Dir) {
		return s.folderGone(start)
	}
	if s.folder != nil && !s.sameFolder() {
		if err := s.openFolder(); err != nil {
			return s.folderGone(start)
		}
	}
	opts := s.opts.Site
	if s.opts.Today != nil {
		opts.Today = s.opts.Today()
	}
	in := newInputFS(s.fsys)
	settings := fmt.Sprintf("%+v", opts)
	opts.Cache = &s.cache
	draft, diags, err := prepare(in, opts)
	input := in.identity(settings)
	res := Result{Took: time.Since(start)}
	res.add(diags, err, s.opts.ShowPath)

	s.mu.Lock()
	first := s.build == 0 && s.problems == nil
	res.Changed = res.OK() && (s.problems != nil || input != s.input)
	if !res.OK() || !res.Changed {
		res.Files = s.count
		s.mu.Unlock()
		s.conclude(res, first)
		return res
	}
	shown := slices.Sorted(maps.Values(s.clients))
	s.mu.Unlock()
	// The pages open now are rendered before they reload, so that
	// their requests find them made; the rest of the site follows.
	for _, name := range slices.Compact(shown) {
		if name != "" {
			draft.File(name)
		}
	}
	s.mu.Lock()
	s.site, s.input, s.problems, s.gone = draft, input, nil, false
	s.build++
	reload := event{"reload", fmt.Sprintf(`{"build":%d}`, s.build)}
	fetched := s.await(shown)
	s.mu.Unlock()
	res.Took = time.Since(start)
	fmt.Fprintf(s.log, "relbook: %s in %s: reloading the open pages\n", verb(first), ms(res.Took))
	s.tell(reload)

	// The second step: the whole site, and its links. It waits a moment
	// for the open pages to fetch themselves again, so that it does not
	// hold up their requests.
	select {
	case <-fetched:
	case <-time.After(reloadWait):
	}
	count, diags, err := finish(draft)
	res = Result{Took: res.Took, Checked: time.Since(start), Changed: true, Files: count}
	res.add(diags, err, s.opts.ShowPath)
	s.conclude(res, first)
	return res
}

// folderGone is a rebuild that finds no site folder (deleted, or moved
// away): the last site is dropped, since it no longer shows what is on
// the disk, and every page says that the folder is gone until it is back
// (the watcher notices it coming back, and the rebuild then reloads the
// pages). Open pages reload to show it.
func (s *Server) folderGone(start time.Time) Result {
	dir := filepath.ToSlash(s.opts.Dir)
	res := Result{Took: time.Since(start), Errors: []string{
		fmt.Sprintf("relbook: the site folder %s is gone (deleted or moved away)", dir)}}
	s.mu.Lock()
	already := s.gone
	s.site, s.input, s.count, s.problems, s.gone = nil, "", 0, res.Errors, true
	s.warnings = nil
	reload := event{"reload", fmt.Sprintf(`{"build":%d}`, s.build)}
	s.mu.Unlock()
	if !already {
		fmt.Fprintf(s.log, "relbook: %s is gone; the pages say so until it is back\n", terminal.Escape(dir))
		s.tell(reload)
	}
	return res
}

// openFolder opens the site folder at Dir as the one the server reads,
// closing the one it read before.
func (s *Server) openFolder() error {
	folder, err := sitefs.Open(s.opts.Dir)
	if err != nil {
		return err
	}
	if s.folder != nil {
		s.folder.Close()
	}
	s.folder, s.fsys = folder, folder
	return nil
}

// sameFolder reports whether the folder at Dir is still the one the
// server opened: an open folder goes on reading the folder it was opened
// on, wherever that was moved, even when a new one now stands at Dir.
func (s *Server) sameFolder() bool {
	now, err := os.Stat(s.opts.Dir)
	if err != nil {
		return false
	}
	was, err := s.folder.Stat(".")
	return err == nil && os.SameFile(now, was)
}

func isFolder(dir string) bool {
	st, err := os.Stat(dir)
	return err == nil && st.IsDir()
}

// conclude keeps the outcome of a rebuild's last step: its warnings, its
// problems if it has any (which go to the open pages), and the number of
// files of a site built whole; and reports it in the terminal first, so
// that what a page shows is already explained there.
func (s *Server) conclude(res Result, first bool) {
	s.mu.Lock()
	warningsChanged := !slices.Equal(s.warnings, res.Warnings)
	s.warnings = res.Warnings
	var news *event
	if !res.OK() {
		s.problems = res.Errors
		news = s.errorsEvent()
	} else if res.Checked > 0 {
		s.count = res.Files
	}
	s.mu.Unlock()
	s.report(res, first, warningsChanged)
	if news != nil {
		s.tell(*news)
	}
}

// reloadWait is how long a rebuild waits for the open pages to fetch
// themselves again before it renders the rest of the site.
const reloadWait = 250 * time.Millisecond

// await returns a channel that is closed once every page of names has
// been served (names that are "" are pages that did not say where they
// are, which nothing waits for); s.mu must be held.
func (s *Server) await(names []string) <-chan struct{} {
	s.awaited = map[string]bool{}
	for _, name := range names {
		if name != "" {
			s.awaited[name] = true
		}
	}
	s.fetched = make(chan struct{})
	if len(s.awaited) == 0 {
		close(s.fetched)
	}
	return s.fetched
}

// served notes that the page name was served, for await.
func (s *Server) served(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.awaited[name] {
		delete(s.awaited, name)
		if len(s.awaited) == 0 {
			close(s.fetched)
		}
	}
}

// add records a build's problems.
func (r *Result) add(diags diag.List, err error, showPath func(string) string) {
	for _, d := range diags.Unacknowledged().Sort() {
		if showPath != nil && d.Pos.Path != "" {
			d.Pos.Path = showPath(d.Pos.Path)
		}
		if d.Severity == diag.Error {
			r.Errors = append(r.Errors, d.String())
		} else {
			r.Warnings = append(r.Warnings, d.String())
		}
	}
	if err != nil {
		r.Errors = append(r.Errors, "relbook: "+err.Error())
	}
}

// errorsEvent tells pages the current problems; s.mu must be held.
func (s *Server) errorsEvent() *event {
	data, _ := json.Marshal(s.problems)
	return &event{"errors", string(data)}
}

// prepare runs the first step of a rebuild, turning a panic into an
// error: a half-edited file must never stop the preview.
func prepare(fsys fs.FS, opts site.Options) (d *site.Draft, diags diag.List, err error) {
	defer func() {
		if p := recover(); p != nil {
			d, err = nil, internalError(p)
		}
	}()
	d, diags, err = site.Prepare(fsys, opts)
	if err != nil || diags.HasErrors() {
		return nil, diags, err
	}
	return d, diags, nil
}

// finish runs the second step of a rebuild, turning a panic into an error.
func finish(d *site.Draft) (files int, diags diag.List, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = internalError(p)
		}
	}()
	res, diags, err := d.Finish()
	if res != nil {
		files = len(res.Files)
	}
	return files, diags, err
}

func internalError(p any) error {
	return fmt.Errorf("internal error while building (please report it): %v", p)
}

func verb(first bool) string {
	if first {
		return "built"
	}
	return "rebuilt"
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000)
}

// report writes what a rebuild did to the terminal. The terminal hears
// first, so that what a reloaded page shows is already explained there.
func (s *Server) report(res Result, first, warningsChanged bool) {
	switch {
	case !res.OK() && res.Checked > 0:
		fmt.Fprintf(s.log, "relbook: checked the whole site in %s: %s; the pages show the latest edit:\n", ms(res.Checked), count(len(res.Errors), "error"))
		printProblems(s.log, res.Errors)
	case !res.OK():
		fmt.Fprintf(s.log, "relbook: build failed in %s with %s; still serving the last good site:\n", ms(res.Took), count(len(res.Errors), "error"))
		printProblems(s.log, res.Errors)
	case !res.Changed:
		fmt.Fprintf(s.log, "relbook: %s in %s: nothing changed\n", verb(first), ms(res.Took))
	default:
		fmt.Fprintf(s.log, "relbook: whole site rendered and checked in %s: %d files\n", ms(res.Checked), res.Files)
	}
	if warningsChanged && len(res.Warnings) > 0 {
		printProblems(s.log, res.Warnings)
	}
}

// printProblems writes problems to the terminal, one a line, escaped: a
// message quotes the input.
func printProblems(w io.Writer, problems []string) {
	for _, p := range problems {
		fmt.Fprintln(w, terminal.Escape(p))
	}
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// tell sends an event to every open page. A page too slow to take it
// misses it (its next "hello" catches up).
func (s *Server) tell(e event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ch := range s.clients {
		select {
		case ch <- e:
		default:
		}
	}
}

// Run serves the site until ctx is done, rebuilding on every change of the
// site folder. It returns nil after a clean stop.
func (s *Server) Run(ctx context.Context) error {
	ln := s.opts.Listener
	if ln == nil {
		var err error
		if ln, err = net.Listen("tcp", s.opts.Addr); err != nil {
			return err
		}
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	watchCtx, stopWatching := context.WithCancel(ctx)
	watched := make(chan error, 1)
	if s.opts.Dir != "" {
		w, err := newWatcher(s.opts.Dir)
		if err != nil {
			stopWatching()
			srv.Close()
			return err
		}
		go func() { watched <- s.watch(watchCtx, w) }()
	} else {
		watched <- nil
	}
	if s.opts.Ready != nil {
		s.opts.Ready(siteURL(ln.Addr()))
	}

	var err error
	select {
	case <-ctx.Done():
	case err = <-served:
	case err = <-watched:
		if err == nil {
			<-ctx.Done() // nothing to watch: serve until stopped
		}
	}
	stopWatching()
	s.quitOnce.Do(func() { close(s.quit) }) // ends the event streams
	shutdown, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if serr := srv.Shutdown(shutdown); serr != nil && err == nil {
		err = serr
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// siteURL is the URL to open for a listening address: a wildcard address
// is reached at localhost.
func siteURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// Handler serves the last good site and the event stream, to requests
// that name an allowed host (see [Options.Bind]).
func (s *Server) Handler() http.Handler { return s.hosts.checkHost(http.HandlerFunc(s.serveHTTP)) }

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "relbook serve: only GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == EventsPath {
		s.events(w, r)
		return
	}
	name, isDir, ok := cleanPath(r.URL)
	if !ok {
		http.Error(w, "relbook serve: bad path", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	draft, build, problems, gone := s.site, s.build, s.problems, s.gone
	s.mu.Unlock()
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if draft == nil {
		s.serveProblems(w, r, problems, gone, build)
		return
	}
	if isDir {
		name += "index.html"
	}
	data, found, err := draft.File(name)
	switch {
	case err != nil:
		s.serveError(w, err)
	case found:
		s.serveFile(w, r, http.StatusOK, name, data, build)
		s.served(name)
	case !isDir && name != "" && draft.HasPage(name+"/index.html"):
		// Built from the cleaned name, never from the request's path: a
		// path like //host/x would make a redirect to another site.
		target := (&url.URL{Path: "/" + name + "/"}).EscapedPath()
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
	default:
		// The site's 404.html links to base_url, where a host serves it;
		// the preview's own page leads around the preview instead.
		data, err := draft.NotFoundAt("/")
		if err != nil {
			s.serveError(w, err)
			return
		}
		s.serveFile(w, r, http.StatusNotFound, "404.html", data, build)
	}
}

// serveError answers a request for a file that could not be made. The
// rebuild that made the site reports the problem too, to the terminal
// and the overlay.
func (s *Server) serveError(w http.ResponseWriter, err error) {
	http.Error(w, "relbook serve: "+err.Error(), http.StatusInternalServerError)
}

// cleanPath turns a URL path into a name of the site's output: no "." or
// ".." segment (encoded or not), no backslash, no encoded slash, no NUL.
// isDir is true for a path that ends in "/" (the folder's index.html).
func cleanPath(u *url.URL) (name string, isDir, ok bool) {
	p := u.Path
	raw := strings.ToLower(u.EscapedPath())
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") ||
		strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00") {
		return "", false, false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "." || seg == ".." {
			return "", false, false
		}
	}
	isDir = strings.HasSuffix(p, "/")
	name = strings.TrimPrefix(path.Clean(p), "/")
	if isDir && name != "" {
		name += "/"
	}
	return name, isDir, true
}

// contentTypes are the types relbook's output needs, fixed so they do not
// depend on the machine's MIME tables.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".json":        "application/json",
	".xml":         "application/xml",
	".ics":         "text/calendar; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".ico":         "image/x-icon",
	".woff2":       "font/woff2",
	".pdf":         "application/pdf",
	".webmanifest": "application/manifest+json",
}

// ContentType returns the type a file of the site is served with.
func ContentType(name string, data []byte) string {
	if path.Base(name) == "changes.xml" {
		return "application/atom+xml" // SPEC §4: the Atom feed of schedule changes
	}
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, status int, name string, data []byte, build int) {
	ctype := ContentType(name, data)
	if strings.HasPrefix(ctype, "text/html") {
		data = injectScript(data, build)
	}
	w.Header().Set("Content-Type", ctype)
	if status == http.StatusOK {
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
		return
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// serveProblems answers every page request while there is no good site to
// serve — no build has succeeded yet, or the site folder is gone: the
// problems, and the script that reloads once they are fixed. The script
// carries the current build, so that it waits for the next one.
func (s *Server) serveProblems(w http.ResponseWriter, r *http.Request, problems []string, gone bool, build int) {
	heading, lead := "The site has errors", "relbook serve shows the site as soon as these are fixed."
	if gone {
		heading, lead = "The site folder is gone", "relbook serve shows the site again when the folder is back."
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>relbook: %s</title></head>\n<body><main><h1>%s</h1>\n<p>%s</p>\n<pre>",
		heading, heading, lead)
	for _, p := range problems {
		b.WriteString(html.EscapeString(p))
		b.WriteByte('\n')
	}
	b.WriteString("</pre></main></body></html>\n")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	if r.Method != http.MethodHead {
		w.Write(injectScript(b.Bytes(), build))
	}
}

// events streams rebuild events to one page.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch := make(chan event, 16)
	// The script says which page it is on, so that a rebuild renders
	// that page before it tells the page to reload.
	shows := ""
	if u, err := url.Parse(r.URL.Query().Get("page")); err == nil && u.Path != "" {
		if name, isDir, ok := cleanPath(u); ok {
			if shows = name; isDir {
				shows += "index.html"
			}
		}
	}
	s.mu.Lock()
	s.clients[ch] = shows
	hello := event{"hello", fmt.Sprintf(`{"build":%d}`, s.build)}
	var problems *event
	if s.problems != nil {
		data, _ := json.Marshal(s.problems)
		problems = &event{"errors", string(data)}
	}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, ch)
		s.mu.Unlock()
	}()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	// Reconnect quickly after the preview restarts.
	fmt.Fprint(w, "retry: 500\n\n")
	writeEvent(w, hello)
	if problems != nil {
		writeEvent(w, *problems)
	}
	flusher.Flush()
	keepAlive := time.NewTicker(20 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.quit:
			return
		case e := <-ch:
			writeEvent(w, e)
		case <-keepAlive.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		}
		flusher.Flush()
	}
}

// writeEvent writes one server-sent event; data is JSON, on one line.
func writeEvent(w io.Writer, e event) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
}
