// Package report turns a session record into what a team keeps: a
// Markdown after-action report, action items a tracker can import, and the
// Master Scenario Events List of a scenario.
package report

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/propdeck/propdeck/cards"
	"github.com/propdeck/propdeck/internal/csvw"
	"github.com/propdeck/propdeck/internal/mdw"
	"github.com/propdeck/propdeck/scenarios"
)

// Score counts the ratings of the expected actions.
type Score struct {
	Total, Met, Partly, NotMet, NA, Unrated int
}

// ScoreOf counts a record's ratings.
func ScoreOf(r *scenarios.Record) Score {
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

// Clock is an offset's wall-clock time, when the scenario has a start.
func Clock(s *scenarios.Scenario, d time.Duration) string {
	return s.Scenario.StartTime.Add(d).Format("15:04")
}

// Markdown is the after-action report: who, what, the timeline, the
// expected actions and their score, the findings and the action items.
func Markdown(s *scenarios.Scenario, r *scenarios.Record) []byte {
	lb := cards.LabelsFor(s.Scenario.Language)
	roles := map[string]string{}
	for _, ro := range s.Roles {
		roles[ro.ID] = ro.Name
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s: %s\n\n", lb.Report, mdw.Heading(s.Scenario.Title))
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
		fmt.Fprintf(&b, "\n**%s:** %s\n", lb.Participants, strings.Join(names, ", "))
	}
	fmt.Fprintf(&b, "\n## %s\n\n", lb.Scenario)
	fmt.Fprintf(&b, "%s (`%s`)", mdw.Inline(s.Scenario.Title), s.Scenario.ID)
	if s.Scenario.Summary != "" {
		b.WriteString(": " + mdw.Inline(s.Scenario.Summary))
	}
	b.WriteString("\n")
	if r.Summary != "" {
		fmt.Fprintf(&b, "\n## %s\n\n%s\n", lb.Summary, mdw.Inline(r.Summary))
	}
	if len(r.Timeline) > 0 {
		fmt.Fprintf(&b, "\n## %s\n\n| %s | %s | %s | %s | %s |\n|---|---|---|---|---|\n", lb.Timeline, lb.Time, lb.Clock2, lb.WhatHappened, lb.Decision, lb.WhoDecided)
		for _, e := range r.Timeline {
			who := e.Who
			if n, ok := roles[e.Who]; ok {
				who = n
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", scenarios.FormatOffset(e.Offset), Clock(s, e.Offset), mdw.Cell(e.What), mdw.Cell(e.Decision), mdw.Cell(who))
		}
	}
	if len(r.Expected) > 0 {
		fmt.Fprintf(&b, "\n## %s\n\n%s\n\n| %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|\n", lb.Expected, ScoreOf(r).Line(lb), lb.Role, lb.Action, lb.Due, lb.Evaluator2, lb.Observed, lb.Note)
		for _, e := range r.Expected {
			observed := ""
			if e.HasObserved {
				observed = scenarios.FormatOffset(e.ObservedOffset)
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", mdw.Cell(roles[e.Role]+" ("+e.Role+")"), mdw.Cell(e.Action), mdw.Cell(e.By), lb.RatingNames[e.Rating], observed, mdw.Cell(e.Note))
		}
	}
	var findings bytes.Buffer
	for _, key := range scenarios.FindingLists {
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
		fmt.Fprintf(&b, "\n## %s\n", lb.Findings2)
		b.Write(findings.Bytes())
	}
	if len(r.Actions) > 0 {
		fmt.Fprintf(&b, "\n## %s\n\n| # | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|\n", lb.ActionItems, lb.Action, lb.ActionKind, lb.Owner2, lb.Due, lb.From)
		for i, a := range r.Actions {
			from := ""
			if a.From != "" {
				from = lb.FindingTitles[a.From]
			}
			fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %s |\n", i+1, mdw.Cell(a.Title), lb.KindNames[a.Kind], mdw.Cell(a.Owner), mdw.Cell(a.Due), mdw.Cell(from))
		}
	}
	return b.Bytes()
}

// ActionsCSV is one row per action item, for a tracker's CSV import:
// RFC 4180 (CRLF line ends, quotes where needed), UTF-8.
func ActionsCSV(s *scenarios.Scenario, r *scenarios.Record) []byte {
	var b bytes.Buffer
	w := csvw.New(&b)
	w.Write("title", "kind", "owner", "due", "from", "scenario", "date")
	for _, a := range r.Actions {
		w.Write(a.Title, a.Kind, a.Owner, a.Due, a.From, s.Scenario.ID, r.Date)
	}
	w.Flush()
	return b.Bytes()
}

// MSEL is the Master Scenario Events List: one row per clue in run order
// (timed and contingent by time, then on-request), as HSEEP planners keep
// it in a spreadsheet.
func MSEL(s *scenarios.Scenario) []byte {
	lb := cards.LabelsFor(s.Scenario.Language)
	roles := map[string]string{}
	for _, ro := range s.Roles {
		roles[ro.ID] = ro.Name
	}
	var b bytes.Buffer
	w := csvw.New(&b)
	w.Write("seq", "offset", "clock", "kind", "mode", "to", "system", "title", "condition", "replaces", "expected by then", "note")
	var expects []scenarios.Expect
	for _, r := range s.Rounds {
		expects = append(expects, r.Expect...)
	}
	used := make([]bool, len(expects))
	for i, rv := range s.Timeline.Reveals {
		c := rv.Clue
		offset, clock := "", ""
		if rv.HasAt {
			offset, clock = scenarios.FormatOffset(rv.At), Clock(s, rv.At)
		}
		to := lb.Everyone
		if c.To != nil && len(c.To) == 0 {
			to = lb.FacilitatorOnly
		} else if c.To != nil {
			var names []string
			for _, id := range c.To {
				names = append(names, id)
			}
			to = strings.Join(names, " ")
		}
		var due []string
		if rv.Mode != scenarios.OnRequest {
			for j, e := range expects {
				if !used[j] && e.HasBy && e.ByOffset <= rv.At {
					used[j] = true
					due = append(due, fmt.Sprintf("%s: %s (%s)", e.Role, e.Action, scenarios.FormatOffset(e.ByOffset)))
				}
			}
		}
		w.Write(fmt.Sprint(i+1), offset, clock, c.Kind, string(rv.Mode), to, c.System, c.Title, c.When, c.Replaces, strings.Join(due, "; "), c.Note)
	}
	w.Flush()
	return b.Bytes()
}
