package console

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// hub tells every open view that the state changed. A view's signal holds
// one change at most: a slow or dead view misses nothing but intermediate
// states, and never holds up an event or another view.
type hub struct {
	mu      sync.Mutex
	clients map[chan struct{}]bool
}

func newHub() *hub { return &hub{clients: map[chan struct{}]bool{}} }

func (h *hub) join() chan struct{} {
	c := make(chan struct{}, 1)
	h.mu.Lock()
	h.clients[c] = true
	h.mu.Unlock()
	return c
}

func (h *hub) leave(c chan struct{}) {
	h.mu.Lock()
	delete(h.clients, c)
	h.mu.Unlock()
}

func (h *hub) publish() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c <- struct{}{}:
		default: // a change is waiting for it already
		}
	}
}

// heartbeat sends a view again when nothing happened: a card comes due by
// the clock alone, and the page shows it within seconds; it also keeps a
// quiet stream open through proxies.
const heartbeat = 5 * time.Second

// stream sends the view of the token's audience as server-sent events:
// at once, then after every change.
func (srv *Server) stream(w http.ResponseWriter, r *http.Request, a audience) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming is not supported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	changed := srv.hub.join()
	defer srv.hub.leave(changed)
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		data, err := json.Marshal(srv.view(a))
		if err != nil {
			return
		}
		if _, err := fmt.Fprintf(w, "data: %s\n\n", data); err != nil {
			return
		}
		flusher.Flush()
		select {
		case <-changed:
		case <-tick.C:
		case <-r.Context().Done():
			return
		}
	}
}

// view is the data of an audience's own view, and nothing of another's.
func (srv *Server) view(a audience) any {
	if a.facilitator {
		return srv.facilitator()
	}
	st, now := srv.j.State(), srv.now()
	switch {
	case a.screen:
		return st.Screen(now)
	case a.scribe:
		return st.Scribe(now)
	}
	return st.Player(now, a.role)
}
