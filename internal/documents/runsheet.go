package documents

import (
	"fmt"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/written"
)

// sheetWarnings are the scenario's warnings (Scenario.Warnings) in its
// language: what the run sheet flags and build prints.
func sheetWarnings(s *scenarios.Session) []string {
	lang := s.Language()
	lb := cards.LabelsFor(lang)
	var out []string
	for _, w := range s.Warnings() {
		switch w.Kind {
		case scenarios.AfterEnd:
			out = append(out, text.M("warn-after-end", "clue", w.Clue, "at", written.FormatOffset(w.At), "span", lb.Span(s.Meta().DurationValue)).In(lang))
		case scenarios.EmptyRound:
			out = append(out, text.M("warn-empty-round", "at", written.FormatOffset(w.At), "round", w.Round).In(lang))
		case scenarios.NoRecipient:
			out = append(out, text.M("warn-no-recipient", "clue", w.Clue).In(lang))
		case scenarios.ReceivesNothing:
			out = append(out, text.M("warn-receives-nothing", "role", w.Role).In(lang))
		}
	}
	return out
}

// runSheet builds the facilitator's run sheet: summary, roster, the rounds
// in time order with the clues to reveal in each and their private notes,
// warnings, and a print checklist of the other decks.
func runSheet(s *scenarios.Session, opt Options, printed printed) (*draw.Deck, error) {
	lb := cards.LabelsFor(s.Language())
	d := &draw.Deck{Name: s.ID() + "-facilitator", Title: deckTitle(s, "facilitator")}
	size := opt.Paper.Portrait()
	w := newPageWriter(d, size, runSheetHeader(s, size, lb))
	w.newPage()
	runSheetHead(w, s, lb)
	roleNames := map[string]string{}
	for _, r := range s.Roles() {
		roleNames[r.ID] = r.Name
	}
	roster(w, s, lb)
	retestsSection(w, opt.Retests, lb)
	if err := runSheetRounds(w, s, lb, roleNames, opt, printed.omitted(s, opt)); err != nil {
		return nil, err
	}
	requestIndex(w, s, lb)
	complicationsRule(w, s, lb)
	runSheetWarnings(w, s, lb)
	printChecklist(w, printed.Decks, lb, opt)
	return d, nil
}

// runSheetHeader marks every page FACILITATOR ONLY, with its number.
func runSheetHeader(s *scenarios.Session, size layouts.Size, lb cards.Labels) func(p *draw.Page, n int) float64 {
	return func(p *draw.Page, n int) float64 {
		x, w := sheetMargin, size.W-2*sheetMargin
		y := sheetMargin
		p.Text(x, y+5, fonts.Bold, 14, draw.Black, lb.RunSheet)
		dark := draw.Gray(0.15)
		tag := lb.Facilitator
		tw := fonts.Bold.Width(tag, 8) + 4
		p.Rect(layouts.Rect{X: x + w - tw, Y: y, W: tw, H: 6}, &dark, nil)
		p.Text(x+w-tw+2, y+4.3, fonts.Bold, 8, draw.White, tag)
		p.Text(x, y+10.5, fonts.Regular, 8.5, draw.Gray(0.3), fmt.Sprintf("%s · %s %d", s.Title(), lb.Page, n))
		p.Line(draw.Pen{Width: 0.4, Color: draw.Black}, draw.Point{X: x, Y: y + 13}, draw.Point{X: x + w, Y: y + 13})
		return 17
	}
}

