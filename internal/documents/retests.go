package documents

import (
	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/written"
)

// Retest is an open action of a programme's ledger that the session
// retests (build --programme): what the run sheet and the evaluator sheet
// print of it.
type Retest struct {
	ID, Title, Owner, Due, Opened string
	Action                        string // the expected action that retests it; "" the session as a whole
	Overdue                       bool
}

// Line is the action as the facilitator reads it out: last time, what,
// whose, by when, and that it is still open.
func (r Retest) Line(lb cards.Labels) string {
	s := lb.LastTime
	if r.Opened != "" {
		s += " (" + r.Opened + ")"
	}
	s += ": " + r.Title
	if r.Owner != "" {
		s += " — " + lb.Owner2 + ": " + r.Owner
	}
	if r.Due != "" {
		s += ", " + lb.Due + ": " + r.Due
	}
	s += "; " + lb.StillOpen
	if r.Overdue {
		s += ", " + lb.Overdue
	}
	return s
}

// retestsSection lists the open actions on the run sheet.
func retestsSection(w *pageWriter, retests []Retest, lb cards.Labels) {
	if len(retests) == 0 {
		return
	}
	w.gap(3)
	w.startSection(lb.Retests, lb.Continued, 14)
	w.text(fonts.Regular, 9, draw.Gray(0.3), 0, lb.RetestsHint)
	w.gap(1)
	for _, r := range retests {
		w.text(fonts.Regular, 10, draw.Black, 0, "• "+r.Line(lb))
		if r.Action != "" {
			w.text(fonts.Regular, 9, draw.Gray(0.3), 4, lb.Expected+": "+r.Action)
		}
	}
	w.endSection()
	w.gap(3)
}

// retestsToRate gives each open action rating boxes on the evaluator
// sheet, like an expected action.
func retestsToRate(w *pageWriter, retests []Retest, lb cards.Labels) {
	if len(retests) == 0 {
		return
	}
	w.startSection(lb.Retests, lb.Continued, 30)
	w.text(fonts.Regular, 9, draw.Gray(0.3), 0, lb.RetestsHint)
	w.gap(1)
	for _, r := range retests {
		expectedAction(w, written.Expect{Role: r.ID, Action: r.Line(lb)}, lb, map[string]string{r.ID: r.Action})
	}
	w.endSection()
	w.y += 2
}
