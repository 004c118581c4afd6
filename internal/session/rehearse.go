package session

import (
	"cmp"
	"slices"
	"time"

	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/written"
)

// Rehearse is the state of a session, held in memory only, in which every
// card of the timeline was handed out at its time: timed cards, every
// contingency fired and every on-request card asked for (at its "not
// before", else at the end). Its views are what each audience would have
// seen by the end, built by the views' own code from the handed-out
// cards, so that an author (propdeck edit) can check what is public.
func Rehearse(s *scenarios.Session) *State {
	st := newState(s)
	t0 := time.Unix(0, 0).UTC()
	end := s.Meta().DurationValue
	type step struct {
		at time.Duration
		e  Event
	}
	var steps []step
	fired := true
	for _, rv := range s.Timeline().Reveals {
		at := rv.At()
		e := Event{Kind: reveal, Clue: rv.Clue.ID}
		switch rv.Mode() {
		case written.Contingent:
			e = Event{Kind: contingency, Clue: rv.Clue.ID, Fired: &fired}
		case written.OnRequest:
			e = Event{Kind: request, Clue: rv.Clue.ID, Ask: rv.Clue.Ask}
			if !rv.HasAt {
				at = max(end, at)
			}
		}
		steps = append(steps, step{at, e})
	}
	slices.SortStableFunc(steps, func(a, b step) int { return cmp.Compare(a.at, b.at) })
	// At pace 1 the session's seconds are the script's, whatever pace run would use.
	events := []Event{{Kind: start}}
	for _, p := range steps {
		p.e.T = max(p.at.Seconds(), 0)
		events = append(events, p.e)
	}
	last := events[len(events)-1].T
	events = append(events, Event{Kind: End, T: last})
	for i, e := range events {
		e.Seq = i + 1
		e.At = t0.Add(time.Duration(e.T * float64(time.Second)))
		// A card the state refuses (one handed out twice) is left out,
		// as the console would refuse it.
		_ = st.Apply(e)
	}
	return st
}
