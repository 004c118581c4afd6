package examples

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/scenarios"
)

func TestSyntheticScenarioValidates(t *testing.T) {
	for _, n := range []int{0, 1, 10, 200} {
		s, err := scenarios.Parse("synthetic.toml", []byte(Synthetic(n)), rules.DirSource("."), nil)
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if len(s.Clues()) != n || len(s.Roles()) != 20 || len(s.Systems()) != 20 {
			t.Errorf("n=%d: %d clues, %d roles, %d systems", n, len(s.Clues()), len(s.Roles()), len(s.Systems()))
		}
	}
}

// TestSyntheticMatchesSchema: a synthetic scenario is one an editor with
// the committed schema accepts.
func TestSyntheticMatchesSchema(t *testing.T) {
	t.Parallel()
	f, err := os.Open("../../schema/scenario.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
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
	var tree map[string]any
	if _, err := toml.Decode(Synthetic(40), &tree); err != nil {
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
	if err := sch.Validate(v); err != nil {
		t.Error(err)
	}
}
