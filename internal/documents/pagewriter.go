package documents

import (
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
)

// pageWriter flows content down full pages (worksheets, run sheets),
// starting a new page, with its running header, whenever the next piece
// does not fit.
type pageWriter struct {
	deck   *draw.Deck
	size   layouts.Size
	margin float64
	page   *draw.Page
	y      float64
	header func(p *draw.Page, n int) float64 // draws a page's header, returns its height
	pages  int
	// section is the heading of the section being written, repeated with
	// "continued" at the top of a page the section runs onto.
	section   string
	continued string
}

const sheetMargin = 15.0

func newPageWriter(d *draw.Deck, size layouts.Size, header func(p *draw.Page, n int) float64) *pageWriter {
	return &pageWriter{deck: d, size: size, margin: sheetMargin, header: header}
}

func (w *pageWriter) width() float64  { return w.size.W - 2*w.margin }
func (w *pageWriter) left() float64   { return w.margin }
func (w *pageWriter) bottom() float64 { return w.size.H - w.margin }

// newPage starts a page and draws its header.
func (w *pageWriter) newPage() {
	w.page = w.deck.AddPage(w.size)
	w.pages++
	w.y = w.margin
	if w.header != nil {
		w.y += w.header(w.page, w.pages)
	}
	if w.section != "" {
		w.writeLines(fonts.Bold, 12, draw.Gray(0.35), 0, w.section+" ("+w.continued+")")
		w.y += 1
	}
}

// startSection writes a section heading kept with keep mm of what follows,
// and remembers it for the pages the section runs onto.
func (w *pageWriter) startSection(s, continued string, keep float64) {
	w.section = ""
	w.heading(12, s, keep)
	w.section, w.continued = s, continued
}

// endSection stops repeating the section's heading.
func (w *pageWriter) endSection() { w.section = "" }

// label writes a small label kept with the first lines of what it labels.
func (w *pageWriter) label(s string, c draw.Color, first float64) {
	w.ensure(8*1.3*fonts.PtToMM + first)
	w.text(fonts.Bold, 8, c, 0, s)
}

// ensure starts a new page unless h more millimetres fit on this one.
func (w *pageWriter) ensure(h float64) {
	if w.page == nil || w.y+h > w.bottom()+1e-6 {
		w.newPage()
	}
}

// remaining is the height left on the current page.
func (w *pageWriter) remaining() float64 {
	if w.page == nil {
		return 0
	}
	return w.bottom() - w.y
}

// text writes wrapped text, line by line, breaking pages between lines.
func (w *pageWriter) text(face fonts.Face, size float64, c draw.Color, indent float64, s string) {
	lh := size * 1.3 * fonts.PtToMM
	for _, l := range layouts.Wrap(s, w.width()-indent, layouts.FaceMeasure(face, size)) {
		w.ensure(lh)
		w.page.Text(w.left()+indent, w.y+size*fonts.PtToMM, face, size, c, l.Visible())
		w.y += lh
	}
}

// writeLines writes wrapped text on the current page without breaking it.
func (w *pageWriter) writeLines(face fonts.Face, size float64, c draw.Color, indent float64, s string) {
	lh := size * 1.3 * fonts.PtToMM
	for _, l := range layouts.Wrap(s, w.width()-indent, layouts.FaceMeasure(face, size)) {
		w.page.Text(w.left()+indent, w.y+size*fonts.PtToMM, face, size, c, l.Visible())
		w.y += lh
	}
}

// linesHeight is the height of the first n lines of s.
func (w *pageWriter) linesHeight(face fonts.Face, size, indent float64, s string, n int) float64 {
	lines := len(layouts.Wrap(s, w.width()-indent, layouts.FaceMeasure(face, size)))
	return float64(min(lines, n)) * size * 1.3 * fonts.PtToMM
}

// textHeight is the height text would take.
func (w *pageWriter) textHeight(face fonts.Face, size, indent float64, s string) float64 {
	return float64(len(layouts.Wrap(s, w.width()-indent, layouts.FaceMeasure(face, size)))) * size * 1.3 * fonts.PtToMM
}

// gap adds vertical space, never at the top of a page.
func (w *pageWriter) gap(h float64) {
	if w.page != nil && w.y+h <= w.bottom() {
		w.y += h
	}
}

// heading writes a bold heading kept together with at least keep mm of
// what follows it.
func (w *pageWriter) heading(size float64, s string, keep float64) {
	w.ensure(w.textHeight(fonts.Bold, size, 0, s) + keep)
	w.text(fonts.Bold, size, draw.Black, 0, s)
	w.y += 1
}

// ruledBox draws a box with a title and writing lines 8 mm apart.
func (w *pageWriter) ruledBox(title string, h float64) {
	w.ensure(h)
	p := w.page
	r := layouts.Rect{X: w.left(), Y: w.y, W: w.width(), H: h}
	p.Rect(r, nil, &draw.Pen{Width: 0.3, Color: draw.Gray(0.35)})
	titleH := 0.0
	if title != "" {
		lines := layouts.Wrap(title, r.W-6, layouts.FaceMeasure(fonts.Bold, 9.5))
		for i, l := range lines {
			p.Text(r.X+3, r.Y+5+float64(i)*4.4, fonts.Bold, 9.5, draw.Black, l.Visible())
		}
		titleH = 2 + float64(len(lines))*4.4
	}
	for y := r.Y + titleH + 8; y < r.Y+r.H-2; y += 8 {
		p.Line(draw.Pen{Width: 0.15, Color: draw.Gray(0.7)}, draw.Point{X: r.X + 3, Y: y}, draw.Point{X: r.X + r.W - 3, Y: y})
	}
	w.y += h
}
