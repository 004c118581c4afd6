package layouts

import (
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
)

// Style is how a block of text is set.
type Style struct {
	Face    fonts.Face
	Size    float64 // points, before scaling
	Leading float64 // line height as a multiple of the size; 1.25 when 0
	Gray    float64 // 0 black .. 1 white
	Indent  float64 // mm, for every line
}

// Block is a paragraph of a card: text in a style, an optional bullet hung
// in the indent, and space before it.
type Block struct {
	Style
	Text   string
	Bullet string
	Before float64 // mm of space above, scaled with the text
	Keep   bool    // never shrink: labels and titles that must stay large
}

// Placed is one line of a flow, positioned relative to the flow's box.
type Placed struct {
	Face     fonts.Face
	Size     float64
	Gray     float64
	X        float64 // from the box's left edge
	Baseline float64 // from the box's top edge
	Text     string
	Block    int
}

// lineHeight is the distance between baselines in mm.
func (s Style) lineHeight(size float64) float64 {
	l := s.Leading
	if l == 0 {
		l = 1.25
	}
	return size * l * fonts.PtToMM
}

// minSize is the smallest type fitting shrinks text to, in points.
const minSize = 6.0

// flow sets blocks into a box width at a scale, returning the lines and the
// height they take.
func flow(blocks []Block, width, scale float64) ([]Placed, float64) {
	var out []Placed
	y := 0.0
	for bi, b := range blocks {
		// Shrinking stops at MinSize for every block, small labels too:
		// a 7 pt label at 70% would print at 4.9 pt.
		size := max(b.Size*scale, min(b.Size, minSize))
		if b.Keep {
			size = b.Size
		}
		if bi > 0 {
			y += b.Before * scale
		}
		lh := b.lineHeight(size)
		asc := b.Face.Ascent(size) * 0.9
		indent := b.Indent * scale
		bulletW := 0.0
		if b.Bullet != "" {
			bulletW = b.Face.Width(b.Bullet+" ", size)
		}
		lines := Wrap(b.Text, width-indent-bulletW, FaceMeasure(b.Face, size))
		for li, l := range lines {
			if li == 0 && b.Bullet != "" {
				out = append(out, Placed{Face: b.Face, Size: size, Gray: b.Gray, X: indent, Baseline: y + asc, Text: b.Bullet, Block: bi})
			}
			out = append(out, Placed{Face: b.Face, Size: size, Gray: b.Gray, X: indent + bulletW, Baseline: y + asc, Text: l.Visible(), Block: bi})
			y += lh
		}
	}
	return out, y
}

// Fitted is text fitted to a box: one or more pages of lines.
type Fitted struct {
	Scale float64
	Pages [][]Placed
}

// Fit finds the largest scale, down to minScale, at which blocks fit in box;
// past that it keeps minScale and continues the lines on further pages of
// the same box, so that no line is ever clipped or dropped.
func Fit(blocks []Block, box Size, minScale float64) Fitted {
	for scale := 1.0; scale >= minScale-1e-9; scale -= 0.04 {
		lines, h := flow(blocks, box.W, scale)
		if h <= box.H+1e-6 {
			return Fitted{Scale: scale, Pages: [][]Placed{lines}}
		}
	}
	lines, _ := flow(blocks, box.W, minScale)
	return Fitted{Scale: minScale, Pages: paginate(lines, box.H)}
}

// FitAt lays blocks out at one scale, continued on further pages of the
// box when they do not fit: for cards of a set whose text shares one size.
func FitAt(blocks []Block, box Size, scale float64) Fitted {
	lines, h := flow(blocks, box.W, scale)
	if h <= box.H+1e-6 {
		return Fitted{Scale: scale, Pages: [][]Placed{lines}}
	}
	return Fitted{Scale: scale, Pages: paginate(lines, box.H)}
}

// paginate cuts placed lines into pages of height h, each page's lines
// moved up so that the page starts at its first line's top.
func paginate(lines []Placed, h float64) [][]Placed {
	var pages [][]Placed
	var cur []Placed
	shift := 0.0
	for _, l := range lines {
		top := l.Baseline - l.Face.Ascent(l.Size)
		bottom := l.Baseline + l.Size*0.3*fonts.PtToMM
		if len(cur) > 0 && bottom-shift > h {
			pages = append(pages, cur)
			cur = nil
			shift = top
		}
		if len(cur) == 0 {
			shift = top
		}
		l.Baseline -= shift
		cur = append(cur, l)
	}
	if len(cur) > 0 || len(pages) == 0 {
		pages = append(pages, cur)
	}
	return pages
}

// Print draws lines laid out by Flow or Fit inside a box at (x, y).
func Print(p *draw.Page, x, y float64, lines []Placed) {
	for _, l := range lines {
		p.Text(x+l.X, y+l.Baseline, l.Face, l.Size, draw.Gray(l.Gray), l.Text)
	}
}

// MinBody is the smallest body text people read across a table, in pt.
const MinBody = 7.0
