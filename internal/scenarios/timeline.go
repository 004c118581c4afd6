package scenarios

import (
	"slices"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/complications"
	"github.com/propdeck/propdeck/internal/written"
)

// Reveal is one clue's place in the session: its clue, whether it has a
// time, and its round. The mode and time are the clue's own.
type Reveal struct {
	Clue  *written.Clue
	HasAt bool
	Round int // the round it falls in, -1 before the first round or untimed
}

// Mode is how the clue is revealed.
func (r Reveal) Mode() written.Mode { return r.Clue.Mode }

// At is when the clue is revealed; for an on-request clue, "not before"
// when HasAt.
func (r Reveal) At() time.Duration { return r.Clue.Offset }

// Timeline is how and when every clue of a session is revealed: timed and
// contingent clues in time order, then on-request clues by system and by
// what is asked, so that a facilitator finds one in seconds.
type Timeline struct {
	Reveals []Reveal
}

// Timeline is how and when every clue of the session is revealed, as
// resolved: each caller gets its own list of reveals, each with its own
// copy of its clue.
func (s *Session) Timeline() Timeline {
	out := Timeline{Reveals: make([]Reveal, len(s.timeline.Reveals))}
	clues := make([]written.Clue, len(s.timeline.Reveals))
	for i, r := range s.timeline.Reveals {
		clues[i] = r.Clue.Clone()
		r.Clue = &clues[i]
		out.Reveals[i] = r
	}
	return out
}

// Of returns the reveals of one mode, in timeline order.
func (t Timeline) Of(m written.Mode) []Reveal {
	var out []Reveal
	for _, r := range t.Reveals {
		if r.Mode() == m {
			out = append(out, r)
		}
	}
	return out
}

// InRound returns the reveals of one mode that fall in round i (-1: before
// the first round).
func (t Timeline) InRound(i int, m written.Mode) []Reveal {
	var out []Reveal
	for _, r := range t.Of(m) {
		if r.Round == i {
			out = append(out, r)
		}
	}
	return out
}

// resolve works out, once, everything a reader of the scenario needs
// beyond what the file says: the timeline, each log clue's lines, each
// series' samples and the complication cards in play. Reading a scenario
// and Played call it, while the scenario is made; nothing that reads a
// scenario changes it afterwards.
func (s *Session) resolve() {
	s.buildTimeline()
	s.w.ResolveStory()
	s.resolveContent()
}

// resolveContent generates what the clues only describe, once the file
// has been found valid: the generators trust what validation checked.
func (s *Session) resolveContent() {
	s.resolved = resolved{logs: map[string][]LogEntry{}, samples: map[string][][]written.Sample{}}
	for _, c := range s.w.Clues {
		if c.Log != nil {
			s.resolved.logs[c.ID] = entriesOf(&s.w, c)
		}
		if c.Metric != nil {
			series := make([][]written.Sample, len(c.Metric.Series))
			for i, sr := range c.Metric.Series {
				series[i] = samplesOf(&s.w, c, sr)
			}
			s.resolved.samples[c.ID] = series
		}
	}
	s.resolved.complications = s.complicationCards()
}

// resolved is what Resolve works out.
type resolved struct {
	logs          map[string][]LogEntry         // by clue id
	samples       map[string][][]written.Sample // by clue id, a list per series
	complications []complications.Card
}

// LogEntries are a log clue's lines in time order: an imported excerpt's
// as they are, then the explicit and generated lines merged by time. Each
// caller gets its own copy: what was resolved stays as it was.
func (s *Session) LogEntries(c written.Clue) []LogEntry {
	return written.CloneEach(s.resolved.logs[c.ID], LogEntry.clone)
}

// Samples are the samples of a metric clue's series i within its window.
func (s *Session) Samples(c written.Clue, i int) []written.Sample {
	if series := s.resolved.samples[c.ID]; i < len(series) {
		return slices.Clone(series[i])
	}
	return nil
}

// ComplicationCards are the cards of the chosen built-in sets and picks,
// in the scenario's language and cast with its roles, then its own; a
// copy each time.
func (s *Session) ComplicationCards() []complications.Card {
	return slices.Clone(s.resolved.complications)
}

// buildTimeline orders the (validated) clues and gives each its mode and
// round. The clues are sorted the same way, so that every deck that walks
// them sees the session in order.
func (s *Session) buildTimeline() {
	s.w.Order()
	s.timeline = Timeline{}
	for i := range s.w.Clues {
		c := &s.w.Clues[i]
		r := Reveal{Clue: c, HasAt: c.At != "", Round: -1}
		if c.Mode != written.OnRequest {
			r.HasAt = true
			r.Round = s.RoundOf(c.Offset)
		}
		s.timeline.Reveals = append(s.timeline.Reveals, r)
	}
	s.clueAt = make(map[string]int, len(s.timeline.Reveals))
	for i, r := range s.timeline.Reveals {
		s.clueAt[r.Clue.ID] = i
	}
}

// Clue is the clue with this id as the timeline has it, a copy, and false
// for an id the scenario has no clue of: one lookup, where Timeline and
// Clues copy every clue.
func (s *Session) Clue(id string) (written.Clue, bool) {
	i, ok := s.clueAt[id]
	if !ok {
		return written.Clue{}, false
	}
	return s.timeline.Reveals[i].Clue.Clone(), true
}

// Clock is the story's wall clock at offset d, as every card and sheet
// prints it ("09:04"): the one place the story's time is formatted.
func (s *Session) Clock(d time.Duration) string {
	return s.storyTime(d).Format("15:04")
}

// complicationCards lists the cards of the chosen built-in sets, in the
// scenario's language, then the scenario's own.
func (s *Session) complicationCards() []complications.Card {
	var builtin []complications.Card
	for _, set := range s.w.Complications.Sets {
		builtin = append(builtin, complications.Set(set, s.w.Scenario.Language)...)
	}
	for _, id := range s.w.Complications.Pick {
		if c, ok := complications.Find(id, s.w.Scenario.Language); ok {
			builtin = append(builtin, c)
		}
	}
	var out []complications.Card
	for _, c := range builtin {
		out = append(out, complications.Cast(c, func(pick string) string { return roleName(s, pick) }))
	}
	for _, c := range s.w.Complications.Cards {
		out = append(out, complications.Card{ID: c.ID, Title: c.Title, Body: c.Body})
	}
	return out
}

// roleName is the name of the scenario's role with id pick, or of the
// first whose id starts with pick's prefix when it ends in *; "" for none.
func roleName(s *Session, pick string) string {
	prefix, wild := strings.CutSuffix(pick, "*")
	for _, r := range s.w.Roles {
		if r.ID == pick || wild && strings.HasPrefix(r.ID, prefix) {
			return r.Name
		}
	}
	return ""
}
