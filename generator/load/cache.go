package load

import (
	"bytes"
	"fmt"
	"io/fs"
	"sync"

	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/internal/parallel"
	"github.com/relbook/relbook/generator/sitefs"
)

// Cache keeps what a Read made of each file for the next Read of the same
// site folder, so that the live preview, which reads the whole folder
// again after every save, decodes only the files whose bytes changed.
//
// What Read makes of a file depends on nothing but the file's path and
// its bytes, and a Cache reuses it only when both are the same as last
// time, compared in full: a file read through a Cache gives exactly the
// values and the problems a Read without one gives. It keeps the files of
// the latest Read only, so files that are gone cost nothing.
//
// The Sources it returns share the values of unchanged files with the
// Sources of earlier reads: they must not be changed (no stage of relbook
// changes a Source). The zero Cache is ready to use. A Cache may be used
// by one Read at a time; Reads that share one from several goroutines
// take turns.
type Cache struct {
	mu    sync.Mutex
	files map[string]*decoded
}

// Read is [Read] through the cache.
func (c *Cache) Read(fsys fs.FS) (*Source, diag.List) {
	c.mu.Lock()
	defer c.mu.Unlock()
	src, diags, files := read(fsys, c.files)
	c.files = files
	return src, diags
}

// decoded is what Read made of one file: the *Settings, *Release, *Doc or
// []*Term it holds (nil when it could not be decoded) and the problems in
// it, with the bytes they were made from.
type decoded struct {
	data  []byte
	value any
	diags diag.List
}

// A decoder makes a file's value from its bytes, reporting problems; it
// must depend on nothing else, which is what lets a Cache keep its result.
type decoder func(name string, data []byte, diags *diag.List) any

// plan is a Read in two steps. Listing the folder decides which files
// are read and in what order the Source and the problems come; the files
// are then read and decoded all at the same time, since none depends on
// another, and put in place in that order.
type plan struct {
	steps []step
}

// step is a problem found listing the folder, or a file to decode and
// where its value goes (keep receives nil when it could not be read or
// decoded).
type step struct {
	diag diag.Diagnostic

	file   string
	decode decoder
	keep   func(value any)
	// readDiags are the problems of a file that could not be read, got
	// what a file that could be read decoded to.
	readDiags diag.List
	got       *decoded
}

func (p *plan) errorf(pos diag.Pos, format string, args ...any) {
	p.steps = append(p.steps, step{diag: diag.Diagnostic{Pos: pos, Severity: diag.Error, Message: fmt.Sprintf(format, args...)}})
}

func (p *plan) warnf(pos diag.Pos, code diag.Code, format string, args ...any) {
	p.steps = append(p.steps, step{diag: diag.Diagnostic{Pos: pos, Severity: diag.Warning, Message: fmt.Sprintf(format, args...), Code: code}})
}

// file plans the reading of name.
func (p *plan) file(name string, decode decoder, keep func(value any)) {
	p.steps = append(p.steps, step{file: name, decode: decode, keep: keep})
}

// run reads and decodes the planned files, taking from earlier what it
// made of a file of the same name and bytes, and returns the problems in
// the planned order and what it made of each file.
func (p *plan) run(fsys fs.FS, earlier map[string]*decoded) (diag.List, map[string]*decoded) {
	// Last planned first: the glossary, the largest file of a large
	// handbook, then starts at once instead of running alone at the end.
	var files []*step
	for i := len(p.steps) - 1; i >= 0; i-- {
		if p.steps[i].decode != nil {
			files = append(files, &p.steps[i])
		}
	}
	// earlier is only read here, from every goroutine; each step is
	// written by one.
	parallel.For(len(files), func(i int) {
		s := files[i]
		data, err := fs.ReadFile(fsys, s.file)
		if err != nil {
			s.readDiags.Errorf(diag.Pos{Path: s.file}, "%s", sitefs.Why(err))
			return
		}
		if e := earlier[s.file]; e != nil && bytes.Equal(e.data, data) {
			s.got = e
			return
		}
		s.got = &decoded{data: data}
		s.got.value = s.decode(s.file, data, &s.got.diags)
	})
	var diags diag.List
	kept := make(map[string]*decoded, len(files))
	for i := range p.steps {
		s := &p.steps[i]
		if s.decode == nil {
			diags.Add(s.diag)
			continue
		}
		diags.Add(s.readDiags...)
		if s.got == nil {
			s.keep(nil)
			continue
		}
		diags.Add(s.got.diags...)
		s.keep(s.got.value)
		kept[s.file] = s.got
	}
	return diags, kept
}
