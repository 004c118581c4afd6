package layouts

import (
	"errors"
	"math"
	"testing"
)

var cardSizes = map[string]Size{
	"badge":   {W: 95, H: 76},
	"system":  {W: 76, H: 76},
	"quarter": {W: 130, H: 95},
	"a6":      {W: 148, H: 105},
	"poker":   {W: 63, H: 88},
}

func near(a, b float64) bool { return math.Abs(a-b) <= 0.1 }

// TestBacksLineUpAfterTheFlip: for every card size, paper, orientation,
// duplex mode and bleed, the back cell flipped the way the paper is flipped
// lands exactly on its front cell, and no card crosses the margin.
func TestBacksLineUpAfterTheFlip(t *testing.T) {
	for name, card := range cardSizes {
		for _, paper := range []Size{A4, Letter} {
			page := paper.Portrait()
			if card.IsLandscape() {
				page = paper.Landscape()
			}
			for _, bleed := range []float64{0, 1, 2, 3} {
				g, err := Impose(page, card, bleed)
				if err != nil {
					t.Fatalf("%s on %v: %v", name, page, err)
				}
				for _, d := range []Duplex{DuplexLong, DuplexShort} {
					for i := 0; i < g.PerPage(); i++ {
						f, b := g.Cell(i), g.BackCell(i, d, 0, 0)
						// Flip the back sheet about the paper's physical edge.
						physicalLongIsVertical := !page.IsLandscape()
						mirrorX := (d == DuplexLong) == physicalLongIsVertical
						fb := b
						if mirrorX {
							fb.X = page.W - b.X - b.W
						} else {
							fb.Y = page.H - b.Y - b.H
						}
						if !near(fb.X, f.X) || !near(fb.Y, f.Y) || !near(fb.W, f.W) || !near(fb.H, f.H) {
							t.Errorf("%s %v %s cell %d: flipped back %+v, front %+v", name, page, d, i, fb, f)
						}
						for _, r := range []Rect{f, b} {
							if r.X < margin-bleed-1e-9 || r.Y < margin-bleed-1e-9 || r.X+r.W > page.W-margin+bleed+1e-9 || r.Y+r.H > page.H-margin+bleed+1e-9 {
								t.Errorf("%s %v: card %+v crosses the %v mm margin", name, page, r, margin)
							}
						}
					}
				}
				// Cut marks stay outside every card, and inside the part
				// of the paper a printer prints, with a visible length.
				for _, l := range g.CutMarks(bleed) {
					for _, v := range []float64{l.X1, l.X2} {
						if v < printInset-1e-9 || v > page.W-printInset+1e-9 {
							t.Errorf("%s %v bleed %v: cut mark %+v within %v mm of the paper's edge", name, page, bleed, l, printInset)
						}
					}
					for _, v := range []float64{l.Y1, l.Y2} {
						if v < printInset-1e-9 || v > page.H-printInset+1e-9 {
							t.Errorf("%s %v bleed %v: cut mark %+v within %v mm of the paper's edge", name, page, bleed, l, printInset)
						}
					}
					if math.Hypot(l.X2-l.X1, l.Y2-l.Y1) < markMin-1e-9 {
						t.Errorf("%s %v bleed %v: cut mark %+v shorter than %v mm", name, page, bleed, l, markMin)
					}
					for i := 0; i < g.PerPage(); i++ {
						c := g.Cell(i).Outset(bleed)
						if segmentHitsRect(l, c) {
							t.Errorf("%s %v: cut mark %+v over card %d", name, page, l, i)
						}
					}
				}
			}
		}
	}
}

func segmentHitsRect(l Line, r Rect) bool {
	minX, maxX := math.Min(l.X1, l.X2), math.Max(l.X1, l.X2)
	minY, maxY := math.Min(l.Y1, l.Y2), math.Max(l.Y1, l.Y2)
	return maxX > r.X+1e-9 && minX < r.X+r.W-1e-9 && maxY > r.Y+1e-9 && minY < r.Y+r.H-1e-9
}

