package written

import "sort"

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

// Order gives each clue its mode and sorts the clues into the timeline's
// order: timed and contingent by time, then on request by system and by
// what is asked. It returns where each clue was: perm[new] is its index as
// written, for the messages that name it by its place in the file.
func (s *Scenario) Order() []int {
	for i := range s.Clues {
		s.Clues[i].Mode = modeOf(&s.Clues[i])
	}
	rank := map[Mode]int{Timed: 0, Contingent: 0, OnRequest: 1}
	return SortStable(s.Clues, func(a, b *Clue) bool {
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
}

// SortStable sorts list stably by less and returns perm: perm[new] is the
// index the entry had before.
func SortStable[T any](list []T, less func(a, b *T) bool) []int {
	perm := make([]int, len(list))
	for i := range perm {
		perm[i] = i
	}
	sort.SliceStable(perm, func(i, j int) bool { return less(&list[perm[i]], &list[perm[j]]) })
	sorted := make([]T, len(list))
	for n, o := range perm {
		sorted[n] = list[o]
	}
	copy(list, sorted)
	return perm
}
