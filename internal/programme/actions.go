package programme

import (
	"fmt"
	"slices"
	"time"

	"github.com/propdeck/propdeck/internal/documents"

	"github.com/propdeck/propdeck/internal/ledger"
)

// Open is the items still open or in progress on today, most urgent
// first: the overdue by how long, then by due date, then those with no
// due date, each group in the ledger's order.
func Open(items []ledger.Item, today time.Time) []ledger.Item {
	var out []ledger.Item
	for _, it := range items {
		if !it.IsClosed() {
			out = append(out, it)
		}
	}
	slices.SortStableFunc(out, func(a, b ledger.Item) int {
		switch {
		case a.DueValue.IsZero() != b.DueValue.IsZero():
			if a.DueValue.IsZero() {
				return 1
			}
			return -1
		}
		return a.DueValue.Compare(b.DueValue)
	})
	return out
}

// ByUrgency is every item: the open ones as Open orders them, then the
// closed ones, the most recently closed first.
func ByUrgency(items []ledger.Item, today time.Time) []ledger.Item {
	closed := closedSince(items, time.Time{})
	return append(Open(items, today), closed...)
}

// closedSince is the items done or given up on or after since, the most
// recently closed first: what a review looks back on.
func closedSince(items []ledger.Item, since time.Time) []ledger.Item {
	var out []ledger.Item
	for _, it := range items {
		if it.IsClosed() && !it.ClosedValue.Before(since) {
			out = append(out, it)
		}
	}
	slices.SortStableFunc(out, func(a, b ledger.Item) int { return b.ClosedValue.Compare(a.ClosedValue) })
	return out
}

// Closure is a ledger item a retest rated met closes, with why.
type Closure struct {
	Index int
	Item  ledger.Item
}

// MetRetests are the open items of l that a session record's [[retested]]
// rated met on or after the day they were opened: each closed as done on
// that session's day, its note saying so (the note kept before it).
func MetRetests(f *Folder, l *ledger.Ledger) []Closure {
	var out []Closure
	done := map[string]bool{}
	for _, r := range f.Records {
		for _, t := range r.Retested {
			i, err := l.Find(t.Action)
			if t.Rating != "met" || err != nil || done[t.Action] {
				continue
			}
			it := l.Items[i]
			if it.IsClosed() || r.Date < it.Opened {
				continue
			}
			note := fmt.Sprintf("Closed by propdeck actions sync --close-met: retest rated met in %s on %s", r.Scenario, r.Date)
			if t.Note != "" {
				note += " (" + t.Note + ")"
			}
			if it.Note != "" {
				note = it.Note + "\n" + note
			}
			it.Status, it.Closed, it.Note = "done", r.Date, note
			done[t.Action] = true
			out = append(out, Closure{Index: i, Item: it})
		}
	}
	return out
}

// Retests are the open items of l that a session of scenario retests, as
// the run sheet and evaluator print them: those whose retest names it, the
// most urgent first.
func Retests(l *ledger.Ledger, scenario string, today time.Time) []documents.Retest {
	var out []documents.Retest
	for _, it := range Open(l.Items, today) {
		if it.Retest == scenario {
			out = append(out, documents.Retest{ID: it.ID, Title: it.Title, Owner: it.Owner, Due: it.Due, Opened: it.Opened, Action: it.RetestAction, Overdue: it.Overdue(today)})
		}
	}
	return out
}
