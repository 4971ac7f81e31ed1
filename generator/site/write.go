package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/relbook/relbook/generator/internal/parallel"
	"github.com/relbook/relbook/generator/render"
)

// Marker is the file relbook leaves in every output folder it writes. Its
// presence is what allows a later build to replace the folder: relbook
// never replaces a non-empty folder it did not create, unless forced.
const Marker = ".relbook-output"

// WriteOptions guard where a build may write.
type WriteOptions struct {
	// SourceDir is the site folder on disk; "" for the embedded example.
	SourceDir string
	// Force allows replacing a non-empty folder without the marker.
	Force bool
}

// CheckOutDir refuses output folders that a build must never replace: the
// site folder, anything inside it or above it, the home folder, the root,
// and (without force) a non-empty folder relbook did not create.
func CheckOutDir(outDir string, opts WriteOptions) error {
	out, err := filepath.Abs(outDir)
	if err != nil {
		return err
	}
	out = evalSymlinks(out)
	if out == filepath.Dir(out) {
		return fmt.Errorf("refusing to write the site into %s: that is the root of the file system", outDir)
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		switch home = evalSymlinks(home); {
		case out == home:
			return fmt.Errorf("refusing to write the site into %s: that is your home folder", outDir)
		case within(home, out):
			return fmt.Errorf("refusing to write the site into %s: it holds your home folder", outDir)
		}
	}
	if opts.SourceDir != "" {
		src, err := filepath.Abs(opts.SourceDir)
		if err != nil {
			return err
		}
		src = evalSymlinks(src)
		if within(out, src) {
			return fmt.Errorf("refusing to write the site into %s: it is inside the site folder %s", outDir, opts.SourceDir)
		}
		if within(src, out) {
			return fmt.Errorf("refusing to write the site into %s: it holds the site folder %s, which the build would replace", outDir, opts.SourceDir)
		}
	}
	entries, err := os.ReadDir(out)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return err
	case len(entries) == 0 || opts.Force:
		return nil
	}
	if _, err := os.Stat(filepath.Join(out, Marker)); err != nil {
		return fmt.Errorf("refusing to replace %s: it is not empty and relbook did not create it (no %s); use --force to replace it anyway", outDir, Marker)
	}
	return nil
}

// within reports whether path is dir or lies inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && (rel == "." || filepath.IsLocal(rel))
}

// evalSymlinks resolves links in the part of path that exists, so that a
// link cannot disguise the site folder as some other folder.
func evalSymlinks(path string) string {
	if p, err := filepath.EvalSymlinks(path); err == nil {
		return p
	}
	parent := filepath.Dir(path)
	if parent == path {
		return path
	}
	return filepath.Join(evalSymlinks(parent), filepath.Base(path))
}

// Write replaces outDir with files. It writes into a temporary sibling
// folder and swaps it into place only when everything has been written;
// on any error the previous folder is left as it was, and so it is when
// the process dies halfway (kill -9, a power cut of the build machine
// aside: files are not synced to disk).
//
// The temporary folder is named .<out>.relbook-new-<random>; one that an
// interrupted build left behind is removed by the next build into the
// same folder, unless another build is still writing it. The previous
// site is removed before Write returns; what cannot be, the next build
// removes. Its files whose bytes have not changed are not written again
// but linked into the new folder (see previousSite).
func Write(files render.Output, outDir string, opts WriteOptions) error {
	return write(files, outDir, opts, nil)
}

// errRefused says that a site was written but not put in place, because
// the verdict on it came back against.
var errRefused = errors.New("write: the site has errors")

