package ideas

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
)

// Room is what a premortem is run with: its prompt, ground rules and
// kit themes, in its language, and the dots each device has.
type Room struct {
	Lang, Prompt  string
	Rules, Themes []string
	Dots          int
}

// Count is what the pages may know of the devices: how many joined, and
// how many of them have not said they finished writing. Never which.
type Count struct {
	Devices int `json:"devices"`
	Writing int `json:"writing"`
}

// View is what a page is shown. Every page's view is built here from
// what that page may see, and nothing else is ever put in it: no view
// names a device, and none holds a text before its reveal or a dot
// before the vote closed.
type View struct {
	Seq      int      `json:"seq"`
	Phase    string   `json:"phase"`
	SinceMS  int64    `json:"sinceMs,omitempty"`
	Timer    int      `json:"timer,omitempty"`
	Ended    bool     `json:"ended,omitempty"`
	Prompt   string   `json:"prompt"`
	Rules    []string `json:"rules"`
	Count    Count    `json:"count"`
	NIdeas   int      `json:"nIdeas"`
	Revealed bool     `json:"revealed"`
	// Ideas are shown in the order of their random ids, which says
	// nothing of who wrote them or when.
	Ideas  []Idea  `json:"ideas"`
	Groups []Group `json:"groups"`
	Dots   int     `json:"dots"` // cast so far, a number only
	// RoomPlaces: each device may rate impact and likelihood now.
	RoomPlaces bool            `json:"roomPlaces,omitempty"`
	Votes      map[string]int  `json:"votes,omitempty"`
	Places     map[string]Spot `json:"places"`
	Picks      []PickView      `json:"picks"`
	// Themes and Suggested help the grouping: the kit's themes, and pairs
	// of ideas whose words are alike, not yet in one group.
	Themes    []string    `json:"themes,omitempty"`
	Suggested [][2]string `json:"suggested,omitempty"`
}

// Spot is an idea's or group's place on the grid.
type Spot struct {
	Impact     int    `json:"impact"`
	Likelihood int    `json:"likelihood"`
	Class      string `json:"class,omitempty"`
}

// PickView is a pick as the pages show it.
type PickView struct {
	Target  string   `json:"target"`
	Owner   string   `json:"owner,omitempty"`
	Due     string   `json:"due,omitempty"`
	Signals []string `json:"signals,omitempty"`
}

// ViewFor is the view of a page: the facilitator's (moderate set) sees
// the ideas once writing has closed, hidden ones marked, to hide one
// before the reveal; every other page sees them from the reveal, hidden
// ones left out.
func (st *State) ViewFor(room Room, c Count, moderate bool) View {
	v := View{Seq: st.Seq, Phase: st.Phase, Timer: st.Timer, Ended: st.Ended, Prompt: room.Prompt, Rules: room.Rules, RoomPlaces: st.RoomPlaces && st.Phase == "place" && !st.Ended,
		Count: c, NIdeas: st.shownCount(), Revealed: st.Revealed, Ideas: []Idea{}, Groups: []Group{}, Places: map[string]Spot{}, Picks: []PickView{}}
	if !st.Since.IsZero() {
		v.SinceMS = st.Since.UnixMilli()
	}
	open := st.Revealed || moderate && phaseAt(st.Phase) > phaseAt("writing")
	if !open {
		return v
	}
	for _, i := range st.Ideas {
		if moderate || !i.Hidden {
			v.Ideas = append(v.Ideas, i)
		}
	}
	slices.SortFunc(v.Ideas, func(a, b Idea) int { return strings.Compare(a.ID, b.ID) })
	v.Groups = append(v.Groups, st.Groups...)
	for _, n := range st.Votes {
		v.Dots += n
	}
	if st.VoteClosed() {
		v.Votes = st.Votes
	}
	for id, p := range st.Places {
		v.Places[id] = Spot{p.Impact, p.Likelihood, p.Class}
	}
	for _, p := range st.Picks {
		v.Picks = append(v.Picks, PickView{p.Target, p.Owner, p.Due, p.Signals})
	}
	if st.Phase == "group" {
		v.Themes, v.Suggested = room.Themes, st.suggest()
	}
	return v
}

// shownCount is how many ideas came in, less those hidden.
func (st *State) shownCount() int {
	n := 0
	for _, i := range st.Ideas {
		if !i.Hidden {
			n++
		}
	}
	return n
}

