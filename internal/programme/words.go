package programme

import (
	"html/template"
	"sync"

	"github.com/propdeck/propdeck/internal/text"
)

// words are the programme's words in one language: its site, evidence
// pack and calendars, from the catalogs' programme.toml. A field with %s
// or %d is a format.
type words struct {
	Lang              string
	Programme         string
	Action            string
	Owner             string
	Due               string
	Age               string
	Status            string
	RetestedBy        string
	OverdueMark       string
	Days              string
	NoOpen            string
	When              string
	Scenario          string
	Team              string
	Facilitator       string
	WhoPlayed         string
	Roles             string
	Summary           string
	NoSessions        string
	LastExercised     string
	Sessions          string
	Never             string
	DaysAgo           string
	System            string
	Role              string
	Person            string
	Theme             string
	AsOf              string
	Skipped           string
	ScenariosList     string
	TeamsList         string
	OpenActions       string
	DoneSince         string
	Closed            string
	Note              string
	None              string
	SessionsHeld      string
	LatestOf          string
	TrendsHead        string
	AllMet            string
	Coverage          string
	CoverageHint      string
	Undrilled         string
	Picked            string
	Failure           string
	PickTheme         string
	Written           string
	NotWritten        string
	AllDrilled        string
	RetestsOpen       string
	Trends            string
	NoTrends          string
	RolesPlayed       string
	OwnedOpen         string
	Id                string
	Opened            string
	Tracker           string
	Retests           string
	Rating            string
	NotRetested       string
	Values            map[string]string
	EvidenceTitle     string
	EvidenceSubtitle  string
	Prepared          string
	About             []string
	AboutHead         string
	CorrectiveActions string
	FilesNotRead      string
	NotReadLine       string
	SummaryHeld       string
	SummaryActions    string
	Purpose           string
	Participants      string
	Objective         string
	NotRated          string
	CorrectiveAction  string
	Retest            string
	Findings          map[string]string
	NoneNamed         string
	NoDate            string
	ClosedOn          string
	OverdueStatus     string
	RetestBy          string
	RetestAction      string
	CoverageLine      string
	NeverExercised    string
	People            string
	Systems           string
	ThemesLong        string
	DueSummary        string
	DueDescription    string
	DueOwner          string
	DueCalendar       string
	NextSummary       string
	NextTeam          string
	NextScenario      string
	ToBeChosen        string
	Where             string
	NextCalendar      string
	ReviewSummary     string
	ReviewDescription string
	ReviewCalendar    string
}

// wordsIn are the words of lang (English for a language without them).
func wordsIn(lang string) words { return text.Load[words](lang, "programme") }

// value is a ledger status or a rating as the pages print it.
func (w words) value(v string) string {
	if s, ok := w.Values[v]; ok {
		return s
	}
	return v
}

// byLang are the pages' templates in each language, made once: the
// templates are parsed once and cloned with the language's words.
var byLang sync.Map

func pagesIn(lang string) *template.Template {
	if t, ok := byLang.Load(lang); ok {
		return t.(*template.Template)
	}
	w := wordsIn(lang)
	t := template.Must(pages.Clone()).Funcs(template.FuncMap{"w": func() words { return w }, "value": w.value})
	v, _ := byLang.LoadOrStore(lang, t)
	return v.(*template.Template)
}
