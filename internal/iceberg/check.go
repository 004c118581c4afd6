package iceberg

import (
	"slices"
	"strings"

	"github.com/propdeck/propdeck/internal/suggest"
	"github.com/propdeck/propdeck/internal/text"
)

// Check holds a scenario to the rules IcebergTTX's import applies: a
// title, unique ids, a start inject that exists, targets among the
// participant teams, next ids that exist, no cycle, times and delays in
// range. Every problem is returned, each at its inject.
func (sc *Scenario) Check() error {
	var out Problems
	more := 0
	at := func(i int) Position {
		if i >= 0 && i < len(sc.Where) {
			return sc.Where[i]
		}
		return Position{1, 1}
	}
	add := func(i int, key string, nameValues ...any) {
		if len(out) < maxProblems {
			out = append(out, Problem{at(i), text.M(key, nameValues...)})
		} else {
			more++
		}
	}
	top := -1 // problems of the whole file stand at its start
	if sc.SchemaVersion != "" && sc.SchemaVersion != "1.0" {
		add(top, "iceberg-schema-version", "version", sc.SchemaVersion)
	}
	if strings.TrimSpace(sc.Title) == "" {
		add(top, "iceberg-no-title")
	}
	if len(sc.Injects) > maxInjects {
		add(top, "iceberg-too-many-injects", "n", len(sc.Injects), "max", maxInjects)
	}
	teams, teamIDs := sc.teamIDs(add)
	ids, known := sc.injectIDs(add)
	// A hint costs a comparison with every id: only the first problems
	// get one, so that a file of thousands of wrong ids is refused fast.
	hint := func(id string, among []string) text.Message {
		if len(out) >= maxHinted {
			return text.Message{}
		}
		return hintOf(id, among)
	}
	if !known[strings.TrimSpace(sc.StartInjectID)] {
		add(top, "iceberg-no-start", "id", sc.StartInjectID, "hint", hint(sc.StartInjectID, ids))
	}
	for i, inj := range sc.Injects {
		sc.checkInject(i, inj, injectRefs{teams, teamIDs, known, ids, hint}, add)
	}
	if cycle := sc.cycle(); cycle != nil {
		add(slices.IndexFunc(sc.Injects, func(in Inject) bool { return in.ID == cycle[0] }), "iceberg-cycle", "ids", strings.Join(cycle, " -> "))
	}
	if more > 0 {
		out = append(out, Problem{Position{1, 1}, text.M("import-more-problems", "n", more)})
	}
	if len(out) > 0 {
		return out
	}
	return nil
}

// maxProblems are the problems of a file named one by one; maxHinted of
// them get a "did you mean".
const (
	maxProblems = 100
	maxHinted   = 20
)

// injectRefs are what an inject may name: the teams and the injects, as
// sets to look up and as lists to suggest from.
type injectRefs struct {
	teams   map[string]bool
	teamIDs []string
	known   map[string]bool
	ids     []string
	hint    func(id string, among []string) text.Message
}

// hintOf is " (did you mean …?)" for the closest of among, or nothing.
func hintOf(id string, among []string) text.Message {
	if k := suggest.Closest(id, among); k != "" {
		return text.M("hint-did-you-mean", "name", k)
	}
	return text.Message{}
}

func (sc *Scenario) teamIDs(add func(int, string, ...any)) (map[string]bool, []string) {
	teams := map[string]bool{}
	var ids []string
	for _, t := range sc.ParticipantTeams {
		id := strings.TrimSpace(t.ID)
		if id == "" || teams[id] {
			add(-1, "iceberg-team-id", "id", t.ID)
		}
		teams[id] = true
		ids = append(ids, t.ID)
	}
	return teams, ids
}

