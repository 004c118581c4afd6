package documents

import (
	"errors"
	"fmt"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
)

// Build makes every deck of a scenario: badges, systems (when there are
// any), clues, worksheets and the facilitator's run sheet. Errors of all
// cards are returned together.
func Build(s *scenarios.Session, opt Options) ([]*draw.Deck, error) {
	return build(s, opt, safely)
}

// deckBuilder makes one deck of a scenario.
type deckBuilder = func(*scenarios.Session, Options) (*draw.Deck, error)

// build makes every deck, running each builder through run: safely for the
// tool, which must not crash; directly for the fuzz test, which must see
// every panic.
func build(s *scenarios.Session, opt Options, run func(*scenarios.Session, Options, deckBuilder) (*draw.Deck, error)) ([]*draw.Deck, error) {
	// The run sheet reads the log lines each clue's card left out from the
	// cards, instead of laying every log out again.
	omitted := map[string][]string{}
	keep := func(clues func(*scenarios.Session, Options) (*draw.Deck, []cards.Card, error)) deckBuilder {
		return func(s *scenarios.Session, opt Options) (*draw.Deck, error) {
			d, list, err := clues(s, opt)
			for _, c := range list {
				if _, ok := omitted[c.ID]; !ok {
					omitted[c.ID] = c.Omitted
				}
			}
			return d, err
		}
	}
	var decks []*draw.Deck
	var errs []error
	for _, make := range []deckBuilder{badges, systems, keep(clues), keep(requests), complications, scenarioWorksheets, evaluator} {
		d, err := run(s, opt, make)
		if err != nil {
			errs = append(errs, err)
		} else if d != nil {
			decks = append(decks, d)
		}
	}
	if err := opt.Stopped(); err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, cards.Positioned(s, errors.Join(errs...))
	}
	printed := printed{Omitted: omitted}
	for _, d := range decks {
		printed.Decks = append(printed.Decks, deckSheets{Name: d.Name, Sheets: sheetCount(d, d.Backs), Backs: d.Backs})
	}
	sheet, err := runSheet(s, opt, printed)
	if err != nil {
		return nil, err
	}
	return append(decks, sheet), nil
}

// safely runs a deck builder, turning a panic into an error: no scenario
// may crash the tool, even one that finds a defect in the layout code.
func safely(s *scenarios.Session, opt Options, build deckBuilder) (d *draw.Deck, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, text.Fail("layout-panic", "file", s.File(), "cause", fmt.Sprint(r))
		}
	}()
	return build(s, opt)
}
