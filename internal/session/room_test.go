package session

import (
	"errors"
	"testing"
	"time"
)

// TestDrawnShownAndRatable: a drawn complication keeps its text and the
// story clock it was drawn at; shown, it is on the screen and on no
// player's page; one not drawn cannot be shown; an empty show takes it
// off. Once the next round starts, the previous round's expected actions
// are still there to rate, after the current round's.
func TestDrawnShownAndRatable(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	c := &clock{time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	j, _ := newJournal(t, s, c)
	defer j.Close()
	mustAppend(t, j, Event{Kind: start})
	c.add(3 * time.Minute)
	mustAppend(t, j, Event{Kind: complication, Card: "k1"})
	var se *StateError
	if _, err := j.Append(Event{Kind: show, Card: "people-1"}); !errors.As(err, &se) {
		t.Errorf("showing a card not drawn: %v", err)
	}
	mustAppend(t, j, Event{Kind: show, Card: "k1"})
	c.add(8 * time.Minute) // T+11m: the second round
	st := j.State()
	f := st.Facilitator(c.now)
	if len(f.Drawn) != 1 || f.Drawn[0].Title == "" || f.Drawn[0].Body == "" || !f.Drawn[0].Shown || f.Drawn[0].At == "" {
		t.Errorf("drawn: %+v", f.Drawn)
	}
	scr := st.Screen(c.now)
	if scr.Shown == nil || scr.Shown.Title != f.Drawn[0].Title {
		t.Errorf("the screen shows %+v", scr.Shown)
	}
	if scr.Aloud == nil || scr.Aloud.Index != 1 || scr.Aloud.Setup == "" || len(scr.Aloud.Questions) == 0 {
		t.Errorf("the screen reads %+v", scr.Aloud)
	}
	if p := st.Player(c.now, "ic"); p.Shown != nil || p.Aloud != nil {
		t.Errorf("a player's page gets the screen's: %+v %+v", p.Shown, p.Aloud)
	}
	if f.Round == nil || f.Round.Index != 1 || len(f.Earlier) != 1 || f.Earlier[0].Index != 0 || len(f.Earlier[0].Expect) != 2 {
		t.Fatalf("round %+v, earlier %+v", f.Round, f.Earlier)
	}
	x := f.Earlier[0].Expect[0]
	mustAppend(t, j, Event{Kind: rating, Role: x.Role, Action: x.Action, Rating: "met"})
	if got := j.State().Facilitator(c.now).Earlier[0].Expect[0].Rating; got != "met" {
		t.Errorf("an earlier round's action rated: %q", got)
	}
	mustAppend(t, j, Event{Kind: show})
	if scr := j.State().Screen(c.now); scr.Shown != nil {
		t.Errorf("still shown: %+v", scr.Shown)
	}
	for _, p := range j.State().Facilitator(c.now).Due {
		if p.Deck != "eu-db-latency-clues.pdf" {
			t.Errorf("%s: deck %q", p.ID, p.Deck)
		}
	}
}
