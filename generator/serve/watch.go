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

	"github.com/relbook/relbook/generator/terminal"
)

// folderWatcher watches the site folder, every folder under it, and the
// folder that holds it. The last is for the site folder itself: deleted,
// or moved away and made again (a git checkout of another branch, a
// script that regenerates it), it is a new folder that no watch follows,
// and only its parent sees it come back.
type folderWatcher struct {
	*fsnotify.Watcher
	// dir is the site folder and parent the folder that holds it, both
	// absolute, so that events name them the same way whichever watch
	// reports them; parent is "" when dir is the root.
	dir, parent string
}

// newWatcher watches dir and every folder under it, and dir's parent.
func newWatcher(dir string) (*folderWatcher, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", dir, err)
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", dir, err)
	}
	if err := w.Add(abs); err != nil {
		w.Close()
		return nil, fmt.Errorf("watch %s: %w", dir, err)
	}
	fw := &folderWatcher{Watcher: w, dir: abs}
	addTree(w, abs)
	if parent := filepath.Dir(abs); parent != abs {
		// Without it the preview works, but does not notice the folder
		// coming back.
		if w.Add(parent) == nil {
			fw.parent = parent
		}
	}
	return fw, nil
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

// inside reports whether name is in the site folder.
func (w *folderWatcher) inside(name string) bool {
	return strings.HasPrefix(name, w.dir+string(filepath.Separator))
}

// rewatch starts again on the site folder after it was made, deleted or
// moved: the watches of the folder that was there go (moved away, they
// would report its changes under the old names), and the folder there now,
// if any, is watched whole.
func (w *folderWatcher) rewatch() {
	for _, p := range w.WatchList() {
		if p == w.dir || w.inside(p) {
			_ = w.Remove(p)
		}
	}
	if st, err := os.Stat(w.dir); err == nil && st.IsDir() {
		addTree(w.Watcher, w.dir)
	}
}

// watch rebuilds after changes until ctx is done. Events are debounced: a
// rebuild starts once the folder has been quiet for Debounce, so that an
// editor's save (write a temporary file, rename it over the old one) makes
// one rebuild. A change that arrives during a rebuild starts another.
func (s *Server) watch(ctx context.Context, w *folderWatcher) error {
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
			switch {
			case ev.Name == w.dir:
				// The site folder itself was made, deleted or moved
				// (its parent saw it): watch what is there now, and
				// rebuild, which shows the folder gone or back.
				if ev.Op != fsnotify.Chmod {
					w.rewatch()
					timer.Reset(s.opts.Debounce)
				}
			case !w.inside(ev.Name):
				// Beside the site folder, in its parent: not the site.
			default:
				if ev.Has(fsnotify.Create) {
					if st, err := os.Stat(ev.Name); err == nil && st.IsDir() && !ignored(ev.Name) {
						addTree(w.Watcher, ev.Name) // a new folder: watch it and what it holds
					}
				}
				if relevant(ev) {
					timer.Reset(s.opts.Debounce)
				}
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			// An overflowed queue loses events: watch afresh and
			// rebuild to be sure.
			fmt.Fprintf(s.log, "relbook: watching: %s\n", terminal.Escape(err.Error()))
			w.rewatch()
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
