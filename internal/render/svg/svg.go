// Package svg writes a page of drawing operations as an SVG document, its
// text in one of two ways. As text (selectable, searchable), in the same
// fonts embedded as subsets: what a browser shows. As outlines: every glyph
// a path from the same font files, so that a renderer which ignores
// embedded fonts (librsvg, a board tool converting the file) draws the
// same letters in the same places, with the text kept beside them,
// invisible, for search. Glyphs is outlines for a file that embeds many
// images (a board): each glyph defined once per image and placed with
// <use>.
package svg

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
)

func num(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

func color(c draw.Color) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

func esc(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// Text is how a page's text is written.
type Text int

const (
	// Live text, in the embedded fonts.
	Live Text = iota
	// Outlines: glyphs as paths, and the text invisible beside them.
	Outlines
	// Glyphs: outlines too, but each glyph defined once in the document
	// and placed with <use>, so that a card's text costs a few bytes a
	// letter instead of its outline every time (a tenth of the size, for
	// boards that embed every card).
	Glyphs
)

// glyphEm is the em, in path units, a shared glyph is defined at: a whole
// unit is a thousandth of the em, finer than any card's pixel.
const glyphEm = 1000

// writer is one page being written.
type writer struct {
	b    bytes.Buffer
	text Text
	used map[fonts.Font]map[rune]bool
	defs bytes.Buffer    // Glyphs: each glyph's outline, once
	defd map[[2]int]bool // Glyphs: the glyphs defs holds, by font and index
}

// Render writes a page as SVG: its size in millimetres, a viewBox in
// millimetres, one element per operation.
func Render(p *draw.Page, text Text) ([]byte, error) {
	w := &writer{text: text, used: map[fonts.Font]map[rune]bool{}, defd: map[[2]int]bool{}}
	for _, op := range p.Ops {
		if err := w.write(op); err != nil {
			return nil, err
		}
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n")
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="%smm" height="%smm" viewBox="0 0 %s %s">`+"\n", num(p.Size.W), num(p.Size.H), num(p.Size.W), num(p.Size.H))
	b.WriteString(fontFaces(w.used))
	if w.defs.Len() > 0 {
		b.WriteString("<defs>\n")
		b.Write(w.defs.Bytes())
		b.WriteString("</defs>\n")
	}
	fmt.Fprintf(&b, `<rect x="0" y="0" width="%s" height="%s" fill="#ffffff"/>`+"\n", num(p.Size.W), num(p.Size.H))
	b.Write(w.b.Bytes())
	b.WriteString("</svg>\n")
	return b.Bytes(), nil
}

// fontFaces embeds a subset of each font the page prints with.
func fontFaces(used map[fonts.Font]map[rune]bool) string {
	if len(used) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("<defs><style>\n")
	for _, f := range fonts.Fonts {
		if used[f] == nil {
			continue
		}
		var runes []rune
		for r := range used[f] {
			runes = append(runes, r)
		}
		slices.Sort(runes)
		data := base64.StdEncoding.EncodeToString(f.Subset(runes))
		fmt.Fprintf(&b, "@font-face{font-family:\"pd-%s\";src:url(data:font/ttf;base64,%s) format(\"truetype\");}\n", f.PostScriptName(), data)
	}
	b.WriteString("</style></defs>\n")
	return b.String()
}

func paint(fill *draw.Color, pen *draw.Pen) string {
	s := `fill="none"`
	if fill != nil {
		s = `fill="` + color(*fill) + `"`
	}
	if pen != nil {
		s += fmt.Sprintf(` stroke="%s" stroke-width="%s"`, color(pen.Color), num(pen.Width))
		if len(pen.Dash) > 0 {
			var d []string
			for _, x := range pen.Dash {
				d = append(d, num(x))
			}
			s += ` stroke-dasharray="` + strings.Join(d, " ") + `"`
		}
	}
	return s
}

func points(pts []draw.Point) string {
	var s []string
	for _, p := range pts {
		s = append(s, num(p.X)+","+num(p.Y))
	}
	return strings.Join(s, " ")
}

// writeText emits a line as one <text>, so that a board's or a browser's
// search finds a word whole, with a <tspan> for each run of one font
// (Nanum, and DejaVu for the letters it lacks), each placed where the
// layout measured it and set at its font's size.
func writeText(b *bytes.Buffer, o draw.TextOp, used map[fonts.Font]map[rune]bool) {
	runs := o.Face.Runs(o.Text)
	if len(runs) == 1 {
		run := runs[0]
		markUsed(used, run)
		fmt.Fprintf(b, `<text x="%s" y="%s" font-family="%s" font-size="%s" fill="%s" xml:space="preserve">%s</text>`+"\n",
			num(o.X), num(o.Y), family(run.Font), num(o.Size*run.Font.Scale()*fonts.PtToMM), color(o.Color), esc(run.Text))
		return
	}
	fmt.Fprintf(b, `<text y="%s" fill="%s" xml:space="preserve">`, num(o.Y), color(o.Color))
	x := o.X
	for _, run := range runs {
		markUsed(used, run)
		fmt.Fprintf(b, `<tspan x="%s" font-family="%s" font-size="%s">%s</tspan>`, num(x), family(run.Font), num(o.Size*run.Font.Scale()*fonts.PtToMM), esc(run.Text))
		x += run.Font.Width(run.Text, o.Size)
	}
	b.WriteString("</text>\n")
}

// family names the embedded font, then a generic one for a renderer that
// ignores embedded fonts.
func family(f fonts.Font) string {
	return "pd-" + f.PostScriptName() + ", " + generic(f)
}

func generic(f fonts.Font) string {
	if f == fonts.NanumMono || f == fonts.DejaVuMono {
		return "monospace"
	}
	return "sans-serif"
}

func markUsed(used map[fonts.Font]map[rune]bool, run fonts.Run) {
	if used[run.Font] == nil {
		used[run.Font] = map[rune]bool{}
	}
	for _, r := range run.Text {
		used[run.Font][r] = true
	}
}

// write emits one operation. The switch names every operation type; a new
// one fails the backend test until it is written here.
func (w *writer) write(op draw.Op) error {
	b := &w.b
	switch o := op.(type) {
	case draw.TextOp:
		switch w.text {
		case Outlines:
			return w.outline(o)
		case Glyphs:
			return w.glyphs(o)
		}
		writeText(b, o, w.used)
	case draw.RectOp:
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" %s/>`+"\n", num(o.R.X), num(o.R.Y), num(o.R.W), num(o.R.H), paint(o.Fill, o.Pen))
	case draw.LineOp:
		fmt.Fprintf(b, `<polyline points="%s" %s/>`+"\n", points(o.Points), paint(nil, &o.Pen))
	case draw.PolygonOp:
		fmt.Fprintf(b, `<polygon points="%s" %s/>`+"\n", points(o.Points), paint(o.Fill, o.Pen))
	case draw.QROp:
		n := float64(len(o.Bits)) * o.Module
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" fill="#ffffff"/>`+"\n", num(o.X), num(o.Y), num(n), num(n))
		var d strings.Builder
		for _, run := range o.Runs() {
			w := num(float64(run.Len) * o.Module)
			fmt.Fprintf(&d, "M%s %sh%sv%sh-%sz", num(o.X+float64(run.Col)*o.Module), num(o.Y+float64(run.Row)*o.Module), w, num(o.Module), w)
		}
		fmt.Fprintf(b, `<path d="%s" fill="#000000"/>`+"\n", d.String())
	case draw.LinkOp:
		fmt.Fprintf(b, `<a xlink:href="%s" href="%s"><rect x="%s" y="%s" width="%s" height="%s" fill="#ffffff" fill-opacity="0"/></a>`+"\n",
			esc(o.URL), esc(o.URL), num(o.R.X), num(o.R.Y), num(o.R.W), num(o.R.H))
	case draw.GroupOp:
		return w.group(o)
	default:
		return fmt.Errorf("svg: no element for %T", op)
	}
	return nil
}

// writeGroup writes a group's operations placed on the page; a clip is a
// nested svg element, which clips to its viewport with no id to collide.
func (w *writer) group(g draw.GroupOp) error {
	clip := g.ClipRect()
	if clip != nil {
		fmt.Fprintf(&w.b, `<svg x="%s" y="%s" width="%s" height="%s" viewBox="%s %s %s %s" overflow="hidden">`+"\n",
			num(clip.X), num(clip.Y), num(clip.W), num(clip.H), num(clip.X), num(clip.Y), num(clip.W), num(clip.H))
	}
	for _, op := range g.Ops {
		if err := w.write(g.Placed(op)); err != nil {
			return err
		}
	}
	if clip != nil {
		w.b.WriteString("</svg>\n")
	}
	return nil
}

// outline writes a line as one path of its glyphs, run by run, each run
// placed where the layout measured it, then the line again as invisible
// text stretched over the same width, for a search or a selection.
func (w *writer) outline(o draw.TextOp) error {
	var d []byte
	x := o.X
	for _, run := range o.Face.Runs(o.Text) {
		segs, err := run.Font.Outline(run.Text, o.Size)
		if err != nil {
			return err
		}
		d = appendPath(d, segs, x, o.Y)
		x += run.Font.Width(run.Text, o.Size)
	}
	if len(d) > 0 {
		fmt.Fprintf(&w.b, `<path d="%s" fill="%s"/>`+"\n", d, color(o.Color))
	}
	w.hiddenText(o)
	return nil
}

// hiddenText writes a line as invisible text stretched over the width its
// glyphs take, for a search or a selection.
func (w *writer) hiddenText(o draw.TextOp) {
	// A line of spaces has no width to stretch over, and nothing to find.
	if width := o.Face.Width(o.Text, o.Size); width > 0 {
		fmt.Fprintf(&w.b, `<text x="%s" y="%s" font-family="%s" font-size="%s" textLength="%s" lengthAdjust="spacingAndGlyphs" fill="%s" fill-opacity="0" xml:space="preserve">%s</text>`+"\n",
			num(o.X), num(o.Y), generic(o.Face.Primary()), num(o.Size*fonts.PtToMM), num(width), color(o.Color), esc(o.Text))
	}
}

// glyphs writes a line as Outlines does, each run a group scaled to its
// size holding a <use> of each glyph's shared outline where the layout
// puts it, then the same invisible text.
func (w *writer) glyphs(o draw.TextOp) error {
	x := o.X
	for _, run := range o.Face.Runs(o.Text) {
		list, err := run.Font.Glyphs(run.Text, o.Size)
		if err != nil {
			return err
		}
		em := o.Size * run.Font.Scale() * fonts.PtToMM // the run's em, in mm
		var uses []byte
		for _, g := range list {
			id, ok, err := w.define(run.Font, g.Index)
			if err != nil {
				return err
			}
			if ok {
				uses = fmt.Appendf(uses, `<use href="#%s" x="%d"/>`, id, int(math.Round(g.X*glyphEm/em)))
			}
		}
		if len(uses) > 0 {
			fmt.Fprintf(&w.b, `<g transform="translate(%s %s) scale(%s)" fill="%s">%s</g>`+"\n",
				num(x), num(o.Y), strconv.FormatFloat(em/glyphEm, 'f', 6, 64), color(o.Color), uses)
		}
		x += run.Font.Width(run.Text, o.Size)
	}
	w.hiddenText(o)
	return nil
}

// define adds a glyph's outline to the document's defs the first time it
// is used and names it; a glyph with no outline (a space) is not drawn.
func (w *writer) define(f fonts.Font, index uint16) (string, bool, error) {
	id := fmt.Sprintf("g%d-%d", f, index)
	key := [2]int{int(f), int(index)}
	if done, seen := w.defd[key]; seen {
		return id, done, nil
	}
	segs, err := f.GlyphOutline(index, glyphEm)
	if err != nil {
		return "", false, err
	}
	w.defd[key] = len(segs) > 0
	if len(segs) > 0 {
		fmt.Fprintf(&w.defs, `<path id="%s" d="%s"/>`+"\n", id, relativePath(segs))
	}
	return id, len(segs) > 0, nil
}

// appendPath appends an outline placed at (x, y) as path data.
func appendPath(d []byte, segs []fonts.Segment, x, y float64) []byte {
	for _, s := range segs {
		d = append(d, letter(s.Op))
		for i := range s.N() {
			if i > 0 {
				d = append(d, ' ')
			}
			d = strconv.AppendFloat(d, s.Args[i][0]+x, 'f', 2, 64)
			d = append(d, ' ')
			d = strconv.AppendFloat(d, s.Args[i][1]+y, 'f', 2, 64)
		}
	}
	return d
}

// relativePath writes an outline in whole units, each point relative to
// the one before (lower-case commands), the shortest path data: points
// are rounded before they are differenced, so that no error adds up.
func relativePath(segs []fonts.Segment) []byte {
	var d []byte
	var px, py int64
	for _, s := range segs {
		l := letter(s.Op)
		if s.Op != fonts.MoveTo {
			l += 'a' - 'A'
		}
		d = append(d, l)
		var ex, ey int64
		for i := range s.N() {
			x, y := int64(math.Round(s.Args[i][0])), int64(math.Round(s.Args[i][1]))
			if s.Op == fonts.MoveTo {
				d = appendPair(d, i, x, y)
			} else {
				d = appendPair(d, i, x-px, y-py)
			}
			ex, ey = x, y
		}
		px, py = ex, ey
	}
	return d
}

// appendPair writes a point, a space before it unless it is its command's
// first, a space between its numbers unless a minus sign separates them.
func appendPair(d []byte, i int, x, y int64) []byte {
	if i > 0 && x >= 0 {
		d = append(d, ' ')
	}
	d = strconv.AppendInt(d, x, 10)
	if y >= 0 {
		d = append(d, ' ')
	}
	return strconv.AppendInt(d, y, 10)
}

func letter(op fonts.SegmentOp) byte {
	switch op {
	case fonts.MoveTo:
		return 'M'
	case fonts.LineTo:
		return 'L'
	case fonts.QuadTo:
		return 'Q'
	case fonts.CubeTo:
		return 'C'
	}
	panic(fmt.Sprintf("svg: no path command for segment %d", op))
}
