package documents

import (
	"cmp"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/written"
)

// scenarioWorksheets builds the scribe, debrief and premortem sheets, the whole set
// repeated copies times. With a nil scenario it builds a blank, undated set
// in lang for teams running an exercise from a whiteboard.
func scenarioWorksheets(s *scenarios.Session, opt Options) (*draw.Deck, error) {
	return worksheets(s, opt, "", 0)
}

// Refill is a scenario's worksheets again, copies times each (0: the
// scenario's count) and in lang ("": the scenario's), for a table that ran
// out. Only the sheets' words change with lang: the scenario is not played
// again in it, which would generate every log line and sample anew.
func Refill(s *scenarios.Session, opt Options, copies int, lang string) (*draw.Deck, error) {
	return worksheets(s, opt, lang, copies)
}

// BlankWorksheets builds a set without a scenario.
func BlankWorksheets(lang string, copies int, opt Options) (*draw.Deck, error) {
	return worksheets(nil, opt, lang, copies)
}

// worksheets is the set of s, or a blank one when s is nil; lang, when
// given, is the sheets' language in place of the scenario's.
func worksheets(s *scenarios.Session, opt Options, lang string, copies int) (*draw.Deck, error) {
	ws := written.Worksheets{}
	title, id := "", "blank"
	if s != nil {
		ws = s.Worksheets()
		lang, title, id = cmp.Or(lang, s.Language()), s.Title(), s.ID()
		if copies <= 0 {
			copies = int(ws.Copies)
		}
	}
	copies = max(copies, 1)
	lb := cards.LabelsFor(lang)
	d := &draw.Deck{Name: id + "-worksheets", Title: strings.TrimSpace(title + " — " + lb.DeckTitles["worksheets"])}
	if s == nil {
		// One name per language: a Korean set never replaces an English one.
		d.Name = "blank-worksheets-" + lang
	}
	size := opt.Paper.Portrait()
	for c := 0; c < copies; c++ {
		if written.On(ws.Scribe) {
			timelineSheet(d, size, s, lb, title)
			findingsSheet(d, size, lb, title)
		}
		if written.On(ws.Debrief) {
			debriefSheets(d, size, ws.Questions, lb, title)
		}
		if written.On(ws.Premortem) {
			var pm written.Premortem
			if s != nil {
				pm = s.Premortem()
			}
			premortemSheet(d, size, pm, lb, title)
		}
	}
	if len(d.Pages) == 0 {
		return nil, nil
	}
	return d, nil
}

// sheetHeader draws the running header of a full-page sheet: the sheet's
// name, the scenario (or a line to write it on) and a date line.
func sheetHeader(name, scenario string, lb cards.Labels) func(p *draw.Page, n int) float64 {
	return datedHeader(name, scenario, "", lb)
}

// datedHeader is a sheet's header with its date printed, or a line to
// write it on when date is "".
func datedHeader(name, scenario, date string, lb cards.Labels) func(p *draw.Page, n int) float64 {
	return func(p *draw.Page, n int) float64 {
		x, w := sheetMargin, p.Size.W-2*sheetMargin
		y := sheetMargin
		shown := name
		if n > 1 {
			shown = fmt.Sprintf("%s (%d)", name, n)
		}
		p.Text(x, y+6, fonts.Bold, 17, draw.Black, shown)
		dateLabel := lb.Date + ":"
		if date != "" {
			dated := dateLabel + " " + date
			p.Text(x+w-fonts.Regular.Width(dated, 10), y+6, fonts.Regular, 10, draw.Black, dated)
		} else {
			lineW := 38.0
			p.Text(x+w-lineW-fonts.Regular.Width(dateLabel+" ", 9), y+6, fonts.Regular, 9, draw.Gray(0.3), dateLabel)
			p.Line(draw.Pen{Width: 0.25, Color: draw.Gray(0.4)}, draw.Point{X: x + w - lineW, Y: y + 6.6}, draw.Point{X: x + w, Y: y + 6.6})
		}
		if scenario != "" {
			lines := layouts.Wrap(scenario, w, layouts.FaceMeasure(fonts.Regular, 10))
			for i, l := range lines {
				p.Text(x, y+12+float64(i)*4.4, fonts.Regular, 10, draw.Gray(0.25), l.Visible())
			}
			y += float64(len(lines)-1) * 4.4
		} else {
			label := lb.Scenario + ":"
			p.Text(x, y+12, fonts.Regular, 9, draw.Gray(0.3), label)
			lx := x + fonts.Regular.Width(label+" ", 9)
			p.Line(draw.Pen{Width: 0.25, Color: draw.Gray(0.4)}, draw.Point{X: lx, Y: y + 12.6}, draw.Point{X: x + w*0.6, Y: y + 12.6})
		}
		p.Line(draw.Pen{Width: 0.5, Color: draw.Black}, draw.Point{X: x, Y: y + 15}, draw.Point{X: x + w, Y: y + 15})
		return 20
	}
}

