package serve

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
)

// inputFS is the site folder as one build reads it. It remembers what the
// build learnt from it — the bytes of every file read, every folder
// listing, whether a file exists — so that the preview can tell a save
// that changes what the site is built from from one that does not: an
// editor writing the same bytes again, a new empty folder, a scratch file
// no build reads. A build may read from several goroutines.
type inputFS struct {
	fsys fs.FS
	mu   sync.Mutex
	seen map[string]string // "kind name" → what was learnt
}

func newInputFS(fsys fs.FS) *inputFS {
	return &inputFS{fsys: fsys, seen: map[string]string{}}
}

func (f *inputFS) note(kind, name, what string) {
	f.mu.Lock()
	f.seen[kind+" "+name] = what
	f.mu.Unlock()
}

// contents is what a read taught: a hash of the bytes, or the error.
func contents(data []byte, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func (f *inputFS) Open(name string) (fs.File, error) {
	file, err := f.fsys.Open(name)
	if err != nil {
		f.note("open", name, "error: "+err.Error())
		return nil, err
	}
	// What is read through an open file is not seen here; its whole
	// contents are, read on their own. relbook reads with ReadFile and
	// ReadDir, so this is rare.
	if st, err := file.Stat(); err == nil && !st.IsDir() {
		f.note("file", name, contents(fs.ReadFile(f.fsys, name)))
	} else {
		f.listing(name)
	}
	return file, nil
}

func (f *inputFS) ReadFile(name string) ([]byte, error) {
	data, err := fs.ReadFile(f.fsys, name)
	f.note("file", name, contents(data, err))
	return data, err
}

func (f *inputFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(f.fsys, name)
	f.noteListing(name, entries)
	return entries, err
}

func (f *inputFS) listing(name string) {
	entries, _ := fs.ReadDir(f.fsys, name)
	f.noteListing(name, entries)
}

// noteListing keeps the names in a folder; a missing folder and an empty
// one build the same site.
func (f *inputFS) noteListing(name string, entries []fs.DirEntry) {
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(e.Name())
		if e.IsDir() {
			b.WriteByte('/')
		}
		b.WriteByte('\n')
	}
	f.note("dir", name, b.String())
}

func (f *inputFS) Stat(name string) (fs.FileInfo, error) {
	info, err := fs.Stat(f.fsys, name)
	switch {
	case err != nil:
		f.note("stat", name, "")
	case info.IsDir():
		f.note("stat", name, "dir")
	default:
		f.note("stat", name, "file")
	}
	return info, err
}

// identity sums up everything the build learnt, with the build's other
// settings: two builds with the same identity make the same site.
func (f *inputFS) identity(settings string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	h := sha256.New()
	h.Write([]byte(settings + "\n"))
	for _, key := range slices.Sorted(maps.Keys(f.seen)) {
		h.Write([]byte(key + "\x00" + f.seen[key] + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}
