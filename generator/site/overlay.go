package site

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
)

// overlay is a read-only file system in which upper's files hide lower's at
// the same path, and folders list the entries of both.
type overlay struct{ upper, lower fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.upper.Open(name)
	if err == nil {
		if st, serr := f.Stat(); serr == nil && !st.IsDir() {
			return f, nil
		}
		f.Close()
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return o.lower.Open(name)
}

func (o overlay) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(o.upper, name)
	if err == nil {
		return b, nil
	}
	// As in Open, a folder of upper does not hide a file of lower; a file
	// upper has but refuses to give does.
	if st, serr := fs.Stat(o.upper, name); !errors.Is(err, fs.ErrNotExist) && !(serr == nil && st.IsDir()) {
		return nil, err
	}
	return fs.ReadFile(o.lower, name)
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	up, uerr := fs.ReadDir(o.upper, name)
	low, lerr := fs.ReadDir(o.lower, name)
	if uerr != nil && lerr != nil {
		return nil, lerr
	}
	entries := slices.Clone(up)
	for _, e := range low {
		if !slices.ContainsFunc(up, func(u fs.DirEntry) bool { return u.Name() == e.Name() }) {
			entries = append(entries, e)
		}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

func (o overlay) Glob(pattern string) ([]string, error) {
	up, err := fs.Glob(o.upper, pattern)
	if err != nil {
		return nil, err
	}
	low, err := fs.Glob(o.lower, pattern)
	if err != nil {
		return nil, err
	}
	all := append(up, low...)
	slices.Sort(all)
	return slices.Compact(all), nil
}
