package cards

import (
	"context"
	"fmt"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/premortem"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// Options are what a card's content depends on. How cards go on paper
// (paper, duplex, cut marks, folding) is the documents' business.
type Options struct {
	ClueCard   string  // named clue card size
	LogTheme   string  // "dark" (default) or "light" terminal windows
	LightBacks bool    // complication backs outlined, not solid ink: thin paper shows no shadow
	Bleed      float64 // mm a card's background extends beyond its edge, under the cut
	// Ctx, when set, stops a long build once it is cancelled (Ctrl-C).
	Ctx context.Context
}

// DefaultOptions are quarter-page clue cards in dark terminals, no bleed.
func DefaultOptions() Options { return Options{ClueCard: "quarter"} }

// Stopped reports a cancelled build.
func (o Options) Stopped() error {
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

// BadgeCards is every role's badge, front and back.
func BadgeCards(s *scenarios.Scenario, opt Options) ([]Card, error) {
	list, err := badgeDrafts(s)
	if err != nil {
		return nil, err
	}
	return drawAll(list, opt.Bleed), nil
}

// SystemCards is every system's post-it card, fronts only.
func SystemCards(s *scenarios.Scenario, opt Options) ([]Card, error) {
	list, err := systemDrafts(s)
	if err != nil {
		return nil, err
	}
	return drawAll(list, opt.Bleed), nil
}

// ClueCards lays out the clues of some reveals as cards, each continued on
// further cards when its text does not fit one, named for export in reveal
// order ("clue-010-c01", "request-020-r2", a "-2" for a second card).
func ClueCards(s *scenarios.Scenario, opt Options, reveals []scenarios.Reveal) ([]Card, error) {
	list, err := clueDrafts(s, opt, reveals, 0)
	if err != nil {
		return nil, err
	}
	return drawAll(list, opt.Bleed), nil
}

// ComplicationCards is every complication card of the scenario, each with
// its back, in ink or, with LightBacks, in outline.
func ComplicationCards(s *scenarios.Scenario, opt Options) ([]Card, error) {
	list, err := complicationDrafts(s)
	if err != nil {
		return nil, err
	}
	if opt.LightBacks {
		for i := range list {
			list[i].Back = lightComplicationBack(LabelsFor(s.Scenario.Language))
		}
	}
	return drawAll(list, opt.Bleed), nil
}

// PromptCards are the premortem's prompt cards in a language.
func PromptCards(prompts []premortem.Card, lang string, opt Options) ([]Card, error) {
	list, err := promptDrafts(prompts, KitTextFor(lang))
	if err != nil {
		return nil, err
	}
	return drawAll(list, opt.Bleed), nil
}

// IdeaSlips are n blank premortem slips, each for one idea.
func IdeaSlips(n int, lang string, opt Options) []Card {
	slip := ideaSlip(KitTextFor(lang))
	list := make([]draft, n)
	for i := range list {
		list[i] = draft{ID: fmt.Sprintf("slip-%02d", i+1), Kind: "slip", Size: PremortemSize, Front: slip}
	}
	return drawAll(list, opt.Bleed)
}

// SlideFronts lays a clue out at size in a dark terminal, as a slide shows
// it: the front of each of its cards without the card's outline, and how
// many log lines the first shows.
func SlideFronts(s *scenarios.Scenario, c scenarios.Clue, size layouts.Size) ([]draw.Frame, int, error) {
	list, err := clueCards(s, c, size, LabelsFor(s.Scenario.Language), roleNames(s), LogThemes["dark"])
	if err != nil || len(list) == 0 {
		return nil, 0, err
	}
	frames := make([]draw.Frame, len(list))
	for i, cc := range list {
		p := &draw.Page{Size: size}
		cc.front(p, layouts.Rect{W: size.W, H: size.H})
		frames[i] = draw.Frame{Size: size, Ops: p.Ops}
	}
	return frames, list[0].lines, nil
}

// OmittedLines are the log lines a log clue's card scrolls off its top, at
// the card size of opt: what a build's Card.Omitted holds, for a document
// made without the cards at hand.
func OmittedLines(s *scenarios.Scenario, c scenarios.Clue, opt Options) []string {
	size, ok := ClueSizes[opt.ClueCard]
	if !ok {
		size = ClueSizes["quarter"]
	}
	list, err := logCards(s, c, size, LabelsFor(s.Scenario.Language), roleNames(s), opt.Theme())
	if err != nil || len(list) == 0 {
		return nil
	}
	return list[0].omitted
}

func roleNames(s *scenarios.Scenario) map[string]string {
	names := map[string]string{}
	for _, r := range s.Roles {
		names[r.ID] = r.Name
	}
	return names
}
