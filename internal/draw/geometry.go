package draw

// Size is a width and a height in mm.
type Size struct{ W, H float64 }

// Landscape returns the size with its long side horizontal.
func (s Size) Landscape() Size {
	if s.W < s.H {
		return Size{s.H, s.W}
	}
	return s
}

// Portrait returns the size with its long side vertical.
func (s Size) Portrait() Size {
	if s.W > s.H {
		return Size{s.H, s.W}
	}
	return s
}

// IsLandscape reports whether the long side is horizontal.
func (s Size) IsLandscape() bool { return s.W > s.H }

// Rect is a rectangle in mm, from its top-left corner.
type Rect struct{ X, Y, W, H float64 }

// Inset shrinks a rectangle by d on every side.
func (r Rect) Inset(d float64) Rect { return Rect{r.X + d, r.Y + d, r.W - 2*d, r.H - 2*d} }

// Outset grows a rectangle by d on every side.
func (r Rect) Outset(d float64) Rect { return r.Inset(-d) }
