package documents

import (
	"fmt"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
)

// calibrationText is what the calibration sheet says, per language.
type calibrationText struct {
	Title, Front, Back, Bar, X, Y string
	Steps                         []string
}

var calibrationTexts = map[string]calibrationText{
	"en": {
		Title: "propdeck duplex calibration",
		Front: "FRONT", Back: "BACK",
		Bar: "100 mm: measure this bar. If it is not 100 mm, print at \"actual size\".",
		X:   "X: where the front's vertical line crosses this scale",
		Y:   "Y: where the front's horizontal line crosses this scale",
		Steps: []string{
			"1. Print both pages on one sheet, duplex, at actual size (no \"fit to page\").",
			"2. In the printer dialog choose \"flip on long edge\" (long-edge binding): that is",
			"   --duplex long-edge. With \"flip on short edge\", build with --duplex short-edge.",
			"   The lines sit at the page's centre: the reading is the same for either flip.",
			"3. Hold the sheet up to the light, back side towards you.",
			"4. Read X where the front's vertical line crosses the horizontal scale,",
			"   and Y where the front's horizontal line crosses the vertical scale.",
			"5. Build with --back-offset X,Y (for example --back-offset 1.5,-0.5).",
		},
	},
	"ko": {
		Title: "propdeck 양면 인쇄 보정",
		Front: "앞면", Back: "뒷면",
		Bar: "100mm: 이 막대를 재 보세요. 100mm가 아니면 '실제 크기'로 인쇄하세요.",
		X:   "X: 앞면의 세로선이 이 눈금과 만나는 곳",
		Y:   "Y: 앞면의 가로선이 이 눈금과 만나는 곳",
		Steps: []string{
			"1. 두 쪽을 한 장에 양면으로, 실제 크기로 인쇄합니다('페이지에 맞춤' 끄기).",
			"2. 프린터 대화상자에서 '긴 쪽으로 넘김'(긴 쪽 제본)을 고르면 --duplex long-edge,",
			"   '짧은 쪽으로 넘김'을 고르면 --duplex short-edge 로 빌드합니다.",
			"   선이 쪽 가운데에 있어서 어느 쪽으로 넘기든 읽는 값은 같습니다.",
			"3. 뒷면이 나를 향하게 종이를 빛에 비춥니다.",
			"4. 앞면의 세로선이 가로 눈금과 만나는 곳에서 X를,",
			"   앞면의 가로선이 세로 눈금과 만나는 곳에서 Y를 읽습니다.",
			"5. --back-offset X,Y 로 빌드합니다(예: --back-offset 1.5,-0.5).",
		},
	},
}

// Calibration builds a two-page sheet for measuring a printer's duplex
// shift. The front has thin lines through the page's centre; the back has
// millimetre scales centred on the same lines. Printed duplex and held to
// the light, the front's line crosses the back's scale at the correction to
// pass as --back-offset. The lines are at the centre, so the reading is the
// same for long-edge and short-edge flips. The lines stop short of every
// caption, so nothing is printed over text.
func Calibration(paper layouts.Size, name, lang string) *draw.Deck {
	tx, ok := calibrationTexts[lang]
	if !ok {
		tx = calibrationTexts["en"]
	}
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
