package studio

import (
	"cmp"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/render/svg"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/session"
	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/vocab"
)

// choice is what the page chose to see the cards as, and the good
// reading it sees them in.
type choice struct {
	gen                int
	card, theme, level string
}

// drawn is the cards of one choice, drawn once for the faces asked next.
type drawn struct {
	choice
	s     *scenarios.Session
	cards []cards.Card
	left  []string // the clues the level leaves out
}

// chosen is the request's choice, each value one its vocabulary has,
// else the scenario's own.
func (st *Studio) chosen(r *http.Request) (choice, *scenarios.Session) {
	st.mu.Lock()
	s, gen := st.good, st.goodGen
	st.mu.Unlock()
	if s == nil {
		return choice{}, nil
	}
	q := r.URL.Query()
	pick := func(l vocab.List, name, def string) string {
		if v := q.Get(name); l.Has(v) {
			return v
		}
		return def
	}
	return choice{gen: gen, card: pick(vocab.Card, "card", "quarter"), theme: pick(vocab.Theme, "theme", cmp.Or(s.Print().LogTheme, "dark")),
		level: pick(vocab.Difficulty, "level", s.Difficulty())}, s
}

// played is the scenario played at a level, as build --difficulty plays
// it: a new one, since the reading is shared by every request.
func played(s *scenarios.Session, level string) *scenarios.Session {
	return s.Played(scenarios.Play{Level: level})
}

// draw draws the cards of the request's choice, or takes them from the
// last drawing when it is the same choice.
func (st *Studio) draw(r *http.Request) (*drawn, error) {
	ch, s := st.chosen(r)
	if s == nil {
		return nil, nil
	}
	st.mu.Lock()
	d := st.drawn
	st.mu.Unlock()
	if d != nil && d.choice == ch {
		return d, nil
	}
	p := played(s, ch.level)
	list, err := cards.AllCards(p, cards.Options{ClueCard: ch.card, LogTheme: ch.theme, Ctx: r.Context()})
	if err != nil {
		return nil, err
	}
	d = &drawn{choice: ch, s: p, cards: list, left: leftOut(s, p, ch.level)}
	st.mu.Lock()
	st.drawn = d
	st.mu.Unlock()
	return d, nil
}

// leftOut are the clues some level plays that p, s played at level, does
// not; p's own level adds none, so it is not played again.
func leftOut(s, p *scenarios.Session, level string) []string {
	kept := map[string]bool{}
	for _, c := range p.Clues() {
		kept[c.ID] = true
	}
	out := []string{}
	for _, other := range vocab.Difficulty.Values {
		if other == level {
			continue
		}
		for _, c := range played(s, other).Clues() {
			if !kept[c.ID] && !slices.Contains(out, c.ID) {
				out = append(out, c.ID)
			}
		}
	}
	return out
}

// shownCard is a card as the page lists it: its faces' URLs, its size in
// millimetres and the link to its line.
type shownCard struct {
	ID    string   `json:"id"`
	Kind  string   `json:"kind"`
	W     float64  `json:"w"`
	H     float64  `json:"h"`
	Label string   `json:"label,omitempty"`
	Link  string   `json:"link,omitempty"`
	Faces []string `json:"faces"`
}

type previewData struct {
	Gen      int         `json:"gen"`
	Cards    []shownCard `json:"cards"`
	LeftOut  []string    `json:"leftout"`
	Timeline string      `json:"timeline"`
	Players  players     `json:"players"`
}

