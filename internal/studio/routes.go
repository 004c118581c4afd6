package studio

import (
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/propdeck/propdeck/internal/console"
	"github.com/propdeck/propdeck/internal/text"
)

// ServeHTTP answers a request from the loopback with the page's token;
// every answer carries the console's headers (strict CSP, no referrer,
// no store). edit only reads, so nothing is posted to it.
func (st *Studio) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	lang := st.lang()
	if !st.guard.Guard(w, r, text.M("console-other-host").In(lang)) {
		return
	}
	if !console.TokenMatches(r, st.token) {
		http.Error(w, text.M("console-no-token").In(lang), http.StatusUnauthorized)
		return
	}
	if st.foreign(r) {
		http.Error(w, text.M("console-other-origin").In(lang), http.StatusForbidden)
		return
	}
	st.handler.ServeHTTP(w, r)
}

// foreign reports a request another site's page made: console's
// same-origin rule, with one exception for the studio, which has no
// token: an address typed or opened from the terminal says "none" in
// Sec-Fetch-Site, and is the author's.
func (st *Studio) foreign(r *http.Request) bool {
	typed := r.Header.Get("Origin") == "" && r.Header.Get("Sec-Fetch-Site") == "none"
	return !typed && !st.guard.SameOrigin(r)
}

func (st *Studio) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", st.page)
	mux.HandleFunc("GET /static/{file}", serveStatic)
	mux.HandleFunc("GET /fonts/{file}", console.ServeFont)
	mux.HandleFunc("GET /api/stream", st.stream)
	mux.HandleFunc("GET /api/preview", st.preview)
	mux.HandleFunc("GET /api/face", st.face)
	mux.HandleFunc("GET /api/timeline", st.timeline)
	return mux
}

// status is what the stream sends after each reading: its mistakes and
// warnings, and whether the preview on the page is still the latest.
type status struct {
	Gen      int     `json:"gen"`
	Good     int     `json:"good"` // the reading the preview is of; 0 for none yet
	Stale    bool    `json:"stale"`
	Errors   []place `json:"errors"`
	Warnings []place `json:"warnings"`
}

// place is a problem with its label (FILE:LINE:COL) and the link to it in
// the author's editor.
type place struct {
	problem
	Label string `json:"label"`
	Link  string `json:"link,omitempty"`
}

func (st *Studio) status() status {
	st.mu.Lock()
	defer st.mu.Unlock()
	s := status{Gen: st.gen, Good: st.goodGen, Stale: st.goodGen != st.gen && st.goodGen > 0, Errors: []place{}, Warnings: []place{}}
	for _, p := range st.latest.Errors {
		s.Errors = append(s.Errors, st.placed(p))
	}
	for _, p := range st.latest.Warnings {
		s.Warnings = append(s.Warnings, st.placed(p))
	}
	return s
}

func (st *Studio) placed(p problem) place {
	return place{problem: p, Label: label(p.File, p.Line, p.Col), Link: st.link(p.File, p.Line, p.Col)}
}

// label is FILE:LINE:COL, or as much of it as is known.
func label(file string, line, col int) string {
	switch {
	case line > 0 && col > 0:
		return fmt.Sprintf("%s:%d:%d", file, line, col)
	case line > 0:
		return fmt.Sprintf("%s:%d", file, line)
	}
	return file
}

// link fills the editor URL template for a place; "" without one. The
// path goes in escaped segment by segment, so that no file name can
// change what the URL says.
func (st *Studio) link(file string, line, col int) string {
	if st.opt.EditorURL == "" || file == "" {
		return ""
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return ""
	}
	segs := strings.Split(filepath.ToSlash(abs), "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.NewReplacer("{path}", strings.Join(segs, "/"), "{line}", strconv.Itoa(max(line, 1)), "{col}", strconv.Itoa(max(col, 1))).Replace(st.opt.EditorURL)
}

// stream sends the status at once and after every reading, as
// server-sent events; a slow page misses only readings between.
func (st *Studio) stream(w http.ResponseWriter, r *http.Request) {
	changed, closed, leave, _ := st.signal.Join("")
	defer leave()
	console.StreamJSON(w, r, changed, closed, func() any { return st.status() })
}