// write is Write. When verdict is set, it runs while the files are
// written, and the new folder replaces outDir only when it returns true;
// otherwise write removes the new folder and returns errRefused.
func write(files render.Output, outDir string, opts WriteOptions, verdict func() bool) error {
	if err := CheckOutDir(outDir, opts); err != nil {
		return err
	}
	out, err := filepath.Abs(outDir)
	if err != nil {
		return err
	}
	// Replace what a link points at, not the link: a public/ that links
	// to the web server's folder keeps doing so.
	out = evalSymlinks(out)
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	prefix := "." + filepath.Base(out) + ".relbook-new-"
	if err := cleanLeftovers(parent, prefix, out); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, prefix)
	if err != nil {
		return fmt.Errorf("write: %w", err)
	}
	release := hold(tmp)
	defer release()
	judged := make(chan any, 1) // nil, or what verdict panicked with
	good := true
	go func() {
		defer func() { judged <- recover() }()
		if verdict != nil {
			good = verdict()
		}
	}()
	prev := previous(parent, filepath.Base(out), filepath.Base(tmp))
	err = writeFiles(tmp, files, prev.reuse)
	prev.close()
	if p := <-judged; p != nil {
		removeTree(tmp)
		panic(p) // the caller's, as it would be without the goroutine
	}
	if err != nil {
		removeTree(tmp)
		return fmt.Errorf("write: %w", err)
	}
	if !good {
		removeTree(tmp)
		return errRefused
	}
	if err := swap(tmp, out); err != nil {
		removeTree(tmp)
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// cleanLeftovers removes the temporary folders of builds into out that
// were interrupted, skipping those another build holds (see hold). When an
// interrupted two-rename swap left no out at all, the previous site,
// renamed aside, is put back first, so that a build that then fails
// still leaves it in place.
func cleanLeftovers(parent, prefix, out string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	_, statErr := os.Lstat(out)
	missing := errors.Is(statErr, os.ErrNotExist)
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, prefix) || !e.IsDir() {
			continue
		}
		path := filepath.Join(parent, name)
		if busy(path) {
			continue
		}
		if missing && strings.HasSuffix(name, oldSuffix) {
			if _, err := os.Stat(filepath.Join(path, Marker)); err == nil && os.Rename(path, out) == nil {
				missing = false
				continue
			}
		}
		if err := removeTree(path); err != nil {
			return fmt.Errorf("removing what an interrupted build left: %w", err)
		}
	}
	return nil
}

// writeFiles writes files into dir, the new site's folder, then the
// marker, taking each file that reuse can give the new folder from the
// previous site instead of writing it (reuse may be nil). Every name is
// checked before anything is written. Each folder is made once, parents
// first, and then the files are written on every core: most of the time
// is the file system's, spent in the calls that create the files, and
// calls from several threads run at once. The error returned does not
// depend on the order the calls end in: it is that of the first folder
// (the top ones first) that could not be made, else that of the first
// file in name order that could not be written.
func writeFiles(dir string, files render.Output, reuse func(name string, data []byte) bool) error {
	names := slices.Sorted(maps.Keys(files))
	for _, name := range names {
		// Paths come from ids that the loader has checked and from the
		// static files, whose names assemble has checked; this is the
		// last line of defence against writing outside the output folder.
		if why := outputNameProblem(name); why != "" {
			return fmt.Errorf("refusing to write %q: %s", name, why)
		}
	}
	for _, level := range folders(names) {
		err := parallel.First(len(level), func(i int) error {
			return os.Mkdir(filepath.Join(dir, filepath.FromSlash(level[i])), 0o755)
		})
		if err != nil {
			return err
		}
	}
	err := parallel.First(len(names), func(i int) error {
		name := names[i]
		if reuse != nil && reuse(name, files[name]) {
			return nil
		}
		return writeNew(filepath.Join(dir, filepath.FromSlash(name)), files[name])
	})
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, Marker), []byte("This folder is written by relbook; the next build replaces it.\n"), 0o644)
}

