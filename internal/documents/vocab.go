package documents

import (
	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/layouts"
)

// Options are the print settings of a build: the cards' own, and how
// they go on paper.
type Options struct {
	cards.Options
	Paper      layouts.Size
	Duplex     layouts.Duplex
	CutMarks   bool
	BackOffset [2]float64 // mm every back sheet is shifted to correct a printer
	Fold       bool       // clue fronts and backs side by side, to fold
	BadgeBacks bool       // print backs for badges too
	Retests    []Retest   // the programme's open actions the session retests
}

// DefaultOptions print on A4 without backs, with cut marks.
func DefaultOptions() Options {
	return Options{Options: cards.DefaultOptions(), Paper: layouts.A4, Duplex: layouts.DuplexNone, CutMarks: true}
}
