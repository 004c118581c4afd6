package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/importer"
	"github.com/propdeck/propdeck/internal/premortem"
	"github.com/propdeck/propdeck/internal/report"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/tomlw"
)

// valueHostile are strings a scenario may hold (printable, with line
// breaks, quotes, backslashes and TOML of their own); commentHostile also
// carry what only ever lands in comments (file names, refs, link titles):
// control characters and terminal escapes.
var (
	valueHostile   = []string{"a \"b\" \\ c", "x\n[[systems]]\nid = \"evil\"\nrunbook = \"https://evil.example\"", "'''", "# not a comment", "ends with \\"}
	commentHostile = append([]string{"bell \a NUL \x00 ESC \x1b[2J", "cr\rlf\n[[systems]]\nid = \"evil\"", "\u202eoverride"}, valueHostile...)
)

// TestEveryTOMLWriterQuotes writes hostile text through every writer of
// TOML and parses the result back: it parses, no key appears that the
// writer did not write, and each value comes back as it went in.
func TestEveryTOMLWriterQuotes(t *testing.T) {
	for i, v := range valueHostile {
		c := commentHostile[i%len(commentHostile)]
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			backstageRoundTrip(t, v, c)
			timelineRoundTrip(t, v, c)
			postmortemRoundTrip(t, v, c)
			starterRoundTrip(t, v, c)
			recordRoundTrip(t, v, c)
		})
	}
	for _, c := range commentHostile {
		for _, lang := range []string{"en", "ko"} {
			mustParse(t, "init template", templateFor(lang, c+".toml"))
		}
	}
	mustParse(t, "synthetic", examples.Synthetic(3))
}

func mustParse(t *testing.T, what, text string) map[string]any {
	t.Helper()
	var m map[string]any
	if _, err := toml.Decode(text, &m); err != nil {
		t.Fatalf("%s does not parse: %v\n%s", what, err, text)
	}
	return m
}

func backstageRoundTrip(t *testing.T, v, c string) {
	yaml := fmt.Sprintf("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: orders-api\n  title: %s\n  links:\n    - url: https://example.com/wiki\n      title: %s\nspec:\n  owner: team-a\n  dependsOn: [%s]\n",
		yamlQuote(v), yamlQuote(c), yamlQuote("component:"+c))
	out, _, err := importer.Backstage([]importer.File{{Name: "c.yaml\n[[systems]]", Data: []byte(yaml)}}, "en")
	if err != nil {
		t.Fatalf("backstage: %v", err)
	}
	m := mustParse(t, "backstage catalog", string(out))
	systems, _ := m["systems"].([]map[string]any)
	if len(m) != 1 || len(systems) != 1 || systems[0]["name"] != v || systems[0]["runbook"] != "https://example.com/wiki" {
		t.Errorf("backstage catalog came back as %v\n%s", m, out)
	}
}