// outputNameProblem says why name, a slash path, cannot be a file of the
// output folder, or "" when it can. A path must be clean and inside the
// folder, so that no two names are one file and none is outside; each of
// its names must also be portable and reachable by a URL: no backslash
// (browsers read it as "/", and Windows as a folder), no control
// character, none of the characters Windows forbids in a name.
func outputNameProblem(name string) string {
	if !filepath.IsLocal(filepath.FromSlash(name)) || path.Clean(name) != name || name == "." {
		return "not a path inside the output folder"
	}
	for _, r := range name {
		switch {
		case r == '\\':
			return "a backslash in a file name is read as \"/\" by browsers and cannot be a name on Windows"
		case r < ' ' || r == 0x7f:
			return "a control character in a file name does not show in a link, and not every system allows it"
		case strings.ContainsRune(`<>:"|?*`, r):
			return fmt.Sprintf("%q cannot be in a file name on Windows", r)
		}
	}
	return ""
}

// previousSite is the site a build replaces, from which the new one takes
// every file whose bytes have not changed: a hard link instead of a write.
// Unchanged files then keep their modification times, so a deploy that
// compares sizes and times (rsync) uploads only what changed, and the
// build neither writes their bytes again nor, when it removes the
// previous site, frees them. The previous site is read inside an os.Root
// of its own, so no link in it leads elsewhere, and linked from an
// os.Root on the parent of both folders.
type previousSite struct {
	site   *os.Root // the previous site; nil: there is none
	parent *os.Root // the folder that holds both sites
	out    string   // the previous site's name in parent
	tmp    string   // the new site's name in parent
}

// previous opens the previous site out for the new folder tmp, both in
// parent; a previousSite that reuses nothing when there is none.
func previous(parent, out, tmp string) previousSite {
	site, err := os.OpenRoot(filepath.Join(parent, out)) // fails when there is no previous site
	if err != nil {
		return previousSite{}
	}
	root, err := os.OpenRoot(parent)
	if err != nil {
		site.Close()
		return previousSite{}
	}
	return previousSite{site: site, parent: root, out: out, tmp: tmp}
}

func (p previousSite) close() {
	if p.site != nil {
		p.site.Close()
		p.parent.Close()
	}
}

// reuse links the previous site's file name into the new folder when it
// is a plain file of exactly the bytes data, with the mode relbook writes,
// and reports whether it did. What the link turns out to be (the previous
// site may change while the build reads it) is checked again: it must be
// the very file compared, or it is removed.
func (p previousSite) reuse(name string, data []byte) bool {
	if p.site == nil {
		return false
	}
	before, err := p.site.Lstat(name)
	if err != nil || !before.Mode().IsRegular() || before.Mode().Perm() != 0o644 || before.Size() != int64(len(data)) {
		return false
	}
	if !p.holds(name, data) {
		return false
	}
	new := path.Join(p.tmp, name)
	if p.parent.Link(path.Join(p.out, name), new) != nil {
		return false
	}
	if after, err := p.parent.Lstat(new); err != nil || !os.SameFile(before, after) {
		p.parent.Remove(new)
		return false
	}
	return true
}

// holds reports whether the previous site's file name holds exactly data. It
// reads through a small buffer of its own, so that comparing a whole site
// does not hold a copy of it in memory.
func (p previousSite) holds(name string, data []byte) bool {
	f, err := p.site.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := compareBuffers.Get().(*[]byte)
	defer compareBuffers.Put(buf)
	for {
		n, err := io.ReadFull(f, *buf)
		if n > len(data) || !bytes.Equal((*buf)[:n], data[:n]) {
			return false
		}
		data = data[n:]
		switch {
		case err == io.EOF || err == io.ErrUnexpectedEOF:
			return len(data) == 0
		case err != nil:
			return false
		}
	}
}

var compareBuffers = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// folders returns the folders that hold the files names, by depth: the
// top ones first, then the ones inside them, and so on, each sorted.
func folders(names []string) [][]string {
	seen := map[string]bool{}
	var levels [][]string
	for _, name := range names {
		for d := path.Dir(name); d != "." && !seen[d]; d = path.Dir(d) {
			seen[d] = true
			depth := strings.Count(d, "/")
			for len(levels) <= depth {
				levels = append(levels, nil)
			}
			levels[depth] = append(levels[depth], d)
		}
	}
	for _, level := range levels {
		slices.Sort(level)
	}
	return levels
}

