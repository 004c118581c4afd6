package scenarios

import (
	"cmp"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
)

// The shipped examples are package examples', which imports this one:
// these tests read them from its folder, as it reads them from its embed,
// under the same names.
const shippedDir = "../examples"

// shippedExample is what these tests read of a shipped example's head.
type shippedExample struct {
	Name, Lang, Difficulty string
	Tags                   []string
}

// shippedExamples lists the shipped examples, sorted by name.
func shippedExamples() []shippedExample {
	names, _ := filepath.Glob(filepath.Join(shippedDir, "*.toml"))
	var out []shippedExample
	for _, n := range names {
		data, _ := os.ReadFile(n)
		tree, _, _ := tomlfile.Parse(data)
		head, _ := tree["scenario"].(map[string]any)
		str := func(key string) string { s, _ := head[key].(string); return s }
		ex := shippedExample{Name: strings.TrimSuffix(filepath.Base(n), ".toml"), Lang: cmp.Or(str("language"), "en"), Difficulty: cmp.Or(str("difficulty"), "standard")}
		tags, _ := head["tags"].([]any)
		for _, t := range tags {
			if t, ok := t.(string); ok {
				ex.Tags = append(ex.Tags, t)
			}
		}
		out = append(out, ex)
	}
	return out
}

// shippedSource is a shipped example's text.
func shippedSource(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join(shippedDir, name+".toml"))
}

// loadShipped reads a shipped example as package examples does.
func loadShipped(name string, p rules.Printing) (*Session, error) {
	data, err := shippedSource(name)
	if err != nil {
		return nil, err
	}
	return Parse(name+".toml", data, rules.FSSource(os.DirFS(shippedDir), "."), p)
}

// starter is the starter propdeck init writes.
func starter(lang string) string {
	return strings.ReplaceAll(string(text.Raw(lang, "template")), "{reference}", rules.ReferenceURL)
}

func TestShippedExamplesAreFound(t *testing.T) {
	if n := len(shippedExamples()); n < 12 {
		t.Fatalf("%d shipped examples in %s", n, shippedDir)
	}
}
