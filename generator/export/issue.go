// Package export writes a role's checklist for one release in the forms
// other tools take in, beside the site's pages.
//
// [WriteIssue] writes it as GitHub-flavoured markdown for the body of a
// tracking issue, the document release teams otherwise keep by hand as an
// issue template and re-date for every release: a title line, a link to
// the checklist page on the published site, then the guide's dated
// sections in date order, each a heading with its real date in the
// release and a link back to that section of the checklist page, every
// task a `- [ ]` item (`1. [ ]` for ordered ones) with its steps nested
// under it, and the undated tasks, and those the release does not
// schedule, in sections of their own.
//
// Task text is markdown already and is written with its inline markup
// kept ([markdown.Task.Markdown]): links and images resolved to absolute
// URLs where the handbook says where it is published, inline date
// references filled in for the release. Each task is one line, so that
// nothing an author wrote can start another list item or a heading; the
// text relbook adds around it (heading text, names, titles) is escaped to
// show as written. The GitHub handles of the role's holders and shadows
// ("Priya Raman (@praman)" in [team]) are written as @-mentions, so that
// GitHub notifies them when the issue is opened. The same checklist always
// gives the same bytes.
package export

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/relbook/relbook/generator/dateexpr"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/markdown"
	"github.com/relbook/relbook/generator/sourceurl"
)

// Options say where the checklist is published.
type Options struct {
	// BaseURL is the published site's address, ending in "/"
	// (handbook.toml's base_url). Without it, links to the site are
	// written relative to the site's root and the guide's own relative
	// links as they are written.
	BaseURL string
}

// ChecklistURL is the address of release r's checklist for role on the
// site published at baseURL.
func ChecklistURL(baseURL string, r *handbook.Release, role *handbook.Role) string {
	return baseURL + "releases/" + r.ID + "/" + role.ID + "/"
}

// Section is a part of the issue: the tasks under one heading of the
// guide that fall due on one day or over one range of days, or the
// undated or unscheduled ones.
type Section struct {
	// Title is the heading's text in the issue, as plain text: the
	// guide heading's text and its date.
	Title string
	// Anchor is the id of the guide heading on the checklist page (for
	// the undated and unscheduled tasks, the first one's); "" when the
	// tasks are under no heading.
	Anchor string
	Tasks  []*markdown.Task
}

// Sections groups the checklist's tasks as the issue shows them: the
// dated ones by due date (as c.Groups are), each day's by the guide
// heading they are under in the order written; then the undated tasks;
// then those whose date names a milestone the release does not have.
func Sections(c *handbook.Checklist) []Section {
	r := c.Release
	headings := map[string]markdown.Heading{}
	if c.Role.Guide != nil {
		for _, h := range c.Role.Guide.Headings {
			headings[h.ID] = h
		}
	}
	ref := refText(r)
	var out []Section
	for _, g := range c.Groups {
		date := g.Due.Long()
		if g.IsRange() {
			date = g.From.Long() + " – " + g.Due.Long()
		}
		first := len(out)
		for _, t := range g.Tasks {
			if i := find(out[first:], t.Heading); i >= 0 {
				out[first+i].Tasks = append(out[first+i].Tasks, t)
				continue
			}
			title := date
			if h, ok := headings[t.Heading]; ok && t.Heading != "" {
				if text := h.TextFor(ref); text != "" && text != date {
					title = text + " — " + date
				}
			}
			out = append(out, Section{Title: title, Anchor: t.Heading, Tasks: []*markdown.Task{t}})
		}
	}
	// The undated and unscheduled tasks link back to where the first
	// of them is.
	if len(c.Undated) > 0 {
		out = append(out, Section{Title: "Any time", Anchor: c.Undated[0].Heading, Tasks: c.Undated})
	}
	if len(c.Unscheduled) > 0 {
		out = append(out, Section{Title: "Not scheduled in " + r.Name, Anchor: c.Unscheduled[0].Heading, Tasks: c.Unscheduled})
	}
	return out
}

// find returns the index of the section under heading id, -1 if none.
func find(sections []Section, id string) int {
	for i, s := range sections {
		if s.Anchor == id {
			return i
		}
	}
	return -1
}

