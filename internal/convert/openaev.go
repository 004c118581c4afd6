package convert

import (
	"cmp"
	"fmt"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/report"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/written"
)

// openAEVHeader is OpenAEV's chronogram template, columns B to K
// (docs.openaev.io, usage/scenario-import: the template a mapper reads).
var openAEVHeader = []string{"Action to be taken", "Timeline", "Teams", "Subject", "Content", "Comments", "Expectation Description", "Expectation Name", "Expectation Score", "Done/To do"}

// openAEV is the scenario as OpenAEV's XLS chronogram, laid out as its
// template (a title in A1, the header in B2:K2), one row per clue in run
// order, then one per expected action. A mapper tells the rows apart by
// their first column: "Send … card" for a clue, "Expect …" for an
// expected action.
func openAEV(s *scenarios.Session) ([]byte, []text.Message, error) {
	var notes []text.Message
	var rows [][]string
	names := roleNames(s)
	for _, r := range s.Timeline().Reveals {
		c := r.Clue
		// A request with no time is available from the start: OpenAEV's
		// importer may fail on a row with an empty Timeline.
		when, note := relative(0)
		if r.HasAt {
			when, note = relative(c.Offset)
		}
		if note.Key != "" {
			notes = append(notes, text.M("convert-clue-note", "id", c.ID, "note", note))
		}
		to, note := teams(c, names)
		if note.Key != "" {
			notes = append(notes, text.M("convert-clue-note", "id", c.ID, "note", note))
		}
		rows = append(rows, []string{sendAction(r), when, to, c.Title, cardText(s, c), comments(r), "", "", "", "To do"})
	}
	for _, rd := range s.Rounds() {
		for _, e := range rd.Expect {
			by := rd.Offset
			if e.HasBy {
				by = e.ByOffset
			}
			when, _ := relative(by)
			rows = append(rows, []string{"Expect of " + cmp.Or(names[e.Role], e.Role), when, cmp.Or(names[e.Role], e.Role), rd.Title, rd.Setup, "",
				e.Action, clipRunes(e.Action, 80), "100", "To do"})
		}
	}
	// The importer reads the Expectation Score only from a numeric cell.
	data, err := sheet{name: "Chronogram", title: s.Title(), first: "B", header: openAEVHeader, rows: rows,
		widths: []float64{28, 12, 24, 30, 50, 40, 40, 28, 10, 10}, numeric: []int{openAEVScore}}.xlsx()
	return data, notes, err
}

func roleNames(s *scenarios.Session) map[string]string {
	out := map[string]string{}
	for _, r := range s.Roles() {
		out[r.ID] = r.Name
	}
	return out
}

func sendAction(r scenarios.Reveal) string {
	c := r.Clue
	switch r.Mode() {
	case written.Contingent:
		return fmt.Sprintf("Send %s card %s if its condition holds", c.Kind, c.ID)
	case written.OnRequest:
		return fmt.Sprintf("Send %s card %s on request", c.Kind, c.ID)
	}
	return fmt.Sprintf("Send %s card %s", c.Kind, c.ID)
}

// openAEVScore is the Expectation Score's column in a row.
const openAEVScore = 8

// teams are a clue's recipients as OpenAEV team names: the roles' names,
// All for a clue to everyone (OpenAEV's own word in its template), joined
// with "," alone, as the importer splits the cell on "," and trims
// nothing. A name with a comma of its own cannot be one team: a note.
func teams(c *written.Clue, names map[string]string) (string, text.Message) {
	var note text.Message
	switch {
	case c.To == nil:
		return "All", note
	case len(c.To) == 0:
		return "Facilitator", note
	}
	out := make([]string, len(c.To))
	for i, id := range c.To {
		out[i] = names[id]
		if strings.Contains(out[i], ",") {
			note = text.M("convert-comma", "id", id)
		}
	}
	return strings.Join(out, ","), note
}

// comments are the facilitator's: the condition, what it replaces, what
// is asked for, the note.
func comments(r scenarios.Reveal) string {
	c := r.Clue
	var parts []string
	if c.When != "" {
		parts = append(parts, "Only if: "+c.When)
	}
	if c.Replaces != "" {
		parts = append(parts, "Instead of "+c.Replaces)
	}
	if c.Ask != "" {
		parts = append(parts, "When asked for: "+c.Ask)
	}
	if c.Note != "" {
		parts = append(parts, c.Note)
	}
	return strings.Join(parts, "\n")
}

// relative is an offset in OpenAEV's relative trigger time, "D+1 H+2
// M+30", and a note when it had seconds, which OpenAEV does not take.
func relative(d time.Duration) (string, text.Message) {
	sign := "+"
	if d < 0 {
		sign, d = "-", -d
	}
	var note text.Message
	if d%time.Minute != 0 {
		note = text.M("convert-seconds", "at", written.FormatOffset(d))
		d = d.Round(time.Minute)
	}
	days, hours, mins := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	var parts []string
	if days > 0 {
		parts = append(parts, fmt.Sprintf("D%s%d", sign, days))
	}
	if hours > 0 {
		parts = append(parts, fmt.Sprintf("H%s%d", sign, hours))
	}
	if mins > 0 || len(parts) == 0 {
		parts = append(parts, fmt.Sprintf("M%s%d", sign, mins))
	}
	return strings.Join(parts, " "), note
}

func clipRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// hseepWorkbook is the HSEEP MSEL as a workbook, the columns of msel --hseep.
func hseepWorkbook(s *scenarios.Session) ([]byte, error) {
	rows := report.HSEEPRows(s)
	return sheet{name: "MSEL", first: "A", header: rows[0], rows: rows[1:], widths: []float64{8, 16, 14, 22, 20, 24, 60, 40, 40}}.xlsx()
}
