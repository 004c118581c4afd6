package session

import (
	"strconv"
	"time"

	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/written"
)

// Card is a clue as a view shows it once it is handed out: what the card
// says, never the facilitator's note, condition or anything not on it.
type Card struct {
	ID     string   `json:"id"`
	Kind   string   `json:"kind"`
	Title  string   `json:"title"`
	Body   string   `json:"body,omitempty"`
	To     []string `json:"to"` // role names; empty for everyone
	At     string   `json:"at"` // the story clock it was handed out at
	Lines  []string `json:"lines,omitempty"`
	System string   `json:"system,omitempty"`
	// Runbook is the card's runbook link, as its QR code prints it.
	Runbook string `json:"runbook,omitempty"`
	// Picture says the card's chart or log is in its image alone, so
	// that a phone shows the image as large as it can.
	Picture bool `json:"picture,omitempty"`
}

// Public is what a screen or a player sees: the round titles reached and
// the cards handed out to that audience. It is built from the handed-out
// cards only, so no future card, condition, note or expected action can
// be in it.
type Public struct {
	Title   string   `json:"title"`
	Clock   string   `json:"clock"`
	Running bool     `json:"running"`
	Ended   bool     `json:"ended"`
	Rounds  []string `json:"rounds"`
	Cards   []Card   `json:"cards"`
	Role    string   `json:"role,omitempty"`
	// Runbook is a player's: the role's runbook link.
	Runbook string `json:"runbook,omitempty"`
	// Aloud is the screen's: the round the story is in, its title,
	// read-aloud setup and questions (what the room hears anyway).
	Aloud *Aloud `json:"aloud,omitempty"`
	// Shown is the screen's: the drawn complication the facilitator put
	// on it.
	Shown *Shown `json:"shown,omitempty"`
	// The room's: a role's page its own asks and answers; the polls (a
	// role's page those it may vote in and the closed ones, the screen
	// the open ones, newest first, then the result the facilitator keeps
	// on it); the hot wash's form and count.
	Asks    []AskView    `json:"asks,omitempty"`
	Answers []AnswerView `json:"answers,omitempty"`
	Polls   []PollView   `json:"polls,omitempty"`
	HotWash *HotWash     `json:"hotWash,omitempty"`
	// Systems are a role's page's: the scenario's systems by name, which
	// its ask box suggests.
	Systems []string `json:"systems,omitempty"`
}

// Aloud is a round as it is read to the room.
type Aloud struct {
	Index     int      `json:"index"`
	Title     string   `json:"title"`
	Setup     string   `json:"setup"`
	Questions []string `json:"questions"`
}

// Shown is a complication card put on the screen: what it says.
type Shown struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Body  string `json:"body"`
	// Answer: it is a role's answer (Title the role's name), not a
	// complication.
	Answer bool `json:"answer,omitempty"`
}

// Screen is the shared screen's view: cards handed out to everyone, the
// round being read, and the complication the facilitator shows.
func (st *State) Screen(now time.Time) Public {
	v := st.public(now, "")
	if i := st.s.RoundOf(st.offset(now)); st.Started && i >= 0 {
		r := st.s.Round(i)
		v.Aloud = &Aloud{Index: i, Title: r.Title, Setup: r.Setup, Questions: r.Questions}
	}
	for _, c := range st.s.ComplicationCards() {
		if st.Shown != "" && c.ID == st.Shown {
			v.Shown = &Shown{ID: c.ID, Title: c.Title, Body: c.Body}
		}
	}
	if e := st.ShownEvent; e != 0 && !st.hidden[e] && st.kindOf(e) == answer {
		a := st.Events[e-1]
		v.Shown = &Shown{ID: "answer-" + strconv.Itoa(e), Title: st.roleName(a.Role), Body: a.Text, Answer: true}
	}
	v.Polls = st.screenPolls()
	if st.Started {
		v.HotWash = st.hotWash(false)
	}
	return v
}

// Player is one role's view: cards handed out to the role or to everyone.
func (st *State) Player(now time.Time, role string) Public {
	v := st.public(now, role)
	for _, r := range st.s.Roles() {
		if r.ID == role {
			v.Role, v.Runbook = r.Name, r.RunbookURL
		}
	}
	if st.Started {
		v.Asks, v.Answers, v.Polls, v.HotWash = st.asksFor(role, false), st.answersFor(role, false), st.pollsFor(role), st.hotWash(false)
	}
	for _, sys := range st.s.Systems() {
		v.Systems = append(v.Systems, sys.Name)
	}
	return v
}