func TestNUp(t *testing.T) {
	for _, tc := range []struct {
		card  Size
		page  Size
		count int
	}{
		{cardSizes["badge"], A4, 6}, {cardSizes["badge"], Letter, 6},
		{cardSizes["system"], A4, 6}, {cardSizes["quarter"], A4.Landscape(), 4}, {cardSizes["quarter"], Letter.Landscape(), 4},
		{cardSizes["poker"], A4, 9}, {cardSizes["poker"], Letter, 6},
	} {
		g, err := Impose(tc.page, tc.card, 0)
		if err != nil || g.PerPage() != tc.count {
			t.Errorf("%v on %v: %d per sheet, want %d (%v)", tc.card, tc.page, g.PerPage(), tc.count, err)
		}
	}
	if _, err := Impose(A4, Size{W: 300, H: 300}, 0); err == nil {
		t.Error("a card larger than the page was accepted")
	}
}

func TestBackOffsetShiftsBacks(t *testing.T) {
	g, _ := Impose(A4, cardSizes["badge"], 0)
	a, b := g.BackCell(0, DuplexLong, 0, 0), g.BackCell(0, DuplexLong, 1.5, -0.5)
	if !near(b.X-a.X, 1.5) || !near(b.Y-a.Y, -0.5) {
		t.Errorf("offset not applied: %+v vs %+v", a, b)
	}
}

func TestUsedGrid(t *testing.T) {
	g, _ := Impose(A4, cardSizes["badge"], 0) // 2 x 3
	for _, tc := range []struct{ n, cols, rows int }{{1, 1, 1}, {2, 2, 1}, {3, 2, 2}, {6, 2, 3}, {9, 2, 3}} {
		u := g.Used(tc.n)
		if u.Cols != tc.cols || u.Rows != tc.rows || u.X0 != g.X0 || u.Y0 != g.Y0 {
			t.Errorf("Used(%d) = %dx%d at %v,%v", tc.n, u.Cols, u.Rows, u.X0, u.Y0)
		}
	}
}

// TestImposeBestChoosesTheOrientationThatHoldsMore: two A6 cards fit a
// portrait A4 or Letter sheet, one a landscape one.
func TestImposeBestChoosesTheOrientationThatHoldsMore(t *testing.T) {
	for _, tc := range []struct {
		paper Size
		card  string
		per   int
		land  bool
	}{
		{A4, "a6", 2, false}, {Letter, "a6", 2, false},
		{A4, "quarter", 4, true}, {A4, "poker", 9, false}, {A4, "badge", 6, false},
	} {
		g, err := ImposeBest(tc.paper, cardSizes[tc.card], 0)
		if err != nil || g.PerPage() != tc.per || g.Page.IsLandscape() != tc.land {
			t.Errorf("%s on %v: %d per page (landscape %v), %v; want %d (landscape %v)", tc.card, tc.paper, g.PerPage(), g.Page.IsLandscape(), err, tc.per, tc.land)
		}
	}
}

// TestUnknownNamesSayWhatTheyName: a wrong paper or duplex mode names
// what it is in the reader's language, with the names to use instead.
func TestUnknownNamesSayWhatTheyName(t *testing.T) {
	t.Parallel()
	_, paper := Paper("a3")
	_, duplex := ParseDuplex("long")
	for _, tc := range []struct {
		err  error
		lang string
		want string
	}{
		{paper, "en", `unknown paper "a3": use a4 or letter`},
		{paper, "ko", `알 수 없는 용지 "a3": a4 또는 letter를 쓸 것`},
		{duplex, "en", `unknown duplex mode "long": use none, long-edge or short-edge`},
		{duplex, "ko", `알 수 없는 양면 방식 "long": none, long-edge 또는 short-edge를 쓸 것`},
	} {
		var u *UnknownError
		if !errors.As(tc.err, &u) {
			t.Fatalf("%v is not an UnknownError", tc.err)
		}
		if got := u.Message().In(tc.lang); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.lang, got, tc.want)
		}
	}
}
