package ideas

import "encoding/json"

// fieldSchemas are the JSON Schema of each field an event may carry.
var fieldSchemas = map[string]map[string]any{
	"phase":      {"enum": Phases, "description": "The phase the facilitator starts; never one before the present one."},
	"timer":      {"type": "integer", "minimum": 0, "maximum": maxTimer, "description": "The phase's timer in seconds, shown on every page; 0 or none for no timer."},
	"room":       {"type": "boolean", "description": "On the place phase: placing is open to the room, each device rating impact and likelihood from its phone (kept beside the tokens, never here); false or none closes it."},
	"id":         {"type": "string", "pattern": "^[gi][0-9a-f]{8}$", "description": "An idea's or group's id, drawn at random by the server (never from a device); on a group a page posts, the group it changes."},
	"text":       {"type": "string", "minLength": 1, "maxLength": maxIdeaText * 4, "description": "The idea, at most 500 characters. No field says who wrote it."},
	"title":      {"type": "string", "maxLength": maxLine * 4, "description": "The group's title, one line."},
	"ideas":      {"type": "array", "items": map[string]any{"type": "string"}, "description": "The group's ideas; they leave any other group. None removes the group."},
	"target":     {"type": "string", "description": "The id of an idea (not hidden) or a group."},
	"impact":     {"type": "integer", "minimum": 1, "maximum": 3, "description": "Its row on the grid: 1 (low) to 3 (high)."},
	"likelihood": {"type": "integer", "minimum": 1, "maximum": 3, "description": "Its column on the grid: 1 (low) to 3 (high)."},
	"class":      {"enum": Classes, "description": "tiger, paper-tiger or elephant."},
	"owner":      {"type": "string", "maxLength": maxLine * 4, "description": "Who sees the pick's drill through, one line."},
	"due":        {"type": "string", "format": "date", "description": "The day it is rehearsed by, YYYY-MM-DD."},
	"signals":    {"type": "array", "maxItems": maxSignals, "items": map[string]any{"type": "string", "minLength": 1}, "description": "Kill criteria and early signals to watch, one line each."},
}

// required are the fields an event of a kind must have.
var required = map[Kind][]string{
	KindPhase: {"phase"}, KindIdea: {"id", "text"}, KindHide: {"target"}, KindGroup: {"id"},
	KindVote: {"target"}, KindPlace: {"target", "impact", "likelihood"}, KindPick: {"target"},
}

// Schema is the JSON Schema of a premortem journal's line: one of the
// kinds the journal holds (done and rate never are), each with its own fields, and
// the seq and at the server stamps.
func Schema() []byte {
	var lines []any
	for _, k := range kinds() {
		if Kind(k) == KindDone || Kind(k) == KindRate {
			continue
		}
		props := map[string]any{
			"seq":  map[string]any{"type": "integer", "minimum": 1, "description": "The event's number, from 1, without gaps."},
			"at":   map[string]any{"type": "string", "format": "date-time", "description": "Wall time (RFC 3339)."},
			"kind": map[string]any{"const": k},
		}
		for _, f := range fields[Kind(k)] {
			props[f] = fieldSchemas[f]
		}
		if Kind(k) == KindIdea {
			props["id"] = fieldSchemas["id"]
		}
		lines = append(lines, map[string]any{"type": "object", "additionalProperties": false, "properties": props,
			"required": append([]string{"seq", "at", "kind"}, required[Kind(k)]...)})
	}
	data, _ := json.MarshalIndent(map[string]any{
		"$schema":     "http://json-schema.org/draft-07/schema#",
		"$id":         "https://propdeck.example/schema/ideas-1.json",
		"title":       "propdeck premortem journal line",
		"description": "One line of a journal propdeck premortem --live writes: one event of a live premortem, never its author.",
		"oneOf":       lines,
	}, "", "  ")
	return append(data, '\n')
}
