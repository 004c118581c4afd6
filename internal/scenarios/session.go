package scenarios

import (
	"slices"
	"time"

	"github.com/propdeck/propdeck/internal/tomlfile"
)

// Session is a scenario as one session plays it: read, held to the
// format's rules, and resolved at its level, language and pace (Played
// makes another). It is not internal/session, the journal of a live
// session: that package reads one of these.
//
// Every part is read through a method that hands out a copy, deep enough
// that a reader changing what it got changes nothing another reads: a
// Session cannot be changed once made.
type Session struct {
	// w is the scenario as played: the level's rounds and clues, the
	// clues in timeline order, each with its mode, time and story time.
	w Scenario

	// timeline is every clue's mode, time and round, built once by
	// resolve and read by every deck through Timeline.
	timeline Timeline
	// clueAt is each clue's place in timeline, by id, built with it:
	// the lookup Clue answers from.
	clueAt map[string]int

	// written keeps every level's rounds and clues once playAt has played
	// the scenario at one.
	written *written

	// resolved is what resolve works out once for every reader: generated
	// log lines, sampled series, the complication cards in play.
	resolved resolved

	// printing is what the decks print, given when the scenario was
	// read: its records and the room's text are held to the same rule.
	printing Printing
}

// newSession resolves a scenario the rules found valid, at its own level.
func newSession(w *Scenario, p Printing) *Session {
	s := &Session{w: *w, printing: p}
	if s.leveled() {
		s.playAt(s.Difficulty())
	} else {
		s.resolve()
	}
	return s
}

// Outline is the session with only what names it: its [scenario] table,
// roles, systems and file, for a reader that keeps many scenarios and
// never shows their clues, rounds or what resolving them makes.
func (s *Session) Outline() *Session {
	w := Scenario{Format: s.w.Format, Scenario: s.w.Scenario, Roles: s.w.Roles, Systems: s.w.Systems, File: s.w.File}
	return &Session{w: w, printing: s.printing}
}

// Format is the scenario's format version.
func (s *Session) Format() int64 { return s.w.Format }

// Meta is the [scenario] table.
func (s *Session) Meta() Meta { return s.w.Scenario.clone() }

// Print is the [print] table.
func (s *Session) Print() Print { return s.w.Print.clone() }

// Roles are the roles, the included ones with the scenario's own.
func (s *Session) Roles() []Role { return cloneEach(s.w.Roles, Role.clone) }

// Systems are the systems, the included ones with the scenario's own.
func (s *Session) Systems() []System { return cloneEach(s.w.Systems, System.clone) }

// Rounds are the rounds played, in time order.
func (s *Session) Rounds() []Round { return cloneEach(s.w.Rounds, Round.clone) }

// Clues are the clues played, in timeline order.
func (s *Session) Clues() []Clue { return cloneEach(s.w.Clues, Clue.clone) }

// Worksheets is the [worksheets] table.
func (s *Session) Worksheets() Worksheets { return s.w.Worksheets.clone() }

// Premortem is the [premortem] table.
func (s *Session) Premortem() Premortem { return s.w.Premortem.clone() }

// Complications is the [complications] table as played.
func (s *Session) Complications() Complications { return s.w.Complications.clone() }

// Notes are the warnings the rules found at a line; they stop no build.
func (s *Session) Notes() []tomlfile.Error { return slices.Clone(s.w.Notes) }

// File is the path the scenario was read from.
func (s *Session) File() string { return s.w.File }

// Dir is the folder of File.
func (s *Session) Dir() string { return s.w.Dir }

// Edited is a new session resolved from a copy of s's scenario (as
// played) after edit has changed it, for a caller that varies one
// scenario many ways (a test of a long title, of another paper); s stays
// as it was. The rules do not read the edit again: it must keep the
// scenario valid.
func (s *Session) Edited(edit func(*Scenario)) *Session {
	w := s.w
	w.Scenario = w.Scenario.clone()
	w.Print = w.Print.clone()
	w.Roles = cloneEach(w.Roles, Role.clone)
	w.Systems = cloneEach(w.Systems, System.clone)
	w.Rounds = cloneEach(w.Rounds, Round.clone)
	w.Clues = cloneEach(w.Clues, Clue.clone)
	w.Worksheets = w.Worksheets.clone()
	w.Premortem = w.Premortem.clone()
	w.Complications = w.Complications.clone()
	w.Notes = slices.Clone(w.Notes)
	edit(&w)
	return newSession(&w, s.printing)
}

// RoundOf returns the index of the round an offset falls in: the last round
// that starts at or before it, or -1 before the first round (or when there
// are no rounds). Rounds are in time order after validation.
func (s *Session) RoundOf(offset time.Duration) int { return s.w.roundOf(offset) }

// SystemName is the name of the system with this id, "" when the
// scenario declares none: each caller says what stands in for it.
func (s *Session) SystemName(id string) string {
	for _, sy := range s.w.Systems {
		if sy.ID == id {
			return sy.Name
		}
	}
	return ""
}

// RoleName is the name of the role with this id, "" when the scenario
// declares none: each caller says what stands in for it.
func (s *Session) RoleName(id string) string {
	for _, r := range s.w.Roles {
		if r.ID == id {
			return r.Name
		}
	}
	return ""
}
