package tomlfile

import (
	"context"
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	bs "github.com/BurntSushi/toml"

	"github.com/propdeck/propdeck/internal/input"
)

// TestTreeMatchesAnotherParser: for every TOML file the repository ships
// or tests with, the one-pass tree is the tree an independent parser
// (BurntSushi's) reads, and every file one refuses the other refuses too.
func TestTreeMatchesAnotherParser(t *testing.T) {
	var files []string
	for _, root := range []string{"../examples", "../scenarios/testdata", "../../testdata", "../complications/sets"} {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".toml") {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) < 40 {
		t.Fatalf("only %d TOML files found", len(files))
	}
	for _, f := range files {
		data := readTestFile(t, f)
		data = []byte(strings.TrimPrefix(string(data), "\ufeff"))
		got, _, perr := Parse(data)
		var want map[string]any
		_, werr := bs.Decode(string(data), &want)
		if (perr != nil) != (werr != nil) {
			t.Errorf("%s: one parser refuses it: ours %v, the other %v", f, perr, werr)
			continue
		}
		if perr == nil && !reflect.DeepEqual(normal(got), normal(want)) {
			t.Errorf("%s: the trees differ", f)
		}
	}
}

// normal makes date-times comparable across the parsers' zones.
func normal(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = normal(e)
		}
		return out
	case []map[string]any:
		out := []any{}
		for _, e := range x {
			out = append(out, normal(e))
		}
		return out
	case []any:
		out := []any{}
		for _, e := range x {
			out = append(out, normal(e))
		}
		return out
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case float64:
		if x != x {
			return "NaN" // equal to itself, for the comparison
		}
	}
	return v
}

// TestTOMLRules: what the parser leaves to its caller is refused at the
// line and column of the second definition, and the positions of keys,
// headers and array elements are where they were written.
func TestTOMLRules(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"a = 1\na = 2\n", "2:1: TOML syntax: a is defined twice"},
		{"[t]\n[t]\n", "2:2: TOML syntax: t is defined twice"},
		{"t = {x = 1}\n[t]\n", "2:2: TOML syntax: t is defined twice"},
		{"t = {x = 1}\n[t.y]\n", "2:2: TOML syntax: t was written as a value and cannot be extended"},
		{"t = 1\n[[t]]\n", "2:1: TOML syntax: t is already a table or a value, not a list of [[t]]"},
		{"[[t]]\n[t]\n", "2:2: TOML syntax: t is defined twice"},
		{"a.b = 1\na.b.c = 2\n", "2:1: TOML syntax: a.b is a value, not a table"},
		{"[a.b]\nx = 1\n[a]\nb.y = 2\n", "4:1: TOML syntax: a.b is defined twice"},
		{"x = 99999999999999999999\n", "1:5: TOML syntax: 99999999999999999999 is out of range for a whole number"},
		{"s = \"日本\x01\"\n", "1:8: TOML syntax: basic strings cannot have control characters (here: \\x01)"},
	} {
		_, _, err := Parse([]byte(tc.src))
		if err == nil {
			t.Errorf("%q: accepted", tc.src)
			continue
		}
		if got := err.Error(); !strings.HasSuffix(got, tc.want) {
			t.Errorf("%q: %q, want %q", tc.src, got, tc.want)
		}
	}
	src := "x = 1\n[[clues]]\nid = \"c1\"\n[[clues]]\n  id = \"c2\"\n  [clues.log]\n  lines = [\n    \"a\",\n    [1, 2],\n  ]\n  \"名前\" = { k = 1 }\n"
	_, pos, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]Pos{
		"x": {1, 1}, "clues.0": {2, 1}, "clues.0.id": {3, 1}, "clues.1": {4, 1}, "clues.1.id": {5, 3},
		"clues.1.log": {6, 3}, "clues.1.log.lines": {7, 3}, "clues.1.log.lines.0": {8, 5}, "clues.1.log.lines.1": {9, 5},
		"clues.1.log.lines.1.1": {9, 9}, "clues.1.log.名前": {11, 3}, "clues.1.log.名前.k": {11, 12},
	} {
		if pos[path] != want {
			t.Errorf("%s at %v, want %v", path, pos[path], want)
		}
	}
}

func readTestFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := input.Read(context.Background(), name, 16<<20)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestValuesAreNotReopened: a value cannot be reopened as a table or a
// list of tables.
func TestValuesAreNotReopened(t *testing.T) {
	for _, src := range []string{"t = 1\n[t]\n", "t = [1]\n[t]\n", "t = 1\n[[t]]\n", "t = [1]\n[[t]]\n", "t = 1\n[t.x]\n", "a = [{x = 1}]\n[a.b]\n"} {
		if _, _, err := Parse([]byte(src)); err == nil {
			t.Errorf("%q: accepted", src)
		}
	}
}

// FuzzTOML: the one-pass parser never panics, accepts nothing the other
// parser refuses, and where both accept, reads the same tree.
func FuzzTOML(f *testing.F) {
	for _, seed := range []string{"a = 1\n[t]\nb = 2\n[[x]]\ny = [1, {z = 2}]\n", "t = {a.b = 1}\n[t2.c]\nd = 1979-05-27T07:32:00Z\n", "[a.b]\n[a]\nc = 'x'\n[[a.d]]\n"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		got, _, perr := Parse([]byte(src))
		if perr != nil {
			return
		}
		var want map[string]any
		if _, err := bs.Decode(src, &want); err != nil {
			t.Fatalf("accepted what the other parser refuses (%v): %q", err, src)
		}
		if !reflect.DeepEqual(normal(got), normal(want)) {
			t.Fatalf("trees differ for %q:\n%v\n%v", src, normal(got), normal(want))
		}
	})
}

// TestBracketsInStringsDoNotCount: brackets inside strings and comments
// do not count toward the nesting limit, and 64 levels pass the check
// (the decoder then reports what is wrong with them).
func TestBracketsInStringsDoNotCount(t *testing.T) {
	t.Parallel()
	src := "format = 1\n# [[[[[[[[\nsummary = \"{{{{{{{{[[[[[[\"\n"
	if pos, deep := tooDeep(src + "x = " + strings.Repeat("[", 64) + strings.Repeat("]", 64)); deep {
		t.Errorf("64 levels refused at %v", pos)
	}
	if _, deep := tooDeep(`s = """` + strings.Repeat("[", 100) + `"""`); deep {
		t.Error("brackets in a multi-line string counted")
	}
}
