package rules

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"

	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/vocab"
	"github.com/propdeck/propdeck/internal/written"
)

// Schema returns the JSON Schema (draft-07) of scenario format 1, generated
// from the Go types so that the two can never name different keys. Editors
// with TOML support (Taplo, Even Better TOML) use it to complete and check
// keys while people type.
func Schema() []byte {
	return buildSchema(reflect.TypeOf(written.Scenario{}), "scenario-format-1", "propdeck scenario, format 1",
		"A tabletop incident-response exercise: roles, systems, rounds and timed clues.")
}

// SchemaOf is the JSON Schema of another file kind's Go type, made the
// same way as the scenario's.
func SchemaOf(t reflect.Type, id, title, description string) []byte {
	return buildSchema(t, id, title, description)
}

// CatalogSchema is the JSON Schema of catalog files, format 1.
func CatalogSchema() []byte {
	return buildSchema(reflect.TypeOf(catalog{}), "catalog-format-1", "propdeck catalog, format 1",
		"Roles and systems that scenarios include: [[roles]], [[systems]], runbooks and include.")
}

func buildSchema(t reflect.Type, id, title, description string) []byte {
	root := schemaOf(t)
	root["$schema"] = "http://json-schema.org/draft-07/schema#"
	root["$id"] = "https://propdeck.example/schema/" + id + ".json"
	root["title"] = title
	root["description"] = description
	data, err := json.MarshalIndent(root, "", "  ")
	if err != nil {
		panic(err)
	}
	return append(data, '\n')
}

func schemaOf(t reflect.Type) map[string]any {
	if t == written.PointType {
		return map[string]any{
			"type":        "array",
			"minItems":    2,
			"maxItems":    2,
			"items":       []any{map[string]any{"type": "string", "pattern": offsetPattern}, map[string]any{"type": "number"}},
			"description": "A [time, value] pair, e.g. [\"T-5m\", 120.0].",
		}
	}
	if t == written.MessagesType {
		list := map[string]any{"type": "array", "items": map[string]any{"type": "string"}}
		return map[string]any{"oneOf": []any{
			list,
			map[string]any{"type": "object", "propertyNames": map[string]any{"enum": levels}, "additionalProperties": list},
		}}
	}
	if t == written.LevelsType {
		one := map[string]any{"type": "string", "enum": vocab.Difficulty.Values}
		return map[string]any{"oneOf": []any{one, map[string]any{"type": "array", "items": one, "minItems": 1}}}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return schemaOf(t.Elem())
	case reflect.Struct:
		return structSchema(t)
	case reflect.Slice:
		s := map[string]any{"type": "array", "items": schemaOf(t.Elem())}
		return s
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem())}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Int64, reflect.Int:
		return map[string]any{"type": "integer"}
	case reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	}
	panic("scenarios: no schema for " + t.String())
}

// structSchema is a table's schema: a property per key, with its doc,
// vocabulary, pattern or format, and the required keys.
func structSchema(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := tomlfile.FieldName(f)
		if name == "" || name == "-" {
			continue
		}
		props[name] = fieldSchema(f)
		if f.Tag.Get("required") == "true" {
			required = append(required, name)
		}
	}
	s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

// fieldSchema is one key's schema, from its type and its tags.
func fieldSchema(f reflect.StructField) map[string]any {
	p := schemaOf(f.Type)
	if d := f.Tag.Get("doc"); d != "" {
		p["description"] = d
	}
	if values := vocabOf(f); values != nil {
		p["enum"] = values
	}
	if pat := f.Tag.Get("pattern"); pat != "" {
		p["pattern"] = pat
	}
	switch f.Tag.Get("format") {
	case "offset":
		p["pattern"] = offsetPattern
	case "duration":
		p["pattern"] = durationPattern
	case "date-time":
		p["format"] = "date-time"
	case "date":
		p["format"] = "date"
	}
	// A key a template writes empty for the user to fill in (observed =
	// "") is valid empty too.
	if pat, ok := p["pattern"].(string); ok && f.Tag.Get("blank") == "ok" {
		p["pattern"] = "^$|" + pat
	}
	if c := f.Tag.Get("const"); c != "" {
		p["const"] = json.RawMessage(c)
	}
	return p
}

const (
	offsetPattern   = `^\s*[Tt]([+-]((\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+|0))?\s*$|^\s*\d{1,2}:\d{2}(:\d{2})?\s*$`
	durationPattern = `^\s*(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+\s*$|^0$`
)

// vocabOf is the values a field's vocab tag allows (`vocab:"kind"`, and
// `vocab:"rating,empty"` for a value that may also be left empty), or nil.
func vocabOf(f reflect.StructField) []string {
	tag, ok := f.Tag.Lookup("vocab")
	if !ok {
		return nil
	}
	name, opt, _ := strings.Cut(tag, ",")
	l, ok := vocab.Named(name)
	if !ok {
		panic("no vocabulary " + name + " for " + f.Name)
	}
	values := slices.Clone(l.Values)
	if opt == "empty" {
		values = append(values, "")
	}
	return values
}
