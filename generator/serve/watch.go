package serve

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// newWatcher watches dir and every folder under it.
func newWatcher(dir string) (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", dir, err)
	}
	if err := w.Add(dir); err != nil {
		w.Close()
		return nil, fmt.Errorf("watch %s: %w", dir, err)
	}
	addTree(w, dir)
	return w, nil
}

// addTree adds the folders under root, skipping hidden ones (.git). A
// folder that vanishes while it is walked is no error: its removal is an
// event of its own.
func addTree(w *fsnotify.Watcher, root string) {
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		_ = w.Add(p)
		return nil
	})
}

// watch rebuilds after changes until ctx is done. Events are debounced: a
// rebuild starts once the folder has been quiet for Debounce, so that an
// editor's save (write a temporary file, rename it over the old one) makes
// one rebuild. A change that arrives during a rebuild starts another.
func (s *Server) watch(ctx context.Context, w *fsnotify.Watcher) error {
	defer w.Close()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() && !ignored(ev.Name) {
					addTree(w, ev.Name) // a new folder: watch it and what it holds
				}
			}
			if relevant(ev) {
				timer.Reset(s.opts.Debounce)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			// An overflowed queue loses events: rebuild to be sure.
			fmt.Fprintf(s.log, "relbook: watching: %v\n", err)
			timer.Reset(s.opts.Debounce)
		case <-timer.C:
			s.Rebuild()
		}
	}
}

// relevant filters out what cannot change the site: attribute changes and
// editors' scratch files.
func relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false
	}
	return !ignored(ev.Name)
}

func ignored(name string) bool {
	base := filepath.Base(name)
	return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || base == "4913" ||
		strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") || strings.HasSuffix(base, ".tmp")
}
