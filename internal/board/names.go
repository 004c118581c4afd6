package board

import (
	"cmp"
	"math"
	"slices"
)

// Excalidraw writes a frame's name above the frame at one size on the
// screen, whatever the zoom (FRAME_STYLE: 14 px type at line height 1.25,
// 3 px above the frame): zoomed out to see a whole board, a name takes
// more board units than the gap above its frame and prints over the frame
// above. nameBand is that height in screen pixels, with 4 px of air.
const nameBand = 14*1.25 + 3 + 4

// overview is the window a board's overview is fitted to, in CSS pixels:
// the smallest desktop screen the decks are checked at.
var overview = struct{ W, H float64 }{1280, 800}

// fitZoom is the zoom at which Excalidraw fits the whole board to the
// overview window: the fitting zoom rounded down to its 10% steps, from
// 10% (its least) to 100%.
func fitZoom(b *scene) float64 {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, it := range b.Items {
		if it.Kind == arrowItem {
			continue
		}
		x0, y0 = min(x0, it.X), min(y0, it.Y-nameUnits(it, 1))
		x1, y1 = max(x1, it.X+it.W), max(y1, it.Y+it.H)
	}
	z := math.Floor(min(overview.W/(x1-x0), overview.H/(y1-y0))*10) / 10
	return min(max(z, 0.1), 1)
}

// nameUnits is the height a frame's name takes above it at zoom z, in
// board units; nothing for any other item.
func nameUnits(it item, z float64) float64 {
	if it.Kind != frameItem {
		return 0
	}
	return nameBand / z
}

// clearNames moves frames down, with everything below them, until every
// frame's name clears what is above it at the overview's zoom; moving
// makes the board taller and the zoom smaller, so it goes round until
// nothing moves.
func (b *scene) clearNames() {
	for range 32 {
		if !b.clearOne(nameBand / fitZoom(b)) {
			return
		}
	}
}

// clearOne moves the first frame whose name does not clear what is above
// it, and what is below, by what it lacks; it says whether it moved one.
func (b *scene) clearOne(need float64) bool {
	var frames []item
	for _, it := range b.Items {
		if it.Kind == frameItem && it.Parent == "" {
			frames = append(frames, it)
		}
	}
	slices.SortStableFunc(frames, func(a, c item) int { return cmp.Compare(a.Y, c.Y) })
	for _, f := range frames {
		above := math.Inf(-1)
		for _, it := range b.Items {
			if it.Kind == arrowItem || it.ID == f.ID || it.Parent == f.ID || it.Y+it.H > f.Y+1e-9 {
				continue
			}
			if min(it.X+it.W, f.X+f.W) > max(it.X, f.X) {
				above = max(above, it.Y+it.H)
			}
		}
		if lack := need - (f.Y - above); !math.IsInf(above, -1) && lack > 1e-6 {
			for i := range b.Items {
				if b.Items[i].Kind != arrowItem && b.Items[i].Y >= f.Y-1e-9 {
					b.Items[i].Y += math.Ceil(lack)
				}
			}
			return true
		}
	}
	return false
}
