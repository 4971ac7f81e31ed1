package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/handbook"
	"github.com/relbook/relbook/generator/scaffold"
	"github.com/relbook/relbook/generator/schema"
	"github.com/relbook/relbook/generator/site"
	"github.com/relbook/relbook/generator/sitefs"
	"github.com/relbook/relbook/generator/terminal"
)

const (
	newReleaseUsage = "relbook new release ID [--from PREV] --start DATE [--source DIR]"
	newRoleUsage    = "relbook new role ID [--source DIR]"
	newUsage        = "Usage:\n  " + newReleaseUsage + "\n  " + newRoleUsage + "\n"
)

func newCommand(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, newUsage)
		return errUsage
	}
	switch args[0] {
	case "release":
		return newRelease(args[1:], stdout, stderr)
	case "role":
		return newRole(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprintf(stdout, "%s\nWrite the next release, copied from one with --from or from a template,\nor a new role guide (docs/commands.md tells more).\nRun \"relbook new release -h\" or \"relbook new role -h\" for the flags.\n", newUsage)
		return errHelp
	}
	hint := ""
	if s := diag.Closest(args[0], []string{"release", "role"}); s != "" {
		hint = fmt.Sprintf("; did you mean %q?", s)
	}
	fmt.Fprintf(stderr, "relbook new: unknown kind %q%s: make a release or a role\n\n%s", terminal.Escape(args[0]), hint, newUsage)
	return errUsage
}

// parseWithID parses flags written before or after the one positional
// argument, the new id ("new release v3.5 --from v3.4" reads naturally).
func parseWithID(fset *flagSet, args []string) (string, error) {
	var ids []string
	for {
		if err := fset.parseFlags(args); err != nil {
			return "", err
		}
		if fset.NArg() == 0 {
			break
		}
		ids = append(ids, fset.Arg(0))
		args = fset.Args()[1:]
	}
	if len(ids) != 1 {
		fmt.Fprintf(fset.Output(), "%s: give exactly one id\n\n", fset.Name())
		fset.help(fset.Output())
		return "", errUsage
	}
	return ids[0], nil
}

func newRelease(args []string, stdout, stderr io.Writer) error {
	var c common
	fset := newFlags("new release", stdout, stderr)
	c.registerSource(fset)
	from := fset.String("from", "", "id of the release to copy (default: none, a release written from a template)")
	startFlag := fset.String("start", "", "start date of the new cycle, YYYY-MM-DD (required)")
	id, err := parseWithID(fset, args)
	if err != nil {
		return err
	}
	if *startFlag == "" {
		fmt.Fprintf(stderr, "relbook new release: --start is required: the new cycle's first day\n\n")
		fset.help(stderr)
		return errUsage
	}
	if err := scaffold.CheckReleaseID(id); err != nil {
		return err
	}
	start, err := handbook.ParseDate(*startFlag)
	if err != nil {
		return fmt.Errorf("--start: %v", err)
	}
	folder, dir, err := c.handbookFolder()
	if err != nil {
		return err
	}
	existing := releaseIDs(folder)
	name := path.Join("releases", id+".toml")
	for _, other := range existing {
		switch {
		case other == id:
			return fmt.Errorf("refusing to overwrite %s: it exists already", userPath(dir, name))
		case strings.EqualFold(other, id):
			return fmt.Errorf("refusing to write %s: %s differs only in case, and ids must stay distinct on case-insensitive disks", userPath(dir, name), userPath(dir, "releases/"+other+".toml"))
		}
	}
	// Where the handbook keeps its schemas (relbook init writes them),
	// the new file names its own, as the rest do.
	withSchema := func(text string) string {
		if st, err := fs.Stat(folder, path.Join(schema.Dir, schema.Release.Schema)); err == nil && st.Mode().IsRegular() {
			return scaffold.WithSchema(text, schema.Release.Directive(name))
		}
		return text
	}
	if *from == "" {
		text := withSchema(scaffold.FirstRelease(id, start))
		if err := createFile(folder, dir, name, text); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "relbook: wrote %s from the template: a cycle of 13 weeks from %s\n", userPath(dir, name), start)
		if len(existing) > 0 {
			fmt.Fprintf(stdout, "relbook: --from %s would have copied the milestones, phases and meetings of an existing release\n", existing[len(existing)-1])
		}
		return checkNewFile(folder, dir, name, stderr, &c)
	}
	prevName := path.Join("releases", *from+".toml")
	prevText, err := []byte(nil), fs.ErrNotExist
	if scaffold.CheckReleaseID(*from) == nil {
		prevText, err = folder.ReadFile(prevName)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		hint := ""
		if s := diag.Closest(*from, existing); s != "" {
			hint = fmt.Sprintf("; did you mean %q?", s)
		}
		return fmt.Errorf("--from %s: there is no releases/%s.toml in %s%s", *from, *from, filepath.ToSlash(dir), hint)
	case err != nil:
		return fmt.Errorf("--from %s: %s: %s", *from, prevName, sitefs.Why(err))
	}
	res, err := scaffold.Release(string(prevText), scaffold.ReleaseRequest{PrevID: *from, ID: id, Start: start})
	if err != nil {
		return err
	}
	text := withSchema(res.Text)
	// A #:schema line put on top moves what the copy asks to review.
	shiftLines := strings.Count(text, "\n") - strings.Count(res.Text, "\n")
	if err := createFile(folder, dir, name, text); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "relbook: wrote %s from %s: dates shifted by %s; start %s → %s\n",
		userPath(dir, name), *from, scaffold.DescribeShift(res.Shift), res.PrevStart, start)
	if !res.WholeWeeks() {
		fmt.Fprintf(stderr, "relbook: warning: %s is not a whole number of weeks, so every date falls on another weekday than in %s; review them all\n",
			scaffold.DescribeShift(res.Shift), *from)
	}
	if len(res.Review) > 0 {
		fmt.Fprintf(stdout, "Review what the copy left as it was:\n")
		for _, n := range res.Review {
			fmt.Fprintf(stdout, "%s:%d:%d: %s\n", terminal.Escape(userPath(dir, name)), n.Line+shiftLines, n.Col, terminal.Escape(n.Msg))
		}
	}
	return checkNewFile(folder, dir, name, stderr, &c)
}

