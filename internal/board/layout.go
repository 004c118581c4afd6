package board

import (
	"strings"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
)

// Board units: a card 130 mm wide is 390 units, a readable size at the
// apps' default zoom.
const (
	perMM    = 3.0
	gap      = 30.0  // between items
	between  = 120.0 // between frames, room for a frame's name above it
	pad      = 30.0  // inside a frame
	rowWidth = 2600. // a frame wraps its items past this width
	textSize = 20.0
	capSize  = 16.0
)

// flow places items left to right in a frame, wrapping at rowWidth: each
// put returns where the item goes, and the frame is sized to what it holds
// when it closes.
type flow struct {
	b            *scene
	frame        int // index of the frame item in b.Items
	x0, y0       float64
	x, y, rowH   float64
	right, width float64
}

// open starts a frame at (x, y) named name, wrapping at width.
func (b *scene) open(id, name string, x, y, width float64) *flow {
	b.add(item{ID: id, Kind: frameItem, X: x, Y: y, Text: name})
	return &flow{b: b, frame: len(b.Items) - 1, x0: x + pad, y0: y + pad, x: x + pad, y: y + pad, width: width}
}

// place returns where an item w wide and h high goes.
func (f *flow) place(w, h float64) (float64, float64) {
	if f.x > f.x0 && f.x+w > f.x0+f.width {
		f.x, f.y, f.rowH = f.x0, f.y+f.rowH+gap, 0
	}
	x, y := f.x, f.y
	f.x += w + gap
	f.rowH = max(f.rowH, h)
	f.right = max(f.right, x+w)
	return x, y
}

// newRow makes the next item start a row.
func (f *flow) newRow() {
	if f.x > f.x0 {
		f.x, f.y, f.rowH = f.x0, f.y+f.rowH+gap, 0
	}
}

// close sizes the frame to its items, at least minW by minH, and returns
// its bottom edge.
func (f *flow) close(minW, minH float64) float64 {
	fr := &f.b.Items[f.frame]
	fr.W = max(f.right+pad-fr.X, minW, 2*pad)
	fr.H = max(f.y+f.rowH+pad-fr.Y, minH, 2*pad)
	return fr.Y + fr.H
}

// text puts a paragraph, wrapped to width, in the frame.
func (f *flow) text(id, s string, size, width float64, tone tone) {
	lines := wrap(s, size, width)
	w, h := textBox(lines, size)
	x, y := f.place(w, h)
	f.b.add(item{ID: id, Kind: textItem, X: x, Y: y, W: w, H: h, Text: strings.Join(lines, "\n"), Size: size, Tone: tone, Parent: f.b.Items[f.frame].ID})
}

// card puts a card's face with its caption below, the two grouped so that
// they move together, and returns the image's item.
func (f *flow) card(c cards.Card, file string, caption []string) {
	w, h := c.Size.W*perMM, c.Size.H*perMM
	lines := wrapAll(caption, capSize, w)
	_, ch := textBox(lines, capSize)
	x, y := f.place(w, h+8+ch)
	parent := f.b.Items[f.frame].ID
	group := "g-" + c.Name + f.b.suffix(c.Name)
	f.b.add(item{ID: "img-" + group[2:], Kind: imageItem, X: x, Y: y, W: w, H: h, File: file, Parent: parent, Group: group, Card: c.Name})
	if len(lines) > 0 {
		f.b.add(item{ID: "cap-" + group[2:], Kind: textItem, X: x, Y: y + h + 8, W: w, H: ch, Text: strings.Join(lines, "\n"), Size: capSize, Parent: parent, Group: group, Card: c.Name})
	}
}

// suffix tells a second copy of a card on one board apart ("-2").
func (b *scene) suffix(name string) string {
	if b.copies == nil {
		b.copies = map[string]int{}
	}
	b.copies[name]++
	if n := b.copies[name]; n > 1 {
		return "-" + string(rune('0'+n))
	}
	return ""
}

// wrap breaks a paragraph into lines no wider than width at size, as
// measured in propdeck's own regular face: the apps draw in theirs, which
// is close enough for a line break.
func wrap(s string, size, width float64) []string {
	var out []string
	for _, l := range layouts.Wrap(s, width, func(t string) float64 { return pxWidth(t, size) }) {
		out = append(out, l.Visible())
	}
	return out
}

func wrapAll(paras []string, size, width float64) []string {
	var out []string
	for _, p := range paras {
		if p != "" {
			out = append(out, wrap(p, size, width)...)
		}
	}
	return out
}

// textBox is the size of lines of text at size.
func textBox(lines []string, size float64) (w, h float64) {
	for _, l := range lines {
		w = max(w, pxWidth(l, size))
	}
	return max(w, size), float64(max(len(lines), 1)) * size * lineHeight
}

// pxWidth is the width of s at size, both in CSS pixels (a point is 4/3
// of one, a millimetre 96/25.4).
func pxWidth(s string, size float64) float64 {
	return fonts.Regular.Width(s, size*0.75) * 96 / 25.4
}

// lineHeight is the apps' line height, as a share of the text's size.
const lineHeight = 1.25
