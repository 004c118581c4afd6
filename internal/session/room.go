package session

import (
	"regexp"
	"slices"
	"strings"

	"github.com/propdeck/propdeck/internal/scenarios"
)

// The room's events are what the players post from their pages (ask,
// answer, vote, feedback) and what the facilitator does with them (poll,
// poll-close, feedback-open, hide, decline). Their rules are here, apart
// from the facilitator's own events.

// PlayerPosts reports whether a role's page may post events of a kind:
// the room's four, and only as its own role (the console fills it in).
func (k Kind) PlayerPosts() bool { return k == ask || k == answer || k == vote || k == feedback }

// Bounds of the room's events: a poll's options, a score's and a
// confidence's scale, and a poll's id (a word, as the scenario's ids).
const (
	maxOptions = 10
	maxScale   = 5
	maxShort   = 200 // a poll's id, question's option, a ballot
)

var pollID = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// ballotKey is the shape of a ballot: hex, as the console makes it.
var ballotKey = regexp.MustCompile(`^[0-9a-f]{32}$`)

// checkRoom holds a room event to its shape and the scenario: what does
// not depend on the session's state.
func checkRoom(s *scenarios.Session, e Event) error {
	switch e.Kind {
	case ask, answer:
		if strings.TrimSpace(e.Text) == "" {
			return errorf("event-empty", "kind", e.Kind)
		}
		if e.Round < 0 || e.Round > len(s.Rounds()) {
			return errorf("event-round", "round", e.Round, "max", len(s.Rounds()))
		}
		return needRole(s, e.Kind, e.Role)
	case vote:
		return checkVote(s, e)
	case feedback:
		if strings.TrimSpace(e.Worked+e.Broke+e.Action) == "" {
			return errorf("event-feedback-empty")
		}
		if e.Score < 0 || e.Score > maxScale {
			return errorf("event-scale", "kind", e.Kind, "field", "score", "n", e.Score)
		}
		if e.Role != "" {
			return needRole(s, e.Kind, e.Role)
		}
	case poll:
		return checkPoll(s, e)
	case pollClose:
		if e.Poll == "" {
			return errorf("event-no-poll", "poll", e.Poll, "hint", "")
		}
	case hide:
		if e.Event < 1 {
			return errorf("event-hide")
		}
	case decline:
		if e.Answers < 1 {
			return errorf("event-answers", "kind", e.Kind)
		}
	}
	return nil
}

func checkVote(s *scenarios.Session, e Event) error {
	if e.Poll == "" || strings.TrimSpace(e.Option) == "" {
		return errorf("event-vote-shape")
	}
	if e.Confidence < 0 || e.Confidence > maxScale {
		return errorf("event-scale", "kind", e.Kind, "field", "confidence", "n", e.Confidence)
	}
	// A vote is a role's or a ballot's, never both: a ballot with a role
	// would say whose it is.
	if (e.Role == "") == (e.Ballot == "") {
		return errorf("event-vote-who")
	}
	if e.Ballot != "" {
		if !ballotKey.MatchString(e.Ballot) {
			return errorf("event-vote-who")
		}
		return nil
	}
	return needRole(s, e.Kind, e.Role)
}

func checkPoll(s *scenarios.Session, e Event) error {
	if !pollID.MatchString(e.ID) {
		return errorf("event-poll-id", "id", e.ID)
	}
	if strings.TrimSpace(e.Question) == "" {
		return errorf("event-empty", "kind", e.Kind)
	}
	if len(e.Options) < 2 || len(e.Options) > maxOptions {
		return errorf("event-poll-options", "n", len(e.Options), "max", maxOptions)
	}
	for i, o := range e.Options {
		if strings.TrimSpace(o) == "" || len(o) > maxShort || slices.Contains(e.Options[:i], o) {
			return errorf("event-poll-option", "option", o, "max", maxShort)
		}
	}
	// A ballot keeps no role to hold to the poll's roles: a poll open to
	// everyone is open to every role.
	if e.Anonymous && len(e.Roles) > 0 {
		return errorf("event-poll-anonymous-roles", "poll", e.ID)
	}
	for _, r := range e.Roles {
		if err := needRole(s, e.Kind, r); err != nil {
			return err
		}
	}
	return nil
}

// needRole requires one of the scenario's role ids.
func needRole(s *scenarios.Session, kind Kind, role string) error {
	var ids []string
	for _, r := range s.Roles() {
		if r.ID == role {
			return nil
		}
		ids = append(ids, r.ID)
	}
	return errorf("event-no-role", "kind", kind, "role", role, "hint", hint(role, ids))
}
