package ideas

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/premortem"
)

// run posts events to a new journal and fails on a refusal.
func run(t *testing.T, j *Journal, events ...string) []Event {
	t.Helper()
	var out []Event
	for _, raw := range events {
		e, err := Decode([]byte(raw), false)
		if err == nil {
			e, err = j.Append(e)
		}
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		out = append(out, e)
	}
	return out
}

func clock() func() time.Time {
	at := time.Date(2026, 12, 6, 20, 0, 0, 0, time.UTC)
	return func() time.Time { at = at.Add(time.Second); return at }
}

var room = Room{Lang: "en", Prompt: "Six months from now the worst outage just ended. How?", Dots: 3}

// TestARoomReplaysToItsRecord: a premortem's events replay to the same
// state, refuse what their phase does not take, and end in a record the
// premortem reader takes and starters that validate.
func TestARoomReplaysToItsRecord(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "p.ideas.jsonl")
	j, err := Open(path, "en", clock())
	if err != nil {
		t.Fatal(err)
	}
	run(t, j, `{"kind":"phase","phase":"prompt"}`, `{"kind":"phase","phase":"writing","timer":600}`)
	ideas := run(t, j, `{"kind":"idea","text":"The DNS change took the resolvers down"}`, `{"kind":"idea","text":"A DNS change broke the resolvers"}`,
		`{"kind":"idea","text":"Nobody owned the certificate"}`, `{"kind":"idea","text":"rude words"}`)
	for _, bad := range []string{`{"kind":"vote","target":"x"}`, `{"kind":"phase","phase":"prompt"}`, `{"kind":"idea","text":"x","id":"i1"}`} {
		if e, err := Decode([]byte(bad), false); err == nil {
			if _, err := j.Append(e); err == nil {
				t.Errorf("%s was taken", bad)
			}
		}
	}
	run(t, j, `{"kind":"phase","phase":"reveal"}`, `{"kind":"hide","target":"`+ideas[3].ID+`"}`, `{"kind":"reveal"}`, `{"kind":"phase","phase":"group"}`)
	if v := j.State().ViewFor(room, Count{}, false); len(v.Suggested) != 1 {
		t.Errorf("suggested %v, want the two DNS ideas", v.Suggested)
	}
	g := run(t, j, `{"kind":"group","title":"DNS","ideas":["`+ideas[0].ID+`","`+ideas[1].ID+`"]}`)[0]
	run(t, j, `{"kind":"phase","phase":"vote"}`, `{"kind":"vote","target":"`+g.ID+`"}`, `{"kind":"vote","target":"`+ideas[2].ID+`"}`,
		`{"kind":"phase","phase":"place"}`, `{"kind":"place","target":"`+g.ID+`","impact":3,"likelihood":2,"class":"tiger"}`,
		`{"kind":"phase","phase":"pick"}`, `{"kind":"pick","target":"`+g.ID+`","owner":"Dana","due":"2027-01-15","signals":["resolver errors"]}`,
		`{"kind":"pick","target":"`+ideas[2].ID+`","owner":"Kim"}`, `{"kind":"end"}`)
	j.Close()
	schemaHolds(t, path)
	st, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range st.Events {
		if (e.Kind == KindIdea || e.Kind == KindVote) && !e.At.Equal(phaseStart(st, e)) {
			t.Errorf("%s %s at %v, not its phase's start", e.Kind, e.ID, e.At)
		}
	}
	rec := st.Record(room, "2026-12-06")
	picks, err := premortem.ParsePicks("rec.toml", rec, cards.Printing)
	if err != nil || len(picks) != 2 {
		t.Fatalf("%d picks, %v\n%s", len(picks), err, rec)
	}
	if strings.Contains(string(rec), "rude words") {
		t.Error("the hidden idea is in the record")
	}
	files, err := premortem.Starters(premortem.StarterRequest{Record: "rec.toml", Data: rec, Dir: t.TempDir(), Lang: "en"})
	if err != nil || len(files) != 3 {
		t.Fatalf("%d files, %v", len(files), err)
	}
	md := string(Markdown(st.Summary(room, "2026-12-06")))
	for _, want := range []string{"Dana", "DNS", "impact 3 of 3"} {
		if !strings.Contains(md, want) {
			t.Errorf("summary lacks %q:\n%s", want, md)
		}
	}
}

// TestACutLineIsDropped: a line a kill cut short goes, the rest replays.
func TestACutLineIsDropped(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "p.ideas.jsonl")
	line := `{"seq":1,"at":"2026-12-06T20:00:00Z","kind":"phase","phase":"prompt"}` + "\n"
	if err := os.WriteFile(path, []byte(line+`{"seq":2,"at":"2026-12-06T`), 0o600); err != nil {
		t.Fatal(err)
	}
	j, err := Open(path, "en", clock())
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	if j.Note == "" || j.State().Seq != 1 {
		t.Errorf("note %q, seq %d", j.Note, j.State().Seq)
	}
	if data, _ := os.ReadFile(path); string(data) != line {
		t.Errorf("the file holds %q", data)
	}
}

// spoilers names what a view shows before its time: an idea's text
// before the reveal, a dot's target before the vote closed.
func spoilers(v View, texts []string) []string {
	data, _ := json.Marshal(v)
	var out []string
	if !v.Revealed {
		for _, s := range texts {
			if strings.Contains(string(data), s) {
				out = append(out, "text "+s)
			}
		}
	}
	if (v.Phase == "vote" || v.Phase == "group" || v.Phase == "reveal") && len(v.Votes) > 0 {
		out = append(out, "votes")
	}
	return out
}

