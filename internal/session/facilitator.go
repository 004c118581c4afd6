package session

import (
	"math/rand/v2"
	"time"

	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/written"
)

// Facilitator is everything the facilitator's console shows: the clock,
// the round, what is due, the contingencies, requests, complications,
// ratings and notes. It carries the scenario's secrets and is for the
// facilitator's token only.
type Facilitator struct {
	Public
	Started bool       `json:"started"`
	T       float64    `json:"t"`
	Offset  string     `json:"offset"`
	Round   *RoundView `json:"round"`
	// Earlier are the rounds reached before the current one, the latest
	// first: their expected actions stay ratable to the end.
	Earlier       []RoundView    `json:"earlier"`
	Due           []Pending      `json:"due"`
	Next          []Pending      `json:"next"`
	Contingencies []Pending      `json:"contingencies"`
	Requests      []Pending      `json:"requests"`
	Asked         []Event        `json:"asked"`
	Drawn         []DrawnCard    `json:"drawn"`
	Deck          []Complicated  `json:"complications"`
	Notes         []Event        `json:"notes"`
	Handed        map[string]int `json:"handed"` // clue id -> session second
	// ByRole is what each role holds now and what is still to come for
	// it; the facilitator's Cards are every card handed out, to anyone.
	ByRole []Holding `json:"byRole"`
	Seq    int       `json:"seq"`
	Pace   float64   `json:"pace"`
	// NextDraw is the card a draw gives now: seeded by the scenario's
	// seed and the cards drawn so far, so that a replay draws the same.
	NextDraw string `json:"nextDraw,omitempty"`
	// Warning is what went wrong with the journal's file (a full disk,
	// the file removed), for the page to show; "" when all is well.
	Warning string `json:"warning,omitempty"`
	// Carried are the open actions carried into the session (run
	// --programme), each with its rating so far: the facilitator's alone.
	Carried []CarriedView `json:"carried"`
	// Room is what the room said: every ask, answer, poll and feedback,
	// hidden ones marked, and no vote before its poll closes.
	Room RoomView `json:"room"`
}

// RoomView is the facilitator's view of the room.
type RoomView struct {
	Asks    []AskView    `json:"asks"`
	Answers []AnswerView `json:"answers"`
	Polls   []PollView   `json:"polls"`
	HotWash *HotWash     `json:"hotWash"`
	// Prepared are the rounds' prepared polls not opened yet, of the
	// rounds reached.
	Prepared []PollView `json:"prepared"`
}

// CarriedView is a carried action with its last rating, if any.
type CarriedView struct {
	Carried
	Rating string `json:"rating,omitempty"`
	Note   string `json:"note,omitempty"`
}

// CarriedViews are the carried actions with the ratings the journal gave
// them, in the order given.
func (st *State) CarriedViews(carried []Carried) []CarriedView {
	out := make([]CarriedView, 0, len(carried))
	for _, c := range carried {
		v := CarriedView{Carried: c}
		if e, ok := st.Retests[c.ID]; ok {
			v.Rating, v.Note = e.Rating, e.Note
		}
		out = append(out, v)
	}
	return out
}

// RoundView is the round the story is in.
type RoundView struct {
	Index     int          `json:"index"`
	Title     string       `json:"title"`
	Setup     string       `json:"setup"`
	Questions []string     `json:"questions"`
	Expect    []ExpectView `json:"expect"`
}

// ExpectView is an expected action with its rating so far.
type ExpectView struct {
	Role     string `json:"role"`
	RoleName string `json:"roleName"`
	Action   string `json:"action"`
	By       string `json:"by,omitempty"`
	Rating   string `json:"rating,omitempty"`
	Observed string `json:"observed,omitempty"`
	Late     bool   `json:"late"`
}

// Pending is a card the facilitator may hand out.
type Pending struct {
	Card
	Offset    string `json:"offset"`
	Condition string `json:"condition,omitempty"`
	Replaces  string `json:"replaces,omitempty"`
	Ask       string `json:"ask,omitempty"`
	Handed    bool   `json:"handed"`
	// Deck is the printed deck the card is in (ID-clues.pdf or
	// ID-requests.pdf), for a facilitator who hands out paper.
	Deck string `json:"deck"`
}

