package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/importer"
	"github.com/propdeck/propdeck/internal/premortem"
	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/report"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/vocab"
)

// TestWrittenFilesValidateAgainstTheirSchema: every file propdeck writes
// for a user to edit (init templates, record templates, premortem
// starters, import skeletons and catalogs) passes the JSON Schema propdeck
// ships beside it, so that an editor shows no error in a fresh file.
func TestWrittenFilesValidateAgainstTheirSchema(t *testing.T) {
	scenario := compile(t, rules.Schema())
	record := compile(t, records.RecordSchema())
	catalog := compile(t, rules.CatalogSchema())
	type file struct {
		name, text string
		schema     *jsonschema.Schema
	}
	var files []file
	for _, lang := range vocab.Language.Values {
		files = append(files, file{"init " + lang, templateFor(lang, "drill.toml"), scenario})
		for _, cat := range []string{"", "catalog/org.toml"} {
			files = append(files, file{"starter " + lang, premortem.Starter(premortem.Idea{ID: "i1", Text: "The DNS change went out on a Friday", Theme: "change", Votes: 4, Pick: true}, "dns-friday", lang, cat), scenario})
		}
	}
	for _, ex := range examples.Examples() {
		s, err := examples.LoadExample(ex.Name, nil)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, file{"record " + ex.Name, report.RecordTemplate(s, ex.Name, "r.toml", "2026-03-10"), record})
	}
	csv, _ := os.ReadFile("../importer/testdata/timeline/incident.csv")
	skeleton, _, err := importer.Timeline("incident.csv", csv, "replay", importer.TimelineOptions{T0: time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, file{"import timeline", string(skeleton), scenario})
	for _, name := range []string{"google-sre", "korean"} {
		md, _ := os.ReadFile("../importer/testdata/postmortem/" + name + ".md")
		draft, _, err := importer.Postmortem(name+".md", md, name, importer.PostmortemOptions{})
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, file{"import postmortem " + name, string(draft), scenario})
	}
	var descriptors []importer.File
	for _, f := range []string{"../importer/testdata/backstage/catalog-info.yaml", "../importer/testdata/backstage/more.yaml"} {
		data, _ := os.ReadFile(f)
		descriptors = append(descriptors, importer.File{Name: f, Data: data})
	}
	cat, _, err := importer.Backstage(descriptors, "en")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, file{"import backstage", string(cat), catalog})
	for _, f := range files {
		if err := f.schema.Validate(asJSON(t, f.text)); err != nil {
			t.Errorf("%s does not pass its schema: %v", f.name, err)
		}
	}
}

func compile(t *testing.T, schema []byte) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("s.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("s.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// asJSON is a TOML document as the JSON an editor's schema checker sees.
func asJSON(t *testing.T, text string) any {
	t.Helper()
	var m map[string]any
	if _, err := toml.Decode(text, &m); err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return v
}