// suggest pairs ideas whose words are alike (their letter pairs, which
// works for Korean words with particles as for English ones), most alike
// first, each idea in one pair at most, never two already grouped.
func (st *State) suggest() [][2]string {
	grouped := map[string]bool{}
	for _, g := range st.Groups {
		for _, id := range g.Ideas {
			grouped[id] = true
		}
	}
	type pair struct {
		a, b  string
		score float64
	}
	var shown []Idea
	for _, i := range st.Ideas {
		if !i.Hidden && !grouped[i.ID] {
			shown = append(shown, i)
		}
	}
	slices.SortFunc(shown, func(a, b Idea) int { return strings.Compare(a.ID, b.ID) })
	grams := gramSets(shown)
	// Each idea's most alike other is its candidate: the pairs to sort
	// are as many as the ideas, not as the pairs of them.
	best := make([]pair, len(shown))
	for i := range shown {
		for j := i + 1; j < len(shown); j++ {
			s := jaccard(grams[i], grams[j])
			if s >= 0.25 && s > best[i].score {
				best[i] = pair{shown[i].ID, shown[j].ID, s}
			}
			if s >= 0.25 && s > best[j].score {
				best[j] = pair{shown[i].ID, shown[j].ID, s}
			}
		}
	}
	pairs := slices.DeleteFunc(best, func(p pair) bool { return p.score == 0 })
	slices.SortStableFunc(pairs, func(x, y pair) int {
		return cmp.Or(-cmp.Compare(x.score, y.score), strings.Compare(x.a, y.a), strings.Compare(x.b, y.b))
	})
	used := map[string]bool{}
	var out [][2]string
	for _, p := range pairs {
		if !used[p.a] && !used[p.b] && len(out) < 5 {
			used[p.a], used[p.b] = true, true
			out = append(out, [2]string{p.a, p.b})
		}
	}
	return out
}

// gramSets are each idea's letter pairs as sorted numbers: comparing
// every idea with every other is then a merge, not map lookups (1,000
// ideas are half a million pairs, on every change while grouping).
func gramSets(shown []Idea) [][]int {
	ids := map[string]int{}
	grams := make([][]int, len(shown))
	for i, idea := range shown {
		for g := range bigrams(idea.Text) {
			n, ok := ids[g]
			if !ok {
				n = len(ids)
				ids[g] = n
			}
			grams[i] = append(grams[i], n)
		}
		slices.Sort(grams[i])
	}
	return grams
}

// bigrams are the pairs of letters within each word of s, lower case.
func bigrams(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		r := []rune(w)
		for i := 0; i+1 < len(r); i++ {
			out[string(r[i:i+2])] = true
		}
	}
	return out
}

// jaccard is how alike two sorted sets are: what they share over what
// either has.
func jaccard(a, b []int) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	both := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			both++
			i++
			j++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}

// Rate is one device's impact and likelihood of one idea or group; 0 for
// not rated yet.
type Rate struct {
	Impact     int `json:"impact,omitempty"`
	Likelihood int `json:"likelihood,omitempty"`
}

// Tally is what the room's rates of one idea or group add up to, as the
// facilitator is shown them: for impact and for likelihood, the median
// and how many devices gave each value of the grid. Never which device.
type Tally struct {
	Impact     Spread `json:"impact"`
	Likelihood Spread `json:"likelihood"`
}

// Spread is the rates of one scale: Counts[i] devices gave Grid[i], and
// Median is their median, 0 for none. With an even number of rates the
// median is the higher of the two middle ones: a room split between two
// values places the risk at the graver.
type Spread struct {
	Median int   `json:"median"`
	Counts []int `json:"counts"`
}

// TallyOf tallies the room's rates per idea or group.
func TallyOf(rates []map[string]Rate) map[string]Tally {
	byTarget := map[string]*[2][]int{}
	for _, device := range rates {
		for id, r := range device {
			if byTarget[id] == nil {
				byTarget[id] = &[2][]int{}
			}
			for i, n := range []int{r.Impact, r.Likelihood} {
				if n != 0 {
					byTarget[id][i] = append(byTarget[id][i], n)
				}
			}
		}
	}
	out := map[string]Tally{}
	for id, both := range byTarget {
		out[id] = Tally{spreadOf(both[0]), spreadOf(both[1])}
	}
	return out
}

func spreadOf(values []int) Spread {
	s := Spread{Counts: make([]int, len(Grid))}
	for _, n := range values {
		if i := slices.Index(Grid, n); i >= 0 {
			s.Counts[i]++
		}
	}
	if len(values) > 0 {
		sorted := slices.Sorted(slices.Values(values))
		s.Median = sorted[len(sorted)/2]
	}
	return s
}
