package documents

import (
	"fmt"
	"strings"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/vocab"
	"github.com/propdeck/propdeck/internal/written"
)

// Report builds the printable after-action report of a session record:
// the same sections as the Markdown report, in the decks' fonts and labels.
func Report(s *scenarios.Session, r *records.Record, score string, opt Options) *draw.Deck {
	lb := cards.LabelsFor(s.Language())
	d := &draw.Deck{Name: s.ID() + "-report", Title: s.Title() + " — " + lb.Report}
	// The session happened: its date fills the header's date line.
	w := newPageWriter(d, opt.Paper.Portrait(), datedHeader(lb.Report, s.Title(), r.Date, lb))
	w.newPage()
	roles := map[string]string{}
	for _, ro := range s.Roles() {
		roles[ro.ID] = ro.Name
	}
	reportPeople(w, r, lb)
	reportRoster(w, r, lb, roles)
	w.y += 3
	w.heading(12, lb.Scenario, 8)
	about := s.Title() + " (" + s.ID() + ")"
	if s.Meta().Summary != "" {
		about += ": " + s.Meta().Summary
	}
	w.text(fonts.Regular, 10, draw.Black, 0, about)
	if r.Summary != "" {
		w.y += 3
		w.heading(12, lb.Summary, 8)
		w.text(fonts.Regular, 10, draw.Black, 0, r.Summary)
	}
	reportTimeline(w, s, r, lb, roles)
	reportExpected(w, r, score, lb, roles)
	reportRetested(w, r, lb)
	reportFindings(w, r, lb)
	reportRoom(w, r, lb, roles)
	reportActions(w, r, lb)
	return d
}

func reportPeople(w *pageWriter, r *records.Record, lb cards.Labels) {
	var meta []string
	if r.Facilitator != "" {
		meta = append(meta, lb.Facilitator2+": "+r.Facilitator)
	}
	if r.Scribe != "" {
		meta = append(meta, lb.Scribe2+": "+r.Scribe)
	}
	if len(meta) > 0 {
		w.text(fonts.Regular, 10, draw.Black, 0, strings.Join(meta, " · "))
	}
	if len(r.Participants) > 0 {
		w.text(fonts.Regular, 10, draw.Black, 0, lb.Participants+": "+strings.Join(r.Participants, ", "))
	}
}

func reportTimeline(w *pageWriter, s *scenarios.Session, r *records.Record, lb cards.Labels, roles map[string]string) {
	if len(r.Timeline) == 0 {
		return
	}
	w.y += 3
	w.heading(12, lb.Timeline, 10)
	for _, e := range r.Timeline {
		line := fmt.Sprintf("%s (%s)  %s", written.FormatOffset(e.Offset), s.Clock(e.Offset), e.What)
		if e.Decision != "" {
			line += " — " + lb.Decision + ": " + e.Decision
		}
		if e.Who != "" {
			line += " (" + roles[e.Who] + ")"
		}
		w.text(fonts.Regular, 9.5, draw.Black, 2, line)
	}
}

func reportExpected(w *pageWriter, r *records.Record, score string, lb cards.Labels, roles map[string]string) {
	if len(r.Expected) == 0 {
		return
	}
	w.y += 3
	w.heading(12, lb.Expected, 10)
	w.text(fonts.Bold, 10, draw.Black, 0, score)
	for _, e := range r.Expected {
		line := fmt.Sprintf("[%s] %s — %s (%s)", lb.RatingNames[e.Rating], e.Action, roles[e.Role], e.Role)
		if e.By != "" {
			line += " — " + lb.By + " " + e.By
		}
		if e.HasObserved {
			line += " — " + lb.Observed + " " + written.FormatOffset(e.ObservedOffset)
		}
		if e.Late() {
			line += " (" + fmt.Sprintf(lb.LateBy, written.FormatOffset(e.ByOffset)) + ")"
		}
		w.text(fonts.Regular, 9.5, draw.Black, 2, line)
		if e.Note != "" {
			w.text(fonts.Regular, 9, draw.Gray(0.3), 6, e.Note)
		}
	}
}

func reportFindings(w *pageWriter, r *records.Record, lb cards.Labels) {
	first := true
	for _, key := range vocab.FindingList.Values {
		items := r.Findings.List(key)
		if len(items) == 0 {
			continue
		}
		if first {
			w.y += 3
			w.heading(12, lb.Findings2, 10)
			first = false
		}
		w.label(lb.FindingTitles[key], draw.Gray(0.35), 5)
		for _, it := range items {
			w.text(fonts.Regular, 9.5, draw.Black, 2, "• "+it)
		}
		w.y += 1
	}
}

// reportActions writes each action item whole (title and facts on one
// page), and never leaves the last one alone on a page: the one before it
// goes over with it.
func reportActions(w *pageWriter, r *records.Record, lb cards.Labels) {
	if len(r.Actions) == 0 {
		return
	}
	type item struct{ title, facts string }
	items := make([]item, len(r.Actions))
	for i, a := range r.Actions {
		items[i] = item{fmt.Sprintf("%d. %s", i+1, a.Title), actionFacts(a, lb)}
	}
	height := func(it item) float64 {
		return w.textHeight(fonts.Bold, 10, 2, it.title) + w.textHeight(fonts.Regular, 9, 6, it.facts)
	}
	w.y += 3
	w.heading(12, lb.ActionItems, height(items[0]))
	for i, it := range items {
		need := height(it)
		if i == len(items)-2 {
			if last := height(items[i+1]); w.remaining() >= need && w.remaining() < need+last && need+last <= w.bottom()-w.margin {
				need += last
			}
		}
		w.ensure(need)
		w.text(fonts.Bold, 10, draw.Black, 2, it.title)
		w.text(fonts.Regular, 9, draw.Gray(0.3), 6, it.facts)
	}
}

func actionFacts(a records.Action, lb cards.Labels) string {
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
	return strings.Join(facts, " · ")
}

// reportRoster says who played which role, when the record has a roster.
func reportRoster(w *pageWriter, r *records.Record, lb cards.Labels, roles map[string]string) {
	if len(r.Roster) == 0 {
		return
	}
	var players []string
	for _, p := range r.Roster {
		name := roles[p.Role]
		if name == "" {
			name = p.Role
		}
		players = append(players, name+": "+p.Person)
	}
	w.text(fonts.Regular, 10, draw.Black, 0, lb.Roster+": "+strings.Join(players, "; "))
}

// reportRetested is how the programme's open actions fared when retested.
func reportRetested(w *pageWriter, r *records.Record, lb cards.Labels) {
	if len(r.Retested) == 0 {
		return
	}
	w.y += 3
	w.heading(12, lb.Retests, 10)
	for _, t := range r.Retested {
		w.text(fonts.Regular, 9.5, draw.Black, 2, fmt.Sprintf("[%s] %s", lb.RatingNames[t.Rating], t.Action))
		if t.Note != "" {
			w.text(fonts.Regular, 9, draw.Gray(0.3), 6, t.Note)
		}
	}
}
