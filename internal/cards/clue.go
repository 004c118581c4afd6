package cards

import (
	"fmt"
	"strings"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/vocab"
	"github.com/propdeck/propdeck/internal/written"
)

// ClueSizes are the named clue card sizes (landscape cards print on
// landscape sheets, portrait ones on portrait sheets).
var ClueSizes = map[string]layouts.Size{
	"quarter": {W: 130, H: 95},  // a quarter of A4 or Letter, 4 to a sheet
	"a6":      {W: 148, H: 105}, // ISO A6 landscape
	"poker":   {W: 63, H: 88},   // playing card
}

// clueCard is one physical clue card: a clue, or one part of a clue too
// long for one card.
type clueCard struct {
	clue        written.Clue
	part, parts int
	omitted     []string // log lines scrolled off the top, for the run sheet
	dropped     []bool   // which of the log's lines went, by index
	lines       int      // log lines the card shows, whole or begun
	front       func(p *draw.Page, c layouts.Rect)
}

// clueDrafts lays out the clues of some reveals as cards, each continued
// on further cards when its text does not fit one, named for export in
// reveal order ("clue-010-c01", "request-020-r2", a "-2" for a second card).
// first is how many reveals of the list came before these, so that a list
// laid out in parts is numbered as a whole.
func clueDrafts(s *scenarios.Session, opt Options, reveals []scenarios.Reveal, first int) ([]draft, error) {
	lb := LabelsFor(s.Language())
	size, ok := ClueSizes[opt.ClueCard]
	if !ok && opt.ClueCard != "" {
		return nil, text.Fail("unknown-card-size", "size", opt.ClueCard, "sizes", strings.Join(vocab.Card.Values, ", "))
	}
	if !ok {
		size = ClueSizes["quarter"]
	}
	roleNames := map[string]string{}
	for _, r := range s.Roles() {
		roleNames[r.ID] = r.Name
	}
	var all []clueCard
	var errs []error
	for i, rv := range reveals {
		if i%64 == 0 {
			if err := opt.Stopped(); err != nil {
				return nil, err
			}
		}
		cards, err := clueCards(s, *rv.Clue, size, lb, roleNames, opt.Theme())
		if err != nil {
			errs = append(errs, err)
			continue
		}
		all = append(all, cards...)
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	seq := map[string]int{}
	for i, rv := range reveals {
		seq[rv.Clue.ID] = 10 * (first + i + 1)
	}
	list := make([]draft, len(all))
	for i, cc := range all {
		list[i] = clueCardOf(s, cc, seq[cc.clue.ID], size, lb, roleNames)
	}
	return list, nil
}

// clueCardOf is one laid-out clue as a card, named to sort in reveal order
// ("clue-010-c01", "request-020-r2", a "-2" for a second card).
func clueCardOf(s *scenarios.Session, cc clueCard, seq int, size layouts.Size, lb Labels, roleNames map[string]string) draft {
	kind := "clue"
	if cc.clue.Mode == written.OnRequest {
		kind = "request"
	}
	stem := fmt.Sprintf("%s-%03d-%s", kind, seq, cc.clue.ID)
	if cc.part > 1 {
		stem += fmt.Sprintf("-%d", cc.part)
	}
	return draft{
		ID:      cc.clue.ID,
		Kind:    kind,
		Name:    stem,
		omitted: cc.omitted,
		Size:    size,
		Front: func(p *draw.Page, r layouts.Rect, bleed float64) {
			// The header band touches the card's top edge: it runs into
			// the bleed, so a missed cut leaves no white sliver.
			if bleed > 0 {
				band := clueHeaderGray
				p.Rect(layouts.Rect{X: r.X - bleed, Y: r.Y - bleed, W: r.W + 2*bleed, H: clueHeader + bleed}, &band, nil)
			}
			cc.front(p, r)
			outline(p, r)
		},
		Back: func(p *draw.Page, r layouts.Rect, bleed float64) {
			clueBack(p, r, bleed, s, cc, lb, roleNames)
		},
	}
}

// Recipients names who gets a clue: to omitted is everyone; to = [] is
// nobody at the table, a card the facilitator keeps.
func Recipients(c written.Clue, lb Labels, names map[string]string) string {
	switch {
	case c.To == nil:
		return lb.Everyone
	case len(c.To) == 0:
		return lb.FacilitatorOnly
	}
	var out []string
	for _, id := range c.To {
		out = append(out, names[id])
	}
	return strings.Join(out, ", ")
}

// SystemName is the printed name of a system id, or "" for none.
func SystemName(s *scenarios.Session, id string) string {
	for _, sys := range s.Systems() {
		if sys.ID == id {
			return sys.Name
		}
	}
	return id
}

func wallClock(s *scenarios.Session, c written.Clue) string {
	return s.Clock(c.Offset)
}

const clueHeader = 12.0

// clueHeaderGray fills the header band of every clue front.
var clueHeaderGray = draw.Gray(0.88)

// clueHeaderBand draws the kind, reveal time and id: what puts a dropped
// card back in order.
func clueHeaderBand(p *draw.Page, c layouts.Rect, s *scenarios.Session, cc clueCard, lb Labels, names map[string]string) float64 {
	light := clueHeaderGray
	p.Rect(layouts.Rect{X: c.X, Y: c.Y, W: c.W, H: clueHeader}, &light, nil)
	kindShape(p, cc.clue.Kind, c.X+cardPad+2.5, c.Y+clueHeader/2, 2.6, draw.Black)
	kind := lb.Kinds[cc.clue.Kind]
	// Where a timed card shows its reveal time, the others show their mode.
	time, under := written.FormatOffset(cc.clue.Offset), lb.RevealAt+" "+wallClock(s, cc.clue)
	timeSize := 14.0
	switch cc.clue.Mode {
	case written.Contingent:
		time, timeSize = lb.Modes[written.Contingent], 9
		under = written.FormatOffset(cc.clue.Offset) + " · " + wallClock(s, cc.clue)
	case written.OnRequest:
		time, timeSize = lb.Modes[written.OnRequest], 9
		under = ""
		if cc.clue.At != "" {
			under = lb.NotBefore + " " + written.FormatOffset(cc.clue.Offset)
		}
	}
	timeW := fonts.Bold.Width(time, timeSize)
	kindSize := fitOneLine(fonts.Bold, kind, c.W-2*cardPad-7-timeW-3, 8.5, 5.5)
	// Baselines sit so that ascenders and descenders (the font's, not
	// its capitals') stay SafeZone from the cut.
	p.Text(c.X+cardPad+7, c.Y+6.0, fonts.Bold, kindSize, draw.Black, kind)
	id := cc.clue.ID
	if cc.parts > 1 {
		id += fmt.Sprintf(" (%d/%d)", cc.part, cc.parts)
	}
	p.Text(c.X+cardPad+7, c.Y+10.0, fonts.Mono, 7, draw.Gray(0.2), id)
	p.TextRight(c.X+c.W-cardPad, c.Y+7.6, fonts.Bold, timeSize, draw.Black, time)
	p.TextRight(c.X+c.W-cardPad, c.Y+10.9, fonts.Regular, 6, draw.Gray(0.3), under)
	to := lb.To + ": " + Recipients(cc.clue, lb, names)
	toLines := layouts.Wrap(to, c.W-2*cardPad, layouts.FaceMeasure(fonts.Regular, 7))
	y := c.Y + clueHeader + 3.6
	for _, l := range toLines {
		p.Text(c.X+cardPad, y, fonts.Regular, 7, draw.Gray(0.25), l.Visible())
		y += 3
	}
	return y - c.Y
}

func toHeight(c written.Clue, w float64, lb Labels, names map[string]string) float64 {
	to := lb.To + ": " + Recipients(c, lb, names)
	return clueHeader + 3.6 + 3*float64(len(layouts.Wrap(to, w-2*cardPad, layouts.FaceMeasure(fonts.Regular, 7))))
}

// clueCards lays a clue out on one card or, when its text does not fit even
// at the smallest readable size, on several.
func clueCards(s *scenarios.Session, c written.Clue, size layouts.Size, lb Labels, names map[string]string, theme LogTheme) ([]clueCard, error) {
	switch c.Kind {
	case written.KindLog:
		return logCards(s, c, size, lb, names, theme, paperFit)
	case written.KindMetric:
		return metricCards(s, c, size, lb, names)
	}
	top := toHeight(c, size.W, lb, names)
	qrW := 0.0
	if c.RunbookURL != "" {
		qrW = qrSide(c.RunbookURL) + 2
		if qrBlockHeight(c.RunbookURL) > size.H-top-cardPad {
			return nil, &cardError{Card: text.M("card-clue", "id", c.ID), Where: c.Where, Msg: text.M("clue-url-long")}
		}
	}
	blocks := []layouts.Block{{Style: layouts.Style{Face: fonts.Bold, Size: 12, Leading: 1.2}, Text: c.Title}}
	if c.Body != "" {
		style := layouts.Style{Face: fonts.Regular, Size: 10, Leading: 1.3}
		if c.Mono {
			// Command output: its columns line up only in a fixed width.
			style = layouts.Style{Face: fonts.Mono, Size: 9, Leading: 1.25}
		}
		blocks = append(blocks, layouts.Block{Style: style, Text: c.Body, Before: 2})
	}
	box := layouts.Size{W: size.W - 2*cardPad - qrW, H: size.H - top - cardPad - 1}
	fit := layouts.Fit(blocks, box, bodyMin/10)
	if len(fit.Pages) > 1 {
		// A continued card's footer takes the bottom line: the text
		// stops above it.
		box.H -= continuedFooter
		fit = layouts.Fit(blocks, box, bodyMin/10)
	}
	out := make([]clueCard, len(fit.Pages))
	for i, lines := range fit.Pages {
		cc := clueCard{clue: c, part: i + 1, parts: len(fit.Pages)}
		lines := lines
		cc.front = func(p *draw.Page, r layouts.Rect) {
			white := draw.White
			p.Rect(r, &white, nil)
			clueHeaderBand(p, r, s, cc, lb, names)
			layouts.Print(p, r.X+cardPad, r.Y+top+1, lines)
			if c.RunbookURL != "" && cc.part == 1 {
				_, _ = qrBlock(p, r.X+r.W-cardPad-qrSide(c.RunbookURL)+1, r.Y+top+1, c.RunbookURL)
			}
			if cc.part < cc.parts {
				p.TextRight(r.X+r.W-cardPad, r.Y+r.H-SafeZone-fonts.Bold.Descent(7)-0.1, fonts.Bold, 7, draw.Gray(0.3), fmt.Sprintf("%s → %s (%d/%d)", lb.Continued, c.ID, cc.part+1, cc.parts))
			}
		}
		out[i] = cc
	}
	return out, nil
}

// continuedFooter is the height of the "continued → c01 (2/3)" line at
// the foot of a card that goes on, in mm: a line of 7 pt and its gap.
const continuedFooter = 7*1.3*fonts.PtToMM + 1

// clueBack says, large, when the card may be opened and who gets it.
func clueBack(p *draw.Page, r layouts.Rect, bleed float64, s *scenarios.Session, cc clueCard, lb Labels, names map[string]string) {
	bg := draw.Gray(0.93)
	background(p, r, bleed, bg)
	p.Rect(r.Inset(2.5), nil, &draw.Pen{Width: 0.8, Color: draw.Gray(0.2)})
	cx := r.X + r.W/2
	scale := min(r.W/130, r.H/95)
	scale = max(scale, 0.55)
	y := r.Y + r.H*0.28
	// A timed back says when; a contingent one names the clue and its time
	// (its condition stays on the run sheet); an on-request one says what
	// is asked and about which system.
	head, big, small := lb.OpenAt, written.FormatOffset(cc.clue.Offset), wallClock(s, cc.clue)
	switch cc.clue.Mode {
	case written.Contingent:
		head = lb.Modes[written.Contingent] + " · " + cc.clue.ID
	case written.OnRequest:
		head, big, small = lb.Modes[written.OnRequest], cc.clue.Ask, SystemName(s, cc.clue.System)
	}
	p.TextCenter(cx, y, fonts.Bold, 12*scale, draw.Gray(0.25), head)
	bigSize := fitOneLine(fonts.Bold, big, r.W-12, 40*scale, 12)
	lines := layouts.Wrap(big, r.W-12, layouts.FaceMeasure(fonts.Bold, bigSize))
	for _, l := range lines[:min(len(lines), 2)] {
		y += bigSize * fonts.PtToMM * 1.05
		p.TextCenter(cx, y, fonts.Bold, bigSize, draw.Black, l.Visible())
	}
	y += 6 * scale
	// A poker back scales to 0.55: its small lines stay at 6 pt, the
	// least any card prints.
	p.TextCenter(cx, y, fonts.Regular, max(9*scale, 6), draw.Gray(0.25), small)
	to := lb.To + ": " + Recipients(cc.clue, lb, names)
	toSize := 11 * scale
	y += toSize * fonts.PtToMM * 1.8
	for _, l := range layouts.Wrap(to, r.W-14, layouts.FaceMeasure(fonts.Bold, toSize)) {
		p.TextCenter(cx, y, fonts.Bold, toSize, draw.Black, l.Visible())
		y += toSize * fonts.PtToMM * 1.25
	}
	id := cc.clue.ID
	if cc.parts > 1 {
		id += fmt.Sprintf(" (%d/%d)", cc.part, cc.parts)
	}
	p.TextCenter(cx, r.Y+r.H-6, fonts.Mono, max(10*scale, 6), draw.Black, id)
	kindShape(p, cc.clue.Kind, r.X+8, r.Y+r.H-8, 2.5, draw.Gray(0.3))
}

// ClueCards lays out the clues of some reveals as cards, each continued on
// further cards when its text does not fit one, named for export in reveal
// order ("clue-010-c01", "request-020-r2", a "-2" for a second card).
func ClueCards(s *scenarios.Session, opt Options, reveals []scenarios.Reveal) ([]Card, error) {
	list, err := clueDrafts(s, opt, reveals, 0)
	if err != nil {
		return nil, err
	}
	return drawAll(list, opt.Bleed), nil
}

// SlideFronts lays a clue out at size in a dark terminal, as a slide shows
// it once drawn zoom times larger: the front of each of its cards without
// the card's outline, and how many log lines they show. A log's lines may
// shrink to 6 pt on the slide, logMin/zoom in the frame, and it shows the
// lines a quarter card shows, over more slides if it must, so that every
// slide keeps one scale and none shows less than the paper.
func SlideFronts(s *scenarios.Session, c written.Clue, size layouts.Size, zoom float64) ([]draw.Frame, int, error) {
	lb, names, theme := LabelsFor(s.Language()), roleNames(s), LogThemes["dark"]
	var list []clueCard
	var err error
	if c.Kind == written.KindLog {
		fit := logFit{least: logMin / max(zoom, 1)}
		if zoom > 1 {
			paper, err := logCards(s, c, ClueSizes["quarter"], lb, names, theme, paperFit)
			if err != nil {
				return nil, 0, err
			}
			fit.like = paper[0].dropped
		}
		list, err = logCards(s, c, size, lb, names, theme, fit)
	} else {
		list, err = clueCards(s, c, size, lb, names, theme)
	}
	if err != nil || len(list) == 0 {
		return nil, 0, err
	}
	frames := make([]draw.Frame, len(list))
	for i, cc := range list {
		p := &draw.Page{Size: size}
		cc.front(p, layouts.Rect{W: size.W, H: size.H})
		frames[i] = draw.Frame{Size: size, Ops: p.Ops}
	}
	lines := 0
	for _, cc := range list {
		lines += cc.lines
	}
	return frames, lines, nil
}

// OmittedLines are the log lines a log clue's card scrolls off its top, at
// the card size of opt: what a build's Card.Omitted holds, for a document
// made without the cards at hand.
func OmittedLines(s *scenarios.Session, c written.Clue, opt Options) []string {
	size, ok := ClueSizes[opt.ClueCard]
	if !ok {
		size = ClueSizes["quarter"]
	}
	list, err := logCards(s, c, size, LabelsFor(s.Language()), roleNames(s), opt.Theme(), paperFit)
	if err != nil || len(list) == 0 {
		return nil
	}
	return list[0].omitted
}

func roleNames(s *scenarios.Session) map[string]string {
	names := map[string]string{}
	for _, r := range s.Roles() {
		names[r.ID] = r.Name
	}
	return names
}
