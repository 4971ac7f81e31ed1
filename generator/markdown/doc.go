package markdown

import (
	"bytes"
	"fmt"
	stdhtml "html"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/relbook/relbook/generator/diag"
)

// Doc is a parsed document. Positions in it are relative to the source
// given to [Markdown.Parse]: line 1 is its first line, columns count bytes
// from 1. A Doc is never changed after Parse returns. It renders with the
// Markdown that parsed it ([Doc.Render]), so whoever holds a Doc can show
// it without knowing how relbook's markdown is set up.
type Doc struct {
	// Tasks are the top-level tasks in document order; task items nested
	// in a task are its Steps.
	Tasks []*Task
	// Headings are every heading, in document order.
	Headings []Heading
	// Refs are every inline date reference outside code, and those in
	// template blocks, in document order.
	Refs []Ref
	// Problems are author mistakes found while parsing, by position.
	Problems []Problem
	// Warnings are what the author wrote that readers will not see, by
	// position, each with its code: raw HTML left out while raw HTML is
	// off ([diag.RawHTMLDropped]).
	Warnings []Warning

	source []byte
	root   *ast.Document
	// md parsed the document, and renders it.
	md *Markdown
	// compiled is the whole document rendered once (see fragment).
	compiled compiled[*fragment]
}

// fragment returns the document compiled for rendering.
func (d *Doc) fragment() (*fragment, error) {
	return d.compiled.get(func() (*fragment, error) { return d.md.compile(d.source, d.root) })
}

// compiled is a rendering of part of a Doc, made the first time it is
// needed and kept for every later page: the only change to a Doc after
// Parse, invisible to its users and safe for concurrent use.
type compiled[T any] struct {
	once sync.Once
	v    T
	err  error
}

func (c *compiled[T]) get(compile func() (T, error)) (T, error) {
	c.once.Do(func() { c.v, c.err = compile() })
	return c.v, c.err
}

// Heading is a heading of a [Doc].
type Heading struct {
	// ID is the heading's id attribute: made from its text, or written as
	// {#id}.
	ID string
	// Text is the heading's plain text, without its attribute block,
	// with its inline date references as written: [Plain.TextFor]
	// fills them in for a release.
	Plain
	// Level is 1 for #, 2 for ##, and so on, before any
	// [Context.HeadingOffset].
	Level int
	// When is the heading's own when="" attribute, or else its parent
	// heading's (the nearest heading before it of a lower level); "" if
	// neither has one.
	When string
	// Line is the line of the heading's text; 0 for an empty heading.
	Line int

	// Allow are the warning codes of the heading's own allow=""
	// attribute (separated by spaces or commas): it acknowledges the
	// warnings reported at its own when="".
	Allow []diag.Code

	// whenLine and whenCol are where When is written.
	whenLine, whenCol int
}

// WhenAt returns where the heading's When is written: the first character
// inside the quotes of when="..."; 0, 0 if undated.
func (h Heading) WhenAt() (line, col int) { return h.whenLine, h.whenCol }

// Task is a GitHub task-list item: `- [ ] text` or `1. [ ] text`.
type Task struct {
	// ID identifies the task within its document: the id written as
	// `{#id}` at the end of its first paragraph, else
	// "<heading id>-<first six words of the slug of the text>", or only
	// those words before any heading, with "-2", "-3" appended to the
	// second and third task of the same id. It does not depend on dates,
	// so it stays the same across releases, and a long task keeps it
	// when the end of its text is reworded (see taskid.go).
	ID string
	// Former are the ids the task had under the older rule (the heading's
	// id and the slug of the whole text) or without its explicit id,
	// where they differ from ID: readers' ticks remembered under one of
	// them move to ID.
	Former []string
	// Text is the plain text of the item's first paragraph, without the
	// checkbox, with its inline date references as written
	// ("{{code-freeze}}"): [Plain.TextFor] fills them in for a release.
	Plain
	// Checked is true for [x].
	Checked bool
	// When is the date expression the task is anchored to: the When of the
	// nearest heading before it. "" means undated.
	When string
	// WhenLine and WhenCol are where that expression is written: the
	// first character inside the quotes of when="...". 0 if undated.
	WhenLine, WhenCol int
	// Heading is the id of the nearest heading before the task, "" if
	// none.
	Heading string
	// Ordered is true when the item is in an ordered list (1. [ ]): its
	// steps must be done in the written order.
	Ordered bool
	// Steps are the task items nested in this one.
	Steps []*Task
	// Line is where the task's text starts.
	Line int

	item *ast.ListItem
	// doc is the document the task is in: its source, and the Markdown
	// that renders it.
	doc      *Doc
	compiled compiled[*taskFragments]
}

