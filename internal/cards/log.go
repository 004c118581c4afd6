package cards

import (
	"fmt"
	"math"
	"strings"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/written"
)

// A log snapshot is a terminal window: a title bar with the source, then
// the lines in time order in the monospace face.

// LogTheme is how a terminal window is coloured.
type LogTheme struct {
	Name                                    string
	BG, Bar, Text, Warn, Error, ErrRow, Dim draw.Color
	Border                                  *draw.Pen // around the window, for a white one
}

// LogThemes are the terminal looks, one per name of vocab.Theme: dark, as a real terminal (the default),
// and light, for black-and-white laser printers that would spend toner on
// a solid black block per card. The dark theme's error red is pale enough
// that a greyscale printer keeps it 9:1 on its row (it was 5:1, the
// palest line on the card, where errors are what players must read).
var LogThemes = map[string]LogTheme{
	"dark": {
		Name: "dark",
		BG:   draw.Color{R: 28, G: 30, B: 34}, Bar: draw.Color{R: 214, G: 216, B: 220}, Text: draw.Color{R: 222, G: 224, B: 228},
		Warn: draw.Color{R: 255, G: 214, B: 102}, Error: draw.Color{R: 255, G: 178, B: 178}, ErrRow: draw.Color{R: 58, G: 30, B: 32}, Dim: draw.Color{R: 150, G: 154, B: 160},
	},
	"light": {
		Name: "light",
		BG:   draw.Color{R: 255, G: 255, B: 255}, Bar: draw.Color{R: 225, G: 227, B: 230}, Text: draw.Color{R: 30, G: 32, B: 36},
		Warn: draw.Color{R: 125, G: 85, B: 0}, Error: draw.Color{R: 170, G: 20, B: 20}, ErrRow: draw.Color{R: 236, G: 236, B: 238}, Dim: draw.Color{R: 110, G: 114, B: 120},
		Border: &draw.Pen{Width: 0.3, Color: draw.Gray(0.45)},
	},
}

// logRow is one printed row: a whole log line or the continuation of one.
type logRow struct {
	text     string
	level    string
	cont     bool
	entry    int
	explicit bool
}

const (
	logMax    = 7.0 // pt
	logMarkW  = 4.0 // mm gutter for the level marker
	termTitle = 5.5 // mm
)

// logTexts are a log's lines as printed, each formatted when first asked
// for: a card wraps them at each size it tries (up to five), and lines
// that scroll off unwrapped are never formatted at all.
type logTexts struct {
	entries []scenarios.LogEntry
	format  func(scenarios.LogEntry) string
	texts   []string
	done    []bool
}

func newLogTexts(entries []scenarios.LogEntry, format func(scenarios.LogEntry) string) *logTexts {
	return &logTexts{entries: entries, format: format, texts: make([]string, len(entries)), done: make([]bool, len(entries))}
}

// at is line i, its tabs expanded.
func (t *logTexts) at(i int) string {
	if !t.done[i] {
		t.texts[i], t.done[i] = expandTabs(t.format(t.entries[i])), true
	}
	return t.texts[i]
}

func logRows(entries []scenarios.LogEntry, texts *logTexts, width, size float64, skip []bool) []logRow {
	var rows []logRow
	m := layouts.FaceMeasure(fonts.Mono, size)
	for i, e := range entries {
		if skip != nil && skip[i] {
			continue
		}
		text := texts.at(i)
		// Break between fields, never inside one: "level":"e / rror" is
		// not a line anyone reads.
		for j, l := range layouts.WrapAfter(text, width, m, ",&;") {
			rows = append(rows, logRow{text: l.Visible(), level: e.Level, cont: j > 0, entry: i, explicit: e.Explicit})
		}
	}
	return rows
}

