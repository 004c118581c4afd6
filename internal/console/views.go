package console

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/propdeck/propdeck/internal/session"
	"github.com/propdeck/propdeck/internal/text"
)

// viewKey names the data of one kind of page: the facilitator's, the
// screen's, the scribe's, or a role's.
type viewKey struct{ kind, role string }

// keyOf is the view a token's stream shows.
func keyOf(a audience) viewKey { return viewKey(a) }

// built is a view's JSON, made once for every page of its kind: the state
// it shows (its seq), the hub's count of changes it was asked for, and
// the second of the clock it was made at. A view with notes is in two
// halves around the place of its notes, so that each page is sent the
// notes it lacks between them, from bytes shared too.
type built struct {
	seq, gen   int64
	sec        int64
	head, tail []byte
	notes      []session.Event // the notes of that state; nil for a view without
}

// noteList is where a view's notes go in its JSON: the one key "notes",
// which no string can fake since a quote in a string is escaped.
var noteList = []byte(`"notes":[]`)

// views keeps the last view built of each kind, and each note's JSON.
type views struct {
	mu    sync.Mutex
	slots map[viewKey]*slot
	notes struct {
		sync.Mutex
		json [][]byte // notes are only ever appended: index i is the state's Notes[i]
	}
}

type slot struct {
	mu sync.Mutex
	b  *built
}

// view is the view of key for the state of change gen at the clock's
// second now: the one already built, or one built now while the other
// pages of that kind wait for it.
func (srv *Server) view(key viewKey, gen int64) (*built, error) {
	srv.views.mu.Lock()
	sl := srv.views.slots[key]
	if sl == nil {
		sl = &slot{}
		srv.views.slots[key] = sl
	}
	srv.views.mu.Unlock()
	sl.mu.Lock()
	defer sl.mu.Unlock()
	if b := sl.b; b != nil && b.gen >= gen && b.sec == srv.now().Unix() {
		return b, nil
	}
	b, err := srv.build(key, gen)
	if err != nil {
		return nil, err
	}
	sl.b = b
	return b, nil
}

// build makes the JSON of a view from the journal's state now. Each
// audience's view is the session package's, built from what that
// audience may see alone.
func (srv *Server) build(key viewKey, gen int64) (*built, error) {
	st, now := srv.j.State(), srv.now()
	b := &built{seq: int64(st.Seq), gen: gen, sec: now.Unix()}
	v, notes := kindOf(key.kind).build(srv, st, now, key.role)
	b.notes = notes
	data, err := json.Marshal(v)
	if err != nil {
		return nil, text.Fail("view-unencodable", "kind", key.kind, "err", err)
	}
	b.head = data
	if b.notes != nil {
		if bytes.Count(data, noteList) != 1 {
			return nil, text.Fail("view-notes-place", "kind", key.kind)
		}
		i := bytes.Index(data, noteList) + len(noteList) - 1
		b.head, b.tail = data[:i], data[i:]
	}
	return b, nil
}

// after is the JSON of the view's notes after event since, each made once
// for every page.
func (srv *Server) after(b *built, since int64) ([][]byte, error) {
	from := sort.Search(len(b.notes), func(i int) bool { return int64(b.notes[i].Seq) > since })
	n := &srv.views.notes
	n.Lock()
	defer n.Unlock()
	for i := len(n.json); i < len(b.notes); i++ {
		data, err := json.Marshal(b.notes[i])
		if err != nil {
			return nil, text.Fail("view-note-unencodable", "seq", b.notes[i].Seq, "err", err)
		}
		n.json = append(n.json, data)
	}
	return n.json[from:len(b.notes)], nil
}

// write writes the view with the notes after since between its halves.
func (srv *Server) write(w io.Writer, b *built, since int64) error {
	notes, err := srv.after(b, since)
	if err != nil {
		return err
	}
	if _, err := w.Write(b.head); err != nil {
		return err
	}
	for i, n := range notes {
		if i > 0 {
			if _, err := w.Write([]byte{','}); err != nil {
				return err
			}
		}
		if _, err := w.Write(n); err != nil {
			return err
		}
	}
	_, err = w.Write(b.tail)
	return err
}

// data answers a GET of a view's data: the whole view, notes included.
func (srv *Server) data(kind *pageKind) func(http.ResponseWriter, *http.Request, audience) {
	return func(w http.ResponseWriter, r *http.Request, _ audience) {
		k := viewKey{kind: kind.name, role: r.PathValue("role")}
		if _, ok := srv.tokens.Roles[k.role]; kind.perRole() && !ok {
			http.NotFound(w, r) // the facilitator may ask for any role's; there is no such role
			return
		}
		b, err := srv.view(k, srv.hub.gen.Load())
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		p := srv.paced(w)
		if srv.write(p, b, 0) == nil {
			_, _ = p.Write([]byte{'\n'})
		}
	}
}

// since is the last event a page has, from which its stream sends the
// notes: EventSource's Last-Event-ID when it connects again, else the
// page's ?since=, else none; a number past the state is none too.
func since(r *http.Request, seq int64) int64 {
	raw := r.Header.Get("Last-Event-ID")
	if raw == "" {
		raw = r.URL.Query().Get("since")
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || n < 0 || n > seq {
		return 0
	}
	return n
}

// window is how long the other end of an answer may take nothing before
// its connection is dropped.
const window = 15 * time.Second

// paced writes an answer giving every 32 KB the window anew: an answer
// takes as long as it needs while the other end keeps reading, and is
// dropped once it reads nothing for the window.
type paced struct {
	w      http.ResponseWriter
	rc     *http.ResponseController
	window time.Duration
	left   int // bytes until the deadline is moved on
}

func (srv *Server) paced(w http.ResponseWriter) *paced {
	return &paced{w: w, rc: http.NewResponseController(w), window: srv.window}
}

func (p *paced) Write(b []byte) (int, error) {
	n := 0
	for len(b) > 0 {
		if p.left <= 0 {
			_ = p.rc.SetWriteDeadline(time.Now().Add(p.window))
			p.left = 32 << 10
		}
		m, err := p.w.Write(b[:min(len(b), p.left)])
		n, p.left, b = n+m, p.left-m, b[m:]
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// flush sends what is buffered: at most 32 KB since the deadline was
// last moved on.
func (p *paced) flush() error { return p.rc.Flush() }
