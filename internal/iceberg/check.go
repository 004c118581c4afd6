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
	at := func(i int) Position {
		if i >= 0 && i < len(sc.Where) {
			return sc.Where[i]
		}
		return Position{1, 1}
	}
	add := func(i int, format string, args ...any) {
		out = append(out, Problem{at(i), fmt.Sprintf(format, args...)})
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
	teams := map[string]bool{}
	for _, t := range sc.ParticipantTeams {
		id := strings.TrimSpace(t.ID)
		if id == "" || teams[id] {
			add(top, "participant team %q: ids must be unique and not blank", t.ID)
		}
		teams[id] = true
	}
	ids := sc.injectIDs(add)
	if !slices.Contains(ids, strings.TrimSpace(sc.StartInjectID)) {
		add(top, "start_inject_id %q is not an inject%s", sc.StartInjectID, suggest.Hint(sc.StartInjectID, ids))
	}
	for i, inj := range sc.Injects {
		sc.checkInject(i, inj, teams, ids, add)
	}
	if cycle := sc.cycle(); cycle != nil {
		add(slices.IndexFunc(sc.Injects, func(in Inject) bool { return in.ID == cycle[0] }), "the injects form a cycle: %s", strings.Join(cycle, " -> "))
	}
	if len(out) > 0 {
		return out
	}
	return nil
}

func (sc *Scenario) injectIDs(add func(int, string, ...any)) []string {
	var ids []string
	for i, inj := range sc.Injects {
		id := strings.TrimSpace(inj.ID)
		switch {
		case id == "":
			add(i, "inject %d has no id", i+1)
		case slices.Contains(ids, id):
			add(i, "inject id %q is used twice", id)
		}
		ids = append(ids, id)
	}
	return ids
}

func (sc *Scenario) checkInject(i int, inj Inject, teams map[string]bool, ids []string, add func(int, string, ...any)) {
	var teamIDs []string
	for _, t := range sc.ParticipantTeams {
		teamIDs = append(teamIDs, t.ID)
	}
	seen := map[string]bool{}
	for _, t := range inj.TargetTeams {
		if !teams[strings.TrimSpace(t)] {
			add(i, "inject %q: target team %q is not a participant team%s", inj.ID, t, suggest.Hint(t, teamIDs))
		}
		if seen[t] {
			add(i, "inject %q: target team %q is named twice", inj.ID, t)
		}
		seen[t] = true
	}
	next := func(what string, id *string) {
		if id != nil && !slices.Contains(ids, strings.TrimSpace(*id)) {
			add(i, "inject %q: %s next_inject_id %q is not an inject%s", inj.ID, what, *id, suggest.Hint(*id, ids))
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
