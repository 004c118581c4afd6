package documents

import (
	"strings"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/written"
)

// briefing is what the badge does not say: the situation as the room hears
// it (the scenario's briefing and the first round's setup), what the role
// knows at T+0, and the systems its cards are about.
func briefing(w *pageWriter, s *scenarios.Session, tl scenarios.Timeline, r written.Role, lb cards.Labels) {
	section := func(label string, items ...string) {
		if len(items) == 0 {
			return
		}
		w.y += 3
		w.heading(10, label, 6)
		for _, it := range items {
			w.text(fonts.Regular, 10.5, draw.Black, 3, it)
		}
	}
	// The scenario's briefing, then what is read aloud at the start: never
	// the summary, which tells the facilitator how it unfolds.
	var situation []string
	if b := s.Meta().Briefing; b != "" {
		situation = append(situation, b)
	}
	if rounds := s.Rounds(); len(rounds) > 0 && rounds[0].Setup != "" {
		situation = append(situation, rounds[0].Setup)
	}
	section(lb.Situation, situation...)
	var known []string
	systems := map[string]bool{}
	for _, rv := range tl.Reveals {
		if !rv.Clue.Reaches(r.ID) {
			continue
		}
		if rv.Mode() == written.Timed && rv.At() <= 0 {
			known = append(known, "• "+rv.Clue.Title)
		}
		// Every kind of card counts: a system's name is on the wall
		// already, so naming it gives nothing away.
		if rv.Clue.System != "" {
			systems[rv.Clue.System] = true
		}
	}
	section(lb.AtStart, known...)
	var yours []string
	for _, sys := range s.Systems() {
		if systems[sys.ID] {
			yours = append(yours, strings.TrimSuffix("• "+sys.Name+": "+sys.Description, ": "))
		}
	}
	section(lb.YourSystems, yours...)
}

// Packets builds one packet per role: the role's badge and briefing, then
// only the clues addressed to it or to everyone, in reveal order, four to a
// sheet. For remote players, or for dealing cards before a session.
func Packets(s *scenarios.Session, opt Options) ([]*draw.Deck, error) {
	lb := cards.LabelsFor(s.Language())
	badges, err := cards.BadgeCards(s, cards.Options{})
	if err != nil {
		return nil, err
	}
	var out []*draw.Deck
	tl := s.Timeline() // once: every role's packet reads it
	for i, r := range s.Roles() {
		d := &draw.Deck{Name: s.ID() + "-packet-" + r.ID, Title: s.Title() + " — " + r.Name}
		size := opt.Paper.Portrait()
		w := newPageWriter(d, size, nil)
		w.newPage()
		w.page.Cards = []string{r.ID}
		w.text(fonts.Regular, 9, draw.Gray(0.35), 0, s.Title())
		w.y += 2
		w.page.Place(badges[i].Front, w.left(), w.y)
		w.y += cards.BadgeSize.H + 8
		w.heading(15, r.Name, 10)
		if r.Holder != "" {
			w.text(fonts.Bold, 11, draw.Black, 0, lb.Holder+": "+r.Holder)
		}
		briefing(w, s, tl, r, lb)

		// Only timed clues are dealt in advance: contingent and on-request
		// ones depend on what the team does.
		var dealt []scenarios.Reveal
		for _, rv := range tl.Of(written.Timed) {
			if rv.Clue.Reaches(r.ID) {
				dealt = append(dealt, rv)
			}
		}
		if len(dealt) > 0 {
			popt := opt
			popt.Duplex, popt.Fold = layouts.DuplexNone, false
			clues, _, err := clueDeck(s, popt, d.Name, d.Title, dealt)
			if err != nil {
				return nil, err
			}
			d.Pages = append(d.Pages, clues.Pages...)
		}
		out = append(out, d)
	}
	return out, nil
}
