// Package layouts holds paper and card sizes, n-up imposition with cut
// marks and duplex back placement, and the text measuring, line breaking and
// fit-to-box that cards use. All lengths are millimetres.
package layouts

import (
	"fmt"
	"math"
	"strings"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/vocab"
)

// Size is a width and height in millimetres.
type Size = draw.Size

// Paper sizes at true physical size.
var (
	A4     = Size{W: 210, H: 297}
	Letter = Size{W: 215.9, H: 279.4}
)

// Paper returns a paper size by name.
func Paper(name string) (Size, error) {
	switch strings.ToLower(name) {
	case "", "a4":
		return A4, nil
	case "letter", "us-letter":
		return Letter, nil
	}
	return Size{}, &UnknownError{What: text.M("layout-what-paper"), Name: name, Known: vocab.Paper.Values}
}

// UnknownError is a name that is none of a list's (a paper, a duplex
// mode); the caller adds its did-you-mean, from Known.
type UnknownError struct {
	What  text.Message // what is named: layout-what-paper, layout-what-duplex
	Name  string
	Known []string
}

func (e *UnknownError) Error() string { return e.Message().String() }

// Message is what the error says, for the reader's language.
func (e *UnknownError) Message() text.Message {
	return text.M("layout-unknown", "what", e.What, "name", e.Name, "list", text.OrList(e.Known))
}

// PaperName names a paper size as --paper does.
func PaperName(s Size) string {
	if s.Portrait() == Letter.Portrait() {
		return "letter"
	}
	return "a4"
}

// Rect is a rectangle with its top-left corner at X, Y.
type Rect = draw.Rect

// Duplex names how a sheet is flipped to print its back.
type Duplex string

const (
	DuplexNone  Duplex = "none"
	DuplexLong  Duplex = "long-edge"
	DuplexShort Duplex = "short-edge"
)

// ParseDuplex reads a duplex mode name.
func ParseDuplex(s string) (Duplex, error) {
	switch Duplex(s) {
	case "", DuplexNone:
		return DuplexNone, nil
	case DuplexLong, DuplexShort:
		return Duplex(s), nil
	}
	return "", &UnknownError{What: text.M("layout-what-duplex"), Name: s, Known: vocab.Duplex.Values}
}

// margin is the least distance from a card to the paper's edge: office
// printers do not print the outer 4–5 mm, and the cut marks live there.
const margin = 8.0

// printInset is how far in from the paper's edge an office printer starts
// to print: cut marks begin no nearer the edge than this.
const printInset = 5.0

// markMin is the shortest cut mark worth printing, markGap the space between
// a mark and the card's bleed.
const (
	markMin = 2.0
	markGap = 1.0
)

// edgeFor is the least distance from a card to the paper's edge with a
// bleed: room for the bleed, the gap and a visible mark inside PrintInset.
func edgeFor(bleed float64) float64 { return max(margin, printInset+markMin+markGap+bleed) }

// Grid is n-up imposition of equal cards on a page.
type Grid struct {
	Page       Size
	Card       Size
	Cols, Rows int
	Gap        float64 // between neighbouring cards; twice the bleed
	Bleed      float64
	X0, Y0     float64 // top-left of the first card
}

// Impose places as many cards of size card on page as fit inside the
// margin, centred, with twice the bleed between them, and room outside for
// the bleed and for cut marks a printer still prints.
func Impose(page, card Size, bleed float64) (Grid, error) {
	gap := 2 * bleed
	edge := edgeFor(bleed)
	g := Grid{Page: page, Card: card, Gap: gap, Bleed: bleed}
	g.Cols = int(math.Floor((page.W - 2*edge + gap + 1e-9) / (card.W + gap)))
	g.Rows = int(math.Floor((page.H - 2*edge + gap + 1e-9) / (card.H + gap)))
	if g.Cols < 1 || g.Rows < 1 {
		return g, text.Fail("layout-card-too-big", "card", fmt.Sprintf("%.0f×%.0f", card.W, card.H), "page", fmt.Sprintf("%.1f×%.1f", page.W, page.H))
	}
	usedW := float64(g.Cols)*card.W + float64(g.Cols-1)*gap
	usedH := float64(g.Rows)*card.H + float64(g.Rows-1)*gap
	g.X0 = (page.W - usedW) / 2
	g.Y0 = (page.H - usedH) / 2
	return g, nil
}

