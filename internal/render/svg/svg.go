// Package svg writes a page of drawing operations as an SVG document: text
// stays text (selectable, searchable), in the same fonts, embedded as
// subsets, so a card looks the same on a machine without them.
package svg

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
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

// Render writes a page as SVG: its size in millimetres, a viewBox in
// millimetres, one element per operation.
func Render(p *draw.Page) ([]byte, error) {
	var body bytes.Buffer
	used := map[fonts.Font]map[rune]bool{}
	for _, op := range p.Ops {
		if err := write(&body, op, used); err != nil {
			return nil, err
		}
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n")
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="%smm" height="%smm" viewBox="0 0 %s %s">`+"\n", num(p.Size.W), num(p.Size.H), num(p.Size.W), num(p.Size.H))
	b.WriteString(fontFaces(used))
	fmt.Fprintf(&b, `<rect x="0" y="0" width="%s" height="%s" fill="#ffffff"/>`+"\n", num(p.Size.W), num(p.Size.H))
	b.Write(body.Bytes())
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
	generic := "sans-serif"
	if f == fonts.NanumMono || f == fonts.DejaVuMono {
		generic = "monospace"
	}
	return "pd-" + f.PostScriptName() + ", " + generic
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
func write(b *bytes.Buffer, op draw.Op, used map[fonts.Font]map[rune]bool) error {
	switch o := op.(type) {
	case draw.TextOp:
		writeText(b, o, used)
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
		return writeGroup(b, o, used)
	default:
		return fmt.Errorf("svg: no element for %T", op)
	}
	return nil
}

// writeGroup writes a group's operations placed on the page; a clip is a
// nested svg element, which clips to its viewport with no id to collide.
func writeGroup(b *bytes.Buffer, g draw.GroupOp, used map[fonts.Font]map[rune]bool) error {
	clip := g.ClipRect()
	if clip != nil {
		fmt.Fprintf(b, `<svg x="%s" y="%s" width="%s" height="%s" viewBox="%s %s %s %s" overflow="hidden">`+"\n",
			num(clip.X), num(clip.Y), num(clip.W), num(clip.H), num(clip.X), num(clip.Y), num(clip.W), num(clip.H))
	}
	for _, op := range g.Ops {
		if err := write(b, g.Placed(op), used); err != nil {
			return err
		}
	}
	if clip != nil {
		b.WriteString("</svg>\n")
	}
	return nil
}
