package examples

import "testing"

// TestEveryExampleLoads: every shipped example reads from the embed, with
// the catalogs and data files it names, and names outside it are none.
func TestEveryExampleLoads(t *testing.T) {
	t.Parallel()
	list := Examples()
	if len(list) < 12 {
		t.Fatalf("%d examples", len(list))
	}
	for _, ex := range list {
		if _, err := LoadExample(ex.Name, nil); err != nil {
			t.Errorf("%s: %v", ex.Name, err)
		}
		if _, err := ExampleFiles(ex.Name); err != nil {
			t.Errorf("%s: %v", ex.Name, err)
		}
	}
	for _, name := range []string{"../examples", "catalog/systems", "eu-db-latency.toml", "nope"} {
		if IsExample(name) {
			t.Errorf("%q is an example", name)
		}
	}
	if TemplateID("My Drill.toml") != "my-drill" {
		t.Errorf("TemplateID: %q", TemplateID("My Drill.toml"))
	}
}
