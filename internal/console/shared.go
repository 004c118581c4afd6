package console

// What the live premortem (internal/ideaconsole) and propdeck edit
// (internal/studio) share with the console: its headers, its perimeter
// (hosts, origins, tokens, rates), its static files, web fonts and change
// signal. Thin wrappers, so that their pages are held to the console's
// rules by the console's own code.

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"time"
)

// ServeStatic answers GET /static/{file} from fsys's static folder: the
// pages' scripts and styles, from the binary. The console's pages, the
// live premortem's and the studio's each serve their own folder by it.
func ServeStatic(w http.ResponseWriter, r *http.Request, fsys fs.FS) {
	name := path.Base(r.PathValue("file"))
	data, err := fs.ReadFile(fsys, "static/"+name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
	w.Write(data)
}

// policy is the Content-Security-Policy every console answer carries:
// no inline script or style, nothing from another origin.
const policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// setHeaders sets the headers every answer of the console's, the live
// premortem's and the studio's carries.
func setHeaders(h http.Header) {
	h.Set("Content-Security-Policy", policy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer") // the tokens ride in the URL
	h.Set("Cache-Control", "no-store")
}

// NewToken is a random token of 128 bits, as the console's pages get.
func NewToken() string { return token() }

// TokenMatches reports, in constant time, whether the request carries
// the token (in ?token= or X-Token).
func TokenMatches(r *http.Request, tok string) bool {
	got := tokenOf(r)
	return got != "" && SameToken(got, tok)
}

// ServeFont serves the Korean pages' web fonts at /fonts/{file}, and
// their style sheet at /fonts/faces.css.
func ServeFont(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("file") == "faces.css" {
		serveFontFaces(w, r, audience{})
		return
	}
	serveFont(w, r, audience{})
}

// Signal tells every open stream that something changed: the console's
// hub, whose streams each hold one change at most, so a slow page misses
// only intermediate states and never holds up another.
type Signal struct{ h *hub }

// NewSignal is a signal no stream listens to yet.
func NewSignal() *Signal { return &Signal{newHub()} }

// Publish tells every open stream.
func (s *Signal) Publish() { s.h.publish() }

// Bound makes the signal refuse a stream past perKey of one key, or past
// max of all keys together, instead of closing the key's oldest: for a
// page set whose keys are devices, where a reload is rare and thousands
// of streams through many devices must not take the server's
// connections.
func (s *Signal) Bound(perKey, max int) {
	s.h.mu.Lock()
	defer s.h.mu.Unlock()
	s.h.perKey, s.h.max, s.h.refuse = perKey, max, true
}

// Join opens a stream of key (a page's token, say): changed fires after
// each Publish, closed when the stream is to end; leave must be called
// when it does. ok is false, and nothing opened, past a Bound.
func (s *Signal) Join(key string) (changed, closed <-chan struct{}, leave func(), ok bool) {
	c := s.h.join(viewKey{kind: key})
	if c == nil {
		return nil, nil, nil, false
	}
	return c.changed, c.closed, func() { s.h.leave(c) }, true
}

// streamHeartbeat keeps a quiet stream open through proxies and tells a
// page the server is still there.
const streamHeartbeat = 15 * time.Second

// StreamJSON sends build's answer as server-sent events: at once, then
// after every change, until closed fires or the page goes. A slow page
// misses only the states between; a page that takes nothing for a minute
// is dropped.
func StreamJSON(w http.ResponseWriter, r *http.Request, changed, closed <-chan struct{}, build func() any) {
	w.Header().Set("Content-Type", "text/event-stream")
	// nginx holds a proxied answer back until its buffer fills unless told
	// not to.
	w.Header().Set("X-Accel-Buffering", "no")
	rc := http.NewResponseController(w)
	tick := time.NewTicker(streamHeartbeat)
	defer tick.Stop()
	for {
		v := build()
		data, ok := v.(json.RawMessage) // already JSON: sent as it is
		if !ok {
			data, _ = json.Marshal(v)
		}
		_ = rc.SetWriteDeadline(time.Now().Add(time.Minute))
		if _, err := fmt.Fprintf(w, "data: %s\n\n", data); err != nil {
			return
		}
		if rc.Flush() != nil {
			return
		}
		select {
		case <-changed:
		case <-tick.C:
		case <-closed:
			return
		case <-r.Context().Done():
			return
		}
	}
}

// Perimeter is the console's guard of who may reach it, for another live
// page set (the live premortem, the studio) to share: the hosts a request may name,
// the origin a post must come from, and the rate a token may post at.
type Perimeter struct {
	srv    *Server
	limits limiter
}

// NewPerimeter guards a server reached at its own addresses and, when
// publicURL is set, through that URL.
func NewPerimeter(publicURL *url.URL) *Perimeter {
	return &Perimeter{srv: &Server{PublicURL: publicURL}}
}

// ListenOn tells the perimeter the address listened on (see
// Server.ListenOn).
func (p *Perimeter) ListenOn(addr net.Addr) { p.srv.ListenOn(addr) }

// Guard sets the headers every console answer carries and reports
// whether the request names one of the server's own hosts; when it does
// not, it has answered 421 with msg. A page whose name was rebound to
// this machine names its own host, and is refused.
func (p *Perimeter) Guard(w http.ResponseWriter, r *http.Request, msg string) bool {
	setHeaders(w.Header())
	if !p.srv.allows(r.Host) {
		http.Error(w, msg, http.StatusMisdirectedRequest)
		return false
	}
	return true
}

// SameOrigin reports whether a post comes from a page of the server's
// own origin.
func (p *Perimeter) SameOrigin(r *http.Request) bool { return p.srv.sameOrigin(r) }

// Allow takes one post from a token's bucket (the scribe's: a burst of
// 20, then 2 a second), or says how long until it may post.
func (p *Perimeter) Allow(token string, now time.Time) (bool, time.Duration) {
	return p.limits.allow(token, now)
}

// TokenOf is the token a request came with: ?token= or X-Token.
func TokenOf(r *http.Request) string { return tokenOf(r) }
