package scenarios

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/written"
)

func TestSeriesFromFilesThroughTheLoader(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "m"), 0o755)
	os.WriteFile(filepath.Join(dir, "m", "p99.csv"), []byte("time,value\nT-10m,100\nT-5m,200\nT+0,300\n"), 0o644)
	src := `format = 1
[scenario]
id = "t"
title = "t"
[[roles]]
id = "ic"
name = "IC"
[[clues]]
id = "c1"
at = "T+0"
kind = "metric"
title = "p99"
  [clues.metric]
  from = "T-10m"
  to = "T+0"
  [[clues.metric.series]]
  name = "p99"
  file = "m/p99.csv"
  [[clues.metric.series]]
  name = "p50"
  points = [ ["T-10m", 10], ["T-5m", 20.5] ]
`
	path := filepath.Join(dir, "s.toml")
	os.WriteFile(path, []byte(src), 0o644)
	s, err := Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := s.Clues()[0].Metric
	if len(m.Series[0].Samples) != 3 || m.Series[0].Samples[2].Value != 300 {
		t.Errorf("file series: %v", m.Series[0].Samples)
	}
	if len(m.Series[1].Samples) != 2 || m.Series[1].Samples[1] != (written.Sample{Offset: -5 * time.Minute, Value: 20.5}) {
		t.Errorf("points series: %v", m.Series[1].Samples)
	}
}

func minimalWith(extra string) string {
	return "format = 1\n[scenario]\nid = \"t\"\ntitle = \"t\"\n[[roles]]\nid = \"ic\"\nname = \"IC\"\n" + extra
}

// excerptLines is the longest log excerpt, as the format reference
// (docs/scenario-format.md, limits) has it.
const excerptLines = 500

// TestExcerptLimits: an excerpt of more lines than a card takes is refused
// with its clue named; a byte-order mark at its start is not a character.
func TestExcerptLimits(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "big.log"), []byte(strings.Repeat("GET / 200\n", excerptLines+1)), 0o644)
	os.WriteFile(filepath.Join(dir, "bom.log"), []byte("\ufeffERROR first\nINFO second\n"), 0o644)
	src := minimalWith(`
[[clues]]
id = "big"
at = "T+0"
title = "logs"
  [clues.log]
  file = "big.log"
[[clues]]
id = "bom"
at = "T+0"
title = "logs"
  [clues.log]
  file = "bom.log"
`)
	_, err := Parse("s.toml", []byte(src), rules.DirSource(dir), nil)
	if err == nil || !strings.Contains(err.Error(), `clue "big": log: log file "big.log" has 501 lines; a log card takes at most 500`) {
		t.Fatalf("error %v", err)
	}
	if strings.Contains(err.Error(), "bom") {
		t.Errorf("the byte-order mark was reported: %v", err)
	}
	os.Remove(filepath.Join(dir, "big.log"))
	s, err := Parse("s.toml", []byte(strings.Replace(src, `file = "big.log"`, `file = "bom.log"`, 1)), rules.DirSource(dir), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Clues()[1].Log.FileLines[0]; got != "ERROR first" {
		t.Errorf("first line %q", got)
	}
}

// TestOversizedFilesAreRefused: a scenario or data file above its cap is
// refused by name, without reading it all.
func TestOversizedFilesAreRefused(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.toml")
	f, _ := os.Create(big)
	f.Truncate(rules.MaxScenarioBytes + 1)
	f.Close()
	_, err := Load(big, nil)
	if err == nil || !strings.Contains(err.Error(), "big.toml: is larger than 16 MB") {
		t.Errorf("error %v", err)
	}
}

// TestDeepNestingIsRefusedQuickly: 100,000 nested inline tables once took
// all the memory there was; they are refused, with a position, at once.
func TestDeepNestingIsRefusedQuickly(t *testing.T) {
	for _, open := range []string{"{ a = ", "["} {
		n := 100000
		src := "format = 1\nx = " + strings.Repeat(open, n) + "1"
		_, err := Parse("deep.toml", []byte(src), rules.DirSource("."), nil)
		// Refused where the 65th level opens, by the scan before the
		// decoder: a decoder that walked all 100,000 levels first would
		// place it elsewhere (or never return).
		at := fmt.Sprintf("deep.toml:2:%d:", len("x = ")+64*len(open)+1)
		if err == nil || !strings.Contains(err.Error(), at) || !strings.Contains(err.Error(), "nest more than 64 deep") {
			t.Errorf("%q: error %v, want it at %s", open, err, at)
		}
	}
}
