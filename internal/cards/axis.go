package cards

import (
	"slices"
	"time"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/written"
)

// labelGap is the least room left between two labels of a time axis, in
// mm: nearly two spaces at 6 pt, so that "15:38" and "15:48" never read as
// one.
const labelGap = 1.0

// box is the ink of a text or a mark, in the page's mm.
type box struct{ x0, y0, x1, y1 float64 }

// hits says whether two boxes overlap.
func (a box) hits(b box) bool {
	return min(a.x1, b.x1) > max(a.x0, b.x0) && min(a.y1, b.y1) > max(a.y0, b.y0)
}

// grown is the box with m added on every side.
func (a box) grown(m float64) box { return box{a.x0 - m, a.y0 - m, a.x1 + m, a.y1 + m} }

// textBox is the ink of a line of text set at (x, y): the advance across,
// and from the cap height above the baseline to the descenders below.
func textBox(x, y float64, face fonts.Face, size float64, s string) box {
	h := size * fonts.PtToMM
	return box{x, y - 0.72*h, x + face.Width(s, size), y + 0.2*h}
}

// textBoxes are the boxes of the texts already on a page.
func textBoxes(p *draw.Page) []box {
	var out []box
	draw.Visit(p.Ops, func(op draw.Op) {
		if t, ok := op.(draw.TextOp); ok {
			out = append(out, textBox(t.X, t.Y, t.Face, t.Size, t.Text))
		}
	})
	return out
}

// axisLabelX is where axisLabel starts a label w wide under x.
func axisLabelX(plot layouts.Rect, x, w float64) float64 {
	switch {
	case x-w/2 < plot.X:
		return plot.X
	case x+w/2 > plot.X+plot.W:
		return plot.X + plot.W - w
	}
	return x - w/2
}

// timeLabels are the two rows printed under a time tick: the story's clock
// and the session's offset.
func timeLabels(s *scenarios.Session, t time.Duration) [2]string {
	return [2]string{s.Clock(t), written.FormatOffset(t)}
}

// clearOf says whether the labels of tick t keep labelGap from those of
// every tick in ticks, row by row.
func clearOf(s *scenarios.Session, ch chart, size float64, t time.Duration, ticks []time.Duration) bool {
	span := func(t time.Duration, row int) (float64, float64) {
		w := fonts.Regular.Width(timeLabels(s, t)[row], size)
		x := axisLabelX(ch.Plot, ch.X(t), w)
		return x, x + w
	}
	for _, u := range ticks {
		for row := range 2 {
			a0, a1 := span(t, row)
			b0, b1 := span(u, row)
			if min(a1, b1)-max(a0, b0) > -labelGap {
				return false
			}
		}
	}
	return true
}

// fitTimeTicks chooses the time axis's ticks from the widths of their
// labels: a tick at every break of the story's clock, then the round step
// nearest six ticks, or the next coarser one, whose labels keep clear of
// each other on this plot. A poker card gets fewer ticks than a slide.
func fitTimeTicks(s *scenarios.Session, ch chart, size float64) []time.Duration {
	breaks := clockBreaks(s, ch.From, ch.To)
	var fixed []time.Duration
	for _, b := range breaks {
		if clearOf(s, ch, size, b, fixed) {
			fixed = append(fixed, b)
		}
	}
	steps := timeSteps
	if first := timeTicks(ch.From, ch.To, 6); len(first) > 1 {
		steps = slices.DeleteFunc(slices.Clone(timeSteps), func(d time.Duration) bool { return d < first[1]-first[0] })
	}
	for _, step := range steps {
		ticks := slices.Clone(fixed)
		ok := true
		for _, t := range ticksEvery(ch.From, ch.To, step) {
			if slices.Contains(fixed, t) {
				continue
			}
			if !clearOf(s, ch, size, t, fixed) {
				continue
			}
			if !clearOf(s, ch, size, t, ticks) {
				ok = false
				break
			}
			ticks = append(ticks, t)
		}
		if ok && len(ticks) > 0 {
			slices.Sort(ticks)
			return ticks
		}
	}
	if len(fixed) > 0 {
		return fixed
	}
	return []time.Duration{ch.From}
}

