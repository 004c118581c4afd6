package importer

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/iceberg"
	"github.com/propdeck/propdeck/internal/text"
)

func (p *icPlan) inject(id string) (iceberg.Inject, bool) {
	i, ok := p.index[id]
	if !ok {
		return iceberg.Inject{}, false
	}
	return p.src.Injects[i], true
}

// stopped is the context's error once the import is cancelled: each loop
// over the injects asks, so that Ctrl-C acts at once.
func (p *icPlan) stopped() error { return p.ctx.Err() }

// planOurs reads back a file propdeck wrote: the rounds' injects in order,
// the contingencies their options lead to, the rest as clues with their
// cues.
func (p *icPlan) planOurs() error {
	options := map[string]iceberg.Option{} // contingent inject id -> the option leading to it
	rounds := make([]iceberg.Inject, 0)
	for _, inj := range p.src.Injects {
		if _, ok := iceberg.RoundIndex(inj.ID); ok {
			rounds = append(rounds, inj)
		}
		if _, ok := iceberg.RoundIndex(inj.ID); ok || inj.ID == iceberg.Briefing {
			for _, o := range inj.Options {
				if o.ID != iceberg.Otherwise && o.NextInjectID != nil {
					options[*o.NextInjectID] = o
				}
			}
			prefix := "b"
			if k, ok := iceberg.RoundIndex(inj.ID); ok {
				prefix = fmt.Sprintf("r%d", k+1)
			}
			p.clues = append(p.clues, p.commsOf(inj, minutes(inj.ReleaseAtMinutes), prefix)...)
		}
	}
	slices.SortStableFunc(rounds, func(a, b iceberg.Inject) int {
		i, _ := iceberg.RoundIndex(a.ID)
		j, _ := iceberg.RoundIndex(b.ID)
		return i - j
	})
	for _, inj := range rounds {
		setup, qs := iceberg.SplitRoundContent(inj.Content)
		r := icRound{at: minutes(inj.ReleaseAtMinutes), title: cleanText(&p.notes, injectAt(inj.ID), inj.Title), setup: cleanText(&p.notes, injectAt(inj.ID), setup), questions: qs}
		for _, cue := range inj.ExpectedActions {
			r.expect = append(r.expect, p.expectOf(cue, inj))
		}
		p.rounds = append(p.rounds, r)
	}
	for _, inj := range p.src.Injects {
		if err := p.stopped(); err != nil {
			return err
		}
		if _, isClue := p.ids[inj.ID]; !isClue {
			continue
		}
		c := p.clueOf(inj)
		rest := p.cues(inj, &c)
		if o, ok := options[inj.ID]; ok {
			c.when, c.insteadOf = o.Label, p.ids[iceberg.Replaced(o.ID)]
		} else if c.ask == "" && inj.ReleaseAtMinutes == nil {
			c.ask = c.title
		}
		p.expectAt(rest, inj, c.at)
		p.clues = append(p.clues, c)
	}
	return nil
}

func minutes(m *int) time.Duration {
	if m == nil {
		return 0
	}
	return time.Duration(*m) * time.Minute
}

// expectAt adds cues as expected actions of the round a time falls in.
func (p *icPlan) expectAt(cues []string, inj iceberg.Inject, at time.Duration) {
	if len(cues) == 0 {
		return
	}
	if len(p.rounds) == 0 {
		p.rounds = append(p.rounds, icRound{at: 0, title: p.src.Title})
	}
	k := p.roundAt(at)
	for _, cue := range cues {
		p.rounds[k].expect = append(p.rounds[k].expect, p.expectOf(cue, inj))
	}
}

// roundAt is the last round that starts at or before a time (else the
// first): a binary search while the rounds are in time order, which is
// how both plans lay them out, and a walk if a file's are not.
func (p *icPlan) roundAt(at time.Duration) int {
	for p.sorted < len(p.rounds) && (p.sorted == 0 || p.rounds[p.sorted-1].at <= p.rounds[p.sorted].at) {
		p.sorted++
	}
	if p.sorted == len(p.rounds) {
		i, _ := slices.BinarySearchFunc(p.rounds, at, func(r icRound, at time.Duration) int {
			if r.at <= at {
				return -1
			}
			return 1
		})
		return max(i-1, 0)
	}
	k := 0
	for i, r := range p.rounds {
		if r.at <= at {
			k = i
		}
	}
	return k
}

// mainPath is the way from the start inject: each inject's own next, else
// its first option's.
func (p *icPlan) mainPath() []string {
	var path []string
	on := map[string]bool{}
	id := strings.TrimSpace(p.src.StartInjectID)
	for id != "" && !on[id] {
		path = append(path, id)
		on[id] = true
		inj, _ := p.inject(id)
		next := inj.Next()
		id = ""
		if len(next) > 0 {
			id = next[0]
		}
	}
	return path
}

