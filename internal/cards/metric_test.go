package cards

import (
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/written"
)

func TestNiceTicks(t *testing.T) {
	for _, tc := range []struct{ lo, hi float64 }{{0, 2600}, {71, 99.5}, {0.001, 0.0042}, {-5, 5}, {118, 121}} {
		ticks, lo, hi := niceTicks(tc.lo, tc.hi, 5)
		if lo > tc.lo || hi < tc.hi {
			t.Errorf("%v..%v: axis %v..%v does not cover the data", tc.lo, tc.hi, lo, hi)
		}
		if len(ticks) < 3 || len(ticks) > 12 {
			t.Errorf("%v..%v: %d ticks", tc.lo, tc.hi, len(ticks))
		}
		step := ticks[1] - ticks[0]
		mant := step / math.Pow(10, math.Floor(math.Log10(step)))
		if r := math.Round(mant*10) / 10; r != 1 && r != 2 && r != 2.5 && r != 5 {
			t.Errorf("%v..%v: step %v is not round", tc.lo, tc.hi, step)
		}
	}
}

func TestTimeTicksAreRound(t *testing.T) {
	ticks := timeTicks(-30*time.Minute, 2*time.Minute, 6)
	if len(ticks) < 3 {
		t.Fatalf("ticks %v", ticks)
	}
	for _, tk := range ticks {
		if tk%time.Minute != 0 || tk < -30*time.Minute || tk > 2*time.Minute {
			t.Errorf("tick %v", tk)
		}
	}
}

// TestChartPlacesEverything checks the chart mapping: annotation markers
// stand at their times, the threshold at its value, and the ramp of the
// example reaches its target where it should.
func TestChartPlacesEverything(t *testing.T) {
	s := example(t, "eu-db-latency")
	var c written.Clue
	for _, x := range s.Clues() {
		if x.ID == "c02" {
			c = x
		}
	}
	list, err := ClueCards(s, DefaultOptions(), s.Timeline().Of(written.Timed))
	if err != nil {
		t.Fatal(err)
	}
	var d draw.Deck
	for _, c := range list {
		d.Pages = append(d.Pages, c.Faces()...)
	}
	plot := layouts.Rect{X: 10, Y: 10, W: 100, H: 50}
	ch := newChart(plot, c.Metric, nil)
	if x := ch.X(c.Metric.FromOffset); x != plot.X {
		t.Errorf("from maps to %v", x)
	}
	if x := ch.X(c.Metric.ToOffset); math.Abs(x-(plot.X+plot.W)) > 1e-9 {
		t.Errorf("to maps to %v", x)
	}
	// Find the annotation lines drawn on the clue's page: vertical dotted
	// lines whose x must be the chart's x of the annotation's time.
	var found int
	for _, p := range d.Pages {
		for _, op := range p.Flat() {
			l, ok := op.(draw.LineOp)
			if !ok || len(l.Pen.Dash) != 2 || l.Pen.Dash[0] != 0.5 || l.Points[0].X != l.Points[1].X {
				continue
			}
			found++
		}
	}
	if found < len(c.Metric.Annotations) {
		t.Errorf("%d annotation markers drawn, want at least %d", found, len(c.Metric.Annotations))
	}
	// The marker of an annotation at T+0 on a T-30m..T+2m axis stands 30/32
	// of the way across.
	want := plot.X + plot.W*30/32
	if got := ch.X(0); math.Abs(got-want) > 1e-9 {
		t.Errorf("T+0 at %v, want %v", got, want)
	}
	if c.Metric.Threshold != nil {
		y := ch.Y(*c.Metric.Threshold)
		if y < plot.Y || y > plot.Y+plot.H {
			t.Errorf("threshold outside the plot: %v", y)
		}
	}
}

