package site

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

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
// same folder, unless another build is still writing it.
func Write(files render.Output, outDir string, opts WriteOptions) error {
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
	if err := writeTree(tmp, files); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("write: %w", err)
	}
	if err := swap(tmp, out); err != nil {
		os.RemoveAll(tmp)
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
		if err := os.RemoveAll(path); err != nil {
			return fmt.Errorf("removing what an interrupted build left: %w", err)
		}
	}
	return nil
}

func writeTree(dir string, files render.Output) error {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		// Paths come from ids that the loader has checked; this is the last
		// line of defence against writing outside the output folder.
		if !filepath.IsLocal(filepath.FromSlash(name)) || strings.Contains(name, "\\") {
			return fmt.Errorf("refusing to write %q: not a path inside the output folder", name)
		}
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, Marker), []byte("This folder is written by relbook; the next build replaces it.\n"), 0o644)
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
		os.RemoveAll(tmp)
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
	os.RemoveAll(old)
	return nil
}
