package console

import (
	"net"
	"net/http"
	"net/url"
	"time"
)

// Perimeter is the console's guard of who may reach it, for another live
// page set (the live premortem) to share: the hosts a request may name,
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

// AllowsHost reports whether a request's Host is one of the server's own
// names.
func (p *Perimeter) AllowsHost(host string) bool { return p.srv.allows(host) }

// SameOrigin reports whether a post comes from a page of the server's
// own origin.
func (p *Perimeter) SameOrigin(r *http.Request) bool { return p.srv.sameOrigin(r) }

// Allow takes one post from a token's bucket (the scribe's: a burst of
// 20, then 2 a second), or says how long until it may post.
func (p *Perimeter) Allow(token string, now time.Time) (bool, time.Duration) {
	return p.limits.allow(token, now)
}

// ServeFontFaces serves the style sheet naming them, with r's token.
func ServeFontFaces(w http.ResponseWriter, r *http.Request) { serveFontFaces(w, r, audience{}) }

// TokenOf is the token a request came with: ?token= or X-Token.
func TokenOf(r *http.Request) string { return tokenOf(r) }
