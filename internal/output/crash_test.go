//go:build unix

package output_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/render"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/export"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// TestKillDuringCommitLeavesOneWholeSet kills a real write of a build's
// decks and of an export's images after each step of the commit (see
// crashPoints), lets the next write into the folder (an unrelated msel -o
// DIR/x.csv) go through it, and requires the folder to hold exactly the
// previous set or exactly the new one, with nothing of propdeck's left
// over.
func TestKillDuringCommitLeavesOneWholeSet(t *testing.T) {
	s, err := examples.LoadExample("dns-change-ko", nil)
	if err != nil {
		t.Fatal(err)
	}
	sets := []struct {
		name     string
		old, new []output.File
	}{
		{"build", buildSet(t, s, layouts.DuplexNone, false), buildSet(t, s, layouts.DuplexLong, true)},
		{"export", exportSet(t, s, 60), exportSet(t, s, 72)},
	}
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) {
			t.Parallel()
			src := t.TempDir()
			for _, f := range set.new {
				writeFile(t, filepath.Join(src, f.Name), f.Data)
			}
			oldState := snapshot(set.old, nil)
			newState := snapshot(set.old, set.new)
			names := countSteps(t, src, set.old)
			steps := len(names)
			points := crashPoints(names)
			t.Logf("%d files: killed after %d of the %d steps", len(set.new), len(points), steps)
			for _, k := range points {
				// The previous set is laid down as plain files: the write
				// under test is the killed one, and syncing the previous
				// set again for each kill was most of the test's time.
				dir := t.TempDir()
				for _, f := range set.old {
					writeFile(t, filepath.Join(dir, f.Name), f.Data)
				}
				if err := runChild(src, dir, k); err == nil {
					t.Fatalf("step %d: the child was not killed", k)
				}
				if err := output.WriteAll(context.Background(), dir, []output.File{{Name: "x.csv", Data: []byte("x")}}); err != nil {
					t.Fatalf("step %d: the next write: %v", k, err)
				}
				got := folderState(t, dir)
				if got != oldState+"x.csv;" && got != newState+"x.csv;" {
					t.Fatalf("step %d of %d: the folder holds neither the old set nor the new one:\n%s", k, steps, got)
				}
			}
		})
	}
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func buildSet(t *testing.T, s *scenarios.Session, duplex layouts.Duplex, screen bool) []output.File {
	t.Helper()
	opt := documents.DefaultOptions()
	opt.Duplex = duplex
	decks, err := documents.Build(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	if screen {
		d, err := documents.Screen(s, true)
		if err != nil {
			t.Fatal(err)
		}
		decks = append(decks, d)
	}
	files, err := render.PDFs(context.Background(), decks)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func exportSet(t *testing.T, s *scenarios.Session, dpi float64) []output.File {
	t.Helper()
	list, err := cards.AllCards(s, cards.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	files, err := export.Files(context.Background(), s.Meta().ID, list, "png", render.Settings{DPI: dpi})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// snapshot is the folder state "name=hash;..." of old overlaid with new.
func snapshot(old, new []output.File) string {
	m := map[string][]byte{}
	for _, f := range append(append([]output.File(nil), old...), new...) {
		m[f.Name] = f.Data
	}
	var names []string
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%s=%x;", n, hash(m[n]))
	}
	return b.String()
}

func folderState(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range entries {
		if e.Name() == "x.csv" {
			b.WriteString("x.csv;")
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			fmt.Fprintf(&b, "%s=<%v>;", e.Name(), err)
			continue
		}
		fmt.Fprintf(&b, "%s=%x;", e.Name(), hash(data))
	}
	return b.String()
}

func hash(b []byte) uint64 {
	var h uint64 = 14695981039346656037
	for _, c := range b {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return h
}

// countSteps runs the write once to the end, over the old set as every
// killed run will, and returns the names of its commit's steps in order.
func countSteps(t *testing.T, src string, old []output.File) []string {
	t.Helper()
	dir := t.TempDir()
	if err := output.WriteAll(context.Background(), dir, old); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PROPDECK_CRASH_SRC="+src, "PROPDECK_CRASH_DST="+dir, "PROPDECK_CRASH_AT=0")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("counting steps: %v", err)
	}
	names := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(names) < 3 {
		t.Fatalf("counting steps: %q", out)
	}
	return names
}

// crashPoints are the steps (1-based) to kill the write after: every step
// that is not one of a run of its kind (committed, cleaned), and the first
// two and last two of each run of one kind (staged, kept, placed, one a
// file). A kill in the middle of a run of 67 images leaves the same kind
// of folder as one near its ends, with more files on either side; killing
// after each of them (3 of 200 steps per file) spent most of the package's
// time writing the same states again.
func crashPoints(names []string) []int {
	kind := func(i int) string {
		if i < 0 || i >= len(names) {
			return ""
		}
		k, _, _ := strings.Cut(names[i], " ")
		return k
	}
	var ks []int
	for i := range names {
		if kind(i-2) != kind(i) || kind(i+2) != kind(i) { // runs are contiguous
			ks = append(ks, i+1)
		}
	}
	return ks
}

func runChild(src, dst string, at int) error {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PROPDECK_CRASH_SRC="+src, "PROPDECK_CRASH_DST="+dst, "PROPDECK_CRASH_AT="+strconv.Itoa(at))
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() != -1 {
		return nil // it exited on its own instead of being killed
	}
	return err
}
