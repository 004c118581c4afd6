package console

import (
	"net/http"
	"sync"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/render/svg"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// cardImages keeps each clue's front as SVG: drawn by the same code as the
// decks and export, once.
var cardImages sync.Map // scenario file + clue id -> []byte

// card serves a clue card's front as an SVG image, to a view that may
// show it: 404 for a card it may not, as for one that does not exist, so
// that a player cannot tell a sealed card from none.
func (srv *Server) card(w http.ResponseWriter, r *http.Request, a audience) {
	id := r.PathValue("id")
	if !srv.j.State().Shows(id, a.role, kindOf(a.kind).secrets) {
		http.NotFound(w, r)
		return
	}
	data, err := srv.cardSVG(id)
	switch {
	case err != nil:
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	case data == nil:
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Write(data)
}

func (srv *Server) cardSVG(id string) ([]byte, error) {
	key := srv.s.File() + "\x00" + id
	if v, ok := cardImages.Load(key); ok {
		return v.([]byte), nil
	}
	c, ok := srv.s.Clue(id)
	if !ok {
		return nil, nil
	}
	// A card is drawn from its clue alone: the reveal's time and round
	// are not printed on it.
	list, err := cards.ClueCards(srv.s, cards.DefaultOptions(), []scenarios.Reveal{{Clue: &c}})
	if err != nil || len(list) == 0 {
		return nil, err
	}
	data, err := svg.Render(list[0].Faces()[0], svg.Live)
	if err == nil {
		cardImages.Store(key, data)
	}
	return data, err
}
