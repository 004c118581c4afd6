// Package session is a live tabletop session: the journal of what the
// room did, one event a line, and the state that is its replay and
// nothing else. The console serves it; the record is made from it.
package session

import (
	"bytes"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/suggest"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/vocab"
	"github.com/propdeck/propdeck/internal/written"
)

// Kind is what an event records.
type Kind string

// The event kinds.
const (
	start        Kind = "start"
	pause        Kind = "pause"
	resume       Kind = "resume"
	reveal       Kind = "reveal"
	contingency  Kind = "contingency"
	request      Kind = "request"
	complication Kind = "complication"
	show         Kind = "show"
	rating       Kind = "rating"
	note         Kind = "note"
	decision     Kind = "decision"
	End          Kind = "end"
	// The room's own (ask, answer, vote, feedback: a role's page may
	// post these) and the facilitator's moderation of them.
	ask          Kind = "ask"
	answer       Kind = "answer"
	vote         Kind = "vote"
	feedback     Kind = "feedback"
	poll         Kind = "poll"
	pollClose    Kind = "poll-close"
	feedbackOpen Kind = "feedback-open"
	hide         Kind = "hide"
	decline      Kind = "decline"
)

// fields are the fields each kind may carry beside seq, at, t and kind.
var fields = map[Kind][]string{
	start: {"pace"}, pause: nil, resume: nil, End: nil,
	reveal:       {"clue"},
	contingency:  {"clue", "fired"},
	request:      {"ask", "clue", "answers"},
	complication: {"card"},
	show:         {"card", "event"},
	rating:       {"role", "action", "retest", "rating", "observed", "note"},
	note:         {"tag", "text"},
	decision:     {"text", "who", "options", "rationale"},
	ask:          {"text", "role"},
	answer:       {"text", "round", "role"},
	vote:         {"poll", "option", "confidence", "role", "ballot"},
	feedback:     {"worked", "broke", "action", "score", "role"},
	poll:         {"id", "question", "options", "anonymous", "roles"},
	pollClose:    {"poll"},
	feedbackOpen: {"named"},
	hide:         {"event"},
	decline:      {"answers", "text"},
}

// kinds lists the event kinds, sorted.
func kinds() []string {
	var out []string
	for k := range fields {
		out = append(out, string(k))
	}
	sort.Strings(out)
	return out
}

// noteTags are the scribe's categories a note may carry: one list, which
// the console serves its pages with their labels.
var noteTags = vocab.NoteTag.Values

// Event is one thing the room did, as one journal line.
type Event struct {
	Seq    int       `json:"seq"`
	At     time.Time `json:"at"`
	T      float64   `json:"t"` // session seconds since start, pauses excluded
	Kind   Kind      `json:"kind"`
	Clue   string    `json:"clue,omitempty"`
	Fired  *bool     `json:"fired,omitempty"`
	Ask    string    `json:"ask,omitempty"`
	Card   string    `json:"card,omitempty"`
	Role   string    `json:"role,omitempty"`
	Action string    `json:"action,omitempty"`
	// Retest, on a rating, is the ledger id of an open action carried into
	// the session (run --programme) that the rating is for, instead of an
	// expected action.
	Retest    string   `json:"retest,omitempty"`
	Rating    string   `json:"rating,omitempty"`
	Observed  string   `json:"observed,omitempty"`
	Note      string   `json:"note,omitempty"`
	Tag       string   `json:"tag,omitempty"`
	Text      string   `json:"text,omitempty"`
	Who       string   `json:"who,omitempty"`
	Options   []string `json:"options,omitempty"`
	Rationale string   `json:"rationale,omitempty"`
	// Pace, on start, is how many story minutes pass in a session minute:
	// 0 (none) or 1 keeps the story's time, 48 plays a day in half an
	// hour; below 1 is refused.
	Pace float64 `json:"pace,omitempty"`
	// Answers, on a request or a decline, is the seq of the ask it
	// answers.
	Answers int `json:"answers,omitempty"`
	// Round, on an answer, is the round it answers, from 1; 0 for none.
	Round      int    `json:"round,omitempty"`
	Poll       string `json:"poll,omitempty"`
	Option     string `json:"option,omitempty"`
	Confidence int    `json:"confidence,omitempty"`
	// Ballot, on a vote in a poll open to everyone, stands for the
	// device that voted: a key made from the poll, the device and a
	// secret kept beside the tokens (see console's ballotOf), which
	// nobody without that secret can link to a device or a token.
	Ballot string `json:"ballot,omitempty"`
	Worked string `json:"worked,omitempty"`
	Broke  string `json:"broke,omitempty"`
	// Score, on feedback, is 1 to 5; 0 for none.
	Score     int      `json:"score,omitempty"`
	ID        string   `json:"id,omitempty"`
	Question  string   `json:"question,omitempty"`
	Anonymous bool     `json:"anonymous,omitempty"`
	Roles     []string `json:"roles,omitempty"`
	Named     bool     `json:"named,omitempty"`
	// Event, on a hide, is the seq of the ask, answer or feedback it
	// hides; on a show, of the answer put on the screen, or of a
	// poll-close whose result goes back on it.
	Event int `json:"event,omitempty"`
}

