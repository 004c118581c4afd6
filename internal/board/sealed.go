package board

import (
	"fmt"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/written"
)

// The facilitator's board only: what the players' board must never hold.

// clue is a clue of the scenario by id.
func (d *deck) clue(id string) *written.Clue {
	c, ok := d.s.Clue(id)
	if !ok {
		return nil
	}
	return &c
}

// caption is a clue card's title line: its id, time and title, as a
// board's search finds it.
func (d *deck) caption(c cards.Card) string {
	cl := d.clue(c.ID)
	if cl == nil {
		return c.ID
	}
	if cl.Mode == written.OnRequest {
		return fmt.Sprintf("%s · %s", cl.ID, cl.Title)
	}
	return fmt.Sprintf("%s · %s · %s", cl.ID, written.FormatOffset(cl.Offset), cl.Title)
}

func (d *deck) complicationCaption(c cards.Card) string {
	for _, cc := range d.s.ComplicationCards() {
		if cc.ID == c.ID {
			return cc.ID + " · " + cc.Title
		}
	}
	return c.ID
}

// note is a clue's run-sheet note as a caption line, or "".
func (d *deck) note(id string) string {
	if cl := d.clue(id); cl != nil && cl.Note != "" {
		return fmt.Sprintf(d.w.Note, cl.Note)
	}
	return ""
}

// rounds puts a frame per round: what is read aloud, the timed clue cards
// in reveal order, and the expected actions in red.
func (d *deck) rounds(b *scene, y float64) float64 {
	names := map[string]string{}
	for _, r := range d.s.Roles() {
		names[r.ID] = r.Name
	}
	tl := d.s.Timeline()
	for i, r := range d.s.Rounds() {
		f := b.open(fmt.Sprintf("f-round-%d", i+1), fmt.Sprintf(d.w.Round, i+1, written.FormatOffset(r.Offset), r.Title), 0, y, rowWidth)
		if r.Setup != "" {
			f.text(fmt.Sprintf("setup-%d", i+1), fmt.Sprintf(d.w.Setup, r.Setup), textSize, rowWidth, plain)
			f.newRow()
		}
		for _, rv := range tl.InRound(i, written.Timed) {
			for _, c := range d.clueCards(rv.Clue.ID) {
				d.put(f, c, false, d.caption(c), d.note(c.ID))
			}
		}
		f.newRow()
		for j, e := range r.Expect {
			line := fmt.Sprintf(d.w.Expected, names[e.Role], e.Action)
			if e.HasBy {
				line += fmt.Sprintf(d.w.By, written.FormatOffset(e.ByOffset))
			}
			f.text(fmt.Sprintf("expect-%d-%d", i+1, j+1), line, textSize, rowWidth, red)
			f.newRow()
		}
		y = f.close(0, 0) + between
	}
	return y + gap
}

// contingencies puts every contingent card with its condition and the
// card it replaces.
func (d *deck) contingencies(b *scene, y float64) float64 {
	list := d.s.Timeline().Of(written.Contingent)
	if len(list) == 0 {
		return y
	}
	f := b.open("f-contingencies", d.w.Contingencies, 0, y, rowWidth)
	for _, rv := range list {
		when, instead := fmt.Sprintf(d.w.When, rv.Clue.When), ""
		if rv.Clue.Replaces != "" {
			instead = fmt.Sprintf(d.w.InsteadOf, rv.Clue.Replaces)
		}
		for _, c := range d.clueCards(rv.Clue.ID) {
			d.put(f, c, false, d.caption(c), when, instead, d.note(c.ID))
		}
	}
	return f.close(0, 0) + between
}

// requests puts the on-request cards, a frame per system they are about.
func (d *deck) requests(b *scene, y float64) float64 {
	var order []string
	by := map[string][]scenarios.Reveal{}
	for _, rv := range d.s.Timeline().Of(written.OnRequest) {
		if _, ok := by[rv.Clue.System]; !ok {
			order = append(order, rv.Clue.System)
		}
		by[rv.Clue.System] = append(by[rv.Clue.System], rv)
	}
	for _, sys := range order {
		name := cards.SystemName(d.s, sys)
		if name == "" {
			name = "—"
		}
		f := b.open("f-requests-"+sys, fmt.Sprintf(d.w.Requests, name), 0, y, rowWidth)
		for _, rv := range by[sys] {
			for _, c := range d.clueCards(rv.Clue.ID) {
				d.put(f, c, false, d.caption(c), fmt.Sprintf(d.w.Ask, rv.Clue.Ask), d.note(c.ID))
			}
		}
		y = f.close(0, 0) + between
	}
	return y + gap
}

// complications puts the complication cards face down: a pile to draw
// from, whose fronts are in the library.
func (d *deck) complications(b *scene, y float64) float64 {
	list := d.of("complication")
	if len(list) == 0 {
		return y
	}
	f := b.open("f-complications", d.w.Complications, 0, y, rowWidth)
	for _, c := range list {
		d.put(f, c, true)
	}
	return f.close(0, 0) + between
}
