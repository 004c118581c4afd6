//go:build unix

package scenarios

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const catalogText = "[[roles]]\nid = \"scribe\"\nname = \"Scribe\"\n"

func scenarioWith(include string) string {
	return "format = 1\n[scenario]\nid = \"t\"\ntitle = \"T\"\nstart = \"2026-03-10T09:00:00Z\"\ninclude = [" + include + "]\n\n" +
		"[[roles]]\nid = \"ic\"\nname = \"IC\"\n"
}

// TestHardLinkedCatalogIsReadOnce: one catalog under many names is one
// file; before, each name was parsed again and its roles clashed.
func TestHardLinkedCatalogIsReadOnce(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "org.toml"), []byte(catalogText), 0o644)
	var names []string
	for i := range 12 {
		name := fmt.Sprintf("team-%d.toml", i)
		if err := os.Link(filepath.Join(dir, "org.toml"), filepath.Join(dir, name)); err != nil {
			t.Skipf("no hard links here: %v", err)
		}
		names = append(names, fmt.Sprintf("%q", name))
	}
	path := filepath.Join(dir, "s.toml")
	os.WriteFile(path, []byte(scenarioWith(strings.Join(names, ", "))), 0o644)
	s, err := Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Roles()) != 2 {
		t.Errorf("%d roles, want ic and scribe once", len(s.Roles()))
	}
}

// TestCycleThroughASymlinkIsACycle: a catalog that includes itself through
// a link to its own folder, or the scenario back through one, is reported
// as a cycle at the include's line.
func TestCycleThroughASymlinkIsACycle(t *testing.T) {
	for _, tc := range []struct{ catalog, want string }{
		// include sits at a file's top, before any table.
		{"include = [\"loop/org.toml\"]\n" + catalogText, `include "loop/org.toml" makes a cycle`},
		{"include = [\"loop/loop/s.toml\"]\n" + catalogText, `include "loop/loop/s.toml" makes a cycle`},
	} {
		dir := t.TempDir()
		if err := os.Symlink(".", filepath.Join(dir, "loop")); err != nil {
			t.Skip(err)
		}
		os.WriteFile(filepath.Join(dir, "org.toml"), []byte(tc.catalog), 0o644)
		path := filepath.Join(dir, "s.toml")
		os.WriteFile(path, []byte(scenarioWith(`"org.toml"`)), 0o644)
		_, err := Load(path, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("error %v\nwant %q", err, tc.want)
		}
		if err != nil && strings.Count(err.Error(), "\n") > 2 {
			t.Errorf("the cycle is reported more than once:\n%v", err)
		}
	}
}

// TestIncludesShareOneBudget: catalogs each under the one-file cap cannot
// together make a scenario read without bound.
func TestIncludesShareOneBudget(t *testing.T) {
	dir := t.TempDir()
	pad := strings.Repeat("# "+strings.Repeat("x", 1021)+"\n", 13<<10) // 13 MB of comment
	var names []string
	for i := range 4 {
		name := fmt.Sprintf("part-%d.toml", i)
		text := fmt.Sprintf("[[roles]]\nid = \"r%d\"\nname = \"R\"\n", i) + pad
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
		names = append(names, fmt.Sprintf("%q", name))
	}
	path := filepath.Join(dir, "s.toml")
	os.WriteFile(path, []byte(scenarioWith(strings.Join(names, ", "))), 0o644)
	_, err := Load(path, nil)
	want := "more than 48 MB in all" // the format reference's limit
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "part-3.toml") {
		t.Errorf("error %v\nwant %q at part-3.toml", err, want)
	}
}

// TestComplicationPickIsChecked: a card id that is not built in is named,
// with the nearest one.
func TestComplicationPickIsChecked(t *testing.T) {
	src := scenarioWith("") + "\n[complications]\nsets = [\"people\"]\npick = [\"tooling-1\", \"toolng-2\", \"people-3\"]\n"
	_, err := Parse("t.toml", []byte(src), nil, nil)
	for _, want := range []string{`no built-in card "toolng-2"; propdeck complications lists them (did you mean "tooling-2"?)`, `"people-3" is in the set "people", which is already chosen whole`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("want %q in %v", want, err)
		}
	}
}

