package fonts

import (
	"fmt"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/propdeck/propdeck/internal/text"
)

// SegmentOp is the kind of one step of a glyph's outline.
type SegmentOp uint8

// The steps of an outline: as sfnt's, so that a path holds what the font
// file holds (TrueType's quadratic curves, and cubic ones for a font that
// has them).
const (
	MoveTo SegmentOp = iota
	LineTo
	QuadTo
	CubeTo
)

// Segment is one step of an outline: its end point last, control points
// before it, in millimetres from the origin of the text, y downwards.
type Segment struct {
	Op   SegmentOp
	Args [3][2]float64
}

// N is the number of points a segment holds.
func (s Segment) N() int {
	switch s.Op {
	case QuadTo:
		return 2
	case CubeTo:
		return 3
	}
	return 1
}

var (
	sfntOnce [len(fontFiles)]sync.Once
	sfnts    [len(fontFiles)]*sfnt.Font
	sfntErr  [len(fontFiles)]error
)

func parsedFont(f Font) (*sfnt.Font, error) {
	sfntOnce[f].Do(func() { sfnts[f], sfntErr[f] = sfnt.Parse(f.TTF()) })
	if sfntErr[f] != nil {
		return nil, text.Fail("font-error", "font", f, "err", sfntErr[f])
	}
	return sfnts[f], nil
}

// Outline returns the glyphs of s in this font as one path, set at size
// points as asked for (the font sets itself at Scale of it), its origin
// on the baseline at the start. Glyphs advance as the PNG backend draws
// them, kerning included, so that outlined text lands on the same pixels.
func (f Font) Outline(s string, size float64) ([]Segment, error) {
	var out []Segment
	err := f.layout(s, size, func(sf *sfnt.Font, buf *sfnt.Buffer, upem fixed.Int26_6, k float64, r rune, g sfnt.GlyphIndex, x fixed.Int26_6) error {
		segs, err := sf.LoadGlyph(buf, g, upem, nil)
		if err != nil {
			return text.Fail("font-glyph-of", "font", f, "rune", fmt.Sprintf("%q", r), "err", err)
		}
		for _, sg := range segs {
			var o Segment
			o.Op = SegmentOp(sg.Op)
			for i := range o.N() {
				o.Args[i] = [2]float64{float64(x+sg.Args[i].X) * k, float64(sg.Args[i].Y) * k}
			}
			out = append(out, o)
		}
		return nil
	})
	return out, err
}

// Glyph is one glyph of a line of text: its index in the font, and where
// it starts, in millimetres from the line's origin.
type Glyph struct {
	Index uint16
	X     float64
}

// Glyphs lays s out in this font at size points, glyph by glyph, with the
// advances and kerning Outline uses, so that a writer can draw each glyph
// from one shared outline (GlyphOutline) and land where Outline would.
func (f Font) Glyphs(s string, size float64) ([]Glyph, error) {
	var out []Glyph
	err := f.layout(s, size, func(_ *sfnt.Font, _ *sfnt.Buffer, _ fixed.Int26_6, k float64, _ rune, g sfnt.GlyphIndex, x fixed.Int26_6) error {
		out = append(out, Glyph{Index: uint16(g), X: float64(x) * k})
		return nil
	})
	return out, err
}

// layout walks s glyph by glyph as the PNG backend sets it, kerning and
// advances in the font's fixed-point units, and gives each glyph with its
// pen position x and k, the millimetres of one unit at size: Outline and
// Glyphs place glyphs by this one walk, so they cannot drift apart.
func (f Font) layout(s string, size float64, each func(sf *sfnt.Font, buf *sfnt.Buffer, upem fixed.Int26_6, k float64, r rune, g sfnt.GlyphIndex, x fixed.Int26_6) error) error {
	sf, err := parsedFont(f)
	if err != nil {
		return err
	}
	var buf sfnt.Buffer
	upem := fixed.Int26_6(metricsOf(f).unitsPerEm) << 6
	k := size * f.Scale() * PtToMM / float64(upem)
	var x fixed.Int26_6
	prev, hasPrev := sfnt.GlyphIndex(0), false
	for _, r := range s {
		g, err := sf.GlyphIndex(&buf, r)
		if err != nil {
			return text.Fail("font-rune", "font", f, "rune", fmt.Sprintf("%q", r), "err", err)
		}
		if hasPrev {
			if kern, err := sf.Kern(&buf, prev, g, upem, font.HintingNone); err == nil {
				x += kern
			}
		}
		if err := each(sf, &buf, upem, k, r, g, x); err != nil {
			return err
		}
		adv, err := sf.GlyphAdvance(&buf, g, upem, font.HintingNone)
		if err != nil {
			return text.Fail("font-advance-of", "font", f, "rune", fmt.Sprintf("%q", r), "err", err)
		}
		x += adv
		prev, hasPrev = g, true
	}
	return nil
}

// GlyphOutline is one glyph's outline set with an em of em units, its
// origin on the baseline, y downwards: the same outline at every size, for
// a writer that defines it once and scales it where it is used.
func (f Font) GlyphOutline(g uint16, em float64) ([]Segment, error) {
	sf, err := parsedFont(f)
	if err != nil {
		return nil, err
	}
	var buf sfnt.Buffer
	upem := fixed.Int26_6(metricsOf(f).unitsPerEm) << 6
	segs, err := sf.LoadGlyph(&buf, sfnt.GlyphIndex(g), upem, nil)
	if err != nil {
		return nil, text.Fail("font-glyph", "font", f, "glyph", g, "err", err)
	}
	k := em / float64(upem)
	out := make([]Segment, len(segs))
	for i, sg := range segs {
		out[i].Op = SegmentOp(sg.Op)
		for j := range out[i].N() {
			out[i].Args[j] = [2]float64{float64(sg.Args[j].X) * k, float64(sg.Args[j].Y) * k}
		}
	}
	return out, nil
}