// Plain is a text as a plain-text reader sees it (a calendar, a search
// result, a table of contents, a terminal): on one line, with its inline
// date references as written ("{{code-freeze}}"), and in pieces when it
// has any, so that each release can fill them in.
type Plain struct {
	Text  string
	parts []TextPart // Text's pieces, when it has date references
}

// TextPart is a piece of a [Plain] text: words, or an inline date
// reference. The parts, in order, make the text.
type TextPart struct {
	// Text is the words, or the reference as written
	// ("{{code-freeze}}"). Runs of white space are one space, and the
	// first part starts and the last ends without one, so that a
	// reference written as one line of text keeps the whole one line.
	Text string
	// Ref is the reference's expression ("code-freeze"); "" for words.
	Ref string
}

// HasDateRefs reports whether the text holds inline date references, so
// that [Plain.TextFor] may differ from Text.
func (p Plain) HasDateRefs() bool { return p.parts != nil }

// Parts is the text in pieces: the words between its inline date
// references, and the references. A text without references is one
// part.
func (p Plain) Parts() []TextPart {
	if p.parts == nil {
		return []TextPart{{Text: p.Text}}
	}
	return p.parts
}

// TextFor is Text with each inline date reference written as ref gives
// it: the text as a plain-text reader sees it for one release. A
// reference ref has no text for (ok false) stays as written, as it does
// in a page.
func (p Plain) TextFor(ref func(expr string) (text string, ok bool)) string {
	if p.parts == nil || ref == nil {
		return p.Text
	}
	var b strings.Builder
	for _, part := range p.parts {
		text := part.Text
		if part.Ref != "" {
			if filled, ok := ref(part.Ref); ok {
				text = filled
			}
		}
		b.WriteString(text)
	}
	return oneLine(b.String())
}

// fragments returns the task compiled for rendering.
func (t *Task) fragments() (*taskFragments, error) {
	return t.compiled.get(func() (*taskFragments, error) { return t.doc.md.compileTask(t) })
}

// Ref is an inline date reference, {{expr}}.
type Ref struct {
	// Expr is the expression between the braces, spaces trimmed.
	Expr string
	// Line and Col are where the first '{' is.
	Line, Col int
	// InTemplate is true for a reference in a template block.
	InTemplate bool
}

// Problem is an author mistake found while parsing.
type Problem struct {
	Line, Col int
	Msg       string
}

// Warning is something found while parsing that readers will not see
// although the author wrote it.
type Warning struct {
	Problem
	Code diag.Code
}

// String formats p as "line:col: message".
func (p Problem) String() string { return fmt.Sprintf("%d:%d: %s", p.Line, p.Col, p.Msg) }

// TOC returns the document's table of contents: its headings of levels 2
// and 3.
func (d *Doc) TOC() []Heading {
	var toc []Heading
	for _, h := range d.Headings {
		if h.Level == 2 || h.Level == 3 {
			toc = append(toc, h)
		}
	}
	return toc
}

// Parse parses src, once for every rendering of it: a document whose
// tasks are its checkbox items.
func (m *Markdown) Parse(src string) *Doc { return m.ParseWith(src, ParseOptions{}) }

// ParseOptions say how a document's text makes its tasks.
type ParseOptions struct {
	// ListTasks makes every list item under a dated heading a task, with
	// or without a checkbox, and the items nested in it its steps (a
	// guide's `tasks = "lists"`). Items in a blockquote, a callout or
	// between raw HTML tags (<details> ... </details>) stay list items.
	// Checkbox items are tasks wherever they are, as without it.
	ListTasks bool
}

