package cards

import (
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/written"
)

// BadgeSize fits common 4×3 inch badge holders with room to slide in, and
// six to an A4 or Letter sheet.
var BadgeSize = layouts.Size{W: 95, H: 76}

// badgeDrafts is every role's badge, front and back.
func badgeDrafts(s *scenarios.Session) ([]draft, error) {
	lb := LabelsFor(s.Language())
	// Every badge's text at the size the fullest one needs: badges side
	// by side on a sheet, or on a table, read as one set.
	scale := 1.0
	for _, r := range s.Roles() {
		scale = min(scale, layouts.Fit(roleBlocks(r, lb), badgeBox(r), bodyMin/9.0).Scale)
	}
	var list []draft
	var errs []error
	for _, r := range s.Roles() {
		front, err := badgeFront(s, r, lb, scale)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		list = append(list, draft{ID: r.ID, Kind: "badge", Name: "badge-" + r.ID, Size: BadgeSize, Front: front, Back: badgeBack(s, r, lb)})
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	return list, nil
}

const cardPad = 4.0

// SafeZone is how near a card's edge text may come: a cut that misses by a
// millimetre or two must not touch a word.
const SafeZone = 3.0

// The badge's bands: the role's name in the header, the holder's line
// under it, in mm.
const (
	badgeHeader = 13.0
	badgeHolder = 9.0
)

// badgeQR is the width the runbook's QR code takes beside a badge's text.
func badgeQR(r written.Role) float64 {
	if r.RunbookURL == "" {
		return 0
	}
	return qrSide(r.RunbookURL) + 3
}

// badgeBox is the room a badge has for the role's text.
func badgeBox(r written.Role) layouts.Size {
	return layouts.Size{W: BadgeSize.W - 2*cardPad - badgeQR(r), H: BadgeSize.H - badgeHeader - badgeHolder - cardPad - 1}
}

func badgeFront(s *scenarios.Session, r written.Role, lb Labels, scale float64) (face, error) {
	blocks := roleBlocks(r, lb)
	inner := BadgeSize.W - 2*cardPad
	qrW := badgeQR(r)
	const header, holder = badgeHeader, badgeHolder
	fit := layouts.FitAt(blocks, badgeBox(r), scale)
	if len(fit.Pages) > 1 {
		return nil, &cardError{Card: text.M("card-badge", "id", r.ID), Where: r.Where, Msg: text.M("badge-text-long")}
	}
	if len(layouts.Wrap(r.Name, inner, layouts.FaceMeasure(fonts.Bold, 9))) > 2 {
		return nil, &cardError{Card: text.M("card-badge", "id", r.ID), Where: r.Where, Msg: text.M("badge-name-long")}
	}
	if qrW > 0 && qrBlockHeight(r.RunbookURL) > BadgeSize.H-header-cardPad {
		return nil, &cardError{Card: text.M("card-badge", "id", r.ID), Where: r.Where, Msg: text.M("badge-url-long")}
	}
	return func(p *draw.Page, c layouts.Rect, bleed float64) {
		background(p, c, bleed, draw.White)
		band := layouts.Rect{X: c.X - bleed, Y: c.Y - bleed, W: c.W + 2*bleed, H: header + bleed}
		dark := draw.Gray(0.15)
		p.Rect(band, &dark, nil)
		size := fitOneLine(fonts.Bold, r.Name, inner, 16, 9)
		if fonts.Bold.Width(r.Name, size) > inner {
			// Two lines at most for very long role names.
			lines := layouts.Wrap(r.Name, inner, layouts.FaceMeasure(fonts.Bold, 9))
			for i, l := range lines {
				p.Text(c.X+cardPad, c.Y+4.5+float64(i)*4, fonts.Bold, 9, draw.White, l.Visible())
			}
		} else {
			p.Text(c.X+cardPad, c.Y+header/2+size*fonts.PtToMM*0.35, fonts.Bold, size, draw.White, r.Name)
		}
		y := c.Y + header + 6
		if r.Holder != "" {
			p.Text(c.X+cardPad, y, fonts.Bold, 12, draw.Black, r.Holder)
		} else {
			p.Text(c.X+cardPad, y, fonts.Regular, 7, draw.Gray(0.35), lb.Holder+":")
			x := c.X + cardPad + fonts.Regular.Width(lb.Holder+": ", 7)
			p.Line(draw.Pen{Width: 0.2, Color: draw.Gray(0.4)}, draw.Point{X: x, Y: y + 0.5}, draw.Point{X: c.X + cardPad + inner - qrW, Y: y + 0.5})
		}
		layouts.Print(p, c.X+cardPad, c.Y+header+holder, fit.Pages[0])
		if r.RunbookURL != "" {
			_, _ = qrBlock(p, c.X+c.W-cardPad-qrSide(r.RunbookURL), c.Y+header+2, r.RunbookURL)
		}
		outline(p, c)
	}, nil
}

func roleBlocks(r written.Role, lb Labels) []layouts.Block {
	body := layouts.Style{Face: fonts.Regular, Size: 9}
	label := layouts.Style{Face: fonts.Bold, Size: 7.5, Gray: 0.3}
	var b []layouts.Block
	if r.Mission != "" {
		b = append(b, layouts.Block{Style: body, Text: r.Mission})
	}
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		b = append(b, layouts.Block{Style: label, Text: title, Before: 1.5})
		for _, it := range items {
			b = append(b, layouts.Block{Style: body, Text: it, Bullet: "•", Before: 0.3})
		}
	}
	list(lb.Owns, r.Responsibilities)
	list(lb.Decides, r.Decides)
	if r.EscalatesTo != "" {
		b = append(b, layouts.Block{Style: label, Text: lb.EscalatesTo, Before: 1.5})
		b = append(b, layouts.Block{Style: body, Text: "→ " + r.EscalatesTo, Before: 0.3})
	}
	return b
}

// badgeBack repeats the role name large, for badges hung on a lanyard that
// turn around.
func badgeBack(s *scenarios.Session, r written.Role, lb Labels) face {
	return func(p *draw.Page, c layouts.Rect, bleed float64) {
		background(p, c, bleed, draw.White)
		size := fitOneLine(fonts.Bold, r.Name, c.W-2*cardPad, 20, 9)
		lines := layouts.Wrap(r.Name, c.W-2*cardPad, layouts.FaceMeasure(fonts.Bold, size))
		y := c.Y + c.H/2 - float64(len(lines)-1)*size*fonts.PtToMM*0.6
		for i, l := range lines {
			p.TextCenter(c.X+c.W/2, y+float64(i)*size*fonts.PtToMM*1.2, fonts.Bold, size, draw.Black, l.Visible())
		}
		p.TextCenter(c.X+c.W/2, c.Y+c.H-cardPad-2, fonts.Regular, 7, draw.Gray(0.4), s.Title())
		outline(p, c)
	}
}

// BadgeCards is every role's badge, front and back.
func BadgeCards(s *scenarios.Session, opt Options) ([]Card, error) {
	list, err := badgeDrafts(s)
	if err != nil {
		return nil, err
	}
	return drawAll(list, opt.Bleed), nil
}
