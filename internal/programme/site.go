package programme

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"regexp"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/csvw"
	"github.com/propdeck/propdeck/internal/icsw"
	"github.com/propdeck/propdeck/internal/ledger"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/parallel"
)

//go:embed pages.html.tmpl
var pagesText string

// html/template writes every value as text (or as a checked address in
// href): nothing a record or the ledger says becomes markup or script.
var pages = template.Must(template.New("pages").Funcs(template.FuncMap{
	"chartLeft": func() float64 { return chartLeft },
	"sub":       func(a, b float64) float64 { return a - b },
	"covered":   func(title string, list []covered) map[string]any { return map[string]any{"Title": title, "List": list} },
	// Replaced by pagesIn with a language's words.
	"w":     func() words { return words{} },
	"value": func(v string) string { return v },
}).Parse(pagesText))

// Options are what a programme's pages count from.
type Options struct {
	Today time.Time // ages and overdue are counted to this day
	Since time.Time // the last review: actions closed since are listed
	Lang  string    // the pages' and calendars' language; English when empty
}

// row is an action as the page and the CSV show it.
type row struct {
	ledger.Item
	Age     int
	Overdue bool
	Href    string
	Row     template.HTML // its row in a table of open actions, made once
}

// The index shows the latest sessions and the trends most in need of
// attention; each scenario's page has all of its own. An organisation's
// thousands of sessions would make the index megabytes long.
const indexSessions, indexTrends = 50, 20

// link is a named page.
type link struct{ Name, Href string }

// site is what every page is built from, worked out once.
type site struct {
	f        *Folder
	l        *ledger.Ledger
	opt      Options
	w        words
	n        names
	sessions []session
	trends   []trend
	retests  map[string][]retest
	// by scenario: its sessions and trends
	scSessions map[string][]session
	scTrends   map[string][]trend
}

// Files are the programme's outputs: index.html and a page per scenario,
// team and action; actions.csv of the open actions; actions.ics of every
// open action's due date, and one due-ID.ics per such action for a
// single import.
func Files(f *Folder, l *ledger.Ledger, opt Options) ([]output.File, error) {
	if f.planErr != nil {
		return nil, f.planErr
	}
	st := &site{f: f, l: l, opt: opt, w: wordsIn(opt.Lang), n: newNames(f, l)}
	st.sessions = sessions(f, st.n)
	if err := rowsHTML(st.opt.Lang, "session-row", st.sessions, func(s *session) *template.HTML { return &s.Row }); err != nil {
		return nil, err
	}
	st.trends = trendsOf(f, st.n, "")
	st.retests = retestsBy(f, st.n)
	st.scSessions, st.scTrends = map[string][]session{}, map[string][]trend{}
	for _, s := range st.sessions {
		st.scSessions[s.Scenario] = append(st.scSessions[s.Scenario], s)
	}
	for _, t := range st.trends {
		st.scTrends[t.Scenario] = append(st.scTrends[t.Scenario], t)
	}
	open := st.rows(Open(l.Items, opt.Today))
	if err := rowsHTML(st.opt.Lang, "action-row", open, func(r *row) *template.HTML { return &r.Row }); err != nil {
		return nil, err
	}
	files, err := st.pages(open)
	if err != nil {
		return nil, err
	}
	csv, err := actionsCSV(open)
	if err != nil {
		return nil, err
	}
	files = append(files, output.File{Name: "actions.csv", Data: csv})
	var all []icsw.Event
	seen := map[string]bool{}
	for _, r := range open {
		if r.DueValue.IsZero() {
			continue
		}
		e := st.w.event(r)
		all = append(all, e)
		name := "due-" + slug(r.ID, seen) + ".ics"
		files = append(files, output.File{Name: name, Data: icsw.Calendar(r.Title, opt.Today, []icsw.Event{e})})
	}
	files = append(files, output.File{Name: "actions.ics", Data: icsw.Calendar(st.w.DueCalendar, opt.Today, all)})
	if f.plan != nil {
		files = append(files, f.plan.calendars(f, opt.Today, st.w)...)
	}
	return files, nil
}