// ParseWith is [Markdown.Parse] with options.
func (m *Markdown) ParseWith(src string, opts ParseOptions) *Doc {
	source := []byte(src)
	pc, limits := newLimitsContext()
	root := m.md.Parser().Parse(text.NewReader(source), parser.WithContext(pc)).(*ast.Document)
	doc := &Doc{source: source, root: root, md: m}
	c := collector{doc: doc, lines: newLineIndex(source), wholeIDs: uniqueIDs{taken: map[string]bool{}, next: map[string]int{}}, limits: limits, listTasks: opts.ListTasks}
	c.walk()
	c.assignTaskIDs()
	for _, p := range limits.problems {
		line, col := c.lines.pos(p.offset)
		c.problem(line, col, p.msg)
	}
	sort.SliceStable(doc.Problems, func(i, j int) bool {
		a, b := doc.Problems[i], doc.Problems[j]
		return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
	})
	return doc
}

// collector fills a Doc from its tree in one walk.
type collector struct {
	doc   *Doc
	lines lineIndex
	// wholeIDs are the tasks' ids under the older rule, in document
	// order; taskInfos what assignTaskIDs needs to give each its id.
	wholeIDs  uniqueIDs
	taskInfos []*taskIDInfo
	// limits are what goldmark was not given (see limits.go).
	limits *limits

	// sections are the open headings, outermost first: the ones a new
	// heading of a higher level sits under.
	sections []Heading
	// tasks are the task items being walked, outermost first.
	tasks []*Task

	// listTasks is ParseOptions.ListTasks; htmlDepth is how many raw
	// HTML elements opened at the top level are still open.
	listTasks bool
	htmlDepth int
}

func (c *collector) walk() {
	_ = ast.Walk(c.doc.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Heading:
			if entering {
				c.heading(n)
			}
		case *ast.HTMLBlock:
			if entering && n.Parent() == c.doc.root {
				c.htmlDepth = max(0, c.htmlDepth+openTags(n, c.doc.source))
			}
			if entering && !c.doc.md.unsafe {
				c.droppedHTML(n)
			}
		case *ast.ListItem:
			if entering && c.listTasks && taskBox(n) == nil && c.listTask(n) {
				first := n.FirstChild()
				first.InsertBefore(first, first.FirstChild(), extast.NewTaskCheckBox(false))
			}
			if box := taskBox(n); box == nil {
				if entering {
					c.notTask(n)
				}
			} else {
				if entering {
					c.task(n, box)
				} else {
					c.tasks = c.tasks[:len(c.tasks)-1]
				}
			}
		case *dateRefNode:
			if entering {
				line, col := c.lines.pos(n.start)
				c.doc.Refs = append(c.doc.Refs, Ref{Expr: n.Expr, Line: line, Col: col})
			}
		case *ast.RawHTML:
			if entering && !c.doc.md.unsafe {
				c.droppedHTML(n)
			}
		case *templateBlock:
			if entering {
				for _, r := range n.refs {
					line, col := c.lines.pos(r.start)
					c.doc.Refs = append(c.doc.Refs, Ref{Expr: r.expr, Line: line, Col: col, InTemplate: true})
				}
			}
		}
		return ast.WalkContinue, nil
	})
}

