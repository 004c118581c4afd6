package studio

import (
	"embed"
	"encoding/json"
	"html/template"
	"net/http"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/console"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/vocab"
)

//go:embed pages/studio.html
var pageFS embed.FS

//go:embed static
var staticFS embed.FS

var pageTemplate = template.Must(template.ParseFS(pageFS, "pages/studio.html"))

// words are the page's words in a language, from its studio catalog.
type words struct {
	Title, Reading, Mistakes, Warnings, NoMistakes, NoWarnings, Stale, NoPreview, Offline   string
	Cards, Timeline, Players, CardSize, Theme, Level, PrintSize, Zoom, LeftOut, Front, Back string
	PlayersHint, Card, At, Screen, Sees, Nothing, Updated                                   string
	// Sizes and Themes label each value of vocab.Card and vocab.Theme.
	Sizes, Themes map[string]string
	Chart         chartWords
}

// chartWords are the timeline chart's words.
type chartWords struct {
	Rounds, Timed, Contingent, Request, Expected, Complications, Story, Pace, InsteadOf, By string
	NoOwner, Future, AfterEnd, EmptyRound, Nothing, End, Drawn                              string
}

func wordsIn(lang string) words { return text.Load[words](lang, "studio") }

// vocabularies are the lists the page offers, labelled: the page's
// script spells none of their values.
func vocabularies(lang string) string {
	w, lb := wordsIn(lang), cards.LabelsFor(lang)
	data, _ := json.Marshal(map[string][]vocab.Term{"sizes": vocab.Card.Terms(w.Sizes), "themes": vocab.Theme.Terms(w.Themes),
		"levels": vocab.Difficulty.Terms(lb.Difficulties)})
	return string(data)
}

type pageData struct {
	Lang, File, Token, Vocab string
	Words                    words
}

func (st *Studio) page(w http.ResponseWriter, r *http.Request) {
	lang := st.lang()
	d := pageData{Lang: lang, File: st.path, Token: st.token, Vocab: vocabularies(lang), Words: wordsIn(lang)}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := pageTemplate.Execute(w, d); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// serveStatic serves the page's script and style from the binary.
func serveStatic(w http.ResponseWriter, r *http.Request) {
	console.ServeStatic(w, r, staticFS)
}
