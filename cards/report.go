package cards

import (
	"fmt"
	"strings"

	"github.com/propdeck/propdeck/fonts"
	"github.com/propdeck/propdeck/scenarios"
)

// Report builds the printable after-action report of a session record:
// the same sections as the Markdown report, in the decks' fonts and labels.
func Report(s *scenarios.Scenario, r *scenarios.Record, score string, opt Options) *Deck {
	lb := LabelsFor(s.Scenario.Language)
	d := &Deck{Name: s.Scenario.ID + "-report.pdf", Title: s.Scenario.Title + " — " + lb.Report}
	w := newPageWriter(d, opt.Paper.Portrait(), sheetHeader(lb.Report, s.Scenario.Title, lb))
	w.newPage()
	roles := map[string]string{}
	for _, ro := range s.Roles {
		roles[ro.ID] = ro.Name
	}
	meta := lb.Date + ": " + r.Date
	if r.Facilitator != "" {
		meta += " · " + lb.Facilitator2 + ": " + r.Facilitator
	}
	if r.Scribe != "" {
		meta += " · " + lb.Scribe2 + ": " + r.Scribe
	}
	w.text(fonts.Regular, 10, Black, 0, meta)
	if len(r.Participants) > 0 {
		w.text(fonts.Regular, 10, Black, 0, lb.Participants+": "+strings.Join(r.Participants, ", "))
	}
	w.y += 3
	w.heading(12, lb.Scenario, 8)
	w.text(fonts.Regular, 10, Black, 0, strings.TrimSpace(s.Scenario.Title+" ("+s.Scenario.ID+") "+s.Scenario.Summary))
	if r.Summary != "" {
		w.y += 3
		w.heading(12, lb.Summary, 8)
		w.text(fonts.Regular, 10, Black, 0, r.Summary)
	}
	if len(r.Timeline) > 0 {
		w.y += 3
		w.heading(12, lb.Timeline, 10)
		for _, e := range r.Timeline {
			line := fmt.Sprintf("%s (%s)  %s", scenarios.FormatOffset(e.Offset), clock(s, e.Offset), e.What)
			if e.Decision != "" {
				line += " — " + lb.Decision + ": " + e.Decision
			}
			if e.Who != "" {
				line += " (" + roles[e.Who] + ")"
			}
			w.text(fonts.Regular, 9.5, Black, 2, line)
		}
	}
	if len(r.Expected) > 0 {
		w.y += 3
		w.heading(12, lb.Expected, 10)
		w.text(fonts.Bold, 10, Black, 0, score)
		for _, e := range r.Expected {
			line := fmt.Sprintf("[%s] %s — %s (%s)", lb.RatingNames[e.Rating], e.Action, roles[e.Role], e.Role)
			if e.By != "" {
				line += " — " + lb.By + " " + e.By
			}
			if e.HasObserved {
				line += " — " + lb.Observed + " " + scenarios.FormatOffset(e.ObservedOffset)
			}
			w.text(fonts.Regular, 9.5, Black, 2, line)
			if e.Note != "" {
				w.text(fonts.Regular, 9, Gray(0.3), 6, e.Note)
			}
		}
	}
	first := true
	for _, key := range scenarios.FindingLists {
		items := r.Findings.List(key)
		if len(items) == 0 {
			continue
		}
		if first {
			w.y += 3
			w.heading(12, lb.Findings2, 10)
			first = false
		}
		w.label(lb.FindingTitles[key], Gray(0.35), 5)
		for _, it := range items {
			w.text(fonts.Regular, 9.5, Black, 2, "• "+it)
		}
		w.y += 1
	}
	if len(r.Actions) > 0 {
		w.y += 3
		w.heading(12, lb.ActionItems, 10)
		for i, a := range r.Actions {
			line := fmt.Sprintf("%d. %s", i+1, a.Title)
			w.text(fonts.Bold, 10, Black, 2, line)
			var facts []string
			if a.Kind != "" {
				facts = append(facts, lb.ActionKind+": "+lb.KindNames[a.Kind])
			}
			if a.Owner != "" {
				facts = append(facts, lb.Owner2+": "+a.Owner)
			}
			if a.Due != "" {
				facts = append(facts, lb.Due+": "+a.Due)
			}
			if a.From != "" {
				facts = append(facts, lb.From+": "+lb.FindingTitles[a.From])
			}
			w.text(fonts.Regular, 9, Gray(0.3), 6, strings.Join(facts, " · "))
		}
	}
	return d
}
