package cards

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/written"
)

// Series styles: colour for screens and colour printers, dash pattern so
// that they stay apart in black and white.
var seriesStyles = []draw.Pen{
	{Width: 0.55, Color: draw.Color{R: 31, G: 119, B: 180}},
	{Width: 0.55, Color: draw.Color{R: 230, G: 120, B: 20}, Dash: []float64{2.2, 1.0}},
	{Width: 0.55, Color: draw.Color{R: 44, G: 160, B: 44}, Dash: []float64{0.6, 0.9}},
	{Width: 0.55, Color: draw.Color{R: 150, G: 60, B: 170}, Dash: []float64{3, 1, 0.6, 1}},
}

var thresholdPen = draw.Pen{Width: 0.4, Color: draw.Color{R: 200, G: 40, B: 40}, Dash: []float64{1.5, 1.2}}

// metricCards draws a metric clue as a dashboard panel.
func metricCards(s *scenarios.Session, c written.Clue, size layouts.Size, lb Labels, names map[string]string) ([]clueCard, error) {
	m := c.Metric
	series := make([][]written.Sample, len(m.Series))
	for i := range m.Series {
		series[i] = s.Samples(c, i)
	}
	top := toHeight(c, size.W, lb, names)
	caption, err := snapshotCaption(c, size.W-2*cardPad)
	if err != nil {
		return nil, err
	}
	cc := clueCard{clue: c, part: 1, parts: 1}
	cc.front = func(p *draw.Page, r layouts.Rect) {
		white := draw.White
		p.Rect(r, &white, nil)
		clueHeaderBand(p, r, s, cc, lb, names)
		drawCaption(p, r.X+cardPad, r.Y+top-1.5, caption)
		panel := layouts.Rect{X: r.X + cardPad, Y: r.Y + top + captionHeight(caption) + 0.5, W: r.W - 2*cardPad}
		panel.H = r.Y + r.H - cardPad - panel.Y
		drawPanel(p, panel, s, c, series, lb)
	}
	return []clueCard{cc}, nil
}

// chart is the geometry of a metric panel: the plot area and the mapping
// from time and value to the page. Exposed for tests.
type chart struct {
	Plot       layouts.Rect
	From, To   time.Duration
	YMin, YMax float64
	YTicks     []float64
	XTicks     []time.Duration
}

// X maps an offset to the page.
func (c chart) X(t time.Duration) float64 {
	return c.Plot.X + c.Plot.W*float64(t-c.From)/float64(c.To-c.From)
}

// Y maps a value to the page.
func (c chart) Y(v float64) float64 {
	return c.Plot.Y + c.Plot.H*(1-(v-c.YMin)/(c.YMax-c.YMin))
}

// newChart computes axes for the samples within a plot rectangle.
func newChart(plot layouts.Rect, m *written.Metric, series [][]written.Sample) chart {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, ss := range series {
		for _, p := range ss {
			lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
		}
	}
	if m.Threshold != nil {
		lo, hi = math.Min(lo, *m.Threshold), math.Max(hi, *m.Threshold)
	}
	if math.IsInf(lo, 0) {
		lo, hi = 0, 1
	}
	lo, hi = authorRange(m, lo, hi)
	if m.YMin == nil && lo >= 0 && lo < 0.35*hi {
		lo = 0
	}
	// A flat series, or one whose values differ only in their last bits
	// (a real export of a steady gauge), gets a band around its value.
	if hi-lo <= 1e-9*math.Max(1, math.Max(math.Abs(hi), math.Abs(lo))) {
		mid := (hi + lo) / 2
		pad := math.Max(1, math.Abs(mid)*0.05)
		hi, lo = mid+pad, mid-pad
		if mid >= 0 && lo < 0 {
			lo = 0
		}
	}
	ticks, ymin, ymax := niceTicks(lo, hi, 5)
	return chart{Plot: plot, From: m.FromOffset, To: m.ToOffset, YMin: ymin, YMax: ymax, YTicks: ticks, XTicks: timeTicks(m.FromOffset, m.ToOffset, 6)}
}

// authorRange widens the data's range lo..hi to the one the author asked
// for (y_min, y_max), and starts a percentage at 0 unless told otherwise:
// 97% to 100% drawn from 96% reads as a crash. A value beyond the asked
// range still widens the axis, so that nothing is drawn off the chart.
func authorRange(m *written.Metric, lo, hi float64) (float64, float64) {
	switch {
	case m.YMin != nil:
		lo = math.Min(lo, *m.YMin)
	case strings.HasPrefix(strings.TrimSpace(m.Unit), "%") && lo > 0:
		lo = 0
	}
	if m.YMax != nil {
		hi = math.Max(hi, *m.YMax)
	}
	return lo, hi
}

