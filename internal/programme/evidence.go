package programme

import (
	"fmt"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/ledger"
	"github.com/propdeck/propdeck/internal/mdw"
	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// Period is the span an evidence pack covers, both days included.
type Period struct{ From, To time.Time }

func (p Period) has(day string) bool {
	return day != "" && day >= p.From.Format(time.DateOnly) && day <= p.To.Format(time.DateOnly)
}

// about says what the pack is for, in the words the frameworks use for
// what they ask to be shown, and what it does not claim: an assessor
// decides whether a requirement is met, never the evidence itself.
var about = []string{
	"This pack records the incident-response exercises (tabletop sessions) held in the period and the follow-up of what they found: objectives and how each went, who took part in which role, the findings, and every corrective action with its owner, due date, status and retest.",
	"It is written to be offered as evidence where a framework asks an organisation to show that it tests its incident response and business continuity arrangements and acts on the results, for instance NIS2 (Article 21, incident handling, business continuity and crisis management, assessing the effectiveness of measures), DORA (testing of ICT business continuity and response and recovery plans, and lessons learned), ISO/IEC 27001 (Annex A controls on incident management, learning from incidents and ICT readiness) and SOC 2 (the common criteria on responding to and recovering from incidents).",
	"It does not state that any requirement of these or other frameworks is met; that judgement belongs to the assessor or auditor. It is generated from the programme's session records and action ledger, which remain the source.",
}

// Evidence is the programme's evidence pack for period: the sessions held
// in it, every corrective action opened in it or still open at its end,
// and the coverage summary.
func Evidence(f *Folder, l *ledger.Ledger, p Period, today time.Time) documents.Flowed {
	doc := documents.Flowed{
		Name:     "evidence",
		Title:    "Exercise programme: evidence pack",
		Subtitle: fmt.Sprintf("Exercises and corrective actions, %s to %s", p.From.Format(time.DateOnly), p.To.Format(time.DateOnly)),
		Date:     today.Format(time.DateOnly),
	}
	var held []*records.Record
	for _, r := range f.Records {
		if p.has(r.Date) {
			held = append(held, r)
		}
	}
	acts := actionsIn(l.Items, p)
	doc.Sections = append(doc.Sections,
		documents.FlowedSection{Heading: "About this pack", Items: []documents.FlowedItem{{Lines: about}}},
		summary(held, acts, p),
		documents.FlowedSection{Heading: "Sessions held", Items: sessionItems(f, held, l)},
		documents.FlowedSection{Heading: "Corrective actions", Items: actionItems(retestsBy(f, names{}), acts, p)},
		coverageSection(f, p.To))
	if n := len(f.Skipped); n > 0 {
		doc.Sections = append(doc.Sections, documents.FlowedSection{Heading: "Files not read", Items: []documents.FlowedItem{{Lines: []string{
			fmt.Sprintf("%d file(s) of the programme folder did not read and are not in this pack; propdeck programme lists each at FILE:LINE:COL.", n)}}}})
	}
	return doc
}

// actionsIn are the actions opened in the period, or opened before it and
// not closed before it started.
func actionsIn(items []ledger.Item, p Period) []ledger.Item {
	var out []ledger.Item
	from := p.From.Format(time.DateOnly)
	for _, it := range items {
		closedBefore := it.IsClosed() && it.Closed < from
		if p.has(it.Opened) || (it.Opened < from && !closedBefore) {
			out = append(out, it)
		}
	}
	return out
}

func summary(held []*records.Record, acts []ledger.Item, p Period) documents.FlowedSection {
	people, scs := map[string]bool{}, map[string]bool{}
	for _, r := range held {
		scs[r.Scenario] = true
		for _, n := range append(rosterPeople(r), r.Participants...) {
			people[n] = true
		}
	}
	open, overdue, closed := 0, 0, 0
	for _, it := range acts {
		switch {
		case it.IsClosed() && !it.ClosedValue.After(p.To):
			closed++
		case it.Overdue(p.To):
			overdue++
			open++
		default:
			open++
		}
	}
	return documents.FlowedSection{Heading: "Summary", Items: []documents.FlowedItem{{Lines: []string{
		fmt.Sprintf("%d sessions of %d scenarios, with %d people taking part.", len(held), len(scs), len(people)),
		fmt.Sprintf("%d corrective actions in the period: %d closed, %d open at its end, %d of them past their due date.", len(acts), closed, open, overdue),
	}}}}
}

func sessionItems(f *Folder, held []*records.Record, l *ledger.Ledger) []documents.FlowedItem {
	var out []documents.FlowedItem
	for _, r := range held {
		s := f.Scenarios[r.Scenario]
		title := r.Scenario
		if s != nil {
			title = s.Scenario.Title + " (" + r.Scenario + ")"
		}
		it := documents.FlowedItem{Head: r.Date + " — " + title}
		add := func(label, v string) {
			if strings.TrimSpace(v) != "" {
				it.Lines = append(it.Lines, label+": "+v)
			}
		}
		add("Team", r.Team)
		add("Facilitator", r.Facilitator)
		if s != nil {
			add("Purpose", s.Scenario.Summary)
		}
		add("Participants and roles", participants(s, r))
		add("Summary", r.Summary)
		for _, e := range r.Expected {
			add("Objective", fmt.Sprintf("%s (%s): %s", e.Action, roleName(s, e.Role), orText(e.Rating, "not rated")))
		}
		for _, key := range findingKeys {
			for _, n := range r.Findings.List(key[0]) {
				add(key[1], n)
			}
		}
		for n, a := range r.Actions {
			add("Corrective action", fmt.Sprintf("%s: %s", actionID(r, n), a.Title))
		}
		for _, t := range r.Retested {
			add("Retest", fmt.Sprintf("%s: %s", t.Action, orText(t.Rating, "not rated")))
		}
		out = append(out, it)
	}
	return out
}

// findingKeys are the findings lists, in the order the report prints
// them, with what the pack calls each.
var findingKeys = [][2]string{
	{"confusion", "Finding (confusion)"}, {"missing_data", "Finding (missing data)"}, {"ownership", "Finding (ownership)"},
	{"runbook_gaps", "Finding (runbook gap)"}, {"should_have_existed", "Finding (should have existed)"}, {"broke", "Finding (what broke)"},
	{"asked_no_card", "Finding (asked for, not there)"}, {"worked", "What worked"},
}

func participants(s *scenarios.Scenario, r *records.Record) string {
	if len(r.Roster) == 0 {
		return strings.Join(r.Participants, ", ")
	}
	var out []string
	for _, p := range r.Roster {
		out = append(out, roleName(s, p.Role)+": "+p.Person)
	}
	return strings.Join(out, "; ")
}

func orText(s, none string) string {
	if s == "" {
		return none
	}
	return s
}

func actionItems(retests map[string][]retest, acts []ledger.Item, p Period) []documents.FlowedItem {
	var out []documents.FlowedItem
	for _, it := range acts {
		status := it.Status
		if it.IsClosed() {
			status += " on " + it.Closed
		} else if it.Overdue(p.To) {
			status += ", overdue"
		}
		lines := []string{
			"Id: " + it.ID,
			"Owner: " + orText(it.Owner, "none named"),
			"Due: " + orText(it.Due, "no date"),
			"Status: " + status,
		}
		retest := "Retest: by scenario " + orText(it.Retest, "none named")
		if it.RetestAction != "" {
			retest += ", expected action " + it.RetestAction
		}
		for _, r := range retests[it.ID] {
			retest += fmt.Sprintf("; %s: %s", r.Date, orText(r.Rating, "not rated"))
		}
		lines = append(lines, retest)
		if it.Link != "" {
			lines = append(lines, "Tracker: "+it.Link)
		}
		if it.Note != "" {
			lines = append(lines, "Note: "+it.Note)
		}
		out = append(out, documents.FlowedItem{Head: it.Title, Lines: lines})
	}
	return out
}

func coverageSection(f *Folder, end time.Time) documents.FlowedSection {
	// As it stood at the period's end: a later session is not evidence of it.
	upTo := *f
	upTo.Records = nil
	for _, r := range f.Records {
		if !r.DateValue.After(end) {
			upTo.Records = append(upTo.Records, r)
		}
	}
	c := coverageOf(&upTo, end)
	line := func(what string, list []covered) string {
		var never []string
		for _, x := range list {
			if x.Never() {
				never = append(never, x.Name)
			}
		}
		s := fmt.Sprintf("%s: %d of %d exercised", what, len(list)-len(never), len(list))
		if len(never) > 0 {
			s += "; never exercised: " + strings.Join(never, ", ")
		}
		return s + "."
	}
	return documents.FlowedSection{Heading: "Coverage", Items: []documents.FlowedItem{{Lines: []string{
		line("Systems", c.Systems), line("Roles", c.Roles),
		fmt.Sprintf("People: %d took part in a session.", len(c.People)),
		line("Premortem failure themes", c.Themes),
	}}}}
}

// Markdown is a flowed document as Markdown, every text by mdw's rules:
// nothing from a record becomes a heading, link, list or HTML.
func Markdown(doc documents.Flowed) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s  \n%s\n", mdw.Heading(doc.Title), mdw.Inline(doc.Subtitle), mdw.Inline("Prepared "+doc.Date))
	for _, s := range doc.Sections {
		fmt.Fprintf(&b, "\n## %s\n", mdw.Heading(s.Heading))
		for _, it := range s.Items {
			b.WriteString("\n")
			if it.Head != "" {
				fmt.Fprintf(&b, "### %s\n\n", mdw.Heading(it.Head))
			}
			for _, l := range it.Lines {
				if it.Head != "" {
					fmt.Fprintf(&b, "- %s\n", mdw.Item(l))
				} else {
					fmt.Fprintf(&b, "%s\n\n", mdw.Inline(l))
				}
			}
		}
	}
	return []byte(strings.TrimRight(b.String(), "\n") + "\n")
}