// ImposeBest imposes cards on the paper in the orientation that holds more
// of them: two A6 cards fit a portrait A4 sheet, one a landscape one. On a
// tie the sheet takes the card's own orientation.
func ImposeBest(paper, card Size, bleed float64) (Grid, error) {
	first, second := paper.Portrait(), paper.Landscape()
	if card.IsLandscape() {
		first, second = second, first
	}
	g, err := Impose(first, card, bleed)
	if g2, err2 := Impose(second, card, bleed); err2 == nil && (err != nil || g2.PerPage() > g.PerPage()) {
		return g2, nil
	}
	return g, err
}

// PerPage is how many cards one sheet holds.
func (g Grid) PerPage() int { return g.Cols * g.Rows }

// Cell returns the rectangle of the i-th card on a front sheet, row by row.
func (g Grid) Cell(i int) Rect {
	i %= g.PerPage()
	c, r := i%g.Cols, i/g.Cols
	return Rect{
		X: g.X0 + float64(c)*(g.Card.W+g.Gap),
		Y: g.Y0 + float64(r)*(g.Card.H+g.Gap),
		W: g.Card.W, H: g.Card.H,
	}
}

// MirrorsX reports whether a flip of the sheet mirrors the page left to
// right. The flip is about the paper's physical edge: on a landscape page the
// paper's long edge runs along the page's top, so a long-edge flip mirrors
// top to bottom there.
func (g Grid) MirrorsX(d Duplex) bool {
	if g.Page.IsLandscape() {
		return d == DuplexShort
	}
	return d == DuplexLong
}

// BackCell returns where the back of the i-th card goes on the back sheet so
// that it lands behind its front after the flip d, shifted by the printer
// correction (dx, dy).
func (g Grid) BackCell(i int, d Duplex, dx, dy float64) Rect {
	r := g.Cell(i)
	if g.MirrorsX(d) {
		r.X = g.Page.W - r.X - r.W
	} else {
		r.Y = g.Page.H - r.Y - r.H
	}
	r.X += dx
	r.Y += dy
	return r
}

// Line is a straight line from (X1, Y1) to (X2, Y2).
type Line struct{ X1, Y1, X2, Y2 float64 }

// CutMarks returns short lines in the margins along every cut, ending bleed
// plus 1 mm away from the cards so that none is drawn over one.
func (g Grid) CutMarks(bleed float64) []Line {
	const length = 5.0
	off := bleed + markGap
	var xs, ys []float64
	for c := 0; c < g.Cols; c++ {
		x := g.X0 + float64(c)*(g.Card.W+g.Gap)
		xs = append(xs, x, x+g.Card.W)
	}
	for r := 0; r < g.Rows; r++ {
		y := g.Y0 + float64(r)*(g.Card.H+g.Gap)
		ys = append(ys, y, y+g.Card.H)
	}
	xs, ys = dedupe(xs), dedupe(ys)
	top, bottom := ys[0], ys[len(ys)-1]
	left, right := xs[0], xs[len(xs)-1]
	var out []Line
	// Marks stop PrintInset short of the paper's edge, where a printer
	// would leave them out.
	near, farX, farY := printInset, g.Page.W-printInset, g.Page.H-printInset
	for _, x := range xs {
		out = append(out,
			Line{x, max(near, top-off-length), x, top - off},
			Line{x, bottom + off, x, min(farY, bottom+off+length)})
	}
	for _, y := range ys {
		out = append(out,
			Line{max(near, left-off-length), y, left - off, y},
			Line{right + off, y, min(farX, right+off+length), y})
	}
	return out
}

func dedupe(v []float64) []float64 {
	out := v[:0]
	for _, x := range v {
		if len(out) == 0 || math.Abs(out[len(out)-1]-x) > 1e-6 {
			out = append(out, x)
		}
	}
	return out
}

// Used is the grid cut down to the rows and columns that n cards fill, for
// cut marks that do not suggest cards that are not there.
func (g Grid) Used(n int) Grid {
	if n >= g.PerPage() || n <= 0 {
		return g
	}
	u := g
	u.Rows = (n + g.Cols - 1) / g.Cols
	if n < g.Cols {
		u.Cols = n
	}
	return u
}
