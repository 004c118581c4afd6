package scenarios

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/written"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

const schemaFile = "../../schema/scenario.schema.json"

// TestSchemaFileIsCurrent keeps the committed schema equal to the one
// generated from the Go types: the schema and the types name the same keys.
func TestSchemaFileIsCurrent(t *testing.T) {
	golden(t, schemaFile, string(rules.Schema()))
	golden(t, "../../schema/catalog.schema.json", string(rules.CatalogSchema()))
}

func TestSchemaNamesEveryKey(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(rules.Schema(), &schema); err != nil {
		t.Fatal(err)
	}
	var walk func(path string, rt reflect.Type, s map[string]any)
	walk = func(path string, rt reflect.Type, s map[string]any) {
		for rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice {
			rt = rt.Elem()
			if items, ok := s["items"].(map[string]any); ok {
				s = items
			}
		}
		if rt.Kind() != reflect.Struct || rt == written.PointType {
			return
		}
		props, _ := s["properties"].(map[string]any)
		var goKeys, schemaKeys []string
		for i := 0; i < rt.NumField(); i++ {
			name := tomlfile.FieldName(rt.Field(i))
			if name == "" || name == "-" {
				continue
			}
			goKeys = append(goKeys, name)
			sub, _ := props[name].(map[string]any)
			walk(path+"."+name, rt.Field(i).Type, sub)
		}
		for k := range props {
			schemaKeys = append(schemaKeys, k)
		}
		sort.Strings(goKeys)
		sort.Strings(schemaKeys)
		if !reflect.DeepEqual(goKeys, schemaKeys) {
			t.Errorf("%s: Go keys %v, schema keys %v", path, goKeys, schemaKeys)
		}
	}
	walk("", reflect.TypeOf(written.Scenario{}), schema)
}

// TestExamplesMatchSchema validates every shipped example and the
// templates of propdeck init against the schema with a real JSON Schema
// validator, the way an editor would (examples' test holds a synthetic
// scenario to it).
func TestExamplesMatchSchema(t *testing.T) {
	sch := compileSchema(t)
	docs := map[string]string{}
	for _, ex := range shippedExamples() {
		src, _ := shippedSource(ex.Name)
		docs[ex.Name] = string(src)
	}
	for _, lang := range []string{"en", "ko"} {
		docs["template-"+lang] = starter(lang)
	}
	for name, src := range docs {
		if err := sch.Validate(tomlAsJSON(t, src)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestSchemaRejects keeps the schema strict: what the decoder refuses, an
// editor flags too.
func TestSchemaRejects(t *testing.T) {
	sch := compileSchema(t)
	base := "format = 1\n[scenario]\nid = \"x\"\ntitle = \"t\"\n[[roles]]\nid = \"ic\"\nname = \"IC\"\n"
	if err := sch.Validate(tomlAsJSON(t, base)); err != nil {
		t.Fatalf("minimal scenario rejected: %v", err)
	}
	for name, src := range map[string]string{
		"format 2":      strings.Replace(base, "format = 1", "format = 2", 1),
		"unknown key":   base + "titel = \"x\"\n",
		"bad id":        strings.Replace(base, `id = "x"`, `id = "Bad ID"`, 1),
		"bad log level": base + "[[clues]]\nid = \"c\"\nat = \"T+0\"\ntitle = \"t\"\n[clues.log]\nformat = \"yaml\"\n",
		"bad offset":    base + "[[rounds]]\nat = \"ten past\"\ntitle = \"t\"\n",
	} {
		if err := sch.Validate(tomlAsJSON(t, src)); err == nil {
			t.Errorf("%s: schema accepted it", name)
		}
	}
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(rules.Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("scenario.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("scenario.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// tomlAsJSON decodes TOML into the JSON values an editor's validator sees.
func tomlAsJSON(t *testing.T, src string) any {
	t.Helper()
	var tree map[string]any
	if _, err := toml.Decode(src, &tree); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(tree)
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestReferenceNamesEverySchemaKey keeps docs/scenario-format.md and the
// schema from drifting apart: every key the schema knows is in the reference.
func TestReferenceNamesEverySchemaKey(t *testing.T) {
	ref, err := os.ReadFile("../../docs/scenario-format.md")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(rules.Schema(), &schema); err != nil {
		t.Fatal(err)
	}
	for _, key := range schemaKeys("", schema) {
		name := key[strings.LastIndexByte(key, '.')+1:]
		re := regexp.MustCompile(`(?m)(^\s*|[{,\[.]\s*)` + regexp.QuoteMeta(name) + `\s*=|\[(\[)?([a-z.]+\.)?` + regexp.QuoteMeta(name) + `\]|` + "`" + regexp.QuoteMeta(name) + "`")
		if !re.Match(ref) {
			t.Errorf("key %s is in the schema but not in docs/scenario-format.md", key)
		}
	}
}

func schemaKeys(path string, s map[string]any) []string {
	var out []string
	if items, ok := s["items"].(map[string]any); ok {
		out = append(out, schemaKeys(path, items)...)
	}
	props, _ := s["properties"].(map[string]any)
	for k, v := range props {
		sub, _ := v.(map[string]any)
		out = append(out, path+"."+k)
		out = append(out, schemaKeys(path+"."+k, sub)...)
	}
	sort.Strings(out)
	return out
}

// TestIDPatternTags: a struct tag cannot name a variable, so the id
// pattern the schema is made from is checked against rules.IDPattern.
func TestIDPatternTags(t *testing.T) {
	for _, rt := range []reflect.Type{reflect.TypeOf(written.Meta{}), reflect.TypeOf(written.Role{}), reflect.TypeOf(written.System{}), reflect.TypeOf(written.Clue{})} {
		f, _ := rt.FieldByName("ID")
		if got := f.Tag.Get("pattern"); got != rules.IDPattern.String() {
			t.Errorf("%s.ID pattern tag %q, rules.IDPattern %q", rt.Name(), got, rules.IDPattern)
		}
	}
}
