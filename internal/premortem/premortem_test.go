package premortem

import (
	"errors"
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/tomlfile"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestBuiltInCards(t *testing.T) {
	en, ko := Cards("en"), Cards("ko")
	if len(en) < 30 || len(ko) != len(en) {
		t.Fatalf("%d English cards, %d Korean", len(en), len(ko))
	}
	for i := range en {
		if en[i].ID != ko[i].ID || en[i].Question == "" || ko[i].Question == "" {
			t.Errorf("card %d: %+v / %+v", i, en[i], ko[i])
		}
	}
}

// TestRecordErrors: every mistake of a premortem record at its line, all
// at once, with a did-you-mean, in the record's language.
func TestRecordErrors(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"record", "record-ko"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			path := "testdata/bad/" + name + ".toml"
			data, _ := os.ReadFile(path)
			_, err := parseRecord(path, data, nil)
			var es *tomlfile.Errors
			if !errors.As(err, &es) {
				t.Fatalf("error %v", err)
			}
			got := strings.ReplaceAll(err.Error(), path, "RECORD") + "\n"
			golden := "testdata/bad/" + name + ".err"
			if *update {
				os.WriteFile(golden, []byte(got), 0o644)
			}
			want, _ := os.ReadFile(golden)
			if got != string(want) {
				t.Errorf("errors:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestStartersValidate: three picks give three scenarios that validate.
func TestStartersValidate(t *testing.T) {
	data, _ := os.ReadFile("testdata/record.toml")
	r, err := parseRecord("record.toml", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	picks := r.Picks()
	if len(picks) != 3 {
		t.Fatalf("%d picks", len(picks))
	}
	for _, lang := range []string{"en", "ko"} {
		for _, idea := range picks {
			id := slug(idea.Text)
			text := Starter(idea, id, lang, "")
			if _, err := scenarios.Parse(id+".toml", []byte(text), rules.DirSource("."), nil); err != nil {
				t.Errorf("%s %s: %v\n%s", lang, id, err, text)
			}
			if !strings.Contains(text, "# fill in") {
				t.Errorf("%s: no fill in marks", id)
			}
		}
	}
	if got := slug(picks[0].Text); got != "auth-legacys-certificate-expires-and-the-only" {
		t.Errorf("slug %q", got)
	}
}

func TestRecordSchemaIsCurrent(t *testing.T) {
	path := "../../schema/premortem.schema.json"
	if *update {
		os.WriteFile(path, RecordSchema(), 0o644)
	}
	want, _ := os.ReadFile(path)
	if string(want) != string(RecordSchema()) {
		t.Errorf("%s is not current; run go test ./premortem -update", path)
	}
	ref, _ := os.ReadFile("../../docs/scenario-format.md")
	var keys []string
	for _, v := range []any{record{}, Idea{}, group{}} {
		rt := reflect.TypeOf(v)
		for i := 0; i < rt.NumField(); i++ {
			keys = append(keys, rt.Field(i).Tag.Get("toml"))
		}
	}
	for _, key := range keys {
		if !strings.Contains(string(ref), key+" =") && !strings.Contains(string(ref), "[["+key+"]]") {
			t.Errorf("key %s of the premortem record is not in the format reference", key)
		}
	}
}

// TestRecordTextIsPrintable: a premortem record's control character is
// refused at its line, as a scenario's is.
func TestRecordTextIsPrintable(t *testing.T) {
	rec := "format = 1\n[[ideas]]\nid = \"i1\"\ntext = \"bell \\u0007\"\npick = true\n"
	if _, err := parseRecord("pm.toml", []byte(rec), nil); err == nil || !strings.Contains(err.Error(), "pm.toml:4:") {
		t.Errorf("premortem record: error %v", err)
	}
}
