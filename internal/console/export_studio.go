package console

import (
	"net/http"
)

// What propdeck edit (internal/studio) shares with the console: its
// perimeter (loopback names, same origin, tokens, the headers every
// answer carries), its web fonts and its change signal. Thin wrappers,
// so that the studio's page is held to the console's rules by the
// console's own code.

// policy is the Content-Security-Policy every console answer carries:
// no inline script or style, nothing from another origin.
const policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// Guard sets the headers every console answer carries and reports
// whether the request names one of the loopback's hosts; when it does
// not, it has answered 421 with msg. A page whose name was rebound to
// this machine names its own host, and is refused.
func Guard(w http.ResponseWriter, r *http.Request, msg string) bool {
	h := w.Header()
	h.Set("Content-Security-Policy", policy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer") // the token rides in the URL
	h.Set("Cache-Control", "no-store")
	if !(&Server{}).allows(r.Host) {
		http.Error(w, msg, http.StatusMisdirectedRequest)
		return false
	}
	return true
}

// SameOrigin reports whether a request comes from a page of the host it
// names (or from no page at all), as the console's posts must.
func SameOrigin(r *http.Request) bool { return (&Server{}).sameOrigin(r) }

// NewToken is a random token of 128 bits, as the console's pages get.
func NewToken() string { return token() }

// TokenMatches reports, in constant time, whether the request carries
// the token (in ?token= or X-Token).
func TokenMatches(r *http.Request, tok string) bool {
	got := tokenOf(r)
	return got != "" && same(got, tok)
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

// Join opens a stream: changed fires after each Publish, closed when the
// stream is to end; leave must be called when it does.
func (s *Signal) Join() (changed, closed <-chan struct{}, leave func()) {
	c := s.h.join(viewKey{})
	return c.changed, c.closed, func() { s.h.leave(c) }
}
