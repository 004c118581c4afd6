package cards

import (
	"fmt"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/premortem"
	"github.com/propdeck/propdeck/internal/text"
)

// KitText is what the premortem kit says, per language.
type KitText struct {
	Title, Agenda, Prompt, Rules, Slip, Theme, Cluster, Vote, Impact, Likelihood, Next string
	Pick, Trigger, Paged, Wish, CardBack                                               string
	// Owner, IdeaID and Votes are the boxes the premortem record asks for.
	Owner, IdeaID, Votes    string
	Steps                   [][2]string
	RuleList, DefaultThemes []string
}

// KitTextFor is the kit's text in a language, from its text catalog.
func KitTextFor(lang string) KitText { return text.Load[KitText](lang, "kit") }

// PremortemSize is a prompt card or an idea slip: poker size.
var PremortemSize = layouts.Size{W: 63, H: 88}

func promptDrafts(prompts []premortem.Card, tx KitText) ([]draft, error) {
	var out []draft
	for _, c := range prompts {
		blocks := []layouts.Block{
			{Style: layouts.Style{Face: fonts.Bold, Size: 11, Leading: 1.2}, Text: c.Provocation},
			{Style: layouts.Style{Face: fonts.Regular, Size: 9.5, Leading: 1.3}, Text: "? " + c.Question, Before: 4},
		}
		box := layouts.Size{W: PremortemSize.W - 2*cardPad, H: PremortemSize.H - clueHeader - 2*cardPad}
		fit := layouts.Fit(blocks, box, bodyMin/9.5)
		if len(fit.Pages) > 1 {
			return nil, &cardError{Card: text.M("card-prompt", "id", c.ID), Msg: text.M("card-text-long")}
		}
		c := c
		out = append(out, draft{ID: c.ID, Kind: "prompt", Name: "prompt-" + c.ID, Size: PremortemSize, Front: func(p *draw.Page, r layouts.Rect, bleed float64) {
			background(p, r, bleed, draw.White)
			band := draw.Color{R: 40, G: 70, B: 90}
			p.Rect(layouts.Rect{X: r.X - bleed, Y: r.Y - bleed, W: r.W + 2*bleed, H: clueHeader + bleed}, &band, nil)
			p.Text(r.X+cardPad, r.Y+6.0, fonts.Bold, 8, draw.White, tx.CardBack)
			p.Text(r.X+cardPad, r.Y+10.0, fonts.Regular, 7, draw.Gray(0.85), c.Theme)
			layouts.Print(p, r.X+cardPad, r.Y+clueHeader+cardPad, fit.Pages[0])
			outline(p, r)
		}})
	}
	return out, nil
}

// ideaSlip is a blank card with a theme box and lines to write one idea.
func ideaSlip(tx KitText) face {
	return func(p *draw.Page, r layouts.Rect, bleed float64) {
		background(p, r, bleed, draw.White)
		p.Text(r.X+cardPad, r.Y+cardPad+3, fonts.Bold, 9, draw.Black, tx.Slip)
		// Theme, id and votes: what the premortem record asks of each idea.
		inner := r.W - 2*cardPad
		box := layouts.Rect{X: r.X + cardPad, Y: r.Y + r.H - cardPad - 9, W: inner * 0.52, H: 9}
		id := layouts.Rect{X: box.X + box.W + 1.5, Y: box.Y, W: inner*0.48/2 - 1.5, H: 9}
		votes := layouts.Rect{X: id.X + id.W + 1.5, Y: box.Y, W: id.W, H: 9}
		for _, b := range []struct {
			r     layouts.Rect
			label string
		}{{box, tx.Theme}, {id, tx.IdeaID}, {votes, tx.Votes}} {
			p.Rect(b.r, nil, &draw.Pen{Width: 0.3, Color: draw.Gray(0.4)})
			p.Text(b.r.X+1.2, b.r.Y+3.2, fonts.Regular, fitOneLine(fonts.Regular, b.label, b.r.W-2.4, 7, 6), draw.Gray(0.4), b.label)
		}
		for y := r.Y + cardPad + 12; y < box.Y-3; y += 8 {
			p.Line(draw.Pen{Width: 0.15, Color: draw.Gray(0.7)}, draw.Point{X: r.X + cardPad, Y: y}, draw.Point{X: r.X + r.W - cardPad, Y: y})
		}
		outline(p, r)
	}
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
