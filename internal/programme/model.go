package programme

import (
	"cmp"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/ledger"
	"github.com/propdeck/propdeck/internal/premortem"
	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// session is a record as the pages show it.
type session struct {
	*records.Record
	Title    string // the scenario's title, or its id when the folder lacks it
	Href     string // the scenario's page
	TeamHref string
	Players  []player
	Row      template.HTML // its row in a table of sessions, made once
}

// player is one roster line with the role's name.
type player struct {
	records.Player
	RoleName string
}

// names are the pages' file names, fixed once for the whole site so that
// every link to a page is the page's name.
type names struct {
	scenario, team, action map[string]string
}

func newNames(f *Folder, l *ledger.Ledger) names {
	n := names{scenario: map[string]string{}, team: map[string]string{}, action: map[string]string{}}
	seen := map[string]bool{"index": true}
	for _, id := range scenarioIDs(f) {
		n.scenario[id] = "scenario-" + slug(id, seen) + ".html"
	}
	for _, t := range teams(f) {
		n.team[t] = "team-" + slug(t, seen) + ".html"
	}
	for _, it := range l.Items {
		n.action[it.ID] = "action-" + slug(it.ID, seen) + ".html"
	}
	return n
}

// scenarioIDs are the ids of the folder's scenarios and of every scenario
// a record names, sorted.
func scenarioIDs(f *Folder) []string {
	set := map[string]bool{}
	for id := range f.Scenarios {
		set[id] = true
	}
	for _, r := range f.Records {
		set[r.Scenario] = true
	}
	return sortedKeys(set)
}

// teams are the teams the records name, the record's and its players', sorted.
func teams(f *Folder) []string {
	set := map[string]bool{}
	for _, r := range f.Records {
		if r.Team != "" {
			set[r.Team] = true
		}
		for _, p := range r.Roster {
			if p.Team != "" {
				set[p.Team] = true
			}
		}
	}
	return sortedKeys(set)
}

func sortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// sessions are the records, newest first, as the pages show them.
func sessions(f *Folder, n names) []session {
	out := make([]session, 0, len(f.Records))
	for i := len(f.Records) - 1; i >= 0; i-- {
		r := f.Records[i]
		s := session{Record: r, Title: r.Scenario, Href: n.scenario[r.Scenario], TeamHref: n.team[r.Team]}
		sc := f.Scenarios[r.Scenario]
		if sc != nil {
			s.Title = sc.Title()
		}
		for _, p := range r.Roster {
			s.Players = append(s.Players, player{Player: p, RoleName: roleName(sc, p.Role)})
		}
		out = append(out, s)
	}
	return out
}

func roleName(s *scenarios.Session, id string) string {
	if s != nil {
		for _, ro := range s.Roles() {
			if ro.ID == id {
				return ro.Name
			}
		}
	}
	return id
}

// covered is one thing a programme should exercise, and when it last did.
type covered struct {
	Name, Detail string
	Last         string // the last session's date; "" never
	Days         int    // days since it
	Sessions     int
}

// Never reports a thing no session exercised.
func (c covered) Never() bool { return c.Last == "" }

// Stale reports a thing last exercised more than a year ago.
func (c covered) Stale() bool { return c.Last != "" && c.Days > 365 }

// tally counts sessions into covered things by key.
type tally struct {
	today time.Time
	items map[string]*covered
	order []string
}

func newTally(today time.Time) *tally { return &tally{today: today, items: map[string]*covered{}} }

// know adds a thing that should be exercised, once.
func (t *tally) know(key, name, detail string) {
	if _, ok := t.items[key]; !ok {
		t.items[key] = &covered{Name: name, Detail: detail}
		t.order = append(t.order, key)
	}
}

// saw counts a session of the date r held, for key.
func (t *tally) saw(key string, r *records.Record) {
	t.know(key, key, "")
	c := t.items[key]
	c.Sessions++
	if r.Date > c.Last {
		c.Last = r.Date
		c.Days = int(t.today.Sub(r.DateValue).Hours() / 24)
	}
}

// list is the things, the never-exercised first, then the longest unexercised.
func (t *tally) list() []covered {
	out := make([]covered, 0, len(t.order))
	for _, k := range t.order {
		out = append(out, *t.items[k])
	}
	slices.SortStableFunc(out, func(a, b covered) int {
		if a.Never() != b.Never() {
			if a.Never() {
				return -1
			}
			return 1
		}
		return cmp.Or(strings.Compare(a.Last, b.Last), strings.Compare(a.Name, b.Name))
	})
	return out
}

// coverage is what the programme exercised, and when last.
type coverage struct {
	Systems, Roles, People, Themes []covered
}

func coverageOf(f *Folder, today time.Time) coverage {
	sys, roles, people, themes := newTally(today), newTally(today), newTally(today), newTally(today)
	for _, id := range scenarioIDs(f) {
		if s := f.Scenarios[id]; s != nil {
			for _, x := range s.Systems() {
				sys.know(x.ID, x.Name, x.Owner)
			}
			for _, ro := range s.Roles() {
				roles.know(ro.ID, ro.Name, "")
			}
		}
	}
	for _, p := range f.Picks {
		themes.know(themeOf(p), themeOf(p), "")
	}
	run := map[string][]*records.Record{}
	for _, r := range f.Records {
		run[r.Scenario] = append(run[r.Scenario], r)
		countSession(f, r, sys, roles, people)
	}
	for _, p := range f.Picks {
		for _, r := range run[p.Starter] {
			themes.saw(themeOf(p), r)
		}
	}
	return coverage{Systems: sys.list(), Roles: roles.list(), People: people.list(), Themes: themes.list()}
}

// countSession counts one session: its scenario's systems; the roles its
// roster names (every role of its scenario when it has no roster); its
// players and participants.
func countSession(f *Folder, r *records.Record, sys, roles, people *tally) {
	s := f.Scenarios[r.Scenario]
	if s != nil {
		for _, x := range s.Systems() {
			sys.saw(x.ID, r)
		}
	}
	seen := map[string]bool{}
	for _, p := range r.Roster {
		if !seen["r\x00"+p.Role] {
			seen["r\x00"+p.Role] = true
			roles.saw(p.Role, r)
		}
	}
	if len(r.Roster) == 0 && s != nil {
		for _, ro := range s.Roles() {
			roles.saw(ro.ID, r)
		}
	}
	for _, name := range append(rosterPeople(r), r.Participants...) {
		if !seen["p\x00"+name] {
			seen["p\x00"+name] = true
			people.saw(name, r)
		}
	}
}

func rosterPeople(r *records.Record) []string {
	out := make([]string, 0, len(r.Roster))
	for _, p := range r.Roster {
		out = append(out, p.Person)
	}
	return out
}

func themeOf(p premortem.Pick) string {
	if t := strings.TrimSpace(p.Theme); t != "" {
		return t
	}
	return "(no theme)"
}

// undrilled is a premortem pick no session has drilled yet.
type undrilled struct {
	premortem.Pick
	Written bool // its starter scenario is in the folder
	Href    string
}

func undrilledPicks(f *Folder, n names) []undrilled {
	run := map[string]bool{}
	for _, r := range f.Records {
		run[r.Scenario] = true
	}
	var out []undrilled
	for _, p := range f.Picks {
		if !run[p.Starter] {
			_, written := f.Scenarios[p.Starter]
			out = append(out, undrilled{Pick: p, Written: written, Href: n.scenario[p.Starter]})
		}
	}
	return out
}
