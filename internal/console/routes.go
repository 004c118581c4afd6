package console

import (
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/propdeck/propdeck/internal/journal"
	"github.com/propdeck/propdeck/internal/session"
	"github.com/propdeck/propdeck/internal/text"
)

// maxBody is the largest request body the console reads.
const maxBody = 64 << 10

// routes are each page kind's page and data, behind its token rule, and
// the routes every page shares.
func (srv *Server) routes() http.Handler {
	mux := http.NewServeMux()
	for _, k := range kinds {
		mux.HandleFunc("GET "+k.page, srv.only(k.opens, srv.page(k)))
		mux.HandleFunc("GET "+k.data, srv.only(k.opens, srv.data(k)))
	}
	mux.HandleFunc("GET /static/{file}", srv.only(anyone, serveStatic))
	mux.HandleFunc("GET /fonts/{file}", srv.only(anyone, serveFont))
	mux.HandleFunc("GET /fonts/faces.css", srv.only(anyone, serveFontFaces))
	mux.HandleFunc("GET /api/qr", srv.only(anyone, srv.qr))
	mux.HandleFunc("POST /api/events", srv.only(writers, srv.event))
	mux.HandleFunc("GET /api/stream", srv.only(anyone, srv.stream))
	mux.HandleFunc("GET /api/card/{id}", srv.only(anyone, srv.card))
	return mux
}

// A rule says which audiences a route lets in.
type rule func(a audience, r *http.Request) bool

func anyone(audience, *http.Request) bool { return true }

// writers are the audiences whose kind may post some event.
func writers(a audience, _ *http.Request) bool { return kindOf(a.kind).writes != nil }

// only answers 401 without a valid token and 403 for a token of another
// audience, before any handler runs.
func (srv *Server) only(allowed rule, h func(http.ResponseWriter, *http.Request, audience)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, ok := srv.who(r)
		if !ok {
			http.Error(w, text.M("console-no-token").In(srv.s.Language()), http.StatusUnauthorized)
			return
		}
		if !allowed(a, r) {
			http.Error(w, text.M("console-wrong-token").In(srv.s.Language()), http.StatusForbidden)
			return
		}
		h(w, r, a)
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(v)
}

// facilitator is the facilitator's view, with what went wrong with the
// journal's file: the page shows it until a write succeeds.
func (srv *Server) facilitator(st *session.State, now time.Time) session.Facilitator {
	f := st.Facilitator(now)
	f.Warning = srv.j.Warning()
	f.Carried = st.CarriedViews(srv.Carried)
	return f
}

// statusOf is the answer to an event the journal refused: 400 for one
// that cannot be, 413 for one past a bound, 507 when the disk is full,
// 500 for any other failed write. The message says which, and that
// nothing was stored.
func statusOf(err error) int {
	var de *session.DecodeError
	var se *session.StateError
	var le *session.LimitError
	var we *journal.WriteError
	switch {
	case errors.As(err, &de) || errors.As(err, &se):
		return http.StatusBadRequest
	case errors.As(err, &le):
		return http.StatusRequestEntityTooLarge
	case errors.As(err, &we) && we.NoSpace():
		return http.StatusInsufficientStorage
	}
	return http.StatusInternalServerError
}

// event stores one event the facilitator's page posts, and tells every
// open view. A page of another origin gets 403, a body over 64 KB 413, a
// wrong event 400 with its reason; none of them writes anything.
func (srv *Server) event(w http.ResponseWriter, r *http.Request, a audience) {
	if !srv.sameOrigin(r) {
		http.Error(w, text.M("console-other-origin").In(srv.s.Language()), http.StatusForbidden)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		http.Error(w, text.M("console-too-large").In(srv.s.Language()), http.StatusRequestEntityTooLarge)
		return
	}
	k := kindOf(a.kind)
	e, err := srv.decode(body, a, r)
	var re *roomError
	if errors.As(err, &re) {
		http.Error(w, re.msg.In(srv.s.Language()), re.status)
		return
	}
	if err == nil && !k.writes(e.Kind) {
		http.Error(w, text.M("console-may-not-write", "page", k.name, "kind", e.Kind).In(srv.s.Language()), http.StatusForbidden)
		return
	}
	if err == nil {
		err = session.CheckCarried(e, srv.Carried)
	}
	if err == nil && k.limited {
		if ok, wait := srv.limits.allow(tokenOf(r), srv.now()); !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			http.Error(w, tooMany(e.Kind).In(srv.s.Language()), http.StatusTooManyRequests)
			return
		}
	}
	if err == nil {
		e, err = srv.j.Append(e)
	}
	if err != nil {
		http.Error(w, text.In(err, srv.s.Language()), statusOf(err))
		var we *journal.WriteError
		if errors.As(err, &we) {
			srv.hub.publish() // the facilitator's page shows the warning
		}
		return
	}
	if srv.Stored != nil {
		srv.Stored(e)
	}
	// The record is written before the answer, so that a page told the
	// session has ended finds its record and report there.
	if e.Kind == session.End && srv.Ended != nil {
		srv.Ended()
	}
	writeJSON(w, e)
	// The pages hear of it once the answer is on its way: hundreds of
	// streams waking at once would otherwise stand between it and the
	// page that posted.
	_ = http.NewResponseController(w).Flush()
	srv.hub.publish()
}
