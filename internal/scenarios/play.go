package scenarios

import "slices"

// Play is how a session plays a scenario: the inputs of its resolution,
// each zero for the scenario's own.
type Play struct {
	Level    string  // a difficulty: the rounds and clues played, what is handed out unasked
	Language string  // the language the complication cards (and the pages) speak
	Pace     float64 // story minutes a session minute, for a live session
}

// Played is the scenario as a session plays it: a new scenario resolved
// with p's level, language and pace. s is unchanged, so that one scenario
// read once can be played many ways.
func (s *Session) Played(p Play) *Session {
	c := *s
	if p.Language != "" {
		c.w.Scenario.Language = p.Language
	}
	if p.Pace != 0 {
		c.w.Scenario.Pace = p.Pace
	}
	if p.Level != "" {
		c.playAt(p.Level) // new lists, from every level's
		return &c
	}
	// Resolving writes each clue's mode and order and each round's story
	// time: into lists of its own.
	c.w.Rounds, c.w.Clues = slices.Clone(s.w.Rounds), slices.Clone(s.w.Clues)
	c.resolve()
	return &c
}

// Pace is the story minutes a session minute the scenario is played at:
// its own (or Play's), else 1.
func (s *Session) Pace() float64 { return max(s.w.Scenario.Pace, 1) }
