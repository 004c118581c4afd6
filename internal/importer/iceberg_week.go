package importer

import (
	"fmt"
	"time"

	"github.com/propdeck/propdeck/internal/iceberg"
	"github.com/propdeck/propdeck/internal/written"
)

// weekMinutes is propdeck's week (scenarios.MaxOffset) in IcebergTTX's
// minutes. IcebergTTX has no such bound, so a file it takes may still be
// past propdeck's: that is the file's problem, said at its inject, not a
// scenario propdeck writes and then cannot read.
const weekMinutes = int(written.MaxOffset / time.Minute)

// releasesWithinAWeek refuses every release_at_minutes and the estimated
// duration past a week before anything is planned: a number that large
// would overflow a duration and wrap round to a time that looks fine.
func (p *icPlan) releasesWithinAWeek() error {
	var out iceberg.Problems
	if d := p.src.Metadata.EstimatedDurationMinutes; d != nil && *d > weekMinutes {
		out = append(out, iceberg.Problem{Pos: iceberg.Position{Line: 1, Col: 1},
			Msg: fmt.Sprintf("metadata: estimated_duration_minutes %d is past a week (%d minutes), the longest session propdeck plans", *d, weekMinutes)})
	}
	for i, inj := range p.src.Injects {
		if m := inj.ReleaseAtMinutes; m != nil && *m > weekMinutes {
			out = p.pastAWeek(out, i, fmt.Sprintf("inject %q: release_at_minutes %d is past a week (%d minutes); propdeck's times lie within a week of the start", inj.ID, *m, weekMinutes))
		}
	}
	return problemsOrNil(out)
}

// cluesWithinAWeek refuses a clue the plan put past a week, at the inject
// it comes from: a message delayed past it, or a branch placed after an
// inject released close to it.
func (p *icPlan) cluesWithinAWeek() error {
	var out iceberg.Problems
	said := map[string]bool{}
	for _, c := range p.clues {
		if c.at <= written.MaxOffset || said[c.from] {
			continue
		}
		said[c.from] = true
		what := fmt.Sprintf("inject %q would come at %s", c.from, written.FormatOffset(c.at))
		if c.isMessage {
			what = fmt.Sprintf("inject %q: its communication %q would come at %s", c.from, c.message, written.FormatOffset(c.at))
		}
		fix := "release it earlier"
		if inj, _ := p.inject(c.from); inj.ReleaseAtMinutes == nil {
			fix = "it has no release_at_minutes and comes after the inject before it: release that one earlier"
		}
		out = p.pastAWeek(out, p.index[c.from], what+", past a week from the start, where propdeck's times end; "+fix)
	}
	return problemsOrNil(out)
}

// pastAWeek adds a problem at inject i's line and column.
func (p *icPlan) pastAWeek(out iceberg.Problems, i int, msg string) iceberg.Problems {
	pos := iceberg.Position{Line: 1, Col: 1}
	if i >= 0 && i < len(p.src.Where) {
		pos = p.src.Where[i]
	}
	return append(out, iceberg.Problem{Pos: pos, Msg: msg})
}

// maxWeekProblems are the times past a week named one by one; a file of
// thousands of them is refused with a count of the rest.
const maxWeekProblems = 100

func problemsOrNil(ps iceberg.Problems) error {
	switch {
	case len(ps) == 0:
		return nil
	case len(ps) > maxWeekProblems:
		more := len(ps) - maxWeekProblems
		ps = append(ps[:maxWeekProblems], iceberg.Problem{Pos: iceberg.Position{Line: 1, Col: 1}, Msg: fmt.Sprintf("and %d more problems", more)})
	}
	return ps
}