// pages are index.html and the scenario, team and action pages, each
// made by its own worker (an organisation's programme has thousands).
func (st *site) pages(open []row) ([]output.File, error) {
	type page struct {
		name, tmpl string
		data       func() any
	}
	jobs := []page{{"index.html", "index", func() any { return st.index(open) }}}
	for _, id := range scenarioIDs(st.f) {
		jobs = append(jobs, page{st.n.scenario[id], "scenario", func() any { return st.scenarioPage(id, open) }})
	}
	for _, t := range teams(st.f) {
		jobs = append(jobs, page{st.n.team[t], "team", func() any { return st.teamPage(t, open) }})
	}
	for _, r := range st.rows(st.l.Items) {
		if r.IsClosed() && r.ClosedValue.Before(st.opt.Since) {
			continue // linked from no page: closed before the last review
		}
		jobs = append(jobs, page{r.Href, "action", func() any {
			return struct {
				row
				More map[string]any
			}{r, map[string]any{"RetestHref": st.n.scenario[r.Retest], "Retests": st.retests[r.ID]}}
		}})
	}
	tmpl := pagesIn(st.opt.Lang)
	files, errs := parallel.Map(context.Background(), len(jobs), func(i int) (output.File, error) {
		var b bytes.Buffer
		if err := tmpl.ExecuteTemplate(&b, jobs[i].tmpl, jobs[i].data()); err != nil {
			return output.File{}, fmt.Errorf("%s: %w", jobs[i].name, err)
		}
		return output.File{Name: jobs[i].name, Data: b.Bytes()}, nil
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return files, nil
}

func (st *site) index(open []row) map[string]any {
	var scs, tms []link
	for _, id := range scenarioIDs(st.f) {
		scs = append(scs, link{Name: id, Href: st.n.scenario[id]})
	}
	for _, t := range teams(st.f) {
		tms = append(tms, link{Name: t, Href: st.n.team[t]})
	}
	return map[string]any{
		"Today": st.opt.Today.Format(time.DateOnly), "Since": st.opt.Since.Format(time.DateOnly),
		"Sessions": st.sessions[:min(len(st.sessions), indexSessions)], "Held": len(st.sessions), "Open": open, "Overdue": overdue(open),
		"Closed": st.rows(closedSince(st.l.Items, st.opt.Since)), "Skipped": len(st.f.Skipped),
		"Scenarios": scs, "Teams": tms, "Trends": needsAttention(st.trends, indexTrends),
		"Coverage": coverageOf(st.f, st.opt.Today), "Undrilled": undrilledPicks(st.f, st.n),
	}
}

func (st *site) scenarioPage(id string, open []row) map[string]any {
	page := map[string]any{"ID": id, "Title": id, "Trends": st.scTrends[id]}
	if s := st.f.Scenarios[id]; s != nil {
		page["Title"], page["Summary"] = s.Title(), s.Meta().Summary
	}
	ss := st.scSessions[id]
	var mine []row
	for _, r := range open {
		if r.Retest == id {
			mine = append(mine, r)
		}
	}
	page["Sessions"], page["Open"] = ss, mine
	return page
}

func (st *site) teamPage(team string, open []row) map[string]any {
	var ss []session
	roles := newTally(st.opt.Today)
	for _, id := range scenarioIDs(st.f) {
		if s := st.f.Scenarios[id]; s != nil {
			for _, ro := range s.Roles() {
				roles.know(ro.ID, ro.Name, "")
			}
		}
	}
	for _, s := range st.sessions {
		played := false
		for _, p := range s.Roster {
			if p.Team == team || (p.Team == "" && s.Team == team) {
				roles.saw(p.Role, s.Record)
				played = true
			}
		}
		if played || s.Team == team {
			ss = append(ss, s)
		}
	}
	var mine []row
	for _, r := range open {
		if r.Owner == team {
			mine = append(mine, r)
		}
	}
	return map[string]any{"Name": team, "Sessions": ss, "Roles": roles.list(), "Open": mine}
}

func (st *site) rows(items []ledger.Item) []row {
	out := make([]row, len(items))
	for i, it := range items {
		out[i] = row{Item: it, Age: it.Age(st.opt.Today), Overdue: it.Overdue(st.opt.Today), Href: st.n.action[it.ID]}
	}
	return out
}

func overdue(rs []row) int {
	n := 0
	for _, r := range rs {
		if r.Overdue {
			n++
		}
	}
	return n
}

// event is an open action's due date as an all-day event.
func (w words) event(r row) icsw.Event {
	desc := fmt.Sprintf(w.DueDescription, r.ID)
	if r.Owner != "" {
		desc += "\n" + fmt.Sprintf(w.DueOwner, r.Owner)
	}
	if r.Note != "" {
		desc += "\n" + r.Note
	}
	return icsw.Event{UID: r.ID + "@propdeck", Day: r.DueValue, Summary: fmt.Sprintf(w.DueSummary, r.Title), Description: desc, URL: r.Link}
}

var unsafeName = regexp.MustCompile(`[^\p{L}\p{N}-]+`)

// slug is a file name from an id, made unique among those seen.
func slug(id string, seen map[string]bool) string {
	s := strings.Trim(unsafeName.ReplaceAllString(id, "_"), "_")
	if s == "" {
		s = "action"
	}
	name := s
	for n := 2; seen[name]; n++ {
		name = fmt.Sprintf("%s-%d", s, n)
	}
	seen[name] = true
	return name
}

// bom starts the CSV: Excel reads UTF-8 (Korean, accents) only after it.
const bom = "\ufeff"

// actionsCSV is the open actions for a tracker's import, by csvw's rules.
func actionsCSV(open []row) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(bom)
	w := csvw.New(&b)
	w.Write("id", "title", "owner", "due", "status", "overdue", "age_days", "opened", "link", "note", "retest", "retest_action")
	for _, r := range open {
		w.Write(r.ID, r.Title, r.Owner, r.Due, r.Status, fmt.Sprint(r.Overdue), fmt.Sprint(r.Age), r.Opened, r.Link, r.Note, r.Retest, r.RetestAction)
	}
	// Flush before taking the bytes: the writer buffers.
	err := w.Flush()
	return b.Bytes(), err
}

// rowsHTML makes each item's row of a table once, by the template named
// row, for every page that lists it: a session is listed on the index, its
// scenario's page and its team's, an open action on three pages too, and
// executing a template's actions is most of what the pages cost.
func rowsHTML[T any](lang, name string, items []T, into func(*T) *template.HTML) error {
	tmpl := pagesIn(lang)
	_, errs := parallel.Map(context.Background(), len(items), func(i int) (struct{}, error) {
		var b strings.Builder
		err := tmpl.ExecuteTemplate(&b, name, &items[i])
		// The template wrote it, escaping every value as text.
		*into(&items[i]) = template.HTML(b.String())
		return struct{}{}, err
	})
	return errors.Join(errs...)
}
