package cards

import (
	"errors"

	"propdeck/scenarios"
)

// Build makes every deck of a scenario: badges, systems (when there are
// any), clues, worksheets and the facilitator's run sheet. Errors of all
// cards are returned together.
func Build(s *scenarios.Scenario, opt Options) ([]*Deck, error) {
	var decks []*Deck
	var errs []error
	for _, make := range []func(*scenarios.Scenario, Options) (*Deck, error){Badges, Systems, Clues} {
		d, err := make(s, opt)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if d != nil {
			decks = append(decks, d)
		}
	}
	ws, err := Worksheets(s, opt)
	if err != nil {
		errs = append(errs, err)
	} else if ws != nil {
		decks = append(decks, ws)
	}
	if len(errs) > 0 {
		return nil, asScenarioErrors(s, errors.Join(errs...))
	}
	run, err := RunSheet(s, opt, decks)
	if err != nil {
		return nil, err
	}
	return append(decks, run), nil
}
