package session

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	goldenfile "github.com/propdeck/propdeck/internal/golden"
	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/report"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestRecordFromTheJournal: a scripted session's journal becomes a record
// that reads like one typed by hand (the golden file), that the record
// checks accept, and that report turns into a report naming what the
// room did.
func TestRecordFromTheJournal(t *testing.T) {
	s := example(t, "eu-db-latency")
	cl := &clock{time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)}
	j, path := newJournal(t, s, cl)
	ic := s.Rounds()[0].Expect[0]
	for _, e := range []Event{{Kind: start}, {Kind: reveal, Clue: "c01"}, {Kind: note, Tag: "confusion", Text: "Who declares the incident?"},
		{Kind: rating, Role: ic.Role, Action: ic.Action, Rating: "met"}, {Kind: request, Ask: "replica lag dashboard", Clue: "r1"},
		{Kind: request, Ask: "the on-call rota"}, {Kind: complication, Card: "people-2"},
		{Kind: contingency, Clue: "x1", Fired: yes()}, {Kind: decision, Text: "Do not fail over yet", Who: "ic", Rationale: "the replica lags"},
		{Kind: note, Tag: "should-have", Text: "a lag alert"}, {Kind: End}} {
		cl.add(2 * time.Minute)
		mustAppend(t, j, e)
	}
	st, _, err := Read(s, path)
	if err != nil {
		t.Fatal(err)
	}
	rec := st.Record()
	goldenfile.Check(t, filepath.Join("testdata", "eu-db-latency.record.toml"), rec, *update)
	file := filepath.Join(t.TempDir(), "r.toml")
	os.WriteFile(file, rec, 0o644)
	r, err := records.LoadRecord(file, s)
	if err != nil {
		t.Fatalf("the record does not read: %v", err)
	}
	md := string(report.Markdown(s, r))
	for _, want := range []string{"handed out c01", "contingency fired, x1", "asked for the on-call rota: no card", "Do not fail over yet", "Who declares the incident?", "a lag alert", "Never asked for", "`r2`"} {
		if !strings.Contains(md, want) {
			t.Errorf("the report does not say %q", want)
		}
	}
}

// TestHostileTextStaysText: what the room typed reaches the record as
// TOML strings and the report as text, whatever it holds.
func TestHostileTextStaysText(t *testing.T) {
	s := example(t, "eu-db-latency")
	cl := &clock{time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)}
	j, path := newJournal(t, s, cl)
	hostile := "x\"\n[[actions]]\ntitle = \"pwned\"\n# <script>alert(1)</script> =1+1 | *b* [l](javascript:x)"
	if _, err := Decode(s, []byte(`{"kind":"note","text":"red \u001b[31m"}`), false); err == nil {
		t.Error("a terminal escape was taken into the journal")
	}
	for _, e := range []Event{{Kind: start}, {Kind: note, Tag: "confusion", Text: hostile}, {Kind: request, Ask: hostile}, {Kind: decision, Text: hostile, Rationale: hostile}} {
		cl.add(time.Minute)
		mustAppend(t, j, e)
	}
	st, _, err := Read(s, path)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "r.toml")
	os.WriteFile(file, st.Record(), 0o644)
	r, err := records.LoadRecord(file, s)
	if err != nil {
		t.Fatalf("the record does not read: %v", err)
	}
	if len(r.Actions) != 0 || len(r.Findings.Confusion) != 1 || r.Findings.Confusion[0] != hostile {
		t.Errorf("the text did not come back as itself: %+v", r.Findings)
	}
	md := string(report.Markdown(s, r))
	if strings.Contains(md, "<script>") || strings.Contains(md, "\x1b") || strings.Contains(md, "\n[[actions]]") {
		t.Errorf("hostile text became markup in the report:\n%s", md)
	}
}
