package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestRoomEventsDecode: each room event's shape is held at the decoder,
// with the scenario text rules and did-you-mean.
func TestRoomEventsDecode(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	long := strings.Repeat("x", maxText+1)
	for _, c := range []struct{ name, line string }{
		{"ask without text", `{"kind":"ask","role":"ic"}`},
		{"ask of no role", `{"kind":"ask","text":"x","role":"icc"}`},
		{"ask too long", `{"kind":"ask","text":"` + long + `","role":"ic"}`},
		{"ask with a control", `{"kind":"ask","text":"a\u001b[2J","role":"ic"}`},
		{"answer of round 9", `{"kind":"answer","text":"x","role":"ic","round":9}`},
		{"vote with role and ballot", `{"kind":"vote","poll":"p","option":"a","role":"ic","ballot":"0123456789abcdef0123456789abcdef"}`},
		{"vote with neither", `{"kind":"vote","poll":"p","option":"a"}`},
		{"vote of confidence 6", `{"kind":"vote","poll":"p","option":"a","role":"ic","confidence":6}`},
		{"vote with a device", `{"kind":"vote","poll":"p","option":"a","role":"ic","device":"d"}`},
		{"feedback empty", `{"kind":"feedback","score":3}`},
		{"feedback with a token", `{"kind":"feedback","worked":"x","token":"t"}`},
		{"poll of one option", `{"kind":"poll","id":"p","question":"q","options":["a"]}`},
		{"poll of twice one option", `{"kind":"poll","id":"p","question":"q","options":["a","a"]}`},
		{"poll of a bad id", `{"kind":"poll","id":"P Q","question":"q","options":["a","b"]}`},
		{"hide of nothing", `{"kind":"hide"}`},
		{"decline of nothing", `{"kind":"decline"}`},
		{"show of both", `{"kind":"show","card":"k1","event":3}`},
	} {
		if _, err := Decode(s, []byte(c.line), false); err == nil {
			t.Errorf("%s: decoded", c.name)
		} else if de := (*DecodeError)(nil); !errors.As(err, &de) {
			t.Errorf("%s: %T %v", c.name, err, err)
		}
	}
}

