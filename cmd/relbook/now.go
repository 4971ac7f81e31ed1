package main

import (
	"io"

	"github.com/relbook/relbook/generator/agenda"
	"github.com/relbook/relbook/generator/site"
)

func nowCommand(args []string, stdout, stderr io.Writer) error {
	var c common
	fset := newFlags("now", stdout, stderr)
	c.register(fset)
	role := fset.String("role", "", "show only this role's tasks and milestones (default: every role)")
	release := fset.String("release", "", "release id (default: the current release)")
	asJSON := fset.Bool("json", false, "write JSON for programs (see docs/commands.md)")
	fsys, dir, opts, err := c.parseSite(fset, args)
	if err != nil {
		return err
	}
	h, diags := site.Resolve(fsys, opts)
	if diags.HasErrors() {
		printDiagnostics(stderr, dir, diags.Errors())
		return errProblems
	}
	a, err := agenda.Build(h, agenda.Options{Release: *release, Role: *role, Today: opts.Today})
	if err != nil {
		return err
	}
	if *asJSON {
		return a.WriteJSON(stdout)
	}
	return a.WriteText(stdout)
}