func (st *State) public(now time.Time, role string) Public {
	s := st.s
	t := st.offset(now)
	v := Public{Title: s.Title(), Clock: s.Clock(t), Running: st.Running, Ended: st.Ended, Rounds: []string{}, Cards: []Card{}}
	for _, r := range s.Rounds() {
		if st.Started && r.Offset <= t {
			v.Rounds = append(v.Rounds, r.Title)
		}
	}
	v.Cards = st.handed(func(c *written.Clue) bool { return c.Reaches(role) })
	return v
}

// handed is the cards handed out that keep says a view may show, in the
// order they were handed out, each with the story clock it was handed
// out at. Every view's cards come from here, so from the handed-out
// cards alone.
func (st *State) handed(keep func(*written.Clue) bool) []Card {
	out := []Card{}
	for _, h := range st.out {
		if c, ok := st.s.Clue(h.Clue); ok && keep(&c) {
			out = append(out, cardOf(st.s, c, st.storyAt(h.T)))
		}
	}
	return out
}

func cardOf(s *scenarios.Session, c written.Clue, at time.Duration) Card {
	card := Card{ID: c.ID, Kind: c.Kind, Title: c.Title, Body: c.Body, To: []string{}, At: s.Clock(at), Runbook: c.RunbookURL, Picture: c.Log != nil || c.Metric != nil}
	for _, id := range c.To {
		for _, r := range s.Roles() {
			if r.ID == id {
				card.To = append(card.To, r.Name)
			}
		}
	}
	if c.Log != nil {
		for _, e := range s.LogEntries(c) {
			card.Lines = append(card.Lines, s.LogLine(e, c.Log.Format))
		}
	}
	for _, sys := range s.Systems() {
		if sys.ID == c.System {
			card.System = sys.Name
		}
	}
	return card
}

// StoryOffset is the script's offset now, against which rounds and
// cards are due: what a view has reached.
func (st *State) StoryOffset(now time.Time) time.Duration { return st.offset(now) }

// offset is the story's offset now: session time at the session's pace,
// from T+0 at the start.
func (st *State) offset(now time.Time) time.Duration { return st.storyAt(st.Clock(now)) }

// storyAt is the story's offset at a session time in seconds. It
// saturates at a week (scenarios.MaxOffset, the most a record's time may
// be), so that the record of a long session at a high pace still reads
// and no product of time and pace overflows.
func (st *State) storyAt(seconds float64) time.Duration {
	seconds = min(max(seconds, 0), maxSessionSeconds)
	story := seconds * min(max(st.Pace, 1), 1440) * float64(time.Second)
	return min(time.Duration(story), written.MaxOffset).Truncate(time.Second)
}

// Shows reports whether a view may show a clue's card: the facilitator's
// always; the screen's ("") and a role's once it is handed out to it.
func (st *State) Shows(clue, role string, facilitator bool) bool {
	if facilitator {
		return true
	}
	if _, out := st.Revealed[clue]; !out {
		return false
	}
	if c, ok := st.s.Clue(clue); ok {
		return c.Reaches(role)
	}
	return false
}

// Noted reports whether events of a kind are a scribe's: notes and
// decisions.
func (k Kind) Noted() bool { return k == note || k == decision }

// ScribeView is what the scribe's page shows: the clock and the notes.
type ScribeView struct {
	Title   string  `json:"title"`
	Clock   string  `json:"clock"`
	Running bool    `json:"running"`
	Started bool    `json:"started"`
	Ended   bool    `json:"ended"`
	Seq     int     `json:"seq"`
	Notes   []Event `json:"notes"`
	// Asks and Answers are the room's, as they arrive, but hidden ones.
	Asks    []AskView    `json:"asks"`
	Answers []AnswerView `json:"answers"`
}

// Scribe is the scribe's view: the clock and every note and decision.
func (st *State) Scribe(now time.Time) ScribeView {
	return ScribeView{Title: st.s.Title(), Clock: st.s.Clock(st.offset(now)), Running: st.Running, Started: st.Started,
		Ended: st.Ended, Seq: st.Seq, Notes: orEmpty(st.Notes), Asks: st.asksFor("", false), Answers: st.answersFor("", false)}
}