// runSheetHead is the title, the summary, the duration and T+0.
func runSheetHead(w *pageWriter, s *scenarios.Session, lb cards.Labels) {
	w.text(fonts.Bold, 16, draw.Black, 0, s.Title())
	w.y += 1
	if s.Meta().Summary != "" {
		w.text(fonts.Regular, 10, draw.Black, 0, s.Meta().Summary)
	}
	var facts []string
	if s.Meta().DurationValue > 0 {
		facts = append(facts, lb.Duration+": "+lb.Span(s.Meta().DurationValue))
	}
	facts = append(facts, lb.Start+" "+s.Meta().StartTime.Format("2006-01-02 15:04 -07:00"))
	if p := s.Meta().Pace; p > 1 {
		facts = append(facts, fmt.Sprintf(lb.Pace, p))
	}
	if s.Meta().Difficulty != "" {
		facts = append(facts, lb.Difficulty+": "+lb.Difficulties[s.Difficulty()])
	}
	w.y += 1
	w.text(fonts.Regular, 9, draw.Gray(0.3), 0, strings.Join(facts, " · "))
	if len(s.Meta().Sources) > 0 {
		w.y += 1.5
		w.text(fonts.Bold, 8.5, draw.Gray(0.3), 0, lb.Sources)
		for _, src := range s.Meta().Sources {
			w.text(fonts.Regular, 8, draw.Gray(0.3), 2, src)
		}
	}
	w.y += 4
}

// roster lists the roles with a line for who plays each.
func roster(w *pageWriter, s *scenarios.Session, lb cards.Labels) {
	w.heading(12, lb.Roster, 12)
	for _, r := range s.Roles() {
		holder := r.Holder
		if holder == "" {
			holder = "________________"
		}
		line := fmt.Sprintf("%s (%s) — %s: %s", r.Name, r.ID, lb.Holder2, holder)
		if r.EscalatesTo != "" {
			line += " — " + lb.EscalatesTo + ": " + r.EscalatesTo
		}
		w.text(fonts.Regular, 9, draw.Black, 2, "• "+line)
	}
	w.y += 4
}

// runSheetRounds writes the rounds, each with the timed clues revealed from
// its start to the next round's, the contingencies due then and the
// expected actions.
func runSheetRounds(w *pageWriter, s *scenarios.Session, lb cards.Labels, roleNames map[string]string, opt Options, omitted func(written.Clue) []string) error {
	tl := s.Timeline()
	rounds := s.Rounds()
	first := 0 // -1: a section for the clues before the first round
	if len(rounds) == 0 || len(tl.InRound(-1, written.Timed))+len(tl.InRound(-1, written.Contingent)) > 0 {
		first = -1
	}
	for i := first; i < len(rounds); i++ {
		timed, cont := tl.InRound(i, written.Timed), tl.InRound(i, written.Contingent)
		if i < 0 {
			w.startSection(lb.ToReveal, lb.Continued, 14)
		} else {
			roundHeading(w, s, &rounds[i], lb)
		}
		if len(timed) > 0 {
			w.label(lb.ToReveal, draw.Gray(0.35), 12) // kept with its first clue
		}
		for _, rv := range timed {
			if err := opt.Stopped(); err != nil {
				return err
			}
			runSheetClue(w, s, *rv.Clue, lb, roleNames, omitted)
		}
		if len(cont) > 0 {
			w.label(lb.Modes[written.Contingent], draw.Gray(0.35), 12)
		}
		for _, rv := range cont {
			runSheetClue(w, s, *rv.Clue, lb, roleNames, omitted)
		}
		if i >= 0 && len(rounds[i].Expect) > 0 {
			expectedActions(w, s, rounds[i].Expect, lb, roleNames)
		}
		w.endSection()
		w.y += 3
	}
	return nil
}

// expectedActions lists a round's expected actions: at intro as hints to
// offer, at hard with what a missed one costs.
func expectedActions(w *pageWriter, s *scenarios.Session, expect []written.Expect, lb cards.Labels, roleNames map[string]string) {
	label := lb.Expected
	if s.Difficulty() == "intro" {
		label = lb.Hints
	}
	w.label(label, draw.Gray(0.35), 8)
	for _, e := range expect {
		w.text(fonts.Regular, 9.5, draw.Black, 3, "□ "+expectLine(e, lb, roleNames))
	}
	if s.Difficulty() == "hard" {
		w.text(fonts.Bold, 9, draw.Black, 3, lb.HardMissed)
	}
}

