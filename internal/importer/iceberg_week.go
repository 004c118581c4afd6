package importer

import (
	"fmt"
	"time"

	"github.com/propdeck/propdeck/internal/iceberg"
	"github.com/propdeck/propdeck/internal/text"
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
	var out problems
	if d := p.src.Metadata.EstimatedDurationMinutes; d != nil && *d > weekMinutes {
		out = p.pastAWeek(out, -1, text.M("import-iceberg-duration-past-week", "n", *d, "week", weekMinutes))
	}
	for i, inj := range p.src.Injects {
		if m := inj.ReleaseAtMinutes; m != nil && *m > weekMinutes {
			out = p.pastAWeek(out, i, text.M("import-iceberg-release-past-week", "id", inj.ID, "n", *m, "week", weekMinutes))
		}
	}
	return p.problemsOrNil(out)
}

// cluesWithinAWeek refuses a clue the plan put past a week, at the inject
// it comes from: a message delayed past it, or a branch placed after an
// inject released close to it.
func (p *icPlan) cluesWithinAWeek() error {
	var out problems
	said := map[string]bool{}
	for _, c := range p.clues {
		if c.at <= written.MaxOffset || said[c.from] {
			continue
		}
		said[c.from] = true
		what := text.M("import-iceberg-inject-at", "id", c.from, "at", written.FormatOffset(c.at))
		if c.isMessage {
			what = text.M("import-iceberg-comm-at", "id", c.from, "subject", c.message, "at", written.FormatOffset(c.at))
		}
		fix := text.M("import-iceberg-release-earlier")
		if inj, _ := p.inject(c.from); inj.ReleaseAtMinutes == nil {
			fix = text.M("import-iceberg-release-before-earlier")
		}
		out = p.pastAWeek(out, p.index[c.from], text.M("import-iceberg-past-week", "what", what, "fix", fix))
	}
	return p.problemsOrNil(out)
}

// pastAWeek adds a problem at inject i's line and column (the file's
// start for no inject).
func (p *icPlan) pastAWeek(out problems, i int, msg text.Message) problems {
	pos := iceberg.Position{Line: 1, Col: 1}
	if i >= 0 && i < len(p.src.Where) {
		pos = p.src.Where[i]
	}
	return append(out, problem{fmt.Sprintf("%s:%d:%d", p.name, pos.Line, pos.Col), msg})
}

// maxWeekProblems are the times past a week named one by one; a file of
// thousands of them is refused with a count of the rest.
const maxWeekProblems = 100

func (p *icPlan) problemsOrNil(ps problems) error {
	switch {
	case len(ps) == 0:
		return nil
	case len(ps) > maxWeekProblems:
		more := len(ps) - maxWeekProblems
		ps = p.pastAWeek(ps[:maxWeekProblems], -1, text.M("import-more-problems", "n", more))
	}
	return ps
}
