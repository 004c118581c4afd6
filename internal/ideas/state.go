package ideas

import (
	"crypto/rand"
	"encoding/hex"
	"maps"
	"slices"
	"time"
)

// State is what the journal's events add up to, and nothing else:
// restarting replays it.
type State struct {
	Seq   int
	Phase string // "" before the first phase event
	// Since is when the phase began, Timer its timer in seconds (0: none).
	Since time.Time
	Timer int
	Ideas []Idea // in the order they came, which no view shows
	// Revealed: the ideas not hidden are shown to every page.
	Revealed bool
	Groups   []Group
	// Votes are the dots per idea or group: no view shows them until the
	// vote has closed.
	Votes map[string]int
	// RoomPlaces: the facilitator opened placing to the room.
	RoomPlaces bool
	Places     map[string]Event
	Picks      []Event // the last pick of each target, in the order picked
	Ended      bool
	Events     []Event
}

// Idea is one idea: its random id, its text, and whether the
// facilitator hid it before the reveal.
type Idea struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Hidden bool   `json:"hidden,omitempty"`
}

// Group is a theme ideas were grouped into.
type Group struct {
	ID    string   `json:"id"`
	Title string   `json:"title"`
	Ideas []string `json:"ideas"`
}

// Bounds of a session, so that one device cannot drown it.
const (
	maxIdeas  = 1000
	maxGroups = 200
)

func newState() *State {
	return &State{Votes: map[string]int{}, Places: map[string]Event{}}
}

// clone is a copy the journal may change while readers keep this one.
func (st *State) clone() *State {
	c := *st
	c.Ideas, c.Groups, c.Picks = slices.Clone(st.Ideas), slices.Clone(st.Groups), slices.Clone(st.Picks)
	c.Votes, c.Places = maps.Clone(st.Votes), maps.Clone(st.Places)
	return &c
}

// phaseAt is the index of a phase in Phases; -1 before the first.
func phaseAt(p string) int { return slices.Index(Phases, p) }

// VoteClosed: the phase is past the vote, so its dots may be shown.
func (st *State) VoteClosed() bool { return phaseAt(st.Phase) > phaseAt("vote") }

