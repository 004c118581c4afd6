package session

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

// The room's rules as a hostile player would try them, in the state
// that keeps them.

// TestAttackRoomBound: past 10,000 asks, answers, votes and feedback a
// session takes no more of any of them from anyone (a LimitError, 413 at
// the console); the facilitator still runs it.
func TestAttackRoomBound(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	j, _ := newJournal(t, s, &clock{time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)})
	defer j.Close()
	mustAppend(t, j, Event{Kind: start})
	mustAppend(t, j, Event{Kind: poll, ID: "p", Question: "q", Options: []string{"a", "b"}})
	st := j.State()
	st.Votes = make([]Event, maxRoom) // as many as 10,000 posts would leave
	var le *LimitError
	for _, e := range []Event{{Kind: ask, Text: "x", Role: "comms"}, {Kind: answer, Text: "x", Role: "ic"},
		{Kind: vote, Poll: "p", Option: "a", Role: "ic"}, {Kind: feedback, Worked: "x"}} {
		if err := st.allowedRoom(e); !errors.As(err, &le) {
			t.Errorf("%s past the bound: %v", e.Kind, err)
		}
	}
	if err := st.allowedRoom(Event{Kind: pollClose, Poll: "p"}); err != nil {
		t.Errorf("the facilitator past the room's bound: %v", err)
	}
}

// TestAttackFeedbackUnattributable: the journal stamps an anonymous
// feedback with the times of the event before it, and the record keeps
// its texts and score, never its role, time or seq, so that a
// reader cannot set it beside the named ask its author posted just
// before; no event the room posts is handed to the webhook, and a card
// that answers an ask is handed out alone.
func TestAttackFeedbackUnattributable(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	cl := &clock{time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	j, path := newJournal(t, s, cl)
	defer j.Close()
	room := []Event{{Kind: start},
		{Kind: ask, Text: "ASK just before", Role: "comms"},
		{Kind: feedback, Worked: "FEEDBACK-ONE", Score: 2},
		{Kind: answer, Text: "ANSWER just after", Role: "ic"},
		{Kind: feedback, Broke: "FEEDBACK-TWO", Score: 5},
		{Kind: request, Answers: 2, Clue: "r1"},
		{Kind: End}}
	var before Event
	for _, e := range room {
		cl.add(time.Minute)
		e = mustAppend(t, j, e)
		if c := HandedOut(s, e); (c != nil) != (e.Kind == request) || c != nil && strings.Contains(c.Title+c.Body, "ASK") {
			t.Errorf("%s goes to the webhook as %v", e.Kind, c)
		}
		// A minute after the event before it, a feedback still carries
		// that event's times, never its own.
		if e.Kind == feedback && (!e.At.Equal(before.At) || e.T != before.T) {
			t.Errorf("a feedback at %v (t=%v), the %s before it at %v (t=%v)", e.At, e.T, before.Kind, before.At, before.T)
		}
		before = e
	}
	rec := string(j.State().Record())
	i := strings.Index(rec, "[hot_wash]")
	if i < 0 {
		t.Fatalf("no hot wash:\n%s", rec)
	}
	wash := rec[i:]
	if j := strings.Index(wash[1:], "\n["); j >= 0 {
		wash = wash[:j+1]
	}
	for _, x := range []string{"at =", "seq", "role", "comms", "ic", "14:0", "T+"} {
		if strings.Contains(wash, x) {
			t.Errorf("the hot wash says %q:\n%s", x, wash)
		}
	}
	journal, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(journal), "\n") {
		if strings.Contains(line, "FEEDBACK-") && strings.Contains(line, `"role"`) {
			t.Errorf("a feedback in the journal names its role: %s", line)
		}
	}
}
