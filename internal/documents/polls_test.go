package documents

import (
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// TestRunSheetPrintsPolls: a round's prepared poll is on the run sheet,
// its question, options and expected answer, for the paper fallback.
func TestRunSheetPrintsPolls(t *testing.T) {
	t.Parallel()
	s, err := examples.LoadExample("eu-db-latency", nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Rounds[1].Polls = []scenarios.Poll{{ID: "failover", Question: "Fail over now, or wait for replication?",
		Options: []string{"fail over now", "wait"}, Expected: "wait"}}
	d, err := runSheet(s, DefaultOptions(), printed{})
	if err != nil {
		t.Fatal(err)
	}
	text := deckText(d)
	for _, want := range []string{"Fail over now, or wait for replication?", "□ fail over now", "□ wait", "expected: wait"} {
		if !strings.Contains(text, want) {
			t.Errorf("the run sheet does not print %q", want)
		}
	}
}