// maxText is the longest text an event may carry, in bytes.
const maxText = 4000

// DecodeError is an event that cannot be: its message names the field.
type DecodeError struct{ Text text.Message }

func (e *DecodeError) Error() string { return e.Text.String() }

// Message is what the error says, for a page in its language.
func (e *DecodeError) Message() text.Message { return e.Text }

func errorf(key string, nameValues ...any) error { return &DecodeError{text.M(key, nameValues...)} }

// hint is the did-you-mean for name among known, or no message.
func hint(name string, known []string) text.Message {
	if k := suggest.Closest(name, known); k != "" {
		return text.M("hint-did-you-mean", "name", k)
	}
	return text.Message{}
}

// Decode reads one event strictly: a known kind, only that kind's fields
// (stored ones when stored is set: seq, at and t), and known ids of s.
func Decode(s *scenarios.Session, data []byte, stored bool) (Event, error) {
	return decode(s, data, stored, nil)
}

// DecodeAs reads one event a role's page posted: fill says who posted it
// (the role, or a ballot) once it is read and before it is checked, and
// may refuse it.
func DecodeAs(s *scenarios.Session, data []byte, fill func(*Event) error) (Event, error) {
	return decode(s, data, false, fill)
}

func decode(s *scenarios.Session, data []byte, stored bool, fill func(*Event) error) (Event, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return Event{}, errorf("event-not-json", "err", err)
	}
	var kind Kind
	if err := json.Unmarshal(raw["kind"], &kind); err != nil || raw["kind"] == nil {
		return Event{}, errorf("event-no-kind", "kinds", strings.Join(kinds(), ", "))
	}
	allowed, ok := fields[kind]
	if !ok {
		return Event{}, errorf("event-unknown-kind", "kind", kind, "hint", hint(string(kind), kinds()), "kinds", strings.Join(kinds(), ", "))
	}
	if err := checkKeys(raw, kind, allowed, stored); err != nil {
		return Event{}, err
	}
	var e Event
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		return Event{}, errorf("event-error", "kind", kind, "err", err)
	}
	if fill != nil {
		if err := fill(&e); err != nil {
			return Event{}, err
		}
	}
	return e, check(s, e)
}

// checkKeys refuses a key the kind does not have.
func checkKeys(raw map[string]json.RawMessage, kind Kind, allowed []string, stored bool) error {
	for k := range raw {
		switch {
		case k == "kind", stored && (k == "seq" || k == "at" || k == "t"):
		case slices.Contains(allowed, k):
		default:
			known := append([]string{"kind"}, allowed...)
			return errorf("event-unknown-field", "kind", kind, "field", k, "hint", hint(k, known), "fields", strings.Join(known, ", "))
		}
	}
	return nil
}

// check holds an event's values to the scenario: ids it has, values of
// the vocabularies, text of a sane length.
func check(s *scenarios.Session, e Event) error {
	texts := []string{e.Ask, e.Note, e.Text, e.Rationale, e.Who, e.Action, e.Observed, e.Worked, e.Broke, e.Question, e.Option, e.Poll, e.ID}
	for _, t := range append(texts, e.Options...) {
		if len(t) > maxText {
			return errorf("event-text-long", "kind", e.Kind, "n", len(t), "max", maxText)
		}
		// The record and the decks print what the room typed: the same
		// rule as for every text of a scenario.
		if err := s.CheckText(t); err != nil {
			return errorf("event-bad-text", "kind", e.Kind, "err", err)
		}
	}
	switch e.Kind {
	case start:
		// 0 (or none) is the default, 1; a pace below 1 would run the
		// story slower than the room, which no exercise means.
		if e.Pace != 0 && !(e.Pace >= 1 && e.Pace <= 1440) {
			return errorf("event-pace", "pace", e.Pace)
		}
	case reveal:
		return needClue(s, e, written.Timed, written.Contingent, written.OnRequest)
	case contingency:
		if e.Fired == nil {
			return errorf("event-fired")
		}
		return needClue(s, e, written.Contingent)
	case request:
		return checkRequest(s, e)
	case complication:
		return checkCard(s, e.Card)
	case show:
		if e.Card == "" {
			return nil // takes the complication or answer off the screen
		}
		if e.Event != 0 {
			return errorf("event-show-both")
		}
		return checkCard(s, e.Card)
	case rating:
		return checkRating(s, e)
	case note:
		if strings.TrimSpace(e.Text) == "" {
			return errorf("event-empty", "kind", e.Kind)
		}
		if e.Tag != "" && !slices.Contains(noteTags, e.Tag) {
			return errorf("event-unknown-tag", "tag", e.Tag, "hint", hint(e.Tag, noteTags), "tags", strings.Join(noteTags, ", "))
		}
	case decision:
		if strings.TrimSpace(e.Text) == "" {
			return errorf("event-empty", "kind", e.Kind)
		}
	default:
		return checkRoom(s, e)
	}
	return nil
}

