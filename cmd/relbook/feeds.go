package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/relbook/relbook/generator/published"
	"github.com/relbook/relbook/generator/site"
)

const feedsUsage = "relbook feeds [--source DIR] [--update] [--now DATE]"

// feedsCommand compares the feeds with published.toml, relbook's memory
// of what they published, and with --update writes it: every event whose
// date, time, recurrence, exceptions, summary or status changed gets one
// more SEQUENCE and a new LAST-MODIFIED, and an event the handbook no
// longer has is kept as cancelled (see package published).
func feedsCommand(args []string, stdout, stderr io.Writer) error {
	var c common
	fset := newFlags("feeds", stdout, stderr)
	c.registerSource(fset)
	fset.StringVar(&c.now, "now", "", "the time changes are recorded at, YYYY-MM-DD or RFC 3339 (default: the clock)")
	update := fset.Bool("update", false, "write published.toml with the changes")
	if err := parse(fset, args); err != nil {
		return err
	}
	at, err := c.instant()
	if err != nil {
		return err
	}
	folder, dir, err := c.folder()
	if err != nil {
		return err
	}
	opts, err := c.options(dir)
	if err != nil {
		return err
	}
	next, changes, diags, err := site.UpdatePublished(folder, opts, at)
	if err != nil {
		printDiagnostics(stderr, dir, diags)
		return err
	}
	printDiagnostics(stderr, dir, diags)
	if diags.HasErrors() {
		fmt.Fprintf(stderr, "relbook: %s is unchanged\n", published.File)
		return errProblems
	}
	name := userPath(dir, published.File)
	if changes.Empty() {
		fmt.Fprintf(stdout, "relbook: %s is up to date (%s)\n", name, count(len(next.Events), "event"))
		return nil
	}
	printChanges(stdout, changes, next)
	if !*update {
		fmt.Fprintf(stdout, "relbook: %s is out of date; run relbook feeds --update to write it\n", name)
		return nil
	}
	if err := writeFileAtomic(filepath.Join(dir, published.File), next.Encode()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "relbook: wrote %s (%s); commit it with the handbook\n", name, count(len(next.Events), "event"))
	return nil
}

// printChanges lists each change as a subscriber's client will see it.
func printChanges(w io.Writer, c published.Changes, next *published.Memory) {
	for _, k := range []struct {
		what string
		uids []string
	}{
		{"new", c.Added}, {"changed", c.Changed}, {"cancelled", c.Cancelled},
		{"back", c.Restored}, {"forgotten", c.Forgotten}, {"feeds", c.Moved},
	} {
		for _, uid := range k.uids {
			line := fmt.Sprintf("  %-9s %s", k.what, uid)
			if e := next.Events[uid]; e != nil && k.what != "feeds" {
				line += fmt.Sprintf(" (SEQUENCE %d)", e.Sequence)
			}
			fmt.Fprintln(w, strings.TrimRight(line, " "))
		}
	}
}

// writeFileAtomic replaces name with data, never leaving it half written.
func writeFileAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".published-*.toml")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
