// Package iceberg is IcebergTTX's scenario interchange format, schema
// version 1.0 (github.com/IcebergAI/IcebergTTX, website/docs/scenarios.md):
// its types, a strict reader that places every problem at its line, and
// the rules IcebergTTX checks on import, so that a file propdeck writes
// is one IcebergTTX takes.
package iceberg

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/propdeck/propdeck/internal/text"
)

// Scenario is one IcebergTTX scenario file.
type Scenario struct {
	SchemaVersion    string     `json:"schema_version"`
	Title            string     `json:"title"`
	Description      *string    `json:"description"`
	Tags             []string   `json:"tags"`
	Metadata         Metadata   `json:"metadata"`
	ParticipantTeams []Team     `json:"participant_teams"`
	Injects          []Inject   `json:"injects"`
	StartInjectID    string     `json:"start_inject_id"`
	DebriefNotes     *string    `json:"debrief_notes"`
	Where            []Position `json:"-"` // where each inject starts in the file read
}

// Metadata is who wrote a scenario and how long it runs.
type Metadata struct {
	Author                   *string `json:"author"`
	EstimatedDurationMinutes *int    `json:"estimated_duration_minutes"`
}

// Team is a participant team: the routing group injects target.
type Team struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// Inject is one node of the scenario's graph.
type Inject struct {
	ID                     string   `json:"id"`
	Title                  string   `json:"title"`
	Content                string   `json:"content"`
	TargetTeams            []string `json:"target_teams"`
	SequenceOrder          int      `json:"sequence_order"`
	NextInjectID           *string  `json:"next_inject_id"`
	Options                []Option `json:"options"`
	FreeTextResponse       *bool    `json:"free_text_response"` // IcebergTTX's default is true
	TriggersCommunications []Comm   `json:"triggers_communications"`
	ExpectedActions        []string `json:"expected_actions"`
	ReleaseAtMinutes       *int     `json:"release_at_minutes"`
}

// Option is a branch choice shown to participants.
type Option struct {
	ID           string  `json:"id"`
	Label        string  `json:"label"`
	NextInjectID *string `json:"next_inject_id"`
}

// Comm is a message injected into the comms inbox when its inject is
// released.
type Comm struct {
	ExternalEntity           string `json:"external_entity"`
	Direction                string `json:"direction"`
	Subject                  string `json:"subject"`
	Body                     string `json:"body"`
	DelayAfterReleaseSeconds int    `json:"delay_after_release_seconds"`
}

// Limits IcebergTTX holds a scenario to.
const (
	maxInjects      = 5000
	MaxTriggerDelay = 86400 // seconds
)

// Position is a line and column in a file, from 1.
type Position struct{ Line, Col int }

// Problem is one thing wrong with a file, at its place, in words said in
// the reader's language.
type Problem struct {
	Pos Position
	Msg text.Message
}

// Problems are everything wrong with a file.
type Problems []Problem

func (p Problems) Error() string {
	var lines []string
	for _, e := range p {
		lines = append(lines, fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg.String()))
	}
	return strings.Join(lines, "\n")
}

// lines are the offsets at which a file's lines start, so that the place
// of any offset is a binary search, not a count from the start.
type lines []int

func linesOf(data []byte) lines {
	out := lines{0}
	for i, b := range data {
		if b == '\n' {
			out = append(out, i+1)
		}
	}
	return out
}

// at is the line and column of a byte offset.
func (l lines) at(off int64) Position {
	i, _ := slices.BinarySearch(l, int(off)+1)
	return Position{i, int(off) - l[i-1] + 1}
}

// Read decodes a scenario file and holds it to IcebergTTX's rules, as
// ReadContext with no deadline.
func Read(data []byte) (*Scenario, []text.Message, error) {
	return ReadContext(context.Background(), data)
}

// ReadContext decodes a scenario file and holds it to IcebergTTX's rules
// and to the bounds of one text. Keys IcebergTTX does not know are
// returned as notes, as IcebergTTX ignores them; every problem is
// returned at once, at its line. It stops when ctx is done.
func ReadContext(ctx context.Context, data []byte) (*Scenario, []text.Message, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	var sc Scenario
	if err := json.Unmarshal(data, &sc); err != nil {
		return nil, nil, Problems{decodeProblem(data, err)}
	}
	at := linesOf(data)
	if err := textBounds(ctx, data, at); err != nil {
		return nil, nil, err
	}
	where, err := injectPositions(ctx, data, at, len(sc.Injects))
	if err != nil {
		return nil, nil, err
	}
	sc.Where = where
	notes := unknownKeys(data)
	if err := sc.Check(); err != nil {
		return nil, notes, err
	}
	return &sc, notes, nil
}

