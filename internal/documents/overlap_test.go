package documents

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/vocab"
)

// inkBox is where a line of text puts ink: its advance across, and from
// about the cap height above the baseline to the descenders below.
type inkBox struct {
	x0, y0, x1, y1 float64
	text           string
	size           float64
}

func inkBoxes(ops []draw.Op) []inkBox {
	var out []inkBox
	draw.GroupOp{Ops: ops}.Each(func(op draw.Op) {
		t, ok := op.(draw.TextOp)
		if !ok || strings.TrimSpace(t.Text) == "" {
			return
		}
		// Leading and trailing blanks print no ink.
		lead := t.Text[:len(t.Text)-len(strings.TrimLeft(t.Text, " "))]
		x := t.X + t.Face.Width(lead, t.Size)
		ink := strings.TrimSpace(t.Text)
		h := t.Size * fonts.PtToMM
		out = append(out, inkBox{x0: x, x1: x + t.Face.Width(ink, t.Size), y0: t.Y - 0.72*h, y1: t.Y + 0.2*h, text: ink, size: t.Size})
	})
	return out
}

// overlaps lists the pairs of texts of a face whose ink boxes overlap by
// more than a hair.
func overlaps(ops []draw.Op) []string {
	const hair = 0.05 // mm
	boxes := inkBoxes(ops)
	var out []string
	for i, a := range boxes {
		for _, b := range boxes[i+1:] {
			if min(a.x1, b.x1)-max(a.x0, b.x0) > hair && min(a.y1, b.y1)-max(a.y0, b.y0) > hair {
				out = append(out, fmt.Sprintf("%q on %q", a.text, b.text))
			}
		}
	}
	return out
}

// axisLabel matches a time axis's labels: the story's clock and the
// session's offset.
var axisLabel = regexp.MustCompile(`^(\d\d:\d\d|T[-+][0-9hms]+)$`)

// touching lists the time-axis labels of a face that come within a
// millimetre of their neighbour on the same row.
func touching(ops []draw.Op) []string {
	var out []string
	boxes := inkBoxes(ops)
	for i, a := range boxes {
		for _, b := range boxes[i+1:] {
			if !axisLabel.MatchString(a.text) || !axisLabel.MatchString(b.text) || math.Abs(a.y1-b.y1) > 0.01 {
				continue
			}
			if gap := max(a.x0, b.x0) - min(a.x1, b.x1); gap < 0.9*(a.size/minTextSize) {
				out = append(out, fmt.Sprintf("axis labels %q and %q %.1f mm apart", a.text, b.text, gap))
			}
		}
	}
	return out
}

// tooSmall lists the texts of a face printed under 6 pt, once scaled.
func tooSmall(ops []draw.Op) []string {
	var out []string
	for _, b := range inkBoxes(ops) {
		if b.size < minTextSize-1e-9 {
			out = append(out, fmt.Sprintf("%q at %.2f pt", b.text, b.size))
		}
	}
	return out
}

// faces is every card face of an example at every clue card size, and
// every slide of its screen deck, by name.
func faces(t *testing.T, s *scenarios.Scenario) map[string][]draw.Op {
	out := map[string][]draw.Op{}
	for _, size := range vocab.Card.Values {
		list, err := cards.AllCards(s, cards.Options{ClueCard: size})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range list {
			out[size+" "+c.Name+" front"] = c.Front.Ops
			if c.Back != nil {
				out[size+" "+c.Name+" back"] = c.Back.Ops
			}
		}
	}
	d, err := Screen(s, true)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range d.Pages {
		out[fmt.Sprintf("slide %d %v", i+1, p.Cards)] = p.Ops
	}
	return out
}

// TestNoTextOverlapsAndNothingTiny: on every card face of every example at
// every card size, and on every slide, no two texts overlap, no two labels
// of a chart's time axis touch, and nothing prints under 6 pt.
func TestNoTextOverlapsAndNothingTiny(t *testing.T) {
	t.Parallel()
	for _, ex := range scenarios.Examples() {
		s := example(t, ex.Name)
		for name, ops := range faces(t, s) {
			for _, o := range overlaps(ops) {
				t.Errorf("%s %s: %s", ex.Name, name, o)
			}
			for _, o := range touching(ops) {
				t.Errorf("%s %s: %s", ex.Name, name, o)
			}
			for _, o := range tooSmall(ops) {
				t.Errorf("%s %s: %s", ex.Name, name, o)
			}
		}
	}
}
