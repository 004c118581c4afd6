package session

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/written"
)

// The room's part of each view. Every one is built from what its page
// may see: a role its own asks and answers, the screen what the
// facilitator showed; no view a vote before its poll closes (only how
// many), nor a hidden text (the facilitator's marks it hidden).

// AskView is an ask with how it was answered: Status is one of
// vocab.AskAnswer (unanswered, card, no-card, declined), as the record
// says it.
type AskView struct {
	Seq      int    `json:"seq"`
	At       string `json:"at"`
	Role     string `json:"role"`
	RoleName string `json:"roleName"`
	Text     string `json:"text"`
	Status   string `json:"status"`
	// Open: no answer yet.
	Open bool `json:"open,omitempty"`
	// Card is the title of the card that answered it; Reason a
	// decline's.
	Card   string `json:"card,omitempty"`
	Reason string `json:"reason,omitempty"`
	Hidden bool   `json:"hidden,omitempty"`
	// Suggest is, for the facilitator, the on-request card not handed
	// out yet that best matches an open ask's words, and its title.
	Suggest      string `json:"suggest,omitempty"`
	SuggestTitle string `json:"suggestTitle,omitempty"`
}

// AnswerView is a role's answer.
type AnswerView struct {
	Seq      int    `json:"seq"`
	At       string `json:"at"`
	Role     string `json:"role"`
	RoleName string `json:"roleName"`
	Text     string `json:"text"`
	Round    int    `json:"round,omitempty"`
	Hidden   bool   `json:"hidden,omitempty"`
	Shown    bool   `json:"shown,omitempty"`
}

// PollView is a poll: open, how many have voted; closed, the votes per
// option, the agreement and the expected answer.
type PollView struct {
	ID        string   `json:"id"`
	Question  string   `json:"question"`
	Options   []string `json:"options"`
	Anonymous bool     `json:"anonymous,omitempty"`
	Open      bool     `json:"open"`
	Votes     int      `json:"votes"`
	// Mine is a role's page's: its role's vote in a poll by role.
	Mine      string  `json:"mine,omitempty"`
	Results   []Tally `json:"results,omitempty"`
	Top       string  `json:"top,omitempty"`
	Agreement int     `json:"agreement,omitempty"` // the largest option's share, in percent
	Unified   bool    `json:"unified,omitempty"`   // agreement of 60% or more
	Expected  string  `json:"expected,omitempty"`
	// Closed is the seq of its poll-close, which a show names to put
	// its result back on the screen; OnScreen says the screen shows it.
	Closed   int  `json:"closed,omitempty"`
	OnScreen bool `json:"onScreen,omitempty"`
}

// Tally is one option's votes and their mean confidence (0: none given).
type Tally struct {
	Option     string  `json:"option"`
	Votes      int     `json:"votes"`
	Confidence float64 `json:"confidence,omitempty"`
}

// HotWash is the feedback form's state: open, named, how many answered,
// and (the facilitator's alone) what they said.
type HotWash struct {
	Open  bool           `json:"open"`
	Named bool           `json:"named,omitempty"`
	Count int            `json:"count"`
	Items []FeedbackView `json:"items,omitempty"`
}

// FeedbackView is one feedback: Role only in a named hot wash.
type FeedbackView struct {
	Seq    int    `json:"seq"`
	Worked string `json:"worked,omitempty"`
	Broke  string `json:"broke,omitempty"`
	Action string `json:"action,omitempty"`
	Score  int    `json:"score,omitempty"`
	Role   string `json:"role,omitempty"`
	Hidden bool   `json:"hidden,omitempty"`
}

// asksFor are the asks a view shows: role's ("" for all), the hidden
// ones only for the facilitator, marked.
func (st *State) asksFor(role string, facilitator bool) []AskView {
	out := []AskView{}
	for _, e := range st.Asks {
		if role != "" && e.Role != role || st.hidden[e.Seq] && !facilitator {
			continue
		}
		v := AskView{Seq: e.Seq, At: st.clockAt(e.T), Role: e.Role, RoleName: st.roleName(e.Role), Text: e.Text,
			Open: true, Hidden: st.hidden[e.Seq]}
		v.Status, _ = st.askAnswer(e.Seq)
		if r, ok := st.replies[e.Seq]; ok {
			v.Open = false
			v.Card, v.Reason = st.replyOf(r)
		} else if facilitator {
			v.Suggest = st.suggestCard(e.Text)
			if c, ok := st.s.Clue(v.Suggest); ok {
				v.SuggestTitle = c.Title
			}
		}
		out = append(out, v)
	}
	return out
}

// replyOf is the card's title a request answered an ask with, or a
// decline's reason.
func (st *State) replyOf(r Event) (card, reason string) {
	switch {
	case r.Kind == decline:
		return "", r.Text
	case r.Clue != "":
		if c, ok := st.s.Clue(r.Clue); ok {
			return c.Title, ""
		}
		return r.Clue, ""
	}
	return "", ""
}

// answersFor are the answers a view shows, as asksFor.
func (st *State) answersFor(role string, facilitator bool) []AnswerView {
	out := []AnswerView{}
	for _, e := range st.Answers {
		if role != "" && e.Role != role || st.hidden[e.Seq] && !facilitator {
			continue
		}
		out = append(out, AnswerView{Seq: e.Seq, At: st.clockAt(e.T), Role: e.Role, RoleName: st.roleName(e.Role),
			Text: e.Text, Round: e.Round, Hidden: st.hidden[e.Seq], Shown: st.ShownEvent == e.Seq})
	}
	return out
}

// pollView is a poll as every view may see it: the votes only once it
// is closed.
func (st *State) pollView(p Event) PollView { return st.pollWith(p, st.ballots(p.ID)) }