func (sc *Scenario) injectIDs(add func(int, string, ...any)) ([]string, map[string]bool) {
	var ids []string
	known := map[string]bool{}
	for i, inj := range sc.Injects {
		id := strings.TrimSpace(inj.ID)
		switch {
		case id == "":
			add(i, "iceberg-inject-no-id", "n", i+1)
		case known[id]:
			add(i, "iceberg-inject-twice", "id", id)
		}
		ids = append(ids, id)
		known[id] = true
	}
	return ids, known
}

func (sc *Scenario) checkInject(i int, inj Inject, refs injectRefs, add func(int, string, ...any)) {
	seen := map[string]bool{}
	for _, t := range inj.TargetTeams {
		if !refs.teams[strings.TrimSpace(t)] {
			add(i, "iceberg-no-team", "id", inj.ID, "team", t, "hint", refs.hint(t, refs.teamIDs))
		}
		if seen[t] {
			add(i, "iceberg-team-twice", "id", inj.ID, "team", t)
		}
		seen[t] = true
	}
	if id := inj.NextInjectID; id != nil && !refs.known[strings.TrimSpace(*id)] {
		add(i, "iceberg-no-next", "id", inj.ID, "next", *id, "hint", refs.hint(*id, refs.ids))
	}
	options := map[string]bool{}
	for _, o := range inj.Options {
		if options[o.ID] || strings.TrimSpace(o.ID) == "" {
			add(i, "iceberg-option-id", "id", inj.ID, "option", o.ID)
		}
		options[o.ID] = true
		if id := o.NextInjectID; id != nil && !refs.known[strings.TrimSpace(*id)] {
			add(i, "iceberg-option-no-next", "id", inj.ID, "option", o.ID, "next", *id, "hint", refs.hint(*id, refs.ids))
		}
	}
	if inj.ReleaseAtMinutes != nil && *inj.ReleaseAtMinutes < 0 {
		add(i, "iceberg-release-before-start", "id", inj.ID, "n", *inj.ReleaseAtMinutes)
	}
	for _, c := range inj.TriggersCommunications {
		if c.Direction != "inbound" && c.Direction != "outbound" {
			add(i, "iceberg-direction", "id", inj.ID, "subject", c.Subject, "direction", c.Direction, "hint", hintOf(c.Direction, []string{"inbound", "outbound"}))
		}
		if c.DelayAfterReleaseSeconds < 0 || c.DelayAfterReleaseSeconds > MaxTriggerDelay {
			add(i, "iceberg-delay", "id", inj.ID, "subject", c.Subject, "n", c.DelayAfterReleaseSeconds, "max", MaxTriggerDelay)
		}
	}
}

// Next are the injects an inject leads to: its own next, then its
// options', in order.
func (inj Inject) Next() []string {
	var out []string
	if inj.NextInjectID != nil {
		out = append(out, strings.TrimSpace(*inj.NextInjectID))
	}
	for _, o := range inj.Options {
		if o.NextInjectID != nil {
			out = append(out, strings.TrimSpace(*o.NextInjectID))
		}
	}
	return out
}

// cycle is a path that comes back to its start, or nil: a depth-first
// walk from every inject, so that a cycle away from the start is found.
func (sc *Scenario) cycle() []string {
	next := map[string][]string{}
	for _, inj := range sc.Injects {
		next[strings.TrimSpace(inj.ID)] = inj.Next()
	}
	state := map[string]int{} // 1 on the path, 2 done
	var path []string
	var walk func(id string) []string
	walk = func(id string) []string {
		state[id] = 1
		path = append(path, id)
		for _, n := range next[id] {
			if state[n] == 1 {
				return append(slices.Clone(path[slices.Index(path, n):]), n)
			}
			if state[n] == 0 {
				if c := walk(n); c != nil {
					return c
				}
			}
		}
		path = path[:len(path)-1]
		state[id] = 2
		return nil
	}
	for _, inj := range sc.Injects {
		if state[strings.TrimSpace(inj.ID)] == 0 {
			if c := walk(strings.TrimSpace(inj.ID)); c != nil {
				return c
			}
		}
	}
	return nil
}
