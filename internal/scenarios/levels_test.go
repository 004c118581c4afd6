package scenarios

import (
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/written"
)

const leveled = `format = 1
[scenario]
id = "lv"
title = "Levels"
start = "2026-03-10T09:00:00Z"
[[roles]]
id = "ic"
name = "IC"
[[rounds]]
at = "T+0"
title = "One"
[[rounds]]
at = "T+30m"
title = "Two"
clock = "T+6h"
[[rounds]]
at = "T+50m"
title = "Three, hard only"
only = "hard"
[[clues]]
id = "t1"
at = "T+5m"
title = "Timed"
[[clues]]
id = "r1"
at = "T+10m"
ask = "the dashboard"
title = "On request, not before T+10m"
[[clues]]
id = "m1"
at = "T+35m"
title = "A chart"
  [clues.metric]
  from = "T+20m"
  to = "T+35m"
  [[clues.metric.series]]
  name = "p99"
  points = [["T+20m", 1.0], ["T+35m", 2.0]]
[[clues]]
id = "h1"
at = "T+40m"
only = ["hard"]
title = "Only at hard"
[[clues]]
id = "n1"
at = "T+45m"
only = ["intro", "standard"]
title = "Not at hard"
[complications]
sets = ["people"]
`

// TestPlayed plays one file at each level: what each level hands out
// unasked, which rounds and clues it keeps, its complications, and that a
// level played after another starts from the file again (Played).
func TestPlayed(t *testing.T) {
	s, err := Parse("lv.toml", []byte(leveled), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		level         string
		rounds        int
		modes         map[string]written.Mode
		complications bool
	}{
		{"standard", 2, map[string]written.Mode{"t1": written.Timed, "r1": written.OnRequest, "m1": written.Timed, "n1": written.Timed}, true},
		{"intro", 2, map[string]written.Mode{"t1": written.Timed, "r1": written.Timed, "m1": written.Timed, "n1": written.Timed}, false},
		{"hard", 3, map[string]written.Mode{"t1": written.Timed, "r1": written.OnRequest, "m1": written.OnRequest, "h1": written.Timed}, true},
		{"standard", 2, map[string]written.Mode{"t1": written.Timed, "r1": written.OnRequest, "m1": written.Timed, "n1": written.Timed}, true},
	} {
		s := s.Played(Play{Level: tc.level})
		got := map[string]written.Mode{}
		for _, r := range s.Timeline().Reveals {
			got[r.Clue.ID] = r.Mode()
		}
		if len(s.Rounds()) != tc.rounds || len(got) != len(tc.modes) || (len(s.ComplicationCards()) > 0) != tc.complications {
			t.Errorf("%s: %d rounds, clues %v, %d complications", tc.level, len(s.Rounds()), got, len(s.ComplicationCards()))
		}
		for id, m := range tc.modes {
			if got[id] != m {
				t.Errorf("%s: clue %s is %s, want %s", tc.level, id, got[id], m)
			}
		}
	}
}

// TestStoryClock: a round's clock moves the story's time from its start,
// on every card and log line; before it the story runs with the session.
func TestStoryClock(t *testing.T) {
	s, err := Parse("lv.toml", []byte(leveled), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		at, clock string
	}{{"T+5m", "09:05"}, {"T+29m", "09:29"}, {"T+30m", "15:00"}, {"T+35m", "15:05"}} {
		d, _ := written.ParseOffsetValue(tc.at)
		if got := s.Clock(d); got != tc.clock {
			t.Errorf("%s: the story's clock is %s, want %s", tc.at, got, tc.clock)
		}
	}
	line := s.LogLine(LogEntry{Offset: 31 * time.Minute, Level: "info", Msg: "m"}, "plain")
	if !strings.HasPrefix(line, "2026-03-10T15:01:00Z") {
		t.Errorf("a log line at T+31m reads %q", line)
	}
	back := strings.Replace(leveled, `clock = "T+6h"`, `clock = "T+20m"`, 1)
	if _, err := Parse("lv.toml", []byte(back), nil, nil); err == nil || !strings.Contains(err.Error(), "never runs backwards") {
		t.Errorf("a clock that runs the story backwards gave %v", err)
	}
}

func TestOnlyKeepsContingenciesWithTheirClue(t *testing.T) {
	src := leveled + "[[clues]]\nid = \"x1\"\nat = \"T+45m\"\nwhen = \"they ask\"\ninstead_of = \"n1\"\ntitle = \"Instead\"\n"
	if _, err := Parse("lv.toml", []byte(src), nil, nil); err == nil || !strings.Contains(err.Error(), `replaces "n1", which is not played at hard`) {
		t.Errorf("a contingency at a level without its clue gave %v", err)
	}
}

// TestPlayedLeavesTheScenario: level, language and pace are inputs of a
// new resolution; the scenario read before is not changed by it.
func TestPlayedLeavesTheScenario(t *testing.T) {
	t.Parallel()
	s, err := Parse("lv.toml", []byte(leveled), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rounds, clues, cards, lang := len(s.Rounds()), len(s.Clues()), len(s.ComplicationCards()), s.Meta().Language
	p := s.Played(Play{Level: "hard", Language: "ko", Pace: 16})
	if len(p.Rounds()) != 3 || p.Meta().Language != "ko" || p.Pace() != 16 || p.Difficulty() != "hard" {
		t.Errorf("played: %d rounds, language %q, pace %g, level %s", len(p.Rounds()), p.Meta().Language, p.Pace(), p.Difficulty())
	}
	if len(s.Rounds()) != rounds || len(s.Clues()) != clues || len(s.ComplicationCards()) != cards || s.Meta().Language != lang || s.Pace() != 1 || s.Difficulty() != "standard" {
		t.Errorf("the scenario changed: %d rounds, %d clues, language %q, pace %g, level %s", len(s.Rounds()), len(s.Clues()), s.Meta().Language, s.Pace(), s.Difficulty())
	}
	for _, r := range s.Timeline().Reveals {
		if r.Clue.ID == "m1" && r.Mode() != written.Timed {
			t.Errorf("the scenario's m1 is %s after playing hard", r.Mode())
		}
	}
	again := s.Played(Play{})
	if len(again.Rounds()) != rounds || &again.w.Clues[0] == &s.w.Clues[0] {
		t.Error("playing at the scenario's own level shares its lists")
	}
}

// TestResolvedIsHandedOutAsCopies: what a consumer does with the timeline
// or the complication cards it was given does not reach the scenario.
func TestResolvedIsHandedOutAsCopies(t *testing.T) {
	t.Parallel()
	s, err := Parse("lv.toml", []byte(leveled), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	tl := s.Timeline()
	title := tl.Reveals[0].Clue.Title
	tl.Reveals[0].Clue.Title = "changed"
	tl.Reveals[1] = Reveal{}
	cards := s.ComplicationCards()
	cards[0].Title = "changed"
	again := s.Timeline()
	if again.Reveals[0].Clue.Title != title || again.Reveals[1].Clue == nil || s.Clues()[0].Title == "changed" {
		t.Error("a change to the timeline handed out reached the scenario")
	}
	if s.ComplicationCards()[0].Title == "changed" {
		t.Error("a change to the complication cards handed out reached the scenario")
	}
}