// WriteIssue writes checklist c as the body of a tracking issue (see
// the package documentation).
func WriteIssue(w io.Writer, c *handbook.Checklist, opts Options) error {
	r, role := c.Release, c.Role
	b := bufio.NewWriter(w)
	page := ChecklistURL(opts.BaseURL, r, role)
	title := role.Title + " checklist for " + r.Name
	fmt.Fprintf(b, "# %s\n\n", markdown.EscapeText(title))
	holders, shadows := r.Holders(role.ID)
	fmt.Fprintf(b, "The [%s checklist](%s) for %s, dated %s to %s. Tick each task here when it is done.\n",
		markdown.EscapeText(role.Title), link(page), markdown.EscapeText(r.Name), r.Start.Long(), r.ReleaseDate().Long())
	if len(holders) > 0 {
		fmt.Fprintf(b, "\n%s: %s", markdown.EscapeText(role.Title), people(holders))
		if len(shadows) > 0 {
			fmt.Fprintf(b, "; shadows: %s", people(shadows))
		}
		b.WriteString(".\n")
	}
	text := markdown.TextOptions{DateRef: refText(r), Link: links(opts.BaseURL, role, page)}
	for _, s := range Sections(c) {
		fmt.Fprintf(b, "\n## %s\n\n", markdown.EscapeText(s.Title))
		if s.Anchor != "" {
			fmt.Fprintf(b, "[This section on the checklist](%s)\n\n", link(page+"#"+s.Anchor))
		} else {
			fmt.Fprintf(b, "[On the checklist](%s)\n\n", link(page))
		}
		writeTasks(b, "", s.Tasks, text)
	}
	return b.Flush()
}

// writeTasks writes tasks as a task list, each task's steps nested under
// it, indented to the column its text starts in.
func writeTasks(b *bufio.Writer, indent string, tasks []*markdown.Task, text markdown.TextOptions) {
	n := 0
	for _, t := range tasks {
		mark := "-"
		if t.Ordered {
			n++
			mark = strconv.Itoa(n) + "."
		}
		md := t.Markdown(text)
		if md == "" {
			md = "(no text)"
		}
		fmt.Fprintf(b, "%s%s [ ] %s\n", indent, mark, md)
		writeTasks(b, indent+strings.Repeat(" ", len(mark)+1), t.Steps, text)
	}
}

// refText fills in an inline date reference for release r as plain text,
// as the site's calendars and terminal output do; one that does not
// resolve stays as written.
func refText(r *handbook.Release) func(string) (string, bool) {
	return func(src string) (string, bool) {
		ref, ok := dateexpr.ResolveRef(r, src)
		if !ok {
			return "", false
		}
		return ref.Text, true
	}
}

// links resolves the destination of a link in a task of role's guide for
// a place outside the site: a fragment ("#notes") is that heading on the
// checklist page; a guide that also lives elsewhere (source_url) has its
// other links resolved there, as on its own page; any other relative link
// resolves against the guide's page on the published site. URLs with a
// scheme, and links no base URL can resolve, stay as written.
func links(baseURL string, role *handbook.Role, page string) func(string) string {
	var source *sourceurl.Base
	if role.SourceURL != "" {
		source, _ = sourceurl.Parse(role.SourceURL)
	}
	guide, err := url.Parse(baseURL + "roles/" + role.ID + "/")
	absolute := err == nil && guide.IsAbs()
	return func(dest string) string {
		switch {
		case dest == "" || sourceurl.HasScheme(dest) || strings.HasPrefix(dest, "//"):
			return dest
		case strings.HasPrefix(dest, "#"):
			return page + dest
		case source != nil:
			if u, ok := source.Resolve(dest, false); ok {
				return u
			}
			return dest
		case !absolute:
			return dest
		}
		ref, err := url.Parse(dest)
		if err != nil {
			return dest
		}
		return guide.ResolveReference(ref).String()
	}
}

// link writes a URL relbook makes as a link destination.
func link(u string) string {
	if strings.ContainsAny(u, " ()<>") {
		return "<" + u + ">"
	}
	return u
}