// TestHardLinksTakeTheBudgetOnce: one catalog under many names is read
// and counted once, so that names alone cannot exhaust the budget; a
// budget really exceeded still names the file that crossed it.
func TestHardLinksTakeTheBudgetOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pad := strings.Repeat("# "+strings.Repeat("x", 1021)+"\n", 13<<10) // 13 MB of comment
	os.WriteFile(filepath.Join(dir, "org.toml"), []byte(catalogText+pad), 0o644)
	names := []string{`"org.toml"`}
	for i := range 5 {
		name := fmt.Sprintf("link-%d.toml", i)
		if err := os.Link(filepath.Join(dir, "org.toml"), filepath.Join(dir, name)); err != nil {
			t.Skipf("no hard links here: %v", err)
		}
		names = append(names, fmt.Sprintf("%q", name))
	}
	path := filepath.Join(dir, "s.toml")
	os.WriteFile(path, []byte(scenarioWith(strings.Join(names, ", "))), 0o644)
	s, err := Load(path, nil)
	if err != nil {
		t.Fatalf("one 13 MB catalog under six names: %v", err)
	}
	if len(s.Roles()) != 2 {
		t.Errorf("%d roles, want ic and scribe once", len(s.Roles()))
	}
}

// TestDataFilesTakeTheBudgetOnce: a data file read by many clues, under
// one name or through hard links, takes its size once, as the limits
// promise; distinct files past the budget are still refused.
func TestDataFilesTakeTheBudgetOnce(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		files  func(dir string) ([]string, error) // the names the clues read
		refuse bool
	}{
		{"one name, four clues", func(dir string) ([]string, error) {
			return []string{"big.csv", "big.csv", "./big.csv", "m/../big.csv"}, nil
		}, false},
		{"hard links", func(dir string) ([]string, error) {
			names := []string{"big.csv"}
			for i := range 3 {
				name := fmt.Sprintf("link-%d.csv", i)
				names = append(names, name)
				if err := os.Link(filepath.Join(dir, "big.csv"), filepath.Join(dir, name)); err != nil {
					return nil, err
				}
			}
			return names, nil
		}, false},
		{"four files", func(dir string) ([]string, error) {
			names := []string{"big.csv"}
			for i := range 3 {
				name := fmt.Sprintf("copy-%d.csv", i)
				names = append(names, name)
				data, _ := os.ReadFile(filepath.Join(dir, "big.csv"))
				if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
					return nil, err
				}
			}
			return names, nil
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			os.MkdirAll(filepath.Join(dir, "m"), 0o755)
			pad := strings.Repeat("# "+strings.Repeat("x", 1021)+"\n", 13<<10) // 13 MB of comment
			os.WriteFile(filepath.Join(dir, "big.csv"), []byte(pad+"time,value\nT-10m,1\nT+0,2\n"), 0o644)
			names, err := tc.files(dir)
			if err != nil {
				t.Skipf("no hard links here: %v", err)
			}
			src := scenarioWith("")
			for i, name := range names {
				src += fmt.Sprintf("[[clues]]\nid = \"c%d\"\nat = \"T+0\"\nkind = \"metric\"\ntitle = \"p99\"\n"+
					"  [clues.metric]\n  from = \"T-10m\"\n  to = \"T+0\"\n  [[clues.metric.series]]\n  name = \"p99\"\n  file = %q\n", i, name)
			}
			path := filepath.Join(dir, "s.toml")
			os.WriteFile(path, []byte(src), 0o644)
			_, err = Load(path, nil)
			over := err != nil && strings.Contains(err.Error(), "MB in all")
			if over != tc.refuse || (!tc.refuse && err != nil) {
				t.Errorf("error %v, want the budget refused: %v", err, tc.refuse)
			}
		})
	}
}
