package cards

import (
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
)

// ComplicationSize is a complication card: poker size, to be drawn from a
// shuffled stack.
var ComplicationSize = layouts.Size{W: 63, H: 88}

// lightComplicationBack is the back in outline: a band of ink the size of
// the card shows through 80 g/m² paper, so that players could read which
// card is next; a frame and a word do not.
func lightComplicationBack(lb Labels) face {
	return func(p *draw.Page, r layouts.Rect, bleed float64) {
		background(p, r, bleed, draw.White)
		ink := draw.Color{R: 58, G: 52, B: 70}
		p.Rect(r.Inset(2.5), nil, &draw.Pen{Width: 0.6, Color: ink})
		p.Rect(r.Inset(4), nil, &draw.Pen{Width: 0.25, Color: ink})
		p.TextCenter(r.X+r.W/2, r.Y+r.H/2, fonts.Bold, fitOneLine(fonts.Bold, lb.Complications, r.W-12, 14, 8), ink, lb.Complications)
	}
}

// complicationDrafts is every complication card of the scenario, with backs.
func complicationDrafts(s *scenarios.Session) ([]draft, error) {
	list := s.ComplicationCards()
	lb := LabelsFor(s.Language())
	var cards []draft
	for _, c := range list {
		blocks := []layouts.Block{{Style: layouts.Style{Face: fonts.Bold, Size: 11, Leading: 1.2}, Text: c.Title}}
		if c.Body != "" {
			blocks = append(blocks, layouts.Block{Style: layouts.Style{Face: fonts.Regular, Size: 9, Leading: 1.3}, Text: c.Body, Before: 2})
		}
		box := layouts.Size{W: ComplicationSize.W - 2*cardPad, H: ComplicationSize.H - clueHeader - 2*cardPad}
		fit := layouts.Fit(blocks, box, bodyMin/9)
		if len(fit.Pages) > 1 {
			return nil, &cardError{Card: text.M("card-complication", "id", c.ID), Msg: text.M("card-text-long")}
		}
		cards = append(cards, draft{
			ID:   c.ID,
			Kind: "complication",
			Name: "complication-" + c.ID,
			Size: ComplicationSize,
			Front: func(p *draw.Page, r layouts.Rect, bleed float64) {
				background(p, r, bleed, draw.White)
				band := draw.Color{R: 58, G: 52, B: 70}
				p.Rect(layouts.Rect{X: r.X - bleed, Y: r.Y - bleed, W: r.W + 2*bleed, H: clueHeader + bleed}, &band, nil)
				p.Text(r.X+cardPad, r.Y+6.0, fonts.Bold, 8, draw.White, lb.Complication)
				p.Text(r.X+cardPad, r.Y+10.0, fonts.Mono, 7, draw.Gray(0.85), c.ID)
				layouts.Print(p, r.X+cardPad, r.Y+clueHeader+cardPad, fit.Pages[0])
				outline(p, r)
			},
			Back: func(p *draw.Page, r layouts.Rect, bleed float64) {
				band := draw.Color{R: 58, G: 52, B: 70}
				background(p, r, bleed, band)
				p.Rect(r.Inset(2.5), nil, &draw.Pen{Width: 0.6, Color: draw.Gray(0.8)})
				p.TextCenter(r.X+r.W/2, r.Y+r.H/2, fonts.Bold, fitOneLine(fonts.Bold, lb.Complications, r.W-12, 14, 8), draw.White, lb.Complications)
			},
		})
	}
	return cards, nil
}

// ComplicationCards is every complication card of the scenario, each with
// its back, in ink or, with LightBacks, in outline.
func ComplicationCards(s *scenarios.Session, opt Options) ([]Card, error) {
	list, err := complicationDrafts(s)
	if err != nil {
		return nil, err
	}
	if opt.LightBacks {
		for i := range list {
			list[i].Back = lightComplicationBack(LabelsFor(s.Language()))
		}
	}
	return drawAll(list, opt.Bleed), nil
}
