package cards

import (
	"fmt"
	"math"
	"strings"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// A log snapshot is a terminal window: a title bar with the source, then
// the lines in time order in the monospace face.

// LogTheme is how a terminal window is coloured.
type LogTheme struct {
	Name                                    string
	BG, Bar, Text, Warn, Error, ErrRow, Dim draw.Color
	Border                                  *draw.Pen // around the window, for a white one
}

// LogThemes are the terminal looks, one per scenarios.LogThemes name: dark, as a real terminal (the default),
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

// logRows wraps each entry's text (texts[i], tabs expanded) at size.
func logRows(entries []scenarios.LogEntry, texts []string, width, size float64, skip []bool) []logRow {
	var rows []logRow
	m := layouts.FaceMeasure(fonts.Mono, size)
	for i, e := range entries {
		if skip != nil && skip[i] {
			continue
		}
		// Break between fields, never inside one: "level":"e / rror" is
		// not a line anyone reads.
		for j, l := range layouts.WrapAfter(texts[i], width, m, ",&;") {
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

// logCards draws a log clue. Lines shrink from 7 pt to 6 pt to fit; past
// that the earliest generated lines scroll off the top (the card says how
// many); explicit lines are never dropped, and if they alone do not fit
// the snapshot continues on another card.
func logCards(s *scenarios.Scenario, c scenarios.Clue, size layouts.Size, lb Labels, names map[string]string, theme LogTheme) ([]clueCard, error) {
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

	// More lines than a window holds even a row each at the smallest size:
	// the oldest generated ones scroll off whatever happens, so they are
	// not wrapped (10,000 generated lines cost what 30 do).
	pre := preDropped(entries, int(avail/rowHeight(logMin)))
	rows, lineSize := fitRows(entries, line, textW, avail, pre)
	perCard := int(avail / rowHeight(lineSize))
	if perCard < 1 {
		return nil, &cardError{Card: "clue " + c.ID, Where: c.Where, Msg: "the log window is too small for this card size"}
	}
	kept, omitted := scroll(entries, rows, perCard, lb, func(e scenarios.LogEntry) string {
		return expandTabs(line(e))
	}, pre)
	pages := paginate(kept, perCard)
	out := make([]clueCard, len(pages))
	for i, rows := range pages {
		cc := clueCard{clue: c, part: i + 1, parts: len(pages), omitted: omitted, lines: shownLines(rows)}
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
			drawTerminal(p, w, theme, c.Log.Source, rows, lineSize, cc)
		}
		out[i] = cc
	}
	return out, nil
}

// fitRows wraps the lines at the largest size, from logMax down to logMin
// by quarter points, whose rows fit the height avail; at logMin when some
// are pre-dropped.
func fitRows(entries []scenarios.LogEntry, line func(scenarios.LogEntry) string, width, avail float64, pre []bool) ([]logRow, float64) {
	// Each size tried wraps the lines again: format them once.
	texts := make([]string, len(entries))
	for i, e := range entries {
		if pre == nil || !pre[i] {
			texts[i] = expandTabs(line(e))
		}
	}
	var rows []logRow
	lineSize := logMax
	for ; lineSize >= logMin-1e-9; lineSize -= 0.25 {
		if pre != nil {
			lineSize = logMin
		}
		rows = logRows(entries, texts, width, lineSize, pre)
		if pre != nil || float64(len(rows))*rowHeight(lineSize) <= avail {
			break
		}
	}
	return rows, max(lineSize, logMin)
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
// windows. It returns the rows to print and the text of those that went.
func scroll(entries []scenarios.LogEntry, rows []logRow, perCard int, lb Labels, text func(scenarios.LogEntry) string, pre []bool) ([]logRow, []string) {
	if len(rows) <= perCard && pre == nil {
		return rows, nil
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
	var omitted []string
	for i, e := range entries {
		if dropped[i] {
			omitted = append(omitted, text(e))
		}
	}
	return markGaps(entries, rows, dropped, lb), omitted
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

func snapshotCaption(c scenarios.Clue, width float64) ([]layouts.Wrapped, error) {
	if strings.TrimSpace(c.Body) == "" {
		return nil, nil
	}
	lines := layouts.Wrap(c.Body, width, layouts.FaceMeasure(fonts.Regular, captionSize))
	if len(lines) > captionLines {
		return nil, &cardError{Card: "clue " + c.ID, Where: c.Where, Msg: fmt.Sprintf("a %s card shows its body as a caption of at most %d lines; this one needs %d: shorten it, or move it to a clue of its own", c.Kind, captionLines, len(lines))}
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

func drawTerminal(p *draw.Page, w layouts.Rect, th LogTheme, source string, rows []logRow, size float64, cc clueCard) {
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
		size := fitOneLine(fonts.Regular, title, w.W-buttons-1.5, 7, 5)
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
			p.Text(w.X+logMarkW-1.8, y+rh*0.8, fonts.Mono, size, th.Dim, "↳")
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
func SizeWarnings(s *scenarios.Scenario, opt Options) []string {
	size, ok := ClueSizes[opt.ClueCard]
	if !ok || opt.ClueCard == "quarter" {
		return nil
	}
	lb := LabelsFor(s.Scenario.Language)
	var out []string
	for _, c := range s.Clues {
		if c.Kind != scenarios.KindLog {
			continue
		}
		total := len(s.LogEntries(c))
		cards, err := logCards(s, c, size, lb, nil, LogThemes["dark"])
		if err != nil || len(cards) == 0 || cards[0].lines >= min(total, readableLines) {
			continue
		}
		wide, err := logCards(s, c, ClueSizes["quarter"], lb, nil, LogThemes["dark"])
		if err != nil {
			continue
		}
		out = append(out, fmt.Sprintf("clue %q: a %s card shows %d of its %d log lines, too few to read as a log; --card quarter shows %d", c.ID, opt.ClueCard, cards[0].lines, total, wide[0].lines))
	}
	return out
}
