package documents

import (
	"fmt"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/written"
)

// badges builds the role badge deck: one badge per role.
func badges(s *scenarios.Session, opt Options) (*draw.Deck, error) {
	list, err := cards.BadgeCards(s, opt.Options)
	if err != nil {
		return nil, err
	}
	return portraitDeck(s, "badges", cards.BadgeSize, list, opt, opt.BadgeBacks && opt.Duplex != layouts.DuplexNone)
}

// systems builds the post-it deck: one card per system; nil when there are
// no systems.
func systems(s *scenarios.Session, opt Options) (*draw.Deck, error) {
	if len(s.Systems()) == 0 {
		return nil, nil
	}
	list, err := cards.SystemCards(s, opt.Options)
	if err != nil {
		return nil, err
	}
	return portraitDeck(s, "systems", cards.SystemSize, list, opt, false)
}

// deckTitle is the title every deck of the scenario's own carries: the
// scenario's, then what the deck of this kind is, in its language.
func deckTitle(s *scenarios.Session, kind string) string {
	return s.Title() + " — " + cards.LabelsFor(s.Language()).DeckTitles[kind]
}

// portraitDeck imposes cards of one size on portrait sheets, as ID-KIND.
func portraitDeck(s *scenarios.Session, kind string, size layouts.Size, list []cards.Card, opt Options, backs bool) (*draw.Deck, error) {
	g, err := layouts.Impose(opt.Paper.Portrait(), size, opt.Bleed)
	if err != nil {
		return nil, err
	}
	d := &draw.Deck{Name: s.ID() + "-" + kind, Title: deckTitle(s, kind)}
	impose(d, g, list, opt, backs)
	return d, nil
}

// complications builds the complication deck: a card per complication with
// its own back, so that a stack can be shuffled face down.
func complications(s *scenarios.Session, opt Options) (*draw.Deck, error) {
	list, err := cards.ComplicationCards(s, opt.faces())
	if err != nil || len(list) == 0 {
		return nil, err
	}
	d := &draw.Deck{Name: s.ID() + "-complications", Title: deckTitle(s, "complications")}
	if opt.Fold {
		// Without duplex a shuffled stack still needs backs: fold them on.
		return d, foldDeck(d, opt, cards.ComplicationSize, list)
	}
	g, err := layouts.ImposeBest(opt.Paper, cards.ComplicationSize, opt.Bleed)
	if err != nil {
		return nil, err
	}
	impose(d, g, list, opt, opt.Duplex != layouts.DuplexNone)
	return d, nil
}

// Clues builds the clue deck: the timed clues in reveal order, then the
// contingent ones by time, each continued on further cards when its text
// does not fit one, with backs when printing duplex or folding.
func Clues(s *scenarios.Session, opt Options) (*draw.Deck, error) {
	d, _, err := clues(s, opt)
	return d, err
}

func clues(s *scenarios.Session, opt Options) (*draw.Deck, []cards.Card, error) {
	tl := s.Timeline()
	list := append(tl.Of(written.Timed), tl.Of(written.Contingent)...)
	return clueDeck(s, opt, s.ID()+"-clues", deckTitle(s, "clues"), list)
}

// requests builds the deck of on-request clues, sorted by system and then
// by what is asked, so that the facilitator finds the answer in seconds.
func requests(s *scenarios.Session, opt Options) (*draw.Deck, []cards.Card, error) {
	return clueDeck(s, opt, s.ID()+"-requests", deckTitle(s, "requests"), s.Timeline().Of(written.OnRequest))
}

// clueDeck lays out the clues of some reveals as cards and imposes them:
// the deck, and the cards for what they note (the log lines they omit).
func clueDeck(s *scenarios.Session, opt Options, name, title string, reveals []scenarios.Reveal) (*draw.Deck, []cards.Card, error) {
	if len(reveals) == 0 {
		return nil, nil, nil
	}
	list, err := cards.ClueCards(s, opt.faces(), reveals)
	if err != nil {
		return nil, nil, err
	}
	size := list[0].Size
	d := &draw.Deck{Name: name, Title: title}
	if opt.Fold {
		return d, list, foldDeck(d, opt, size, list)
	}
	g, err := layouts.ImposeBest(opt.Paper, size, opt.Bleed)
	if err != nil {
		return nil, nil, err
	}
	impose(d, g, list, opt, opt.Duplex != layouts.DuplexNone)
	return d, list, nil
}

// faces are the options cards are drawn with: folded cards have no bleed,
// since the fold joins front and back (the sheet still leaves its room).
func (o Options) faces() cards.Options {
	if o.Fold {
		o.Options.Bleed = 0
	}
	return o.Options
}

// foldDeck prints each card's front and back side by side with a fold line
// between them, for printers without duplex.
func foldDeck(d *draw.Deck, opt Options, size layouts.Size, list []cards.Card) error {
	pair := layouts.Size{W: 2 * size.W, H: size.H}
	g, err := layouts.ImposeBest(opt.Paper, pair, opt.Bleed)
	if err != nil {
		return text.Fail("print-fold-too-big", "w", fmt.Sprintf("%.0f", pair.W), "h", fmt.Sprintf("%.0f", pair.H))
	}
	layouts.FoldOn(d, g, size, items(list), opt.sheets())
	return nil
}

// impose lays cards out n-up, front sheets each followed by their back
// sheet when backs are printed.
func impose(d *draw.Deck, g layouts.Grid, list []cards.Card, opt Options, backs bool) {
	layouts.ImposeOn(d, g, items(list), opt.sheets(), backs)
}

func items(list []cards.Card) []layouts.Item {
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

// sheetCount is how many sheets a deck takes to print.
func sheetCount(d *draw.Deck, duplex bool) int {
	if duplex {
		return (len(d.Pages) + 1) / 2
	}
	return len(d.Pages)
}

// capacity is how many cards of one kind a sheet holds with the chosen
// paper and bleed, beside how many it would hold without the choice that
// costs them (Cause: "bleed" or "paper").
type capacity struct {
	Kind              string
	Cause             string
	PerSheet, Without int
}

// capacities reports the card kinds that the bleed, or a paper smaller
// than A4 for them, leaves fewer of per sheet, so that build can say why a
// deck needs more paper.
func capacities(opt Options) []capacity {
	kinds := []struct {
		name string
		size layouts.Size
		best bool
	}{{"badges", cards.BadgeSize, false}, {"system cards", cards.SystemSize, false}, {"clue cards", cards.ClueSizes[opt.ClueCard], true}}
	var out []capacity
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
			out = append(out, capacity{Kind: k.name, Cause: "bleed", PerSheet: with, Without: noBleed})
		case with < a4:
			out = append(out, capacity{Kind: k.name, Cause: "paper", PerSheet: with, Without: a4})
		}
	}
	return out
}