// Holding is one role's hand: the cards handed out that reach it (for
// it alone or for everyone), and the timed cards not handed out yet that
// will, unless a contingency took their place.
type Holding struct {
	Role   string  `json:"role"`
	Name   string  `json:"name"`
	Holds  []Brief `json:"holds"`
	Coming []Brief `json:"coming"`
}

// Brief names a card in a role's hand: At is the story clock it was
// handed out at, or for a card to come the script's offset it is due at.
type Brief struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Kind  string `json:"kind"`
	At    string `json:"at"`
	Due   bool   `json:"due,omitempty"` // to come, and due now
}

// Complicated is a complication card in the stack.
type Complicated struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Body  string `json:"body"`
	Drawn bool   `json:"drawn"`
}

// DrawnCard is a complication drawn: its text, the story clock it was
// drawn at, and whether it is on the screen now.
type DrawnCard struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Body  string `json:"body"`
	At    string `json:"at"`
	Shown bool   `json:"shown"`
}

// Facilitator is the console's view of the state at now.
func (st *State) Facilitator(now time.Time) Facilitator {
	t := st.offset(now)
	pub := st.public(now, "")
	pub.Cards = st.handed(func(*written.Clue) bool { return true })
	f := Facilitator{Public: pub, Started: st.Started, T: st.Clock(now), Offset: written.FormatOffset(t),
		Handed: map[string]int{}, Asked: st.asked(), Drawn: []DrawnCard{}, Notes: orEmpty(st.Notes),
		Due: []Pending{}, Next: []Pending{}, Contingencies: []Pending{}, Requests: []Pending{}, Deck: []Complicated{}}
	for id, at := range st.Revealed {
		f.Handed[id] = int(at)
	}
	f.Round, f.Earlier = st.rounds(t)
	st.pending(&f, t)
	f.ByRole = st.byRole(f.Cards, t)
	st.complications(&f)
	f.Seq, f.Pace = st.Seq, max(st.Pace, 1)
	reached := -1
	if f.Round != nil {
		reached = f.Round.Index
	}
	f.Room = RoomView{Asks: st.asksFor("", true), Answers: st.answersFor("", true), Polls: st.pollsFor(""), HotWash: st.hotWash(true),
		Prepared: st.prepared(reached)}
	return f
}

// complications fills in the stack, the cards drawn (with their text, in
// the order drawn) and the card a draw gives now.
func (st *State) complications(f *Facilitator) {
	s := st.s
	drawn := map[string]bool{}
	for _, e := range st.Complications {
		drawn[e.Card] = true
	}
	var left []string
	for _, c := range s.ComplicationCards() {
		f.Deck = append(f.Deck, Complicated{ID: c.ID, Title: c.Title, Body: c.Body, Drawn: drawn[c.ID]})
		if !drawn[c.ID] {
			left = append(left, c.ID)
		}
	}
	for _, e := range st.Complications {
		for _, c := range f.Deck {
			if c.ID == e.Card {
				f.Drawn = append(f.Drawn, DrawnCard{ID: c.ID, Title: c.Title, Body: c.Body,
					At: s.Clock(st.storyAt(e.T)), Shown: st.Shown == c.ID})
			}
		}
	}
	if len(left) > 0 {
		r := rand.New(rand.NewPCG(uint64(s.Meta().Seed), uint64(len(st.Complications))))
		f.NextDraw = left[r.IntN(len(left))]
	}
}

