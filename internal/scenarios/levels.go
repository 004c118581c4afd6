package scenarios

import (
	"net/url"
	"regexp"
	"strconv"
	"time"

	"github.com/propdeck/propdeck/internal/vocab"
)

// tagPattern is what a tag may be: a word propdeck examples --tag finds.
var tagPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,39}$`)

// library checks what finds and cites a scenario: its difficulty, tags
// and sources.
func (v *validator) library() {
	m := &v.s.Scenario
	v.enum("scenario.difficulty", m.Difficulty, vocab.Difficulty.Values...)
	for i, t := range m.Tags {
		if !tagPattern.MatchString(t) {
			v.Errorf("scenario.tags."+strconv.Itoa(i), "tag-form", "tag", t)
		}
	}
	for i, src := range m.Sources {
		u, err := url.Parse(src)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			v.Errorf("scenario.sources."+strconv.Itoa(i), "source-not-url", "url", src)
		}
	}
}

// levels checks every only: known difficulties, and no contingency played
// at a level where the clue it replaces is not.
func (v *validator) levels() {
	for i, r := range v.s.Rounds {
		v.only("rounds."+strconv.Itoa(i)+".only", r.Only)
	}
	byID := map[string]*Clue{}
	for i := range v.s.Clues {
		byID[v.s.Clues[i].ID] = &v.s.Clues[i]
	}
	for i, c := range v.s.Clues {
		p := "clues." + strconv.Itoa(i) + ".only"
		v.only(p, c.Only)
		target := byID[c.Replaces]
		if c.Replaces == "" || target == nil {
			continue
		}
		for _, level := range vocab.Difficulty.Values {
			if c.Only.At(level) && !target.Only.At(level) {
				owner, _ := v.Owner(p)
				v.Errorf(p, "replaces-other-level", "entry", owner, "level", level, "id", c.Replaces)
				break
			}
		}
	}
}

func (v *validator) only(path string, l Levels) {
	for j, level := range l {
		v.enum(path+"."+strconv.Itoa(j), level, vocab.Difficulty.Values...)
	}
}

// storyClock checks each round's clock: one earlier than the story's
// time already reached at its start would run the story backwards.
func (v *validator) storyClock() {
	v.s.resolveStory()
	reached := time.Duration(0)
	for i := range v.s.Rounds {
		r := &v.s.Rounds[i]
		p := "rounds." + strconv.Itoa(i)
		if i == 0 {
			reached = r.Offset
		} else {
			prev := v.s.Rounds[i-1]
			reached = prev.Story + (r.Offset - prev.Offset)
		}
		var clock time.Duration
		if r.Clock != "" && v.offset(p+".clock", r.Clock, &clock) && clock < reached {
			v.Errorf(p+".clock", "clock-backwards", "round", r.Title, "clock", r.Clock, "reached", FormatOffset(reached))
		}
	}
}

// Story is the story's time at session offset d: where the round it falls
// in moved the story's clock to, and on from there.
func (s *Session) Story(d time.Duration) time.Duration { return s.w.story(d) }

// Session is the session offset at which the story reaches story: the
// inverse of Story, for data stamped with the story's clock.
func (s *Session) Session(story time.Duration) time.Duration { return s.w.sessionAt(story) }

// StoryTime is the story's wall time at session offset d.
func (s *Session) StoryTime(d time.Duration) time.Time {
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
	if s.written == nil {
		s.written = &written{rounds: s.w.Rounds, clues: s.w.Clues, complications: s.w.Complications}
	}
	w := s.written
	s.w.Scenario.Difficulty = level
	s.w.Complications = w.complications
	rounds := make([]Round, 0, len(w.rounds))
	for _, r := range w.rounds {
		if r.Only.At(level) {
			rounds = append(rounds, r)
		}
	}
	s.w.Rounds = rounds
	clues := make([]Clue, 0, len(w.clues))
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
		s.w.Complications = Complications{}
	}
	s.resolve()
}

// written is the scenario as its file has it, every level's rounds and
// clues, for Played to play at another level.
type written struct {
	rounds        []Round
	clues         []Clue
	complications Complications
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
