// Package draw is the closed set of drawing operations every card and
// sheet is made of, the geometry they are placed with, and the page and
// deck that hold them: what the PDF, PNG and SVG backends draw, and all
// they know of propdeck.
package draw

import (
	"fmt"
	"strings"

	"github.com/propdeck/propdeck/internal/fonts"
)

// Color is an RGB colour; the decks are designed to read in grey too.
type Color struct{ R, G, B uint8 }

// Gray returns a grey level: 0 black, 1 white.
func Gray(level float64) Color {
	v := uint8(level*255 + 0.5)
	return Color{v, v, v}
}

// Common colours.
var (
	Black = Color{}
	White = Color{255, 255, 255}
)

// Pen is how lines are stroked.
type Pen struct {
	Width float64
	Color Color
	Dash  []float64
}

// Op is one drawing operation. The set is closed: only the types of this
// package implement it, and each must say how it scales, so a new operation
// cannot be added without every transformation knowing it.
type Op interface {
	String() string
	// scaled is the operation with every length multiplied by k, about
	// the page's origin.
	scaled(k float64) Op
	// moved is the operation moved by (dx, dy).
	moved(dx, dy float64) Op
}

// TextOp prints one line of text with its baseline at Y.
type TextOp struct {
	X, Y  float64
	Face  fonts.Face
	Size  float64
	Color Color
	Text  string
}

// RectOp draws a rectangle, filled and/or stroked.
type RectOp struct {
	R    Rect
	Fill *Color
	Pen  *Pen
}

// LineOp draws a polyline.
type LineOp struct {
	Points []Point
	Pen    Pen
}

// PolygonOp fills and/or strokes a closed polygon.
type PolygonOp struct {
	Points []Point
	Fill   *Color
	Pen    *Pen
}

// QROp draws a QR matrix (quiet zone included) as one filled path.
type QROp struct {
	X, Y, Module float64
	Bits         [][]bool
	URL          string
}

// QRRun is a horizontal run of dark modules of a QR code: each backend
// draws one as a single rectangle.
type QRRun struct{ Row, Col, Len int }

// Runs lists the code's dark modules, row by row, run by run.
func (o QROp) Runs() []QRRun {
	var out []QRRun
	for row, bits := range o.Bits {
		for col := 0; col < len(bits); {
			if !bits[col] {
				col++
				continue
			}
			end := col
			for end < len(bits) && bits[end] {
				end++
			}
			out = append(out, QRRun{Row: row, Col: col, Len: end - col})
			col = end
		}
	}
	return out
}

// LinkOp makes a rectangle clickable in a PDF viewer.
type LinkOp struct {
	R   Rect
	URL string
}

// Point is a position on the page in mm.
type Point struct{ X, Y float64 }

func (o TextOp) String() string {
	return fmt.Sprintf("text %.1f,%.1f %s %.1fpt %q", o.X, o.Y, o.Face, o.Size, o.Text)
}
func (o RectOp) String() string {
	s := fmt.Sprintf("rect %.1f,%.1f %.1fx%.1f", o.R.X, o.R.Y, o.R.W, o.R.H)
	if o.Fill != nil {
		s += fmt.Sprintf(" fill=%v", *o.Fill)
	}
	if o.Pen != nil {
		s += fmt.Sprintf(" pen=%.2f", o.Pen.Width)
	}
	return s
}
func (o LineOp) String() string {
	return fmt.Sprintf("line %d points from %.1f,%.1f pen=%.2f dash=%v", len(o.Points), o.Points[0].X, o.Points[0].Y, o.Pen.Width, o.Pen.Dash)
}
func (o PolygonOp) String() string {
	return fmt.Sprintf("polygon %d points at %.1f,%.1f", len(o.Points), o.Points[0].X, o.Points[0].Y)
}
func (o QROp) String() string {
	return fmt.Sprintf("qr %.1f,%.1f %.1fmm %q", o.X, o.Y, o.Module*float64(len(o.Bits)), o.URL)
}
func (o LinkOp) String() string {
	return fmt.Sprintf("link %.1f,%.1f %.1fx%.1f %q", o.R.X, o.R.Y, o.R.W, o.R.H, o.URL)
}

func scalePoints(pts []Point, k float64) []Point {
	out := make([]Point, len(pts))
	for i, p := range pts {
		out[i] = Point{p.X * k, p.Y * k}
	}
	return out
}

func scaleRect(r Rect, k float64) Rect {
	return Rect{X: r.X * k, Y: r.Y * k, W: r.W * k, H: r.H * k}
}

func scalePen(p Pen, k float64) Pen {
	out := Pen{Width: p.Width * k, Color: p.Color}
	for _, d := range p.Dash {
		out.Dash = append(out.Dash, d*k)
	}
	return out
}

func scalePenRef(p *Pen, k float64) *Pen {
	if p == nil {
		return nil
	}
	out := scalePen(*p, k)
	return &out
}

