package documents

import (
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/written"
)

// TestRunSheetPrintsPolls: a round's prepared poll is on the run sheet,
// its question, options and expected answer, for the paper fallback.
func TestRunSheetPrintsPolls(t *testing.T) {
	t.Parallel()
	s, err := examples.LoadExample("eu-db-latency", nil)
	if err != nil {
		t.Fatal(err)
	}
	s = s.Edited(func(w *written.Scenario) {
		w.Rounds[1].Polls = []written.Poll{{ID: "failover", Question: "Fail over now, or wait for replication?",
			Options: []string{"fail over now", "wait"}, Expected: "wait"}}
	})
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

// TestReportSaysWhatTheRoomSaid: the printed report has the poll's
// sentence, the asks, the answers and the hot wash of a record.
func TestReportSaysWhatTheRoomSaid(t *testing.T) {
	t.Parallel()
	s, err := examples.LoadExample("eu-db-latency", nil)
	if err != nil {
		t.Fatal(err)
	}
	r := &records.Record{Date: "2026-03-10",
		Asks:    []records.Asked{{At: "T+4m", Role: "comms", Text: "the DPO's phone number", Answer: "no-card"}},
		Answers: []records.Answered{{At: "T+6m", Role: "ic", Round: 1, Text: "Fail over now"}},
		Polls:   []records.Polled{{ID: "p", Question: "Fail over now?", Options: []string{"yes", "wait"}, Votes: []int64{3, 2}, Agreement: 60}},
		HotWash: records.HotWash{Count: 1, Broke: []string{"nobody owned the status page"}}}
	text := deckText(Report(s, r, "", DefaultOptions()))
	for _, want := range []string{"What the room said", "Poll: Fail over now? 3 of 5 yes, Unified (60%)", "the DPO's phone number — no card existed",
		"Incident Commander (round 1): Fail over now", "nobody owned the status page"} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed report does not say %q:\n%s", want, text)
		}
	}
}
