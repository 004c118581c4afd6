package records

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	goldenfile "github.com/propdeck/propdeck/internal/golden"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text/texttest"
	"github.com/propdeck/propdeck/internal/vocab"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, path, got string) {
	t.Helper()
	goldenfile.Check(t, path, []byte(got), *update)
}

// TestSchemaFilesAreCurrent keeps the committed record and roster schemas
// equal to the ones generated from the Go types.
func TestSchemaFilesAreCurrent(t *testing.T) {
	golden(t, "../../schema/record.schema.json", string(RecordSchema()))
	golden(t, "../../schema/roster.schema.json", string(RosterSchema()))
}

// TestRecordSchemaAcceptsRecords validates the sample records against the
// record schema with a real validator, and checks it is strict.
func TestRecordSchemaAcceptsRecords(t *testing.T) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(RecordSchema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("record.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("record.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../report/testdata/good/*.toml")
	if len(files) == 0 {
		t.Fatal("no sample records")
	}
	for _, f := range files {
		data, _ := os.ReadFile(f)
		if err := sch.Validate(tomlAsJSON(t, string(data))); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	bad := "format = 1\nscenario = \"x\"\ndate = \"2026-03-10\"\n[[expected]]\nrole = \"ic\"\naction = \"a\"\nrating = \"not met\"\n"
	if err := sch.Validate(tomlAsJSON(t, bad)); err == nil {
		t.Error("the record schema accepted rating = \"not met\"")
	}
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

// TestReferenceNamesEveryRecordKey: every key of the record schema is in
// docs/scenario-format.md.
func TestReferenceNamesEveryRecordKey(t *testing.T) {
	ref, err := os.ReadFile("../../docs/scenario-format.md")
	if err != nil {
		t.Fatal(err)
	}
	var record map[string]any
	if err := json.Unmarshal(RecordSchema(), &record); err != nil {
		t.Fatal(err)
	}
	for _, key := range schemaKeys("record", record) {
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

// TestVocabTags: the record's vocab tags name vocabularies, and the
// schema's enums are theirs (action kinds and finding lists are the
// record's alone).
func TestVocabTags(t *testing.T) {
	var tree any
	if err := json.Unmarshal(RecordSchema(), &tree); err != nil {
		t.Fatal(err)
	}
	enums := texttest.SchemaEnums(tree)
	rt := reflect.TypeOf(Action{})
	for i := 0; i < rt.NumField(); i++ {
		if tag, ok := rt.Field(i).Tag.Lookup("vocab"); ok {
			if _, ok := vocab.Named(strings.Split(tag, ",")[0]); !ok {
				t.Errorf("Action.%s: no vocabulary %q", rt.Field(i).Name, tag)
			}
		}
	}
	for _, l := range []vocab.List{vocab.ActionKind, vocab.FindingList, vocab.Rating} {
		if !enums[strings.Join(l.Values, "|")] && !enums[strings.Join(l.Values, "|")+"|"] {
			t.Errorf("the record schema has no enum of the %s vocabulary %v", l.Name, l.Values)
		}
	}
}

const koreanBase = `format = 1
[scenario]
id = "k"
title = "결제 지연"
language = "ko"
duration = "60m"
[[roles]]
id = "ic"
name = "지휘자"
[[roles]]
id = "ops"
name = "운영"
[[systems]]
id = "db"
name = "데이터베이스"
`

// TestKoreanRecordMistakesAreKorean: a record of a Korean scenario is
// answered in Korean, as its scenario is.
func TestKoreanRecordMistakesAreKorean(t *testing.T) {
	t.Parallel()
	s, err := scenarios.Parse("k.toml", []byte(koreanBase+"[[clues]]\nid = \"c1\"\nat = \"T+5m\"\ntitle = \"경보\"\n"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rec := "format = 1\nscenario = \"k\"\ndate = \"2026-03-10\"\nsumary = \"x\"\n[[actions]]\ntitle = \"런북 고치기\"\ndue = \"2026-03-01\"\nkind = \"런북\"\n"
	_, err = ParseRecord("r.toml", []byte(rec), s)
	for _, want := range []string{
		`r.toml:4:1: 맨 위 단계에 알 수 없는 키 "sumary"가 있음 (혹시 "summary"?)`,
		`조치 "런북 고치기": 기한 2026-03-01이 세션(2026-03-10)보다 앞섬`,
		`조치 "런북 고치기": kind = "런북": 다음 중 하나여야 함:`, `(혹시 "runbook"?)`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("want %q in\n%v", want, err)
		}
	}
}
