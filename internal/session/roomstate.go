package session

import (
	"maps"
	"slices"

	"github.com/propdeck/propdeck/internal/text"
)

// room is what the room said, as the journal's events add it up: the
// asks and how each was answered, the answers, the polls and their votes,
// the hot wash and what the facilitator hid. Like the rest of the state,
// its lists are only appended to (a clone shares them) and its maps are
// copied.
type room struct {
	Asks     []Event
	Answers  []Event
	Polls    []Event // the poll events, in the order opened
	Votes    []Event // every vote, a later one of a ballot or role replacing the earlier
	Feedback []Event
	// Opened is the feedback-open event; nil until the facilitator
	// opens the hot wash.
	Opened *Event
	// replies maps an ask's seq to the request or decline that answered it.
	replies map[int]Event
	// closed maps a closed poll's id to the seq of its poll-close.
	closed map[string]int
	hidden map[int]bool
	// ShownEvent is the answer the facilitator put on the screen; 0 for none.
	ShownEvent int
	// Result is the closed poll whose result the screen shows: a poll
	// going to the room's discussion when it closes, it stays there
	// beside the next poll until the facilitator clears the screen.
	Result string
}

func (r room) cloneRoom() room {
	r.replies, r.closed, r.hidden = maps.Clone(r.replies), maps.Clone(r.closed), maps.Clone(r.hidden)
	return r
}

// maxRoom is the most asks, answers, votes and feedback one session's
// journal takes, and maxPerRole the most asks and answers of one role:
// so that one device cannot drown a session, or its record.
const (
	maxRoom    = 10000
	maxPerRole = 200
)

func stateErr(key string, nameValues ...any) error { return &StateError{text.M(key, nameValues...)} }

// allowedRoom refuses a room event the session is not in a state for.
func (st *State) allowedRoom(e Event) error {
	switch e.Kind {
	case request, decline:
		if e.Answers == 0 {
			return nil
		}
		if st.askOf(e.Answers) == nil {
			return stateErr("state-no-ask", "seq", e.Answers)
		}
		if _, done := st.replies[e.Answers]; done {
			return stateErr("state-answered", "seq", e.Answers)
		}
	case vote:
		if err := st.allowedVote(e); err != nil {
			return err
		}
	case poll:
		if st.pollOf(e.ID) != nil {
			return stateErr("state-poll-twice", "poll", e.ID)
		}
	case pollClose:
		if p := st.pollOf(e.Poll); p == nil || st.closed[e.Poll] != 0 {
			return stateErr("state-poll-not-open", "poll", e.Poll)
		}
	case feedback:
		// A role on feedback says whose it is: only once the hot wash
		// was opened as named.
		if e.Role != "" && (st.Opened == nil || !st.Opened.Named) {
			return stateErr("state-feedback-anonymous")
		}
	case feedbackOpen:
		if st.Opened != nil {
			return stateErr("state-feedback-open")
		}
	case hide:
		if k := st.kindOf(e.Event); k != ask && k != answer && k != feedback || st.hidden[e.Event] {
			return stateErr("state-hide", "seq", e.Event)
		}
	case show:
		if e.Event != 0 && (!st.showable(e.Event) || st.hidden[e.Event]) {
			return stateErr("state-show-answer", "seq", e.Event)
		}
	}
	return st.roomBounds(e)
}

func (st *State) allowedVote(e Event) error {
	p := st.pollOf(e.Poll)
	if p == nil || st.closed[e.Poll] != 0 {
		return stateErr("state-poll-not-open", "poll", e.Poll)
	}
	if !slices.Contains(p.Options, e.Option) {
		return stateErr("state-no-option", "poll", e.Poll, "option", e.Option, "hint", hint(e.Option, p.Options))
	}
	if p.Anonymous != (e.Ballot != "") {
		return stateErr("state-vote-who", "poll", e.Poll)
	}
	if e.Role != "" && len(p.Roles) > 0 && !slices.Contains(p.Roles, e.Role) {
		return stateErr("state-vote-role", "poll", e.Poll, "role", e.Role)
	}
	return nil
}

