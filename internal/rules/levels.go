package rules

import (
	"net/url"
	"regexp"
	"strconv"
	"time"

	"github.com/propdeck/propdeck/internal/vocab"
	"github.com/propdeck/propdeck/internal/written"
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
	byID := map[string]*written.Clue{}
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

func (v *validator) only(path string, l written.Levels) {
	for j, level := range l {
		v.enum(path+"."+strconv.Itoa(j), level, vocab.Difficulty.Values...)
	}
}

// storyClock checks each round's clock: one earlier than the story's
// time already reached at its start would run the story backwards.
func (v *validator) storyClock() {
	v.s.ResolveStory()
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
			v.Errorf(p+".clock", "clock-backwards", "round", r.Title, "clock", r.Clock, "reached", written.FormatOffset(reached))
		}
	}
}
