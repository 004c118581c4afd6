package scenarios

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/layouts"
)

// TestEnumTagsAreTheirLists: every enum tag of every file kind is one of
// the Go lists the validator, the schema and did-you-mean read, word for
// word, so that a value added to a list cannot be missed by a tag.
func TestEnumTagsAreTheirLists(t *testing.T) {
	lists := map[string][]string{
		"Kinds": Kinds, "Levels": levels, "LogFormats": logFormats, "LogThemes": LogThemes,
		"Languages": Languages, "Ratings": append(append([]string(nil), ratings...), ""),
		"FindingLists": FindingLists, "ActionKinds": actionKinds, "PaperNames": layouts.PaperNames,
		"Duplex": {string(layouts.DuplexNone), string(layouts.DuplexLong), string(layouts.DuplexShort)},
	}
	seen := map[reflect.Type]bool{}
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
			if tag, ok := f.Tag.Lookup("enum"); ok {
				values := strings.Split(tag, ",")
				found := false
				for _, l := range lists {
					found = found || slices.Equal(values, l)
				}
				if !found {
					t.Errorf("%s.%s: enum %q is no list of the package's", rt.Name(), f.Name, tag)
				}
			}
			walk(f.Type)
		}
	}
	for _, v := range []any{Scenario{}, Record{}, catalog{}} {
		walk(reflect.TypeOf(v))
	}
	if len(seen) < 10 {
		t.Errorf("only %d types walked", len(seen))
	}
}
