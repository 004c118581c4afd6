package session

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/propdeck/propdeck/internal/tomlw"
	"github.com/propdeck/propdeck/internal/vocab"
	"github.com/propdeck/propdeck/internal/written"
)

// writeRoom writes what the room said into the record: the asks with how
// each was answered, the answers, every poll with its result and the hot
// wash. Hidden texts are left out; a feedback or a ballot names no one.
// A session without them writes nothing here, so its record is as it
// was before the room could talk.
func (st *State) writeRoom(b *strings.Builder) {
	q := tomlw.Quote
	for _, e := range st.Asks {
		if st.hidden[e.Seq] {
			continue
		}
		answer, card := st.askAnswer(e.Seq)
		fmt.Fprintf(b, "\n[[asks]]\nat = %s\nrole = %s\ntext = %s\nanswer = %s\n", q(st.offsetAt(e.T)), q(e.Role), q(e.Text), q(answer))
		if card != "" {
			fmt.Fprintf(b, "card = %s\n", q(card))
		}
	}
	for _, e := range st.Answers {
		if !st.hidden[e.Seq] {
			fmt.Fprintf(b, "\n[[answers]]\nat = %s\nrole = %s\nround = %d\ntext = %s\n", q(st.offsetAt(e.T)), q(e.Role), e.Round, q(e.Text))
		}
	}
	for _, p := range st.Polls {
		v := st.pollView(p)
		votes := make([]string, len(p.Options))
		for i := range p.Options {
			votes[i] = "0"
			if i < len(v.Results) {
				votes[i] = strconv.Itoa(v.Results[i].Votes)
			}
		}
		fmt.Fprintf(b, "\n[[polls]]\nid = %s\nquestion = %s\noptions = %s\nvotes = [%s]\nagreement = %d\n", q(p.ID), q(p.Question),
			tomlw.Strings(p.Options), strings.Join(votes, ", "), v.Agreement)
		if v.Expected != "" {
			fmt.Fprintf(b, "expected = %s\n", q(v.Expected))
		}
		fmt.Fprintf(b, "anonymous = %v\n", p.Anonymous)
	}
	st.writeHotWash(b)
}

// writeHotWash writes the hot wash's counts and texts, never who.
func (st *State) writeHotWash(b *strings.Builder) {
	if len(st.Feedback) == 0 && st.Opened == nil {
		return
	}
	var worked, broke, actions, scores []string
	n := 0
	for _, e := range st.Feedback {
		if st.hidden[e.Seq] {
			continue
		}
		n++
		for _, x := range []struct {
			list *[]string
			text string
		}{{&worked, e.Worked}, {&broke, e.Broke}, {&actions, e.Action}} {
			if strings.TrimSpace(x.text) != "" {
				*x.list = append(*x.list, x.text)
			}
		}
		if e.Score > 0 {
			scores = append(scores, strconv.Itoa(e.Score))
		}
	}
	fmt.Fprintf(b, "\n[hot_wash]\ncount = %d\nworked = %s\nbroke = %s\nactions = %s\nscores = [%s]\n", n,
		tomlw.Strings(worked), tomlw.Strings(broke), tomlw.Strings(actions), strings.Join(scores, ", "))
}

// askAnswer is how an ask was answered, in the record's words, and the
// card that answered it.
func (st *State) askAnswer(seq int) (answer, card string) {
	words := vocab.AskAnswer.Values // unanswered, card, no-card, declined
	r, ok := st.replies[seq]
	switch {
	case !ok:
		return words[0], ""
	case r.Kind == decline:
		return words[3], ""
	case r.Clue != "":
		return words[1], r.Clue
	}
	return words[2], ""
}

// askText is what a request answers: its own ask, or the text of the
// player's ask it answers ("" when the facilitator hid it).
func (st *State) askText(e Event) string {
	if e.Ask != "" || e.Answers == 0 {
		return e.Ask
	}
	if a := st.askOf(e.Answers); a != nil && !st.hidden[a.Seq] {
		return a.Text
	}
	return ""
}

func (st *State) offsetAt(t float64) string { return written.FormatOffset(st.storyAt(t)) }

// asked are the requests, each with what it answers: its own ask, or the
// text of the player's ask it answers.
func (st *State) asked() []Event {
	out := make([]Event, len(st.Requests))
	for i, e := range st.Requests {
		e.Ask = st.askText(e)
		out[i] = e
	}
	return out
}