// byRole is each role's hand: of the cards handed out (all, in order),
// those that reach it, and the timed cards still to come for it.
func (st *State) byRole(all []Card, t time.Duration) []Holding {
	s, tl := st.s, st.s.Timeline()
	gone, timed := st.replaced(tl), tl.Of(written.Timed)
	clues := make([]written.Clue, len(all))
	for i, c := range all {
		clues[i], _ = s.Clue(c.ID)
	}
	out := make([]Holding, 0, len(s.Roles()))
	for _, r := range s.Roles() {
		h := Holding{Role: r.ID, Name: r.Name, Holds: []Brief{}, Coming: []Brief{}}
		for i, c := range all {
			if clues[i].Reaches(r.ID) {
				h.Holds = append(h.Holds, Brief{ID: c.ID, Title: c.Title, Kind: c.Kind, At: c.At})
			}
		}
		for _, rv := range timed {
			_, out := st.Revealed[rv.Clue.ID]
			if !out && !gone[rv.Clue.ID] && rv.Clue.Reaches(r.ID) {
				h.Coming = append(h.Coming, Brief{ID: rv.Clue.ID, Title: rv.Clue.Title, Kind: rv.Clue.Kind,
					At: written.FormatOffset(rv.At()), Due: rv.At() <= t})
			}
		}
		out = append(out, h)
	}
	return out
}

// replaced lists the timed clues a fired contingency took the place of.
func (st *State) replaced(tl scenarios.Timeline) map[string]bool {
	out := map[string]bool{}
	for _, rv := range tl.Of(written.Contingent) {
		if st.Decided[rv.Clue.ID] && rv.Clue.Replaces != "" {
			out[rv.Clue.Replaces] = true
		}
	}
	return out
}

// pending sorts the cards into due now (time reached, not handed out),
// the next three, contingencies and requests.
func (st *State) pending(f *Facilitator, t time.Duration) {
	s := st.s
	tl := s.Timeline()
	gone := st.replaced(tl)
	for _, rv := range tl.Reveals {
		c := *rv.Clue
		_, handed := st.Revealed[c.ID]
		p := Pending{Card: cardOf(s, c, rv.At()), Offset: written.FormatOffset(rv.At()), Handed: handed,
			Deck: s.ID() + "-clues.pdf"}
		switch rv.Mode() {
		case written.Timed:
			switch {
			case handed || gone[c.ID]:
			case rv.At() <= t:
				f.Due = append(f.Due, p)
			case len(f.Next) < 3:
				f.Next = append(f.Next, p)
			}
		case written.Contingent:
			if _, decided := st.Decided[c.ID]; !decided && rv.At() <= t {
				p.Condition, p.Replaces = c.When, c.Replaces
				f.Contingencies = append(f.Contingencies, p)
			}
		case written.OnRequest:
			p.Ask, p.Deck = c.Ask, s.ID()+"-requests.pdf"
			f.Requests = append(f.Requests, p)
		}
	}
}

// rounds are the round the story is in at t and the rounds reached
// before it, the latest first, each with its expected actions and their
// ratings; nil and none before the first.
func (st *State) rounds(t time.Duration) (*RoundView, []RoundView) {
	i := st.s.RoundOf(t)
	if i < 0 || !st.Started {
		return nil, []RoundView{}
	}
	earlier := make([]RoundView, 0, i)
	for j := i - 1; j >= 0; j-- {
		earlier = append(earlier, st.roundView(j))
	}
	v := st.roundView(i)
	return &v, earlier
}

// roundView is round i with its expected actions and their ratings.
func (st *State) roundView(i int) RoundView {
	s := st.s
	r := s.Round(i)
	v := RoundView{Index: i, Title: r.Title, Setup: r.Setup, Questions: r.Questions, Expect: []ExpectView{}}
	for _, x := range r.Expect {
		e := ExpectView{Role: x.Role, Action: x.Action}
		for _, ro := range s.Roles() {
			if ro.ID == x.Role {
				e.RoleName = ro.Name
			}
		}
		if x.HasBy {
			e.By = written.FormatOffset(x.ByOffset)
		}
		if rated, ok := st.Ratings[[2]string{x.Role, x.Action}]; ok {
			e.Rating, e.Observed = rated.Rating, rated.Observed
			observed, err := written.ParseOffsetValue(rated.Observed)
			if err != nil {
				observed = st.storyAt(rated.T)
			}
			e.Late = x.HasBy && observed > x.ByOffset
		}
		v.Expect = append(v.Expect, e)
	}
	return v
}

// orEmpty is a list as JSON gives it to a page: [] rather than null.
func orEmpty(events []Event) []Event {
	if events == nil {
		return []Event{}
	}
	return events
}
