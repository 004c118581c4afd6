package session

import (
	"encoding/json"

	"github.com/propdeck/propdeck/internal/vocab"
)

// fieldSchemas are the JSON Schema of each field an event may carry.
var fieldSchemas = map[string]map[string]any{
	"clue":       {"type": "string", "description": "A clue's id."},
	"fired":      {"type": "boolean", "description": "Whether the contingency fired (true) or was not needed (false)."},
	"ask":        {"type": "string", "maxLength": maxText, "description": "What the team asked for."},
	"card":       {"type": "string", "description": "A complication card's id; on show, a drawn one; a show with neither card nor event clears the screen (complication, answer and poll result)."},
	"role":       {"type": "string", "description": "A role id: the expected action's; on ask, answer and vote, the role that posted it (the console fills it in); on feedback, only in a hot wash opened as named."},
	"action":     {"type": "string", "description": "The expected action, word for word."},
	"rating":     {"enum": vocab.Rating.Values, "description": "How the action went."},
	"observed":   {"type": "string", "description": "When it was seen, e.g. T+12m; default the event's time."},
	"note":       {"type": "string", "maxLength": maxText, "description": "A note on the rating."},
	"retest":     {"type": "string", "maxLength": 200, "description": "Instead of role and action: the ledger id of an open action carried into the session (run --programme)."},
	"tag":        {"enum": noteTags, "description": "The scribe's category."},
	"text":       {"type": "string", "maxLength": maxText, "description": "What was noted, decided, asked or answered; on decline, why."},
	"who":        {"type": "string", "description": "Who decided."},
	"options":    {"type": "array", "items": map[string]any{"type": "string", "maxLength": maxShort}, "maxItems": maxOptions, "description": "The options there were; on poll, 2 to 10 different ones."},
	"rationale":  {"type": "string", "maxLength": maxText, "description": "Why."},
	"pace":       {"type": "number", "minimum": 1, "maximum": 1440, "description": "Story minutes a session minute (default 1)."},
	"answers":    {"type": "integer", "minimum": 1, "description": "The seq of the ask this request or decline answers."},
	"round":      {"type": "integer", "minimum": 1, "description": "The round the answer answers, from 1."},
	"poll":       {"type": "string", "description": "A poll's id."},
	"option":     {"type": "string", "maxLength": maxShort, "description": "One of the poll's options, word for word."},
	"confidence": {"type": "integer", "minimum": 1, "maximum": maxScale, "description": "How sure the voter is, 1 to 5."},
	"ballot":     {"type": "string", "pattern": "^[0-9a-f]{32}$", "description": "In a poll open to everyone: the ballot's key, HMAC of the poll and the device under a secret kept beside the tokens; no role."},
	"worked":     {"type": "string", "maxLength": maxText, "description": "What worked."},
	"broke":      {"type": "string", "maxLength": maxText, "description": "What broke, or was missing."},
	"score":      {"type": "integer", "minimum": 1, "maximum": maxScale, "description": "How the exercise was, 1 to 5."},
	"id":         {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]{0,63}$", "description": "The poll's id, new to the session (a prepared poll's from the scenario)."},
	"question":   {"type": "string", "maxLength": maxText, "description": "The poll's question."},
	"anonymous":  {"type": "boolean", "description": "Open to every device of every player page, one ballot a device, no role kept."},
	"roles":      {"type": "array", "items": map[string]any{"type": "string"}, "description": "The roles that may vote; none for every role. Not with anonymous: a ballot keeps no role."},
	"named":      {"type": "boolean", "description": "The hot wash keeps each feedback's role (default: anonymous)."},
	"event":      {"type": "integer", "minimum": 1, "description": "On hide, the seq of the ask, answer or feedback hidden; on show, of the answer put on the screen, or of a poll-close to put that poll's result back on it."},
}

// required are the fields an event of a kind must have.
var required = map[Kind][]string{
	reveal: {"clue"}, contingency: {"clue", "fired"}, complication: {"card"},
	rating: {"rating"}, note: {"text"}, decision: {"text"},
	ask: {"text", "role"}, answer: {"text", "role"}, vote: {"poll", "option"},
	poll: {"id", "question", "options"}, pollClose: {"poll"}, hide: {"event"}, decline: {"answers"},
}

// either are the fields of which an event of a kind must have exactly one
// set: a rating is of an expected action or of a carried one.
var either = map[Kind][][]string{rating: {{"role", "action"}, {"retest"}}, vote: {{"role"}, {"ballot"}}}

// Schema is the JSON Schema of a journal line: one of the kinds, each
// with its own fields, and the seq, at and t the console stamps.
func Schema() []byte {
	var lines []any
	for _, k := range kinds() {
		props := map[string]any{
			"seq":  map[string]any{"type": "integer", "minimum": 1, "description": "The event's number, from 1, without gaps."},
			"at":   map[string]any{"type": "string", "format": "date-time", "description": "Wall time (RFC 3339)."},
			"t":    map[string]any{"type": "number", "minimum": 0, "maximum": maxSessionSeconds, "description": "Session seconds since the start, pauses excluded; never less than the previous line's, at most 30 days."},
			"kind": map[string]any{"const": k},
		}
		for _, f := range fields[Kind(k)] {
			props[f] = fieldSchemas[f]
		}
		line := map[string]any{
			"type": "object", "additionalProperties": false, "properties": props,
			"required": append([]string{"seq", "at", "t", "kind"}, required[Kind(k)]...),
		}
		if alts := either[Kind(k)]; alts != nil {
			var one []any
			for _, a := range alts {
				one = append(one, map[string]any{"required": a})
			}
			line["oneOf"] = one
		}
		lines = append(lines, line)
	}
	data, _ := json.MarshalIndent(map[string]any{
		"$schema":     "http://json-schema.org/draft-07/schema#",
		"$id":         "https://propdeck.example/schema/journal-1.json",
		"title":       "propdeck session journal line",
		"description": "One line of a journal propdeck run writes: one event of a live session.",
		"oneOf":       lines,
	}, "", "  ")
	return append(data, '\n')
}
