package scenarios

import (
	"os"
	"regexp"
	"testing"

	"github.com/propdeck/propdeck/internal/rules"
)

// TestExamplesGiveNothingAway: no shipped example's title or briefing names
// a sealed clue's words; their summaries, read to players as briefings, would
// in cert-expiry-ko (its twist), datacenter-fire-ko and deletion-script-ko.
func TestExamplesGiveNothingAway(t *testing.T) {
	t.Parallel()
	briefing := regexp.MustCompile(`(?m)^briefing = .*\n`)
	summary := regexp.MustCompile(`(?m)^summary = (.*)$`)
	flagged := map[string]bool{}
	for _, ex := range shippedExamples() {
		src, err := shippedSource(ex.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, asBriefing := range []bool{false, true} {
			text := src
			if asBriefing {
				text = summary.ReplaceAll(briefing.ReplaceAll(src, nil), []byte("summary = $1\nbriefing = $1"))
			}
			s, err := Parse(ex.Name+".toml", text, rules.FSSource(os.DirFS(shippedDir), "."), nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range s.Notes() {
				if n.Text.Key != "spoiler-words" {
					continue
				}
				if !asBriefing {
					t.Errorf("%s: %s", ex.Name, n.Error())
				}
				flagged[ex.Name] = true
			}
		}
	}
	for _, name := range []string{"cert-expiry-ko", "datacenter-fire-ko", "deletion-script-ko"} {
		if !flagged[name] {
			t.Errorf("%s's summary as a briefing gives nothing away", name)
		}
	}
}
