package rules

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/text/texttest"
	"github.com/propdeck/propdeck/internal/vocab"
	"github.com/propdeck/propdeck/internal/written"
)

// TestVocabTags: every vocab tag of every file kind names a vocabulary,
// and the schema's enum for that key is the vocabulary, so that a value
// added to a list reaches the schema, the validator and did-you-mean.
func TestVocabTags(t *testing.T) {
	enums := map[string]bool{}
	for _, doc := range [][]byte{Schema(), CatalogSchema()} {
		var tree any
		if err := json.Unmarshal(doc, &tree); err != nil {
			t.Fatal(err)
		}
		maps.Copy(enums, texttest.SchemaEnums(tree))
	}
	seen := map[reflect.Type]bool{}
	tagged := 0
	var walk func(rt reflect.Type)
	walk = func(rt reflect.Type) {
		for rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice || rt.Kind() == reflect.Map {
			rt = rt.Elem()
		}
		if rt.Kind() != reflect.Struct || seen[rt] {
			return
		}
		seen[rt] = true
		for i := 0; i < rt.NumField(); i++ {
			f := rt.Field(i)
			if _, ok := f.Tag.Lookup("enum"); ok {
				t.Errorf("%s.%s: an enum tag; name a vocabulary with vocab:\"…\"", rt.Name(), f.Name)
			}
			if tag, ok := f.Tag.Lookup("vocab"); ok {
				tagged++
				name, _, _ := strings.Cut(tag, ",")
				if _, ok := vocab.Named(name); !ok {
					t.Errorf("%s.%s: no vocabulary %q", rt.Name(), f.Name, name)
				}
			}
			walk(f.Type)
		}
	}
	for _, v := range []any{written.Scenario{}, catalog{}} {
		walk(reflect.TypeOf(v))
	}
	if tagged < 10 {
		t.Errorf("only %d vocab tags found", tagged)
	}
	for _, l := range []vocab.List{vocab.Paper, vocab.Duplex, vocab.Kind, vocab.Level, vocab.LogFormat, vocab.Theme, vocab.Language} {
		if !enums[strings.Join(l.Values, "|")] && !enums[strings.Join(l.Values, "|")+"|"] {
			t.Errorf("no schema has an enum of the %s vocabulary %v", l.Name, l.Values)
		}
	}
	if !slices.Equal(modeNames(), vocab.Mode.Values) {
		t.Errorf("reveal modes %v, vocabulary %v", written.Modes, vocab.Mode.Values)
	}
}

func modeNames() []string {
	var out []string
	for _, m := range written.Modes {
		out = append(out, string(m))
	}
	return out
}
