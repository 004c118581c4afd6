package rules

import (
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/written"
)

func TestSeriesFiles(t *testing.T) {
	start := time.Date(2026, 3, 10, 9, 0, 0, 0, time.FixedZone("", 3600))
	for _, tc := range []struct {
		name, data string
		want       []written.Sample
	}{
		{"offsets.csv", "time,value\nT-20m,120\nT-1200s,121.5\nT+0,900\n", []written.Sample{{Offset: -20 * time.Minute, Value: 120}, {Offset: -20 * time.Minute, Value: 121.5}, {Offset: 0, Value: 900}}},
		{"stamps.csv", "time,value\n2026-03-10T08:59:00+01:00,5\n2026-03-10T08:00:30Z,7\n", []written.Sample{{Offset: -time.Minute, Value: 5}, {Offset: 30 * time.Second, Value: 7}}},
		{"prom.json", `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"x"},"values":[[1773129540,"1.5"],[1773129600.5,"2"]]}]}}`, []written.Sample{{Offset: -time.Minute, Value: 1.5}, {Offset: 500 * time.Millisecond, Value: 2}}},
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
			if s.Offset > written.MaxOffset || s.Offset < -written.MaxOffset {
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

// TestSeriesFileAsGrafanaWritesIt: a metric CSV with date-and-time cells
// (no zone: scenario.start's), semicolons and decimal commas, or epoch
// seconds, reads as the samples it holds.
func TestSeriesFileAsGrafanaWritesIt(t *testing.T) {
	start := time.Date(2018, 10, 21, 22, 30, 0, 0, time.UTC)
	for _, tc := range []struct{ name, data string }{
		{"g.csv", "\"Time\";\"Value\"\n\"2018-10-21 22:24:00\";1,5\n\"2018-10-21 22:25:00\";2,5\n"},
		{"e.csv", "time,value\n1540160640,1.5\n1540160700,2.5\n"},
		{"z.csv", "time,value\n2018-10-21 22:24:00 UTC,1.5\n2018-10-21 22:25:00 UTC,2.5\n"},
	} {
		samples, err := parseSeriesFile(tc.name, []byte(tc.data), start)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if len(samples) != 2 || samples[0].Offset != -6*time.Minute || samples[1].Value != 2.5 {
			t.Errorf("%s: %+v", tc.name, samples)
		}
	}
}
