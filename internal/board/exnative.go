package board

import (
	"fmt"
	"strings"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
)

// An Excalidraw library holds elements only, never image files, so a card
// in ID-cards.excalidrawlib is its face drawn in Excalidraw's own shapes:
// every drawing operation of the card as an element (rectangles, lines,
// text, a QR code's modules), grouped, its runbook link on the card's
// outline. Text is set in Excalidraw's fonts, at the size and place the
// PDF sets it.

// exCard draws a card's front as elements, grouped as group, its top
// left corner at the origin.
func exCard(c cards.Card, group string, next func() string) []exElement {
	var out []exElement
	n := 0
	id := func() string { n++; return fmt.Sprintf("%s-%d", group, n) }
	page := &draw.Page{Size: c.Size, Ops: c.Front.Ops}
	var link *string
	for _, op := range page.Flat() {
		if l, ok := op.(draw.LinkOp); ok {
			url := l.URL
			link = &url
		}
		out = append(out, exOp(op, id, next)...)
	}
	for i := range out {
		out[i].GroupIDs = []string{group}
		out[i].CustomData = &exCustom{Card: c.Name}
	}
	if len(out) > 0 && link != nil {
		out[0].Link = link
	}
	return out
}

func hexColor(c draw.Color) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// exShape is an element of a drawing operation: no stroke unless a pen
// draws one, no fill unless it fills.
func exShape(typ, id, index string, r draw.Rect, fill *draw.Color, pen *draw.Pen) exElement {
	e := base(item{ID: id, X: r.X * perMM, Y: r.Y * perMM, W: r.W * perMM, H: r.H * perMM}, typ, index)
	e.StrokeColor, e.BackgroundColor = "transparent", "transparent"
	if fill != nil {
		e.BackgroundColor = hexColor(*fill)
	}
	if pen != nil {
		e.StrokeColor = hexColor(pen.Color)
		e.StrokeWidth = max(round(pen.Width*perMM), 0.5)
		if len(pen.Dash) > 0 {
			e.StrokeStyle = "dashed"
		}
	}
	return e
}

func exOp(op draw.Op, id, next func() string) []exElement {
	switch o := op.(type) {
	case draw.RectOp:
		return []exElement{exShape("rectangle", id(), next(), o.R, o.Fill, o.Pen)}
	case draw.LineOp:
		return []exElement{exLine(o.Points, id(), next(), nil, &o.Pen, false)}
	case draw.PolygonOp:
		return []exElement{exLine(o.Points, id(), next(), o.Fill, o.Pen, true)}
	case draw.TextOp:
		if strings.TrimSpace(o.Text) == "" {
			return nil // Excalidraw deletes an empty text element
		}
		return []exElement{exNativeText(o, id(), next())}
	case draw.QROp:
		var out []exElement
		black := draw.Black
		for _, run := range o.Runs() {
			r := draw.Rect{X: o.X + float64(run.Col)*o.Module, Y: o.Y + float64(run.Row)*o.Module, W: float64(run.Len) * o.Module, H: o.Module}
			out = append(out, exShape("rectangle", id(), next(), r, &black, nil))
		}
		return out
	}
	return nil
}

// exLine is a line through points; closed and filled, a polygon.
func exLine(pts []draw.Point, id, index string, fill *draw.Color, pen *draw.Pen, closed bool) exElement {
	if closed && len(pts) > 0 {
		pts = append(pts[:len(pts):len(pts)], pts[0])
	}
	x0, y0 := pts[0].X, pts[0].Y
	var rel [][2]float64
	var minX, minY, maxX, maxY float64
	for _, p := range pts {
		q := [2]float64{round((p.X - x0) * perMM), round((p.Y - y0) * perMM)}
		rel = append(rel, q)
		minX, minY, maxX, maxY = min(minX, q[0]), min(minY, q[1]), max(maxX, q[0]), max(maxY, q[1])
	}
	e := exShape("line", id, index, draw.Rect{X: x0, Y: y0}, fill, pen)
	// As Excalidraw sizes a line: from its points, as written.
	e.Width, e.Height = maxX-minX, maxY-minY
	e.exArrow = &exArrow{Points: rel}
	return e
}

// exNativeText sets a line of text where the PDF sets it: Excalidraw
// places a text element by the top of its line box, the baseline about
// 0.9 of the size below it.
func exNativeText(o draw.TextOp, id, index string) exElement {
	size := round(o.Size * fonts.PtToMM * perMM)
	w := o.Face.Width(o.Text, o.Size) * perMM
	it := item{ID: id, X: o.X * perMM, Y: o.Y*perMM - 0.9*size, W: max(w, 1), H: size * lineHeight, Text: o.Text, Size: size}
	e := exTextOf(it, index, nil)
	e.StrokeColor = hexColor(o.Color)
	if o.Face == fonts.Mono {
		e.FontFamily = exMonoFamily
	}
	return e
}

// Excalidraw's monospace family (Cascadia).
const exMonoFamily = 3
