package documents

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/vocab"
	"github.com/propdeck/propdeck/internal/written"
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
func faces(t *testing.T, s *scenarios.Session) map[string][]draw.Op {
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

// TestNoTextOverlapsAndNothingTiny: on every card face of every example
// (and of testdata/accents.toml) at every card size, and on every slide, no
// two texts overlap, no two labels of a chart's time axis touch, and
// nothing prints under 6 pt.
func TestNoTextOverlapsAndNothingTiny(t *testing.T) {
	t.Parallel()
	all := map[string]*scenarios.Session{}
	for _, ex := range examples.Examples() {
		all[ex.Name] = example(t, ex.Name)
	}
	// Accents and long words in every field, beside the examples.
	accents, err := scenarios.Load("../../testdata/accents.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	all["accents"] = accents
	for exName, s := range all {
		for name, ops := range faces(t, s) {
			for _, o := range overlaps(ops) {
				t.Errorf("%s %s: %s", exName, name, o)
			}
			for _, o := range touching(ops) {
				t.Errorf("%s %s: %s", exName, name, o)
			}
			for _, o := range tooSmall(ops) {
				t.Errorf("%s %s: %s", exName, name, o)
			}
		}
	}
}

// TestLongCluesKeepTheirFooterClear: a text clue and a log of explicit
// lines, each too long for one card, continue on further cards and
// slides; on none does the footer, or any other text, print over a line,
// and nothing is under 6 pt.
func TestLongCluesKeepTheirFooterClear(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	words := strings.Repeat("replica lag grows 장애조치 checkout ", 260)
	var lines []written.LogLine
	for i := range 90 {
		lines = append(lines, written.LogLine{At: fmt.Sprintf("T+%ds", i), Offset: time.Duration(i) * time.Second, Level: "error", Msg: fmt.Sprintf("upstream timeout after %d ms on the checkout path of eu-central-1", 900+i)})
	}
	s = s.Edited(func(w *written.Scenario) {
		w.Clues = append(w.Clues, written.Clue{ID: "long", At: "T+0", Kind: "observation", Title: "Long", Body: words},
			written.Clue{ID: "longlog", At: "T+2m", Kind: "log", Title: "A long log", Log: &written.Log{Source: "orders-api", Format: "logfmt", Lines: lines}})
	})
	continued := 0
	for name, ops := range faces(t, s) {
		if !strings.Contains(name, "long") {
			continue
		}
		continued++
		for _, o := range append(overlaps(ops), tooSmall(ops)...) {
			t.Errorf("%s: %s", name, o)
		}
	}
	if continued < 8 {
		t.Errorf("%d faces of the long clues, want them continued", continued)
	}
}

// TestSlidesKeepOneScale: every clue slide of every example draws its
// card at one scale, so the header's kind label is the same size on a log,
// a metric and a text slide alike.
func TestSlidesKeepOneScale(t *testing.T) {
	t.Parallel()
	sizes := map[float64][]string{}
	for _, ex := range examples.Examples() {
		d, err := Screen(example(t, ex.Name), true)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range d.Pages {
			if len(p.Cards) == 0 {
				continue
			}
			// The first text of a clue's face is its kind, in the header.
			for _, op := range p.Flat() {
				if tx, ok := op.(draw.TextOp); ok {
					k := math.Round(tx.Size*100) / 100
					sizes[k] = append(sizes[k], fmt.Sprintf("%s slide %d %v", ex.Name, i+1, p.Cards))
					break
				}
			}
		}
	}
	if len(sizes) != 1 {
		for k, v := range sizes {
			t.Errorf("header at %.2f pt on %d slides, e.g. %s", k, len(v), v[0])
		}
	}
}

// TestBadgeBodiesShareOneSize: the badges of a scenario set their text at
// one size, the one the fullest badge needs (8.28 pt beside 9 pt before).
func TestBadgeBodiesShareOneSize(t *testing.T) {
	t.Parallel()
	for _, ex := range examples.Examples() {
		s := example(t, ex.Name)
		list, err := cards.BadgeCards(s, cards.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		sizes := map[float64][]string{}
		for i, c := range list {
			mission := s.Roles()[i].Mission
			for _, op := range c.Front.Ops {
				if tx, ok := op.(draw.TextOp); ok && mission != "" && strings.HasPrefix(mission, tx.Text) {
					sizes[math.Round(tx.Size*100)/100] = append(sizes[math.Round(tx.Size*100)/100], c.ID)
					break
				}
			}
		}
		if len(sizes) > 1 {
			t.Errorf("%s: badge text at several sizes: %v", ex.Name, sizes)
		}
	}
}
