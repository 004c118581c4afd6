package cards

import (
	"context"
	"fmt"
	"sync"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// Options are the print settings of a build.
type Options struct {
	Paper      layouts.Size
	Duplex     layouts.Duplex
	CutMarks   bool
	Bleed      float64    // mm the card backgrounds extend under the cut
	BackOffset [2]float64 // mm every back sheet is shifted to correct a printer
	Fold       bool       // clue fronts and backs side by side, to fold
	ClueCard   string     // named clue card size
	BadgeBacks bool       // print backs for badges too
	LogTheme   string     // "dark" (default) or "light" terminal windows
	LightBacks bool       // complication backs outlined, not solid ink: thin paper shows no shadow
	// Ctx, when set, stops a long build once it is cancelled (Ctrl-C).
	Ctx context.Context
	// hidden, within one build, keeps the log lines each clue's card
	// scrolled off, so that the run sheet reads them from the card that
	// was laid out instead of laying every log out again.
	hidden *sync.Map // clue id -> []string
}

// DefaultOptions prints on A4 without backs, with cut marks.
func DefaultOptions() Options {
	return Options{Paper: layouts.A4, Duplex: layouts.DuplexNone, CutMarks: true, ClueCard: "quarter"}
}

// face draws one side of a card inside r; bleed is the extra margin its
// background may cover outside r.
type face func(p *Page, r layouts.Rect, bleed float64)

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
	p := &Page{Size: size}
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

func items(list []Card) []layouts.Item {
	out := make([]layouts.Item, len(list))
	for i, c := range list {
		out[i] = c.Item()
	}
	return out
}

// sheets are the options imposition follows.
func (o Options) sheets() layouts.Sheets {
	return layouts.Sheets{Duplex: o.Duplex, BackOffset: o.BackOffset, CutMarks: o.CutMarks, Bleed: o.Bleed}
}

// impose lays drafts out n-up, front sheets each followed by their back
// sheet when backs are printed.
func impose(d *Deck, g layouts.Grid, list []draft, opt Options, backs bool) {
	layouts.ImposeOn(d, g, items(drawAll(list, opt.Bleed)), opt.sheets(), backs)
}

// background fills a card's area, extended by the bleed.
func background(p *Page, r layouts.Rect, bleed float64, c Color) {
	p.Rect(r.Outset(bleed), &c, nil)
}

// outline draws a thin border on the card's edge: a guide to cut along and
// the card's shape when cut marks are off.
func outline(p *Page, r layouts.Rect) {
	p.Rect(r, nil, &Pen{Width: 0.15, Color: Gray(0.6)})
}

// CardError is a card that cannot hold its text.
type CardError struct {
	Card  string
	Where scenarios.Pos // where the role, system or clue starts in the scenario file
	Msg   string
}

func (e *CardError) Error() string { return fmt.Sprintf("%s: %s", e.Card, e.Msg) }

// SheetCount is how many sheets a deck takes to print.
func SheetCount(d *Deck, duplex bool) int {
	if duplex {
		return (len(d.Pages) + 1) / 2
	}
	return len(d.Pages)
}

// Capacity is how many cards of one kind a sheet holds with the chosen
// paper and bleed, beside how many it would hold without the choice that
// costs them (Cause: "bleed" or "paper").
type Capacity struct {
	Kind              string
	Cause             string
	PerSheet, Without int
}

// Capacities reports the card kinds that the bleed, or a paper smaller
// than A4 for them, leaves fewer of per sheet, so that build can say why a
// deck needs more paper.
func Capacities(opt Options) []Capacity {
	kinds := []struct {
		name string
		size layouts.Size
		best bool
	}{{"badges", BadgeSize, false}, {"system cards", SystemSize, false}, {"clue cards", ClueSizes[opt.ClueCard], true}}
	var out []Capacity
	for _, k := range kinds {
		per := func(paper layouts.Size, bleed float64) int {
			var g layouts.Grid
			var err error
			if k.best {
				g, err = layouts.ImposeBest(paper, k.size, bleed)
			} else {
				g, err = layouts.Impose(paper.Portrait(), k.size, bleed)
			}
			if err != nil {
				return 0
			}
			return g.PerPage()
		}
		with, noBleed, a4 := per(opt.Paper, opt.Bleed), per(opt.Paper, 0), per(layouts.A4, 0)
		switch {
		case with < noBleed:
			out = append(out, Capacity{Kind: k.name, Cause: "bleed", PerSheet: with, Without: noBleed})
		case with < a4:
			out = append(out, Capacity{Kind: k.name, Cause: "paper", PerSheet: with, Without: a4})
		}
	}
	return out
}

// stopped reports a cancelled build.
func (o Options) stopped() error {
	if o.Ctx == nil {
		return nil
	}
	if err := o.Ctx.Err(); err != nil {
		return fmt.Errorf("interrupted: %w", err)
	}
	return nil
}

// Theme is the log theme the options name, dark unless light was chosen.
func (o Options) Theme() LogTheme {
	if t, ok := LogThemes[o.LogTheme]; ok {
		return t
	}
	return LogThemes["dark"]
}

// AllCards is every card of a scenario in play order, as a board lays them
// out: badges, system cards, clues in reveal order (timed, then
// contingent), on-request clues, complications.
func AllCards(s *scenarios.Scenario, opt Options) ([]Card, error) {
	var all []draft
	badges, err := badgeDrafts(s)
	if err != nil {
		return nil, err
	}
	systems, err := systemDrafts(s)
	if err != nil {
		return nil, err
	}
	all = append(append(all, badges...), systems...)
	for _, reveals := range [][]scenarios.Reveal{
		append(s.Timeline.Of(scenarios.Timed), s.Timeline.Of(scenarios.Contingent)...),
		s.Timeline.Of(scenarios.OnRequest),
	} {
		if len(reveals) == 0 {
			continue
		}
		clues, err := clueDrafts(s, opt, reveals)
		if err != nil {
			return nil, err
		}
		all = append(all, clues...)
	}
	comps, err := complicationDrafts(s)
	if err != nil {
		return nil, err
	}
	return drawAll(append(all, comps...), opt.Bleed), nil
}

// Faces is a card's front, and its back when it has one, each a page of
// the card's own size.
func (c Card) Faces() []*Page {
	pages := []*Page{{Size: c.Size, Ops: c.Front.Ops, Cards: []string{c.ID}}}
	if c.Back != nil {
		pages = append(pages, &Page{Size: c.Size, Ops: c.Back.Ops, Cards: []string{c.ID}})
	}
	return pages
}
