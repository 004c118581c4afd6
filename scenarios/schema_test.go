package scenarios

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

const schemaFile = "../schema/scenario.schema.json"

// TestSchemaFileIsCurrent keeps the committed schema equal to the one
// generated from the Go types: the schema and the types name the same keys.
func TestSchemaFileIsCurrent(t *testing.T) {
	golden(t, schemaFile, string(Schema()))
}

func TestSchemaNamesEveryKey(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(Schema(), &schema); err != nil {
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
		if rt.Kind() != reflect.Struct || rt == pointType {
			return
		}
		props, _ := s["properties"].(map[string]any)
		var goKeys, schemaKeys []string
		for i := 0; i < rt.NumField(); i++ {
			name := tomlName(rt.Field(i))
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
	walk("", reflect.TypeOf(Scenario{}), schema)
}

// TestExamplesMatchSchema validates every shipped example, and the
// templates of propdeck init, against the schema with a small validator of
// the keywords the schema uses.
func TestExamplesMatchSchema(t *testing.T) {
	var schema map[string]any
	json.Unmarshal(Schema(), &schema)
	docs := map[string]string{}
	for _, ex := range Examples() {
		src, _ := ExampleSource(ex.Name)
		docs[ex.Name] = string(src)
	}
	for _, lang := range []string{"en", "ko"} {
		docs["template-"+lang] = Template(lang)
	}
	for name, src := range docs {
		var tree map[string]any
		if _, err := toml.Decode(src, &tree); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, e := range validateSchema("", schema, normalize(tree)) {
			t.Errorf("%s: %s", name, e)
		}
	}
	// And the validator does reject what the schema forbids.
	bad := map[string]any{"format": 2.0, "scenario": map[string]any{"id": "Bad ID", "titel": "x"}, "roles": []any{}}
	if errs := validateSchema("", schema, bad); len(errs) < 3 {
		t.Errorf("schema validator accepted a bad document: %v", errs)
	}
}

// normalize turns decoded TOML into JSON-like values.
func normalize(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = normalize(e)
		}
		return out
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalize(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalize(e)
		}
		return out
	case int64:
		return float64(x)
	case time.Time:
		return x.Format(time.RFC3339)
	}
	return v
}

func validateSchema(path string, s map[string]any, v any) []string {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, path+": "+fmt.Sprintf(format, args...)) }
	switch s["type"] {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			bad("not an object")
			return errs
		}
		props, _ := s["properties"].(map[string]any)
		for _, r := range asList(s["required"]) {
			if _, ok := m[r.(string)]; !ok {
				bad("missing %s", r)
			}
		}
		for k, e := range m {
			if p, ok := props[k].(map[string]any); ok {
				errs = append(errs, validateSchema(path+"."+k, p, e)...)
			} else if ap, ok := s["additionalProperties"].(map[string]any); ok {
				errs = append(errs, validateSchema(path+"."+k, ap, e)...)
			} else if s["additionalProperties"] == false {
				bad("unknown key %s", k)
			}
		}
	case "array":
		a, ok := v.([]any)
		if !ok {
			bad("not an array")
			return errs
		}
		if mi, ok := s["minItems"].(float64); ok && float64(len(a)) < mi {
			bad("fewer than %v items", mi)
		}
		switch items := s["items"].(type) {
		case map[string]any:
			for i, e := range a {
				errs = append(errs, validateSchema(fmt.Sprintf("%s[%d]", path, i), items, e)...)
			}
		case []any:
			for i, e := range a {
				if i < len(items) {
					errs = append(errs, validateSchema(fmt.Sprintf("%s[%d]", path, i), items[i].(map[string]any), e)...)
				}
			}
		}
	case "string":
		str, ok := v.(string)
		if !ok {
			bad("not a string")
			return errs
		}
		if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(str) {
			bad("%q does not match %s", str, p)
		}
		if e := asList(s["enum"]); e != nil {
			found := false
			for _, x := range e {
				found = found || x == str
			}
			if !found {
				bad("%q not in %v", str, e)
			}
		}
	case "integer", "number":
		f, ok := v.(float64)
		if !ok {
			bad("not a number")
		} else if c, ok := s["const"].(float64); ok && f != c {
			bad("%v is not %v", f, c)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			bad("not a boolean")
		}
	}
	return errs
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}
