package scenarios

import (
	"sort"
	"time"
)

// Mode is how a clue reaches the players.
type Mode string

// The reveal modes, in the order the decks print them.
const (
	Timed      Mode = "timed"      // handed out at its time
	Contingent Mode = "contingent" // at its time, only if its condition holds
	OnRequest  Mode = "on-request" // when a player asks for it; at is "not before"
)

// Modes lists every reveal mode.
var Modes = []Mode{Timed, Contingent, OnRequest}

// modeOf says how a clue is revealed, from the keys its author wrote.
func modeOf(c *Clue) Mode {
	switch {
	case c.Ask != "":
		return OnRequest
	case c.When != "":
		return Contingent
	}
	return Timed
}

// Reveal is one clue's place in the session.
type Reveal struct {
	Clue  *Clue
	Mode  Mode
	At    time.Duration // when; for an on-request clue, "not before" when HasAt
	HasAt bool
	Round int // the round it falls in, -1 before the first round or untimed
}

// Timeline is how and when every clue of a session is revealed: timed and
// contingent clues in time order, then on-request clues by system and by
// what is asked, so that a facilitator finds one in seconds.
type Timeline struct {
	Reveals []Reveal
}

// Of returns the reveals of one mode, in timeline order.
func (t Timeline) Of(m Mode) []Reveal {
	var out []Reveal
	for _, r := range t.Reveals {
		if r.Mode == m {
			out = append(out, r)
		}
	}
	return out
}

// InRound returns the reveals of one mode that fall in round i (-1: before
// the first round).
func (t Timeline) InRound(i int, m Mode) []Reveal {
	var out []Reveal
	for _, r := range t.Of(m) {
		if r.Round == i {
			out = append(out, r)
		}
	}
	return out
}

// Replacement returns the contingent clue that replaces clue id, if any.
func (t Timeline) Replacement(id string) (*Clue, bool) {
	for _, r := range t.Of(Contingent) {
		if r.Clue.Replaces == id {
			return r.Clue, true
		}
	}
	return nil, false
}

// BuildTimeline orders the (validated) clues and gives each its mode and
// round. Validation calls it; code that changes s.Clues afterwards (a
// packet's subset of clues) calls it again. s.Clues is sorted the same way,
// so that every deck that walks it sees the session in order.
func (s *Scenario) BuildTimeline() {
	type item struct {
		c     Clue
		hasAt bool
	}
	items := make([]item, len(s.Clues))
	for i := range s.Clues {
		s.Clues[i].Mode = modeOf(&s.Clues[i])
		items[i] = item{s.Clues[i], s.Clues[i].At != ""}
	}
	rank := map[Mode]int{Timed: 0, Contingent: 0, OnRequest: 1}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i].c, items[j].c
		if rank[a.Mode] != rank[b.Mode] {
			return rank[a.Mode] < rank[b.Mode]
		}
		if a.Mode == OnRequest {
			if a.System != b.System {
				return a.System < b.System
			}
			return a.Ask < b.Ask
		}
		return a.Offset < b.Offset
	})
	s.Timeline = Timeline{}
	for i, it := range items {
		s.Clues[i] = it.c
	}
	for i, it := range items {
		c := &s.Clues[i]
		r := Reveal{Clue: c, Mode: c.Mode, At: c.Offset, HasAt: it.hasAt, Round: -1}
		if c.Mode != OnRequest {
			r.HasAt = true
			r.Round = s.RoundOf(c.Offset)
		}
		s.Timeline.Reveals = append(s.Timeline.Reveals, r)
	}
}

// Clock is the story's wall clock at offset d, as every card and sheet
// prints it ("09:04"): the one place the story's time is formatted.
func (s *Scenario) Clock(d time.Duration) string {
	return s.Scenario.StartTime.Add(d).Format("15:04")
}
