// Package report turns a session record into what a team keeps: a
// Markdown after-action report, action items a tracker can import, and the
// Master Scenario Events List of a scenario.
package report

import (
	"bytes"
	"cmp"
	"fmt"
	"strings"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/csvw"
	"github.com/propdeck/propdeck/internal/mdw"
	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/vocab"
	"github.com/propdeck/propdeck/internal/written"
)

// Score counts the ratings of the expected actions.
type Score struct {
	Total, Met, Partly, NotMet, NA, Unrated int
}

// ScoreOf counts a record's ratings.
func ScoreOf(r *records.Record) Score {
	sc := Score{Total: len(r.Expected)}
	for _, e := range r.Expected {
		switch e.Rating {
		case "met":
			sc.Met++
		case "partly":
			sc.Partly++
		case "not-met":
			sc.NotMet++
		case "n/a":
			sc.NA++
		default:
			sc.Unrated++
		}
	}
	return sc
}

// Line is the score as a sentence: "5 of 7 met, 1 partly, 1 not met, …".
func (sc Score) Line(lb cards.Labels) string {
	return fmt.Sprintf(lb.Score, sc.Met, sc.Total, sc.Partly, sc.NotMet, sc.NA, sc.Unrated)
}

// Markdown is the after-action report: who, what, the timeline, the
// expected actions and their score, the findings and the action items.
// Every piece of outside text goes through mdw for the place it stands.
func Markdown(s *scenarios.Session, r *records.Record) []byte {
	lb := cards.LabelsFor(s.Language())
	roles := map[string]string{}
	for _, ro := range s.Roles() {
		roles[ro.ID] = ro.Name
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s: %s\n\n", lb.Report, mdw.Heading(s.Title()))
	mdPeople(&b, r, lb)
	mdRoster(&b, r, lb, roles)
	fmt.Fprintf(&b, "\n## %s\n\n", lb.Scenario)
	fmt.Fprintf(&b, "%s (`%s`)", mdw.Inline(s.Title()), s.ID())
	if s.Meta().Summary != "" {
		b.WriteString(": " + mdw.Inline(s.Meta().Summary))
	}
	b.WriteString("\n")
	if r.Summary != "" {
		fmt.Fprintf(&b, "\n## %s\n\n%s\n", lb.Summary, mdw.Inline(r.Summary))
	}
	mdTimeline(&b, s, r, lb, roles)
	mdNeverAsked(&b, s, r, lb)
	mdExpected(&b, r, lb, roles)
	mdRetested(&b, r, lb)
	mdFindings(&b, r, lb)
	mdRoom(&b, r, lb, roles)
	mdActions(&b, r, lb)
	return b.Bytes()
}

func mdPeople(b *bytes.Buffer, r *records.Record, lb cards.Labels) {
	meta := []string{fmt.Sprintf("**%s:** %s", lb.Date, mdw.Inline(r.Date))}
	if r.Facilitator != "" {
		meta = append(meta, fmt.Sprintf("**%s:** %s", lb.Facilitator2, mdw.Inline(r.Facilitator)))
	}
	if r.Scribe != "" {
		meta = append(meta, fmt.Sprintf("**%s:** %s", lb.Scribe2, mdw.Inline(r.Scribe)))
	}
	b.WriteString(strings.Join(meta, " · ") + "\n")
	if len(r.Participants) > 0 {
		names := make([]string, len(r.Participants))
		for i, p := range r.Participants {
			names[i] = mdw.Inline(p)
		}
		fmt.Fprintf(b, "\n**%s:** %s\n", lb.Participants, strings.Join(names, ", "))
	}
}

// mdRoster says who played which role, when the record has a roster.
func mdRoster(b *bytes.Buffer, r *records.Record, lb cards.Labels, roles map[string]string) {
	if len(r.Roster) == 0 {
		return
	}
	var players []string
	for _, p := range r.Roster {
		players = append(players, mdw.Inline(cmp.Or(roles[p.Role], p.Role))+": "+mdw.Inline(p.Person))
	}
	fmt.Fprintf(b, "\n**%s:** %s\n", lb.Roster, strings.Join(players, "; "))
}

// mdRetested is how the programme's open actions fared when retested.
func mdRetested(b *bytes.Buffer, r *records.Record, lb cards.Labels) {
	if len(r.Retested) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## %s\n\n| %s | %s | %s |\n|---|---|---|\n", lb.Retests, lb.Action, lb.Evaluator2, lb.Note)
	for _, t := range r.Retested {
		fmt.Fprintf(b, "| %s | %s | %s |\n", mdw.Cell(t.Action), lb.RatingNames[t.Rating], mdw.Cell(t.Note))
	}
}

func mdTimeline(b *bytes.Buffer, s *scenarios.Session, r *records.Record, lb cards.Labels, roles map[string]string) {
	if len(r.Timeline) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## %s\n\n| %s | %s | %s | %s | %s |\n|---|---|---|---|---|\n", lb.Timeline, lb.Time, lb.Clock2, lb.WhatHappened, lb.Decision, lb.WhoDecided)
	for _, e := range r.Timeline {
		who := e.Who
		if n, ok := roles[e.Who]; ok {
			who = n
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", written.FormatOffset(e.Offset), s.Clock(e.Offset), mdw.Cell(e.What), mdw.Cell(e.Decision), mdw.Cell(who))
	}
}

// mdNeverAsked lists the on-request cards nobody asked for: data the team
// could have had.
func mdNeverAsked(b *bytes.Buffer, s *scenarios.Session, r *records.Record, lb cards.Labels) {
	if len(r.NeverAsked) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## %s\n\n", lb.NeverAsked)
	for _, id := range r.NeverAsked {
		if c, ok := s.Clue(id); ok && c.Mode == written.OnRequest {
			fmt.Fprintf(b, "- `%s` %s: %s\n", id, mdw.Inline(c.Ask), mdw.Inline(c.Title))
		}
	}
}

func mdExpected(b *bytes.Buffer, r *records.Record, lb cards.Labels, roles map[string]string) {
	if len(r.Expected) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## %s\n\n%s\n\n| %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|\n", lb.Expected, ScoreOf(r).Line(lb), lb.Role, lb.Action, lb.Due, lb.Evaluator2, lb.Observed, lb.Note)
	for _, e := range r.Expected {
		observed := ""
		if e.HasObserved {
			observed = written.FormatOffset(e.ObservedOffset)
		}
		if e.Late() {
			observed += " (" + fmt.Sprintf(lb.LateBy, written.FormatOffset(e.ByOffset)) + ")"
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", mdw.Cell(roles[e.Role]+" ("+e.Role+")"), mdw.Cell(e.Action), mdw.Cell(e.By), lb.RatingNames[e.Rating], observed, mdw.Cell(e.Note))
	}
}

func mdFindings(b *bytes.Buffer, r *records.Record, lb cards.Labels) {
	var findings bytes.Buffer
	for _, key := range vocab.FindingList.Values {
		items := r.Findings.List(key)
		if len(items) == 0 {
			continue
		}
		fmt.Fprintf(&findings, "\n### %s\n\n", lb.FindingTitles[key])
		for _, it := range items {
			fmt.Fprintf(&findings, "- %s\n", mdw.Item(it))
		}
	}
	if findings.Len() > 0 {
		fmt.Fprintf(b, "\n## %s\n", lb.Findings2)
		b.Write(findings.Bytes())
	}
}

func mdActions(b *bytes.Buffer, r *records.Record, lb cards.Labels) {
	if len(r.Actions) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## %s\n\n| # | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|\n", lb.ActionItems, lb.Action, lb.ActionKind, lb.Owner2, lb.Due, lb.From)
	for i, a := range r.Actions {
		from := ""
		if a.From != "" {
			from = lb.FindingTitles[a.From]
		}
		fmt.Fprintf(b, "| %d | %s | %s | %s | %s | %s |\n", i+1, mdw.Cell(a.Title), lb.KindNames[a.Kind], mdw.Cell(a.Owner), mdw.Cell(a.Due), mdw.Cell(from))
	}
}

// bom starts every CSV: without it Excel reads UTF-8 as the machine's
// code page, and Korean text comes out garbled.
const bom = "\ufeff"

// ActionsCSV is one row per action item, for a tracker's CSV import:
// RFC 4180 (CRLF line ends, quotes where needed), UTF-8 with a BOM.
func ActionsCSV(s *scenarios.Session, r *records.Record) []byte {
	var b bytes.Buffer
	b.WriteString(bom)
	w := csvw.New(&b)
	w.Write("title", "kind", "owner", "due", "from", "scenario", "date")
	for _, a := range r.Actions {
		w.Write(a.Title, a.Kind, a.Owner, a.Due, a.From, s.ID(), r.Date)
	}
	w.Flush()
	return b.Bytes()
}

// mselRow is one clue of the Master Scenario Events List.
type mselRow struct {
	rv  scenarios.Reveal
	due []written.Expect // expected actions due by its time
}

// mselRows is every clue in run order (timed and contingent by time, then
// on request), each with the expected actions that fall due by then.
func mselRows(s *scenarios.Session) []mselRow {
	var expects []written.Expect
	for _, r := range s.Rounds() {
		expects = append(expects, r.Expect...)
	}
	used := make([]bool, len(expects))
	var rows []mselRow
	for _, rv := range s.Timeline().Reveals {
		row := mselRow{rv: rv}
		if rv.Mode() != written.OnRequest {
			for j, e := range expects {
				if !used[j] && e.HasBy && e.ByOffset <= rv.At() {
					used[j] = true
					row.due = append(row.due, e)
				}
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// MSEL is the Master Scenario Events List, one row per clue, as planners
// keep it in a spreadsheet: its id, so that a row matches a card; to as
// role ids, * for everyone and none for the facilitator's own.
func MSEL(s *scenarios.Session) []byte {
	var b bytes.Buffer
	b.WriteString(bom)
	w := csvw.New(&b)
	w.Write("seq", "id", "offset", "clock", "kind", "mode", "to", "system", "title", "ask", "condition", "replaces", "expected by then", "note")
	for i, row := range mselRows(s) {
		c := row.rv.Clue
		offset, clock := "", ""
		if row.rv.HasAt {
			offset, clock = written.FormatOffset(row.rv.At()), s.Clock(row.rv.At())
		}
		to := "*"
		if c.To != nil {
			to = cmp.Or(strings.Join(c.To, " "), "none")
		}
		var due []string
		for _, e := range row.due {
			due = append(due, fmt.Sprintf("%s: %s (%s)", e.Role, e.Action, written.FormatOffset(e.ByOffset)))
		}
		w.Write(fmt.Sprint(i+1), c.ID, offset, clock, c.Kind, string(row.rv.Mode()), to, c.System, c.Title, c.Ask, c.When, c.Replaces, strings.Join(due, "; "), c.Note)
	}
	w.Flush()
	return b.Bytes()
}

// HSEEPMSEL is the MSEL in the column names of the Homeland Security
// Exercise and Evaluation Program's template, in the scenario's language
// for what it prints: role and system names, kinds, when each is handed
// out.
func HSEEPMSEL(s *scenarios.Session) []byte {
	var b bytes.Buffer
	b.WriteString(bom)
	w := csvw.New(&b)
	for _, row := range HSEEPRows(s) {
		w.Write(row...)
	}
	w.Flush()
	return b.Bytes()
}

// HSEEPRows are the HSEEP MSEL's header and rows, for a CSV or a sheet.
func HSEEPRows(s *scenarios.Session) [][]string {
	lb := cards.LabelsFor(s.Language())
	roles := map[string]string{}
	for _, ro := range s.Roles() {
		roles[ro.ID] = ro.Name
	}
	out := [][]string{{"Seq No", "Time", "Inject Type", "Delivery Method", "From", "To", "Inject Description", "Expected Action", "Notes"}}
	for i, row := range mselRows(s) {
		c := row.rv.Clue
		when := lb.Modes[written.OnRequest]
		if row.rv.HasAt {
			when = written.FormatOffset(row.rv.At()) + " (" + s.Clock(row.rv.At()) + ")"
		}
		to := lb.Everyone
		if c.To != nil {
			var names []string
			for _, id := range c.To {
				names = append(names, roles[id])
			}
			to = cmp.Or(strings.Join(names, "; "), lb.FacilitatorOnly)
		}
		from := sender(s, c, lb)
		var due []string
		for _, e := range row.due {
			due = append(due, fmt.Sprintf("%s: %s (%s)", roles[e.Role], e.Action, written.FormatOffset(e.ByOffset)))
		}
		notes := strings.TrimSpace(strings.Join(nonEmpty(c.ID, c.When, c.Note), " — "))
		out = append(out, []string{fmt.Sprint(i + 1), when, lb.Kinds[c.Kind], delivery(row.rv, lb), from, to, strings.TrimSpace(c.Title + "\n" + c.Body), strings.Join(due, "; "), notes})
	}
	return out
}

// sender is HSEEP's "From": who a clue comes from in the story. A
// customer or the public speaks for themselves; another clue comes from
// its system when it has one, else from whom its kind implies.
func sender(s *scenarios.Session, c *written.Clue, lb cards.Labels) string {
	if c.System != "" && c.Kind != "customer" && c.Kind != "social" {
		return systemName(s, c.System)
	}
	return cmp.Or(lb.Senders[c.Kind], lb.Facilitator)
}

// delivery says how a clue reaches the players.
func delivery(rv scenarios.Reveal, lb cards.Labels) string {
	m := lb.Modes[rv.Mode()]
	if rv.Clue.Ask != "" {
		m += ": " + rv.Clue.Ask
	}
	return m
}

func systemName(s *scenarios.Session, id string) string {
	for _, sys := range s.Systems() {
		if sys.ID == id {
			return sys.Name
		}
	}
	return id
}

func nonEmpty(list ...string) []string {
	var out []string
	for _, x := range list {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}
