package session

import (
	"maps"
	"math"
	"time"

	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
)

// State is what the journal's events add up to: the clock, the cards
// handed out, the contingencies decided, what was asked for and drawn,
// the ratings and the notes. It is the replay of the journal and nothing
// else: restarting replays it.
type State struct {
	s       *scenarios.Session
	Seq     int
	Started bool
	Running bool
	Ended   bool
	// T is the session time in seconds at LastAt, the last clock change.
	T      float64
	LastAt time.Time
	// Revealed maps a handed-out clue's id to the session time it was.
	Revealed map[string]float64
	// out is every card handed out, in the order it was: Revealed as a
	// list, both kept by record from the one definition, handedClue.
	out []handout
	// Decided maps a contingent clue's id to whether it fired.
	Decided       map[string]bool
	Requests      []Event
	Complications []Event
	// Shown is the drawn complication the facilitator put on the screen;
	// "" for none.
	Shown string
	// Ratings are the last rating of each expected action, by role and
	// action.
	Ratings map[[2]string]Event
	// Retests are the last rating of each carried action, by ledger id.
	Retests map[string]Event
	Notes   []Event // notes and decisions, in order
	// Pace is story minutes a session minute, from the start event.
	Pace float64
	// Events are every event, in order, for the record.
	Events []Event
	// last is the previous event's t, which the next may not go below.
	last float64
	// requestable are the on-request cards and their words, read only,
	// shared by every clone.
	requestable []cardWords
	room
}

// newState is a session not started yet.
func newState(s *scenarios.Session) *State {
	return &State{s: s, requestable: requestable(s), Revealed: map[string]float64{}, Decided: map[string]bool{}, Ratings: map[[2]string]Event{}, Retests: map[string]Event{},
		room: room{replies: map[int]Event{}, closed: map[string]int{}, hidden: map[int]bool{}}}
}

// clone is a copy the journal may change while readers keep this one. The
// maps change in place, so they are copied. The lists are only ever
// appended to, and only by the one state the journal extends (under its
// lock): a copy shares them, since an append never touches what a
// reader's shorter slice holds. Copying them would make every read of a
// view cost the whole session again.
func (st *State) clone() *State {
	c := *st
	c.Revealed, c.Decided, c.Ratings = maps.Clone(st.Revealed), maps.Clone(st.Decided), maps.Clone(st.Ratings)
	c.Retests = maps.Clone(st.Retests)
	c.room = st.cloneRoom()
	return &c
}

// maxSessionSeconds bounds session time (30 days): a wall clock stepped
// forward by years saturates here, so that no offset made from it can
// overflow a time.Duration, whatever the pace.
const maxSessionSeconds = 30 * 24 * 3600

// Clock is the session time at now, in seconds: pauses excluded, and a
// process that was down while the session ran counts as time that passed.
// It never reads below the last event's t: a wall clock stepped back (an
// NTP correction, a journal moved to another machine) stops the session's
// clock until the wall clock catches up, rather than running it backwards.
func (st *State) Clock(now time.Time) float64 {
	t := st.T
	if st.Running {
		t += max(now.Sub(st.LastAt).Seconds(), 0)
	}
	return min(max(t, st.last), maxSessionSeconds)
}

// StateError is an event the session's state refuses: a card handed out
// twice, a pause before the start.
type StateError struct{ Text text.Message }

func (e *StateError) Error() string { return e.Text.String() }

// Message is what the error says, for a page in its language.
func (e *StateError) Message() text.Message { return e.Text }

// Apply adds an event to the state, or refuses it.
func (st *State) Apply(e Event) error {
	if e.Seq != st.Seq+1 {
		return &StateError{text.M("state-out-of-order", "seq", e.Seq, "last", st.Seq)}
	}
	if err := st.allowed(e); err != nil {
		return err
	}
	// A journal is replayed on its stored t, never on wall time: a t that
	// runs backwards or past the bound is a hand edit or a bug.
	if math.IsNaN(e.T) || e.T < st.last || e.T > maxSessionSeconds {
		return &StateError{text.M("state-time", "t", e.T, "last", st.last, "max", maxSessionSeconds)}
	}
	st.Seq, st.last = e.Seq, e.T
	st.Events = append(st.Events, e)
	if st.Running {
		st.T, st.LastAt = e.T, e.At
	}
	switch e.Kind {
	case start:
		st.Started, st.Running, st.T, st.LastAt = true, true, 0, e.At
		st.Pace = max(e.Pace, 1)
	case pause:
		st.Running = false
	case resume:
		st.Running, st.T, st.LastAt = true, e.T, e.At
	case End:
		st.Running, st.Ended = false, true
	default:
		st.record(e)
	}
	return nil
}

// record keeps an event that is not about the clock.
func (st *State) record(e Event) {
	if id := handedClue(e); id != "" {
		st.Revealed[id] = e.T
		st.out = append(st.out, handout{Clue: id, T: e.T, Seq: e.Seq})
	}
	switch e.Kind {
	case contingency:
		st.Decided[e.Clue] = *e.Fired
	case request:
		st.Requests = append(st.Requests, e)
	case complication:
		st.Complications = append(st.Complications, e)
	case show:
		if st.kindOf(e.Event) != pollClose {
			st.Shown = e.Card
		}
	case rating:
		if e.Retest != "" {
			st.Retests[e.Retest] = e
			break
		}
		st.Ratings[[2]string{e.Role, e.Action}] = e
	case note, decision:
		st.Notes = append(st.Notes, e)
	}
	st.recordRoom(e)
}

// handout is one card handed out: its clue, the session second and the
// event that did it.
type handout struct {
	Clue string
	T    float64
	Seq  int
}

// handedClue is the one definition of a card handed out: the clue of a
// reveal, of a contingency that fired, or of a request a card answered;
// "" for any other event. The state, every view and the webhook read it.
func handedClue(e Event) string {
	switch {
	case e.Kind == reveal, e.Kind == request,
		e.Kind == contingency && e.Fired != nil && *e.Fired:
		return e.Clue
	}
	return ""
}

// allowed refuses an event the session is not in a state for.
func (st *State) allowed(e Event) error {
	switch {
	case e.Kind == start && st.Started:
		return &StateError{text.M("state-started")}
	case e.Kind != start && !st.Started:
		return &StateError{text.M("state-not-started")}
	case st.Ended:
		return &StateError{text.M("state-ended")}
	case e.Kind == pause && !st.Running:
		return &StateError{text.M("state-paused")}
	case e.Kind == resume && st.Running:
		return &StateError{text.M("state-running")}
	case e.Kind == reveal || e.Kind == request && e.Clue != "":
		if _, done := st.Revealed[e.Clue]; done {
			return &StateError{text.M("state-handed-out", "clue", e.Clue)}
		}
	case e.Kind == show && e.Card != "" && !st.drawn(e.Card):
		return &StateError{text.M("state-not-drawn", "card", e.Card)}
	case e.Kind == contingency:
		if _, done := st.Decided[e.Clue]; done {
			return &StateError{text.M("state-decided", "clue", e.Clue)}
		}
	}
	return st.allowedRoom(e)
}

// drawn reports whether a complication card has been drawn.
func (st *State) drawn(card string) bool {
	for _, e := range st.Complications {
		if e.Card == card {
			return true
		}
	}
	return false
}
