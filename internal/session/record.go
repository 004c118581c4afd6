package session

import (
	"fmt"
	"strings"

	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlw"
	"github.com/propdeck/propdeck/internal/written"
)

// Read replays a journal without opening it for writing, without its
// lock and without changing a byte of it: for turning a session into its
// record while its console may still run. note says what it left out (a
// last line a crash cut short), or is "".
func Read(s *scenarios.Session, path string) (st *State, note string, err error) {
	j := &Journal{s: s, state: newState(s)}
	data, err := readJournal(path)
	if err != nil {
		return nil, "", err
	}
	r, err := j.replay(path, data)
	if err != nil {
		return nil, "", err
	}
	if r.Cut > 0 {
		note = j.say(text.M("journal-cut-left", "path", path, "line", r.Cut))
	}
	return j.state, note, nil
}

// recordWords are how a record from a journal says what happened, in the
// scenario's language.
type recordWords struct {
	HandedOut, Fired, NotNeeded, Answered, NoCard, Drew, Decided, Options, Because, By, Head string
}

// findingOf is the findings list a note's tag goes to; "" for the
// timeline.
var findingOf = map[string]string{
	"confusion": "confusion", "missing-data": "missing_data", "ownership": "ownership", "should-have": "should_have_existed",
}

// Record is the session record of a session, in the record format, so
// that propdeck report reads it as it reads one typed by hand: what was
// handed out, fired, asked for and drawn, and the decisions, on the
// timeline; every expected action with its rating; the notes under their
// findings, and what was asked for with no card.
func (st *State) Record() []byte {
	s, q := st.s, tomlw.Quote
	var b strings.Builder
	date := ""
	if st.Started && len(st.Events) > 0 {
		date = st.Events[0].At.In(s.Meta().StartTime.Location()).Format("2006-01-02")
	}
	w := text.Load[recordWords](s.Language(), "journal")
	fmt.Fprintf(&b, "#:schema record.schema.json\n# %s\n", tomlw.Comment(fmt.Sprintf(w.Head, s.Title())))
	fmt.Fprintf(&b, "format = 1\nscenario = %s\ndate = %s\nfacilitator = \"\"\nscribe = \"\"\nparticipants = []\nsummary = \"\"\n", q(s.ID()), q(date))
	// A top-level key goes before the first table.
	st.writeNeverAsked(&b)
	for _, e := range st.Events {
		if what, decided, who := st.timelineLine(e, w); what != "" {
			fmt.Fprintf(&b, "\n[[timeline]]\nat = %s\nwhat = %s\n", q(written.FormatOffset(st.storyAt(e.T))), q(what))
			if decided != "" {
				fmt.Fprintf(&b, "decision = %s\nwho = %s\n", q(decided), q(who))
			}
		}
	}
	st.writeExpected(&b)
	st.writeFindings(&b)
	st.writeRoom(&b)
	return []byte(b.String())
}

// timelineLine is how an event reads on the record's timeline, or "".
func (st *State) timelineLine(e Event, w recordWords) (what, decided, who string) {
	s := st.s
	title := func(id string) string {
		for _, c := range s.Clues() {
			if c.ID == id {
				return id + ": " + c.Title
			}
		}
		return id
	}
	switch e.Kind {
	case reveal:
		return fmt.Sprintf(w.HandedOut, title(e.Clue)), "", ""
	case contingency:
		if *e.Fired {
			return fmt.Sprintf(w.Fired, title(e.Clue)), "", ""
		}
		return fmt.Sprintf(w.NotNeeded, e.Clue), "", ""
	case request:
		if e.Clue != "" {
			return fmt.Sprintf(w.Answered, st.askText(e), title(e.Clue)), "", ""
		}
		if st.askText(e) == "" {
			return "", "", "" // a hidden ask that no card answered
		}
		return fmt.Sprintf(w.NoCard, st.askText(e)), "", ""
	case complication:
		return fmt.Sprintf(w.Drew, e.Card), "", ""
	case decision:
		why := e.Text
		if len(e.Options) > 0 {
			why += fmt.Sprintf(w.Options, strings.Join(e.Options, ", "))
		}
		if e.Rationale != "" {
			why += fmt.Sprintf(w.Because, e.Rationale)
		}
		// The record's who is a role id; a person ("Dana", "the VP") is
		// kept as text in the decision instead of being dropped.
		role := roleID(s, e.Who)
		if role == "" && strings.TrimSpace(e.Who) != "" {
			why += fmt.Sprintf(w.By, strings.TrimSpace(e.Who))
		}
		return fmt.Sprintf(w.Decided, e.Text), why, role
	case note:
		if findingOf[e.Tag] == "" {
			return e.Text, "", ""
		}
	}
	return "", "", ""
}

// roleID is the role a decision names, when it names one of the
// scenario's roles by id or name; "" otherwise.
func roleID(s *scenarios.Session, who string) string {
	for _, r := range s.Roles() {
		if strings.EqualFold(r.ID, who) || strings.EqualFold(r.Name, who) {
			return r.ID
		}
	}
	return ""
}

// writeExpected writes every expected action with its last rating.
func (st *State) writeExpected(b *strings.Builder) {
	q := tomlw.Quote
	for _, r := range st.s.Rounds() {
		for _, x := range r.Expect {
			fmt.Fprintf(b, "\n[[expected]]\nrole = %s\naction = %s\n", q(x.Role), q(x.Action))
			if x.By != "" {
				fmt.Fprintf(b, "by = %s\n", q(x.By))
			}
			e, ok := st.Ratings[[2]string{x.Role, x.Action}]
			if !ok {
				b.WriteString("rating = \"\"\n")
				continue
			}
			observed := e.Observed
			if observed == "" {
				observed = written.FormatOffset(st.storyAt(e.T))
			}
			fmt.Fprintf(b, "rating = %s\nobserved = %s\n", q(e.Rating), q(observed))
			if e.Note != "" {
				fmt.Fprintf(b, "note = %s\n", q(e.Note))
			}
		}
	}
}

// writeFindings writes the notes under their findings, and what was asked
// for that no card answered.
func (st *State) writeFindings(b *strings.Builder) {
	lists := map[string][]string{}
	for _, e := range st.Events {
		switch {
		case e.Kind == note && findingOf[e.Tag] != "":
			lists[findingOf[e.Tag]] = append(lists[findingOf[e.Tag]], e.Text)
		case e.Kind == request && e.Clue == "" && st.askText(e) != "":
			lists["asked_no_card"] = append(lists["asked_no_card"], st.askText(e))
		}
	}
	b.WriteString("\n[findings]\n")
	for _, key := range []string{"confusion", "missing_data", "ownership", "should_have_existed", "asked_no_card"} {
		if len(lists[key]) == 0 {
			continue
		}
		fmt.Fprintf(b, "%s = %s\n", key, tomlw.Strings(lists[key]))
	}
}

// writeNeverAsked lists the on-request cards no request was answered with.
func (st *State) writeNeverAsked(b *strings.Builder) {
	var ids []string
	for _, rv := range st.s.Timeline().Of(written.OnRequest) {
		if _, asked := st.Revealed[rv.Clue.ID]; !asked {
			ids = append(ids, tomlw.Quote(rv.Clue.ID))
		}
	}
	if len(ids) > 0 {
		fmt.Fprintf(b, "never_asked = [%s]\n", strings.Join(ids, ", "))
	}
}
