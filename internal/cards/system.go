package cards

import (
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/written"
)

// SystemSize is a large square post-it note.
var SystemSize = layouts.Size{W: 76, H: 76}

// systemDrafts is every system's post-it card (fronts only).
func systemDrafts(s *scenarios.Session) ([]draft, error) {
	lb := LabelsFor(s.Language())
	usedBy := map[string][]string{}
	for _, sys := range s.Systems() {
		for _, dep := range sys.DependsOn {
			usedBy[dep] = append(usedBy[dep], sys.Name)
		}
	}
	names := map[string]string{}
	for _, sys := range s.Systems() {
		names[sys.ID] = sys.Name
	}
	var list []draft
	var errs []error
	for _, sys := range s.Systems() {
		var deps []string
		for _, id := range sys.DependsOn {
			deps = append(deps, names[id])
		}
		front, err := systemFront(sys, deps, usedBy[sys.ID], lb)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		list = append(list, draft{ID: sys.ID, Kind: "system", Name: "system-" + sys.ID, Size: SystemSize, Front: front})
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	return list, nil
}

var postItYellow = draw.Color{R: 255, G: 244, B: 170}

func systemFront(sys written.System, deps, usedBy []string, lb Labels) (face, error) {
	inner := SystemSize.W - 2*cardPad
	nameSize := fitOneLine(fonts.Bold, sys.Name, inner, 15, 9)
	nameLines := layouts.Wrap(sys.Name, inner, layouts.FaceMeasure(fonts.Bold, nameSize))
	if len(nameLines) > 2 {
		return nil, &cardError{Card: text.M("card-system", "id", sys.ID), Where: sys.Where, Msg: text.M("system-name-long")}
	}
	header := 15.0 + float64(len(nameLines)-1)*4.5
	blocks := systemBlocks(sys, deps, usedBy, lb)
	qrH := 0.0
	if sys.RunbookURL != "" {
		qrH = qrBlockHeight(sys.RunbookURL) + 1
	}
	// Text runs full width above the QR code's row, and beside the code
	// to its left.
	qrW := 0.0
	if qrH > 0 {
		qrW = qrSide(sys.RunbookURL) + 2
	}
	// The last line's descenders stay SafeZone from the cut.
	box := layouts.Size{W: inner - qrW, H: SystemSize.H - header - 1 - SafeZone - fonts.Regular.Descent(9)}
	fit := layouts.Fit(blocks, box, bodyMin/9.0)
	if len(fit.Pages) > 1 {
		return nil, &cardError{Card: text.M("card-system", "id", sys.ID), Where: sys.Where, Msg: text.M("system-text-long")}
	}
	return func(p *draw.Page, c layouts.Rect, bleed float64) {
		bg := postItYellow
		background(p, c, bleed, bg)
		p.Text(c.X+cardPad, c.Y+cardPad+2, fonts.Bold, 6.5, draw.Gray(0.35), lb.System)
		for i, l := range nameLines {
			p.Text(c.X+cardPad, c.Y+cardPad+8+float64(i)*4.5, fonts.Bold, nameSize, draw.Black, l.Visible())
		}
		layouts.Print(p, c.X+cardPad, c.Y+header+1, fit.Pages[0])
		if sys.RunbookURL != "" {
			// The URL's last line, descenders and all, ends SafeZone
			// from the cut.
			y := c.Y + c.H - SafeZone - fonts.Regular.Descent(urlSize) - qrBlockHeight(sys.RunbookURL) + 0.4
			_, _ = qrBlock(p, c.X+c.W-cardPad-qrSide(sys.RunbookURL)+1, y, sys.RunbookURL)
		}
		outline(p, c)
	}, nil
}

// systemBlocks are a system card's text: its description, then each
// labelled fact it has.
func systemBlocks(sys written.System, deps, usedBy []string, lb Labels) []layouts.Block {
	body := layouts.Style{Face: fonts.Regular, Size: 9}
	label := layouts.Style{Face: fonts.Bold, Size: 7, Gray: 0.3}
	var blocks []layouts.Block
	if sys.Description != "" {
		blocks = append(blocks, layouts.Block{Style: body, Text: sys.Description})
	}
	for _, f := range [][2]string{{lb.Owner, sys.Owner}, {lb.DependsOn, listText(deps)}, {lb.UsedBy, listText(usedBy)}} {
		if f[1] == "" {
			continue
		}
		if len(blocks) > 0 {
			blocks = append(blocks, layouts.Block{Style: label, Text: f[0], Before: 1.5})
		} else {
			blocks = append(blocks, layouts.Block{Style: label, Text: f[0]})
		}
		blocks = append(blocks, layouts.Block{Style: body, Text: f[1], Before: 0.3})
	}
	return blocks
}

// SystemCards is every system's post-it card, fronts only.
func SystemCards(s *scenarios.Session, opt Options) ([]Card, error) {
	list, err := systemDrafts(s)
	if err != nil {
		return nil, err
	}
	return drawAll(list, opt.Bleed), nil
}
