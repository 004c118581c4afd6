package scenarios

import (
	"time"

	"github.com/propdeck/propdeck/internal/vocab"
	"github.com/propdeck/propdeck/internal/written"
)

// Story is the story's time at session offset d: where the round it falls
// in moved the story's clock to, and on from there.
func (s *Session) Story(d time.Duration) time.Duration { return s.w.Story(d) }

// storyTime is the story's wall time at session offset d.
func (s *Session) storyTime(d time.Duration) time.Time {
	return s.w.Scenario.StartTime.Add(s.Story(d))
}

// LogLine is a log entry as its card prints it, stamped with the story's
// clock.
func (s *Session) LogLine(e LogEntry, format string) string {
	e.Offset = s.Story(e.Offset)
	return FormatLog(e, format, s.w.Scenario.StartTime)
}

// Difficulty is the level the scenario plays at: its own, else standard.
func (s *Session) Difficulty() string {
	if s.w.Scenario.Difficulty == "" {
		return vocab.Difficulty.Values[0]
	}
	return s.w.Scenario.Difficulty
}

// playAt makes the scenario the one played at a difficulty, while it is
// made and before anything reads it: the rounds and clues of other levels
// leave, and the
// level changes what is handed out unasked. At intro every on-request
// card with a time is also handed out then, and no complication is drawn;
// at hard the timed log and metric cards are handed out only when asked
// for. The run sheet says the rest (hints at intro, more complications
// and a card for every missed action at hard).
func (s *Session) playAt(level string) {
	if s.every == nil {
		s.every = &everyLevel{rounds: s.w.Rounds, clues: s.w.Clues, complications: s.w.Complications}
	}
	w := s.every
	s.w.Scenario.Difficulty = level
	s.w.Complications = w.complications
	rounds := make([]written.Round, 0, len(w.rounds))
	for _, r := range w.rounds {
		if r.Only.At(level) {
			rounds = append(rounds, r)
		}
	}
	s.w.Rounds = rounds
	clues := make([]written.Clue, 0, len(w.clues))
	for _, c := range w.clues {
		if !c.Only.At(level) {
			continue
		}
		switch {
		case level == "intro" && c.Ask != "" && c.At != "":
			c.Ask = "" // handed out at its time, as well as when asked
		case level == "hard" && c.Ask == "" && c.When == "" && (c.Log != nil || c.Metric != nil):
			c.Ask = c.Title // the team has to ask for the dashboard
		}
		clues = append(clues, c)
	}
	s.w.Clues = clues
	if level == "intro" {
		s.w.Complications = written.Complications{}
	}
	s.resolve()
}

// everyLevel is the scenario as its file has it, every level's rounds and
// clues, for Played to play at another level.
type everyLevel struct {
	rounds        []written.Round
	clues         []written.Clue
	complications written.Complications
}

// leveled reports whether the scenario says anything of difficulty.
func (s *Session) leveled() bool {
	if s.w.Scenario.Difficulty != "" {
		return true
	}
	for _, r := range s.w.Rounds {
		if len(r.Only) > 0 {
			return true
		}
	}
	for _, c := range s.w.Clues {
		if len(c.Only) > 0 {
			return true
		}
	}
	return false
}
