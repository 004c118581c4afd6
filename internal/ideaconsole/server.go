// Package ideaconsole serves a live premortem from the binary: the
// facilitator's page, a screen for the room, and a page per participant's
// device, each behind its own token, updated over server-sent events. It
// shares the tabletop console's perimeter (hosts, origins, rates, fonts)
// and keeps its own journal, internal/ideas.
package ideaconsole

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/propdeck/propdeck/internal/console"
	"github.com/propdeck/propdeck/internal/ideas"
	"github.com/propdeck/propdeck/internal/premortem"
	"github.com/propdeck/propdeck/internal/text"
)

// Server is a running live premortem.
type Server struct {
	j       *ideas.Journal
	room    ideas.Room
	cards   []premortem.Card
	reg     *registry
	guard   *console.Perimeter
	now     func() time.Time
	changes *console.Signal
	views   views
	handler http.Handler
	// publicURL is where people reach the server through a proxy or
	// tunnel, without its trailing slash; "" for none.
	publicURL string
	// Stack lets a device give one idea more than one of its dots.
	Stack bool
	// RoomGroups lets participants group ideas too, not only the
	// facilitator.
	RoomGroups bool
	// Ended, when set, is told what the end wrote (or why it could not).
	Ended func(wrote []string, err error)
	endMu sync.Mutex
	wrote []string // the files the end wrote, for the facilitator's page
}

// Config is what a server is made with.
type Config struct {
	Journal   *ideas.Journal
	Room      ideas.Room
	Cards     []premortem.Card
	PublicURL *url.URL
	Now       func() time.Time
}

// New serves a premortem from its journal, with the tokens kept beside
// it (made now for a new one).
func New(c Config) (*Server, error) {
	reg, err := loadRegistry(ideas.FilesOf(c.Journal.Path()).Devices)
	if err != nil {
		return nil, err
	}
	srv := &Server{j: c.Journal, room: c.Room, cards: c.Cards, reg: reg, guard: console.NewPerimeter(c.PublicURL), now: c.Now, changes: console.NewSignal()}
	srv.changes.Bound(perToken, maxStreams)
	if c.PublicURL != nil {
		srv.publicURL = strings.TrimSuffix(c.PublicURL.String(), "/")
	}
	srv.handler = srv.routes()
	return srv, nil
}

// Guard is the server's perimeter, to be told the address it listens on.
func (srv *Server) Guard() *console.Perimeter { return srv.guard }

// Link is a page's URL, as premortem --live prints it: its kind, its
// name in the premortem's language and the URL.
type Link struct{ Kind, Name, URL string }

// Links are the facilitator's, the screen's and the join link, under base.
func (srv *Server) Links(base string) []Link {
	f, names := srv.reg.File, ideas.WordsFor(srv.room.Lang).Links
	links := []Link{{Kind: "facilitator", URL: base + "/?token=" + f.Facilitator}, {Kind: "screen", URL: base + "/screen?token=" + f.Screen}, {Kind: "join", URL: srv.JoinLink(base)}}
	for i := range links {
		links[i].Name = names[links[i].Kind]
	}
	return links
}

// ServeHTTP serves a request with the headers every answer carries.
func (srv *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !srv.guard.Guard(w, r, text.M("console-other-host").In(srv.room.Lang)) {
		return
	}
	srv.handler.ServeHTTP(w, r)
}

// who is a request's audience: its page kind, and the device of a
// participant's token.
type who struct {
	kind   string
	token  string
	device *device
}

// routes are the pages and their data, each behind its token rule.
func (srv *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", srv.only([]string{"facilitator"}, srv.page("facilitator")))
	mux.HandleFunc("GET /screen", srv.only([]string{"facilitator", "screen"}, srv.page("screen")))
	mux.HandleFunc("GET /join", srv.only([]string{"join"}, srv.page("join")))
	mux.HandleFunc("GET /p", srv.only([]string{participantsKind}, srv.page(participantsKind)))
	mux.HandleFunc("POST /api/join", srv.only([]string{"join"}, srv.joinDevice))
	all := []string{"facilitator", "screen", participantsKind}
	mux.HandleFunc("GET /api/view", srv.only(all, srv.viewHandler))
	mux.HandleFunc("GET /api/stream", srv.only(all, srv.stream))
	mux.HandleFunc("POST /api/events", srv.only([]string{"facilitator", participantsKind}, srv.event))
	mux.HandleFunc("GET /api/qr", srv.only([]string{"facilitator", "screen"}, srv.qr))
	mux.HandleFunc("GET /static/{file}", srv.only(append(all, "join"), serveStatic))
	mux.HandleFunc("GET /fonts/{file}", srv.only(append(all, "join"), func(w http.ResponseWriter, r *http.Request, _ who) { console.ServeFont(w, r) }))
	return mux
}

// only answers 401 without a known token and 403 for a token of another
// page, before any handler runs.
func (srv *Server) only(kinds []string, h func(http.ResponseWriter, *http.Request, who)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		tok := console.TokenOf(r)
		kind, d := srv.reg.who(tok)
		if kind == "" {
			http.Error(w, text.M("console-no-token").In(srv.room.Lang), http.StatusUnauthorized)
			return
		}
		for _, k := range kinds {
			if k == kind {
				h(w, r, who{kind: kind, token: tok, device: d})
				return
			}
		}
		http.Error(w, text.M("console-wrong-token").In(srv.room.Lang), http.StatusForbidden)
	}
}
