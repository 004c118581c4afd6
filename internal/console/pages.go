package console

import (
	"embed"
	"encoding/json"
	"html/template"
	"net/http"

	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/vocab"
)

//go:embed pages/page.html
var pageFS embed.FS

//go:embed static
var staticFS embed.FS

var pageTemplate = template.Must(template.ParseFS(pageFS, "pages/page.html"))

// consoleWords are the console's words in a language, from its text catalog.
type consoleWords struct {
	Start, Pause, Resume, End, Session, Story, Paused, NotStarted, Ended string
	Pages                                                                map[string]string // a page kind's name
	// Links name each page kind on run's line beside its URL.
	Links                                                                                                        map[string]string `json:"-"`
	Round, ReadAloud, Questions, Expected, Observed, RatingNote, By, Late, Due, NothingDue, Next, HandOut, Early string
	Contingencies, Condition, Replaces, Fired, NotNeeded, Requests, Search, AskedNoCard, Asked, NoCard           string
	Complications, Draw, Pick, Drawn                                                                             string
	Notes, AddNote, Decision, Who, Options, Rationale, AddDecision                                               string
	// Ratings, Tags and Kinds label each value of vocab.Rating,
	// vocab.NoteTag and vocab.Kind; the page gets them through
	// vocabularies, never from here.
	Ratings, Tags, Kinds                                                         map[string]string `json:"-"`
	Cards, NoCards, Offline, Keys, To, Everyone, LogLines, ByRole, Holds, Coming string
	Show, Hide, OnScreen, Earlier, Deck, New, Close, Open, You, Runbook, PhoneQR string
	Complication, Choices                                                        string
	// Carried titles the open actions carried from earlier sessions (run
	// --programme); Owner, DueOn and FromSession label what each shows.
	Carried, Owner, DueOn, FromSession string
	// The room's: AskStatus labels each status of an ask (the values of
	// vocab.AskAnswer), which the page looks up and never spells.
	AskStatus                                                                         map[string]string
	RoomAsks, AskTitle, AskHint, Send, AnswerTitle, AnswerHint, Answers, Polls, Voted string
	Verdict, Unified, Split, ExpectedAnswer, Confidence, HotWash, Worked, Broke       string
	ToDo, Score, AnsweredCount, Anonymous, NamedWash, OpenHotWash, OpenNamed          string
	Suggested, NoCardExists, Decline, Hidden, OpenPoll, ClosePoll, Question, PollID   string
	PollOptions, ForEveryone, Answer, Sent, HideText                                  string
}

// pageData is what a page's template is filled with: text only, escaped
// by the template for where it goes.
type pageData struct {
	Lang, Title, View, ViewName, Token, Role, Words, Offline, API string
	// Vocab is every closed list the page offers, each value with its
	// label in the page's language: the page writes none of its own.
	Vocab       string
	StartMS     int64
	ZoneMinutes int
	Pace        float64
	// Jumps are each round's start and the story's time there, in ms from
	// T+0, for the page's story clock.
	Jumps string
}

// page serves the HTML of a kind's page, in the scenario's language.
func (srv *Server) page(k *pageKind) func(http.ResponseWriter, *http.Request, audience) {
	return func(w http.ResponseWriter, r *http.Request, a audience) {
		lang := srv.s.Language()
		words := text.Load[consoleWords](lang, "console")
		data, _ := json.Marshal(words)
		_, offset := srv.s.Meta().StartTime.Zone()
		role := r.PathValue("role")
		d := pageData{Lang: lang, Title: srv.s.Title(), View: k.name, ViewName: words.Pages[k.name], Token: tokenOf(r), Role: role,
			API: fill(k.data, role), Words: string(data), Vocab: vocabularies(words), Offline: words.Offline, StartMS: srv.s.Meta().StartTime.UnixMilli(),
			ZoneMinutes: offset / 60, Pace: srv.Pace, Jumps: srv.jumps(k.secrets)}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if err := pageTemplate.Execute(w, d); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	}
}

// vocabularies are the lists a page offers or shows, as JSON: the
// ratings, the note tags and the card kinds, in the vocabularies' order,
// labelled from the catalog.
func vocabularies(w consoleWords) string {
	data, _ := json.Marshal(map[string][]vocab.Term{"ratings": vocab.Rating.Terms(w.Ratings), "tags": vocab.NoteTag.Terms(w.Tags),
		"kinds": vocab.Kind.Terms(w.Kinds)})
	return string(data)
}

// tokenOf is the token a request came with, for the page to use again.
func tokenOf(r *http.Request) string {
	if t := r.Header.Get("X-Token"); t != "" {
		return t
	}
	return r.URL.Query().Get("token")
}

// serveStatic serves the page's script and style from the binary.
func serveStatic(w http.ResponseWriter, r *http.Request, _ audience) {
	ServeStatic(w, r, staticFS)
}

// jumps are the rounds' starts and the story's time at each, so that the
// page's clock jumps where a round moves the story's clock. Only the
// facilitator's page learns of rounds to come: another gets the rounds
// reached, as its data does, since how many rounds there are and when
// the story jumps are the script's. Those pages show the story's clock as
// their data gives it, so a round reached later moves it there.
func (srv *Server) jumps(all bool) string {
	st, now := srv.j.State(), srv.now()
	out := [][2]int64{}
	for _, r := range srv.s.Rounds() {
		if all || st.Started && r.Offset <= st.StoryOffset(now) {
			out = append(out, [2]int64{r.Offset.Milliseconds(), r.Story.Milliseconds()})
		}
	}
	data, _ := json.Marshal(out)
	return string(data)
}