// handbookFolder opens the handbook folder to write into, as folder does,
// and refuses one without handbook.toml: files written there would not be
// part of any handbook.
func (c *common) handbookFolder() (*sitefs.Folder, string, error) {
	folder, dir, err := c.folder()
	if err != nil {
		return nil, "", err
	}
	if st, err := folder.Stat("handbook.toml"); err != nil || st.IsDir() {
		return nil, "", fmt.Errorf("%s has no handbook.toml, so it is not a handbook: run relbook init %s first, or give the handbook's folder with --source", filepath.ToSlash(dir), filepath.ToSlash(dir))
	}
	return folder, dir, nil
}

// releaseIDs lists the release ids of a site folder.
func releaseIDs(folder *sitefs.Folder) []string {
	entries, _ := folder.ReadDir("releases")
	var ids []string
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ".toml"); ok && !e.IsDir() {
			ids = append(ids, id)
		}
	}
	return ids
}

// createFile writes the new file name into the site folder dir, refusing
// to replace one that exists even if it appeared a moment ago, or to
// write through a link that leads out of the folder.
func createFile(folder *sitefs.Folder, dir, name, text string) error {
	err := folder.Create(name, []byte(text))
	var refusal *sitefs.Refusal
	var perr *fs.PathError
	switch {
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("refusing to overwrite %s: it exists already", userPath(dir, name))
	case errors.As(err, &refusal) && errors.As(err, &perr):
		return fmt.Errorf("refusing to write %s: %s: %s", name, perr.Path, refusal)
	}
	return err
}

// checkNewFile loads and resolves the site as a build would, and prints
// the problems found in the new file: it should load cleanly before the
// author starts editing it.
func checkNewFile(folder *sitefs.Folder, dir, name string, stderr io.Writer, c *common) error {
	opts, err := c.options(dir)
	if err != nil {
		return err
	}
	_, diags := site.Resolve(folder, opts)
	mine := slices.DeleteFunc(diags, func(d diag.Diagnostic) bool { return d.Pos.Path != name })
	printDiagnostics(stderr, dir, mine)
	if mine.HasErrors() {
		fmt.Fprintf(stderr, "relbook: %s has problems; fix them before the next build\n", userPath(dir, name))
		return errProblems
	}
	return nil
}

func newRole(args []string, stdout, stderr io.Writer) error {
	var c common
	fset := newFlags("new role", stdout, stderr)
	c.registerSource(fset)
	id, err := parseWithID(fset, args)
	if err != nil {
		return err
	}
	if err := scaffold.CheckRoleID(id); err != nil {
		return err
	}
	folder, dir, err := c.handbookFolder()
	if err != nil {
		return err
	}
	name := path.Join("roles", id+".md")
	if _, err := folder.Stat(name); err == nil {
		return fmt.Errorf("refusing to overwrite %s: it exists already", userPath(dir, name))
	}
	if info, err := folder.Stat(path.Join("roles", id)); err == nil && info.IsDir() {
		return fmt.Errorf("refusing to write %s: the folder roles/%s/ is there already, and a role has one guide", name, id)
	}
	opts, err := c.options(dir)
	if err != nil {
		return err
	}
	h, _ := site.Resolve(folder, opts)
	req := scaffold.RoleRequest{ID: id, Order: 1}
	for _, r := range h.Roles {
		if r.HasGuide() {
			req.Order = max(req.Order, r.Order+1)
		}
	}
	var newest *handbook.Release
	if len(h.Releases) > 0 {
		newest = h.Releases[0] // newest first, by start
		req.Milestone = scaffold.ExampleMilestone(h.Releases)
	}
	if err := createFile(folder, dir, name, scaffold.Role(req)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "relbook: wrote %s\n", userPath(dir, name))
	if newest != nil {
		fmt.Fprintf(stdout, "Next: write the guide, and name the people holding the role under [team] in %s: %s = [\"Name (@handle)\"]\n", terminal.Escape(userPath(dir, newest.Path)), id)
	}
	return checkNewFile(folder, dir, name, stderr, &c)
}
