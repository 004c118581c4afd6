package props

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// TestPrometheusReadsBackToTheSameCard writes each example's props, then a
// copy of the example whose metric series are file = its Prometheus
// answers instead of baselines, ramps and points, and draws every metric
// card of both: propdeck's own import must read its output back to the
// identical card.
func TestPrometheusReadsBackToTheSameCard(t *testing.T) {
	for _, e := range examples.Examples() {
		s, err := examples.LoadExample(e.Name, nil)
		if err != nil {
			t.Fatal(err)
		}
		dir := copyExample(t, e.Name)
		files := propFiles(t, s, Options{Requests: true})
		var src map[string]any
		data, _ := examples.ExampleSource(e.Name)
		if _, err := toml.Decode(string(data), &src); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, clue := range src["clues"].([]map[string]any) {
			metric, ok := clue["metric"].(map[string]any)
			if !ok {
				continue
			}
			for i, sr := range metric["series"].([]map[string]any) {
				name := s.Meta().ID + "-prometheus-" + clue["id"].(string) + "-" + strconv.Itoa(i+1) + ".json"
				if files[name] == nil {
					t.Fatalf("%s: no %s", e.Name, name)
				}
				write(t, filepath.Join(dir, name), files[name])
				metric["series"].([]map[string]any)[i] = map[string]any{"name": sr["name"], "file": name}
				n++
			}
		}
		var b bytes.Buffer
		if err := toml.NewEncoder(&b).Encode(src); err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, e.Name+".toml"), b.Bytes())
		back, err := scenarios.Load(filepath.Join(dir, e.Name+".toml"), nil)
		if err != nil {
			t.Fatalf("%s: the copy reading the Prometheus files: %v", e.Name, err)
		}
		sameMetricCards(t, e.Name, s, back)
		t.Logf("%s: %d series read back", e.Name, n)
	}
}

func sameMetricCards(t *testing.T, name string, s, back *scenarios.Session) {
	t.Helper()
	for i, r := range s.Timeline().Reveals {
		if r.Clue.Metric == nil {
			continue
		}
		want, err := cards.ClueCards(s, cards.DefaultOptions(), []scenarios.Reveal{r})
		if err != nil {
			t.Fatal(err)
		}
		got, err := cards.ClueCards(back, cards.DefaultOptions(), []scenarios.Reveal{back.Timeline().Reveals[i]})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%s: clue %s reads back from its Prometheus files to a different card", name, r.Clue.ID)
		}
		for k := range r.Clue.Metric.Series {
			if !reflect.DeepEqual(s.Samples(*r.Clue, k), back.Samples(*back.Timeline().Reveals[i].Clue, k)) {
				t.Errorf("%s: clue %s series %d reads back to other samples", name, r.Clue.ID, k+1)
			}
		}
	}
}

// copyExample writes the files an example reads beside itself into a
// folder, so that a copy of it builds there.
func copyExample(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	files, err := examples.ExampleFiles(name)
	if err != nil {
		t.Fatal(err)
	}
	for path, data := range files {
		write(t, filepath.Join(dir, filepath.FromSlash(path)), data)
	}
	return dir
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
