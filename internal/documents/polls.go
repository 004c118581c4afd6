package documents

import (
	"fmt"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/written"
)

// roundPolls prints a round's prepared polls for the paper fallback: the
// question, each option with a line to tally a show of hands on, and the
// answer the plan expects. A round without polls prints nothing, so a
// run sheet without them is as it was.
func roundPolls(w *pageWriter, r *written.Round, lb cards.Labels) {
	for _, p := range r.Polls {
		w.label(lb.PollHead, draw.Gray(0.35), w.linesHeight(fonts.Bold, 9.5, 3, p.Question, 2))
		w.text(fonts.Bold, 9.5, draw.Black, 3, p.Question)
		for _, o := range p.Options {
			w.text(fonts.Regular, 9.5, draw.Black, 6, "□ "+o+"  ______")
		}
		if p.Expected != "" {
			w.text(fonts.Regular, 9, draw.Gray(0.3), 6, fmt.Sprintf(lb.ExpectedIs, p.Expected))
		}
		w.y += 1
	}
}
