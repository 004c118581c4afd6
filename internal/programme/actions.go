package programme

import (
	"slices"
	"time"

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
