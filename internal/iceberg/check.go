package iceberg

import (
	"fmt"
	"slices"
	"strings"

	"github.com/propdeck/propdeck/internal/suggest"
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
	add := func(i int, format string, args ...any) {
		if len(out) < maxProblems {
			out = append(out, Problem{at(i), fmt.Sprintf(format, args...)})
		} else {
			more++
		}
	}
	top := -1 // problems of the whole file stand at its start
	if sc.SchemaVersion != "" && sc.SchemaVersion != "1.0" {
		add(top, "schema_version %q: propdeck reads IcebergTTX's version 1.0", sc.SchemaVersion)
	}
	if strings.TrimSpace(sc.Title) == "" {
		add(top, "title is missing")
	}
	if len(sc.Injects) > maxInjects {
		add(top, "%d injects; IcebergTTX takes at most %d", len(sc.Injects), maxInjects)
	}
	teams, teamIDs := sc.teamIDs(add)
	ids, known := sc.injectIDs(add)
	// A hint costs a comparison with every id: only the first problems
	// get one, so that a file of thousands of wrong ids is refused fast.
	hint := func(id string, among []string) string {
		if len(out) >= maxHinted {
			return ""
		}
		return suggest.Hint(id, among)
	}
	if !known[strings.TrimSpace(sc.StartInjectID)] {
		add(top, "start_inject_id %q is not an inject%s", sc.StartInjectID, hint(sc.StartInjectID, ids))
	}
	for i, inj := range sc.Injects {
		sc.checkInject(i, inj, injectRefs{teams, teamIDs, known, ids, hint}, add)
	}
	if cycle := sc.cycle(); cycle != nil {
		add(slices.IndexFunc(sc.Injects, func(in Inject) bool { return in.ID == cycle[0] }), "the injects form a cycle: %s", strings.Join(cycle, " -> "))
	}
	if more > 0 {
		out = append(out, Problem{Position{1, 1}, fmt.Sprintf("and %d more problems", more)})
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
	hint    func(id string, among []string) string
}

func (sc *Scenario) teamIDs(add func(int, string, ...any)) (map[string]bool, []string) {
	teams := map[string]bool{}
	var ids []string
	for _, t := range sc.ParticipantTeams {
		id := strings.TrimSpace(t.ID)
		if id == "" || teams[id] {
			add(-1, "participant team %q: ids must be unique and not blank", t.ID)
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
			add(i, "inject %d has no id", i+1)
		case known[id]:
			add(i, "inject id %q is used twice", id)
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
			add(i, "inject %q: target team %q is not a participant team%s", inj.ID, t, refs.hint(t, refs.teamIDs))
		}
		if seen[t] {
			add(i, "inject %q: target team %q is named twice", inj.ID, t)
		}
		seen[t] = true
	}
	next := func(what string, id *string) {
		if id != nil && !refs.known[strings.TrimSpace(*id)] {
			add(i, "inject %q: %s next_inject_id %q is not an inject%s", inj.ID, what, *id, refs.hint(*id, refs.ids))
		}
	}
	next("its", inj.NextInjectID)
	options := map[string]bool{}
	for _, o := range inj.Options {
		if options[o.ID] || strings.TrimSpace(o.ID) == "" {
			add(i, "inject %q: option ids must be unique and not blank (%q)", inj.ID, o.ID)
		}
		options[o.ID] = true
		next(fmt.Sprintf("option %q:", o.ID), o.NextInjectID)
	}
	if inj.ReleaseAtMinutes != nil && *inj.ReleaseAtMinutes < 0 {
		add(i, "inject %q: release_at_minutes %d is before the start", inj.ID, *inj.ReleaseAtMinutes)
	}
	for _, c := range inj.TriggersCommunications {
		if c.Direction != "inbound" && c.Direction != "outbound" {
			add(i, "inject %q: communication %q: direction %q is not inbound or outbound%s", inj.ID, c.Subject, c.Direction, suggest.Hint(c.Direction, []string{"inbound", "outbound"}))
		}
		if c.DelayAfterReleaseSeconds < 0 || c.DelayAfterReleaseSeconds > MaxTriggerDelay {
			add(i, "inject %q: communication %q: delay_after_release_seconds %d is not 0 to %d", inj.ID, c.Subject, c.DelayAfterReleaseSeconds, MaxTriggerDelay)
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
