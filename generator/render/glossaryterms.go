package render

import "html/template"

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
