package written

import "time"

// resolveStory works out the story's time at each round's start: its
// clock, else on from the round before (never backwards).
func (s *Scenario) ResolveStory() {
	for i := range s.Rounds {
		r := &s.Rounds[i]
		r.Story = r.Offset
		if i > 0 {
			prev := s.Rounds[i-1]
			r.Story = prev.Story + (r.Offset - prev.Offset)
		}
		if d, err := parseOffset(r.Clock); r.Clock != "" && err == nil && d > r.Story {
			r.Story = d
		}
	}
}

// story is the story's time at session offset d.
func (s *Scenario) Story(d time.Duration) time.Duration {
	k := s.RoundOf(d)
	if k < 0 {
		return d
	}
	r := s.Rounds[k]
	return r.Story + (d - r.Offset)
}

// sessionAt is the session offset at which the story reaches story.
func (s *Scenario) SessionAt(story time.Duration) time.Duration {
	d := story
	for _, r := range s.Rounds {
		if r.Story <= story {
			d = r.Offset + (story - r.Story)
		}
	}
	return d
}

// roundOf returns the index of the round an offset falls in (see
// Session.RoundOf).
func (s *Scenario) RoundOf(offset time.Duration) int {
	k := -1
	for i, r := range s.Rounds {
		if r.Offset <= offset {
			k = i
		}
	}
	return k
}