// prepare gives a new idea or group its random id before it is checked.
func (st *State) prepare(e *Event) {
	if e.Kind == KindIdea || e.Kind == KindGroup && e.ID == "" {
		prefix := "i"
		if e.Kind == KindGroup {
			prefix = "g"
		}
		for e.ID == "" || st.idea(e.ID) >= 0 || st.group(e.ID) >= 0 {
			e.ID = prefix + randomHex(4)
		}
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand does not fail on a supported system
	return hex.EncodeToString(b)
}

func (st *State) idea(id string) int {
	return slices.IndexFunc(st.Ideas, func(i Idea) bool { return i.ID == id })
}

func (st *State) group(id string) int {
	return slices.IndexFunc(st.Groups, func(g Group) bool { return g.ID == id })
}

// Target reports whether id is a shown idea or a group: what a vote, a
// place or a pick may name.
func (st *State) Target(id string) bool {
	if i := st.idea(id); i >= 0 {
		return !st.Ideas[i].Hidden
	}
	return st.group(id) >= 0
}

// targets are every id a vote, place or pick may name, for did-you-mean.
func (st *State) targets() []string {
	var out []string
	for _, i := range st.Ideas {
		if !i.Hidden {
			out = append(out, i.ID)
		}
	}
	for _, g := range st.Groups {
		out = append(out, g.ID)
	}
	return out
}

// Apply checks that e may happen now and adds it to the state.
func (st *State) Apply(e Event) error {
	if st.Ended {
		return fail("ideas-ended")
	}
	if err := st.allowed(e); err != nil {
		return err
	}
	switch e.Kind {
	case KindPhase:
		st.Phase, st.Since, st.Timer, st.RoomPlaces = e.Phase, e.At, e.Timer, e.Room
		// Past the reveal every idea not hidden is shown, revealed or not.
		st.Revealed = st.Revealed || phaseAt(e.Phase) > phaseAt("reveal")
	case KindIdea:
		st.Ideas = append(st.Ideas, Idea{ID: e.ID, Text: e.Text})
	case KindHide:
		st.Ideas[st.idea(e.Target)].Hidden = true
	case KindReveal:
		st.Revealed = true
	case KindGroup:
		st.applyGroup(e)
	case KindVote:
		st.Votes[e.Target]++
	case KindPlace:
		st.Places[e.Target] = e
	case KindPick:
		st.Picks = slices.DeleteFunc(st.Picks, func(p Event) bool { return p.Target == e.Target })
		st.Picks = append(st.Picks, e)
	case KindEnd:
		st.Ended = true
	}
	st.Seq = e.Seq
	st.Events = append(st.Events, e)
	return nil
}

// MayRate checks that a device may rate target now: placing is open to
// the room, and target is an idea shown or a group.
func (st *State) MayRate(target string) error {
	if st.Ended {
		return fail("ideas-ended")
	}
	if st.Phase != "place" || !st.RoomPlaces {
		return fail("ideas-room-closed")
	}
	if !st.Target(target) {
		return fail("ideas-no-target", "target", target, "hint", hint(target, st.targets()))
	}
	return nil
}

// inPhase: each kind belongs to its phase, so that no idea comes in
// after the reveal and no dot after the vote closed.
var inPhase = map[Kind]string{KindIdea: "writing", KindHide: "reveal", KindReveal: "reveal", KindGroup: "group", KindVote: "vote", KindPlace: "place", KindPick: "pick"}

// allowed checks e against the state: its phase, the ids it names, the
// bounds.
func (st *State) allowed(e Event) error {
	if want, ok := inPhase[e.Kind]; ok && st.Phase != want {
		return fail("ideas-wrong-phase", "kind", e.Kind, "phase", want)
	}
	switch e.Kind {
	case KindPhase:
		if phaseAt(e.Phase) < phaseAt(st.Phase) {
			return fail("ideas-phase-back", "phase", e.Phase, "now", st.Phase)
		}
	case KindIdea:
		if len(st.Ideas) >= maxIdeas {
			return fail("ideas-too-many", "max", maxIdeas)
		}
	case KindHide:
		if st.Revealed {
			return fail("ideas-hide-after-reveal")
		}
		if i := st.idea(e.Target); i < 0 || st.Ideas[i].Hidden {
			return fail("ideas-no-target", "target", e.Target, "hint", hint(e.Target, st.targets()))
		}
	case KindGroup:
		return st.groupAllowed(e)
	case KindVote, KindPlace, KindPick:
		if !st.Target(e.Target) {
			return fail("ideas-no-target", "target", e.Target, "hint", hint(e.Target, st.targets()))
		}
	case KindEnd:
		if len(st.Picks) == 0 {
			return fail("ideas-end-no-pick")
		}
	}
	return nil
}

func (st *State) groupAllowed(e Event) error {
	if e.ID != "" && st.group(e.ID) < 0 && len(st.Groups) >= maxGroups {
		return fail("ideas-too-many-groups", "max", maxGroups)
	}
	if len(e.Ideas) > 0 && e.Title == "" {
		return fail("ideas-group-no-title")
	}
	seen := map[string]bool{}
	for _, id := range e.Ideas {
		if i := st.idea(id); i < 0 || st.Ideas[i].Hidden || seen[id] {
			return fail("ideas-no-target", "target", id, "hint", hint(id, st.targets()))
		}
		seen[id] = true
	}
	return nil
}

// applyGroup makes or changes a group: its ideas leave any other group
// (an idea is in one group at most), and a group left empty goes.
func (st *State) applyGroup(e Event) {
	for i := range st.Groups {
		st.Groups[i].Ideas = slices.DeleteFunc(slices.Clone(st.Groups[i].Ideas), func(id string) bool { return slices.Contains(e.Ideas, id) })
	}
	g := Group{ID: e.ID, Title: e.Title, Ideas: slices.Clone(e.Ideas)}
	if i := st.group(e.ID); i >= 0 {
		st.Groups[i] = g
	} else {
		st.Groups = append(st.Groups, g)
	}
	st.Groups = slices.DeleteFunc(st.Groups, func(g Group) bool { return len(g.Ideas) == 0 })
}