func TestFormatValue(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{
		{600000, "600,000"}, {1234.5, "1,234.5"}, {-25000, "-25,000"}, {999, "999"}, {0.25, "0.25"}, {1e6, "1,000,000"},
	} {
		if got := formatValue(tc.in); got != tc.want {
			t.Errorf("formatValue(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTitleWithUnit(t *testing.T) {
	for _, tc := range []struct{ title, unit, want string }{
		{"p99 latency", "ms", "p99 latency (ms)"},
		{"주문 건수 (건)", "건", "주문 건수 (건)"},
		{"Error rate %", "%", "Error rate %"},
		{"Orders", "", "Orders"},
	} {
		if got := titleWithUnit(tc.title, tc.unit); got != tc.want {
			t.Errorf("titleWithUnit(%q, %q) = %q, want %q", tc.title, tc.unit, got, tc.want)
		}
	}
}

// TestLegendRowsNeverOverlap: on a narrow (poker) panel the time window gets
// a row of its own instead of being printed over the second legend entry.
func TestLegendRowsNeverOverlap(t *testing.T) {
	series := []written.Series{{Name: "p50"}, {Name: "p99"}}
	window := "08:30 → 09:10 UTC+01:00"
	if rows := legendRows(series, 120, window); len(rows) != 1 || rows[0].window != window {
		t.Errorf("wide panel: %+v, want one row with the window", rows)
	}
	rows := legendRows(series, 55, window)
	if len(rows) != 2 || rows[0].window != "" || rows[1].window != window || len(rows[0].series) != 2 {
		t.Errorf("narrow panel: %+v, want legend then window", rows)
	}
	for _, row := range legendRows(append(series, written.Series{Name: "a long series name"}), 40, window) {
		w := 0.0
		for _, i := range row.series {
			w += legendEntryWidth([]string{"p50", "p99", "a long series name"}[i])
		}
		if len(row.series) > 1 && w > 40 {
			t.Errorf("row %+v is %.1f mm wide, more than 40", row, w)
		}
	}
}

// TestNearlyFlatSeriesGetSensibleTicks: values that differ only in their
// last bits (a flat gauge in a real export) once chose a step below one ulp
// and never finished.
func TestNearlyFlatSeriesGetSensibleTicks(t *testing.T) {
	for _, vals := range [][]float64{{1200.5, 1200.5000000000002}, {1200.5, 1200.5}, {0, 0}, {-3e-12, -3e-12}, {1e12, 1e12 - 1e-4}} {
		m := &written.Metric{FromOffset: 0, ToOffset: time.Minute}
		series := [][]written.Sample{{{Offset: 0, Value: vals[0]}, {Offset: time.Minute, Value: vals[1]}}}
		ch := newChart(layouts.Rect{W: 100, H: 50}, m, series)
		if len(ch.YTicks) < 2 || len(ch.YTicks) > 12 {
			t.Errorf("%v: %d ticks %v", vals, len(ch.YTicks), ch.YTicks)
		}
		if ch.YMin > vals[0] || ch.YMax < vals[0] || ch.YMax-ch.YMin <= 0 {
			t.Errorf("%v: axis %v..%v", vals, ch.YMin, ch.YMax)
		}
	}
	if ticks := timeTicks(0, 3*time.Nanosecond, 6); len(ticks) > maxTicks+1 {
		t.Errorf("a 3 ns window gave %d time ticks", len(ticks))
	}
}

// TestChartMarksAClockBreak: wrong-database-deleted's d10 runs from
// 00:01 to 14:05 across a round that moves the story's clock on by
// fourteen hours; at every card size its time axis marks the break where
// it falls, and a chart without a break has no mark.
func TestChartMarksAClockBreak(t *testing.T) {
	t.Parallel()
	s := example(t, "wrong-database-deleted")
	for _, size := range []string{"poker", "a6", "quarter"} {
		list, err := ClueCards(s, Options{ClueCard: size}, s.Timeline().Of(written.Timed))
		if err != nil {
			t.Fatal(err)
		}
		marks := map[string]int{}
		for _, c := range list {
			for _, op := range c.Front.Ops {
				if l, ok := op.(draw.LineOp); ok && reflect.DeepEqual(l.Pen, breakPen) {
					marks[c.ID]++
				}
			}
		}
		if marks["d10"] != 2 || len(marks) != 1 {
			t.Errorf("%s: break strokes %v, want two on d10 alone", size, marks)
		}
	}
	var d10 written.Clue
	for _, c := range s.Clues() {
		if c.ID == "d10" {
			d10 = c
		}
	}
	if got := clockBreaks(s, d10.Metric.FromOffset, d10.Metric.ToOffset); !reflect.DeepEqual(got, []time.Duration{70 * time.Minute}) {
		t.Errorf("d10's breaks %v, want T+70m", got)
	}
}

// TestValueAxisRange: a percentage starts at 0 unless told otherwise; an
// author's y_min and y_max set the range the axis covers at least; a value
// beyond them still widens it.
func TestValueAxisRange(t *testing.T) {
	t.Parallel()
	f := func(v float64) *float64 { return &v }
	for _, tc := range []struct {
		name       string
		unit       string
		ymin, ymax *float64
		lo, hi     float64 // the data
		want       [2]float64
	}{
		{"a success rate wobbling near 100%", "%", nil, nil, 97, 100, [2]float64{0, 100}},
		{"latency from its data", "ms", nil, nil, 120, 160, [2]float64{120, 160}},
		{"y_min and y_max", "ms", f(0), f(500), 120, 160, [2]float64{0, 500}},
		{"a percentage told where to start", "%", f(90), nil, 97, 100, [2]float64{90, 100}},
		{"data beyond y_max widens the axis", "MB/s", f(0), f(50), 40, 80, [2]float64{0, 80}},
	} {
		m := &written.Metric{Unit: tc.unit, YMin: tc.ymin, YMax: tc.ymax, FromOffset: 0, ToOffset: time.Minute}
		series := [][]written.Sample{{{Offset: 0, Value: tc.lo}, {Offset: time.Minute, Value: tc.hi}}}
		ch := newChart(layouts.Rect{W: 100, H: 50}, m, series)
		if ch.YMin != tc.want[0] || ch.YMax != tc.want[1] {
			t.Errorf("%s: axis %v..%v, want %v..%v", tc.name, ch.YMin, ch.YMax, tc.want[0], tc.want[1])
		}
	}
}
