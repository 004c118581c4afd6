package scenarios

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	goldenfile "github.com/propdeck/propdeck/internal/golden"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/written"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, path, got string) {
	t.Helper()
	goldenfile.Check(t, path, []byte(got), *update)
}

// TestBadScenarios checks every error message against its golden file:
// one scenario per kind of mistake in testdata/bad.
func TestBadScenarios(t *testing.T) {
	files, _ := filepath.Glob("testdata/bad/*.toml")
	if len(files) < 20 {
		t.Fatalf("only %d bad scenarios", len(files))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".toml")
		t.Run(name, func(t *testing.T) {
			_, err := Load(f, nil)
			var es *tomlfile.Errors
			if !errors.As(err, &es) {
				t.Fatalf("no scenario errors: %v", err)
			}
			for _, e := range *es {
				if e.Pos.Line == 0 {
					t.Errorf("error without a line: %s", e.Error())
				}
			}
			golden(t, strings.TrimSuffix(f, ".toml")+".err", strings.ReplaceAll(err.Error(), f, "FILE")+"\n")
		})
	}
}

func TestSymlinkOutOfFolderIsRefused(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.log")
	os.WriteFile(outside, []byte("secret\n"), 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "link.log")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	src := "format = 1\n[scenario]\nid = \"t\"\ntitle = \"t\"\n[[roles]]\nid = \"ic\"\nname = \"IC\"\n[[clues]]\nid = \"c1\"\nat = \"T+0\"\nkind = \"log\"\ntitle = \"t\"\n  [clues.log]\n  file = \"link.log\"\n"
	path := filepath.Join(dir, "s.toml")
	os.WriteFile(path, []byte(src), 0o644)
	_, err := Load(path, nil)
	if err == nil || !strings.Contains(err.Error(), "outside the scenario's folder") {
		t.Fatalf("symlink out of the folder not refused: %v", err)
	}
	if !strings.Contains(err.Error(), ":14:3:") {
		t.Errorf("error has no position of the file key: %v", err)
	}
}

func TestLoadRefusesMissingFileAndFolder(t *testing.T) {
	for _, p := range []string{"testdata/nope.toml", "testdata"} {
		_, err := Load(p, nil)
		var es *tomlfile.Errors
		if !errors.As(err, &es) || len(*es) != 1 {
			t.Errorf("%s: want one clear error, got %v", p, err)
		}
	}
}

// TestDecodeExamples keeps the decoded form of each shipped example as a
// golden file: a change in how a key is read shows up as a diff.
func TestDecodeExamples(t *testing.T) {
	for _, ex := range shippedExamples() {
		s, err := loadShipped(ex.Name, nil)
		if err != nil {
			t.Fatalf("%s: %v", ex.Name, err)
		}
		data, err := json.MarshalIndent(dumpOf(s), "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		golden(t, filepath.Join("testdata", "good", ex.Name+".json"), string(data)+"\n")
	}
}

// decoded is a scenario as the golden files show it: the file's keys, then
// the resolved timeline, then where it came from.
type decoded struct {
	Format        int64
	Scenario      written.Meta
	Print         written.Print
	Roles         []written.Role
	Systems       []written.System
	Rounds        []written.Round
	Clues         []written.Clue
	Worksheets    written.Worksheets
	Premortem     written.Premortem
	Complications written.Complications
	Timeline      Timeline
	Notes         []tomlfile.Error
	File, Dir     string
}

func dumpOf(s *Session) decoded {
	return decoded{s.w.Format, s.Meta(), s.Print(), s.Roles(), s.Systems(), s.Rounds(), s.Clues(), s.Worksheets(), s.Premortem(), s.Complications(), s.Timeline(), s.Notes(), s.File(), s.Dir()}
}

func TestMinimalScenario(t *testing.T) {
	s, err := Load("testdata/good/minimal.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Meta().Language != "en" || !s.Meta().StartTime.Equal(written.DefaultStart) || s.Worksheets().Copies != 1 {
		t.Errorf("defaults not applied: %+v", s.Meta())
	}
}

func TestAllErrorsInLineOrder(t *testing.T) {
	_, err := Load("testdata/bad/many.toml", nil)
	es := *err.(*tomlfile.Errors)
	if len(es) < 5 {
		t.Fatalf("want every error at once, got %d:\n%v", len(es), err)
	}
	for i := 1; i < len(es); i++ {
		if es[i].Pos.Line < es[i-1].Pos.Line {
			t.Errorf("errors out of line order:\n%v", err)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, ex := range shippedExamples() {
		src, _ := shippedSource(ex.Name)
		f.Add(src)
	}
	files, _ := filepath.Glob("testdata/bad/*.toml")
	for _, p := range files {
		data, _ := os.ReadFile(p)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.toml", data, rules.FSSource(os.DirFS(shippedDir), "."), nil)
		if err == nil && s == nil {
			t.Fatal("no scenario and no error")
		}
		if err != nil {
			var es *tomlfile.Errors
			if !errors.As(err, &es) || len(*es) == 0 {
				t.Fatalf("error of the wrong kind: %v", err)
			}
		}
	})
}