func (o TextOp) scaled(k float64) Op {
	o.X, o.Y, o.Size = o.X*k, o.Y*k, o.Size*k
	return o
}
func (o RectOp) scaled(k float64) Op {
	o.R, o.Pen = scaleRect(o.R, k), scalePenRef(o.Pen, k)
	return o
}
func (o LineOp) scaled(k float64) Op {
	return LineOp{Points: scalePoints(o.Points, k), Pen: scalePen(o.Pen, k)}
}
func (o PolygonOp) scaled(k float64) Op {
	o.Points, o.Pen = scalePoints(o.Points, k), scalePenRef(o.Pen, k)
	return o
}
func (o QROp) scaled(k float64) Op {
	o.X, o.Y, o.Module = o.X*k, o.Y*k, o.Module*k
	return o
}
func (o LinkOp) scaled(k float64) Op {
	o.R = scaleRect(o.R, k)
	return o
}

// Page is one sheet of a deck.
type Page struct {
	Size  Size
	Ops   []Op
	Cards []string // ids of the cards on the page, for error messages
}

// Deck is one PDF file's worth of pages.
type Deck struct {
	Name  string // the file name without its extension, e.g. eu-db-latency-badges
	Title string
	Pages []*Page
	Backs bool // every other page is the back of the one before: print duplex
}

// AddPage starts a new sheet.
func (d *Deck) AddPage(size Size) *Page {
	p := &Page{Size: size}
	d.Pages = append(d.Pages, p)
	return p
}

// Dump lists every operation, one per line: the golden form of a deck,
// headed by the name of the PDF file it prints as.
func (d *Deck) Dump() string {
	var b strings.Builder
	fmt.Fprintf(&b, "deck %s.pdf (%d pages)\n", d.Name, len(d.Pages))
	for i, p := range d.Pages {
		fmt.Fprintf(&b, "page %d %.1fx%.1f\n", i+1, p.Size.W, p.Size.H)
		dump(&b, GroupOp{Ops: p.Ops})
	}
	return b.String()
}

// dump writes a group's operations placed on the page, a clip as a line
// of its own before what it clips.
func dump(b *strings.Builder, g GroupOp) {
	for _, op := range g.Ops {
		op = g.Placed(op)
		inner, ok := op.(GroupOp)
		if !ok {
			b.WriteString("  " + op.String() + "\n")
			continue
		}
		if c := inner.ClipRect(); c != nil {
			fmt.Fprintf(b, "  clip %.1f,%.1f %.1fx%.1f\n", c.X, c.Y, c.W, c.H)
		}
		dump(b, inner)
	}
}

// Text prints s with its baseline at (x, y).
func (p *Page) Text(x, y float64, face fonts.Face, size float64, c Color, s string) {
	if s == "" {
		return
	}
	p.Ops = append(p.Ops, TextOp{X: x, Y: y, Face: face, Size: size, Color: c, Text: s})
}

// TextRight prints s ending at x.
func (p *Page) TextRight(x, y float64, face fonts.Face, size float64, c Color, s string) {
	p.Text(x-face.Width(s, size), y, face, size, c, s)
}

// TextCenter prints s centred on x.
func (p *Page) TextCenter(x, y float64, face fonts.Face, size float64, c Color, s string) {
	p.Text(x-face.Width(s, size)/2, y, face, size, c, s)
}

// Rect draws a rectangle; fill or pen may be nil.
func (p *Page) Rect(r Rect, fill *Color, pen *Pen) {
	p.Ops = append(p.Ops, RectOp{R: r, Fill: fill, Pen: pen})
}

// Line draws a polyline.
func (p *Page) Line(pen Pen, pts ...Point) {
	if len(pts) < 2 {
		return
	}
	p.Ops = append(p.Ops, LineOp{Points: pts, Pen: pen})
}

// Polygon draws a closed shape.
func (p *Page) Polygon(pts []Point, fill *Color, pen *Pen) {
	p.Ops = append(p.Ops, PolygonOp{Points: pts, Fill: fill, Pen: pen})
}

// Link makes r open url when clicked on screen.
func (p *Page) Link(r Rect, url string) {
	p.Ops = append(p.Ops, LinkOp{R: r, URL: url})
}

// OpSamples is one operation of every type, for backend tests: a backend
// must draw each. A new operation type goes here beside its definition.
func OpSamples() []Op {
	fill, pen := Gray(0.5), Pen{Width: 0.3, Color: Black, Dash: []float64{1, 1}}
	return []Op{
		TextOp{X: 5, Y: 10, Face: fonts.Regular, Size: 10, Color: Black, Text: "Müller 장애"},
		RectOp{R: Rect{X: 1, Y: 1, W: 10, H: 5}, Fill: &fill, Pen: &pen},
		LineOp{Points: []Point{{X: 1, Y: 1}, {X: 20, Y: 15}, {X: 30, Y: 5}}, Pen: pen},
		PolygonOp{Points: []Point{{X: 2, Y: 2}, {X: 8, Y: 2}, {X: 5, Y: 8}}, Fill: &fill, Pen: &pen},
		QROp{X: 20, Y: 20, Module: 0.5, Bits: [][]bool{{true, false}, {false, true}}, URL: "https://example.com"},
		LinkOp{R: Rect{X: 20, Y: 20, W: 1, H: 1}, URL: "https://example.com"},
		GroupOp{At: Point{X: 30, Y: 4}, Scale: 2, Clip: &Rect{W: 8, H: 3}, Ops: []Op{
			RectOp{R: Rect{W: 10, H: 5}, Fill: &fill},
			GroupOp{At: Point{X: 1, Y: 1}, Ops: []Op{TextOp{X: 0, Y: 2, Face: fonts.Bold, Size: 6, Color: White, Text: "clip"}}},
		}},
	}
}