// roomBounds refuses a player's event past the session's bounds.
func (st *State) roomBounds(e Event) error {
	if !e.Kind.PlayerPosts() {
		return nil
	}
	if len(st.Asks)+len(st.Answers)+len(st.Votes)+len(st.Feedback) >= maxRoom {
		return limit(text.M("limit-room", "max", maxRoom))
	}
	if e.Kind != ask && e.Kind != answer {
		return nil
	}
	n := 0
	for _, x := range slices.Concat(st.Asks, st.Answers) {
		if x.Role == e.Role {
			n++
		}
	}
	if n >= maxPerRole {
		return limit(text.M("limit-role", "role", e.Role, "max", maxPerRole))
	}
	return nil
}

// recordRoom keeps a room event.
func (st *State) recordRoom(e Event) {
	switch e.Kind {
	case ask:
		st.Asks = append(st.Asks, e)
	case answer:
		st.Answers = append(st.Answers, e)
	case vote:
		st.Votes = append(st.Votes, e)
	case feedback:
		st.Feedback = append(st.Feedback, e)
	case poll:
		st.Polls = append(st.Polls, e)
	case pollClose:
		st.closed[e.Poll] = e.Seq
		st.Result = e.Poll
	case feedbackOpen:
		st.Opened = &e
	case hide:
		st.hidden[e.Event] = true
		if st.ShownEvent == e.Event {
			st.ShownEvent = 0
		}
	case show:
		st.recordShow(e)
	}
	if (e.Kind == request || e.Kind == decline) && e.Answers != 0 {
		st.replies[e.Answers] = e
	}
}

// showable reports whether a show may name event seq: an answer, or a
// poll-close, which puts that poll's result back on the screen.
func (st *State) showable(seq int) bool {
	k := st.kindOf(seq)
	return k == answer || k == pollClose
}

// recordShow keeps what a show put on the screen. A poll's result has
// its own place there: showing it leaves the complication or answer,
// and showing one of those leaves the result; a show naming nothing
// clears both.
func (st *State) recordShow(e Event) {
	switch {
	case st.kindOf(e.Event) == pollClose:
		st.Result = st.Events[e.Event-1].Poll
	case e.Card == "" && e.Event == 0:
		st.ShownEvent, st.Result = 0, ""
	default:
		st.ShownEvent = e.Event
	}
}

// askOf is the ask of seq, or nil.
func (st *State) askOf(seq int) *Event {
	for i := range st.Asks {
		if st.Asks[i].Seq == seq {
			return &st.Asks[i]
		}
	}
	return nil
}

// pollOf is the poll of id, or nil.
func (st *State) pollOf(id string) *Event {
	for i := range st.Polls {
		if st.Polls[i].ID == id {
			return &st.Polls[i]
		}
	}
	return nil
}

// kindOf is the kind of the event of seq, or "".
func (st *State) kindOf(seq int) Kind {
	if seq < 1 || seq > len(st.Events) {
		return ""
	}
	return st.Events[seq-1].Kind
}

// ballots are a poll's votes that count: the last of each role or
// ballot, in the order first cast.
func (st *State) ballots(id string) []Event {
	var out []Event
	at := map[string]int{}
	for _, v := range st.Votes {
		if v.Poll != id {
			continue
		}
		key := v.Role + "/" + v.Ballot
		if i, ok := at[key]; ok {
			out[i] = v
			continue
		}
		at[key] = len(out)
		out = append(out, v)
	}
	return out
}

// Kinds a console names: a role page's vote and feedback, which it fills
// in with a ballot or a role.
const (
	Vote     = vote
	Feedback = feedback
)

// Anonymous reports whether a poll is open to everyone, one ballot a device.
func (st *State) Anonymous(id string) bool {
	p := st.pollOf(id)
	return p != nil && p.Anonymous
}

// Named reports whether the hot wash was opened as named: its feedback
// then keeps its role.
func (st *State) Named() bool { return st.Opened != nil && st.Opened.Named }
