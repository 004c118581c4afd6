package draw

import "fmt"

// Frame is a drawing of a given size in its own coordinates, from (0, 0):
// a card face drawn once, placed on any sheet, slide or image by a Group.
type Frame struct {
	Size Size
	Ops  []Op
}

// GroupOp draws its operations scaled by Scale about their origin (0 or 1
// draws them at their size), then moved by At. Clip, in the group's own
// coordinates, hides whatever falls outside it. Imposition places a card's
// frame with a group, a slide zooms one with it.
type GroupOp struct {
	At    Point
	Scale float64
	Clip  *Rect
	Ops   []Op
}

// At places a frame with its top-left corner at (x, y).
func (f Frame) At(x, y float64) GroupOp { return GroupOp{At: Point{X: x, Y: y}, Ops: f.Ops} }

// Place draws f on the page with its top-left corner at (x, y).
func (p *Page) Place(f Frame, x, y float64) { p.Ops = append(p.Ops, f.At(x, y)) }

func (g GroupOp) scale() float64 {
	if g.Scale == 0 {
		return 1
	}
	return g.Scale
}

// ClipRect is the group's clip on the page, or nil.
func (g GroupOp) ClipRect() *Rect {
	if g.Clip == nil {
		return nil
	}
	r := scaleRect(*g.Clip, g.scale())
	r.X, r.Y = r.X+g.At.X, r.Y+g.At.Y
	return &r
}

// Placed is one of the group's operations in the coordinates of the page
// the group is on. A group inside comes back a group, with the outer
// transform composed into its own, for the backend to clip and recurse.
func (g GroupOp) Placed(op Op) Op {
	if k := g.scale(); k != 1 {
		op = op.scaled(k)
	}
	if g.At == (Point{}) {
		return op
	}
	return op.moved(g.At.X, g.At.Y)
}

// Each calls fn with every operation of the group placed on the page,
// groups inside flattened, clips ignored: for the golden dump and tests
// that look at what a page shows, never for a backend.
func (g GroupOp) Each(fn func(Op)) {
	for _, op := range g.Ops {
		op = g.Placed(op)
		if inner, ok := op.(GroupOp); ok {
			inner.Each(fn)
			continue
		}
		fn(op)
	}
}

// Flat is the page's operations with every group flattened.
func (p *Page) Flat() []Op {
	out := make([]Op, 0, len(p.Ops))
	GroupOp{Ops: p.Ops}.Each(func(op Op) { out = append(out, op) })
	return out
}

func (g GroupOp) String() string {
	s := fmt.Sprintf("group %.1f,%.1f ×%.2f %d ops", g.At.X, g.At.Y, g.scale(), len(g.Ops))
	if g.Clip != nil {
		s += fmt.Sprintf(" clip %.1f,%.1f %.1fx%.1f", g.Clip.X, g.Clip.Y, g.Clip.W, g.Clip.H)
	}
	return s
}

func (g GroupOp) scaled(k float64) Op {
	g.At, g.Scale = Point{X: g.At.X * k, Y: g.At.Y * k}, g.scale()*k
	return g
}

func (g GroupOp) moved(dx, dy float64) Op {
	g.At = Point{X: g.At.X + dx, Y: g.At.Y + dy}
	return g
}

func movePoints(pts []Point, dx, dy float64) []Point {
	out := make([]Point, len(pts))
	for i, p := range pts {
		out[i] = Point{X: p.X + dx, Y: p.Y + dy}
	}
	return out
}

func (o TextOp) moved(dx, dy float64) Op {
	o.X, o.Y = o.X+dx, o.Y+dy
	return o
}
func (o RectOp) moved(dx, dy float64) Op {
	o.R.X, o.R.Y = o.R.X+dx, o.R.Y+dy
	return o
}
func (o LineOp) moved(dx, dy float64) Op {
	o.Points = movePoints(o.Points, dx, dy)
	return o
}
func (o PolygonOp) moved(dx, dy float64) Op {
	o.Points = movePoints(o.Points, dx, dy)
	return o
}
func (o QROp) moved(dx, dy float64) Op {
	o.X, o.Y = o.X+dx, o.Y+dy
	return o
}
func (o LinkOp) moved(dx, dy float64) Op {
	o.R.X, o.R.Y = o.R.X+dx, o.R.Y+dy
	return o
}

// Visit calls fn with every operation of ops that is not a group, groups
// entered, in each one's own coordinates: cheap, for what does not depend
// on where an operation lands, such as the runes a page prints.
func Visit(ops []Op, fn func(Op)) {
	for _, op := range ops {
		if g, ok := op.(GroupOp); ok {
			Visit(g.Ops, fn)
			continue
		}
		fn(op)
	}
}
