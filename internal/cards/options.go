package cards

import (
	"context"

	"github.com/propdeck/propdeck/internal/text"
)

// Options are what a card's content depends on. How cards go on paper
// (paper, duplex, cut marks, folding) is the documents' business.
type Options struct {
	ClueCard   string  // named clue card size
	LogTheme   string  // "dark" (default) or "light" terminal windows
	LightBacks bool    // complication backs outlined, not solid ink: thin paper shows no shadow
	Bleed      float64 // mm a card's background extends beyond its edge, under the cut
	// Ctx, when set, stops a long build once it is cancelled (Ctrl-C).
	Ctx context.Context
}

// DefaultOptions are quarter-page clue cards in dark terminals, no bleed.
func DefaultOptions() Options { return Options{ClueCard: "quarter"} }

// Stopped reports a cancelled build.
func (o Options) Stopped() error {
	if o.Ctx == nil {
		return nil
	}
	if err := o.Ctx.Err(); err != nil {
		return text.Fail("interrupted", "err", err)
	}
	return nil
}

// Theme is the log theme the options name, dark unless light was chosen.
func (o Options) Theme() LogTheme {
	if t, ok := LogThemes[o.LogTheme]; ok {
		return t
	}
	return LogThemes["dark"]
}