func decodeProblem(data []byte, err error) Problem {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return Problem{linesOf(data).at(min(se.Offset, int64(len(data)))), text.M("iceberg-not-json", "err", se.Error())}
	case errors.As(err, &te):
		return Problem{linesOf(data).at(min(te.Offset, int64(len(data)))), text.M("iceberg-wrong-type", "key", te.Field, "kind", kindOf(te.Type.String()), "value", jsonKind(te.Value))}
	}
	return Problem{Position{1, 1}, text.M("as-written", "text", err.Error())}
}

// jsonKind is the kind of value JSON's decoder names ("string",
// "number", …) as a word of the reader's language.
func jsonKind(value string) text.Message {
	switch value {
	case "string":
		return text.M("iceberg-json-string")
	case "number":
		return text.M("iceberg-json-number")
	case "bool":
		return text.M("iceberg-json-bool")
	case "array":
		return text.M("iceberg-json-array")
	case "object":
		return text.M("iceberg-json-object")
	}
	return text.M("as-written", "text", value)
}

func kindOf(goType string) text.Message {
	switch {
	case strings.Contains(goType, "[]"):
		return text.M("iceberg-a-list")
	case strings.Contains(goType, "int"):
		return text.M("iceberg-a-whole-number")
	case strings.Contains(goType, "string"):
		return text.M("iceberg-a-string")
	case strings.Contains(goType, "bool"):
		return text.M("iceberg-true-or-false")
	}
	return text.M("iceberg-an-object")
}

// injectPositions are where the injects' objects start: the decoder walks
// the top level to "injects", then notes the offset of each element.
func injectPositions(ctx context.Context, data []byte, at lines, n int) ([]Position, error) {
	out := make([]Position, n)
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return out, nil
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return out, nil
		}
		var skip json.RawMessage
		if key != "injects" {
			if dec.Decode(&skip) != nil {
				return out, nil
			}
			continue
		}
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return out, nil
		}
		for i := 0; dec.More() && i < n; i++ {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			out[i] = at.at(valueStart(data, dec.InputOffset()))
			if dec.Decode(&skip) != nil {
				return out, nil
			}
		}
		return out, nil
	}
	return out, nil
}

// valueStart is where the value after off starts, past the blanks and
// the separator the decoder stopped before.
func valueStart(data []byte, off int64) int64 {
	for off < int64(len(data)) && bytes.IndexByte([]byte(" \t\r\n,:"), data[off]) >= 0 {
		off++
	}
	return min(off, int64(len(data)))
}

// known are the keys of each object of the format.
var known = map[string][]string{
	"":       {"schema_version", "title", "description", "tags", "metadata", "participant_teams", "injects", "start_inject_id", "debrief_notes"},
	"meta":   {"author", "estimated_duration_minutes"},
	"team":   {"id", "label"},
	"inject": {"id", "title", "content", "target_teams", "sequence_order", "next_inject_id", "options", "free_text_response", "triggers_communications", "expected_actions", "release_at_minutes"},
	"option": {"id", "label", "next_inject_id"},
	"comm":   {"external_entity", "direction", "subject", "body", "delay_after_release_seconds"},
}

// unknownKeys names the keys IcebergTTX would ignore.
func unknownKeys(data []byte) []text.Message {
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil {
		return nil
	}
	var notes []text.Message
	note := func(where string, obj map[string]json.RawMessage, kind string) {
		for _, k := range sortedKeys(obj) {
			if !slices.Contains(known[kind], k) {
				notes = append(notes, text.M("iceberg-unknown-key", "where", where, "key", k))
			}
		}
	}
	note("", top, "")
	var meta map[string]json.RawMessage
	if json.Unmarshal(top["metadata"], &meta) == nil {
		note("metadata: ", meta, "meta")
	}
	var injects []map[string]json.RawMessage
	_ = json.Unmarshal(top["injects"], &injects)
	for i, inj := range injects {
		where := fmt.Sprintf("injects[%d]: ", i)
		note(where, inj, "inject")
		for _, sub := range []struct{ key, kind string }{{"options", "option"}, {"triggers_communications", "comm"}} {
			var list []map[string]json.RawMessage
			_ = json.Unmarshal(inj[sub.key], &list)
			for j, o := range list {
				note(fmt.Sprintf("%s%s[%d]: ", where, sub.key, j), o, sub.kind)
			}
		}
	}
	return notes
}

func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