func expandTabs(s string) string {
	if !strings.ContainsRune(s, '\t') {
		return s // nearly every line: no copy
	}
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r == '\t' {
			out = append(out, ' ', ' ', ' ', ' ')
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// logFit is how a log is fitted to its window: the smallest size its lines
// may shrink to (6 pt on paper; less in the frame of a slide drawn
// larger), and, for a slide, the lines the printed card leaves out: the
// slide leaves out the same and continues on more slides, so that it
// shows what the paper shows at the scale of every other slide.
type logFit struct {
	least float64
	like  []bool
}

// paperFit fits a log as a printed card.
var paperFit = logFit{least: logMin}

// fitLog sets a log's rows in a window textW wide holding avail mm of
// rows: the rows to print (markers where lines went), which lines went,
// the size of the lines and how many rows a window holds.
func fitLog(entries []scenarios.LogEntry, texts *logTexts, textW, avail float64, fit logFit, lb Labels) ([]logRow, []bool, float64, int) {
	var rows []logRow
	var lineSize float64
	// More lines than a window holds even a row each at the smallest size:
	// the oldest generated ones scroll off whatever happens, so they are
	// not wrapped (10,000 generated lines cost what 30 do).
	pre, forced := preDropped(entries, int(avail/rowHeight(fit.least))), fit.like != nil
	if forced {
		pre = fit.like
	}
	// A slide that must go on to more windows sets its lines as large as
	// fills them: as many windows as the smallest size needs, no more.
	windows := 1
	if forced {
		least := markGaps(entries, logRows(entries, texts, textW, fit.least, pre), pre, lb)
		windows = len(paginate(least, int(avail/rowHeight(fit.least))))
	}
	for lineSize = logMax; lineSize >= fit.least-1e-9; lineSize -= 0.25 {
		if pre != nil && !forced {
			lineSize = fit.least
		}
		// Every line takes a row at least: a size with fewer rows than the
		// log has lines cannot hold them and goes unwrapped, unless it is
		// the last tried, whose rows scroll.
		if pre == nil && !forced && lineSize-0.25 >= fit.least-1e-9 && len(entries) > int(avail/rowHeight(lineSize)) {
			continue
		}
		rows = logRows(entries, texts, textW, lineSize, pre)
		if pre != nil && !forced || !forced && len(rows) <= int(avail/rowHeight(lineSize)) {
			break
		}
		if per := int(avail / rowHeight(lineSize)); forced && per > 0 && len(paginate(markGaps(entries, rows, pre, lb), per)) <= windows {
			break
		}
	}
	lineSize = max(lineSize, fit.least)
	perCard := int(avail / rowHeight(lineSize))
	if perCard < 1 {
		return nil, nil, 0, 0
	}
	if forced {
		return markGaps(entries, rows, fit.like, lb), fit.like, lineSize, perCard
	}
	kept, dropped := scroll(entries, rows, perCard, lb, pre)
	return kept, dropped, lineSize, perCard
}

// omittedText is the text of the lines that went.
func omittedText(entries []scenarios.LogEntry, dropped []bool, texts *logTexts) []string {
	var out []string
	for i := range entries {
		if i < len(dropped) && dropped[i] {
			out = append(out, texts.at(i))
		}
	}
	return out
}

// logCards draws a log clue. Lines shrink from 7 pt to fit.least to fit; past
// that the earliest generated lines scroll off the top (the card says how
// many); explicit lines are never dropped, and if they alone do not fit
// the snapshot continues on another card.
func logCards(s *scenarios.Session, c written.Clue, size layouts.Size, lb Labels, names map[string]string, theme LogTheme, fit logFit) ([]clueCard, error) {
	entries := s.LogEntries(c)
	top := toHeight(c, size.W, lb, names)
	titleLines := layouts.Wrap(c.Title, size.W-2*cardPad, layouts.FaceMeasure(fonts.Bold, 10))
	titleH := float64(len(titleLines)) * 10 * 1.2 * fonts.PtToMM
	caption, err := snapshotCaption(c, size.W-2*cardPad)
	if err != nil {
		return nil, err
	}
	win := layouts.Rect{X: cardPad, Y: top + titleH + captionHeight(caption) + 1.5, W: size.W - 2*cardPad}
	win.H = size.H - win.Y - cardPad + 1
	textW := win.W - logMarkW - 2
	avail := win.H - termTitle - 2.5
	line := func(e scenarios.LogEntry) string { return s.LogLine(e, c.Log.Format) }
	texts := newLogTexts(entries, line)
	kept, dropped, lineSize, perCard := fitLog(entries, texts, textW, avail, fit, lb)
	if perCard < 1 {
		return nil, &cardError{Card: text.M("card-clue", "id", c.ID), Where: c.Where, Msg: text.M("log-window-small")}
	}
	omitted := omittedText(entries, dropped, texts)
	pages := paginate(kept, perCard)
	out := make([]clueCard, len(pages))
	for i, rows := range pages {
		cc := clueCard{clue: c, part: i + 1, parts: len(pages), omitted: omitted, lines: shownLines(rows), dropped: dropped}
		rows := rows
		cc.front = func(p *draw.Page, r layouts.Rect) {
			white := draw.White
			p.Rect(r, &white, nil)
			clueHeaderBand(p, r, s, cc, lb, names)
			y := r.Y + top + 10*fonts.PtToMM
			for _, l := range titleLines {
				p.Text(r.X+cardPad, y, fonts.Bold, 10, draw.Black, l.Visible())
				y += 10 * 1.2 * fonts.PtToMM
			}
			drawCaption(p, r.X+cardPad, y-10*1.2*fonts.PtToMM, caption)
			w := layouts.Rect{X: r.X + win.X, Y: r.Y + win.Y, W: win.W, H: win.H}
			drawTerminal(p, w, theme, c.Log.Source, rows, lineSize, fit.least, cc)
		}
		out[i] = cc
	}
	return out, nil
}

// paginate splits rows into windows of perCard, never between a line and
// its continuation rows: a window ends early rather than cut a line in
// two, unless one line alone is longer than a window.
func paginate(rows []logRow, perCard int) [][]logRow {
	var pages [][]logRow
	for len(rows) > 0 {
		n := min(perCard, len(rows))
		if n < len(rows) {
			cut := n
			for cut > 0 && rows[cut].cont {
				cut--
			}
			if cut > 0 {
				n = cut
			}
		}
		pages = append(pages, rows[:n])
		rows = rows[n:]
	}
	return pages
}

// shownLines counts the log lines rows begin.
func shownLines(rows []logRow) int {
	n := 0
	for _, r := range rows {
		if !r.cont && r.level != gapLevel {
			n++
		}
	}
	return n
}

// preDropped marks the generated lines older than the newest max of them:
// with more lines than a window has rows, they scroll off in any case.
// It is nil when every line may yet be shown.
func preDropped(entries []scenarios.LogEntry, max int) []bool {
	if len(entries) <= max {
		return nil
	}
	pre := make([]bool, len(entries))
	keep := 0
	for i := len(entries) - 1; i >= 0; i-- {
		if entries[i].Explicit {
			continue
		}
		if keep < max {
			keep++
			continue
		}
		pre[i] = true
	}
	return pre
}

// gapLevel marks a row that stands where lines were left out.
const gapLevel = "gap"

// scroll makes the rows fit perCard: generated lines go, oldest first,
// keeping a line's continuation rows together, and a marker row stands in
// each place lines went ("··· 12 earlier lines not shown ···" at the top,
// "··· 3 lines not shown here ···" between two lines the card shows), so
// that no gap in a terminal players read closely is silent. Explicit lines
// are never dropped; if they alone do not fit, the rows go on over more
// windows. It returns the rows to print and which lines went.
func scroll(entries []scenarios.LogEntry, rows []logRow, perCard int, lb Labels, pre []bool) ([]logRow, []bool) {
	if len(rows) <= perCard && pre == nil {
		return rows, make([]bool, len(entries))
	}
	rowsOf := make([]int, len(entries))
	for _, r := range rows {
		rowsOf[r.entry]++
	}
	dropped := make([]bool, len(entries))
	count, runs := len(rows), 0
	for i := range pre {
		dropped[i] = pre[i]
		if pre[i] && (i == 0 || !pre[i-1]) {
			runs++
		}
	}
	for i := 0; i < len(entries) && count+runs > perCard; i++ {
		if entries[i].Explicit || dropped[i] {
			continue
		}
		before, after := i > 0 && dropped[i-1], i+1 < len(entries) && dropped[i+1]
		switch {
		case !before && !after:
			runs++
		case before && after:
			runs--
		}
		dropped[i] = true
		count -= rowsOf[i]
	}
	return markGaps(entries, rows, dropped, lb), dropped
}

// markGaps keeps the rows of the lines not dropped and puts one marker
// row where each run of dropped lines was, in one walk over the lines
// (rows come in line order; lines dropped unwrapped have no rows at all).
func markGaps(entries []scenarios.LogEntry, rows []logRow, dropped []bool, lb Labels) []logRow {
	var out []logRow
	k := 0
	for i := 0; i < len(entries); i++ {
		if !dropped[i] {
			for k < len(rows) && rows[k].entry == i {
				out = append(out, rows[k])
				k++
			}
			continue
		}
		j := i
		for j < len(entries) && dropped[j] {
			j++
		}
		format := lb.LinesHidden
		if i == 0 {
			format = lb.LinesOmitted
		}
		out = append(out, logRow{text: fmt.Sprintf("··· "+format+" ···", j-i), level: gapLevel, entry: i})
		for k < len(rows) && rows[k].entry < j {
			k++
		}
		i = j - 1
	}
	return out
}

// A snapshot's body is a caption of a few lines under its title: the
// window or panel takes the rest of the card.
const (
	captionSize  = 8.0 // pt
	captionLines = 3
)

func snapshotCaption(c written.Clue, width float64) ([]layouts.Wrapped, error) {
	if strings.TrimSpace(c.Body) == "" {
		return nil, nil
	}
	lines := layouts.Wrap(c.Body, width, layouts.FaceMeasure(fonts.Regular, captionSize))
	if len(lines) > captionLines {
		return nil, &cardError{Card: text.M("card-clue", "id", c.ID), Where: c.Where, Msg: text.M("caption-long", "kind", c.Kind, "max", captionLines, "n", len(lines))}
	}
	return lines, nil
}

func captionHeight(lines []layouts.Wrapped) float64 {
	return float64(len(lines)) * captionSize * 1.25 * fonts.PtToMM
}

// drawCaption prints the caption lines below y, the last title baseline.
func drawCaption(p *draw.Page, x, y float64, lines []layouts.Wrapped) {
	for _, l := range lines {
		y += captionSize * 1.25 * fonts.PtToMM
		p.Text(x, y+0.8, fonts.Regular, captionSize, draw.Gray(0.2), l.Visible())
	}
}

func rowHeight(size float64) float64 { return size * 1.22 * fonts.PtToMM }

func drawTerminal(p *draw.Page, w layouts.Rect, th LogTheme, source string, rows []logRow, size, least float64, cc clueCard) {
	bg, bar := th.BG, th.Bar
	p.Rect(w, &bg, th.Border)
	p.Rect(layouts.Rect{X: w.X, Y: w.Y, W: w.W, H: termTitle}, &bar, nil)
	for i, col := range []draw.Color{{R: 237, G: 106, B: 94}, {R: 245, G: 191, B: 79}, {R: 98, G: 197, B: 84}} {
		p.Polygon(circle(w.X+3+float64(i)*3.4, w.Y+termTitle/2, 1.1), &col, &draw.Pen{Width: 0.1, Color: draw.Gray(0.45)})
	}
	title := source
	if cc.parts > 1 {
		title += fmt.Sprintf(" (%d/%d)", cc.part, cc.parts)
	}
	// Centred when it clears the three buttons on both sides; else after
	// them, smaller: a narrow card's title never runs over the buttons.
	const buttons = 12.0 // mm from the left edge past the third button
	if fonts.Regular.Width(title, 7) <= w.W-2*buttons {
		p.TextCenter(w.X+w.W/2, w.Y+termTitle/2+1.1, fonts.Regular, 7, draw.Gray(0.15), title)
	} else {
		size := fitOneLine(fonts.Regular, title, w.W-buttons-1.5, 7, least)
		p.Text(w.X+buttons, w.Y+termTitle/2+1.1, fonts.Regular, size, draw.Gray(0.15), title)
	}
	rh := rowHeight(size)
	y := w.Y + termTitle + 1.5
	for _, r := range rows {
		if r.level == gapLevel {
			p.Text(w.X+logMarkW, y+rh*0.8, fonts.Mono, size, th.Dim, r.text)
			y += rh
			continue
		}
		color := th.Text
		switch r.level {
		case "warn":
			color = th.Warn
		case "error", "fatal":
			color = th.Error
			errRow := th.ErrRow
			p.Rect(layouts.Rect{X: w.X + 0.8, Y: y + 0.15, W: w.W - 1.6, H: rh}, &errRow, nil)
		}
		if !r.cont {
			switch r.level {
			case "error", "fatal":
				p.Text(w.X+1, y+rh*0.8, fonts.Mono, size, color, "!!")
			case "warn":
				p.Text(w.X+1, y+rh*0.8, fonts.Mono, size, color, "! ")
			}
		} else {
			// Ended just before the line's text: the arrow comes from the
			// fallback face, wider than a monospace cell.
			p.TextRight(w.X+logMarkW+0.1, y+rh*0.8, fonts.Mono, size, th.Dim, "↳")
		}
		p.Text(w.X+logMarkW+0.3, y+rh*0.8, fonts.Mono, size, color, r.text)
		y += rh
	}
}

func circle(cx, cy, r float64) []draw.Point {
	pts := make([]draw.Point, 16)
	for i := range pts {
		a := 2 * math.Pi * float64(i) / 16
		pts[i] = draw.Point{X: cx + r*math.Cos(a), Y: cy + r*math.Sin(a)}
	}
	return pts
}

// readableLines is the fewest log lines a card should show: fewer, and the
// players read a fragment, not a log.
const readableLines = 10

// SizeWarnings says, at build time, which log clues the chosen card size
// cannot show readably, and how many lines the default size would show.
func SizeWarnings(s *scenarios.Session, opt Options) []string {
	size, ok := ClueSizes[opt.ClueCard]
	if !ok || opt.ClueCard == "quarter" {
		return nil
	}
	lb := LabelsFor(s.Language())
	var out []string
	for _, c := range s.Clues() {
		if c.Kind != written.KindLog {
			continue
		}
		total := len(s.LogEntries(c))
		cards, err := logCards(s, c, size, lb, nil, LogThemes["dark"], paperFit)
		if err != nil || len(cards) == 0 || cards[0].lines >= min(total, readableLines) {
			continue
		}
		wide, err := logCards(s, c, ClueSizes["quarter"], lb, nil, LogThemes["dark"], paperFit)
		if err != nil {
			continue
		}
		out = append(out, text.M("warn-few-log-lines", "clue", c.ID, "card", opt.ClueCard, "n", cards[0].lines, "total", total, "quarter", wide[0].lines).In(s.Language()))
	}
	return out
}
