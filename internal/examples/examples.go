// Package examples holds the scenarios propdeck ships (with the catalogs
// and data files they read) and the starter propdeck init writes.
package examples

import (
	"cmp"
	"embed"
	"io/fs"
	"sort"
	"strings"

	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/vocab"
)

//go:embed *.toml catalog files
var examplesFS embed.FS

// Example is one scenario shipped inside the binary.
type Example struct {
	Name    string // file name without .toml; also its scenario id
	Title   string
	Summary string
	Lang    string
	// Duration, Difficulty and Tags are what examples --tag and a reader
	// choose by.
	Duration, Difficulty string
	Tags                 []string
}

// Examples lists the shipped examples, sorted by name, with what finds
// one: language, duration, difficulty and tags, read from its head.
func Examples() []Example {
	entries, _ := fs.ReadDir(examplesFS, ".")
	var out []Example
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".toml") {
			continue
		}
		data, _ := examplesFS.ReadFile(e.Name())
		tree, _, _ := tomlfile.Parse(data)
		head, _ := tree["scenario"].(map[string]any)
		text := func(key string) string { s, _ := head[key].(string); return s }
		ex := Example{
			Name:       strings.TrimSuffix(e.Name(), ".toml"),
			Title:      text("title"),
			Summary:    text("summary"),
			Lang:       cmp.Or(text("language"), "en"),
			Duration:   text("duration"),
			Difficulty: cmp.Or(text("difficulty"), vocab.Difficulty.Values[0]),
		}
		tags, _ := head["tags"].([]any)
		for _, t := range tags {
			if t, ok := t.(string); ok {
				ex.Tags = append(ex.Tags, t)
			}
		}
		out = append(out, ex)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ExampleSource returns the text of a shipped example.
func ExampleSource(name string) ([]byte, error) {
	data, err := examplesFS.ReadFile(name + ".toml")
	if err != nil {
		return nil, text.Fail("no-example", "name", name)
	}
	return data, nil
}

// LoadExample reads and validates a shipped example by name.
func LoadExample(name string, p rules.Printing) (*scenarios.Session, error) {
	data, err := ExampleSource(name)
	if err != nil {
		return nil, err
	}
	return scenarios.Parse(name+".toml", data, rules.FSSource(examplesFS, "."), p)
}

// IsExample reports whether name is a shipped example.
func IsExample(name string) bool {
	_, err := ExampleSource(name)
	return err == nil && !strings.ContainsAny(name, `/\.`)
}

// ExampleFiles are the files an example reads beside itself (catalogs it
// includes, log and metric files), by their path relative to it, with
// their bytes: a copy of the example needs them to build.
func ExampleFiles(name string) (map[string][]byte, error) {
	s, err := LoadExample(name, nil) // shipped: its text prints
	if err != nil {
		return nil, err
	}
	paths := append([]string(nil), s.Meta().Include...)
	for _, c := range s.Clues() {
		if c.Log != nil && c.Log.File != "" {
			paths = append(paths, c.Log.File)
		}
		if c.Metric != nil {
			for _, sr := range c.Metric.Series {
				if sr.File != "" {
					paths = append(paths, sr.File)
				}
			}
		}
	}
	out := map[string][]byte{}
	for _, p := range paths {
		data, err := examplesFS.ReadFile(p)
		if err != nil {
			return nil, text.Fail("example-file", "name", name, "path", p, "err", err)
		}
		out[p] = data
	}
	return out, nil
}
