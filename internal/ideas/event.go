// Package ideas is a live premortem: the journal of what the room did,
// one event a line and never an author, the state that is its replay,
// the views each page may be shown, and what the end writes (the
// premortem record, its summary and the starter scenarios).
package ideas

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/suggest"
	"github.com/propdeck/propdeck/internal/text"
)

// Kind is what an event records.
type Kind string

// The event kinds. Done is a participant's "I have finished writing",
// Rate a participant's impact or likelihood of an idea or group: each is
// kept beside the tokens, never in the journal.
const (
	KindPhase  Kind = "phase"
	KindIdea   Kind = "idea"
	KindHide   Kind = "hide"
	KindReveal Kind = "reveal"
	KindGroup  Kind = "group"
	KindVote   Kind = "vote"
	KindPlace  Kind = "place"
	KindPick   Kind = "pick"
	KindEnd    Kind = "end"
	KindDone   Kind = "done"
	KindRate   Kind = "rate"
)

// fields are the fields each kind may carry beside seq, at and kind; id
// is the server's on an idea, and a group's own only when it edits one.
var fields = map[Kind][]string{
	KindPhase: {"phase", "timer", "room"}, KindIdea: {"text"}, KindHide: {"target"}, KindReveal: nil,
	KindGroup: {"id", "title", "ideas"}, KindVote: {"target"}, KindPlace: {"target", "impact", "likelihood", "class"},
	KindPick: {"target", "owner", "due", "signals"}, KindEnd: nil, KindDone: nil,
	KindRate: {"target", "impact", "likelihood"},
}

// stored are the fields only the journal writes.
var stored = []string{"seq", "at", "id"}

// Phases are the premortem's phases, in the order the facilitator moves
// through them; a phase is never gone back to, so that a vote once closed
// stays closed.
var Phases = []string{"prompt", "writing", "reveal", "group", "vote", "place", "pick"}

// Grid is the values of impact and of likelihood, the kit's grid's
// rows and columns, low to high.
var Grid = []int{1, 2, 3}

// Classes are the threats an idea or group may be sorted into.
var Classes = []string{"tiger", "paper-tiger", "elephant"}

// kinds lists the event kinds, sorted, done included.
func kinds() []string {
	out := make([]string, 0, len(fields))
	for k := range fields {
		out = append(out, string(k))
	}
	slices.Sort(out)
	return out
}

// Event is one thing the room did, as one journal line. No field says
// who did it.
type Event struct {
	Seq  int       `json:"seq"`
	At   time.Time `json:"at"`
	Kind Kind      `json:"kind"`
	// Phase and Timer (seconds, 0 for none) start a phase.
	Phase string `json:"phase,omitempty"`
	Timer int    `json:"timer,omitempty"`
	// Room, on the place phase, opens placing to the room: each device
	// rates impact and likelihood, and the facilitator sees the room's.
	Room bool `json:"room,omitempty"`
	// ID is an idea's or a group's, drawn at random by the journal so
	// that it says nothing of when or from whom the idea came.
	ID         string   `json:"id,omitempty"`
	Text       string   `json:"text,omitempty"`
	Title      string   `json:"title,omitempty"`
	Ideas      []string `json:"ideas,omitempty"`
	Target     string   `json:"target,omitempty"`
	Impact     int      `json:"impact,omitempty"`
	Likelihood int      `json:"likelihood,omitempty"`
	Class      string   `json:"class,omitempty"`
	Owner      string   `json:"owner,omitempty"`
	Due        string   `json:"due,omitempty"`
	Signals    []string `json:"signals,omitempty"`
}

// Bounds of what one event carries.
const (
	maxIdeaText = 500 // characters: a sticky note, not an essay
	maxLine     = 200 // a title, an owner, a signal
	maxSignals  = 10
	maxTimer    = 4 * 3600
)

// Error is an event that cannot be, or cannot be now: its message is
// keyed, for a page in its language.
type Error struct{ Text text.Message }

func (e *Error) Error() string { return e.Text.String() }

// Message is what the error says.
func (e *Error) Message() text.Message { return e.Text }

func fail(key string, nameValues ...any) error { return &Error{text.M(key, nameValues...)} }

