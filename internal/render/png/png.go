// Package png draws a page of drawing operations as an image: the PNG
// backend beside the PDF one, replaying the same operations at a chosen
// resolution, antialiased, with the same fonts.
package png

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	imagedraw "image/draw"
	imgpng "image/png"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
)

// size is the pixel size of a page at dpi: millimetres to the nearest pixel.
func size(p *draw.Page, dpi float64) (int, int) {
	return int(math.Round(p.Size.W * dpi / 25.4)), int(math.Round(p.Size.H * dpi / 25.4))
}

// Render draws a page on an opaque white image at dpi.
func Render(p *draw.Page, dpi float64) (*image.RGBA, error) {
	w, h := size(p, dpi)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	imagedraw.Draw(img, img.Bounds(), image.White, image.Point{}, imagedraw.Src)
	r := &renderer{img: img, k: dpi / 25.4, dpi: dpi, faces: map[faceKey]font.Face{}}
	for _, op := range p.Ops {
		if err := r.op(op); err != nil {
			return nil, err
		}
	}
	return img, nil
}

// PNG encodes an image, fast: card images are drawn flat colours.
func PNG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	enc := imgpng.Encoder{CompressionLevel: imgpng.BestSpeed}
	if err := enc.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

type renderer struct {
	img   *image.RGBA
	k     float64 // pixels per millimetre
	dpi   float64
	faces map[faceKey]font.Face // a face is not safe to share between goroutines
	z     *vector.Rasterizer
}

func rgba(c draw.Color) color.RGBA { return color.RGBA{c.R, c.G, c.B, 255} }

// op replays one operation. The switch names every operation type; a new
// one fails the backend test until it is drawn here.
func (r *renderer) op(op draw.Op) error {
	switch o := op.(type) {
	case draw.TextOp:
		return r.text(o)
	case draw.RectOp:
		pts := []draw.Point{{X: o.R.X, Y: o.R.Y}, {X: o.R.X + o.R.W, Y: o.R.Y}, {X: o.R.X + o.R.W, Y: o.R.Y + o.R.H}, {X: o.R.X, Y: o.R.Y + o.R.H}}
		if o.Fill != nil {
			// Backgrounds and bands are axis-aligned: fill their pixels
			// directly, snapped to the pixel grid, without the rasteriser.
			box := image.Rect(int(math.Round(o.R.X*r.k)), int(math.Round(o.R.Y*r.k)), int(math.Round((o.R.X+o.R.W)*r.k)), int(math.Round((o.R.Y+o.R.H)*r.k)))
			imagedraw.Draw(r.img, box, image.NewUniform(rgba(*o.Fill)), image.Point{}, imagedraw.Src)
		}
		if o.Pen != nil {
			r.stroke(append(pts, pts[0]), *o.Pen)
		}
	case draw.LineOp:
		r.stroke(o.Points, o.Pen)
	case draw.PolygonOp:
		if o.Fill != nil {
			r.fill(o.Points, *o.Fill)
		}
		if o.Pen != nil {
			r.stroke(append(o.Points, o.Points[0]), *o.Pen)
		}
	case draw.QROp:
		r.qr(o)
	case draw.LinkOp:
		// An image has nowhere to click: the URL is printed under the QR code.
	case draw.GroupOp:
		return r.group(o)
	default:
		return fmt.Errorf("raster: no drawing for %T", op)
	}
	return nil
}

// fill fills a polygon given in millimetres. It rasterises only the
// polygon's bounding box: a chart is thousands of small quads.
func (r *renderer) fill(pts []draw.Point, c draw.Color) {
	if len(pts) < 3 {
		return
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		x0, y0 = math.Min(x0, p.X*r.k), math.Min(y0, p.Y*r.k)
		x1, y1 = math.Max(x1, p.X*r.k), math.Max(y1, p.Y*r.k)
	}
	box := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1)), int(math.Ceil(y1))).Intersect(r.img.Bounds())
	if box.Empty() {
		return
	}
	if r.z == nil {
		r.z = vector.NewRasterizer(box.Dx(), box.Dy())
	} else {
		r.z.Reset(box.Dx(), box.Dy())
	}
	ox, oy := float64(box.Min.X), float64(box.Min.Y)
	r.z.MoveTo(float32(pts[0].X*r.k-ox), float32(pts[0].Y*r.k-oy))
	for _, p := range pts[1:] {
		r.z.LineTo(float32(p.X*r.k-ox), float32(p.Y*r.k-oy))
	}
	r.z.ClosePath()
	r.z.Draw(r.img, box, image.NewUniform(rgba(c)), image.Point{})
}

// stroke draws a polyline as quads along each segment, dashed as the pen
// says, with round-ish joins from a square at each inner point.
func (r *renderer) stroke(pts []draw.Point, pen draw.Pen) {
	w := max(pen.Width, 0.05)
	segs := dashed(pts, pen.Dash)
	for _, s := range segs {
		dx, dy := s[1].X-s[0].X, s[1].Y-s[0].Y
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		nx, ny := -dy/l*w/2, dx/l*w/2
		r.fill([]draw.Point{{X: s[0].X + nx, Y: s[0].Y + ny}, {X: s[1].X + nx, Y: s[1].Y + ny}, {X: s[1].X - nx, Y: s[1].Y - ny}, {X: s[0].X - nx, Y: s[0].Y - ny}}, pen.Color)
	}
	if len(pen.Dash) == 0 {
		for _, p := range pts[1 : len(pts)-1] {
			r.fill([]draw.Point{{X: p.X - w/2, Y: p.Y - w/2}, {X: p.X + w/2, Y: p.Y - w/2}, {X: p.X + w/2, Y: p.Y + w/2}, {X: p.X - w/2, Y: p.Y + w/2}}, pen.Color)
		}
	}
}

