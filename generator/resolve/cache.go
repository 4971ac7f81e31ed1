package resolve

import (
	"reflect"
	"strings"
	"sync"

	"github.com/relbook/relbook/generator/internal/parallel"
	"github.com/relbook/relbook/generator/markdown"
)

// Cache keeps the markdown one resolution parsed — the role guides, the
// pages, the glossary's definitions, and the release summaries and
// descriptions — for the next resolution of the same handbook, so that
// the live preview parses again only what changed since the last save.
//
// A parsed document depends on its text and on how relbook's markdown is
// set up: the handbook's unsafe_html and the glossary's ids, names,
// aliases and expansions (markdown.Options). The Cache keeps the
// markdown.Markdown it parsed with and the options it was made from, and
// reuses a document only for the very same text while the options are
// the same, compared in full; a change to the glossary's spellings parses
// every document again. It keeps the documents of the latest resolution
// only, so the guides that are gone cost nothing.
//
// The handbooks of successive resolutions share the documents that did
// not change: relbook never changes a markdown.Doc once parsed, and a Doc
// renders, and keeps its renderings, with the Markdown that parsed it.
// The zero Cache is ready to use; pass the same one in [Options] to every
// resolution of a handbook. Resolutions that share a Cache from several
// goroutines take turns.
type Cache struct {
	mu   sync.Mutex
	opts markdown.Options
	md   *markdown.Markdown
	docs map[string]*markdown.Doc
}

// parser returns the parser of one resolution, with the documents of the
// last one when they were parsed with the same options. c may be nil: no
// cache.
func (c *Cache) parser(opts markdown.Options) *parser {
	// DeepEqual compares every option, including any added later: a
	// document is reused only when nothing its parse depends on changed.
	if c != nil && c.md != nil && reflect.DeepEqual(c.opts, opts) {
		return &parser{md: c.md, opts: c.opts, earlier: c.docs, docs: map[string]*markdown.Doc{}}
	}
	return &parser{md: markdown.New(opts), opts: opts, docs: map[string]*markdown.Doc{}}
}

// keep makes p's documents the ones the next resolution may reuse, and
// forgets every other.
func (c *Cache) keep(p *parser) {
	if c == nil {
		return
	}
	c.md, c.opts, c.docs = p.md, p.opts, p.docs
}

// parser parses the markdown of one resolution, each distinct text once.
// It is used from one goroutine; parseAll spreads its own work.
type parser struct {
	md   *markdown.Markdown
	opts markdown.Options
	// earlier are the last resolution's documents, by text; only read.
	earlier map[string]*markdown.Doc
	// docs are this resolution's.
	docs map[string]*markdown.Doc
}

// parseAll parses texts on every core, ahead of parse.
func (p *parser) parseAll(texts []string) {
	var todo []string
	for _, t := range texts {
		if _, done := p.docs[t]; done {
			continue
		}
		if d := p.earlier[t]; d != nil {
			p.docs[t] = d
			continue
		}
		p.docs[t] = nil // planned: a text written twice is parsed once
		todo = append(todo, t)
	}
	parsed := make([]*markdown.Doc, len(todo))
	parallel.For(len(todo), func(i int) { parsed[i] = p.parseKey(todo[i]) })
	for i, t := range todo {
		p.docs[t] = parsed[i]
	}
}

// parse returns text parsed.
func (p *parser) parse(text string) *markdown.Doc {
	if d := p.docs[text]; d != nil {
		return d
	}
	d := p.earlier[text]
	if d == nil {
		d = p.parseKey(text)
	}
	p.docs[text] = d
	return d
}

// listTasks starts the key of a text parsed with markdown's ListTasks (a
// guide's tasks = "lists"), which cannot start a markdown text read from
// a file: the same text parsed the two ways is two documents.
const listTasks = "\x00tasks=lists\n"

// guideKey is the key a guide's body is parsed under.
func guideKey(body string, lists bool) string {
	if lists {
		return listTasks + body
	}
	return body
}

// parseKey parses the text a key stands for, as the key says.
func (p *parser) parseKey(key string) *markdown.Doc {
	if body, ok := strings.CutPrefix(key, listTasks); ok {
		return p.md.ParseWith(body, markdown.ParseOptions{ListTasks: true})
	}
	return p.md.Parse(key)
}
