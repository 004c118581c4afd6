// Package records holds the session record a scribe types in after a
// session (and run writes from a live one) and the roster of who played
// which role: decoded with the one strict decoder and checked against
// their scenario with its rules.
package records

import (
	"bytes"
	"context"
	"os"
	"reflect"
	"slices"
	"strconv"
	"time"

	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/suggest"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/vocab"
	"github.com/propdeck/propdeck/internal/written"
)

// Record is what a scribe types in after a session (format 1): who was
// there, what happened, how the expected actions went, what the team found
// and what it will change. It is checked against its scenario.
type Record struct {
	Format       int64    `toml:"format" required:"true" const:"1" doc:"Record format version; always 1."`
	Scenario     string   `toml:"scenario" required:"true" doc:"The id of the scenario the session ran."`
	Date         string   `toml:"date" required:"true" format:"date" doc:"The day of the session, YYYY-MM-DD."`
	Facilitator  string   `toml:"facilitator" doc:"Who ran the session."`
	Scribe       string   `toml:"scribe" doc:"Who wrote this record."`
	Team         string   `toml:"team" doc:"The team that played, as the programme names it (its own page and coverage); empty: no team."`
	Participants []string `toml:"participants" doc:"Everyone who took part."`
	Summary      string   `toml:"summary" doc:"The session in a sentence or two."`
	Timeline     []Event  `toml:"timeline" doc:"What happened, in order."`
	Expected     []Rated  `toml:"expected" doc:"The scenario's expected actions, rated."`
	Findings     Findings `toml:"findings" doc:"The scribe's and the debrief's findings."`
	Actions      []Action `toml:"actions" doc:"The improvement plan: action items with owners."`
	NeverAsked   []string `toml:"never_asked" doc:"On-request clues the team never asked for (ids); written from a live session's journal."`
	Roster       []Player `toml:"roster" doc:"Who played which role: given at the console's start (run --roster) or typed in."`
	Retested     []Retest `toml:"retested" doc:"The programme's open actions this session retested, and how (build or run --programme)."`
	// What the room said, from a live session's journal (see roomrecord.go).
	Asks    []Asked    `toml:"asks" doc:"What players asked for from their role's page, and how each was answered; written from a live session's journal."`
	Answers []Answered `toml:"answers" doc:"Each role's answers, per round; written from a live session's journal."`
	Polls   []Polled   `toml:"polls" doc:"Every poll of the session: its question, its distribution, its agreement and its expected answer."`
	HotWash HotWash    `toml:"hot_wash" doc:"The hot wash: how many answered and what they said, never who."`

	File       string       `toml:"-"`
	DateValue  time.Time    `toml:"-"`
	ScenarioAt tomlfile.Pos `toml:"-"` // where scenario = is written, for a programme's messages
}

// Player is one line of a session's roster.
type Player struct {
	Role   string `toml:"role" required:"true" doc:"The role id, as in the scenario."`
	Person string `toml:"person" required:"true" doc:"Who played it."`
	Team   string `toml:"team" doc:"The person's team, when not the record's."`
}

// Retest is an open action of the programme's ledger rated in a session.
type Retest struct {
	Action string `toml:"action" required:"true" doc:"The action's id in the ledger, e.g. eu-db-latency/2026-03-10/1."`
	Rating string `toml:"rating" vocab:"rating,empty" doc:"met, partly, not-met or n/a; empty until rated. propdeck actions DIR sync --close-met closes an action rated met."`
	Note   string `toml:"note" doc:"What the observer saw."`
}

// Event is one line of the session's timeline.
type Event struct {
	At       string `toml:"at" required:"true" format:"offset" doc:"An offset such as T+4m, or a wall clock such as 09:04 when the scenario has a start."`
	What     string `toml:"what" required:"true" doc:"What happened."`
	Decision string `toml:"decision" doc:"A decision taken then."`
	Who      string `toml:"who" doc:"The role id who acted or decided."`

	Offset time.Duration `toml:"-"`
}

// ratings are how an expected action went; "" until rated.
var ratings = vocab.Rating.Values

// Rated is one expected action of the scenario with its rating.
type Rated struct {
	Role     string `toml:"role" required:"true" doc:"The role id, as in the scenario."`
	Action   string `toml:"action" required:"true" doc:"The action, as in the scenario."`
	By       string `toml:"by" format:"offset" blank:"ok" doc:"By when, as in the scenario."`
	Rating   string `toml:"rating" vocab:"rating,empty" doc:"met, partly, not-met or n/a; empty until rated."`
	Observed string `toml:"observed" format:"offset" blank:"ok" doc:"When it was seen done."`
	Note     string `toml:"note" doc:"What the observer saw."`

	ObservedOffset time.Duration `toml:"-"`
	HasObserved    bool          `toml:"-"`
	ByOffset       time.Duration `toml:"-"`
	HasBy          bool          `toml:"-"`
}

