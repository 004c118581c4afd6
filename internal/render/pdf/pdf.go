// Package pdf draws decks with the PDF library: one PDF document per deck,
// byte-identical for the same input.
package pdf

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/propdeck/propdeck/third_party/fpdf"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
)

// fixedDate is written as the creation and modification date of every PDF:
// the same scenario must give the same bytes.
var fixedDate = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

const ptPerMM = 72 / 25.4

// Render draws a deck into PDF bytes. A panic inside the PDF library comes
// back as an error naming the deck and page instead of crashing the tool.
func Render(d *draw.Deck) ([]byte, error) { return Draw(context.Background(), d) }

// newDocument starts a document for the deck, with a subset of each face
// it prints with: the library parses every font it is given in full and
// writes into its buffer (see fonts.Subset). names maps each font's name
// in the document to the name it is given after (a subset tag and the
// face's PostScript name).
func newDocument(d *draw.Deck) (*fpdf.Fpdf, map[string]string) {
	first := d.Pages[0].Size
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", Size: fpdf.SizeType{Wd: first.W, Ht: first.H}})
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(fixedDate)
	pdf.SetModificationDate(fixedDate)
	pdf.SetProducer("propdeck", false)
	pdf.SetCreator("propdeck", false)
	pdf.SetTitle(d.Title, true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	names := map[string]string{}
	for _, u := range usedRunes(d) {
		subset := u.font.Subset(u.runes)
		names["utf8"+u.font.Family()] = subsetTag(subset) + "+" + u.font.PostScriptName()
		pdf.AddUTF8FontFromBytes(u.font.Family(), "", subset)
	}
	return pdf, names
}

// Draw draws a deck, giving up between pages once ctx is cancelled.
func Draw(ctx context.Context, d *draw.Deck) (out []byte, err error) {
	if len(d.Pages) == 0 {
		return nil, fmt.Errorf("%s.pdf: no pages", d.Name)
	}
	page := 0
	defer func() {
		if r := recover(); r != nil {
			where := fmt.Sprintf("%s.pdf page %d", d.Name, page)
			if page > 0 && len(d.Pages[page-1].Cards) > 0 {
				where += " (cards " + strings.Join(d.Pages[page-1].Cards, ", ") + ")"
			}
			out, err = nil, fmt.Errorf("%s: the PDF library failed: %v", where, r)
		}
	}()
	pdf, names := newDocument(d)
	r := &renderer{pdf: pdf}
	for i, p := range d.Pages {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("interrupted: %w", err)
		}
		page = i + 1
		// fpdf carries the dash pattern onto the next page and writes it
		// at its top; end each page solid, so that every page starts so.
		if r.dash {
			pdf.SetDashPattern([]float64{}, 0)
		}
		pdf.AddPageFormat("P", fpdf.SizeType{Wd: p.Size.W, Ht: p.Size.H})
		r.pageH = p.Size.H
		r.reset()
		for _, op := range p.Ops {
			r.op(op)
		}
		if pdf.Err() {
			return nil, fmt.Errorf("%s.pdf page %d (cards %s): %w", d.Name, page, strings.Join(p.Cards, ", "), pdf.Error())
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("%s.pdf: %w", d.Name, err)
	}
	out, err = renameFonts(buf.Bytes(), names)
	if err != nil {
		return nil, fmt.Errorf("%s.pdf: naming its fonts: %w", d.Name, err)
	}
	return out, nil
}

type renderer struct {
	buf   []byte           // reused for each path's bytes
	qr    map[qrKey]string // the bytes of each code where it was drawn
	pdf   *fpdf.Fpdf
	pageH float64
	font  fonts.Font
	size  float64
	dash  bool
	text  draw.Color // the text colour fpdf holds, once textSet
	// textSet is false until the first text colour is set.
	textSet bool
}

// setTextColor sets the colour of the text drawn next. fpdf writes it with
// each text, not when it is set, so setting the colour it already holds
// (as every line of a card does) changes nothing but the time it took.
func (r *renderer) setTextColor(c draw.Color) {
	if r.textSet && r.text == c {
		return
	}
	r.pdf.SetTextColor(int(c.R), int(c.G), int(c.B))
	r.text, r.textSet = c, true
}

func (r *renderer) reset() {
	r.font, r.size = -1, 0
	r.dash = false
}

func (r *renderer) setFont(f fonts.Font, size float64) {
	if f != r.font || size != r.size {
		r.pdf.SetFont(f.Family(), "", size)
		r.font, r.size = f, size
	}
}

func (r *renderer) setPen(p draw.Pen) {
	r.pdf.SetLineWidth(p.Width)
	r.pdf.SetDrawColor(int(p.Color.R), int(p.Color.G), int(p.Color.B))
	if len(p.Dash) > 0 {
		r.pdf.SetDashPattern(p.Dash, 0)
		r.dash = true
	} else if r.dash {
		r.pdf.SetDashPattern([]float64{}, 0)
		r.dash = false
	}
}

func (r *renderer) op(op draw.Op) {
	pdf := r.pdf
	switch o := op.(type) {
	case draw.TextOp:
		r.setTextColor(o.Color)
		// A line may mix fonts: Nanum, and DejaVu for the letters it lacks.
		x := o.X
		for _, run := range o.Face.Runs(o.Text) {
			r.setFont(run.Font, o.Size*run.Font.Scale())
			pdf.Text(x, o.Y, run.Text)
			x += run.Font.Width(run.Text, o.Size)
		}
	case draw.RectOp:
		style := r.paint(o.Fill, o.Pen)
		pdf.Rect(o.R.X, o.R.Y, o.R.W, o.R.H, style)
	case draw.LineOp:
		r.setPen(o.Pen)
		pdf.RawWriteStr(r.polyline(o.Points, " S\n"))
	case draw.PolygonOp:
		style := r.paint(o.Fill, o.Pen)
		pdf.RawWriteStr(r.polyline(o.Points, closeAndPaint[style]))
	case draw.QROp:
		pdf.RawWriteStr(r.qrPath(o))
	case draw.LinkOp:
		pdf.LinkString(o.R.X, o.R.Y, o.R.W, o.R.H, o.URL)
	case draw.GroupOp:
		r.group(o)
	default:
		panic(fmt.Sprintf("unknown drawing operation %T", op))
	}
}

// group draws a group's operations placed on the page. A clip saves the
// graphics state and restores it after: the dash pattern goes back to the
// one before, and the font the library believes current is set again,
// since the restore forgot it.
func (r *renderer) group(g draw.GroupOp) {
	clip, dash := g.ClipRect(), r.dash
	if clip != nil {
		r.pdf.ClipRect(clip.X, clip.Y, clip.W, clip.H, false)
	}
	for _, op := range g.Ops {
		r.op(g.Placed(op))
	}
	if clip == nil {
		return
	}
	r.pdf.ClipEnd()
	r.dash = dash
	if r.font >= 0 {
		r.pdf.SetFontSize(r.size)
	}
}

func (r *renderer) paint(fill *draw.Color, pen *draw.Pen) string {
	style := ""
	if fill != nil {
		r.pdf.SetFillColor(int(fill.R), int(fill.G), int(fill.B))
		style += "F"
	}
	if pen != nil {
		r.setPen(*pen)
		style += "D"
	}
	if style == "" {
		style = "D"
	}
	return style
}

// closeAndPaint ends a polygon's path by its paint style.
var closeAndPaint = map[string]string{"F": " h f\n", "D": " h s\n", "FD": " h b\n"}

// polyline writes a path and then end as one string: cheaper than a
// library call per point, and charts have hundreds.
func (r *renderer) polyline(pts []draw.Point, end string) string {
	b := r.buf[:0]
	for i, p := range pts {
		b = strconv.AppendFloat(b, p.X*ptPerMM, 'f', 2, 64)
		b = append(b, ' ')
		b = strconv.AppendFloat(b, (r.pageH-p.Y)*ptPerMM, 'f', 2, 64)
		if i == 0 {
			b = append(b, " m "...)
		} else {
			b = append(b, " l "...)
		}
	}
	b = append(b, end...)
	r.buf = b
	return string(b)
}

// qrKey is a QR code where it lands: the same URL (one encoding, one
// matrix) at the same place of a page draws the same bytes.
type qrKey struct {
	url               string
	x, y, module, top float64
}

// qrPath draws a QR code as one filled path, each horizontal run of dark
// modules a rectangle subpath: a viewer or printer rounds separate filled
// rectangles to whole pixels and leaves hairline gaps scanners trip over.
// A code drawn again at the same place (a badge's in the same cell of
// every sheet) reuses its bytes.
func (r *renderer) qrPath(o draw.QROp) string {
	key := qrKey{o.URL, o.X, o.Y, o.Module, r.pageH}
	if s, ok := r.qr[key]; ok {
		return s
	}
	n := float64(len(o.Bits))
	b := append(r.buf[:0], "q 1 1 1 rg "...)
	b = appendNums(b, o.X*ptPerMM, (r.pageH-o.Y-n*o.Module)*ptPerMM, n*o.Module*ptPerMM, n*o.Module*ptPerMM)
	b = append(b, "re f 0 0 0 rg\n"...)
	for _, run := range o.Runs() {
		x := (o.X + float64(run.Col)*o.Module) * ptPerMM
		y := (r.pageH - o.Y - float64(run.Row+1)*o.Module) * ptPerMM
		w := float64(run.Len) * o.Module * ptPerMM
		h := o.Module * ptPerMM
		b = appendNums(b, x, y, w, h)
		b = append(b, "re\n"...)
	}
	b = append(b, "f Q\n"...)
	r.buf = b
	s := string(b)
	if r.qr == nil {
		r.qr = map[qrKey]string{}
	}
	r.qr[key] = s
	return s
}

// appendNums appends numbers as the content stream writes them, each
// followed by a space.
func appendNums(b []byte, vs ...float64) []byte {
	for _, v := range vs {
		b = strconv.AppendFloat(b, v, 'f', 2, 64)
		b = append(b, ' ')
	}
	return b
}

type fontRunes struct {
	font  fonts.Font
	runes []rune
}

// usedRunes lists the fonts the deck prints with, in a fixed order, and
// the runes each prints, in order.
func usedRunes(d *draw.Deck) []fontRunes {
	seen := make([]*runeSet, len(fonts.Fonts))
	for _, p := range d.Pages {
		draw.Visit(p.Ops, func(op draw.Op) {
			t, ok := op.(draw.TextOp)
			if !ok {
				return
			}
			for _, run := range t.Face.Runs(t.Text) {
				if seen[run.Font] == nil {
					seen[run.Font] = &runeSet{}
				}
				for _, r := range run.Text {
					seen[run.Font].add(r)
				}
			}
		})
	}
	var out []fontRunes
	for _, f := range fonts.Fonts {
		if seen[f] != nil {
			out = append(out, fontRunes{font: f, runes: seen[f].sorted()})
		}
	}
	return out
}
