package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/relbook/relbook/generator/diag"
	"github.com/relbook/relbook/generator/schema"
	"github.com/relbook/relbook/generator/terminal"
)

const (
	schemaPrintUsage = "relbook schema handbook|release|glossary"
	schemaWriteUsage = "relbook schema --write [--source DIR]"
)

// schemaNames are the names `relbook schema NAME` takes, one per file
// with a JSON Schema: "release" for release.schema.json.
func schemaNames() []string {
	var names []string
	for _, f := range schema.Schemas {
		names = append(names, strings.TrimSuffix(f.Schema, ".schema.json"))
	}
	return names
}

// schemaCommand prints the JSON Schema of one kind of file, or writes all
// of them into the handbook's schemas/ folder, where the #:schema lines
// that init and new write point.
func schemaCommand(args []string, stdout, stderr io.Writer) error {
	var c common
	fset := newFlags("schema", stdout, stderr)
	c.registerSource(fset)
	write := fset.Bool("write", false, "write every schema into the handbook's "+schema.Dir+"/ folder, replacing the ones there")
	var names []string
	for {
		if err := fset.parseFlags(args); err != nil {
			return err
		}
		if fset.NArg() == 0 {
			break
		}
		names = append(names, fset.Arg(0))
		args = fset.Args()[1:]
	}
	switch {
	case *write && len(names) > 0:
		fmt.Fprintf(stderr, "relbook schema: give a name to print one schema, or --write to write them all, not both\n\n")
		fset.help(stderr)
		return errUsage
	case *write:
		return writeSchemas(&c, stdout)
	case len(names) != 1:
		fmt.Fprintf(stderr, "relbook schema: name one schema: %s\n\n", strings.Join(schemaNames(), ", "))
		fset.help(stderr)
		return errUsage
	case c.source != "":
		fmt.Fprintf(stderr, "relbook schema: --source goes with --write; the schema of a file is the same for every handbook\n\n")
		fset.help(stderr)
		return errUsage
	}
	for i, n := range schemaNames() {
		if n == names[0] {
			_, err := stdout.Write(schema.Schemas[i].JSONSchema())
			return err
		}
	}
	hint := ""
	if s := diag.Closest(names[0], schemaNames()); s != "" {
		hint = fmt.Sprintf("; did you mean %q?", s)
	}
	fmt.Fprintf(stderr, "relbook schema: unknown schema %q%s\n\n", terminal.Escape(names[0]), hint)
	fset.help(stderr)
	return errUsage
}

// writeSchemas writes every schema into the handbook's schemas/ folder.
// Only the schema files are written: anything else there is left alone,
// and a schema file that is not a regular file (a link) is refused.
func writeSchemas(c *common, stdout io.Writer) error {
	_, dir, err := c.handbookFolder()
	if err != nil {
		return err
	}
	out := filepath.Join(dir, schema.Dir)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, f := range schema.Schemas {
		p := filepath.Join(out, f.Schema)
		if st, err := os.Lstat(p); err == nil && !st.Mode().IsRegular() {
			return fmt.Errorf("refusing to write %s: it is not a regular file", filepath.ToSlash(p))
		} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if err := os.WriteFile(p, f.JSONSchema(), 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "relbook: wrote %s into %s\n", plural(len(schema.Schemas), "schema", "schemas"), filepath.ToSlash(out))
	return nil
}
