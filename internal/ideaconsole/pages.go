package ideaconsole

import (
	"embed"
	"encoding/json"
	"html/template"
	"net/http"
	"strings"

	"github.com/skip2/go-qrcode"

	"github.com/propdeck/propdeck/internal/console"
	"github.com/propdeck/propdeck/internal/ideas"
)

//go:embed pages/page.html
var pageFS embed.FS

//go:embed static
var staticFS embed.FS

var pageTemplate = template.Must(template.ParseFS(pageFS, "pages/page.html"))

// pageData fills the page's template: text only, escaped by the template
// for where it goes.
type pageData struct {
	Lang, Title, View, ViewName, Token, Words, Vocab, Offline string
}

// term is a value of a list the pages show, and its label.
type term struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// vocabularies are the phases and the classes, in their order, labelled
// in the page's language, and the grid's values: the page's script
// spells none of them.
func vocabularies(w ideas.Words) string {
	terms := func(values []string, labels map[string]string) []term {
		out := make([]term, len(values))
		for i, v := range values {
			out[i] = term{v, labels[v]}
		}
		return out
	}
	data, _ := json.Marshal(map[string]any{"phases": terms(ideas.Phases, w.Phases), "classes": terms(ideas.Classes, w.Classes), "grid": ideas.Grid})
	return string(data)
}

// page serves a kind's page in the room's language.
func (srv *Server) page(kind string) func(http.ResponseWriter, *http.Request, who) {
	return func(w http.ResponseWriter, r *http.Request, a who) {
		words := ideas.WordsFor(srv.room.Lang)
		data, _ := json.Marshal(words.Page)
		d := pageData{Lang: srv.room.Lang, Title: words.Page["Title"], View: kind, ViewName: words.Page[kind], Token: a.token,
			Words: string(data), Vocab: vocabularies(words), Offline: words.Page["Offline"]}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if err := pageTemplate.Execute(w, d); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	}
}

// serveStatic serves the pages' script and style from the binary.
func serveStatic(w http.ResponseWriter, r *http.Request, _ who) {
	console.ServeStatic(w, r, staticFS)
}

// qr answers the join link as a QR code (PNG), for the screen to show
// the room: the link under --public-url when there is one, else the
// address the page was reached at.
func (srv *Server) qr(w http.ResponseWriter, r *http.Request, _ who) {
	png, err := qrcode.Encode(srv.JoinLink(srv.base(r)), qrcode.Medium, 320)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	_, _ = w.Write(png)
}

// base is where the pages are reached: the public URL, else the address
// the request named.
func (srv *Server) base(r *http.Request) string {
	if srv.publicURL != "" {
		return srv.publicURL
	}
	if r.TLS != nil {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

// JoinLink is the link every participant opens, under base.
func (srv *Server) JoinLink(base string) string {
	return strings.TrimSuffix(base, "/") + "/join?token=" + srv.reg.File.Join
}
