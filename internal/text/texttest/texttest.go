// Package texttest holds what tests of the catalogs and of the
// vocabularies check text with: the English words left in a line said in
// another language, and the enums of a JSON Schema.
package texttest

import (
	"regexp"
	"strings"
)

var (
	quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	// asciiRun is a word in Latin letters, with what ties one together:
	// a key path (clues[0].title), a version (UTF-8), a file (a.toml).
	asciiRun = regexp.MustCompile(`[A-Za-z][A-Za-z0-9_.+\-\[\]]*`)
)

// EnglishWords is the words in Latin letters of a line said in another
// language, outside quotes, that typed does not account for: what the
// user or the file wrote, and the names every language writes as they
// are. A Korean line with none left has no English in it.
func EnglishWords(line string, typed func(word string) bool) []string {
	var out []string
	for _, w := range asciiRun.FindAllString(quoted.ReplaceAllString(line, ""), -1) {
		if w = strings.TrimRight(w, ".-/"); !typed(w) {
			out = append(out, w)
		}
	}
	return out
}

// SchemaEnums is every enum of a decoded JSON Schema, its values joined
// by |, so that a test can ask whether a vocabulary is one of them.
func SchemaEnums(schema any) map[string]bool {
	out := map[string]bool{}
	collect(schema, out)
	return out
}

func collect(v any, out map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		if e, ok := x["enum"].([]any); ok {
			var parts []string
			for _, p := range e {
				s, _ := p.(string)
				parts = append(parts, s)
			}
			out[strings.Join(parts, "|")] = true
		}
		for _, c := range x {
			collect(c, out)
		}
	case []any:
		for _, c := range x {
			collect(c, out)
		}
	}
}
