package console

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/propdeck/propdeck/internal/scenarios"
)

// LoadTokens reads the tokens a session was started with from path, so
// that a restarted console opens the pages already open; a session new to
// path gets new tokens, written there readable by the user only. The
// tokens never go into the journal.
func LoadTokens(path string, s *scenarios.Scenario) (Tokens, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		t := newTokens(s)
		out, _ := json.MarshalIndent(t, "", "  ")
		if err := os.WriteFile(path, append(out, '\n'), 0o600); err != nil {
			return Tokens{}, fmt.Errorf("writing the session's tokens: %w", err)
		}
		return t, nil
	}
	if err != nil {
		return Tokens{}, fmt.Errorf("reading the session's tokens: %w", err)
	}
	var t Tokens
	if err := json.Unmarshal(data, &t); err != nil || len(t.Facilitator) < 32 || len(t.Screen) < 32 {
		return Tokens{}, fmt.Errorf("%s does not hold a session's tokens; remove it to make new ones", path)
	}
	// Tokens of a role or page added since are made now, and kept.
	grown := false
	if len(t.Scribe) < 32 {
		t.Scribe, grown = token(), true
	}
	if t.Roles == nil {
		t.Roles = map[string]string{}
	}
	for _, r := range s.Roles {
		if len(t.Roles[r.ID]) < 32 {
			t.Roles[r.ID], grown = token(), true
		}
	}
	if grown {
		out, _ := json.MarshalIndent(t, "", "  ")
		if err := os.WriteFile(path, append(out, '\n'), 0o600); err != nil {
			return Tokens{}, fmt.Errorf("writing the session's tokens: %w", err)
		}
	}
	return t, nil
}