// TestRoomState: asks answered once, by a card, no card or a decline;
// votes only in an open poll, a role's or a ballot's as the poll is, the
// later replacing the earlier; a named role only in a named hot wash;
// hide and show of what they may name.
func TestRoomState(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	c := &clock{time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	j, _ := newJournal(t, s, c)
	defer j.Close()
	mustAppend(t, j, Event{Kind: start})
	a1 := mustAppend(t, j, Event{Kind: ask, Text: "replica lag?", Role: "oncall-db"})
	a2 := mustAppend(t, j, Event{Kind: ask, Text: "who has the DPO's number", Role: "comms"})
	mustAppend(t, j, Event{Kind: request, Answers: a1.Seq, Clue: "r1"})
	refused := func(e Event) {
		t.Helper()
		var se *StateError
		if _, err := j.Append(e); !errors.As(err, &se) {
			t.Errorf("%+v: %v", e, err)
		}
	}
	refused(Event{Kind: decline, Answers: a1.Seq})
	refused(Event{Kind: request, Answers: 1})
	mustAppend(t, j, Event{Kind: request, Answers: a2.Seq})
	mustAppend(t, j, Event{Kind: poll, ID: "failover", Question: "Fail over now?", Options: []string{"yes", "wait"}, Roles: []string{"ic", "oncall-db"}})
	mustAppend(t, j, Event{Kind: poll, ID: "all", Question: "Backups tested?", Options: []string{"yes", "no"}, Anonymous: true})
	refused(Event{Kind: poll, ID: "all", Question: "again", Options: []string{"a", "b"}})
	refused(Event{Kind: vote, Poll: "failover", Option: "no", Role: "ic"})
	refused(Event{Kind: vote, Poll: "failover", Option: "yes", Role: "comms"})
	refused(Event{Kind: vote, Poll: "all", Option: "yes", Role: "comms"})
	refused(Event{Kind: vote, Poll: "failover", Option: "yes", Ballot: strings.Repeat("a", 32)})
	mustAppend(t, j, Event{Kind: vote, Poll: "failover", Option: "yes", Role: "ic"})
	mustAppend(t, j, Event{Kind: vote, Poll: "failover", Option: "wait", Role: "oncall-db"})
	mustAppend(t, j, Event{Kind: vote, Poll: "failover", Option: "wait", Role: "ic", Confidence: 2})
	mustAppend(t, j, Event{Kind: vote, Poll: "all", Option: "no", Ballot: strings.Repeat("b", 32)})
	if got := j.State().ballots("failover"); len(got) != 2 || got[0].Option != "wait" || got[0].Confidence != 2 {
		t.Errorf("ballots: %+v", got)
	}
	mustAppend(t, j, Event{Kind: pollClose, Poll: "failover"})
	refused(Event{Kind: vote, Poll: "failover", Option: "yes", Role: "ic"})
	refused(Event{Kind: pollClose, Poll: "failover"})
	refused(Event{Kind: feedback, Worked: "x", Role: "ic"})
	fb := mustAppend(t, j, Event{Kind: feedback, Worked: "the drill", Score: 4})
	ans := mustAppend(t, j, Event{Kind: answer, Text: "fail over", Role: "ic", Round: 1})
	refused(Event{Kind: show, Event: fb.Seq})
	mustAppend(t, j, Event{Kind: show, Event: ans.Seq})
	mustAppend(t, j, Event{Kind: hide, Event: ans.Seq})
	if j.State().ShownEvent != 0 {
		t.Error("a hidden answer stays on the screen")
	}
	refused(Event{Kind: hide, Event: ans.Seq})
	refused(Event{Kind: hide, Event: 1})
	mustAppend(t, j, Event{Kind: feedbackOpen, Named: true})
	refused(Event{Kind: feedbackOpen})
	mustAppend(t, j, Event{Kind: feedback, Broke: "paging", Role: "comms"})
}

// TestRoomBounds: a role's asks and answers stop at maxPerRole.
func TestRoomBounds(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	c := &clock{time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	j, _ := newJournal(t, s, c)
	defer j.Close()
	mustAppend(t, j, Event{Kind: start})
	for range maxPerRole {
		mustAppend(t, j, Event{Kind: ask, Text: "x", Role: "ic"})
	}
	var le *LimitError
	if _, err := j.Append(Event{Kind: answer, Text: "x", Role: "ic"}); !errors.As(err, &le) {
		t.Errorf("past the bound: %v", err)
	}
	mustAppend(t, j, Event{Kind: answer, Text: "x", Role: "comms"})
}

// TestRoomViews: a role sees its own asks and answers, no view sees a
// vote before its poll closes (only how many), a hidden text reaches the
// facilitator's view alone, marked, and a closed poll says its
// distribution and agreement.
func TestRoomViews(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	c := &clock{time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	j, _ := newJournal(t, s, c)
	defer j.Close()
	mustAppend(t, j, Event{Kind: start})
	a := mustAppend(t, j, Event{Kind: ask, Text: "we check the replica lag dashboard", Role: "oncall-db"})
	mustAppend(t, j, Event{Kind: answer, Text: "SECRET-ANSWER", Role: "comms"})
	hidden := mustAppend(t, j, Event{Kind: answer, Text: "HIDDEN-TEXT", Role: "oncall-db"})
	mustAppend(t, j, Event{Kind: hide, Event: hidden.Seq})
	mustAppend(t, j, Event{Kind: poll, ID: "p", Question: "Fail over now?", Options: []string{"yes", "wait"}})
	for _, r := range []string{"ic", "oncall-db", "comms"} {
		mustAppend(t, j, Event{Kind: vote, Poll: "p", Option: map[bool]string{true: "yes", false: "wait"}[r != "comms"], Role: r, Confidence: 4})
	}
	st := j.State()
	f := st.Facilitator(c.now)
	if len(f.Room.Asks) != 1 || f.Room.Asks[0].Suggest != "r1" {
		t.Errorf("the facilitator's asks: %+v", f.Room.Asks)
	}
	if len(f.Room.Answers) != 2 || !f.Room.Answers[1].Hidden {
		t.Errorf("the facilitator's answers: %+v", f.Room.Answers)
	}
	views := map[string]any{"facilitator": f, "screen": st.Screen(c.now), "scribe": st.Scribe(c.now), "db": st.Player(c.now, "oncall-db")}
	for name, v := range views {
		data, _ := json.Marshal(v)
		if bytes.Contains(data, []byte(`"results"`)) || bytes.Contains(data, []byte(`"option"`)) {
			t.Errorf("%s sees votes of an open poll: %s", name, data)
		}
		if name != "facilitator" && bytes.Contains(data, []byte("HIDDEN-TEXT")) {
			t.Errorf("%s sees a hidden text", name)
		}
		if name == "db" && (bytes.Contains(data, []byte("SECRET-ANSWER")) || !bytes.Contains(data, []byte(a.Text))) {
			t.Errorf("a role sees another's answer, or not its ask: %s", data)
		}
	}
	mustAppend(t, j, Event{Kind: pollClose, Poll: "p"})
	p := j.State().Screen(c.now).Polls[0]
	if p.Votes != 3 || p.Top != "yes" || p.Agreement != 66 || !p.Unified || p.Results[0].Confidence != 4 {
		t.Errorf("closed: %+v", p)
	}
}

// TestScreenKeepsTheResult: a closed poll's result stays on the screen
// beside the next open poll until the facilitator clears the screen; a
// complication shown or cleared and a result put back leave each other
// alone, so that the room discusses a result after the next poll opens.
func TestScreenKeepsTheResult(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	c := &clock{time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	j, _ := newJournal(t, s, c)
	defer j.Close()
	mustAppend(t, j, Event{Kind: start})
	for _, id := range []string{"a", "b"} {
		mustAppend(t, j, Event{Kind: poll, ID: id, Question: "Fail over now?", Options: []string{"yes", "wait"}})
		mustAppend(t, j, Event{Kind: vote, Poll: id, Option: "yes", Role: "ic"})
	}
	closeA := mustAppend(t, j, Event{Kind: pollClose, Poll: "a"})
	mustAppend(t, j, Event{Kind: poll, ID: "c", Question: "Page the vendor?", Options: []string{"yes", "no"}})
	drawn := mustAppend(t, j, Event{Kind: complication, Card: s.ComplicationCards()[0].ID})
	screen := func() string {
		var out []string
		for _, p := range j.State().Screen(c.now).Polls {
			out = append(out, p.ID+map[bool]string{true: " open", false: " result"}[p.Open])
		}
		return strings.Join(out, ", ")
	}
	for _, step := range []struct {
		name  string
		event *Event
		want  string
	}{
		{"a closed, b and c open", nil, "c open, b open, a result"},
		{"a complication shown leaves the result", &Event{Kind: show, Card: drawn.Card}, "c open, b open, a result"},
		{"b closed takes a's place", &Event{Kind: pollClose, Poll: "b"}, "c open, b result"},
		{"the screen cleared", &Event{Kind: show}, "c open"},
		{"a's result put back", &Event{Kind: show, Event: closeA.Seq}, "c open, a result"},
		{"c closed", &Event{Kind: pollClose, Poll: "c"}, "c result"},
	} {
		if step.event != nil {
			mustAppend(t, j, *step.event)
		}
		if got := screen(); got != step.want {
			t.Errorf("%s: the screen's polls are %q, want %q", step.name, got, step.want)
		}
	}
	st := j.State()
	if st.Shown != "" {
		t.Errorf("the complication is still on the screen after it was cleared: %q", st.Shown)
	}
	if err := st.allowed(Event{Kind: show, Event: drawn.Seq}); err == nil {
		t.Error("a show names a complication's draw as its event")
	}
	for _, p := range st.Facilitator(c.now).Room.Polls {
		if p.OnScreen != (p.ID == "c") || p.Closed == 0 {
			t.Errorf("the facilitator's poll %s: on the screen %v, closed at %d", p.ID, p.OnScreen, p.Closed)
		}
	}
}
