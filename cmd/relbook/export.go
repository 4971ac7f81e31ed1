package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/relbook/relbook/generator/agenda"
	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/export"
	"github.com/relbook/relbook/generator/site"
	"github.com/relbook/relbook/generator/terminal"
)

const (
	exportIssueUsage = "relbook export issue --release ID --role ROLE [--source DIR | --example] [--base-url URL] [--now DATE]"
	exportUsage      = "Usage:\n  " + exportIssueUsage + "\n"
)

func exportCommand(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, exportUsage)
		return errUsage
	}
	switch args[0] {
	case "issue":
		return exportIssue(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprintf(stdout, "%s\nWrite a role's checklist for a release as GitHub-flavoured markdown for a\ntracking issue (docs/commands.md tells more).\nRun \"relbook export issue -h\" for the flags.\n", exportUsage)
		return errHelp
	}
	hint := ""
	if s := diag.Closest(args[0], []string{"issue"}); s != "" {
		hint = fmt.Sprintf("; did you mean %q?", s)
	}
	fmt.Fprintf(stderr, "relbook export: unknown form %q%s\n\n%s", terminal.Escape(args[0]), hint, exportUsage)
	return errUsage
}

func exportIssue(args []string, stdout, stderr io.Writer) error {
	var c common
	fset := newFlags("export issue", stdout, stderr)
	c.register(fset)
	release := fset.String("release", "", "release id (default: the current release)")
	role := fset.String("role", "", "role id (required)")
	baseURL := fset.String("base-url", "", "absolute URL the site is published at (overrides base_url)")
	if err := parse(fset, args); err != nil {
		return err
	}
	if *role == "" {
		fmt.Fprintf(stderr, "relbook export issue: --role is required\n\n")
		fset.help(stderr)
		return errUsage
	}
	fsys, dir, opts, err := c.openSite()
	if err != nil {
		return err
	}
	opts.BaseURL = *baseURL
	h, diags := site.Resolve(fsys, opts)
	if diags.HasErrors() {
		printDiagnostics(stderr, dir, diags.Errors())
		return errProblems
	}
	r, err := agenda.PickRelease(h, *release)
	if err != nil {
		return err
	}
	ro, err := agenda.PickRole(h, *role)
	if err != nil {
		return err
	}
	cl := r.Checklist(ro.ID)
	if cl == nil {
		return errors.New("role " + ro.ID + " has no guide, so no checklist: write roles/" + ro.ID + ".md")
	}
	for _, d := range diags {
		if d.Code == diag.NoBaseURL && *baseURL == "" {
			fmt.Fprintf(stderr, "relbook: base_url is not set, so the issue links to the site at %s; give --base-url URL\n", terminal.Escape(h.BaseURL))
		}
	}
	return export.WriteIssue(stdout, cl, export.Options{BaseURL: h.BaseURL})
}
