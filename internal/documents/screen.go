package documents

import (
	"fmt"
	"time"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/written"
)

// screenSize is a 16:9 page for sharing on a video call. It is small on
// paper on purpose: a viewer fits the page to the screen, so card text set
// for print comes out large.
var screenSize = layouts.Size{W: 160, H: 90}

// slideZoom is how much larger than print a clue is set on a slide: the
// card is laid out at ScreenSize/slideZoom and drawn scaled up, so that the
// whole slide is the card and its title reads from the back of a room
// (12 pt becomes 17 pt, over 6% of the slide's height).
const slideZoom = 1.4

// slideCard is the size a clue is laid out at for a slide.
var slideCard = layouts.Size{W: screenSize.W / slideZoom, H: screenSize.H / slideZoom}

// Screen builds the deck for remote sessions: the title and the players'
// briefing (never the facilitator's summary, which tells how it unfolds),
// a title page per round (with its setup and questions), then one page per
// timed clue in reveal order. Facilitator notes never appear. Contingent and on-request cards appear,
// after the timed ones, only when sealed is set: paging through the deck
// must not tell players that such cards exist.
func Screen(s *scenarios.Session, sealed bool) (*draw.Deck, error) {
	lb := cards.LabelsFor(s.Language())
	d := &draw.Deck{Name: s.ID() + "-screen", Title: deckTitle(s, "screen")}
	titlePages(d, s.Title(), s.Meta().Briefing, nil, lb, "")

	tl := s.Timeline()
	timed := tl.Of(written.Timed)
	next := 0 // next timed clue to show
	showClues := func(reveals []scenarios.Reveal) error {
		for _, rv := range reveals {
			fronts, zoom, err := slideFronts(s, *rv.Clue)
			if err != nil {
				return err
			}
			for _, f := range fronts {
				p := d.AddPage(screenSize)
				p.Cards = []string{rv.Clue.ID}
				p.Ops = append(p.Ops, draw.GroupOp{Scale: zoom, Ops: f.Ops})
			}
		}
		return nil
	}
	until := func(before time.Duration) []scenarios.Reveal {
		start := next
		for next < len(timed) && timed[next].At() < before {
			next++
		}
		return timed[start:next]
	}
	for i, r := range s.Rounds() {
		// Clues revealed before this round's start belong to the round before.
		if err := showClues(until(r.Offset)); err != nil {
			return nil, err
		}
		head := fmt.Sprintf("%s %d · %s (%s)", lb.Round, i+1, written.FormatOffset(r.Offset), s.Clock(r.Offset))
		titlePages(d, r.Title, r.Setup, r.Questions, lb, head)
	}
	if err := showClues(timed[next:]); err != nil {
		return nil, err
	}
	// Contingent and on-request clues come after the timed ones, each in a
	// section of its own, shown only when the session calls for them.
	for _, m := range []written.Mode{written.Contingent, written.OnRequest} {
		if reveals := tl.Of(m); len(reveals) > 0 && sealed {
			titlePages(d, lb.Modes[m], "", nil, lb, "")
			if err := showClues(reveals); err != nil {
				return nil, err
			}
		}
	}
	return d, nil
}

// slideFronts lays a clue out for a slide: every clue at slideZoom, so
// that the header is the same size on every slide, a log's lines set
// smaller inside its window (down to 6 pt on the slide) to show what the
// printed card shows.
func slideFronts(s *scenarios.Session, c written.Clue) ([]draw.Frame, float64, error) {
	fronts, _, err := cards.SlideFronts(s, c, slideCard, slideZoom)
	return fronts, slideZoom, err
}

// titlePages sets a heading, a paragraph and questions on a screen page,
// shrinking them to fit and continuing on more pages when even the
// smallest readable size does not fit.
func titlePages(d *draw.Deck, title, text string, questions []string, lb cards.Labels, kicker string) {
	const pad = 10.0
	blocks := []layouts.Block{{Style: layouts.Style{Face: fonts.Bold, Size: 20, Leading: 1.15}, Text: title}}
	if text != "" {
		blocks = append(blocks, layouts.Block{Style: layouts.Style{Face: fonts.Regular, Size: 12, Leading: 1.3}, Text: text, Before: 4})
	}
	if len(questions) > 0 {
		blocks = append(blocks, layouts.Block{Style: layouts.Style{Face: fonts.Bold, Size: 9, Gray: 0.4}, Text: lb.Questions, Before: 4})
		for _, q := range questions {
			blocks = append(blocks, layouts.Block{Style: layouts.Style{Face: fonts.Regular, Size: 12, Leading: 1.25}, Text: q, Bullet: "?", Before: 1})
		}
	}
	top := pad
	if kicker != "" {
		top += 6
	}
	box := layouts.Size{W: screenSize.W - 2*pad, H: screenSize.H - top - pad}
	fit := layouts.Fit(blocks, box, layouts.MinBody/12)
	for _, lines := range fit.Pages {
		p := d.AddPage(screenSize)
		white := draw.White
		p.Rect(layouts.Rect{W: p.Size.W, H: p.Size.H}, &white, nil)
		if kicker != "" {
			p.Text(pad, pad+3, fonts.Bold, 9, draw.Gray(0.4), kicker)
		}
		layouts.Print(p, pad, top, lines)
	}
}