// clockBreaks are the offsets within from..to where a round moves the
// story's clock on: the axis marks each, since its evenly spaced ticks
// would otherwise read 00:20 then 14:00 as twenty minutes.
func clockBreaks(s *scenarios.Session, from, to time.Duration) []time.Duration {
	var out []time.Duration
	for _, r := range s.Rounds() {
		if r.Offset <= from || r.Offset > to {
			continue
		}
		if r.Story != s.Story(r.Offset-time.Minute)+time.Minute {
			out = append(out, r.Offset)
		}
	}
	return out
}

// breakPen draws the mark of a break in the time axis.
var breakPen = draw.Pen{Width: 0.3, Color: draw.Gray(0.3)}

// drawBreaks marks each break of the story's clock on the time axis, two
// slanted strokes across it as on a broken scale, and a faint line up the
// plot where the story jumps.
func drawBreaks(p *draw.Page, s *scenarios.Session, ch chart, plot layouts.Rect) {
	bg := draw.Color{R: 250, G: 250, B: 251}
	base := plot.Y + plot.H
	for _, b := range clockBreaks(s, ch.From, ch.To) {
		x := ch.X(b)
		p.Line(draw.Pen{Width: 0.25, Color: draw.Gray(0.55), Dash: []float64{0.4, 0.6}}, draw.Point{X: x, Y: plot.Y}, draw.Point{X: x, Y: base})
		p.Polygon([]draw.Point{{X: x - 0.9, Y: base + 0.9}, {X: x - 0.1, Y: base - 0.9}, {X: x + 0.9, Y: base - 0.9}, {X: x + 0.1, Y: base + 0.9}}, &bg, nil)
		for _, dx := range []float64{-0.5, 0.5} {
			p.Line(breakPen, draw.Point{X: x + dx - 0.4, Y: base + 0.9}, draw.Point{X: x + dx + 0.4, Y: base - 0.9})
		}
	}
}

// placeThreshold finds where the threshold's label collides with nothing:
// just above or below its line, at the left (where a curve that ends in an
// incident has usually not climbed yet), then the right, then between,
// inside the plot, clear of every text already on the card and of the
// series' lines. When no place is clear of the lines, one clear of the
// texts does.
func placeThreshold(p *draw.Page, plot layouts.Rect, yy, w, size float64, lines [][]draw.Point) (float64, float64) {
	texts := textBoxes(p)
	h := size * fonts.PtToMM
	var spots []draw.Point
	for _, fx := range []float64{0, 1, 0.5, 0.25, 0.75} {
		x := plot.X + 1.5 + fx*(plot.W-3-w)
		spots = append(spots, draw.Point{X: x, Y: yy - 0.8}, draw.Point{X: x, Y: yy + 0.8 + 0.72*h})
	}
	inside := func(b box) bool { return b.y0 >= plot.Y+0.2 && b.y1 <= plot.Y+plot.H-0.2 }
	free := func(b box) bool {
		return !slices.ContainsFunc(texts, func(t box) bool { return t.hits(b.grown(0.3)) })
	}
	for _, strict := range []bool{true, false} {
		for _, sp := range spots {
			b := box{sp.X, sp.Y - 0.72*h, sp.X + w, sp.Y + 0.2*h}
			if !inside(b) || !free(b) {
				continue
			}
			if strict && slices.ContainsFunc(lines, func(l []draw.Point) bool { return crosses(l, b.grown(0.3)) }) {
				continue
			}
			return sp.X, sp.Y
		}
	}
	return spots[0].X, spots[0].Y
}

// crosses says whether a polyline passes through a box.
func crosses(line []draw.Point, b box) bool {
	for i := 1; i < len(line); i++ {
		if segmentHits(line[i-1], line[i], b) {
			return true
		}
	}
	return false
}

// segmentHits clips the segment a–b to the box (Liang–Barsky).
func segmentHits(a, b draw.Point, bx box) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := b.X-a.X, b.Y-a.Y
	for _, e := range [][2]float64{{-dx, a.X - bx.x0}, {dx, bx.x1 - a.X}, {-dy, a.Y - bx.y0}, {dy, bx.y1 - a.Y}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		r := q / p
		if p < 0 {
			t0 = max(t0, r)
		} else {
			t1 = min(t1, r)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}
