//go:build unix

package output_test

import (
	"bytes"
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
	"github.com/propdeck/propdeck/internal/render"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/export"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// TestKillDuringCommitLeavesOneWholeSet kills a real write of a build's
// decks and of an export's images after every step of the commit, lets the
// next write into the folder (an unrelated msel -o DIR/x.csv) go through
// it, and requires the folder to hold exactly the previous set or exactly
// the new one, with nothing of propdeck's left over.
func TestKillDuringCommitLeavesOneWholeSet(t *testing.T) {
	s, err := scenarios.LoadExample("dns-change-ko")
	if err != nil {
		t.Fatal(err)
	}
	sets := []struct {
		name     string
		old, new []output.File
		stride   int
	}{
		{"build", buildSet(t, s, layouts.DuplexNone, false), buildSet(t, s, layouts.DuplexLong, true), 1},
		{"export", exportSet(t, s, 60), exportSet(t, s, 72), 1},
	}
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) {
			src := t.TempDir()
			for _, f := range set.new {
				os.WriteFile(filepath.Join(src, f.Name), f.Data, 0o644)
			}
			oldState := snapshot(set.old, nil)
			newState := snapshot(set.old, set.new)
			steps := countSteps(t, src, set.old)
			for k := 1; k <= steps; k++ {
				if k > 8 && k < steps-8 && k%set.stride != 0 {
					continue
				}
				dir := t.TempDir()
				if err := output.WriteAll(context.Background(), dir, set.old); err != nil {
					t.Fatal(err)
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

func buildSet(t *testing.T, s *scenarios.Scenario, duplex layouts.Duplex, screen bool) []output.File {
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

func exportSet(t *testing.T, s *scenarios.Scenario, dpi float64) []output.File {
	t.Helper()
	list, err := cards.AllCards(s, cards.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	files, err := export.Files(context.Background(), s.Scenario.ID, list, "png", render.Settings{DPI: dpi})
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
// killed run will, and returns how many steps its commit took.
func countSteps(t *testing.T, src string, old []output.File) int {
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
	n, err := strconv.Atoi(string(bytes.TrimSpace(out)))
	if err != nil || n < 3 {
		t.Fatalf("counting steps: %q", out)
	}
	return n
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
