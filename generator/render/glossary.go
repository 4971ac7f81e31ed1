package render

import (
	"html/template"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/relbook/relbook/generator/handbook"
)

// glossaryPage is glossary.html: every term, alphabetical.
type glossaryPage struct {
	page
	Letters []string
	Terms   glossaryTerms
}

type termView struct {
	ID string
	// Anchor is the entry's id on the page: the term id, except where
	// that is taken (the onboarding packet).
	Anchor     string
	Name       string
	Letter     string
	Expansion  string
	Definition template.HTML
	Aliases    []string
	See        []roleLink
}

func (b *builder) glossaryPage(p page) any {
	p.Title = "Glossary"
	p.Description = "The words of release management as the " + b.h.Title + " uses them."
	p.crumbs("Glossary")
	v := &glossaryPage{page: p, Terms: b.terms(p)}
	for _, tv := range v.Terms {
		if n := len(v.Letters); n == 0 || v.Letters[n-1] != tv.Letter {
			v.Letters = append(v.Letters, tv.Letter)
		}
	}
	return v
}

// terms renders the glossary for page p: the terms as every page shows
// them (see shared.termViews), with their definitions rendered for p. The
// views and their See links are p's own, for the page to change (the
// onboarding packet moves the anchors).
func (b *builder) terms(p page) glossaryTerms {
	terms := slices.Clone(b.termViews(b.h))
	for i, t := range b.h.Terms {
		terms[i].Definition = b.definition(p, t)
		terms[i].See = slices.Clone(terms[i].See)
	}
	return terms
}

// definition renders t's definition for page p, where it does not link
// to t itself.
func (b *builder) definition(p page, t *handbook.Term) template.HTML {
	p.md.Skip = t.ID
	def, err := t.Definition.Render(p.md)
	p.md.Skip = ""
	b.fail(err, "glossary.toml")
	return def
}

// usedTerms are the terms page p uses, with their definitions: those its
// text has linked so far or shown spells out, the terms their definitions
// link and those they point to (see also), in the glossary's order. A packet to print carries
// these rather than the whole glossary.
func (b *builder) usedTerms(p page, shown string) glossaryTerms {
	views := b.termViews(b.h)
	defs := make([]*template.HTML, len(b.h.Terms))
	seeAlso := map[string]bool{}
	// Text the page shows that is not markdown, such as a deadline's
	// "(AoE)", uses terms too: those written there as the glossary
	// spells them.
	for _, t := range b.h.Terms {
		for _, spelling := range append([]string{t.Name}, t.Aliases...) {
			if containsWord(shown, spelling) {
				seeAlso[t.ID] = true
			}
		}
	}
	// A definition may link terms the page had not used: they are
	// carried too, until no definition adds one.
	for more := true; more; {
		more = false
		for i, t := range b.h.Terms {
			if defs[i] != nil || !p.md.Linked(t.ID) && !seeAlso[t.ID] {
				continue
			}
			def := b.definition(p, t)
			defs[i], more = &def, true
			for _, id := range t.See {
				seeAlso[id] = true
			}
		}
	}
	var terms glossaryTerms
	for i := range b.h.Terms {
		if defs[i] != nil {
			tv := views[i]
			tv.Definition = *defs[i]
			tv.See = slices.Clone(tv.See)
			terms = append(terms, tv)
		}
	}
	return terms
}

// termViews are h's terms without their definitions, which depend on the
// page: made once, and only read afterwards.
func (s *shared) termViews(h *handbook.Handbook) []termView {
	s.glossary.once.Do(func() {
		byID := make(map[string]*handbook.Term, len(h.Terms))
		for _, t := range h.Terms {
			byID[t.ID] = t
		}
		views := make([]termView, 0, len(h.Terms))
		for _, t := range h.Terms {
			tv := termView{ID: t.ID, Anchor: t.ID, Name: t.Name, Letter: letter(t.Name), Expansion: t.Expansion, Aliases: t.Aliases}
			for _, id := range t.See {
				tv.See = append(tv.See, roleLink{byID[id].Name, "#" + id})
			}
			views = append(views, tv)
		}
		s.glossary.views = views
	})
	return s.glossary.views
}