func timelineRoundTrip(t *testing.T, v, c string) {
	csv := "time,text\n09:04," + csvQuote(v) + "\n"
	out, _, err := importer.Timeline("incident "+c+".csv", []byte(csv), "replay", importer.TimelineOptions{T0: time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("timeline: %v", err)
	}
	m := mustParse(t, "timeline skeleton", string(out))
	clues, _ := m["clues"].([]map[string]any)
	// A timeline row is one line of the card: its white space folds.
	if len(clues) != 1 || clues[0]["title"] != strings.Join(strings.Fields(v), " ") {
		t.Errorf("timeline skeleton came back as %v\n%s", clues, out)
	}
}

// postmortemRoundTrip puts hostile text in every part of a postmortem a
// draft reads, and a hostile file name in its comments: the draft parses
// and holds no key the importer did not write.
func postmortemRoundTrip(t *testing.T, v, c string) {
	md := "# " + v + "\n\n## Summary\n\n" + v + "\n\n## Impact\n\n" + v + "\n\n## Timeline\n\n- 14:02 " + v + "\n- 14:09 mkim acknowledged " + v +
		"\n\n## Root cause\n\n- " + v + "\n\n## Contributing factors\n\n- nobody reviewed " + v + "\n\n## Action items\n\n- " + v + "\n"
	out, _, err := importer.Postmortem(c+".md", []byte(md), "replay", importer.PostmortemOptions{})
	if err != nil {
		t.Fatalf("postmortem: %v", err)
	}
	m := mustParse(t, "postmortem draft", string(out))
	for k := range m {
		if k != "format" && k != "scenario" && k != "roles" && k != "rounds" && k != "clues" && k != "complications" {
			t.Errorf("postmortem draft has a key %q it did not write:\n%s", k, out)
		}
	}
	if clues, _ := m["clues"].([]map[string]any); len(clues) == 0 || !strings.Contains(fmt.Sprint(clues[0]["title"]), strings.Fields(v)[0]) {
		t.Errorf("postmortem draft's clues came back as %v\n%s", clues, out)
	}
}

func starterRoundTrip(t *testing.T, v, c string) {
	for _, lang := range []string{"en", "ko"} {
		text := premortem.Starter(premortem.Idea{ID: "i1", Text: v, Theme: c, Votes: 3}, "i1", lang, c)
		m := mustParse(t, "premortem starter", text)
		sc, _ := m["scenario"].(map[string]any)
		inc, _ := sc["include"].([]any)
		if sc["summary"] != v || len(inc) != 1 || inc[0] != c {
			t.Errorf("starter came back as %v\n%s", sc, text)
		}
	}
}

func recordRoundTrip(t *testing.T, v, _ string) {
	src := "format = 1\n[scenario]\nid = \"t\"\ntitle = " + tomlw.Quote(v) + "\nstart = \"2026-03-10T09:00:00Z\"\n" +
		"[[roles]]\nid = \"ic\"\nname = \"IC\"\n[[rounds]]\nat = \"T+0\"\ntitle = \"R\"\n[[rounds.expect]]\nrole = \"ic\"\naction = " + tomlw.Quote(v) + "\n"
	s, err := scenarios.Parse("t.toml", []byte(src), nil, nil)
	if err != nil {
		t.Fatalf("the scenario refuses this text: %v", err)
	}
	text := report.RecordTemplate(s, "t.toml", "records/t.toml", "2026-03-10")
	m := mustParse(t, "record template", text)
	exp, _ := m["expected"].([]map[string]any)
	if len(exp) != 1 || exp[0]["action"] != v {
		t.Errorf("record template came back as %v\n%s", exp, text)
	}
}

func yamlQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`, "\a", `\a`, "\x00", `\0`, "\x1b", `\e`)
	return `"` + r.Replace(s) + `"`
}

func csvQuote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// TestMessagesCarryNoTerminalEscapes: outside text in a message (a
// descriptor's kind, a scenario's id) reaches the terminal inert.
func TestMessagesCarryNoTerminalEscapes(t *testing.T) {
	dir := t.TempDir()
	desc := dir + "/d.yaml"
	os.WriteFile(desc, []byte("apiVersion: backstage.io/v1alpha1\nkind: \"Template\\e[2J\\e]0;owned\\a\"\nmetadata:\n  name: x\n---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: orders\n"), 0o644)
	bad := dir + "/bad.toml"
	os.WriteFile(bad, []byte("format = 1\n[scenario]\nid = \"\x1b[31mred\"\n"), 0o644)
	for _, args := range [][]string{
		{"propdeck", "import", "backstage", desc, "-o", dir + "/c.toml"},
		{"propdeck", "validate", bad},
	} {
		var stdout, stderr bytes.Buffer
		Run(context.Background(), args, &stdout, &stderr)
		if strings.ContainsAny(stderr.String(), "\x1b\a") {
			t.Errorf("%v: a terminal escape reached stderr: %q", args[1:3], stderr.String())
		}
		if !strings.Contains(stderr.String(), `1b`) {
			t.Errorf("%v: the escape is not shown: %q", args[1:3], stderr.String())
		}
	}
}