// Decode reads one event strictly: a known kind and only its fields
// (with seq, at and id when reading the journal).
func Decode(data []byte, fromJournal bool) (Event, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return Event{}, fail("event-not-json", "err", err)
	}
	var kind Kind
	if err := json.Unmarshal(raw["kind"], &kind); err != nil || raw["kind"] == nil {
		return Event{}, fail("event-no-kind", "kinds", strings.Join(kinds(), ", "))
	}
	allowed, ok := fields[kind]
	if !ok {
		return Event{}, fail("event-unknown-kind", "kind", kind, "hint", hint(string(kind), kinds()), "kinds", strings.Join(kinds(), ", "))
	}
	for k := range raw {
		own := k == "kind" || slices.Contains(allowed, k) && (k != "id" || kind == KindGroup)
		if !own && !(fromJournal && slices.Contains(stored, k)) {
			return Event{}, fail("event-unknown-field", "kind", kind, "field", k, "hint", hint(k, allowed), "fields", strings.Join(allowed, ", "))
		}
	}
	var e Event
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		return Event{}, fail("event-error", "kind", kind, "err", err)
	}
	return e, check(e)
}

func hint(name string, known []string) text.Message {
	if k := suggest.Closest(name, known); k != "" {
		return text.M("hint-did-you-mean", "name", k)
	}
	return text.Message{}
}

// check holds an event's fields to their bounds, whatever the state.
func check(e Event) error {
	// The record, the summary and the starters print what the room typed:
	// the same rule as for every text of a scenario.
	for _, t := range append([]string{e.Text, e.Title, e.Owner}, e.Signals...) {
		if err := rules.CheckText(t, cards.Printing); err != nil {
			return fail("event-bad-text", "kind", e.Kind, "err", err)
		}
	}
	switch e.Kind {
	case KindPhase:
		if !slices.Contains(Phases, e.Phase) {
			return fail("ideas-bad-phase", "phase", e.Phase, "hint", hint(e.Phase, Phases), "phases", strings.Join(Phases, ", "))
		}
		if e.Timer < 0 || e.Timer > maxTimer {
			return fail("ideas-bad-timer", "timer", e.Timer, "max", maxTimer)
		}
		if e.Room && e.Phase != "place" {
			return fail("ideas-room-not-place", "phase", e.Phase)
		}
	case KindIdea:
		if strings.TrimSpace(e.Text) == "" || utf8.RuneCountInString(e.Text) > maxIdeaText || !utf8.ValidString(e.Text) {
			return fail("ideas-bad-text", "max", maxIdeaText)
		}
	case KindGroup:
		return oneLines(e.Title)
	case KindPlace:
		if !onGrid(e.Impact) || !onGrid(e.Likelihood) {
			return fail("ideas-bad-place")
		}
		if e.Class != "" && !slices.Contains(Classes, e.Class) {
			return fail("ideas-bad-class", "class", e.Class, "hint", hint(e.Class, Classes), "classes", strings.Join(Classes, ", "))
		}
	case KindPick:
		return checkPick(e)
	case KindRate:
		// One tap rates one of the two: the other is left as it was.
		if e.Impact == 0 && e.Likelihood == 0 || e.Impact != 0 && !onGrid(e.Impact) || e.Likelihood != 0 && !onGrid(e.Likelihood) {
			return fail("ideas-bad-place")
		}
	}
	return nil
}

func onGrid(n int) bool { return slices.Contains(Grid, n) }

func checkPick(e Event) error {
	if e.Due != "" {
		if _, err := time.Parse(time.DateOnly, e.Due); err != nil {
			return fail("ideas-bad-due", "due", e.Due)
		}
	}
	if len(e.Signals) > maxSignals {
		return fail("ideas-too-many-signals", "max", maxSignals)
	}
	for _, s := range e.Signals {
		if strings.TrimSpace(s) == "" {
			return fail("ideas-bad-line", "max", maxLine)
		}
	}
	return oneLines(append([]string{e.Owner}, e.Signals...)...)
}

// oneLines: a title, an owner and a signal are one line each, as the
// record and the starters' comments hold them.
func oneLines(lines ...string) error {
	for _, l := range lines {
		if strings.ContainsAny(l, "\r\n") || utf8.RuneCountInString(l) > maxLine || !utf8.ValidString(l) {
			return fail("ideas-bad-line", "max", maxLine)
		}
	}
	return nil
}