// planForeign lays out a file another author wrote: a round per inject
// on the way from the start, its inject the round's first card and its
// options the round's question; the branches off that way contingencies;
// the injects nothing leads to timed if they have a time, else on request.
func (p *icPlan) planForeign() error {
	path := p.mainPath()
	p.spacing(path)
	for i, id := range path {
		if err := p.stopped(); err != nil {
			return err
		}
		inj, _ := p.inject(id)
		r := icRound{at: p.times[id], title: cleanText(&p.notes, injectAt(id), cmpOr(inj.Title, id))}
		if q := optionQuestion(inj); q != "" {
			r.questions = []string{cleanText(&p.notes, injectAt(id), q)}
		}
		for _, cue := range inj.ExpectedActions {
			r.expect = append(r.expect, p.expectOf(cue, inj))
		}
		p.rounds = append(p.rounds, r)
		c := p.clueOf(inj)
		c.at, c.hasAt = p.times[id], true
		p.clues = append(p.clues, c)
		p.clues = append(p.clues, p.commsOf(inj, c.at, fmt.Sprintf("r%d", i+1))...)
	}
	w := &way{path: path, index: map[string]int{}, placed: map[string]bool{}, replaced: map[string]bool{}}
	for i, id := range path {
		w.index[id], w.placed[id] = i, true
	}
	for _, id := range path {
		if err := p.branches(id, w); err != nil {
			return err
		}
	}
	for _, inj := range p.src.Injects {
		if err := p.stopped(); err != nil {
			return err
		}
		if w.placed[inj.ID] {
			continue
		}
		c := p.clueOf(inj)
		rest := p.cues(inj, &c)
		if !c.hasAt && c.ask == "" {
			c.ask = c.title
		}
		p.expectAt(rest, inj, c.at)
		p.clues = append(p.clues, c)
		p.clues = append(p.clues, p.commsOf(inj, c.at, c.id)...)
	}
	return nil
}

// way is the way from the start as the branches walk it: its injects and
// where each stands, the injects placed so far and the way's injects a
// branch stands in for.
type way struct {
	path     []string
	index    map[string]int
	placed   map[string]bool
	replaced map[string]bool
}

// spacing gives the way from the start its times: the injects' own
// release_at_minutes, else evenly over the estimated duration.
func (p *icPlan) spacing(path []string) {
	est := 60
	if d := p.src.Metadata.EstimatedDurationMinutes; d != nil && *d > 0 {
		est = *d
	}
	n := time.Duration(max(len(path), 1))
	// Five minutes a step at least, but a long way must fit propdeck's
	// week, less the day a triggered message may come after its inject.
	p.step = max(5*time.Minute, (time.Duration(est) * time.Minute / n).Truncate(time.Minute))
	p.step = max(time.Minute, min(p.step, (fitWithin/n).Truncate(time.Minute)))
	invented := false
	for i, id := range path {
		inj, _ := p.inject(id)
		p.times[id] = time.Duration(i) * p.step
		if inj.ReleaseAtMinutes != nil {
			p.times[id] = minutes(inj.ReleaseAtMinutes)
		} else {
			invented = true
		}
		if i > 0 && p.times[id] < p.times[path[i-1]] {
			p.times[id] = p.times[path[i-1]]
		}
	}
	if invented {
		p.notes = append(p.notes, text.M("import-iceberg-spaced", "step", fmtDuration(p.step)))
	}
}

// fitWithin is how far from T+0 the import spaces a way of injects with
// no times: a week, less IcebergTTX's longest delay of a message.
const fitWithin = 7*24*time.Hour - iceberg.MaxTriggerDelay*time.Second

func fmtDuration(d time.Duration) string { return strings.TrimSuffix(d.String(), "0s") }

func optionQuestion(inj iceberg.Inject) string {
	var labels []string
	for _, o := range inj.Options {
		labels = append(labels, "“"+o.Label+"”")
	}
	if len(labels) < 2 {
		return ""
	}
	return "What does the team choose: " + strings.Join(labels, " or ") + "?"
}

// branches are the injects an option leads to off the way from the start:
// contingent clues, handed out half a step after the inject they branch
// from if the team chose that option; the first branch off an inject
// stands in for the next one on the way.
func (p *icPlan) branches(from string, w *way) error {
	if err := p.stopped(); err != nil {
		return err
	}
	inj, _ := p.inject(from)
	at := p.times[from]
	for _, o := range inj.Options {
		if o.NextInjectID == nil || w.placed[*o.NextInjectID] {
			continue
		}
		target, ok := p.inject(*o.NextInjectID)
		if !ok {
			continue
		}
		w.placed[target.ID] = true
		c := p.clueOf(target)
		c.at, c.hasAt = (at + p.step/2).Truncate(time.Minute), true
		p.times[target.ID] = c.at
		c.when = cleanText(&p.notes, injectAt(from), "the team chose “"+o.Label+"”")
		// A branch that does not come back to the way stands in for the
		// way's next inject; a detour that does replaces nothing.
		if k, on := w.index[from]; on && k+1 < len(w.path) && !w.replaced[w.path[k+1]] && !slices.Contains(target.Next(), w.path[k+1]) {
			w.replaced[w.path[k+1]] = true
			c.insteadOf = p.ids[w.path[k+1]]
		}
		rest := p.cues(target, &c)
		p.expectAt(rest, target, c.at)
		p.clues = append(p.clues, c)
		for _, m := range p.commsOf(target, c.at, c.id) {
			m.when = c.when // its messages come only with it
			p.clues = append(p.clues, m)
		}
		if err := p.branches(target.ID, w); err != nil {
			return err
		}
	}
	return nil
}
