package cards

import (
	"fmt"

	"github.com/propdeck/propdeck/fonts"
	"github.com/propdeck/propdeck/layouts"
)

// Calibration builds a two-page sheet for measuring a printer's duplex
// shift. The front has thin lines through the page's centre; the back has
// millimetre scales centred on the same lines. Printed duplex and held to
// the light, the front's line crosses the back's scale at the correction to
// pass as --back-offset. The lines are at the centre, so the reading is the
// same for long-edge and short-edge flips.
func Calibration(paper layouts.Size, name string) *Deck {
	d := &Deck{Name: "calibrate-" + name + ".pdf", Title: "propdeck duplex calibration"}
	size := paper.Portrait()
	cx, cy := size.W/2, size.H/2
	line := Pen{Width: 0.15, Color: Black}

	front := d.AddPage(size)
	front.Line(line, Point{cx, 20}, Point{cx, size.H - 20})
	front.Line(line, Point{20, cy}, Point{size.W - 20, cy})
	for _, x := range []float64{cx - 60, cx + 60} {
		front.Line(line, Point{x, cy - 6}, Point{x, cy + 6})
	}
	// A 100 mm bar checks that the printer prints at actual size.
	front.Line(Pen{Width: 0.5, Color: Black}, Point{cx - 50, 30}, Point{cx + 50, 30})
	front.Line(line, Point{cx - 50, 27}, Point{cx - 50, 33})
	front.Line(line, Point{cx + 50, 27}, Point{cx + 50, 33})
	front.TextCenter(cx, 26, fonts.Regular, 8, Black, "100 mm — measure this bar: if it is not 100 mm, print at \"actual size\"")
	front.TextCenter(cx, 18, fonts.Bold, 13, Black, "propdeck duplex calibration — FRONT")
	instructions := []string{
		"1. Print both pages on one sheet, duplex, at actual size (no \"fit to page\").",
		"2. Hold the sheet up to the light, back side towards you.",
		"3. Read X where the vertical line of the front crosses the horizontal scale,",
		"   and Y where the horizontal line crosses the vertical scale.",
		"4. Build with --back-offset X,Y (for example --back-offset 1.5,-0.5).",
	}
	for i, s := range instructions {
		front.Text(25, size.H-50+float64(i)*5, fonts.Regular, 9, Black, s)
	}

	back := d.AddPage(size)
	back.TextCenter(cx, 18, fonts.Bold, 13, Black, "propdeck duplex calibration — BACK")
	tick := Pen{Width: 0.15, Color: Black}
	// Horizontal scale across the vertical line, vertical scale across the
	// horizontal line: one tick per millimetre, labels every 5.
	for mm := -15; mm <= 15; mm++ {
		h := 2.0
		if mm%5 == 0 {
			h = 4
		}
		x := cx + float64(mm)
		back.Line(tick, Point{x, cy - 40 - h}, Point{x, cy - 40 + h})
		y := cy + float64(mm)
		back.Line(tick, Point{cx + 40 - h, y}, Point{cx + 40 + h, y})
		if mm%5 == 0 {
			back.TextCenter(x, cy-40-h-1, fonts.Regular, 6, Black, fmt.Sprintf("%+d", mm))
			back.Text(cx+40+h+1, y+0.8, fonts.Regular, 6, Black, fmt.Sprintf("%+d", mm))
		}
	}
	back.TextCenter(cx, cy-52, fonts.Regular, 8, Black, "X: where the front's vertical line crosses this scale")
	back.Text(cx+52, cy-8, fonts.Regular, 8, Black, "Y: where the")
	back.Text(cx+52, cy-4, fonts.Regular, 8, Black, "front's horizontal")
	back.Text(cx+52, cy, fonts.Regular, 8, Black, "line crosses")
	back.Text(cx+52, cy+4, fonts.Regular, 8, Black, "this scale")
	return d
}
