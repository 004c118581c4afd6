package session

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	goldenfile "github.com/propdeck/propdeck/internal/golden"
	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/report"
)

// TestRoomInTheRecord: the record keeps the asks with how each was
// answered (a no-card one also under asked_no_card), the answers, every
// poll with its distribution and agreement, and the hot wash's counts and
// texts; a hidden text and who wrote an anonymous one are nowhere. The
// report says them under "What the room said".
func TestRoomInTheRecord(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	cl := &clock{time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)}
	j, path := newJournal(t, s, cl)
	events := []Event{{Kind: start},
		{Kind: ask, Text: "we check the replica lag dashboard", Role: "oncall-db"}, // 2
		{Kind: ask, Text: "the DPO's phone number", Role: "comms"},                 // 3
		{Kind: ask, Text: "the CEO's mood", Role: "ic"},                            // 4
		{Kind: ask, Text: "HIDDEN ask", Role: "ic"},                                // 5
		{Kind: request, Answers: 2, Clue: "r1"}, {Kind: request, Answers: 3}, {Kind: decline, Answers: 4}, {Kind: hide, Event: 5},
		{Kind: answer, Text: "Fail over now", Role: "ic", Round: 1}, {Kind: answer, Text: "Wait for replication", Role: "oncall-db", Round: 1},
		{Kind: poll, ID: "failover", Question: "Fail over now?", Options: []string{"yes", "wait"}, Anonymous: true}}
	for i, o := range []string{"yes", "yes", "yes", "wait", "wait"} {
		events = append(events, Event{Kind: vote, Poll: "failover", Option: o, Ballot: strings.Repeat(string(rune('a'+i)), 32)})
	}
	events = append(events, Event{Kind: pollClose, Poll: "failover"}, Event{Kind: feedbackOpen},
		Event{Kind: feedback, Worked: "the runbook's first steps", Score: 4},
		Event{Kind: feedback, Broke: "nobody owned the status page", Action: "name a comms owner", Score: 3}, Event{Kind: End})
	for _, e := range events {
		cl.add(time.Minute)
		mustAppend(t, j, e)
	}
	st, _, err := Read(s, path)
	if err != nil {
		t.Fatal(err)
	}
	rec := st.Record()
	goldenfile.Check(t, filepath.Join("testdata", "eu-db-latency.room.record.toml"), rec, *update)
	if strings.Contains(string(rec), "HIDDEN") {
		t.Error("a hidden text is in the record")
	}
	file := filepath.Join(t.TempDir(), "r.toml")
	os.WriteFile(file, rec, 0o644)
	r, err := records.LoadRecord(file, s)
	if err != nil {
		t.Fatalf("the record does not read: %v", err)
	}
	if len(r.Asks) != 3 || r.Asks[0].Card != "r1" || r.Asks[2].Answer != "declined" || len(r.Polls) != 1 || r.Polls[0].Agreement != 60 ||
		r.HotWash.Count != 2 || len(r.Findings.AskedNoCard) != 1 {
		t.Errorf("the record reads back as %+v %+v %+v %+v", r.Asks, r.Polls, r.HotWash, r.Findings.AskedNoCard)
	}
	md := string(report.Markdown(s, r))
	for _, want := range []string{"What the room said", "Fail over now? 3 of 5 yes, Unified (60%)", "the DPO's phone number", "name a comms owner", "Wait for replication"} {
		if !strings.Contains(md, want) {
			t.Errorf("the report does not say %q:\n%s", want, md)
		}
	}
}
