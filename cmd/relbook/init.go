package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/relbook/relbook/content"
	"github.com/relbook/relbook/generator/scaffold"
)

// initCommand writes a new handbook: a small commented skeleton, or with
// --example the example handbook built into relbook. It never replaces a
// file: a folder that already holds any of the files it would write is
// refused before anything is written.
func initCommand(args []string, stdout, stderr io.Writer) error {
	fset := newFlags("init", stdout, stderr)
	example := fset.Bool("example", false, "write out the full example handbook (the Lighthouse community) instead of a skeleton")
	var c common
	fset.StringVar(&c.now, "now", "", "today's date as YYYY-MM-DD, which the skeleton's feeds are stamped with (default: today in UTC)")
	var dirs []string
	for {
		if err := fset.parseFlags(args); err != nil {
			return err
		}
		if fset.NArg() == 0 {
			break
		}
		dirs = append(dirs, fset.Arg(0))
		args = fset.Args()[1:]
	}
	if len(dirs) > 1 {
		fmt.Fprintf(stderr, "relbook init: give at most one folder\n\n")
		fset.help(stderr)
		return errUsage
	}
	// Like the example in relbook's own repository: the handbook in
	// ./content, the site built beside it into ./public.
	dir := "content"
	if len(dirs) == 1 {
		dir = dirs[0]
	}
	today, err := c.today()
	if err != nil {
		return err
	}
	files := scaffold.Skeleton(today)
	if *example {
		var err error
		if files, err = exampleFiles(); err != nil {
			return err
		}
	}
	// Refuse before writing anything, so that a refusal leaves no half
	// handbook behind.
	var clash []string
	for _, f := range files {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(f.Path))); err == nil {
			clash = append(clash, filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(f.Path))))
		}
	}
	switch {
	case len(clash) == 1:
		return fmt.Errorf("refusing to overwrite %s: it exists already; relbook init writes a new handbook into an empty folder", clash[0])
	case len(clash) > 1:
		return fmt.Errorf("refusing to overwrite %s and %s: they exist already; relbook init writes a new handbook into an empty folder",
			strings.Join(clash[:len(clash)-1], ", "), clash[len(clash)-1])
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return fmt.Errorf("%s is a file, not a folder", dir)
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		// O_EXCL: never replace a file that appeared since the check.
		w, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, err = io.WriteString(w, f.Text)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	what := "a new handbook"
	if *example {
		what = "the example handbook"
	}
	fmt.Fprintf(stdout, "relbook: wrote %s into %s: %s\n", what, filepath.ToSlash(dir), plural(len(files), "file", "files"))
	src := ""
	if d := filepath.Clean(dir); d != "content" && d != "." {
		src = " --source " + filepath.ToSlash(dir)
	}
	if !*example {
		fmt.Fprintf(stdout, "Next:\n  relbook new release v1.0 --start YYYY-MM-DD%s   (a Monday)\n  relbook serve%s\n", src, src)
	} else {
		fmt.Fprintf(stdout, "Next:\n  relbook serve%s\n", src)
	}
	return nil
}

// exampleFiles lists the example handbook's files, sorted by path.
func exampleFiles() ([]scaffold.File, error) {
	var files []scaffold.File
	err := fs.WalkDir(content.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if path.Ext(p) == ".go" {
			return nil // the embedding, not part of the handbook
		}
		b, err := fs.ReadFile(content.FS, p)
		if err != nil {
			return err
		}
		files = append(files, scaffold.File{Path: p, Text: string(b)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, errors.New("the built-in example handbook is empty")
	}
	slices.SortFunc(files, func(a, b scaffold.File) int { return strings.Compare(a.Path, b.Path) })
	return files, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
