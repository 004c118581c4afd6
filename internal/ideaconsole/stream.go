package ideaconsole

import (
	"encoding/json"
	"net/http"
	"sync"

	"github.com/propdeck/propdeck/internal/console"
	"github.com/propdeck/propdeck/internal/ideas"
)

// perToken is how many streams one token may hold open: a page reloaded
// a few times, not a device opening thousands; maxStreams is how many
// all tokens may, so that the join link cannot be used to open
// thousands through as many devices.
const (
	perToken   = 8
	maxStreams = 2*maxDevices + 2*perToken
)

// pageView is a page's view: the room's, and the page's own part.
type pageView struct {
	ideas.View
	pagePart
}

// pagePart is what is not the room's: the server's clock (so that a timer
// counts down alike on every device), and for a participant's page what
// its own device may know of itself; for the facilitator, the files the
// end wrote.
type pagePart struct {
	Now   int64    `json:"now"`
	Me    *meView  `json:"me,omitempty"`
	Wrote []string `json:"wrote,omitempty"`
	// RoomGroups: a participant's page offers grouping too.
	RoomGroups bool `json:"roomGroups,omitempty"`
	// Raters is how many devices have rated, while the room places;
	// Rated is, for the facilitator, the room's rates of each idea or
	// group once the room's placing closed: not while it is open, so that
	// a tally changing as one person taps does not tell whose rates they
	// are.
	Raters int                    `json:"raters,omitempty"`
	Rated  map[string]ideas.Tally `json:"rated,omitempty"`
}

type meView struct {
	me
	Provocation string `json:"provocation,omitempty"`
	Question    string `json:"question,omitempty"`
}

// views keeps the last room view built for the facilitator and for
// every other page, and its JSON: each change is sent to every open
// stream, and the grouping's suggestions compare every idea with every
// other, so that building or marshalling the view once per stream would
// let a room of phones make one change cost hundreds of times over.
type views struct {
	mu   sync.Mutex
	last [2]struct {
		seq   int
		v     *ideas.View
		count ideas.Count
		data  []byte // v with count, as JSON
	}
}

// of is the room's view as JSON, and whether the room places; the state
// is copied only when the journal moved on since the last one built.
func (vs *views) of(j *ideas.Journal, room ideas.Room, c ideas.Count, moderate bool) ([]byte, bool) {
	i := 0
	if moderate {
		i = 1
	}
	vs.mu.Lock()
	defer vs.mu.Unlock()
	l := &vs.last[i]
	if l.v == nil || l.seq != j.Seq() {
		st := j.State()
		v := st.ViewFor(room, c, moderate)
		l.seq, l.v, l.data = st.Seq, &v, nil
	}
	// The counts change with no event (a device joins, one finishes
	// writing): they are the one part of a view that is not the journal's.
	if l.data == nil || l.count != c {
		v := *l.v
		v.Count = c
		l.data, _ = json.Marshal(v)
		l.count = c
	}
	return l.data, l.v.RoomPlaces
}

// viewOf builds a page's view from what it may see, and nothing else:
// the room's JSON, shared by every page of its kind, with the page's own
// part added to it.
func (srv *Server) viewOf(a who) json.RawMessage {
	room, places := srv.views.of(srv.j, srv.room, srv.reg.count(), a.kind == "facilitator")
	part := pagePart{Now: srv.now().UnixMilli()}
	if a.device != nil {
		m := meView{me: srv.reg.me(a.device, srv.room.Dots, len(srv.cards))}
		if m.Card >= 0 {
			c := srv.cards[m.Card]
			m.Provocation, m.Question = c.Provocation, c.Question
		}
		part.Me, part.RoomGroups = &m, srv.RoomGroups
	}
	if places {
		part.Raters = srv.reg.raters()
	} else if a.kind == "facilitator" {
		part.Rated = ideas.TallyOf(srv.reg.rates())
	}
	if a.kind == "facilitator" {
		srv.endMu.Lock()
		part.Wrote = srv.wrote
		srv.endMu.Unlock()
	}
	own, _ := json.Marshal(part)
	// Both are JSON objects, and their keys differ: the page's keys go
	// inside the room's closing brace.
	out := make([]byte, 0, len(room)+len(own))
	out = append(append(out, room[:len(room)-1]...), ',')
	return append(out, own[1:]...)
}

func (srv *Server) viewHandler(w http.ResponseWriter, _ *http.Request, a who) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(append(srv.viewOf(a), '\n'))
}

// stream sends the page's view as server-sent events: at once, then
// after every change.
func (srv *Server) stream(w http.ResponseWriter, r *http.Request, a who) {
	changed, closed, leave, ok := srv.changes.Join(a.token)
	if !ok {
		http.Error(w, "", http.StatusTooManyRequests)
		return
	}
	defer leave()
	console.StreamJSON(w, r, changed, closed, func() any { return srv.viewOf(a) })
}