// heading records a heading, works out its when and checks how the when
// is written.
func (c *collector) heading(n *ast.Heading) {
	source := c.doc.source
	h := Heading{Level: n.Level, Plain: plainText(n, source)}
	if id, ok := n.AttributeString("id"); ok {
		if b, ok := id.([]byte); ok {
			h.ID = string(b)
		}
	}
	if n.Lines().Len() > 0 {
		h.Line, _ = c.lines.pos(n.Lines().At(0).Start)
	}

	for len(c.sections) > 0 && c.sections[len(c.sections)-1].Level >= n.Level {
		c.sections = c.sections[:len(c.sections)-1]
	}
	if len(c.sections) > 0 {
		parent := c.sections[len(c.sections)-1]
		h.When, h.whenLine, h.whenCol = parent.When, parent.whenLine, parent.whenCol
	}
	if at, ok := c.limits.headings[n]; ok {
		// Its attributes, when included, were never read.
		line, col := c.lines.pos(at)
		c.problem(line, col, tooManyAttributes)
	} else {
		when, line, col, ok := c.ownWhen(n)
		if ok {
			h.When, h.whenLine, h.whenCol = when, line, col
		}
		h.Allow = c.ownAllow(n, ok)
		c.checkHeadingText(n)
	}

	c.sections = append(c.sections, h)
	c.doc.Headings = append(c.doc.Headings, h)
}

// ownWhen returns the heading's own when attribute and where its value is
// written, and reports problems with it.
func (c *collector) ownWhen(n *ast.Heading) (when string, line, col int, ok bool) {
	if n.Lines().Len() == 0 {
		return "", 0, 0, false
	}
	from, attrs := c.attributeBlock(n)
	name, value, quoted := findAttr(attrs, "when")

	for _, a := range n.Attributes() {
		if string(a.Name) != "when" && strings.EqualFold(string(a.Name), "when") {
			at := from
			if name >= 0 {
				at += name
			}
			line, col := c.lines.pos(at)
			c.problem(line, col, fmt.Sprintf("attribute %q is not when: write the attribute as {when=%q}", a.Name, attrString(a.Value)))
		}
	}

	v, found := n.AttributeString("when")
	if !found {
		return "", 0, 0, false
	}
	at := from
	if value >= 0 {
		at += value
	}
	line, col = c.lines.pos(at)
	b, isString := v.([]byte)
	switch {
	case !isString || !quoted:
		c.problem(line, col, fmt.Sprintf("when must be a quoted string: write the attribute as {when=%q}", attrString(v)))
		if !isString {
			return "", 0, 0, false
		}
	case len(bytes.TrimSpace(b)) == 0:
		c.problem(line, col, `when="" is empty: write the date expression the tasks below are due by, or leave the attribute out`)
		return "", 0, 0, false
	}
	return strings.TrimSpace(string(b)), line, col, true
}

// attributeBlock returns the end of the heading's last line of text and
// the source from there to the end of the line, where its attribute block
// is: goldmark takes the block off the end of that line.
func (c *collector) attributeBlock(n *ast.Heading) (from int, attrs []byte) {
	source := c.doc.source
	from = n.Lines().At(n.Lines().Len() - 1).Stop
	return from, source[from : from+lineEnd(source[from:])]
}

// ownAllow returns the codes of the heading's allow attribute, and
// reports problems with it: an allow acknowledges the warnings reported
// at its heading's when, so it needs one (hasWhen).
func (c *collector) ownAllow(n *ast.Heading, hasWhen bool) []diag.Code {
	v, found := n.AttributeString("allow")
	if !found || n.Lines().Len() == 0 {
		return nil
	}
	from, attrs := c.attributeBlock(n)
	_, value, quoted := findAttr(attrs, "allow")
	line, col := c.lines.pos(from + max(value, 0))
	b, isString := v.([]byte)
	switch {
	case !isString || !quoted:
		c.problem(line, col, fmt.Sprintf("allow must be a quoted string: write the attribute as {allow=%q}", attrString(v)))
		return nil
	case !hasWhen:
		c.problem(line, col, `allow acknowledges the warnings about the heading's own when="...", and this heading has none`)
		return nil
	}
	var codes []diag.Code
	for _, code := range strings.FieldsFunc(string(b), func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		if msg := diag.CheckCode(code); msg != "" {
			c.problem(line, col, msg)
			continue
		}
		codes = append(codes, diag.Code(code))
	}
	return codes
}

// checkHeadingText reports a heading whose text still holds "{when": an
// attribute goldmark could not read and kept as text.
func (c *collector) checkHeadingText(n *ast.Heading) {
	source := c.doc.source
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		line := source[seg.Start:seg.Stop]
		at := indexFold(line, "{when")
		if at < 0 {
			continue
		}
		l, col := c.lines.pos(seg.Start + at)
		c.problem(l, col, fmt.Sprintf(`heading text contains "{when": write the attribute as {when=%q}`, guessWhen(line[at+len("{when"):])))
		return
	}
}