// preview is the last good reading's cards, timeline and players' view,
// as the page chose to see them; 204 before any good reading.
func (st *Studio) preview(w http.ResponseWriter, r *http.Request) {
	d, err := st.draw(r)
	switch {
	case err != nil:
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	case d == nil:
		w.WriteHeader(http.StatusNoContent)
		return
	}
	q := url.Values{"token": {st.token}, "gen": {strconv.Itoa(d.gen)}, "card": {d.card}, "theme": {d.theme}, "level": {d.level}}
	out := previewData{Gen: d.gen, Cards: []shownCard{}, LeftOut: d.left, Timeline: "/api/timeline?" + q.Encode(), Players: playersOf(d.s)}
	where := writtenAt(d.s)
	for i, c := range d.cards {
		sc := shownCard{ID: c.ID, Kind: c.Kind, W: c.Size.W, H: c.Size.H}
		if at, ok := where[cardAt{c.Kind, c.ID}]; ok && at.pos.Line > 0 {
			sc.Label, sc.Link = label(at.file, at.pos.Line, at.pos.Col), st.link(at.file, at.pos.Line, at.pos.Col)
		}
		for side := range c.Faces() {
			q.Set("i", strconv.Itoa(i))
			q.Set("side", strconv.Itoa(side))
			sc.Faces = append(sc.Faces, "/api/face?"+q.Encode())
		}
		out.Cards = append(out.Cards, sc)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(out)
}

// face serves one face of a drawn card as SVG, drawn by the backend the
// decks and export use.
func (st *Studio) face(w http.ResponseWriter, r *http.Request) {
	d, err := st.draw(r)
	i, _ := strconv.Atoi(r.URL.Query().Get("i"))
	side, _ := strconv.Atoi(r.URL.Query().Get("side"))
	if err != nil || d == nil || i < 0 || i >= len(d.cards) || side < 0 || side >= len(d.cards[i].Faces()) {
		http.NotFound(w, r)
		return
	}
	data, err := svg.Render(d.cards[i].Faces()[side], svg.Live)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Write(data)
}

// players is the players' view: for each card, which audiences see it.
type players struct {
	Audiences []audience `json:"audiences"`
	Rows      []row      `json:"rows"`
}

type audience struct {
	Name    string `json:"name"`
	Nothing bool   `json:"nothing,omitempty"` // receives no card
}

type row struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	At    string `json:"at"`
	Sees  []bool `json:"sees"` // by audience: the screen, then each role
}

// playersOf asks the console's views what each audience sees once every
// card is handed out: the screen's view and each role's.
func playersOf(s *scenarios.Session) players {
	st, now := session.Rehearse(s), time.Unix(0, 0)
	views := []session.Public{st.Screen(now)}
	out := players{Audiences: []audience{{Name: ""}}}
	for _, r := range s.Roles() {
		v := st.Player(now, r.ID)
		views = append(views, v)
		out.Audiences = append(out.Audiences, audience{Name: r.Name, Nothing: len(v.Cards) == 0})
	}
	seen := make([]map[string]session.Card, len(views))
	for i, v := range views {
		seen[i] = map[string]session.Card{}
		for _, c := range v.Cards {
			seen[i][c.ID] = c
		}
	}
	for _, rv := range s.Timeline().Reveals {
		rw := row{ID: rv.Clue.ID, Title: rv.Clue.Title, Sees: make([]bool, len(views))}
		for i := range views {
			if c, ok := seen[i][rv.Clue.ID]; ok {
				rw.Sees[i], rw.At = true, c.At
			}
		}
		out.Rows = append(out.Rows, rw)
	}
	return out
}

// cardAt is a card by its kind and id: a role's badge and a clue may share
// an id.
type cardAt struct{ kind, id string }

// writtenIn is where an entry was written: the scenario, or the catalog it
// was included from.
type writtenIn struct {
	file string
	pos  tomlfile.Pos
}

// writtenAt is where each card's entry was written: clues and the
// scenario's own complications in the scenario, roles and systems there
// or in their catalog. A built-in complication has no line.
func writtenAt(s *scenarios.Session) map[cardAt]writtenIn {
	out := map[cardAt]writtenIn{}
	in := func(file string) string { return cmp.Or(file, s.File()) }
	for _, c := range s.Clues() {
		out[cardAt{"clue", c.ID}] = writtenIn{s.File(), c.Where}
		out[cardAt{"request", c.ID}] = writtenIn{s.File(), c.Where}
	}
	for _, r := range s.Roles() {
		out[cardAt{"badge", r.ID}] = writtenIn{in(r.In), r.Where}
	}
	for _, sy := range s.Systems() {
		out[cardAt{"system", sy.ID}] = writtenIn{in(sy.In), sy.Where}
	}
	for _, k := range s.Complications().Cards {
		out[cardAt{"complication", k.ID}] = writtenIn{s.File(), k.Where}
	}
	return out
}
