package board

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/render/svg"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
)

// words are the board's own labels, from the scenario's language.
type words struct {
	Table, Facilitator, Cards, Systems, HandedOut, Round, Timeline   string
	Scribe, Decisions, Confusion, MissingData, Ownership, ShouldHave string
	Contingencies, When, InsteadOf, Requests, Ask, Complications     string
	Expected, By, Note, Setup                                        string
}

// deck is a scenario's cards, laid out once for every board. Its faces are
// kept as drawing operations and the hash of their SVG, never as the SVG:
// at a few hundred kilobytes an image, holding them made a board's memory
// grow with every clue.
type deck struct {
	ctx   context.Context
	s     *scenarios.Session
	w     words
	list  []cards.Card
	faces map[string]face // card name, or name + "/back"
}

// face is one side of a card: its page, and its image's id.
type face struct {
	page *draw.Page
	id   string
}

// loadDeck lays out every card of a scenario and names each face's image
// by the hash of its bytes, drawing it once and keeping only the hash.
func loadDeck(ctx context.Context, s *scenarios.Session) (*deck, error) {
	opt := cards.DefaultOptions()
	opt.Ctx = ctx
	list, err := cards.AllCards(s, opt)
	if err != nil {
		return nil, err
	}
	d := &deck{ctx: ctx, s: s, w: text.Load[words](s.Language(), "board"), list: list, faces: map[string]face{}}
	for _, c := range list {
		for i, p := range c.Faces() {
			key := c.Name
			if i == 1 {
				key += "/back"
			}
			data, err := d.draw(p)
			if err != nil {
				return nil, text.Fail("board-card", "card", c.Name, "err", err)
			}
			sum := sha1.Sum(data)
			d.faces[key] = face{page: p, id: hex.EncodeToString(sum[:])}
		}
	}
	return d, nil
}

// draw writes a face as the SVG a board embeds.
func (d *deck) draw(p *draw.Page) ([]byte, error) {
	if err := d.ctx.Err(); err != nil {
		return nil, text.Fail("render-interrupted", "err", err)
	}
	return svg.Render(p, svg.Glyphs)
}

// image draws the image of a face again, as a file is written.
func (d *deck) image(key string) ([]byte, error) {
	data, err := d.draw(d.faces[key].page)
	if err != nil {
		return nil, text.Fail("board-card", "card", strings.TrimSuffix(key, "/back"), "err", err)
	}
	return data, nil
}

// put places a card's face (its back, face down) in a frame.
func (d *deck) put(f *flow, c cards.Card, back bool, caption ...string) {
	key := c.Name
	if back && c.Back != nil {
		key += "/back"
	}
	f.card(c, f.b.addFile("image/svg+xml", d.faces[key].id, key, c.Size.W*perMM, c.Size.H*perMM), caption)
}

// of lists the cards of a kind, in play order.
func (d *deck) of(kind string) []cards.Card {
	var out []cards.Card
	for _, c := range d.list {
		if c.Kind == kind {
			out = append(out, c)
		}
	}
	return out
}

// clueCards are the cards of one clue (more than one when it continues).
func (d *deck) clueCards(id string) []cards.Card {
	var out []cards.Card
	for _, c := range d.list {
		if (c.Kind == "clue" || c.Kind == "request") && c.ID == id {
			out = append(out, c)
		}
	}
	return out
}

// tableBoard is the players' board: a frame per role with its badge, the
// systems wall with its dependencies, an empty frame per round to deal
// cards into, the timeline and the scribe's notes. It holds nothing
// sealed: no clue, request or complication card, no condition, expected
// action or note.
func tableBoard(d *deck) *scene {
	return d.lay(fmt.Sprintf(d.w.Table, d.s.Title()), d.roles, d.systems, d.timeline, d.dealFrames, d.scribe)
}

// facilitatorBoard is the facilitator's board: what the table has, and each
// round's clue cards in reveal order with its expected actions, the
// contingencies with their conditions, the requests by system and the
// complications face down.
func facilitatorBoard(d *deck) *scene {
	return d.lay(fmt.Sprintf(d.w.Facilitator, d.s.Title()),
		d.roles, d.systems, d.timeline, d.rounds, d.contingencies, d.requests, d.complications, d.scribe)
}

// lay stacks a board's sections below its title, each starting where the
// one above ended.
func (d *deck) lay(title string, sections ...func(*scene, float64) float64) *scene {
	b := &scene{Title: title}
	y := d.title(b)
	for _, section := range sections {
		y = section(b, y)
	}
	b.clearNames()
	return b
}

// libraryBoard is every card the facilitator hands out: clues, requests and
// complications, face up, each grouped with its title, one library item
// each.
func libraryBoard(d *deck) *scene {
	b := &scene{Title: fmt.Sprintf(d.w.Cards, d.s.Title())}
	y := d.title(b)
	f := b.open("f-cards", b.Title, 0, y, rowWidth)
	for _, c := range d.list {
		switch c.Kind {
		case "clue", "request":
			d.put(f, c, false, d.caption(c))
		case "complication":
			d.put(f, c, false, d.complicationCaption(c))
		}
	}
	f.close(0, 0)
	b.clearNames()
	return b
}

func (d *deck) title(b *scene) float64 {
	lines := wrap(b.Title, 36, rowWidth)
	w, h := textBox(lines, 36)
	b.add(item{ID: "title", Kind: textItem, X: 0, Y: 0, W: w, H: h, Text: lines[0], Size: 36})
	return h + between
}