// task records a task item and its place among the tasks.
func (c *collector) task(item *ast.ListItem, box *extast.TaskCheckBox) {
	source := c.doc.source
	first := item.FirstChild()
	t := &Task{
		Plain:   plainText(first, source),
		Checked: box.IsChecked,
		item:    item,
		doc:     c.doc,
	}
	if list, ok := item.Parent().(*ast.List); ok {
		t.Ordered = list.IsOrdered()
	}
	if first.Lines().Len() > 0 {
		t.Line, _ = c.lines.pos(first.Lines().At(0).Start)
	}
	if len(c.sections) > 0 {
		h := c.sections[len(c.sections)-1]
		t.Heading = h.ID
		t.When, t.WhenLine, t.WhenCol = h.When, h.whenLine, h.whenCol
	}
	if t.When == "" {
		t.WhenLine, t.WhenCol = 0, 0
	}

	s := slug(t.Text)
	if s == "" {
		s = "task"
	}
	whole, fallback := s, firstWords(s, fallbackWords)
	if t.Heading != "" {
		whole, fallback = t.Heading+"-"+whole, t.Heading+"-"+fallback
	}
	info := &taskIDInfo{task: t, box: box, fallback: fallback, whole: c.wholeIDs.claim(whole)}
	if v, ok := item.Attribute([]byte(explicitIDAttr)); ok {
		e := v.(explicitID)
		info.explicit = &e
	}
	c.taskInfos = append(c.taskInfos, info)
	// Where the page makes the task a live checkbox, its label ends at
	// the end of the item's first block.
	first.AppendChild(first, &taskLabelEnd{})

	if len(c.tasks) == 0 {
		c.doc.Tasks = append(c.doc.Tasks, t)
	} else {
		parent := c.tasks[len(c.tasks)-1]
		parent.Steps = append(parent.Steps, t)
	}
	c.tasks = append(c.tasks, t)
}

// listTask reports whether a list item without a checkbox is a task in
// a guide whose tasks are its list items: one under a dated heading, with
// text to tick, and not inside a blockquote, a callout or raw HTML.
func (c *collector) listTask(item *ast.ListItem) bool {
	if len(c.sections) == 0 || c.sections[len(c.sections)-1].When == "" || c.htmlDepth > 0 {
		return false
	}
	switch first := item.FirstChild(); first.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		if !first.HasChildren() {
			return false
		}
	default:
		return false
	}
	for p := item.Parent(); p != nil; p = p.Parent() {
		switch p.(type) {
		case *ast.Blockquote, *alertNode:
			return false
		}
	}
	return true
}

// openTags is how many more elements the raw HTML block opens than it
// closes: <details> opens one, </details> closes it, and a void element,
// a comment or a self-closing tag does neither.
func openTags(n *ast.HTMLBlock, source []byte) int {
	var b bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		line := n.Lines().At(i)
		b.Write(line.Value(source))
	}
	if n.HasClosure() {
		closure := n.ClosureLine
		b.Write(closure.Value(source))
	}
	s := b.Bytes()
	depth := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '<' || i+1 == len(s) {
			continue
		}
		closing := s[i+1] == '/'
		j := i + 1
		if closing {
			j++
		}
		k := j
		for k < len(s) && (s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z' || s[k] >= '0' && s[k] <= '9' || s[k] == '-') {
			k++
		}
		if k == j || !unicode.IsLetter(rune(s[j])) {
			continue // a comment, a declaration or a bare '<'
		}
		end := bytes.IndexByte(s[k:], '>')
		switch {
		case closing:
			depth--
		case voidElements[strings.ToLower(string(s[j:k]))]:
		case end > 0 && s[k+end-1] == '/':
		default:
			depth++
		}
	}
	return depth
}

