package main

import (
	"errors"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain makes the test binary the propdeck command too: testscript puts
// a copy of it named propdeck on PATH, which the scripts and the browser
// tests run (see binary), so that no test builds the program again.
func TestMain(m *testing.M) {
	testscript.Main(sharedRun{m}, map[string]func(){
		"propdeck": func() { os.Exit(process(os.Args, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the command-line scripts in testdata/script. Besides the
// standard commands they have `status N cmd args...`, which runs a command
// and checks its exact exit status.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"status": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) < 2 {
					ts.Fatalf("usage: status N command [args...]")
				}
				want, err := strconv.Atoi(args[0])
				ts.Check(err)
				err = ts.Exec(args[1], args[2:]...)
				got := 0
				var ee *exec.ExitError
				if errors.As(err, &ee) {
					got = ee.ExitCode()
				} else if err != nil {
					ts.Fatalf("%v", err)
				}
				if got != want {
					ts.Fatalf("exit status %d, want %d", got, want)
				}
			},
		},
	})
}