// pollWith is pollView with the poll's ballots, for a caller that reads
// them too.
func (st *State) pollWith(p Event, ballots []Event) PollView {
	v := PollView{ID: p.ID, Question: p.Question, Options: p.Options, Anonymous: p.Anonymous,
		Open: st.closed[p.ID] == 0, Votes: len(ballots)}
	if v.Open {
		return v
	}
	v.Closed, v.OnScreen = st.closed[p.ID], st.Result == p.ID
	v.Expected = st.expectedOf(p)
	sure := map[string]int{}
	for _, o := range p.Options {
		t := Tally{Option: o}
		for _, b := range ballots {
			if b.Option == o {
				t.Votes++
				sure[o] += b.Confidence
				if b.Confidence > 0 {
					t.Confidence++
				}
			}
		}
		if t.Confidence > 0 {
			t.Confidence = float64(sure[o]) / t.Confidence
		}
		if t.Votes > 0 && (v.Top == "" || t.Votes > v.Results[slices.Index(p.Options, v.Top)].Votes) {
			v.Top = o
		}
		v.Results = append(v.Results, t)
	}
	if v.Votes > 0 {
		v.Agreement = v.Results[slices.Index(p.Options, v.Top)].Votes * 100 / v.Votes
		v.Unified = v.Agreement >= records.UnifiedAt
	}
	return v
}

// pollsFor are the polls a role's page shows (the open ones it may vote
// in, with its role's vote, and the closed ones), or every poll for "".
func (st *State) pollsFor(role string) []PollView {
	out := []PollView{}
	for _, p := range st.Polls {
		ballots := st.ballots(p.ID)
		v := st.pollWith(p, ballots)
		if role != "" && v.Open && !p.Anonymous && len(p.Roles) > 0 && !slices.Contains(p.Roles, role) {
			continue
		}
		if role != "" && v.Open && !p.Anonymous {
			for _, b := range ballots {
				if b.Role == role {
					v.Mine = b.Option
				}
			}
		}
		out = append(out, v)
	}
	return out
}

// screenPolls are the screen's polls: the open ones, newest first, to
// count the votes as they come, then the closed one whose result the
// facilitator keeps on the screen for the room to discuss.
func (st *State) screenPolls() []PollView {
	var out []PollView
	for i := len(st.Polls) - 1; i >= 0; i-- {
		if st.closed[st.Polls[i].ID] == 0 {
			out = append(out, st.pollView(st.Polls[i]))
		}
	}
	if p := st.pollOf(st.Result); p != nil {
		out = append(out, st.pollView(*p))
	}
	return out
}

// hotWash is the hot wash as a view shows it; items for the facilitator.
func (st *State) hotWash(facilitator bool) *HotWash {
	h := &HotWash{Open: st.Opened != nil, Named: st.Named(), Count: len(st.Feedback)}
	if !facilitator {
		return h
	}
	for _, e := range st.Feedback {
		h.Items = append(h.Items, FeedbackView{Seq: e.Seq, Worked: e.Worked, Broke: e.Broke, Action: e.Action,
			Score: e.Score, Role: e.Role, Hidden: st.hidden[e.Seq]})
	}
	return h
}

func (st *State) clockAt(t float64) string { return st.s.Clock(st.storyAt(t)) }

func (st *State) roleName(id string) string { return cmp.Or(st.s.RoleName(id), id) }

// suggestCard is the on-request card not handed out yet whose ask,
// title and system share the most words with text; "" for none.
func (st *State) suggestCard(text string) string {
	words := wordsOf(text)
	best, most := "", 0
	for _, c := range st.requestable {
		if _, out := st.Revealed[c.id]; out {
			continue
		}
		n := 0
		for _, w := range words {
			if strings.Contains(c.words, w) {
				n++
			}
		}
		if n > most {
			best, most = c.id, n
		}
	}
	return best
}

// cardWords is an on-request card's id and the words suggestCard
// matches an ask against.
type cardWords struct{ id, words string }

// requestable are the scenario's on-request cards in timeline order,
// each with its words, worked out once for every ask of the session.
func requestable(s *scenarios.Session) []cardWords {
	var out []cardWords
	for _, rv := range s.Timeline().Of(written.OnRequest) {
		c := rv.Clue
		out = append(out, cardWords{c.ID, strings.Join(wordsOf(c.Ask+" "+c.Title+" "+c.System+" "+s.SystemName(c.System)), " ")})
	}
	return out
}

// wordsOf are a text's words of three letters or more, lower case.
func wordsOf(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if len([]rune(w)) >= 3 || len(w) >= 3 && w[0] >= 0x80 {
			out = append(out, w)
		}
	}
	return out
}

// expectedOf is a poll's expected answer, when a round of the scenario
// prepared it with one that the poll opened still offers.
func (st *State) expectedOf(p Event) string {
	if prep := st.s.PollOf(p.ID); prep != nil && slices.Contains(p.Options, prep.Expected) {
		return prep.Expected
	}
	return ""
}

// prepared are the polls the rounds reached prepared and the session has
// not opened, for the facilitator to open with a tap; their expected
// answers stay out until one closes.
func (st *State) prepared(reached int) []PollView {
	out := []PollView{}
	rounds := st.s.Rounds()
	for i := 0; i <= reached && i < len(rounds); i++ {
		for _, p := range rounds[i].Polls {
			if st.pollOf(p.ID) == nil {
				out = append(out, PollView{ID: p.ID, Question: p.Question, Options: p.Options, Anonymous: p.Anonymous, Open: true})
			}
		}
	}
	return out
}
