package scenarios

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSeriesFiles(t *testing.T) {
	start := time.Date(2026, 3, 10, 9, 0, 0, 0, time.FixedZone("", 3600))
	for _, tc := range []struct {
		name, data string
		want       []Sample
	}{
		{"offsets.csv", "time,value\nT-20m,120\nT-1200s,121.5\nT+0,900\n", []Sample{{-20 * time.Minute, 120}, {-20 * time.Minute, 121.5}, {0, 900}}},
		{"stamps.csv", "time,value\n2026-03-10T08:59:00+01:00,5\n2026-03-10T08:00:30Z,7\n", []Sample{{-time.Minute, 5}, {30 * time.Second, 7}}},
		{"prom.json", `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"x"},"values":[[1773129540,"1.5"],[1773129600.5,"2"]]}]}}`, []Sample{{-time.Minute, 1.5}, {500 * time.Millisecond, 2}}},
	} {
		got, err := parseSeriesFile(tc.name, []byte(tc.data), start)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s sample %d: %v, want %v", tc.name, i, got[i], tc.want[i])
			}
		}
	}
	for _, tc := range []struct{ name, data, want string }{
		{"noheader.csv", "T-5m,1\n", "header"},
		{"cols.csv", "time,value\nT-5m,1,2\n", "x.csv:2"},
		{"time.csv", "time,value\nyesterday,1\n", "time.csv:2"},
		{"empty.csv", "time,value\n", "no samples"},
		{"bad.json", "{\n\"status\": \"success\",\n oops}", "bad.json:3"},
		{"status.json", `{"status":"error"}`, "status"},
		{"vector.json", `{"status":"success","data":{"resultType":"vector","result":[]}}`, "matrix"},
		{"quote.csv", "time,value\nT-5m,1\na\"b,3\n", "quote.csv:3:"},
		{"two.json", `{"status":"success","data":{"resultType":"matrix","result":[{"values":[[1773129540,"1"]]},{"values":[[1773129540,"2"]]}]}}`, "holds 2 series"},
		{"far.csv", "time,value\n1999-01-01T00:00:00Z,1\n", "more than a week"},
		{"far.json", `{"status":"success","data":{"resultType":"matrix","result":[{"values":[[1e300,"1"]]}]}}`, "not a unix time"},
	} {
		name := tc.name
		if name == "cols.csv" {
			name = "x.csv"
		}
		_, err := parseSeriesFile(name, []byte(tc.data), start)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one mentioning %q", tc.name, err, tc.want)
		}
	}
}

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
	if len(m.Series[1].Samples) != 2 || m.Series[1].Samples[1] != (Sample{-5 * time.Minute, 20.5}) {
		t.Errorf("points series: %v", m.Series[1].Samples)
	}
}

// FuzzSeriesFile: no metric export, however malformed, panics or hangs the
// parser; it gives samples or an error that names the file.
func FuzzSeriesFile(f *testing.F) {
	for _, seed := range []string{
		"time,value\nT-20m,120\nT+0,900\n", "time,value\na\"b,3\n", "time,value\n2026-03-10T08:59:00+01:00,5\n",
		`{"status":"success","data":{"resultType":"matrix","result":[{"values":[[1773129540,"1.5"]]}]}}`,
		`{"status":"success","data":{"resultType":"matrix","result":[{"values":[[1e300,"nan"]]}]}}`, "{", "",
	} {
		f.Add("m.csv", seed)
		f.Add("m.json", seed)
	}
	start := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, name, data string) {
		samples, err := parseSeriesFile(name, []byte(data), start)
		if err != nil {
			if !strings.Contains(err.Error(), name) {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		for _, s := range samples {
			if s.Offset > MaxOffset || s.Offset < -MaxOffset {
				t.Errorf("sample at %v, beyond the limit", s.Offset)
			}
		}
	})
}

// FuzzLogExcerpt: any bytes as a log excerpt give lines or an error.
func FuzzLogExcerpt(f *testing.F) {
	for _, seed := range []string{"a\nb\n", "\ufeffline\r\n", "\xff\xfe", "", "\n\n\n"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data string) {
		lines, bad := splitLines([]byte(data))
		if bad == 0 {
			for _, l := range lines {
				if strings.ContainsAny(l, "\n") {
					t.Errorf("line %q holds a newline", l)
				}
			}
		}
	})
}

func minimalWith(extra string) string {
	return "format = 1\n[scenario]\nid = \"t\"\ntitle = \"t\"\n[[roles]]\nid = \"ic\"\nname = \"IC\"\n" + extra
}

// TestExcerptLimits: an excerpt of more lines than a card takes is refused
// with its clue named; a byte-order mark at its start is not a character.
func TestExcerptLimits(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "big.log"), []byte(strings.Repeat("GET / 200\n", maxExcerptLines+1)), 0o644)
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
	_, err := Parse("s.toml", []byte(src), DirSource(dir), nil)
	if err == nil || !strings.Contains(err.Error(), `clue "big": log: log file "big.log" has 501 lines; a log card takes at most 500`) {
		t.Fatalf("error %v", err)
	}
	if strings.Contains(err.Error(), "bom") {
		t.Errorf("the byte-order mark was reported: %v", err)
	}
	os.Remove(filepath.Join(dir, "big.log"))
	s, err := Parse("s.toml", []byte(strings.Replace(src, `file = "big.log"`, `file = "bom.log"`, 1)), DirSource(dir), nil)
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
	f.Truncate(MaxScenarioBytes + 1)
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
		_, err := Parse("deep.toml", []byte(src), DirSource("."), nil)
		// Refused where the 65th level opens, by the scan before the
		// decoder: a decoder that walked all 100,000 levels first would
		// place it elsewhere (or never return).
		at := fmt.Sprintf("deep.toml:2:%d:", len("x = ")+64*len(open)+1)
		if err == nil || !strings.Contains(err.Error(), at) || !strings.Contains(err.Error(), "nest more than 64 deep") {
			t.Errorf("%q: error %v, want it at %s", open, err, at)
		}
	}
}