// uniqueIDs hands out ids that are unique in a document: an id already
// taken gets the lowest free suffix from "-2" on.
type uniqueIDs struct {
	taken map[string]bool
	// next is, by id asked for, the suffix to try first: every lower one
	// is taken, and ids are never given back. Without it a guide of n
	// tasks of the same text would try n²/2 suffixes.
	next map[string]int
}

func (u uniqueIDs) claim(id string) string {
	if !u.taken[id] {
		u.taken[id] = true
		return id
	}
	i := max(u.next[id], 2)
	for u.taken[id+"-"+strconv.Itoa(i)] {
		i++
	}
	u.next[id] = i + 1
	claimed := id + "-" + strconv.Itoa(i)
	u.taken[claimed] = true
	return claimed
}

// droppedHTML warns about raw HTML left out of the page because raw HTML
// is off: a placeholder written as "<Project Name>" in prose, a table
// written in HTML. A comment is left out too, but says nothing to a
// reader, so it goes without a warning.
func (c *collector) droppedHTML(n ast.Node) {
	var segs *text.Segments
	switch n := n.(type) {
	case *ast.RawHTML:
		segs = n.Segments
	case *ast.HTMLBlock:
		if n.HTMLBlockType == ast.HTMLBlockType2 {
			return // <!-- comment -->
		}
		segs = n.Lines()
	}
	if segs == nil || segs.Len() == 0 {
		return
	}
	start := segs.At(0).Start
	first := segs.At(0)
	raw := bytes.TrimSpace(first.Value(c.doc.source))
	if bytes.HasPrefix(raw, []byte("<!--")) || bytes.HasPrefix(raw, []byte("</")) {
		return // a comment; the end of an element warned about at its start
	}
	shown := string(raw)
	if end := strings.IndexByte(shown, '>'); end >= 0 {
		shown = shown[:end+1]
	}
	if len(shown) > 60 {
		shown = shown[:57] + "..."
	}
	line, col := c.lines.pos(start)
	what := "raw HTML"
	if _, block := n.(*ast.HTMLBlock); block {
		what = "an HTML block"
	}
	c.doc.Warnings = append(c.doc.Warnings, Warning{Code: diag.RawHTMLDropped, Problem: Problem{Line: line, Col: col,
		Msg: fmt.Sprintf("%s %q is left out of the page: raw HTML is off (unsafe_html); to show the text, write it in backticks or escape the < as \\<", what, shown)}})
}

func (c *collector) problem(line, col int, msg string) {
	c.doc.Problems = append(c.doc.Problems, Problem{Line: line, Col: col, Msg: msg})
}

// taskBox returns the checkbox of a task-list item, nil for any other
// node.
func taskBox(n ast.Node) *extast.TaskCheckBox {
	item, ok := n.(*ast.ListItem)
	if !ok || item.FirstChild() == nil {
		return nil
	}
	box, _ := item.FirstChild().FirstChild().(*extast.TaskCheckBox)
	return box
}

// findAttr finds the attribute name, in any case, in the attribute block
// at the end of a heading line. It returns the offsets of the name and of
// the value's first character (inside the quotes when quoted), -1 if
// absent.
func findAttr(attrs []byte, attr string) (name, value int, quoted bool) {
	for i := 0; i+len(attr) <= len(attrs); i++ {
		if !strings.EqualFold(string(attrs[i:i+len(attr)]), attr) {
			continue
		}
		if i > 0 && !(attrs[i-1] == '{' || attrs[i-1] == ',' || util.IsSpace(attrs[i-1])) {
			continue
		}
		j := i + len(attr)
		for j < len(attrs) && util.IsSpace(attrs[j]) {
			j++
		}
		if j == len(attrs) || attrs[j] != '=' {
			continue
		}
		j++
		for j < len(attrs) && util.IsSpace(attrs[j]) {
			j++
		}
		if j < len(attrs) && attrs[j] == '"' {
			return i, j + 1, true
		}
		return i, j, false
	}
	return -1, -1, false
}

