// Package sitefs opens a site folder the way relbook reads it: as
// untrusted input, confined to the folder.
//
// A site folder often comes from a pull request, and a pull request can
// hold more than text: a symbolic link to /proc/self/environ or
// /etc/passwd, a link to /dev/zero, a named pipe. Read naively, the first
// two publish the build machine's secrets as a static file or a role
// guide, the third runs the build out of memory, the last hangs it. So
// every place of relbook that reads a site folder from the disk reads it
// through one [Folder], which keeps two rules:
//
//   - A symbolic link is followed only when it stays inside the folder.
//     The folder is opened as an [os.Root], which refuses every path that
//     leads out of it, through a link or otherwise (an absolute link
//     counts as leading out); relbook does no path arithmetic of its own.
//   - Only regular files and folders are read. A named pipe, a device or
//     a socket is refused, and never opened: its type is looked at first,
//     through the root, and a file is then opened without blocking
//     (O_NONBLOCK) and looked at once more, so that one swapped in between
//     the two is refused too.
//
// A refused file reads as an error that wraps a [Refusal], whose text is
// what the author is told at the file's path ("a symbolic link to outside
// the site folder"). [Why] words any error of a read that way, and the
// folder's listings keep refused entries in them, so that the code that
// walks a folder reports each one at its path ([Problem], [Files]) instead
// of skipping it or stopping at it. A missing file stays fs.ErrNotExist.
//
// [Folder.Create] writes a new file the same way: inside the folder only.
package sitefs

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/relbook/relbook/generator/diag"
)

// Folder is a site folder on disk, read as an fs.FS through an os.Root. It
// implements fs.StatFS, fs.ReadFileFS and fs.ReadDirFS, so that fs.Sub,
// fs.WalkDir and fs.Glob keep its rules too. A Folder is safe for use by
// several goroutines.
type Folder struct {
	root *os.Root
	// fsys is root.FS(), which checks that names are fs.FS names.
	fsys fs.FS
	// escapes is the error the root gives for a path that leads out of
	// it: os.Root has no exported one, and gives the same for "..".
	escapes error
}

// Open opens the folder dir.
func Open(dir string) (*Folder, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	_, escapes := root.Lstat("..")
	return &Folder{root: root, fsys: root.FS(), escapes: errors.Unwrap(escapes)}, nil
}

// Close closes the folder; it cannot be read after.
func (f *Folder) Close() error { return f.root.Close() }

// Open opens a regular file or a folder of the site folder. An open
// folder lists its entries as ReadDir does.
func (f *Folder) Open(name string) (fs.File, error) {
	file, info, err := f.open("open", name)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return openDir{file, f, name}, nil
	}
	return file, nil
}

// Stat describes name, following a link inside the folder to what it
// leads to; it refuses what Open refuses.
func (f *Folder) Stat(name string) (fs.FileInfo, error) {
	return f.stat("stat", name)
}