// timelineTimes are the moments the scribe's timeline starts with: every
// round and every clue reveal.
func timelineTimes(s *scenarios.Session) []time.Duration {
	if s == nil {
		return nil
	}
	seen := map[time.Duration]bool{}
	var out []time.Duration
	add := func(d time.Duration) {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	for _, r := range s.Rounds() {
		add(r.Offset)
	}
	for _, rv := range s.Timeline().Of(written.Timed) {
		add(rv.At())
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

const rowH = 10.0 // handwriting rows: at least 8 mm

func timelineSheet(d *draw.Deck, size layouts.Size, s *scenarios.Session, lb cards.Labels, title string) {
	w := newPageWriter(d, size, sheetHeader(lb.Timeline, title, lb))
	cols := []struct {
		label string
		frac  float64
	}{{lb.Time, 0.1}, {lb.Clock, 0.09}, {lb.WhatHappened, 0.37}, {lb.Decision, 0.26}, {lb.WhoDecided, 0.18}}
	times := timelineTimes(s)
	i := 0
	for {
		w.newPage()
		x0 := w.left()
		// Table header.
		gray := draw.Gray(0.88)
		w.page.Rect(layouts.Rect{X: x0, Y: w.y, W: w.width(), H: 7}, &gray, nil)
		x := x0
		for _, c := range cols {
			w.page.Text(x+1.5, w.y+4.8, fonts.Bold, 8.5, draw.Black, c.label)
			x += c.frac * w.width()
		}
		w.y += 7
		for w.y+rowH <= w.bottom() {
			x := x0
			for ci, c := range cols {
				cw := c.frac * w.width()
				w.page.Rect(layouts.Rect{X: x, Y: w.y, W: cw, H: rowH}, nil, &draw.Pen{Width: 0.2, Color: draw.Gray(0.55)})
				if i < len(times) {
					switch ci {
					case 0:
						w.page.Text(x+1.5, w.y+6, fonts.Bold, 9, draw.Black, written.FormatOffset(times[i]))
					case 1:
						w.page.Text(x+1.5, w.y+6, fonts.Regular, 9, draw.Gray(0.3), s.Clock(times[i]))
					}
				}
				x += cw
			}
			i++
			w.y += rowH
		}
		if i >= len(times) {
			return
		}
	}
}

func findingsSheet(d *draw.Deck, size layouts.Size, lb cards.Labels, title string) {
	w := newPageWriter(d, size, sheetHeader(lb.Findings, title, lb))
	w.newPage()
	prompts := []string{lb.Confusion, lb.MissingData, lb.UnclearOwner, lb.RunbookGaps, lb.ShouldHaveExisted}
	h := (w.remaining() - 4*3) / float64(len(prompts))
	for _, p := range prompts {
		w.ruledBox(p, h)
		w.gap(3)
	}
}

func debriefSheets(d *draw.Deck, size layouts.Size, questions []string, lb cards.Labels, title string) {
	w := newPageWriter(d, size, sheetHeader(lb.Debrief, title, lb))
	w.newPage()
	boxes := []string{lb.WhatWorked, lb.WhatBroke}
	boxes = append(boxes, questions...)
	h := (w.remaining() - float64(len(boxes)-1)*3) / float64(len(boxes))
	h = max(h, 34)
	for _, b := range boxes {
		w.ruledBox(b, h)
		w.gap(3)
	}
	// Action items on a page of their own: they leave the room with owners.
	w.newPage()
	w.heading(13, lb.ActionItems, 20)
	w.text(fonts.Regular, 8.5, draw.Gray(0.35), 0, lb.ActionKind+": "+lb.ActionKinds)
	w.y += 2
	cols := []struct {
		label string
		frac  float64
	}{{lb.Action, 0.5}, {lb.ActionKind, 0.16}, {lb.Owner, 0.18}, {lb.DueDate, 0.16}}
	gray := draw.Gray(0.88)
	w.page.Rect(layouts.Rect{X: w.left(), Y: w.y, W: w.width(), H: 7}, &gray, nil)
	x := w.left()
	for _, c := range cols {
		w.page.Text(x+1.5, w.y+4.8, fonts.Bold, 8.5, draw.Black, c.label)
		x += c.frac * w.width()
	}
	w.y += 7
	for n := 1; w.y+12 <= w.bottom(); n++ {
		x := w.left()
		for ci, c := range cols {
			cw := c.frac * w.width()
			w.page.Rect(layouts.Rect{X: x, Y: w.y, W: cw, H: 12}, nil, &draw.Pen{Width: 0.2, Color: draw.Gray(0.55)})
			if ci == 0 {
				w.page.Text(x+1.5, w.y+4, fonts.Regular, 6.5, draw.Gray(0.5), fmt.Sprint(n))
			}
			x += cw
		}
		w.y += 12
	}
}

func premortemSheet(d *draw.Deck, size layouts.Size, pm written.Premortem, lb cards.Labels, title string) {
	w := newPageWriter(d, size, sheetHeader(lb.Premortem, title, lb))
	w.newPage()
	prompt := pm.Prompt
	if prompt == "" {
		prompt = lb.DefaultPrompt
	}
	w.text(fonts.Bold, 11, draw.Black, 0, prompt)
	w.y += 3
	w.ruledBox(lb.Brainstorm, 78)
	w.y += 4
	themes := pm.Themes
	if len(themes) == 0 {
		themes = []string{"", "", "", ""}
	}
	w.heading(11, lb.Themes, 30)
	cols := 3
	if len(themes) <= 4 {
		cols = 2
	}
	rows := (len(themes) + cols - 1) / cols
	rehearse := 36.0
	const gap = 2.0
	cellH := max((w.remaining()-rehearse-4)/float64(rows), 24)
	// The gaps go between cells only, so the grid spans the same width as
	// the brainstorm box above it.
	cellW := (w.width() - gap*float64(cols-1)) / float64(cols)
	for i, t := range themes {
		if i%cols == 0 {
			w.ensure(cellH)
		}
		x := w.left() + float64(i%cols)*(cellW+gap)
		r := layouts.Rect{X: x, Y: w.y, W: cellW, H: cellH - gap}
		w.page.Rect(r, nil, &draw.Pen{Width: 0.3, Color: draw.Gray(0.4)})
		for j, l := range layouts.Wrap(t, r.W-4, layouts.FaceMeasure(fonts.Bold, 9)) {
			w.page.Text(r.X+2, r.Y+4.5+float64(j)*4, fonts.Bold, 9, draw.Black, l.Visible())
		}
		if i%cols == cols-1 || i == len(themes)-1 {
			w.y += cellH
		}
	}
	w.y += 2
	w.ensure(rehearse)
	w.heading(11, lb.RehearseNext, 24)
	for n := 1; n <= 3; n++ {
		w.page.Text(w.left(), w.y+6, fonts.Regular, 10, draw.Black, fmt.Sprintf("%d.", n))
		w.page.Line(draw.Pen{Width: 0.2, Color: draw.Gray(0.5)}, draw.Point{X: w.left() + 6, Y: w.y + 7}, draw.Point{X: w.left() + w.width(), Y: w.y + 7})
		w.y += 9
	}
}