// letter is the index letter a term sorts under.
func letter(name string) string {
	for _, c := range strings.ToUpper(name) {
		if 'A' <= c && c <= 'Z' {
			return string(c)
		}
		if '0' <= c && c <= '9' {
			return "#"
		}
	}
	return "#"
}

// The glossary's entries are a component, like the task lists (see
// tasklist.go): every onboarding packet prints the whole glossary,
// hundreds of terms in a large handbook, each a dozen template actions.
// Templates print {{.Terms.HTML}} on the glossary page and
// {{.Terms.PrintHTML}} in a packet; a theme that wants other markup
// writes its own from the terms' fields.

// glossaryTerms are glossary entries, in alphabetical order.
type glossaryTerms []termView

// HTML is the entries as the glossary page shows them, each letter's
// first term carrying the letter's anchor (#letter-A).
func (ts glossaryTerms) HTML() template.HTML {
	return write(func(out []byte) []byte {
		letter := ""
		for i := range ts {
			t := &ts[i]
			out = append(out, "\n  <dt id=\""...)
			out = appendEscaped(out, t.ID)
			out = append(out, "\">"...)
			if t.Letter != letter {
				letter = t.Letter
				out = append(out, "<span class=\"letter-anchor\" id=\"letter-"...)
				out = appendEscaped(out, t.Letter)
				out = append(out, "\"></span>"...)
			}
			out = t.appendName(out)
			out = append(out, "\n  </dt>\n  <dd>\n    "...)
			out = t.appendDefinition(out)
			out = append(out, "\n  </dd>"...)
		}
		return out
	})
}

// PrintHTML is the entries as the onboarding packet prints them, each
// with its Anchor on the packet.
func (ts glossaryTerms) PrintHTML() template.HTML {
	return write(func(out []byte) []byte {
		for i := range ts {
			t := &ts[i]
			out = append(out, "\n    <dt id=\""...)
			out = appendEscaped(out, t.Anchor)
			out = append(out, "\">"...)
			out = t.appendName(out)
			out = append(out, "</dt>\n    <dd>\n      "...)
			out = t.appendDefinition(out)
			out = append(out, "\n    </dd>"...)
		}
		return out
	})
}

// appendName writes the term and its expansion.
func (t *termView) appendName(out []byte) []byte {
	out = append(out, "<dfn>"...)
	out = appendEscaped(out, t.Name)
	out = append(out, "</dfn>"...)
	if t.Expansion != "" {
		out = append(out, " <span class=\"expansion\">("...)
		out = appendEscaped(out, t.Expansion)
		out = append(out, ")</span>"...)
	}
	return out
}

// appendDefinition writes the definition, the aliases and the terms to
// see also.
func (t *termView) appendDefinition(out []byte) []byte {
	out = append(out, t.Definition...)
	if len(t.Aliases) > 0 {
		out = append(out, "<p class=\"aliases\">Also: "...)
		for i, a := range t.Aliases {
			if i > 0 {
				out = append(out, ", "...)
			}
			out = appendEscaped(out, a)
		}
		out = append(out, "</p>"...)
	}
	if len(t.See) > 0 {
		out = append(out, "<p class=\"see\">See also: "...)
		for i, s := range t.See {
			if i > 0 {
				out = append(out, ", "...)
			}
			out = append(out, "<a href=\""...)
			out = appendURL(out, s.URL, false)
			out = append(out, "\">"...)
			out = appendEscaped(out, s.Title)
			out = append(out, "</a>"...)
		}
		out = append(out, "</p>"...)
	}
	return out
}

// containsWord reports whether word is in text as a whole word, spelt as
// given.
func containsWord(text, word string) bool {
	for i := 0; word != ""; {
		j := strings.Index(text[i:], word)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(word)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if !isWordChar(before) && !isWordChar(after) {
			return true
		}
		i = start + 1
	}
	return false
}

func isWordChar(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