// TestNoSpoilersInTheViews: the screen's and a participant's view hold
// no text before the reveal and no dots before the vote closes; the
// check itself fails a view that does (the mutation check: a view built
// as if the rule were broken).
func TestNoSpoilersInTheViews(t *testing.T) {
	t.Parallel()
	j, err := Open(filepath.Join(t.TempDir(), "p.ideas.jsonl"), "en", clock())
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	texts := []string{"secret one", "secret two"}
	run(t, j, `{"kind":"phase","phase":"writing"}`, `{"kind":"idea","text":"secret one"}`, `{"kind":"idea","text":"secret two"}`, `{"kind":"phase","phase":"reveal"}`)
	if s := spoilers(j.State().ViewFor(room, Count{}, false), texts); len(s) > 0 {
		t.Errorf("before the reveal: %v", s)
	}
	broken := j.State()
	broken.Revealed = true // the rule broken: the view holds the texts
	v := broken.ViewFor(room, Count{}, false)
	v.Revealed = false
	if len(spoilers(v, texts)) == 0 {
		t.Error("the check missed texts shown before the reveal")
	}
	st := j.State()
	run(t, j, `{"kind":"reveal"}`, `{"kind":"phase","phase":"vote"}`, `{"kind":"vote","target":"`+st.Ideas[0].ID+`"}`)
	if s := spoilers(j.State().ViewFor(room, Count{}, false), nil); len(s) > 0 {
		t.Errorf("during the vote: %v", s)
	}
	broken = j.State()
	broken.Phase = "place" // the rule broken: the vote counted as closed
	v = broken.ViewFor(room, Count{}, false)
	v.Phase = "vote"
	if len(spoilers(v, nil)) == 0 {
		t.Error("the check missed dots shown during the vote")
	}
}

// schemaHolds: the shipped schema is this one, every line of the journal
// validates against it, and a line with a stray field (an author) does not.
func schemaHolds(t *testing.T, path string) {
	t.Helper()
	shipped, err := os.ReadFile("../../schema/ideas.schema.json")
	if err != nil || !bytes.Equal(shipped, Schema()) {
		t.Fatalf("schema/ideas.schema.json is not current: run propdeck schema --ideas > schema/ideas.schema.json")
	}
	doc, _ := jsonschema.UnmarshalJSON(bytes.NewReader(shipped))
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("ideas.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("ideas.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	for _, line := range append(lines, `{"seq":1,"at":"2026-12-01T14:00:00Z","kind":"idea","id":"i0000abcd","text":"x","device":"d1"}`) {
		var v any
		_ = json.Unmarshal([]byte(line), &v)
		if err := sch.Validate(v); (err != nil) != strings.Contains(line, "device") {
			t.Errorf("%s: %v", line, err)
		}
	}
}

// phaseStart is the at of the phase event an event came in.
func phaseStart(st *State, e Event) time.Time {
	var at time.Time
	for _, p := range st.Events {
		if p.Seq > e.Seq {
			break
		}
		if p.Kind == KindPhase {
			at = p.At
		}
	}
	return at
}

// FuzzDecode: the event decoder never panics, and an event it accepts
// from a page encodes and decodes to itself.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{`{"kind":"idea","text":"x"}`, `{"kind":"phase","phase":"vote","timer":60}`, `{"kind":"pick","target":"i1","signals":["a"]}`, `{"kind":"group","title":"t","ideas":["i1"]}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := Decode(data, false)
		if err != nil {
			return
		}
		again, _ := json.Marshal(e)
		if _, err := Decode(again, true); err != nil {
			t.Errorf("%s decoded, %s does not: %v", data, again, err)
		}
	})
}

// TestNotesInThePremortemsLanguage: what opening a journal says (a cut
// line dropped, a mode tightened) and what its replay refuses come in the
// premortem's language.
func TestNotesInThePremortemsLanguage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	line := `{"seq":1,"at":"2026-12-06T20:00:00Z","kind":"phase","phase":"prompt"}` + "\n"
	cut, bad := filepath.Join(dir, "cut.ideas.jsonl"), filepath.Join(dir, "bad.ideas.jsonl")
	os.WriteFile(cut, []byte(line+`{"seq":2`), 0o644)
	os.Chmod(cut, 0o644)
	os.WriteFile(bad, []byte(line+`{"seq":2,"at":"2026-12-06T20:00:00Z","kind":"nope"}`+"\n"), 0o600)
	j, err := Open(cut, "ko", clock())
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	if !strings.Contains(j.Note, "2번째 줄") || !strings.Contains(j.Note, "본인만 읽을 수 있게") {
		t.Errorf("the notes of a Korean premortem: %q", j.Note)
	}
	if _, err := Open(bad, "ko", clock()); err == nil || !strings.Contains(err.Error(), "bad.ideas.jsonl:2: ") || !hasHangul(err.Error()) {
		t.Errorf("a Korean premortem's refused line: %v", err)
	}
}

func hasHangul(s string) bool {
	for _, r := range s {
		if r >= 0xAC00 && r <= 0xD7A3 {
			return true
		}
	}
	return false
}
