package scenarios

import (
	"time"

	"github.com/propdeck/propdeck/internal/written"
)

// WarningKind is what a warning is about.
type WarningKind int

// The warnings: none stops a build, each is worth a look.
const (
	AfterEnd        WarningKind = iota // a clue after the session's planned end
	EmptyRound                         // a round in which no clue is revealed
	NoRecipient                        // a clue no role receives (to = [])
	ReceivesNothing                    // a role that receives nothing all session
)

// Warning is one warning, with what it names; the decks say it in the
// scenario's language.
type Warning struct {
	Kind  WarningKind
	Clue  string        // the clue's id
	Round string        // the round's title
	Role  string        // the role, as "id (name)"
	At    time.Duration // the clue's or the round's time
}

// Warnings are the scenario's warnings, in the order the run sheet lists
// them: clues after the planned end, empty rounds, clues for nobody,
// roles that receive nothing.
func (s *Session) Warnings() []Warning {
	var out []Warning
	timed := append(s.timeline.Of(written.Timed), s.timeline.Of(written.Contingent)...)
	if end := s.w.Scenario.DurationValue; end > 0 {
		for _, rv := range timed {
			if rv.At() > end {
				out = append(out, Warning{Kind: AfterEnd, Clue: rv.Clue.ID, At: rv.At()})
			}
		}
	}
	revealed := make([]bool, len(s.w.Rounds))
	for _, rv := range timed {
		if rv.Round >= 0 {
			revealed[rv.Round] = true
		}
	}
	for i, r := range s.w.Rounds {
		if !revealed[i] {
			out = append(out, Warning{Kind: EmptyRound, Round: r.Title, At: r.Offset})
		}
	}
	return append(out, s.recipientWarnings()...)
}

// recipientWarnings are the clues for nobody and, when no clue goes to
// everyone, the roles no clue goes to.
func (s *Session) recipientWarnings() []Warning {
	var out []Warning
	gets := map[string]bool{}
	everyone := false
	for _, c := range s.w.Clues {
		if c.To == nil {
			everyone = true
		}
		if c.To != nil && len(c.To) == 0 {
			out = append(out, Warning{Kind: NoRecipient, Clue: c.ID})
		}
		for _, id := range c.To {
			gets[id] = true
		}
	}
	if !everyone {
		for _, r := range s.w.Roles {
			if !gets[r.ID] {
				out = append(out, Warning{Kind: ReceivesNothing, Role: r.ID + " (" + r.Name + ")"})
			}
		}
	}
	return out
}
