// Package scenarios reads a scenario file, holds it to the format's rules
// and resolves it into a Session: the timeline, the level played, the
// generated log lines and samples, the complication cards. Every reader
// of a scenario gets a Session, whose parts come out as copies.
package scenarios

import (
	"time"

	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/written"
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
	w written.Scenario

	// timeline is every clue's mode, time and round, built once by
	// resolve and read by every deck through Timeline.
	timeline Timeline
	// clueAt is each clue's place in timeline, by id, built with it:
	// the lookup Clue answers from.
	clueAt map[string]int

	// every keeps every level's rounds and clues once playAt has played
	// the scenario at one.
	every *everyLevel

	// resolved is what resolve works out once for every reader: generated
	// log lines, sampled series, the complication cards in play.
	resolved resolved

	// printing is what the decks print, given when the scenario was
	// read: its records and the room's text are held to the same rule.
	printing rules.Printing
}

// newSession resolves a scenario the rules found valid, at its own level.
func newSession(w *written.Scenario, p rules.Printing) *Session {
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
	w := written.Scenario{Format: s.w.Format, Scenario: s.w.Scenario, Roles: s.w.Roles, Systems: s.w.Systems, File: s.w.File}
	return &Session{w: w, printing: s.printing}
}

// Meta is the [scenario] table.
func (s *Session) Meta() written.Meta { return s.w.Scenario.Clone() }

// Language is the scenario's language: Meta's, without copying Meta's
// lists, for the many readers that want only this.
func (s *Session) Language() string { return s.w.Scenario.Language }

// ID is the scenario's id, as Language is its language.
func (s *Session) ID() string { return s.w.Scenario.ID }

// Title is the scenario's title, as Language is its language.
func (s *Session) Title() string { return s.w.Scenario.Title }

// Print is the [print] table.
func (s *Session) Print() written.Print { return s.w.Print.Clone() }

// Roles are the roles, the included ones with the scenario's own.
func (s *Session) Roles() []written.Role { return written.CloneEach(s.w.Roles, written.Role.Clone) }

// Systems are the systems, the included ones with the scenario's own.
func (s *Session) Systems() []written.System {
	return written.CloneEach(s.w.Systems, written.System.Clone)
}

// Rounds are the rounds played, in time order.
func (s *Session) Rounds() []written.Round { return written.CloneEach(s.w.Rounds, written.Round.Clone) }

// Round is round i of Rounds, a copy: one round, where Rounds copies
// every one.
func (s *Session) Round(i int) written.Round { return s.w.Rounds[i].Clone() }

// Clues are the clues played, in timeline order.
func (s *Session) Clues() []written.Clue { return written.CloneEach(s.w.Clues, written.Clue.Clone) }

// Worksheets is the [worksheets] table.
func (s *Session) Worksheets() written.Worksheets { return s.w.Worksheets.Clone() }

// Premortem is the [premortem] table.
func (s *Session) Premortem() written.Premortem { return s.w.Premortem.Clone() }

// Complications is the [complications] table as played.
func (s *Session) Complications() written.Complications { return s.w.Complications.Clone() }

// Notes are the warnings the rules found at a line; they stop no build.
// Each message's values are copied too.
func (s *Session) Notes() []tomlfile.Error { return written.CloneEach(s.w.Notes, written.CloneNote) }

// File is the path the scenario was read from.
func (s *Session) File() string { return s.w.File }

// Dir is the folder of File.
func (s *Session) Dir() string { return s.w.Dir }

// Edited is a new session resolved from a copy of s's scenario (as
// played) after edit has changed it, for a caller that varies one
// scenario many ways; s stays as it was. The rules do not read the edit
// again: it must keep the scenario valid. Only tests call it (a long
// title, another paper, a poll no example has): it is their one way to
// vary a session, kept for them.
func (s *Session) Edited(edit func(*written.Scenario)) *Session {
	w := s.w.Clone()
	edit(&w)
	return newSession(&w, s.printing)
}

// RoundOf returns the index of the round an offset falls in: the last round
// that starts at or before it, or -1 before the first round (or when there
// are no rounds). Rounds are in time order after validation.
func (s *Session) RoundOf(offset time.Duration) int { return s.w.RoundOf(offset) }

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

// Decode decodes another file kind read against the scenario (a session
// record): strictly, its text held to the rule the scenario was read
// with, then check adds the kind's own rules; every error at once, at its
// line, in the scenario's language.
func (s *Session) Decode(name string, data []byte, dst any, emptyHint text.Message, check func(rules.Check)) error {
	// The rules read the scenario (its start, for times) and change
	// nothing of it; they are given their own copy, deep, all the same:
	// a record is decoded once, so the copy costs little.
	w := s.w.Clone()
	return rules.Decode(&w, s.printing, name, data, dst, emptyHint, check)
}

// Printing is what the scenario was read with: a file read beside it
// (its roster) is held to the same.
func (s *Session) Printing() rules.Printing { return rules.OrEmbeddable(s.printing) }

// CheckText holds the room's text to the rule the scenario was read with.
func (s *Session) CheckText(t string) error { return rules.CheckText(t, s.printing) }

// PollOf is the poll a round of the scenario prepared with id, or nil.
// The poll is a copy: changing it changes nothing the session holds.
func (s *Session) PollOf(id string) *written.Poll {
	for _, r := range s.w.Rounds {
		for _, p := range r.Polls {
			if p.ID == id {
				c := p.Clone()
				return &c
			}
		}
	}
	return nil
}
