package studio

import "unicode"

// Labels on the chart are laid out before they are drawn: each goes in
// the first row of its lane where it meets no other, so that two
// deadlines a minute apart are both readable. SVG text cannot be measured
// on the server, so a label's width is estimated on the generous side.

// box is a label's extent on the chart, its mark included.
type box struct{ x0, y0, x1, y1 float64 }

func (a box) overlaps(b box) bool {
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

// rowH is the pitch of a lane's rows of small labels (10 px text).
const rowH = 14.0

// textWidth estimates the width of small (10 px) text: DejaVu Sans's
// capitals and m, w reach 0.85 em, its other Latin letters and digits
// about 0.62, and Hangul, CJK and symbols (⚠) a full em.
func textWidth(s string) float64 {
	const em = 10.0
	w := 0.0
	for _, r := range s {
		switch {
		case r >= 0x2000 || unicode.Is(unicode.Hangul, r):
			w += em
		case unicode.IsUpper(r) || r == 'm' || r == 'w':
			w += 0.85 * em
		default:
			w += 0.62 * em
		}
	}
	return w
}

// labelSpan is where a label of a mark at x lies left to right: after
// the mark, or before it in the chart's last quarter (as label draws it).
func labelSpan(x float64, s string) (x0, x1 float64) {
	w := textWidth(s)
	if x < chartW*0.75 {
		return x - 5, x + 6 + w
	}
	return x - 6 - w, x + 5
}

// rows packs labels into a lane's rows, the first that has room.
type rows [][]box

// place puts the span in the first row where it meets nothing, and
// returns that row.
func (rs *rows) place(x0, x1 float64) int {
	for i, row := range *rs {
		b := box{x0, float64(i), x1, float64(i) + 0.5}
		free := true
		for _, o := range row {
			if b.overlaps(o) {
				free = false
				break
			}
		}
		if free {
			(*rs)[i] = append(row, b)
			return i
		}
	}
	*rs = append(*rs, []box{{x0, float64(len(*rs)), x1, float64(len(*rs)) + 0.5}})
	return len(*rs) - 1
}
