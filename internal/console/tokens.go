package console

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"

	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
)

// maxTokensFile is the most a tokens file is read of: a token per role.
const maxTokensFile = 1 << 20

// LoadTokens reads the tokens a session was started with from path, so
// that a restarted console opens the pages already open; a session new to
// path gets new tokens, written there readable by the user only. The
// tokens never go into the journal. The file must be the user's own
// regular file (never a symlink, a FIFO or a device), and it is written
// by replacing it, so a symlink at path is never followed. Tokens that
// could not be written are still returned, with a *NotKeptError.
func LoadTokens(path string, s *scenarios.Session) (Tokens, error) {
	data, err := input.ReadOwn(context.Background(), path, maxTokensFile)
	if errors.Is(err, fs.ErrNotExist) {
		t := newTokens(s)
		return t, writeTokens(path, t)
	}
	if err != nil {
		return Tokens{}, text.Fail("tokens-unreadable", "path", path, "err", err)
	}
	var t Tokens
	if err := json.Unmarshal(data, &t); err != nil || len(t.Facilitator) < 32 || len(t.Screen) < 32 {
		return Tokens{}, text.Fail("tokens-not-tokens", "path", path)
	}
	// Tokens of a role or page added since are made now, and kept.
	if t.grow(s) {
		return t, writeTokens(path, t)
	}
	return t, nil
}

// NotKeptError is tokens that work but could not be kept (a full disk):
// the session can go on, and a restarted console would give its pages
// new tokens.
type NotKeptError struct{ Err error }

func (e *NotKeptError) Error() string { return e.Message().String() }

// Message is the error's words, to be said in the session's language.
func (e *NotKeptError) Message() text.Message {
	return text.M("tokens-not-kept", "err", e.Err.Error())
}

func (e *NotKeptError) Unwrap() error { return e.Err }

func writeTokens(path string, t Tokens) error {
	out, _ := json.MarshalIndent(t, "", "  ")
	if err := output.WritePrivate(path, append(out, '\n')); err != nil {
		return &NotKeptError{err}
	}
	return nil
}
