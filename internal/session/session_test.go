package session

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/written"
)

func example(t testing.TB, name string) *scenarios.Session {
	t.Helper()
	s, err := examples.LoadExample(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// clock is a wall clock a test moves by hand.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

func (c *clock) add(d time.Duration) { c.now = c.now.Add(d) }

func newJournal(t *testing.T, s *scenarios.Session, c *clock) (*Journal, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s.journal.jsonl")
	j, err := Open(s, path, c.Now)
	if err != nil {
		t.Fatal(err)
	}
	return j, path
}

func mustAppend(t *testing.T, j *Journal, e Event) Event {
	t.Helper()
	got, err := j.Append(e)
	if err != nil {
		t.Fatalf("%+v: %v", e, err)
	}
	return got
}

func yes() *bool { b := true; return &b }

// TestReplayIsTheState: a session's state, after a restart from its
// journal, is the state it had; the clock excludes pauses.
func TestReplayIsTheState(t *testing.T) {
	s := example(t, "eu-db-latency")
	c := &clock{time.Date(2026, 12, 1, 14, 7, 0, 0, time.UTC)}
	j, path := newJournal(t, s, c)
	mustAppend(t, j, Event{Kind: start})
	c.add(5 * time.Minute)
	mustAppend(t, j, Event{Kind: reveal, Clue: "c01"})
	mustAppend(t, j, Event{Kind: pause})
	c.add(10 * time.Minute)
	mustAppend(t, j, Event{Kind: resume})
	c.add(time.Minute)
	mustAppend(t, j, Event{Kind: note, Tag: "confusion", Text: "who is IC?"})
	before := j.State()
	if got := before.Clock(c.now); got != 360 {
		t.Errorf("clock %v s, want 360 (the pause excluded)", got)
	}
	j.Close()
	again, err := Open(s, path, c.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	after := again.State()
	a, _ := json.Marshal(before.Facilitator(c.now))
	b, _ := json.Marshal(after.Facilitator(c.now))
	if string(a) != string(b) {
		t.Errorf("the replayed state differs:\n%s\n%s", a, b)
	}
}

// TestCutLineIsDropped: a journal whose last line a crash cut short is
// read without it, and opens with that line dropped, said in the
// session's language, and the file trimmed.
func TestCutLineIsDropped(t *testing.T) {
	for _, tc := range []struct{ scenario, read, dropped string }{
		{"eu-db-latency", "line 2 was cut short (the process was killed while writing it); it is left out", "line 2 was cut short (the process was killed while writing it); it is dropped"},
		{"cert-expiry-ko", "2번째 줄이 잘려 있음 (쓰는 도중에 프로세스가 죽음); 그 줄은 빼고 읽으며", "2번째 줄이 잘려 있음 (쓰는 도중에 프로세스가 죽음); 그 줄은 지움"},
	} {
		cutLineIsDropped(t, example(t, tc.scenario), tc.read, tc.dropped)
	}
}

func cutLineIsDropped(t *testing.T, s *scenarios.Session, read, dropped string) {
	c := &clock{time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	j, path := newJournal(t, s, c)
	mustAppend(t, j, Event{Kind: start})
	j.Close()
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"seq":2,"at":"2026-12-01T14:01:00Z","t":60,"kind":"rev`)
	f.Close()
	if _, note, err := Read(s, path); err != nil || !strings.Contains(note, read) {
		t.Errorf("read: note %q, %v", note, err)
	}
	again, err := Open(s, path, c.Now)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(again.Note, dropped) || again.State().Seq != 1 {
		t.Errorf("note %q, seq %d", again.Note, again.State().Seq)
	}
	mustAppend(t, again, Event{Kind: pause})
	data, _ := os.ReadFile(path)
	if n := strings.Count(string(data), "\n"); n != 2 || strings.Contains(string(data), `"rev`) {
		t.Errorf("journal after the cut:\n%s", data)
	}
}

// TestBadEventsAreRefused: each wrong event is refused with its reason,
// nothing is written, and a bad journal line is an error at its line.
func TestBadEventsAreRefused(t *testing.T) {
	s := example(t, "eu-db-latency")
	for _, tc := range []struct{ json, want string }{
		{`{"kind":"reveel","clue":"c01"}`, `unknown kind "reveel" (did you mean "reveal"?)`},
		{`{"kind":"reveal","clue":"c01","note":"x"}`, `reveal: unknown field "note"`},
		{`{"kind":"reveal","clue":"c1"}`, `reveal: no clue "c1"`},
		{`{"kind":"contingency","clue":"c01","fired":true}`, `contingency: no clue "c01"`},
		{`{"kind":"contingency","clue":"x1"}`, `fired must be true or false`},
		{`{"kind":"rating","role":"ic","action":"nope","rating":"met"}`, `no expected action "nope"`},
		{`{"kind":"rating","role":"ic","action":"x","rating":"good"}`, `"good" is not one of`},
		{`{"kind":"note","tag":"confused","text":"x"}`, `unknown tag "confused"`},
		{`{"kind":"complication","card":"people-99"}`, `no card "people-99"`},
		{`{"kind":"start","seq":7}`, `unknown field "seq"`},
		{`[1]`, `not a JSON object`},
	} {
		_, err := Decode(s, []byte(tc.json), false)
		var de *DecodeError
		if !errors.As(err, &de) || !strings.Contains(de.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.json, err, tc.want)
		}
	}
	c := &clock{time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	j, path := newJournal(t, s, c)
	if _, err := j.Append(Event{Kind: reveal, Clue: "c01"}); err == nil {
		t.Error("a card handed out before the start")
	}
	mustAppend(t, j, Event{Kind: start})
	mustAppend(t, j, Event{Kind: reveal, Clue: "c01"})
	var se *StateError
	if _, err := j.Append(Event{Kind: reveal, Clue: "c01"}); !errors.As(err, &se) {
		t.Errorf("a card handed out twice: %v", err)
	}
	j.Close()
	data, _ := os.ReadFile(path)
	os.WriteFile(path, append(data, []byte(`{"seq":3,"at":"2026-12-01T14:00:00Z","t":0,"kind":"reveal","clue":"zz"}`+"\n")...), 0o644)
	if _, err := Open(s, path, c.Now); err == nil || !strings.Contains(err.Error(), "s.journal.jsonl:3:") || !strings.Contains(err.Error(), `no clue "zz"`) {
		t.Errorf("a bad line: %v", err)
	}
}

// TestDueCardsAndContingencies: timed cards come due at their time, wait
// through a pause, leave when handed out; a fired contingency takes the
// place of the card it replaces.
func TestDueCardsAndContingencies(t *testing.T) {
	s := example(t, "eu-db-latency")
	c := &clock{time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	j, _ := newJournal(t, s, c)
	mustAppend(t, j, Event{Kind: start})
	due := func() []string {
		var ids []string
		for _, p := range j.State().Facilitator(c.now).Due {
			ids = append(ids, p.ID)
		}
		return ids
	}
	first := due()
	if len(first) == 0 {
		t.Fatal("nothing due at T+0")
	}
	mustAppend(t, j, Event{Kind: pause})
	c.add(2 * time.Hour)
	if got := due(); strings.Join(got, ",") != strings.Join(first, ",") {
		t.Errorf("a pause let cards come due: %v, then %v", first, got)
	}
	mustAppend(t, j, Event{Kind: resume})
	mustAppend(t, j, Event{Kind: reveal, Clue: first[0]})
	for _, id := range due() {
		if id == first[0] {
			t.Errorf("%s is still due after it was handed out", id)
		}
	}
	var x scenarios.Reveal
	for _, rv := range s.Timeline().Of(written.Contingent) {
		if rv.Clue.Replaces != "" {
			x = rv
		}
	}
	if x.Clue == nil {
		t.Skip("the example has no replacing contingency")
	}
	c.add(x.At())
	mustAppend(t, j, Event{Kind: contingency, Clue: x.Clue.ID, Fired: yes()})
	for _, id := range due() {
		if id == x.Clue.Replaces {
			t.Errorf("%s is due though %s fired in its place", id, x.Clue.ID)
		}
	}
}

// TestBadTextSaysWhichText: text the room typed with a character no
// deck prints is refused naming the text, in the session's language.
func TestBadTextSaysWhichText(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ scenario, want string }{
		{"eu-db-latency", "note: the text has a control character: U+0007"},
		{"cert-expiry-ko", "note: 글에 제어 문자"},
	} {
		s := example(t, tc.scenario)
		_, err := Decode(s, []byte(`{"kind":"note","text":"a\u0007b"}`), false)
		if err == nil || !strings.Contains(text.In(err, s.Meta().Language), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.scenario, err, tc.want)
		}
	}
}
