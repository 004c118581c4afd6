package text

import (
	"io/fs"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"

	"github.com/propdeck/propdeck/internal/vocab"
)

// TestEveryCatalogIsComplete: the embedded catalogs are the languages
// files may name, each has every file, and each file has every key the
// English one has, and no other: a missing translation is a failed test,
// not an English word on a Korean card.
func TestEveryCatalogIsComplete(t *testing.T) {
	dirs, err := fs.ReadDir(embedded, "catalogs")
	if err != nil {
		t.Fatal(err)
	}
	var langs []string
	for _, d := range dirs {
		langs = append(langs, d.Name())
	}
	want := slices.Clone(vocab.Language.Values)
	sort.Strings(want)
	if !slices.Equal(langs, want) {
		t.Errorf("catalogs %v, languages %v", langs, want)
	}
	for _, lang := range langs {
		names, _ := fs.Glob(embedded, "catalogs/"+lang+"/*.toml")
		if len(names) != len(Files) {
			t.Errorf("%s: %d files, want %v", lang, len(names), Files)
		}
		for _, name := range Files {
			if name == "template" || name == "prompts" || name == "complications" {
				continue // their keys are content: ids and tables of their own
			}
			if got, en := keys(t, lang, name), keys(t, "en", name); !slices.Equal(got, en) {
				t.Errorf("%s/%s.toml has keys %v, en has %v", lang, name, got, en)
			}
		}
	}
}

// keys lists a catalog file's key paths.
func keys(t *testing.T, lang, name string) []string {
	t.Helper()
	var tree map[string]any
	if err := toml.Unmarshal(Raw(lang, name), &tree); err != nil {
		t.Fatalf("%s/%s.toml: %v", lang, name, err)
	}
	var out []string
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		if m, ok := v.(map[string]any); ok {
			for k, e := range m {
				walk(strings.TrimPrefix(prefix+"."+k, "."), e)
			}
			return
		}
		out = append(out, prefix)
	}
	walk("", tree)
	sort.Strings(out)
	return out
}
