package load

import (
	"strconv"
	"strings"

	"github.com/relbook/relbook/generator/internal/tomlspan"
)

// keyPositions maps TOML key paths to where they were written. BurntSushi's
// decoder reports positions only for syntax errors, yet every semantic
// message ("unknown key", "not a date") must point at a line and column, so
// relbook scans each file once more with tomlspan, after it has parsed,
// and indexes where every key, table and value begins.
//
// Paths are tomlspan's, joined with pathSep: array elements are their
// index in decimal ("was" + pathSep + "0").
type keyPositions struct {
	doc *tomlspan.Doc
	// keys and values hold byte offsets in the document.
	keys, values map[string]int
}

const pathSep = "\x1f"

func joinPath(parts ...string) string { return strings.Join(parts, pathSep) }

// scanPositions indexes a TOML document that BurntSushi has already
// accepted. A table is where its own header is written or, when it has
// none, where it was first mentioned: [milestone.code-freeze] and
// milestone.rc1.date = … both write the table "milestone".
func scanPositions(src string) keyPositions {
	doc := tomlspan.Scan(src)
	kp := keyPositions{doc, make(map[string]int, len(doc.Pairs)+len(doc.Headers)), make(map[string]int, len(doc.Values))}
	mention := func(path []string, from, at int) {
		for n := from; n < len(path); n++ {
			if _, seen := kp.keys[joinPath(path[:n]...)]; !seen {
				kp.keys[joinPath(path[:n]...)] = at
			}
		}
		kp.keys[joinPath(path...)] = at
	}
	// Headers and pairs in the order written, as a header may name a
	// table a dotted key wrote before it, and the other way round.
	headers := doc.Headers
	for _, p := range doc.Pairs {
		for len(headers) > 0 && headers[0].Start < p.Key.Start {
			mention(headers[0].Path, 1, headers[0].Start)
			headers = headers[1:]
		}
		mention(p.Path, len(p.Path)-p.Parts+1, p.Key.Start)
	}
	for _, h := range headers {
		mention(h.Path, 1, h.Start)
	}
	// An element's path is its array's and its index: joined, each path
	// is written once.
	joined := make([]string, len(doc.Values))
	for i, v := range doc.Values {
		if v.In < 0 {
			joined[i] = joinPath(v.Path...)
		} else {
			joined[i] = joined[v.In] + pathSep + strconv.Itoa(v.Index)
		}
		kp.values[joined[i]] = v.Start
	}
	return kp
}

// key returns where the key or table at path was written.
func (kp keyPositions) key(path []string) (line, col int, ok bool) {
	off, ok := kp.keys[joinPath(path...)]
	if !ok {
		return 0, 0, false
	}
	line, col = kp.doc.Pos(off)
	return line, col, true
}

// value returns where the value at path begins, and its byte offset.
func (kp keyPositions) value(path []string) (line, col, off int, ok bool) {
	off, ok = kp.values[joinPath(path...)]
	if !ok {
		return 0, 0, 0, false
	}
	line, col = kp.doc.Pos(off)
	return line, col, off, true
}
