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

// The pack's About (the catalogs' About) says what the pack is for, in
// the words the frameworks use for what they ask to be shown, and what it
// does not claim: an assessor decides whether a requirement is met, never
// the evidence itself.

// Evidence is the programme's evidence pack for period: the sessions held
// in it, every corrective action opened in it or still open at its end,
// and the coverage summary.
func Evidence(f *Folder, l *ledger.Ledger, p Period, today time.Time, lang string) documents.Flowed {
	w := wordsIn(lang)
	doc := documents.Flowed{
		Name:     "evidence",
		Title:    w.EvidenceTitle,
		Subtitle: fmt.Sprintf(w.EvidenceSubtitle, p.From.Format(time.DateOnly), p.To.Format(time.DateOnly)),
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
		documents.FlowedSection{Heading: w.AboutHead, Items: []documents.FlowedItem{{Lines: w.About}}},
		w.summary(held, acts, p),
		documents.FlowedSection{Heading: w.SessionsHeld, Items: w.sessionItems(f, held)},
		documents.FlowedSection{Heading: w.CorrectiveActions, Items: w.actionItems(retestsBy(f, names{}), acts, p)},
		w.coverageSection(f, p.To))
	if n := len(f.Skipped); n > 0 {
		doc.Sections = append(doc.Sections, documents.FlowedSection{Heading: w.FilesNotRead, Items: []documents.FlowedItem{{Lines: []string{
			fmt.Sprintf(w.NotReadLine, n)}}}})
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

func (w words) summary(held []*records.Record, acts []ledger.Item, p Period) documents.FlowedSection {
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
	return documents.FlowedSection{Heading: w.Summary, Items: []documents.FlowedItem{{Lines: []string{
		fmt.Sprintf(w.SummaryHeld, len(held), len(scs), len(people)),
		fmt.Sprintf(w.SummaryActions, len(acts), closed, open, overdue),
	}}}}
}

func (w words) sessionItems(f *Folder, held []*records.Record) []documents.FlowedItem {
	var out []documents.FlowedItem
	for _, r := range held {
		s := f.Scenarios[r.Scenario]
		title := r.Scenario
		if s != nil {
			title = s.Title() + " (" + r.Scenario + ")"
		}
		it := documents.FlowedItem{Head: r.Date + " — " + title}
		add := func(label, v string) {
			if strings.TrimSpace(v) != "" {
				it.Lines = append(it.Lines, label+": "+v)
			}
		}
		add(w.Team, r.Team)
		add(w.Facilitator, r.Facilitator)
		if s != nil {
			add(w.Purpose, s.Meta().Summary)
		}
		add(w.Participants, participants(s, r))
		add(w.Summary, r.Summary)
		for _, e := range r.Expected {
			add(w.Objective, fmt.Sprintf("%s (%s): %s", e.Action, roleName(s, e.Role), w.value(orText(e.Rating, w.NotRated))))
		}
		for _, key := range findingKeys {
			for _, n := range r.Findings.List(key) {
				add(w.Findings[key], n)
			}
		}
		for n, a := range r.Actions {
			add(w.CorrectiveAction, fmt.Sprintf("%s: %s", actionID(r, n), a.Title))
		}
		for _, t := range r.Retested {
			add(w.Retest, fmt.Sprintf("%s: %s", t.Action, w.value(orText(t.Rating, w.NotRated))))
		}
		out = append(out, it)
	}
	return out
}

// findingKeys are the findings lists, in the order the report prints
// them; the catalogs' Findings say what the pack calls each.
var findingKeys = []string{"confusion", "missing_data", "ownership", "runbook_gaps", "should_have_existed", "broke", "asked_no_card", "worked"}

func participants(s *scenarios.Session, r *records.Record) string {
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

func (w words) actionItems(retests map[string][]retest, acts []ledger.Item, p Period) []documents.FlowedItem {
	var out []documents.FlowedItem
	for _, it := range acts {
		status := w.value(it.Status)
		if it.IsClosed() {
			status = fmt.Sprintf(w.ClosedOn, status, it.Closed)
		} else if it.Overdue(p.To) {
			status = fmt.Sprintf(w.OverdueStatus, status)
		}
		lines := []string{
			w.Id + ": " + it.ID,
			w.Owner + ": " + orText(it.Owner, w.NoneNamed),
			w.Due + ": " + orText(it.Due, w.NoDate),
			w.Status + ": " + status,
		}
		retest := fmt.Sprintf(w.RetestBy, orText(it.Retest, w.NoneNamed))
		if it.RetestAction != "" {
			retest += fmt.Sprintf(w.RetestAction, it.RetestAction)
		}
		for _, r := range retests[it.ID] {
			retest += fmt.Sprintf("; %s: %s", r.Date, w.value(orText(r.Rating, w.NotRated)))
		}
		lines = append(lines, retest)
		if it.Link != "" {
			lines = append(lines, w.Tracker+": "+it.Link)
		}
		if it.Note != "" {
			lines = append(lines, w.Note+": "+it.Note)
		}
		out = append(out, documents.FlowedItem{Head: it.Title, Lines: lines})
	}
	return out
}

func (w words) coverageSection(f *Folder, end time.Time) documents.FlowedSection {
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
		s := fmt.Sprintf(w.CoverageLine, what, len(list)-len(never), len(list))
		if len(never) > 0 {
			s += fmt.Sprintf(w.NeverExercised, strings.Join(never, ", "))
		}
		return s + "."
	}
	return documents.FlowedSection{Heading: w.Coverage, Items: []documents.FlowedItem{{Lines: []string{
		line(w.Systems, c.Systems), line(w.Roles, c.Roles),
		fmt.Sprintf(w.People, len(c.People)),
		line(w.ThemesLong, c.Themes),
	}}}}
}

// Markdown is a flowed document as Markdown, every text by mdw's rules:
// nothing from a record becomes a heading, link, list or HTML.
func Markdown(doc documents.Flowed, lang string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s  \n%s\n", mdw.Heading(doc.Title), mdw.Inline(doc.Subtitle), mdw.Inline(fmt.Sprintf(wordsIn(lang).Prepared, doc.Date)))
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