// Late reports an action done (met or partly) after its deadline.
func (e Rated) Late() bool {
	return e.HasBy && e.HasObserved && e.ObservedOffset > e.ByOffset && (e.Rating == "met" || e.Rating == "partly")
}

// Findings are the scribe and debrief boxes, each a list of short notes.
type Findings struct {
	Confusion         []string `toml:"confusion" doc:"Where people were confused."`
	MissingData       []string `toml:"missing_data" doc:"Data or tools that were missing."`
	Ownership         []string `toml:"ownership" doc:"Where ownership was unclear."`
	RunbookGaps       []string `toml:"runbook_gaps" doc:"Runbook steps nobody could carry out."`
	ShouldHaveExisted []string `toml:"should_have_existed" doc:"What should have existed."`
	Worked            []string `toml:"worked" doc:"What worked."`
	Broke             []string `toml:"broke" doc:"What broke."`
	AskedNoCard       []string `toml:"asked_no_card" doc:"What the team asked for that no card answered."`
}

// FindingLists names the findings lists, in the order reports print them.

// List returns a findings list by its key.
func (f Findings) List(key string) []string {
	v := reflect.ValueOf(f)
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		if tomlfile.FieldName(t.Field(i)) == key {
			return v.Field(i).Interface().([]string)
		}
	}
	return nil
}

// actionKinds are what an action item changes.
var actionKinds = vocab.ActionKind.Values

// Action is one item of the improvement plan.
type Action struct {
	Title string `toml:"title" required:"true" doc:"What will change."`
	Kind  string `toml:"kind" vocab:"action-kind" doc:"runbook, alert, dashboard, training, process or other."`
	Owner string `toml:"owner" doc:"Who owns it: a person or a team."`
	Due   string `toml:"due" format:"date" doc:"When it is due, YYYY-MM-DD."`
	From  string `toml:"from" vocab:"finding-list" doc:"The findings list it answers."`

	DueValue time.Time `toml:"-"`
}

// LoadRecord reads a record file and checks it against its scenario.
func LoadRecord(path string, s *scenarios.Session) (*Record, error) {
	if info, err := os.Stat(path); err != nil {
		return nil, &tomlfile.Errors{{File: path, Text: text.M("no-such-file")}}
	} else if info.IsDir() {
		return nil, &tomlfile.Errors{{File: path, Text: text.M("folder-not-record")}}
	}
	data, err := input.Read(context.Background(), path, rules.MaxScenarioBytes)
	if err != nil {
		return nil, &tomlfile.Errors{tomlfile.ErrorIn(path, tomlfile.Pos{}, err)}
	}
	return ParseRecord(path, data, s)
}

