package console

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// hub tells every open view that the state changed. A view's signal holds
// one change at most: a slow or dead view misses nothing but intermediate
// states, and never holds up an event or another view.
type hub struct {
	mu      sync.Mutex
	clients map[*client]bool
	byKey   map[viewKey][]*client // each view's streams, oldest first
	gen     atomic.Int64          // changes so far: a view built at gen shows them all
	perKey  int
	// max bounds the streams of every key together (0: no bound); with
	// refuse, a stream past either bound is refused rather than closing
	// its key's oldest (see Signal.Bound).
	max    int
	refuse bool
}

// client is one open stream: told of changes, or told to go.
type client struct {
	key     viewKey
	changed chan struct{}
	closed  chan struct{}
}

// perKey is how many streams one view (so one token) may hold: a page
// reloaded leaves its old stream open until a write finds it gone, and
// a device that opens thousands must not take the console's connections.
const perKey = 128

func newHub() *hub {
	return &hub{clients: map[*client]bool{}, byKey: map[viewKey][]*client{}, perKey: perKey}
}

// join opens a stream of key's view; past perKey, that view's oldest
// stream is closed, or with refuse the new one is refused (nil), as it is
// past max.
func (h *hub) join(key viewKey) *client {
	c := &client{key: key, changed: make(chan struct{}, 1), closed: make(chan struct{})}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.refuse && (len(h.byKey[key]) >= h.perKey || h.max > 0 && len(h.clients) >= h.max) {
		return nil
	}
	h.clients[c] = true
	list := append(h.byKey[key], c)
	if len(list) > h.perKey {
		close(list[0].closed)
		list = list[1:]
	}
	h.byKey[key] = list
	return c
}

func (h *hub) leave(c *client) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, c)
	list := h.byKey[c.key]
	if i := slices.Index(list, c); i >= 0 {
		h.byKey[c.key] = slices.Delete(list, i, i+1)
	}
	if len(h.byKey[c.key]) == 0 {
		delete(h.byKey, c.key)
	}
}

func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

func (h *hub) publish() {
	h.gen.Add(1)
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c.changed <- struct{}{}:
		default: // a change is waiting for it already
		}
	}
}

// heartbeat sends a view again when nothing happened: a card comes due by
// the clock alone, and the page shows it within seconds; it also keeps a
// quiet stream open through proxies.
const heartbeat = 5 * time.Second

// stream sends the view of the token's audience as server-sent events:
// at once, then after every change. Every page of a kind is sent the same
// bytes, built once a change; notes are sent once to each page, the first
// message bringing those after the event it has (see since). Each message
// has its event's seq as its id, which EventSource sends back when it
// connects again. A message of which nothing is taken for the window
// drops the stream: a page that stopped reading holds nothing for long, and
// connects again by itself when it wakes; a page that reads slowly but
// reads is never dropped.
func (srv *Server) stream(w http.ResponseWriter, r *http.Request, a audience) {
	p := srv.paced(w)
	w.Header().Set("Content-Type", "text/event-stream")
	// nginx holds a proxied answer back until its buffer fills unless told
	// not to: a page behind it would hear of nothing.
	w.Header().Set("X-Accel-Buffering", "no")
	key, last := keyOf(a), int64(-1)
	c := srv.hub.join(key)
	defer srv.hub.leave(c)
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		b, err := srv.view(key, srv.hub.gen.Load())
		if err != nil {
			return
		}
		if last < 0 {
			last = since(r, b.seq)
		}
		p.left = 0 // each message has the whole window for its first bytes
		if err := srv.message(p, b, last); err != nil {
			return
		}
		if err := p.flush(); err != nil {
			return
		}
		last = b.seq
		select {
		case <-c.changed:
		case <-tick.C:
		case <-c.closed:
			return
		case <-r.Context().Done():
			return
		}
	}
}

// message writes one server-sent event: the view's seq as its id, the
// view as its data (JSON has no line break in it).
func (srv *Server) message(w io.Writer, b *built, since int64) error {
	if _, err := fmt.Fprintf(w, "id: %d\ndata: ", b.seq); err != nil {
		return err
	}
	if err := srv.write(w, b, since); err != nil {
		return err
	}
	_, err := w.Write([]byte("\n\n"))
	return err
}
