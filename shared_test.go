package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// sharedRun gives the test run one folder for what its tests share (the
// builds of the examples), removed when the run ends.
type sharedRun struct{ m *testing.M }

// sharedDir is that folder while the tests run.
var sharedDir string

func (r sharedRun) Run() int {
	dir, err := os.MkdirTemp("", "propdeck-test-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	sharedDir = dir
	defer func() {
		for _, fn := range ends {
			fn()
		}
	}()
	return r.m.Run()
}

// ends are what the run does when its tests are done: end what they
// shared (the browser).
var ends []func()

var endsMu sync.Mutex

func atEnd(fn func()) {
	endsMu.Lock()
	defer endsMu.Unlock()
	ends = append(ends, fn)
}

// builds holds one build per set of arguments, made by the first test that
// asks for it.
var builds sync.Map // key -> *sharedBuild

type sharedBuild struct {
	once   sync.Once
	dir    string
	stderr string
	code   int
}

// built is the folder of a build of an example with the given options,
// shared by every test that reads the same build: a test must not write
// into it (TestBuildIsByteIdentical makes its own second build).
func built(t *testing.T, name string, extra ...string) string {
	t.Helper()
	key := strings.Join(append([]string{name}, extra...), "\x00")
	v, _ := builds.LoadOrStore(key, &sharedBuild{})
	b := v.(*sharedBuild)
	b.once.Do(func() {
		dir, err := os.MkdirTemp(sharedDir, "build-")
		if err != nil {
			b.code, b.stderr = -1, err.Error()
			return
		}
		b.dir = dir
		b.code, _, b.stderr = propdeck(t, append([]string{"build", name, "-o", dir}, extra...)...)
	})
	if b.code != 0 {
		t.Fatalf("build %s %v: exit %d\n%s", name, extra, b.code, b.stderr)
	}
	return b.dir
}

// exampleDecks is the shared build of an example with every deck it has,
// the screen and the packets included: the tests that read an example's
// decks read this one. The decks a build without the two options writes
// are the same bytes (TestBuildIsByteIdentical holds them to it).
func exampleDecks(t *testing.T, name string) string {
	t.Helper()
	return built(t, name, "--screen", "--packets")
}

// texts holds the text of each shared build's PDF, extracted once.
var texts sync.Map // path -> *sharedText

type sharedText struct {
	once sync.Once
	text string
	err  error
}

// binary is the propdeck command as a process, for the tests that start
// it: the copy of the test binary that TestMain put on PATH.
func binary(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("propdeck")
	if err != nil || !strings.HasPrefix(path, os.TempDir()) {
		t.Fatalf("the propdeck command of the test run is not on PATH (found %q: %v)", path, err)
	}
	return filepath.Clean(path)
}
