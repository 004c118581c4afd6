package documents

import (
	"fmt"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/premortem"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// PremortemKit builds the whole premortem pack: the agenda with the
// prompt and ground rules, prompt cards and idea slips with cut marks, the
// clustering and voting sheet, and the sheet for the scenarios to rehearse
// next. s may be nil for a pack without a scenario.
func PremortemKit(s *scenarios.Session, lang string, prompts []premortem.Card, opt Options) (*draw.Deck, error) {
	tx := cards.KitTextFor(lang)
	lb := cards.LabelsFor(lang)
	name, title, prompt, themes := "premortem", "", lb.DefaultPrompt, tx.DefaultThemes
	if s != nil {
		name, title = s.ID()+"-premortem", s.Title()
		if s.Premortem().Prompt != "" {
			prompt = s.Premortem().Prompt
		}
		if len(s.Premortem().Themes) > 0 {
			themes = s.Premortem().Themes
		}
	}
	d := &draw.Deck{Name: name, Title: tx.Title}
	size := opt.Paper.Portrait()
	w := newPageWriter(d, size, sheetHeader(tx.Title, title, lb))
	w.newPage()
	w.heading(12, tx.Prompt, 12)
	w.text(fonts.Bold, 13, draw.Black, 0, prompt)
	w.y += 4
	w.heading(12, tx.Agenda, 20)
	for _, st := range tx.Steps {
		w.text(fonts.Bold, 10, draw.Black, 0, st[0])
		w.text(fonts.Regular, 10, draw.Black, 6, st[1])
		w.y += 1
	}
	w.y += 3
	w.heading(12, tx.Rules, 12)
	for _, r := range tx.RuleList {
		w.text(fonts.Regular, 10, draw.Black, 2, "• "+r)
	}

	prompted, err := cards.PromptCards(prompts, lang, opt.Options)
	if err != nil {
		return nil, err
	}
	g, err := layouts.ImposeBest(opt.Paper, cards.PremortemSize, opt.Bleed)
	if err != nil {
		return nil, err
	}
	part := &draw.Deck{}
	impose(part, g, prompted, opt, false)
	impose(part, g, cards.IdeaSlips(2*g.PerPage(), lang, opt.Options), opt, false)
	d.Pages = append(d.Pages, part.Pages...)

	clusterSheet(d, size, themes, tx, lb, title)
	nextSheet(d, size, tx, lb, title)
	return d, nil
}

// clusterSheet has a box per theme and an impact × likelihood grid.
func clusterSheet(d *draw.Deck, size layouts.Size, themes []string, tx cards.KitText, lb cards.Labels, title string) {
	w := newPageWriter(d, size, sheetHeader(tx.Cluster, title, lb))
	w.newPage()
	cols := 3
	if len(themes) <= 4 {
		cols = 2
	}
	const gap = 2.0
	rows := (len(themes) + cols - 1) / cols
	cellW := (w.width() - gap*float64(cols-1)) / float64(cols)
	cellH := min(40.0, (w.remaining()*0.45)/float64(rows))
	for i, t := range themes {
		x := w.left() + float64(i%cols)*(cellW+gap)
		y := w.y + float64(i/cols)*(cellH+gap)
		w.page.Rect(layouts.Rect{X: x, Y: y, W: cellW, H: cellH}, nil, &draw.Pen{Width: 0.3, Color: draw.Gray(0.4)})
		for j, l := range layouts.Wrap(t, cellW-4, layouts.FaceMeasure(fonts.Bold, 9)) {
			w.page.Text(x+2, y+4.5+float64(j)*4, fonts.Bold, 9, draw.Black, l.Visible())
		}
	}
	w.y += float64(rows)*(cellH+gap) + 4
	w.heading(12, tx.Vote, 60)
	w.y += 6 // room for the impact label above the grid
	side := min(w.width()-10, w.remaining()-10)
	x0, y0 := w.left()+8, w.y
	grid := layouts.Rect{X: x0, Y: y0, W: side, H: side}
	w.page.Rect(grid, nil, &draw.Pen{Width: 0.4, Color: draw.Black})
	for i := 1; i < 3; i++ {
		f := float64(i) / 3
		w.page.Line(draw.Pen{Width: 0.2, Color: draw.Gray(0.6)}, draw.Point{X: x0 + side*f, Y: y0}, draw.Point{X: x0 + side*f, Y: y0 + side})
		w.page.Line(draw.Pen{Width: 0.2, Color: draw.Gray(0.6)}, draw.Point{X: x0, Y: y0 + side*f}, draw.Point{X: x0 + side, Y: y0 + side*f})
	}
	w.page.Text(x0, y0+side+4.5, fonts.Bold, 9, draw.Black, tx.Likelihood)
	w.page.Text(w.left(), y0-1.5, fonts.Bold, 9, draw.Black, tx.Impact)
}

// nextSheet is one block per pick: title, trigger, who is paged, and what
// the team would wish it had.
func nextSheet(d *draw.Deck, size layouts.Size, tx cards.KitText, lb cards.Labels, title string) {
	w := newPageWriter(d, size, sheetHeader(tx.Next, title, lb))
	w.newPage()
	h := (w.remaining() - 2*4) / 3
	for n := 1; n <= 3; n++ {
		r := layouts.Rect{X: w.left(), Y: w.y, W: w.width(), H: h}
		w.page.Rect(r, nil, &draw.Pen{Width: 0.3, Color: draw.Gray(0.35)})
		w.page.Text(r.X+3, r.Y+6, fonts.Bold, 12, draw.Black, fmt.Sprintf("%d.", n))
		y := r.Y + 8
		labels := []string{tx.Pick, tx.IdeaID, tx.Owner, tx.Trigger, tx.Paged, tx.Wish}
		for _, label := range labels {
			y += (h - 16) / float64(len(labels))
			w.page.Text(r.X+3, y-1, fonts.Regular, 8, draw.Gray(0.35), label)
			w.page.Line(draw.Pen{Width: 0.2, Color: draw.Gray(0.6)}, draw.Point{X: r.X + 3 + fonts.Regular.Width(label, 8) + 3, Y: y}, draw.Point{X: r.X + r.W - 3, Y: y})
		}
		w.y += h + 4
	}
}
