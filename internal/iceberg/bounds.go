package iceberg

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"slices"
	"unicode/utf8"

	"github.com/propdeck/propdeck/internal/text"
)

// Bounds of one text of a file, in characters: past them a text is no
// scenario's (a card prints a title in a few lines, a body in a page), and
// laying it out would take time and memory out of all proportion.
const (
	maxShort = 1000    // an id, a title, a label, a subject, a key
	maxText  = 100_000 // any other text: content, a message's body, a cue
)

// shortKeys are the keys whose strings are names or titles.
var shortKeys = []string{"id", "title", "label", "subject", "external_entity", "direction", "start_inject_id", "next_inject_id",
	"target_teams", "tags", "author", "schema_version"}

// maxTextProblems is how many texts past their bound are named; the rest
// are counted.
const maxTextProblems = 20

// frame is an object or array the walk is in, and the key it is under.
type frame struct {
	object  bool
	key     string
	wantKey bool // an object's next string is a key
}

// textBounds walks every token of the file once and refuses each string
// past its bound, at its line and column, without quoting it.
func textBounds(ctx context.Context, data []byte, at lines) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	stack := []frame{{}}
	var out Problems
	more := 0
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		off := dec.InputOffset()
		tok, err := dec.Token()
		if err == io.EOF || err != nil {
			break // json.Unmarshal has placed a syntax error already
		}
		top := &stack[len(stack)-1]
		key, isKey := top.key, top.object && top.wantKey
		switch v := tok.(type) {
		case json.Delim:
			if v == '{' || v == '[' {
				stack = append(stack, frame{object: v == '{', key: key, wantKey: v == '{'})
				continue
			}
			stack = stack[:len(stack)-1]
		case string:
			if isKey {
				key = "a key"
			}
			if msg := overBound(v, key); msg.Key != "" {
				if len(out) < maxTextProblems {
					out = append(out, Problem{at.at(valueStart(data, off)), msg})
				} else {
					more++
				}
			}
			if isKey {
				top.key, top.wantKey = clip(v), false
				continue
			}
		}
		if t := &stack[len(stack)-1]; t.object {
			t.wantKey = true
		}
	}
	if more > 0 {
		out = append(out, Problem{out[len(out)-1].Pos, text.M("iceberg-more-long-texts", "n", more)})
	}
	if len(out) > 0 {
		return out
	}
	return nil
}

// overBound says why a string under a key is too long, or nothing.
func overBound(s, key string) text.Message {
	limit, what := maxText, text.M("iceberg-one-text")
	if key == "a key" || slices.Contains(shortKeys, key) {
		limit, what = maxShort, text.M("iceberg-short-text")
	}
	if len(s) <= limit {
		return text.Message{}
	}
	n := utf8.RuneCountInString(s)
	if n <= limit {
		return text.Message{}
	}
	if key == "a key" {
		return text.M("iceberg-long-key", "n", n, "max", limit, "what", what)
	}
	return text.M("iceberg-long-text", "key", key, "n", n, "max", limit, "what", what)
}

// clip is a key short enough to name in a message.
func clip(key string) string {
	if r := []rune(key); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return key
}