// dashed cuts a polyline into the segments its dash pattern draws.
func dashed(pts []draw.Point, dash []float64) [][2]draw.Point {
	var out [][2]draw.Point
	if len(dash) == 0 {
		for i := 1; i < len(pts); i++ {
			out = append(out, [2]draw.Point{pts[i-1], pts[i]})
		}
		return out
	}
	di, left, on := 0, dash[0], true
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		l := math.Hypot(b.X-a.X, b.Y-a.Y)
		pos := 0.0
		for pos < l && len(out) < 100000 {
			step := math.Min(left, l-pos)
			if step <= 0 {
				break
			}
			p0 := draw.Point{X: a.X + (b.X-a.X)*pos/l, Y: a.Y + (b.Y-a.Y)*pos/l}
			p1 := draw.Point{X: a.X + (b.X-a.X)*(pos+step)/l, Y: a.Y + (b.Y-a.Y)*(pos+step)/l}
			if on {
				out = append(out, [2]draw.Point{p0, p1})
			}
			pos += step
			left -= step
			if left <= 1e-9 {
				di = (di + 1) % len(dash)
				left, on = max(dash[di], 0.05), !on
			}
		}
	}
	return out
}

// qr draws the code's white quiet zone and its dark modules, run by run.
func (r *renderer) qr(o draw.QROp) {
	n := float64(len(o.Bits))
	side := n * o.Module
	r.fill([]draw.Point{{X: o.X, Y: o.Y}, {X: o.X + side, Y: o.Y}, {X: o.X + side, Y: o.Y + side}, {X: o.X, Y: o.Y + side}}, draw.White)
	for _, run := range o.Runs() {
		x0, x1 := o.X+float64(run.Col)*o.Module, o.X+float64(run.Col+run.Len)*o.Module
		y0, y1 := o.Y+float64(run.Row)*o.Module, o.Y+float64(run.Row+1)*o.Module
		r.fill([]draw.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}, draw.Black)
	}
}

// text draws a line run by run (Nanum, and DejaVu for what Nanum lacks),
// each run placed where the layout measured it.
func (r *renderer) text(o draw.TextOp) error {
	x := o.X
	for _, run := range o.Face.Runs(o.Text) {
		face, err := r.faceOf(run.Font, o.Size*run.Font.Scale())
		if err != nil {
			return err
		}
		d := font.Drawer{Dst: r.img, Src: image.NewUniform(rgba(o.Color)), Face: face,
			Dot: fixed.Point26_6{X: fixed.Int26_6(x * r.k * 64), Y: fixed.Int26_6(o.Y * r.k * 64)}}
		d.DrawString(run.Text)
		x += run.Font.Width(run.Text, o.Size)
	}
	return nil
}

var (
	parseOnce [16]sync.Once
	parsed    [16]*opentype.Font
	parseErr  [16]error
)

type faceKey struct {
	font fonts.Font
	size float64
}

// faceOf returns a sized face of an embedded font. The font file is parsed
// once per process (a parsed font is safe to share); faces belong to one
// renderer.
func (r *renderer) faceOf(f fonts.Font, size float64) (font.Face, error) {
	parseOnce[f].Do(func() { parsed[f], parseErr[f] = opentype.Parse(f.TTF()) })
	if parseErr[f] != nil {
		return nil, fmt.Errorf("font %s: %w", f, parseErr[f])
	}
	k := faceKey{f, size}
	if face, ok := r.faces[k]; ok {
		return face, nil
	}
	face, err := opentype.NewFace(parsed[f], &opentype.FaceOptions{Size: size, DPI: r.dpi, Hinting: font.HintingNone})
	if err != nil {
		return nil, err
	}
	r.faces[k] = face
	return face, nil
}

// group draws a group's operations placed on the page. A clip draws them
// on a copy of the pixels it covers, then copies back only those pixels:
// every operation stays clipped without knowing it.
func (r *renderer) group(g draw.GroupOp) error {
	clip := g.ClipRect()
	if clip == nil {
		for _, op := range g.Ops {
			if err := r.op(g.Placed(op)); err != nil {
				return err
			}
		}
		return nil
	}
	box := image.Rect(int(math.Round(clip.X*r.k)), int(math.Round(clip.Y*r.k)), int(math.Round((clip.X+clip.W)*r.k)), int(math.Round((clip.Y+clip.H)*r.k))).Intersect(r.img.Bounds())
	saved := image.NewRGBA(box)
	imagedraw.Draw(saved, box, r.img, box.Min, imagedraw.Src)
	page := r.img
	r.img = image.NewRGBA(page.Bounds())
	imagedraw.Draw(r.img, box, saved, box.Min, imagedraw.Src)
	defer func() { r.img = page }()
	for _, op := range g.Ops {
		if err := r.op(g.Placed(op)); err != nil {
			return err
		}
	}
	imagedraw.Draw(page, box, r.img, box.Min, imagedraw.Src)
	return nil
}
