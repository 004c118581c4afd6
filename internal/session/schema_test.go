package session

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestSchemaIsCurrentAndHoldsJournals: the shipped schema is this one,
// every line of a real journal validates against it, and a line of an
// unknown kind or with a stray field does not.
func TestSchemaIsCurrentAndHoldsJournals(t *testing.T) {
	shipped, err := os.ReadFile("../../schema/journal.schema.json")
	if err != nil || !bytes.Equal(shipped, Schema()) {
		t.Fatalf("schema/journal.schema.json is not current: run propdeck schema --journal > schema/journal.schema.json")
	}
	doc, _ := jsonschema.UnmarshalJSON(bytes.NewReader(shipped))
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("journal.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("journal.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	s := example(t, "eu-db-latency")
	cl := &clock{time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	j, path := newJournal(t, s, cl)
	for _, e := range []Event{{Kind: start, Pace: 2}, {Kind: reveal, Clue: "c01"}, {Kind: contingency, Clue: "x1", Fired: yes()},
		{Kind: request, Ask: "replica lag dashboard"}, {Kind: complication, Card: "people-1"},
		{Kind: rating, Role: "ic", Action: s.Rounds()[0].Expect[0].Action, Rating: "met", Observed: "T+3m"},
		{Kind: note, Tag: "confusion", Text: "who is IC"}, {Kind: decision, Text: "fail over", Who: "ic", Options: []string{"wait", "fail over"}},
		{Kind: ask, Text: "lag?", Role: "oncall-db"}, {Kind: request, Answers: 9, Clue: "r1"}, {Kind: answer, Text: "wait", Role: "ic", Round: 1},
		{Kind: poll, ID: "p", Question: "now?", Options: []string{"yes", "no"}, Anonymous: true},
		{Kind: vote, Poll: "p", Option: "no", Confidence: 3, Ballot: strings.Repeat("ab", 16)}, {Kind: pollClose, Poll: "p"},
		{Kind: hide, Event: 11}, {Kind: feedbackOpen, Named: true}, {Kind: feedback, Worked: "x", Score: 5, Role: "ic"},
		{Kind: ask, Text: "who?", Role: "comms"}, {Kind: decline, Answers: 18, Text: "not in this exercise"},
		{Kind: pause}, {Kind: resume}, {Kind: End}} {
		cl.add(time.Minute)
		mustAppend(t, j, e)
	}
	data, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	both := `{"seq":1,"at":"2026-12-01T14:00:00Z","t":0,"kind":"vote","poll":"p","option":"no","role":"ic","ballot":"` + strings.Repeat("ab", 16) + `"}`
	for _, line := range append(lines, `{"seq":1,"at":"2026-12-01T14:00:00Z","t":0,"kind":"reveal","clue":"c01","note":"x"}`, `{"seq":1,"at":"2026-12-01T14:00:00Z","t":0,"kind":"rewind"}`, both) {
		var v any
		json.Unmarshal([]byte(line), &v)
		err := sch.Validate(v)
		bad := strings.Contains(line, `"note":"x"`) || strings.Contains(line, "rewind") || line == both
		if (err != nil) != bad {
			t.Errorf("%s: %v", line, err)
		}
	}
}

// FuzzDecode: the event decoder never panics, and an event it accepts
// encodes and decodes to itself.
func FuzzDecode(f *testing.F) {
	s := example(f, "eu-db-latency")
	for _, seed := range []string{`{"kind":"reveal","clue":"c01"}`, `{"kind":"note","tag":"confusion","text":"x"}`, `{"kind":"contingency","clue":"x1","fired":false}`, `{"kind":"start","pace":30}`,
		`{"kind":"ask","text":"lag?","role":"ic"}`, `{"kind":"poll","id":"p","question":"q","options":["a","b"],"anonymous":true}`,
		`{"kind":"vote","poll":"p","option":"a","ballot":"0123456789abcdef0123456789abcdef"}`, `{"kind":"feedback","worked":"x","score":4}`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data string) {
		e, err := Decode(s, []byte(data), false)
		if err != nil {
			return
		}
		again, _ := json.Marshal(e)
		if back, err := Decode(s, again, true); err != nil || back.Kind != e.Kind || back.Clue != e.Clue || back.Text != e.Text {
			t.Fatalf("%s: came back as %s (%v)", data, again, err)
		}
	})
}

// TestReferenceNamesEveryKindAndField: the format reference's journal
// section names every event kind, field and note tag.
func TestReferenceNamesEveryKindAndField(t *testing.T) {
	data, err := os.ReadFile("../../docs/scenario-format.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	i := strings.Index(doc, "### The journal")
	if i < 0 {
		t.Fatal("the reference has no journal section")
	}
	section := doc[i:]
	if j := strings.Index(section, "\n## "); j > 0 {
		section = section[:j]
	}
	var names []string
	for k, fs := range fields {
		names = append(append(names, string(k)), fs...)
	}
	for _, name := range append(names, noteTags...) {
		if !strings.Contains(section, name) {
			t.Errorf("the reference's journal section does not name %q", name)
		}
	}
}
