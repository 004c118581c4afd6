package documents

import (
	"fmt"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/text"
)

// calibrationText is what the calibration sheet says, per language.
type calibrationText struct {
	Title, Front, Back, Bar, X, Y string
	Steps                         []string
}

// Calibration builds a two-page sheet for measuring a printer's duplex
// shift. The front has thin lines through the page's centre; the back has
// millimetre scales centred on the same lines. Printed duplex and held to
// the light, the front's line crosses the back's scale at the correction to
// pass as --back-offset. The lines are at the centre, so the reading is the
// same for long-edge and short-edge flips. The lines stop short of every
// caption, so nothing is printed over text.
func Calibration(paper layouts.Size, name, lang string) *draw.Deck {
	tx := text.Load[calibrationText](lang, "calibration")
	d := &draw.Deck{Name: "calibrate-" + name, Title: tx.Title}
	size := paper.Portrait()
	cx, cy := size.W/2, size.H/2
	line := draw.Pen{Width: 0.15, Color: draw.Black}

	front := d.AddPage(size)
	front.TextCenter(cx, 20, fonts.Bold, 13, draw.Black, tx.Title+" — "+tx.Front)
	// A 100 mm bar checks that the printer prints at actual size.
	front.TextCenter(cx, 30, fonts.Regular, 8, draw.Black, tx.Bar)
	front.Line(draw.Pen{Width: 0.5, Color: draw.Black}, draw.Point{X: cx - 50, Y: 36}, draw.Point{X: cx + 50, Y: 36})
	front.Line(line, draw.Point{X: cx - 50, Y: 33}, draw.Point{X: cx - 50, Y: 39})
	front.Line(line, draw.Point{X: cx + 50, Y: 33}, draw.Point{X: cx + 50, Y: 39})
	// The vertical line runs between the bar and the instructions.
	front.Line(line, draw.Point{X: cx, Y: cy - 70}, draw.Point{X: cx, Y: cy + 60})
	front.Line(line, draw.Point{X: 20, Y: cy}, draw.Point{X: size.W - 20, Y: cy})
	for _, x := range []float64{cx - 60, cx + 60} {
		front.Line(line, draw.Point{X: x, Y: cy - 6}, draw.Point{X: x, Y: cy + 6})
	}
	top := cy + 68
	for i, s := range tx.Steps {
		front.Text(25, top+float64(i)*5, fonts.Regular, 9, draw.Black, s)
	}

	back := d.AddPage(size)
	back.TextCenter(cx, 20, fonts.Bold, 13, draw.Black, tx.Title+" — "+tx.Back)
	tick := draw.Pen{Width: 0.15, Color: draw.Black}
	// Horizontal scale across the vertical line, vertical scale across the
	// horizontal line: one tick per millimetre, labels every 5.
	for mm := -15; mm <= 15; mm++ {
		h := 2.0
		if mm%5 == 0 {
			h = 4
		}
		x := cx + float64(mm)
		back.Line(tick, draw.Point{X: x, Y: cy - 40 - h}, draw.Point{X: x, Y: cy - 40 + h})
		y := cy + float64(mm)
		back.Line(tick, draw.Point{X: cx + 40 - h, Y: y}, draw.Point{X: cx + 40 + h, Y: y})
		if mm%5 == 0 {
			back.TextCenter(x, cy-40-h-1, fonts.Regular, 6, draw.Black, fmt.Sprintf("%+d", mm))
			back.Text(cx+40+h+1, y+0.8, fonts.Regular, 6, draw.Black, fmt.Sprintf("%+d", mm))
		}
	}
	back.TextCenter(cx, cy-52, fonts.Regular, 8, draw.Black, tx.X)
	y := cy + 22
	for _, l := range layouts.Wrap(tx.Y, 40, layouts.FaceMeasure(fonts.Regular, 8)) {
		back.Text(cx+32, y, fonts.Regular, 8, draw.Black, l.Visible())
		y += 4
	}
	return d
}