// ParseRecord decodes a record held in data with the strict decoder, and
// checks it against s: every error at once, at its line, in the
// scenario's language.
func ParseRecord(name string, data []byte, s *scenarios.Session) (*Record, error) {
	r := &Record{File: name}
	// The record's times, ids and names are read against its scenario:
	// offsets or wall clocks on the day of its start, its roles.
	err := s.Decode(name, data, r, text.M("empty-record"), func(c rules.Check) {
		(&recordCheck{Check: c, r: r, s: s}).validate()
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// SniffRecord reads a file found in a programme folder that Kind calls a
// record: decoded strictly and checked on its own, without its scenario,
// its text held to what p prints.
func SniffRecord(name string, data []byte, p rules.Printing) (*Record, error) {
	r := &Record{File: name}
	err := rules.DecodeFileKeyed(name, data, r, p, text.M("empty-session-record"), func(c rules.Check) {
		rc := &recordCheck{Check: c, r: r}
		rc.own()
		r.ScenarioAt = c.At("scenario")
		if r.Scenario != "" && !rules.IDPattern.MatchString(r.Scenario) {
			c.Errorf("scenario", "record-scenario-id", "id", r.Scenario)
		}
		for i, e := range r.Expected {
			c.Enum("expected."+strconv.Itoa(i)+".rating", e.Rating, ratings...)
		}
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// recordCheck holds a record to its own rules and its scenario's.
type recordCheck struct {
	rules.Check
	r *Record
	s *scenarios.Session
}

func (v *recordCheck) validate() {
	r, s := v.r, v.s
	if r.Scenario != "" && r.Scenario != s.ID() {
		v.Errorf("scenario", "record-other-scenario", "record", r.Scenario, "given", s.ID())
	}
	v.own()
	roles := map[string]bool{}
	var roleIDs []string
	for _, ro := range s.Roles() {
		roles[ro.ID] = true
		roleIDs = append(roleIDs, ro.ID)
	}
	for i := range r.Timeline {
		e := &r.Timeline[i]
		p := "timeline." + strconv.Itoa(i)
		v.Offset(p+".at", e.At, &e.Offset)
		if e.Who != "" && !roles[e.Who] {
			v.UnknownRef(p+".who", "role", e.Who, roleIDs)
		}
	}
	v.expected(roles, roleIDs)
	v.neverAsked()
	for i, p := range r.Roster {
		if p.Role != "" && !roles[p.Role] {
			v.UnknownRef("roster."+strconv.Itoa(i)+".role", "role", p.Role, roleIDs)
		}
	}
}

// own checks what a record says of itself, with or without its scenario:
// its format, its date, and its action items.
func (v *recordCheck) own() {
	r := v.r
	for i, t := range r.Retested {
		v.Enum("retested."+strconv.Itoa(i)+".rating", t.Rating, ratings...)
	}
	if r.Format != 1 && v.Has("format") {
		v.Errorf("format", "format-unsupported", "format", r.Format, "kind", text.M("format-record"))
	}
	if r.Date != "" {
		r.DateValue, _ = v.Date("date", r.Date)
	}
	for i := range r.Actions {
		a := &r.Actions[i]
		p := "actions." + strconv.Itoa(i)
		v.Enum(p+".kind", a.Kind, actionKinds...)
		v.Enum(p+".from", a.From, vocab.FindingList.Values...)
		if a.Due != "" {
			if due, ok := v.Date(p+".due", a.Due); ok {
				a.DueValue = due
				if !r.DateValue.IsZero() && due.Before(r.DateValue) {
					v.Errorf(p+".due", "due-before-session", "name", v.Name(p), "due", a.Due, "date", r.Date)
				}
			}
		}
	}
}

// neverAsked checks that each id is one of the scenario's on-request clues.
func (v *recordCheck) neverAsked() {
	var ids []string
	for _, rv := range v.s.Timeline().Of(written.OnRequest) {
		ids = append(ids, rv.Clue.ID)
	}
	for i, id := range v.r.NeverAsked {
		if !slices.Contains(ids, id) {
			v.UnknownRef("never_asked."+strconv.Itoa(i), "on-request clue", id, ids)
		}
	}
}

// expected checks that every rated action is one the scenario expects.
func (v *recordCheck) expected(roles map[string]bool, roleIDs []string) {
	var known []string
	want := map[string]bool{}
	for _, rd := range v.s.Rounds() {
		for _, e := range rd.Expect {
			want[e.Role+"\x00"+e.Action] = true
			known = append(known, e.Action)
		}
	}
	for i := range v.r.Expected {
		e := &v.r.Expected[i]
		p := "expected." + strconv.Itoa(i)
		v.Enum(p+".rating", e.Rating, ratings...)
		// An empty observed or by is a box not filled in.
		if e.Observed != "" {
			e.HasObserved = v.Offset(p+".observed", e.Observed, &e.ObservedOffset)
		}
		if e.By != "" {
			e.HasBy = v.Offset(p+".by", e.By, &e.ByOffset)
		}
		switch {
		case e.Role != "" && !roles[e.Role]:
			v.UnknownRef(p+".role", "role", e.Role, roleIDs)
		case e.Action != "" && !want[e.Role+"\x00"+e.Action]:
			var hint text.Message
			if sg := suggest.Closest(e.Action, known); sg != "" {
				hint = text.M("hint-did-you-mean", "name", sg)
			} else if len(known) == 0 {
				hint = text.M("hint-no-expected")
			}
			v.Errorf(p+".action", "no-such-action", "name", v.Name(p), "action", e.Action, "role", e.Role, "hint", hint)
		}
	}
}

// Kind says what a TOML file found in a programme folder is, from its top
// level alone: "record" (scenario = "ID"), "scenario" (a [scenario]
// table), "premortem" ([[ideas]]), or "" for anything else (a catalog, a
// ledger, a plan). A file that is not TOML is "record", so that the
// record's decoder says where it breaks: a broken file is most often a
// record typed by hand.
func Kind(data []byte) string {
	if topLevelScenario(data) {
		return "record"
	}
	tree, _, perr := tomlfile.Parse(bytes.TrimPrefix(data, []byte("\ufeff")))
	if perr != nil {
		return "record"
	}
	switch tree["scenario"].(type) {
	case string:
		return "record"
	case map[string]any:
		return "scenario"
	}
	if _, ok := tree["ideas"].([]map[string]any); ok {
		return "premortem"
	}
	return ""
}

// topLevelScenario reports a line scenario = "…" before any table header:
// a record, known without parsing the file twice (its decoder parses it,
// and a programme reads thousands).
func topLevelScenario(data []byte) bool {
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		line = bytes.TrimSpace(bytes.TrimPrefix(line, []byte("\ufeff")))
		switch {
		case len(line) == 0 || line[0] == '#':
			continue
		case line[0] == '[':
			return false
		}
		if rest, ok := bytes.CutPrefix(line, []byte("scenario")); ok {
			rest = bytes.TrimLeft(rest, " \t")
			if v, ok := bytes.CutPrefix(rest, []byte("=")); ok {
				v = bytes.TrimLeft(v, " \t")
				return len(v) > 0 && (v[0] == '"' || v[0] == '\'')
			}
		}
	}
	return false
}