// ReadFile reads a regular file of the site folder.
func (f *Folder) ReadFile(name string) ([]byte, error) {
	file, info, err := f.open("read", name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	buf := bytes.NewBuffer(make([]byte, 0, info.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(file); err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: unwrap(err)}
	}
	return buf.Bytes(), nil
}

// ReadDir lists a folder, sorted by name. A link inside the folder is
// listed as what it leads to; a refused entry is listed as what it is (a
// link, a named pipe), and its Info returns the refusal: see [Problem].
func (f *Folder) ReadDir(name string) ([]fs.DirEntry, error) {
	file, _, err := f.open("readdir", name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	entries, err := openDir{file, f, name}.ReadDir(-1)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: unwrap(err)}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// openDir is an open folder of the site folder.
type openDir struct {
	*os.File
	f    *Folder
	name string
}

// ReadDir lists the folder's entries as Folder.ReadDir does, in the
// order of the disk.
func (d openDir) ReadDir(n int) ([]fs.DirEntry, error) {
	entries, err := d.File.ReadDir(n)
	for i, e := range entries {
		entries[i] = d.f.entry(path.Join(d.name, e.Name()), e)
	}
	return entries, err
}

// entry is how a listing shows the entry e at name.
func (f *Folder) entry(name string, e fs.DirEntry) fs.DirEntry {
	t := e.Type()
	if t.IsRegular() || t.IsDir() {
		return e
	}
	info, err := f.stat("open", name)
	if err != nil {
		return refusedEntry{e, err}
	}
	return fs.FileInfoToDirEntry(namedInfo{info, e.Name()})
}

// Create writes a new file into the folder, and the folders it needs;
// it never replaces a file, and never writes through a link that leads
// out of the folder.
func (f *Folder) Create(name string, data []byte) error {
	if !fs.ValidPath(name) {
		return &fs.PathError{Op: "create", Path: name, Err: fs.ErrInvalid}
	}
	if dir := path.Dir(name); dir != "." {
		if err := f.root.MkdirAll(filepath.FromSlash(dir), 0o755); err != nil {
			return f.explain("mkdir", dir, err)
		}
	}
	file, err := f.root.OpenFile(filepath.FromSlash(name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return f.explain("create", name, err)
	}
	if _, err := file.Write(data); err != nil {
		file.Close()
		f.root.Remove(filepath.FromSlash(name))
		return err
	}
	return file.Close()
}

// open opens name after making sure, through the root and without opening
// it, that it is a regular file or a folder; it opens without blocking,
// so that a named pipe swapped in meanwhile cannot hang it, and checks
// the type of what it opened once more.
func (f *Folder) open(op, name string) (*os.File, fs.FileInfo, error) {
	if _, err := f.stat(op, name); err != nil {
		return nil, nil, err
	}
	file, err := f.root.OpenFile(name, openFlags, 0)
	if err != nil {
		return nil, nil, f.explain(op, name, err)
	}
	info, err := file.Stat()
	if err == nil {
		err = refuseType(info.Mode())
	}
	if err != nil {
		file.Close()
		return nil, nil, &fs.PathError{Op: op, Path: name, Err: unwrap(err)}
	}
	return file, info, nil
}

// stat is Stat, for an operation op.
func (f *Folder) stat(op, name string) (fs.FileInfo, error) {
	info, err := fs.Stat(f.fsys, name)
	if err != nil {
		return nil, f.explain(op, name, err)
	}
	if err := refuseType(info.Mode()); err != nil {
		return nil, &fs.PathError{Op: op, Path: name, Err: err}
	}
	return info, nil
}

// Why the root refuses a path.
const (
	outside        = "a symbolic link to outside the site folder; relbook follows only relative links that stay inside it"
	outsideThrough = "in a folder that is a symbolic link to outside the site folder; relbook follows only relative links that stay inside it"
	dangling       = "a symbolic link to a file that does not exist"
	loop           = "a symbolic link that leads round in a loop, or through too many links"
)

// explain turns the root's error about name into a Refusal when it is
// one; a missing file stays fs.ErrNotExist.
func (f *Folder) explain(op, name string, err error) error {
	isLink := func() bool {
		info, lerr := f.root.Lstat(name)
		return lerr == nil && info.Mode()&fs.ModeSymlink != 0
	}
	var why string
	switch {
	case f.escapes != nil && errors.Is(err, f.escapes):
		why = outsideThrough
		if isLink() {
			why = outside
		}
	case errors.Is(err, syscall.ELOOP):
		why = loop
	case errors.Is(err, fs.ErrNotExist) && isLink():
		why = dangling
	default:
		return &fs.PathError{Op: op, Path: name, Err: unwrap(err)}
	}
	return &fs.PathError{Op: op, Path: name, Err: &Refusal{Reason: why}}
}

// refuseType refuses what is neither a regular file nor a folder.
func refuseType(mode fs.FileMode) error {
	if mode.IsRegular() || mode.IsDir() {
		return nil
	}
	return &Refusal{Reason: describe(mode) + ", not a file: relbook reads only regular files and folders"}
}

func describe(mode fs.FileMode) string {
	switch t := mode.Type(); {
	case t&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case t&fs.ModeSocket != 0:
		return "a socket"
	case t&fs.ModeDevice != 0:
		return "a device"
	case t&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file"
}

func unwrap(err error) error {
	var perr *fs.PathError
	if errors.As(err, &perr) {
		return perr.Err
	}
	return err
}

// A Refusal is why relbook does not read a file of the site folder. Its
// text is the message the author sees at the file's path.
type Refusal struct {
	Reason string
}

func (r *Refusal) Error() string { return r.Reason }

// Why words the error of reading a file for a diagnostic at the file's
// path: a Refusal as it is, anything else as "cannot read: ...".
func Why(err error) string {
	var r *Refusal
	if errors.As(err, &r) {
		return r.Reason
	}
	return "cannot read: " + unwrap(err).Error()
}

// Problem says why the entry of a folder listing is refused, or "" for a
// regular file or a folder, for code that walks a folder and must report
// such an entry where it would otherwise skip it.
func Problem(e fs.DirEntry) string {
	t := e.Type()
	if t.IsRegular() || t.IsDir() {
		return ""
	}
	if _, err := e.Info(); err != nil {
		return Why(err)
	}
	return refuseType(t).Error()
}

// Files walks the folder dir of fsys and returns the names of the regular
// files in it, at any depth, in lexical order (with a Folder, through the
// links that stay inside). Every entry it refuses and every folder it
// cannot list is a problem at its path; a missing dir has no files.
func Files(fsys fs.FS, dir string) (names []string, problems diag.List) {
	_ = fs.WalkDir(fsys, dir, func(name string, d fs.DirEntry, err error) error {
		why := ""
		switch {
		case err != nil && name == dir && errors.Is(err, fs.ErrNotExist):
			return fs.SkipAll
		case err != nil:
			why = Why(err)
		case d.IsDir():
			return nil
		default:
			why = Problem(d)
		}
		if why != "" {
			problems.Errorf(diag.Pos{Path: name}, "%s", why)
		} else {
			names = append(names, name)
		}
		return nil
	})
	return names, problems
}

// refusedEntry is an entry of a listing that the folder refuses to read.
type refusedEntry struct {
	fs.DirEntry
	err error
}

func (e refusedEntry) Info() (fs.FileInfo, error) { return nil, e.err }

// namedInfo is what a link leads to, under the link's name.
type namedInfo struct {
	fs.FileInfo
	name string
}

func (i namedInfo) Name() string { return i.name }