// guessWhen reads the value of a when attribute goldmark could not parse,
// from the text after "{when", to suggest the right spelling.
func guessWhen(rest []byte) string {
	s := string(rest)
	if end := strings.IndexByte(s, '}'); end >= 0 {
		s = s[:end]
	}
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimPrefix(s, "="))
	s = strings.Trim(s, `"'“”‘’ `)
	if s == "" {
		return "..."
	}
	return s
}

// attrString is an attribute value as the author meant it.
func attrString(v any) string {
	switch v := v.(type) {
	case []byte:
		return strings.TrimSpace(string(v))
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case nil:
		return "..."
	default:
		return fmt.Sprint(v)
	}
}

// indexFold is strings.Index ignoring ASCII case.
func indexFold(s []byte, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(string(s[i:i+len(sub)]), sub) {
			return i
		}
	}
	return -1
}

// lineEnd returns the length of b's first line, without its newline.
func lineEnd(b []byte) int {
	if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
		return i
	}
	return len(b)
}

// lineIndex maps byte offsets in a source to lines and columns.
type lineIndex []int // the offset each line starts at

func newLineIndex(source []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range source {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// pos returns the 1-based line and byte column of offset.
func (l lineIndex) pos(offset int) (line, col int) {
	i := sort.Search(len(l), func(i int) bool { return l[i] > offset }) - 1
	return i + 1, offset - l[i] + 1
}

// plainText is the text of n and its descendants as a reader sees it,
// on one line, with date references as written, and in pieces when there
// are any.
func plainText(n ast.Node, source []byte) Plain {
	var parts []TextPart
	var b strings.Builder
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(textValue(n, source))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(stringValue(n))
		case *ast.AutoLink:
			b.Write(n.Label(source))
		case *dateRefNode:
			parts = append(parts, TextPart{Text: b.String()}, TextPart{Text: string(source[n.start:n.stop]), Ref: n.Expr})
			b.Reset()
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *extast.TaskCheckBox:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if parts == nil {
		return Plain{Text: oneLine(b.String())}
	}
	parts = append(parts, TextPart{Text: b.String()})
	// Each piece on one line, keeping a space at either end: a reference
	// starts and ends with braces, so the spaces beside one are the only
	// ones that meet across pieces.
	var all strings.Builder
	for i := range parts {
		p := &parts[i]
		p.Text = spacedLine(p.Text, i > 0, i < len(parts)-1)
		all.WriteString(p.Text)
	}
	return Plain{Text: all.String(), parts: parts}
}

// textValue is the text a reader sees of n: escapes and character
// references resolved, but in code.
func textValue(n *ast.Text, source []byte) []byte {
	v := n.Segment.Value(source)
	if !n.IsRaw() {
		v = util.UnescapePunctuations(v)
		v = util.ResolveNumericReferences(v)
		v = util.ResolveEntityNames(v)
	}
	return v
}

// stringValue is the text a reader sees of n.
func stringValue(n *ast.String) string {
	if n.IsCode() {
		// Typographer's punctuation, written as HTML entities.
		return stdhtml.UnescapeString(string(n.Value))
	}
	return string(n.Value)
}

// spacedLine is oneLine(s), with one space kept before it when s starts
// with white space and before is set, and one kept after it when s ends
// with white space and after is set. White space alone is one space
// between two references, else nothing.
func spacedLine(s string, before, after bool) string {
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	lead := before && s != "" && unicode.IsSpace(first)
	trail := after && s != "" && unicode.IsSpace(last)
	line := oneLine(s)
	switch {
	case line == "" && lead && trail:
		return " "
	case line == "":
		return ""
	}
	if lead {
		line = " " + line
	}
	if trail {
		line += " "
	}
	return line
}

// oneLine is s with every run of white space one space, and none at
// either end.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// slug makes an id from text: lower-case letters and digits, words joined
// by hyphens, apostrophes dropped ("Tag the cycle's RC1" →
// "tag-the-cycles-rc1"). It names tasks, which readers' remembered ticks
// are kept under, so it stays as it is; headings follow GitHub (see
// GitHubSlug).
func slug(text string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range text {
		switch {
		case r == '\'' || r == '’':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	return b.String()
}
