// Package console serves a live session from the binary: the
// facilitator's page, a screen for a projector or a call, and a page per
// player role, each behind its own token, updated live over server-sent
// events. The journal is the truth; every page reads the state it replays.
package console

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/url"
	"time"

	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/session"
	"github.com/propdeck/propdeck/internal/text"
)

// Server is a running console.
type Server struct {
	s       *scenarios.Session
	j       *session.Journal
	now     func() time.Time
	tokens  Tokens
	hub     *hub
	limits  limiter
	room    roomLimits
	handler http.Handler
	// Ended, when set, is called after the end event is stored.
	Ended func()
	// Stored, when set, is called with each event once it is stored.
	Stored func(session.Event)
	// PublicURL, when set, is where people reach the console through a
	// proxy or tunnel (run --public-url): its host is one of the
	// console's names, and its origin may post.
	PublicURL *url.URL
	names     *names
	window    time.Duration // see window
	views     *views
	// Pace is the story minutes a session minute the page starts with.
	Pace float64
	// Carried are the programme's open actions the session retests (run
	// --programme): the facilitator's page lists and rates them.
	Carried []session.Carried
}

// newTokens draws random tokens of 128 bits each: one per page kind, and
// one per role for a kind with a page per role.
func newTokens(s *scenarios.Session) Tokens {
	t := Tokens{Roles: map[string]string{}}
	t.grow(s)
	return t
}

// grow draws the tokens t lacks (a page kind or a role added since they
// were made), and reports whether it drew any.
func (t *Tokens) grow(s *scenarios.Session) bool {
	grown := false
	if t.Roles == nil {
		t.Roles = map[string]string{}
	}
	for _, k := range kinds {
		if k.token != nil && len(*k.token(t)) < 32 {
			*k.token(t), grown = token(), true
		}
	}
	if len(t.Ballots) < 32 {
		t.Ballots, grown = token()+token(), true
	}
	for _, r := range s.Roles() {
		if len(t.Roles[r.ID]) < 32 {
			t.Roles[r.ID], grown = token(), true
		}
	}
	return grown
}

func token() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on a supported system
	}
	return hex.EncodeToString(b)
}

// New serves s from its journal with the given tokens.
func New(s *scenarios.Session, j *session.Journal, tokens Tokens, now func() time.Time) *Server {
	srv := &Server{s: s, j: j, now: now, tokens: tokens, hub: newHub(), window: window, views: &views{slots: map[viewKey]*slot{}}}
	srv.handler = srv.routes()
	return srv
}

// ServeHTTP serves a request, with the headers every answer carries.
func (srv *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setHeaders(w.Header())
	// An answer not taken within the window drops its connection; a
	// stream sets its own deadline for each message.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(srv.window))
	if !srv.allows(r.Host) {
		http.Error(w, text.M("console-other-host").In(srv.s.Language()), http.StatusMisdirectedRequest)
		return
	}
	srv.handler.ServeHTTP(w, r)
}

// audience is who a token lets in: a page kind, and the role of a kind
// with a token per role.
type audience struct{ kind, role string }

// who is the audience of a request's token, or false: the token comes in
// the query (?token=) or the X-Token header.
func (srv *Server) who(r *http.Request) (audience, bool) {
	tok := tokenOf(r)
	if tok == "" {
		return audience{}, false
	}
	for _, k := range kinds {
		if k.token != nil && SameToken(tok, *k.token(&srv.tokens)) {
			return audience{kind: k.name}, true
		}
		for role, t := range srv.tokens.Roles {
			if k.token == nil && SameToken(tok, t) {
				return audience{kind: k.name, role: role}, true
			}
		}
	}
	return audience{}, false
}

// SameToken compares two tokens in time that does not depend on where they
// differ, so that a guesser learns nothing from how long a refusal takes.
func SameToken(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// Record is the session's record as the journal has it now.
func (srv *Server) Record() []byte { return srv.j.State().Record() }

// Retested are the ratings the session gave the carried actions, by
// ledger id: the record's [[retested]] entries carry them.
func (srv *Server) Retested() map[string]session.Event { return srv.j.State().Retests }