// niceTicks returns round tick values (1, 2 or 5 times a power of ten)
// covering lo..hi with about n intervals.
func niceTicks(lo, hi float64, n int) ([]float64, float64, float64) {
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		if f*mag >= raw {
			step = f * mag
			break
		}
	}
	start := math.Floor(lo/step) * step
	end := math.Ceil(hi/step) * step
	// Counted, not stepped by adding floats: a step below the values'
	// precision would never advance.
	n = min(int(math.Round((end-start)/step)), maxTicks)
	ticks := make([]float64, 0, n+1)
	for i := 0; i <= n; i++ {
		ticks = append(ticks, math.Round((start+float64(i)*step)/step)*step)
	}
	return ticks, start, end
}

// maxTicks bounds an axis whatever its values: a nice step gives about 5.
const maxTicks = 50

// timeSteps are the round steps a time axis may tick at, finest first.
var timeSteps = []time.Duration{10 * time.Second, 30 * time.Second, time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour}

// timeTicks returns round offsets (1m, 2m, 5m, 10m, 15m, 30m, 1h…) within
// from..to, about n of them.
func timeTicks(from, to time.Duration, n int) []time.Duration {
	span := to - from
	step := time.Duration(0)
	for _, s := range timeSteps {
		if span/s <= time.Duration(n) {
			step = s
			break
		}
	}
	if step == 0 {
		step = span / time.Duration(n)
	}
	return ticksEvery(from, to, max(step, time.Second))
}

// ticksEvery returns the multiples of step within from..to.
func ticksEvery(from, to, step time.Duration) []time.Duration {
	first := from.Truncate(step)
	if first < from {
		first += step
	}
	var out []time.Duration
	for i := 0; i <= maxTicks; i++ {
		t := first + time.Duration(i)*step
		if t > to {
			break
		}
		out = append(out, t)
	}
	return out
}

// formatValue prints an axis or threshold value the way dashboards do, with
// thousands separators: 600,000; 1,234.5; 0.25. English and Korean both
// group with commas.
func formatValue(v float64) string {
	var s string
	switch {
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		s = strconv.FormatFloat(v, 'f', 0, 64)
	case math.Abs(v) >= 10:
		s = strconv.FormatFloat(v, 'f', 1, 64)
	default:
		s = strings.TrimRight(strings.TrimRight(strconv.FormatFloat(v, 'f', 2, 64), "0"), ".")
	}
	return groupThousands(s)
}

