// Package props writes a scenario's story in the formats the team's real
// tools read, so that a sandbox chat, status page, pager and dashboard
// tell what the paper tells: a Mattermost bulk import and a Slack export,
// Statuspage incident bodies, PagerDuty Events v2 triggers, Prometheus
// and Loki query_range answers and OTLP JSON lines.
//
// Props are what players will see once they are seeded, so they carry
// what the cards carry and nothing of the facilitator's: no note, no
// condition, no expected action, no contingent clue, no complication.
package props

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/suggest"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/written"
)

// Options choose which clues the props tell.
type Options struct {
	// Start is the wall clock of T+0; zero means the scenario's start.
	Start time.Time
	// Until, when HasUntil, keeps the clues handed out by then: a channel
	// seeded half-way through the session.
	Until    time.Duration
	HasUntil bool
	// Requests puts the on-request log and metric clues into the
	// telemetry files too, so that a sandbox dashboard answers them.
	Requests bool
	// Components are the Statuspage component ids of systems (system id
	// to component id), so that a status draft's POST works as written.
	Components map[string]string
}

// ErrUnknownSystem is a component id given for a system the scenario has
// not.
type ErrUnknownSystem struct {
	System string
	Hint   text.Message
}

func (e *ErrUnknownSystem) Error() string { return e.Message().String() }

// Message is what the error says, for the reader's language.
func (e *ErrUnknownSystem) Message() text.Message {
	return text.M("props-no-system", "system", e.System, "hint", e.Hint)
}

// checkComponents refuses a component id for a system the scenario lacks.
func checkComponents(s *scenarios.Session, opt Options) error {
	var known []string
	for _, sys := range s.Systems() {
		known = append(known, sys.ID)
	}
	for _, id := range slices.Sorted(maps.Keys(opt.Components)) {
		if !slices.Contains(known, id) {
			var hint text.Message
			if k := suggest.Closest(id, known); k != "" {
				hint = text.M("hint-did-you-mean", "name", k)
			}
			return &ErrUnknownSystem{id, hint}
		}
	}
	return nil
}

// ErrNoStart is the refusal of a scenario with no start and no Start
// option: the real tools need wall clocks.
type ErrNoStart struct{ ID string }

func (e *ErrNoStart) Error() string { return e.Message().String() }

// Message is what the error says, for the reader's language.
func (e *ErrNoStart) Message() text.Message { return text.M("props-no-start", "id", e.ID) }

// story is what the props are made of: the scenario, T+0 and the clues
// the room is handed unasked, in time order.
type story struct {
	s     *scenarios.Session
	start time.Time
	timed []*written.Clue
	// telemetry are the log and metric clues whose data the sandbox holds.
	telemetry []*written.Clue
	// components are the Statuspage component ids of systems.
	components map[string]string
}

func newStory(s *scenarios.Session, opt Options) (story, error) {
	st := story{s: s, start: opt.Start, components: opt.Components}
	if st.start.IsZero() && s.Meta().Start == "" {
		// The cards print a default clock; a real tool's would be made up.
		return story{}, &ErrNoStart{s.ID()}
	}
	if st.start.IsZero() {
		st.start = s.Meta().StartTime
	}
	for _, r := range s.Timeline().Reveals {
		c := r.Clue
		if opt.HasUntil && r.Mode() == written.Timed && c.Offset > opt.Until {
			continue
		}
		switch r.Mode() {
		case written.Timed:
			st.timed = append(st.timed, c)
			if c.Log != nil || c.Metric != nil {
				st.telemetry = append(st.telemetry, c)
			}
		case written.OnRequest:
			if opt.Requests && (c.Log != nil || c.Metric != nil) {
				st.telemetry = append(st.telemetry, c)
			}
		}
	}
	return st, nil
}

// at is the story's wall clock at a session offset: rounds that move the
// story's clock move the tools' times too.
func (st story) at(d time.Duration) time.Time { return st.start.Add(st.s.Story(d)) }

// of returns the timed clues of the given kinds.
func (st story) of(kinds ...string) []*written.Clue {
	var out []*written.Clue
	for _, c := range st.timed {
		if slices.Contains(kinds, c.Kind) {
			out = append(out, c)
		}
	}
	return out
}

// Files are every prop of the scenario, named ID-TOOL….
func Files(s *scenarios.Session, opt Options) ([]output.File, error) {
	if err := checkComponents(s, opt); err != nil {
		return nil, err
	}
	st, err := newStory(s, opt)
	if err != nil {
		return nil, err
	}
	id := s.ID()
	var out []output.File
	add := func(name string, data []byte, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, output.File{Name: id + "-" + name, Data: data})
		return nil
	}
	mm, err := mattermost(st)
	if err := add("mattermost.jsonl", mm, err); err != nil {
		return nil, err
	}
	zip, err := slackExport(st)
	if err := add("slack-export.zip", zip, err); err != nil {
		return nil, err
	}
	for _, group := range [][]named{statusDrafts(st), pages(st), prometheus(st), loki(st), otlp(st)} {
		for _, f := range group {
			if err := add(f.name, f.data, f.err); err != nil {
				return nil, err
			}
		}
	}
	return append(out, output.File{Name: id + "-props.txt", Data: readme(st, out)}), nil
}

// named is one file a writer made, or why it could not.
type named struct {
	name string
	data []byte
	err  error
}