// writeNew writes a file that must not exist yet. In a folder that only
// this build writes into, that costs nothing, and it turns two names for
// one file (on a file system that ignores case, say) into an error
// rather than a page silently lost.
func writeNew(name string, b []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err1 := f.Close(); err == nil {
		err = err1
	}
	return err
}

// removers is how many folders removeTree empties at a time. Removing
// waits on the disk more than on the processor (a file system that
// discards freed blocks asks the disk to, file by file), so it keeps
// more requests in flight than there are cores. Removing the previous
// site of the large synthetic handbook (cmd/benchgen) took about 0.2 s
// with 16, 0.3 s with 2 and 0.4 to 0.65 s with os.RemoveAll alone, on
// a disk that discards; more than 16 gained little.
const removers = 16

// removeTree removes dir and everything in it, as os.RemoveAll does, but
// removes the files of many folders at a time, then the folders, the
// deepest first. The folders are walked in an os.Root, so that a link
// inside dir never leads the removal outside it, and only when dir
// itself is a folder, not a link to one. os.RemoveAll then removes dir
// and whatever else is left, and says what could not be removed.
func removeTree(dir string) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	opened, err := root.Stat(".")
	named, err1 := os.Lstat(dir)
	if err == nil && err1 == nil && os.SameFile(opened, named) {
		var levels [][]string
		for level := []string{"."}; len(level) > 0; {
			levels = append(levels, level)
			inside := make([][]string, len(level))
			parallel.Workers(removers, len(level), func(i int) {
				inside[i] = emptyFolder(root, level[i])
			})
			level = slices.Concat(inside...)
		}
		for _, level := range slices.Backward(levels[1:]) {
			parallel.Workers(removers, len(level), func(i int) { root.Remove(level[i]) })
		}
	}
	root.Close()
	return os.RemoveAll(dir)
}

// emptyFolder removes the files in the folder name of root and returns
// the folders inside it, to be emptied next. What it cannot remove it
// leaves for os.RemoveAll, which finds it again and reports it.
func emptyFolder(root *os.Root, name string) (folders []string) {
	sub, err := root.OpenRoot(name)
	if err != nil {
		return nil
	}
	defer sub.Close()
	f, err := sub.Open(".")
	if err != nil {
		return nil
	}
	entries, _ := f.ReadDir(-1)
	f.Close()
	for _, e := range entries {
		if e.IsDir() {
			folders = append(folders, path.Join(name, e.Name()))
		} else {
			sub.Remove(e.Name())
		}
	}
	return folders
}

// oldSuffix marks the previous site while a two-rename swap runs.
const oldSuffix = "-old"

// errNoExchange says the system cannot swap two folders in one step.
var errNoExchange = errors.New("no atomic exchange of two folders here")

// exchangeDirs is exchange; the tests replace it to run the fallback.
var exchangeDirs = exchange

// swap moves the finished folder into place. Where the system can
// exchange two folders in one step (Linux's renameat2 with
// RENAME_EXCHANGE), out never stops holding a complete site. Elsewhere
// the old folder is renamed aside first and removed last, which leaves
// an instant with no out but never a half-written one; a build killed in
// that instant is repaired by the next (see cleanLeftovers).
func swap(tmp, out string) error {
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if _, err := os.Lstat(out); errors.Is(err, os.ErrNotExist) {
		return os.Rename(tmp, out)
	}
	switch err := exchangeDirs(tmp, out); {
	case err == nil:
		// tmp now holds the previous site. Should removing it fail, the
		// next build removes it: the new site is in place either way.
		removeTree(tmp)
		return nil
	case !errors.Is(err, errNoExchange):
		return err
	}
	old := tmp + oldSuffix
	if err := os.Rename(out, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Rename(old, out) // put the previous site back
		return err
	}
	removeTree(old)
	return nil
}