func checkRequest(s *scenarios.Session, e Event) error {
	if e.Answers < 0 {
		return errorf("event-answers", "kind", e.Kind)
	}
	if strings.TrimSpace(e.Ask) == "" && e.Clue == "" && e.Answers == 0 {
		return errorf("event-no-ask")
	}
	if e.Clue == "" {
		return nil
	}
	return needClue(s, e, written.OnRequest)
}

// needClue requires the event's clue to be one of the scenario's, of a
// reveal mode it allows.
func needClue(s *scenarios.Session, e Event, modes ...written.Mode) error {
	if c, ok := s.Clue(e.Clue); ok && slices.Contains(modes, c.Mode) {
		return nil
	}
	// Only a refused event lists the clues it could have named.
	var ids []string
	for _, rv := range s.Timeline().Reveals {
		if slices.Contains(modes, rv.Mode()) {
			ids = append(ids, rv.Clue.ID)
		}
	}
	return errorf("event-no-clue", "kind", e.Kind, "clue", e.Clue, "hint", hint(e.Clue, ids))
}

func checkCard(s *scenarios.Session, id string) error {
	var ids []string
	for _, c := range s.ComplicationCards() {
		if c.ID == id {
			return nil
		}
		ids = append(ids, c.ID)
	}
	return errorf("event-no-card", "card", id, "hint", hint(id, ids))
}

func checkRating(s *scenarios.Session, e Event) error {
	if !vocab.Rating.Has(e.Rating) {
		return errorf("event-rating", "rating", e.Rating, "most", strings.Join(vocab.Rating.Values[:len(vocab.Rating.Values)-1], ", "), "last", vocab.Rating.Values[len(vocab.Rating.Values)-1], "hint", hint(e.Rating, vocab.Rating.Values))
	}
	if e.Observed != "" {
		if _, err := written.ParseOffsetValue(e.Observed); err != nil {
			return errorf("event-observed", "observed", e.Observed)
		}
	}
	if e.Retest != "" {
		return checkRetest(s, e)
	}
	var actions []string
	for _, r := range s.Rounds() {
		for _, x := range r.Expect {
			if x.Role == e.Role && x.Action == e.Action {
				return nil
			}
			actions = append(actions, x.Action)
		}
	}
	return errorf("event-no-action", "action", e.Action, "role", e.Role, "hint", hint(e.Action, actions))
}

// checkRetest holds a carried action's rating to its shape: a ledger id
// and no expected action. Whether the id was carried is the console's to
// say (CheckCarried): a stored journal replays without the ledger.
func checkRetest(s *scenarios.Session, e Event) error {
	if e.Role != "" || e.Action != "" || e.Retest == "" || len(e.Retest) > 200 || s.CheckText(e.Retest) != nil {
		return errorf("event-retest-shape")
	}
	return nil
}

// Carried is an open action of the programme's ledger carried into the
// session (run --programme): its ledger id, what it is, whose, by when,
// and the session that opened it.
type Carried struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Owner string `json:"owner,omitempty"`
	Due   string `json:"due,omitempty"`
	From  string `json:"from,omitempty"`
}

// CheckCarried refuses a rating of a carried action that was not carried
// into this session.
func CheckCarried(e Event, carried []Carried) error {
	if e.Kind != rating || e.Retest == "" {
		return nil
	}
	var ids []string
	for _, c := range carried {
		if c.ID == e.Retest {
			return nil
		}
		ids = append(ids, c.ID)
	}
	return errorf("event-no-retest", "retest", e.Retest, "hint", hint(e.Retest, ids))
}

// HandedOut is the clue a stored event hands to the room (see
// handedClue: a reveal's, a fired contingency's or an answered request's);
// nil for any other event.
func HandedOut(s *scenarios.Session, e Event) *written.Clue {
	id := handedClue(e)
	if id == "" {
		return nil
	}
	c, ok := s.Clue(id)
	if !ok {
		return nil
	}
	return &c
}
