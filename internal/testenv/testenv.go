// Package testenv is what tests say about the machine they run on: a
// program or file a test needs skips the test on a developer's machine
// without it, and fails it under CI (CI=true), which .ci/run installs
// everything for, so that a missing tool never passes for a green run.
package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// Missing stops a test that lacks what, which .ci/run provides.
func Missing(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing: .ci/run installs it", what)
	}
	t.Skipf("%s is missing; skipping (.ci/run installs it)", what)
}

// Need is the path of a program the test runs, found on PATH.
func Need(t testing.TB, program string) string {
	t.Helper()
	p, err := exec.LookPath(program)
	if err != nil {
		Missing(t, program)
	}
	return p
}