// runSheetWarnings repeats what build warned of, where the facilitator
// reads it.
func runSheetWarnings(w *pageWriter, s *scenarios.Session, lb cards.Labels) {
	warns := sheetWarnings(s)
	for _, n := range s.Notes() {
		warns = append(warns, n.Msg)
	}
	if len(warns) == 0 {
		return
	}
	w.heading(12, lb.Warnings, 8)
	for _, x := range warns {
		w.text(fonts.Regular, 9.5, draw.Black, 2, "▲ "+x)
	}
	w.y += 3
}

// printChecklist lists every deck with its sheets, and how to flip those
// with backs.
func printChecklist(w *pageWriter, others []deckSheets, lb cards.Labels, opt Options) {
	w.heading(12, lb.Checklist, 10)
	for _, o := range others {
		n := o.Sheets
		note := ""
		if o.Backs {
			note = " (" + lb.DuplexFlip[opt.Duplex] + ")"
		}
		unit := lb.Sheets
		if n == 1 {
			unit = lb.Sheet
		}
		w.text(fonts.Regular, 9.5, draw.Black, 2, fmt.Sprintf("□ %s — %d %s%s", o.Name+".pdf", n, unit, note))
	}
}

// roundHeading starts a round's section: its setup to read aloud and its
// questions, each label kept with its first lines.
func roundHeading(w *pageWriter, s *scenarios.Session, r *written.Round, lb cards.Labels) {
	head := fmt.Sprintf("%s (%s) — %s", written.FormatOffset(r.Offset), s.Clock(r.Offset), r.Title)
	if r.Story != r.Offset {
		head += " · " + fmt.Sprintf(lb.StoryAt, written.FormatOffset(r.Story))
	}
	if p := s.Meta().Pace; p > 1 {
		// Live at a pace, the round starts this far into the session.
		head += " · " + fmt.Sprintf(lb.SessionAt, written.FormatOffset(time.Duration(float64(r.Offset)/p).Round(time.Second)))
	}
	w.startSection(head, lb.Continued, 14)
	if r.Setup != "" {
		w.label(lb.ReadAloud, draw.Gray(0.35), w.linesHeight(fonts.Regular, 10, 3, r.Setup, 2))
		w.text(fonts.Regular, 10, draw.Black, 3, r.Setup)
		w.y += 1
	}
	if len(r.Questions) > 0 {
		first := w.linesHeight(fonts.Regular, 9.5, 3, "? "+r.Questions[0], 2)
		if len(r.Questions) > 1 && first < 2*9.5*1.3*fonts.PtToMM {
			first += w.linesHeight(fonts.Regular, 9.5, 3, "? "+r.Questions[1], 1)
		}
		w.label(lb.Questions, draw.Gray(0.35), first)
		for _, q := range r.Questions {
			w.text(fonts.Regular, 9.5, draw.Black, 3, "? "+q)
		}
		w.y += 1
	}
	roundPolls(w, r, lb)
}

// runSheetClue lists one clue for the facilitator: id, time, kind and
// recipients, title, the condition and what it replaces (contingent), the
// private note, and the log lines its card scrolled off.
func runSheetClue(w *pageWriter, s *scenarios.Session, c written.Clue, lb cards.Labels, roleNames map[string]string, omitted func(written.Clue) []string) {
	head := fmt.Sprintf("%s  %s (%s)  %s  → %s", c.ID, written.FormatOffset(c.Offset), s.Clock(c.Offset), lb.Kinds[c.Kind], cards.Recipients(c, lb, roleNames))
	w.ensure(12)
	w.text(fonts.Mono, 8.5, draw.Black, 3, head)
	w.text(fonts.Bold, 9.5, draw.Black, 6, c.Title)
	if c.Mode == written.Contingent {
		cond := lb.Condition + ": " + c.When
		if c.Replaces != "" {
			cond += " (" + lb.ReplacesClue + " " + c.Replaces + ")"
		}
		w.text(fonts.Bold, 9, draw.Black, 6, cond)
	}
	if c.Note != "" {
		w.text(fonts.Regular, 9, draw.Gray(0.3), 6, lb.Note+": "+c.Note)
	}
	if c.Log != nil {
		// The lines a snapshot scrolled off the top are listed here, so
		// none is lost.
		if hidden := omitted(c); len(hidden) > 0 {
			w.text(fonts.Regular, 8, draw.Gray(0.4), 6, fmt.Sprintf(lb.LinesOmitted, len(hidden))+":")
			for _, l := range hidden {
				w.text(fonts.Mono, 6.5, draw.Gray(0.3), 8, l)
			}
		}
	}
	w.y += 1.5
}

