package cards

import (
	"math"
	"strings"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
)

const (
	bodyMin = layouts.MinBody
	logMin  = 6.0 // pt: log lines, read up close
	urlSize = 6.0 // pt: the link printed under a QR code; nothing prints smaller
)

// qrBlock draws a QR code at (x, y) with its URL wrapped under it, in a
// column as wide as the code, and returns the height used.
func qrBlock(p *draw.Page, x, y float64, url string) (float64, error) {
	side, err := drawQR(p, x, y, url)
	if err != nil {
		return 0, err
	}
	h := side
	for _, l := range layouts.WrapURL(url, side, layouts.FaceMeasure(fonts.Regular, urlSize)) {
		h += urlSize * 1.2 * fonts.PtToMM
		p.Text(x, y+h-0.4, fonts.Regular, urlSize, draw.Gray(0.2), l)
	}
	return h, nil
}

// qrBlockHeight is the height qrBlock would use.
func qrBlockHeight(url string) float64 {
	side := qrSide(url)
	n := len(layouts.WrapURL(url, side, layouts.FaceMeasure(fonts.Regular, urlSize)))
	return side + float64(n)*urlSize*1.2*fonts.PtToMM
}

// fitOneLine returns the largest size from max down to min at which s fits
// width on one line, or min.
func fitOneLine(face fonts.Face, s string, width, max, min float64) float64 {
	for size := max; size > min; size -= 0.5 {
		if face.Width(s, size) <= width {
			return size
		}
	}
	return min
}

// listText joins items for a compact line.
func listText(items []string) string { return strings.Join(items, ", ") }

// kindShape draws the shape that tells a clue's kind without colour.
func kindShape(p *draw.Page, kind string, cx, cy, r float64, fill draw.Color) {
	var pts []draw.Point
	poly := func(n int, rot float64) {
		for i := 0; i < n; i++ {
			a := rot + 2*math.Pi*float64(i)/float64(n)
			pts = append(pts, draw.Point{X: cx + r*math.Sin(a), Y: cy - r*math.Cos(a)})
		}
	}
	switch kind {
	case "alert":
		poly(3, 0)
	case "observation":
		poly(24, 0)
	case "customer":
		poly(4, math.Pi/4)
	case "social":
		poly(4, 0)
	case "constraint":
		poly(8, math.Pi/8)
	case "status":
		poly(3, math.Pi/2)
	case "log":
		p.Rect(layouts.Rect{X: cx - r, Y: cy - r*0.8, W: 2 * r, H: 1.6 * r}, &fill, nil)
		for i := 0; i < 3; i++ {
			y := cy - r*0.4 + float64(i)*r*0.4
			p.Line(draw.Pen{Width: 0.35, Color: draw.White}, draw.Point{X: cx - r*0.7, Y: y}, draw.Point{X: cx + r*(0.7-0.3*float64(i%2)), Y: y})
		}
		return
	case "metric":
		w := 2 * r / 3.5
		for i, h := range []float64{0.8, 1.4, 2.0} {
			x := cx - r + float64(i)*(w*1.25)
			p.Rect(layouts.Rect{X: x, Y: cy + r - h*r, W: w, H: h * r}, &fill, nil)
		}
		return
	default:
		poly(6, 0)
	}
	p.Polygon(pts, &fill, nil)
}