func groupThousands(s string) string {
	sign, digits := "", s
	if strings.HasPrefix(s, "-") {
		sign, digits = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(digits, ".")
	if len(whole) <= 3 {
		return s
	}
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return sign + b.String()
}

// titleWithUnit appends the unit to a panel's title, unless the title
// already ends with it ("Orders (건)" stays as it is).
func titleWithUnit(title, unit string) string {
	if unit == "" {
		return title
	}
	t := strings.TrimSpace(title)
	if strings.HasSuffix(t, "("+unit+")") || strings.HasSuffix(t, " "+unit) || t == unit {
		return title
	}
	return title + " (" + unit + ")"
}

// zoneLabel names a time's zone by its offset, "UTC+01:00": the scenario's
// start carries an offset, not a zone name, and the machine's zone database
// must not change a deck.
func zoneLabel(t time.Time) string {
	_, off := t.Zone()
	if off == 0 {
		return "UTC"
	}
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	return fmt.Sprintf("UTC%s%02d:%02d", sign, off/3600, off%3600/60)
}

func drawPanel(p *draw.Page, panel layouts.Rect, s *scenarios.Session, c written.Clue, series [][]written.Sample, lb Labels) {
	m := c.Metric
	bg := draw.Color{R: 250, G: 250, B: 251}
	p.Rect(panel, &bg, &draw.Pen{Width: 0.2, Color: draw.Gray(0.75)})
	title := titleWithUnit(c.Title, m.Unit)
	tsize := fitOneLine(fonts.Bold, title, panel.W-4, 10, 6)
	titleLines := layouts.Wrap(title, panel.W-4, layouts.FaceMeasure(fonts.Bold, tsize))
	y := panel.Y + 1.5
	for _, l := range titleLines {
		y += tsize * 1.15 * fonts.PtToMM
		p.Text(panel.X+2, y, fonts.Bold, tsize, draw.Gray(0.1), l.Visible())
	}
	const tick = 6.0 // pt: the smallest any card prints
	yLabelW := 0.0
	ch := newChart(layouts.Rect{}, m, series)
	for _, v := range ch.YTicks {
		yLabelW = math.Max(yLabelW, fonts.Regular.Width(formatValue(v), tick))
	}
	legend := legendRows(m.Series, panel.W-4, metricWindow(s, m))
	legendH := 5.0 + float64(len(legend)-1)*legendRow
	// A strip above the plot holds the annotation labels, two rows of them.
	strip := 2.5
	if len(m.Annotations) > 0 {
		strip = 6.5
	}
	plot := layouts.Rect{X: panel.X + 3 + yLabelW, Y: y + strip, W: 0}
	plot.W = panel.X + panel.W - 3 - plot.X
	plot.H = panel.Y + panel.H - legendH - 8.3 - plot.Y
	ch.Plot = plot
	ch.XTicks = fitTimeTicks(s, ch, tick)
	drawGrid(p, s, ch, plot, tick)
	drawBreaks(p, s, ch, plot)
	thresholdLine(p, ch, plot, m)
	drawAnnotations(p, ch, plot, panel, m, tick)
	lines := seriesLines(ch, series)
	for i, pts := range lines {
		p.Line(seriesStyles[i%len(seriesStyles)], pts...)
	}
	thresholdLabel(p, ch, plot, m, lb, tick, lines)
	drawLegend(p, panel, m, legend)
}

// drawGrid draws the value and time grid with their labels, and the axes.
func drawGrid(p *draw.Page, s *scenarios.Session, ch chart, plot layouts.Rect, tick float64) {
	grid := draw.Pen{Width: 0.12, Color: draw.Gray(0.82)}
	for _, v := range ch.YTicks {
		yy := ch.Y(v)
		p.Line(grid, draw.Point{X: plot.X, Y: yy}, draw.Point{X: plot.X + plot.W, Y: yy})
		p.TextRight(plot.X-1, yy+0.7, fonts.Regular, tick, draw.Gray(0.3), formatValue(v))
	}
	for _, t := range ch.XTicks {
		xx := ch.X(t)
		p.Line(grid, draw.Point{X: xx, Y: plot.Y}, draw.Point{X: xx, Y: plot.Y + plot.H})
		axisLabel(p, plot, xx, plot.Y+plot.H+2.8, tick, draw.Gray(0.25), s.Clock(t))
		axisLabel(p, plot, xx, plot.Y+plot.H+5.3, tick, draw.Gray(0.5), written.FormatOffset(t))
	}
	p.Line(draw.Pen{Width: 0.25, Color: draw.Gray(0.45)}, draw.Point{X: plot.X, Y: plot.Y}, draw.Point{X: plot.X, Y: plot.Y + plot.H}, draw.Point{X: plot.X + plot.W, Y: plot.Y + plot.H})
}

// thresholdLine draws the threshold across the plot.
func thresholdLine(p *draw.Page, ch chart, plot layouts.Rect, m *written.Metric) {
	if m.Threshold != nil {
		yy := ch.Y(*m.Threshold)
		p.Line(thresholdPen, draw.Point{X: plot.X, Y: yy}, draw.Point{X: plot.X + plot.W, Y: yy})
	}
}

// thresholdLabel writes the threshold's value by its line, where it
// collides with nothing, on a patch of the panel's colour.
func thresholdLabel(p *draw.Page, ch chart, plot layouts.Rect, m *written.Metric, lb Labels, tick float64, lines [][]draw.Point) {
	if m.Threshold == nil {
		return
	}
	label := lb.Threshold + " " + formatValue(*m.Threshold)
	lw := fonts.Regular.Width(label, tick)
	x, y := placeThreshold(p, plot, ch.Y(*m.Threshold), lw, tick, lines)
	patch := draw.Color{R: 250, G: 250, B: 251}
	p.Rect(layouts.Rect{X: x - 0.5, Y: y - 1.9, W: lw + 1, H: 2.3}, &patch, nil)
	p.Text(x, y, fonts.Regular, tick, thresholdPen.Color, label)
}

// drawAnnotations marks each annotation's moment, its label above the plot.
func drawAnnotations(p *draw.Page, ch chart, plot, panel layouts.Rect, m *written.Metric, tick float64) {
	for i, a := range m.Annotations {
		if a.Offset < ch.From || a.Offset > ch.To {
			continue
		}
		xx := ch.X(a.Offset)
		ly := plot.Y - 3.6 + float64(i%2)*2.6
		p.Line(draw.Pen{Width: 0.3, Color: draw.Gray(0.35), Dash: []float64{0.5, 0.7}}, draw.Point{X: xx, Y: ly + 0.5}, draw.Point{X: xx, Y: plot.Y + plot.H})
		label := a.Text
		w := fonts.Regular.Width(label, tick)
		lx := xx + 0.8
		if lx+w > panel.X+panel.W-1 {
			lx = xx - 0.8 - w
		}
		white := draw.Color{R: 250, G: 250, B: 251}
		p.Rect(layouts.Rect{X: lx - 0.3, Y: ly - 2, W: w + 0.6, H: 2.5}, &white, nil)
		p.Text(lx, ly, fonts.Regular, tick, draw.Gray(0.2), label)
	}
}

// seriesLines are the series' polylines on the page.
func seriesLines(ch chart, series [][]written.Sample) [][]draw.Point {
	out := make([][]draw.Point, len(series))
	for i, ss := range series {
		pts := make([]draw.Point, 0, len(ss))
		for _, sm := range ss {
			pts = append(pts, draw.Point{X: ch.X(sm.Offset), Y: ch.Y(sm.Value)})
		}
		out[i] = pts
	}
	return out
}

// drawLegend writes the legend rows under the panel, and the window.
func drawLegend(p *draw.Page, panel layouts.Rect, m *written.Metric, legend []legendLine) {
	ly := panel.Y + panel.H - 2 - float64(len(legend)-1)*legendRow
	for _, row := range legend {
		lx := panel.X + 2
		for _, i := range row.series {
			name := m.Series[i].Name
			p.Line(seriesStyles[i%len(seriesStyles)], draw.Point{X: lx, Y: ly - 0.9}, draw.Point{X: lx + 7, Y: ly - 0.9})
			p.Text(lx+8.5, ly, fonts.Regular, 6.5, draw.Gray(0.15), name)
			lx += legendEntryWidth(name)
		}
		if row.window != "" {
			p.TextRight(panel.X+panel.W-2, ly, fonts.Regular, 6, draw.Gray(0.45), row.window)
		}
		ly += legendRow
	}
}

// axisLabel centres a time label under its tick, except where that would
// reach past the plot's left or right edge: there it starts or ends at
// the edge, clear of the value labels left of the axis ("60" above
// "15:40" read as one number).
func axisLabel(p *draw.Page, plot layouts.Rect, x, y, size float64, c draw.Color, text string) {
	w := fonts.Regular.Width(text, size)
	switch {
	case x-w/2 < plot.X:
		p.Text(plot.X, y, fonts.Regular, size, c, text)
	case x+w/2 > plot.X+plot.W:
		p.TextRight(plot.X+plot.W, y, fonts.Regular, size, c, text)
	default:
		p.TextCenter(x, y, fonts.Regular, size, c, text)
	}
}

// legendRow is the height of one row of legend entries, in mm.
const legendRow = 2.8

// legendLine is one row under a panel: legend entries, and the time window
// at its right on the row that has room for it.
type legendLine struct {
	series []int
	window string
}

func legendEntryWidth(name string) float64 { return 8.5 + fonts.Regular.Width(name, 6.5) + 6 }

// legendRows lays the legend entries and the window caption out in rows of
// width w, so that neither is printed over the other.
func legendRows(series []written.Series, w float64, window string) []legendLine {
	rows := []legendLine{{}}
	x := 0.0
	for i, sr := range series {
		ew := legendEntryWidth(sr.Name)
		if x > 0 && x+ew > w {
			rows = append(rows, legendLine{})
			x = 0
		}
		rows[len(rows)-1].series = append(rows[len(rows)-1].series, i)
		x += ew
	}
	if x+fonts.Regular.Width(window, 6)+2 > w {
		rows = append(rows, legendLine{})
	}
	rows[len(rows)-1].window = window
	return rows
}

func metricWindow(s *scenarios.Session, m *written.Metric) string {
	return fmt.Sprintf("%s → %s %s", s.Clock(m.FromOffset), s.Clock(m.ToOffset), zoneLabel(s.Meta().StartTime))
}