// expectLine is one expected action: role, action, by when.
func expectLine(e written.Expect, lb cards.Labels, roleNames map[string]string) string {
	line := roleNames[e.Role] + " (" + e.Role + "): " + e.Action
	if e.HasBy {
		line += " — " + lb.By + " " + written.FormatOffset(e.ByOffset)
	}
	return line
}

// requestIndex lists what players may ask for, by system, and the card
// that answers.
func requestIndex(w *pageWriter, s *scenarios.Session, lb cards.Labels) {
	reqs := s.Timeline().Of(written.OnRequest)
	if len(reqs) == 0 {
		return
	}
	w.heading(12, lb.RequestIndex, 10)
	w.text(fonts.Regular, 8.5, draw.Gray(0.35), 0, lb.IfTheyAsk+" … → "+lb.Clue+" ("+lb.System2+")")
	for _, rv := range reqs {
		c := rv.Clue
		line := fmt.Sprintf("%q → %s", c.Ask, c.ID)
		if c.System != "" {
			line += " (" + cards.SystemName(s, c.System) + ")"
		}
		if rv.HasAt {
			line += " — " + lb.NotBefore + " " + written.FormatOffset(rv.At())
		}
		w.text(fonts.Regular, 9.5, draw.Black, 2, line)
		w.text(fonts.Regular, 8.5, draw.Gray(0.3), 6, c.Title)
		if c.Note != "" {
			w.text(fonts.Regular, 8.5, draw.Gray(0.3), 6, lb.Note+": "+c.Note)
		}
	}
	w.y += 3
}

// complicationsRule says when to draw a complication and lists the cards.
func complicationsRule(w *pageWriter, s *scenarios.Session, lb cards.Labels) {
	cards := s.ComplicationCards()
	if len(cards) == 0 {
		return
	}
	w.heading(12, lb.Complications, 10)
	rule := s.Complications().Draw
	if rule == "" {
		rule = lb.DrawRule
	}
	if s.Difficulty() == "hard" {
		rule = lb.HardDraw
	}
	w.text(fonts.Bold, 9.5, draw.Black, 0, rule)
	for _, c := range cards {
		w.text(fonts.Regular, 9, draw.Black, 2, "□ "+c.ID+"  "+c.Title)
	}
	w.y += 3
}

// printed is what the run sheet is told of the rest of a build: each
// deck's sheets, for the print checklist, and the log lines each clue's
// card left out.
type printed struct {
	Decks []deckSheets
	// Omitted maps a clue's id to the log lines its card scrolled off; a
	// clue it does not name is laid out again to learn them.
	Omitted map[string][]string
}

// deckSheets is one deck in the print checklist.
type deckSheets struct {
	Name   string // the deck's name: its PDF file's, without .pdf
	Sheets int
	Backs  bool // print duplex
}

// omitted returns the log lines a clue's card leaves out.
func (pr printed) omitted(s *scenarios.Session, opt Options) func(written.Clue) []string {
	return func(c written.Clue) []string {
		if lines, ok := pr.Omitted[c.ID]; ok {
			return lines
		}
		return cards.OmittedLines(s, c, opt.Options)
	}
}
