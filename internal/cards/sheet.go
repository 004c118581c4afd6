package cards

import (
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/written"
)

// face draws one side of a card inside r; bleed is the extra margin its
// background may cover outside r.
type face func(p *draw.Page, r layouts.Rect, bleed float64)

// Card is one card's content: a front and, optionally, a back, each a
// frame of the card's size drawn once in the card's own coordinates. It
// knows nothing of sheets: layouts imposes cards on paper (n-up with cut
// marks, duplex backs, fold-over) and export draws each face on its own.
type Card struct {
	ID   string // the role, system, clue or complication id
	Kind string // badge, system, clue, request, complication, prompt, slip
	Name string // the face's file name stem for export, e.g. clue-010-c01
	Size layouts.Size
	// Front and Back are the faces; Back is nil for a card without one.
	Front draw.Frame
	Back  *draw.Frame
	// Omitted are the log lines a log card scrolled off its top, which
	// the run sheet prints for the facilitator without laying out the
	// log again.
	Omitted []string
}

// draft is a card whose faces are still functions: drawn at any bleed,
// and, for a clue, its parts laid out once.
type draft struct {
	ID, Kind, Name string
	Size           layouts.Size
	Front, Back    face
	omitted        []string
}

// drawn draws a draft's faces, with their backgrounds bleed beyond the
// card's edge.
func (c draft) drawn(bleed float64) Card {
	card := Card{ID: c.ID, Kind: c.Kind, Name: c.Name, Size: c.Size, Front: frameOf(c.Size, bleed, c.Front), Omitted: c.omitted}
	if c.Back != nil {
		back := frameOf(c.Size, bleed, c.Back)
		card.Back = &back
	}
	return card
}

func frameOf(size layouts.Size, bleed float64, f face) draw.Frame {
	p := &draw.Page{Size: size}
	f(p, layouts.Rect{W: size.W, H: size.H}, bleed)
	return draw.Frame{Size: size, Ops: p.Ops}
}

func drawAll(list []draft, bleed float64) []Card {
	out := make([]Card, len(list))
	for i, c := range list {
		out[i] = c.drawn(bleed)
	}
	return out
}

// Item is the card as imposition sees it.
func (c Card) Item() layouts.Item { return layouts.Item{ID: c.ID, Front: c.Front, Back: c.Back} }

// background fills a card's area, extended by the bleed.
func background(p *draw.Page, r layouts.Rect, bleed float64, c draw.Color) {
	p.Rect(r.Outset(bleed), &c, nil)
}

// outline draws a thin border on the card's edge: a guide to cut along and
// the card's shape when cut marks are off.
func outline(p *draw.Page, r layouts.Rect) {
	p.Rect(r, nil, &draw.Pen{Width: 0.15, Color: draw.Gray(0.6)})
}

// cardError is a card that cannot hold its text.
type cardError struct {
	Card  text.Message
	Where tomlfile.Pos // where the role, system or clue starts in the scenario file
	Msg   text.Message
}

func (e *cardError) Error() string { return e.Message().String() }

// Message is the error's words, to say in the scenario's language.
func (e *cardError) Message() text.Message { return text.M("at-name", "name", e.Card, "err", e.Msg) }

// AllCards is every card of a scenario in play order (see Each).
func AllCards(s *scenarios.Session, opt Options) ([]Card, error) {
	var all []Card
	err := Each(s, opt, func(c Card) error {
		all = append(all, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return all, nil
}

// batch is how many clues Each lays out at a time: enough to keep a
// worker busy, few enough that memory does not grow with the scenario.
const batch = 32

// Each hands every card of a scenario to yield in play order, as a board
// lays them out: badges, system cards, clues in reveal order (timed, then
// contingent), on-request clues, complications. Clues are laid out a batch
// at a time, so that only a batch's drawings are held at once. A card that
// cannot be laid out stops the cards being handed on, but the rest are
// still laid out, so that every such error comes back at once. An error
// from yield stops Each and is returned.
func Each(s *scenarios.Session, opt Options, yield func(Card) error) error {
	var errs []error
	give := func(list []draft, err error) error {
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		for _, d := range list {
			if len(errs) > 0 {
				return nil
			}
			if err := yield(d.drawn(opt.Bleed)); err != nil {
				return err
			}
		}
		return nil
	}
	if err := give(badgeDrafts(s)); err != nil {
		return err
	}
	if err := give(systemDrafts(s)); err != nil {
		return err
	}
	tl := s.Timeline()
	for _, reveals := range [][]scenarios.Reveal{
		append(tl.Of(written.Timed), tl.Of(written.Contingent)...),
		tl.Of(written.OnRequest),
	} {
		for first := 0; first < len(reveals); first += batch {
			if err := opt.Stopped(); err != nil {
				return err
			}
			if err := give(clueDrafts(s, opt, reveals[first:min(first+batch, len(reveals))], first)); err != nil {
				return err
			}
		}
	}
	if err := give(complicationDrafts(s)); err != nil {
		return err
	}
	return joinErrors(errs)
}

// Faces is a card's front, and its back when it has one, each a page of
// the card's own size.
func (c Card) Faces() []*draw.Page {
	pages := []*draw.Page{{Size: c.Size, Ops: c.Front.Ops, Cards: []string{c.ID}}}
	if c.Back != nil {
		pages = append(pages, &draw.Page{Size: c.Size, Ops: c.Back.Ops, Cards: []string{c.ID}})
	}
	return pages
}
