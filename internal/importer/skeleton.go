package importer

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/written"
)

// skeleton is what a replay holds before it is written: the people who
// acted as roles, rounds where the timeline pauses, what the team saw as
// clues and what it did as expected actions.
type skeleton struct {
	roles  []role
	rounds []round
	clues  []timelineRow
}

type role struct{ id, name string }

type round struct {
	at     time.Duration
	expect []expected
}

type expected struct {
	role, action string
	by           time.Duration
	who          string // the person who did it, when a postmortem names one
}

// maxRounds keeps a long timeline to the rounds a 60–90 minute session
// has time for: the longest pauses win.
const maxRounds = 6

func planSkeleton(rows []timelineRow, icName string) skeleton {
	var sk skeleton
	var acts []timelineRow
	for _, r := range rows {
		if r.action {
			acts = append(acts, r)
		} else {
			sk.clues = append(sk.clues, r)
		}
	}
	ids := map[string]string{}
	for _, a := range acts {
		if a.actor != "" && ids[a.actor] == "" {
			id := rules.SafeID(a.actor, "role")
			for n := 2; slices.ContainsFunc(sk.roles, func(r role) bool { return r.id == id }); n++ {
				id = fmt.Sprintf("%s-%d", rules.SafeID(a.actor, "role"), n)
			}
			ids[a.actor] = id
			sk.roles = append(sk.roles, role{id, a.actor})
		}
	}
	if len(sk.roles) == 0 || slices.ContainsFunc(acts, func(a timelineRow) bool { return a.actor == "" }) {
		sk.roles = append([]role{{"ic", icName}}, sk.roles...)
	}
	for _, at := range roundStarts(rows) {
		sk.rounds = append(sk.rounds, round{at: at})
	}
	for _, a := range acts {
		i := len(sk.rounds) - 1
		for i > 0 && sk.rounds[i].at > a.at {
			i--
		}
		who := ids[a.actor]
		if who == "" {
			who = "ic"
		}
		sk.rounds[i].expect = append(sk.rounds[i].expect, expected{role: who, action: a.text, by: max(a.at, sk.rounds[i].at)})
	}
	return sk
}

// roundStarts puts a round at T+0 and after each pause in the timeline:
// a gap of at least five minutes and a sixth of the whole, at most
// maxRounds in all, the longest gaps first.
func roundStarts(rows []timelineRow) []time.Duration {
	var at []time.Duration
	for _, r := range rows {
		if r.at > 0 {
			at = append(at, r.at)
		}
	}
	slices.Sort(at)
	starts := []time.Duration{0}
	if len(at) == 0 {
		return starts
	}
	span := at[len(at)-1]
	threshold := max(5*time.Minute, span/6)
	type gap struct{ size, at time.Duration }
	var gaps []gap
	for i := 1; i < len(at); i++ {
		if g := at[i] - at[i-1]; g >= threshold {
			gaps = append(gaps, gap{g, at[i].Truncate(time.Minute)})
		}
	}
	slices.SortStableFunc(gaps, func(a, b gap) int { return int(b.size - a.size) })
	for _, g := range gaps[:min(len(gaps), maxRounds-1)] {
		if g.at > 0 && g.at <= written.MaxWindow {
			starts = append(starts, g.at)
		}
	}
	slices.Sort(starts)
	return slices.Compact(starts)
}

// draftWords are what a drafted scenario says, from the catalog of its
// language.
type draftWords struct {
	IncidentCommander, RoundTitle, Untitled, Twist            string
	OnCall, Comms, Responder, FillResponder, Who, Owner       string
	CauseAsk, FactorAsk, CauseNote, FactorNote                string
	Header, Marks, TimelineHeader, ReplayOf, Replay           string
	FillRoles, GuessedKind                                    string
	FillTitle, FillSummary, FillSetup, FillRound, FillAsk     string
	FillStart, CheckAction, CheckResponder, CheckComplication string
	FirstQuestions, LastQuestions                             []string
	MidQuestions                                              [][]string
}

func wordsFor(lang string) draftWords { return text.Load[draftWords](lang, "draft") }

// questionsFor follow the session: how it starts, how it goes on (a
// different pair each round), how it ends.
func questionsFor(w draftWords, i, n int) []string {
	switch {
	case i == 0:
		return w.FirstQuestions
	case i == n-1:
		return w.LastQuestions
	}
	return w.MidQuestions[(i-1)%len(w.MidQuestions)]
}

// write is the skeleton as TOML, and the line each clue starts at, so that
// a problem with a clue is reported at its row.
func (sk skeleton) write(name, id string, t0 time.Time, lang string, w draftWords) ([]byte, []int) {
	var b strings.Builder
	fmt.Fprintf(&b, "#:schema scenario.schema.json\n# %s\n# %s\nformat = 1\n\n", strings.ReplaceAll(w.TimelineHeader, "{file}", commentOf(name)), w.Marks)
	fmt.Fprintf(&b, "[scenario]\nid = %s\ntitle = %s   # fill in\nsummary = \"\"   # fill in: %s\nlanguage = %s\nstart = %s\nseed = 1\n", quote(id), quote(replayTitle(w, name)), w.FillSummary, quote(lang), quote(t0.Format(time.RFC3339)))
	for i, r := range sk.roles {
		fill := ""
		if i == 0 {
			fill = "   # fill in " + w.FillRoles
		}
		fmt.Fprintf(&b, "\n[[roles]]\nid = %s\nname = %s%s\n", quote(r.id), quote(r.name), fill)
	}
	for i, r := range sk.rounds {
		qs := make([]string, 0, 2)
		for _, q := range questionsFor(w, i, len(sk.rounds)) {
			qs = append(qs, quote(q))
		}
		at := written.FormatOffset(r.at)
		fmt.Fprintf(&b, "\n[[rounds]]\nat = %s\ntitle = %s   # fill in\nquestions = [%s]\n", quote(at), quote(strings.ReplaceAll(w.RoundTitle, "{at}", at)), strings.Join(qs, ", "))
		for _, e := range r.expect {
			fmt.Fprintf(&b, "\n[[rounds.expect]]   # %s\nrole = %s\naction = %s\nby = %s\n", w.CheckResponder, quote(e.role), quote(e.action), quote(written.FormatOffset(e.by)))
		}
	}
	starts := make([]int, len(sk.clues))
	line := strings.Count(b.String(), "\n") // lines so far
	for i, rw := range sk.clues {
		starts[i] = line + 2 // after the blank line
		clue := clueOf(i, rw, w)
		line += strings.Count(clue, "\n")
		b.WriteString(clue)
	}
	return []byte(b.String()), starts
}

// clueOf is the [[clues]] entry of row i, its kind from the export's type
// column, else guessed from its words.
func clueOf(i int, rw timelineRow, w draftWords) string {
	kind, guessed := rw.kind, ""
	if kind == "" {
		kind = "observation"
		for _, kw := range kindWords {
			if kw.re.MatchString(rw.text) {
				kind, guessed = kw.kind, "   # check: "+w.GuessedKind
				break
			}
		}
	}
	title := rw.text
	if rs := []rune(title); len(rs) > 80 {
		title = string(rs[:77]) + "…"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n[[clues]]\nid = \"c%02d\"\nat = %s\nkind = %s%s\ntitle = %s\n", i+1, quote(written.FormatOffset(rw.at)), quote(kind), guessed, quote(title))
	if title != rw.text {
		fmt.Fprintf(&b, "body = %s\n", quote(rw.text))
	}
	if i == 0 {
		fmt.Fprintf(&b, "note = %s\n", quote(w.Twist))
	}
	return b.String()
}
