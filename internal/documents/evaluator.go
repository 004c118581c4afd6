package documents

import (
	"fmt"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/written"
)

// evaluator builds the observer's sheet: per round, every expected action
// with its role and time and boxes to rate it, a time observed and a note;
// then a decision log, and a page for what the team asked for that no card
// answered — the missing observability a tabletop exists to find. It is
// built when the scenario has expected actions or on-request clues.
func evaluator(s *scenarios.Session, opt Options) (*draw.Deck, error) {
	expects := 0
	for _, r := range s.Rounds() {
		expects += len(r.Expect)
	}
	if expects == 0 && len(s.Timeline().Of(written.OnRequest)) == 0 && len(opt.Retests) == 0 {
		return nil, nil
	}
	lb := cards.LabelsFor(s.Language())
	d := &draw.Deck{Name: s.ID() + "-evaluator", Title: deckTitle(s, "evaluator")}
	size := opt.Paper.Portrait()
	names := map[string]string{}
	for _, r := range s.Roles() {
		names[r.ID] = r.Name
	}
	w := newPageWriter(d, size, sheetHeader(lb.Evaluator, s.Title(), lb))
	w.newPage()
	retestsToRate(w, opt.Retests, lb)
	for _, r := range s.Rounds() {
		if len(r.Expect) == 0 {
			continue
		}
		w.startSection(fmt.Sprintf("%s (%s) — %s", written.FormatOffset(r.Offset), s.Clock(r.Offset), r.Title), lb.Continued, 30)
		for _, e := range r.Expect {
			expectedAction(w, e, lb, names)
		}
		w.endSection()
		w.y += 2
	}
	decisionLog(w, lb)
	w.newPage()
	w.heading(12, lb.NoCard, 20)
	w.text(fonts.Regular, 9, draw.Gray(0.3), 0, lb.NoCardHint)
	w.y += 2
	w.ruledBox("", w.remaining())
	return d, nil
}

// expectedAction is one block: the action, who and by when, the rating
// boxes, a time observed and a line for notes.
func expectedAction(w *pageWriter, e written.Expect, lb cards.Labels, names map[string]string) {
	w.ensure(24)
	w.text(fonts.Bold, 10, draw.Black, 0, e.Action)
	who := names[e.Role] + " (" + e.Role + ")"
	if e.HasBy {
		who += " — " + lb.By + " " + written.FormatOffset(e.ByOffset)
	}
	w.text(fonts.Regular, 9, draw.Gray(0.3), 0, who)
	x := w.left()
	y := w.y + 1
	box := draw.Pen{Width: 0.3, Color: draw.Black}
	for _, rating := range lb.Ratings {
		w.page.Rect(layouts.Rect{X: x, Y: y, W: 4, H: 4}, nil, &box)
		w.page.Text(x+5.5, y+3.3, fonts.Regular, 9, draw.Black, rating)
		x += 5.5 + fonts.Regular.Width(rating, 9) + 7
	}
	label := lb.Observed + ":"
	w.page.Text(x+2, y+3.3, fonts.Regular, 9, draw.Black, label)
	lx := x + 3 + fonts.Regular.Width(label, 9)
	w.page.Line(draw.Pen{Width: 0.25, Color: draw.Gray(0.4)}, draw.Point{X: lx, Y: y + 4}, draw.Point{X: lx + 22, Y: y + 4})
	w.y = y + 7
	w.page.Text(w.left(), w.y+4, fonts.Regular, 9, draw.Gray(0.3), lb.Note+":")
	w.page.Line(draw.Pen{Width: 0.2, Color: draw.Gray(0.6)}, draw.Point{X: w.left() + 14, Y: w.y + 4.5}, draw.Point{X: w.left() + w.width(), Y: w.y + 4.5})
	w.y += 9
}

// decisionLog is a ruled table for the decisions the observer sees made.
func decisionLog(w *pageWriter, lb cards.Labels) {
	cols := []struct {
		label string
		frac  float64
	}{{lb.Time, 0.1}, {lb.Decision, 0.3}, {lb.WhoDecided, 0.17}, {lb.Rationale, 0.25}, {lb.FollowUp, 0.18}}
	w.heading(12, lb.DecisionLog, 30)
	for {
		x := w.left()
		gray := draw.Gray(0.88)
		w.page.Rect(layouts.Rect{X: x, Y: w.y, W: w.width(), H: 7}, &gray, nil)
		for _, c := range cols {
			w.page.Text(x+1.5, w.y+4.8, fonts.Bold, 8.5, draw.Black, c.label)
			x += c.frac * w.width()
		}
		w.y += 7
		rows := 0
		for ; w.y+rowH <= w.bottom() && rows < 12; rows++ {
			x := w.left()
			for _, c := range cols {
				cw := c.frac * w.width()
				w.page.Rect(layouts.Rect{X: x, Y: w.y, W: cw, H: rowH}, nil, &draw.Pen{Width: 0.2, Color: draw.Gray(0.55)})
				x += cw
			}
			w.y += rowH
		}
		if rows >= 6 {
			return
		}
		w.newPage()
	}
}
