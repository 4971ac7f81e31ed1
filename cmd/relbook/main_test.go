package main

import (
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts run relbook as a command, in-process.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"relbook": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script")

// TestScripts runs the command-line scenarios in testdata/script: each file
// is a small site folder plus the commands a user types and what they must
// see. Run with -update to rewrite the expected output of cmp lines (then
// read the diff before committing it).
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
	})
}
