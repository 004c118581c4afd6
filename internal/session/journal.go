package session

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
	"time"

	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// Journal is a session's events, appended one JSON line each and synced
// to disk before the caller hears it is done, so that a killed process
// loses nothing it answered for. The state is the journal's replay.
type Journal struct {
	mu    sync.Mutex
	path  string
	file  *os.File
	s     *scenarios.Scenario
	state *State
	now   func() time.Time
	// Note says what opening the journal found worth telling: a last line
	// cut short by a crash, dropped.
	Note string
}

// Open opens the journal at path for s, replaying the events it holds, or
// creates it. now is the wall clock (time.Now outside tests).
func Open(s *scenarios.Scenario, path string, now func() time.Time) (*Journal, error) {
	j := &Journal{path: path, s: s, state: newState(s), now: now}
	data, err := readJournal(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("%s: %w", path, err)
	default:
		good, err := j.replay(data)
		if err != nil {
			return nil, err
		}
		// Only the console repairs: the cut line goes, and Note says so.
		if good < len(data) {
			if err := os.Truncate(path, int64(good)); err != nil {
				return nil, fmt.Errorf("dropping the cut last line of %s: %w", path, err)
			}
			j.Note += "; it is dropped"
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening the journal: %w", err)
	}
	j.file = f
	return j, nil
}

// readJournal reads a journal through the guarded reader.
func readJournal(path string) ([]byte, error) {
	data, err := input.Read(context.Background(), path, input.MaxBytes)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return data, err
}

// replay applies every line; errors name the file and line, all at once.
// A last line without its newline is what a crash cuts short: it is
// left out and said in Note. good is the length of the whole lines, for
// the console to trim the file to; a reader never writes.
func (j *Journal) replay(data []byte) (good int, err error) {
	var errs scenarios.Errors
	lines := bytes.SplitAfter(data, []byte("\n"))
	for i, line := range lines {
		if len(bytes.TrimSpace(line)) == 0 {
			good += len(line)
			continue
		}
		if !bytes.HasSuffix(line, []byte("\n")) {
			j.Note = fmt.Sprintf("%s: line %d was cut short (the process was killed while writing it)", j.path, i+1)
			break
		}
		e, err := Decode(j.s, line, true)
		if err == nil {
			err = j.state.Apply(e)
		}
		if err != nil {
			errs = append(errs, scenarios.Error{File: j.path, Pos: scenarios.Pos{Line: i + 1}, Msg: err.Error()})
		}
		good += len(line)
	}
	return good, errs.Err()
}

// Append checks an event against the scenario and the state, stamps it
// with its sequence number, wall time and session time, writes it and
// syncs it, then applies it. An event that cannot be is refused, and
// nothing is written.
func (j *Journal) Append(e Event) (Event, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	now := j.now().UTC().Truncate(time.Millisecond)
	e.Seq, e.At, e.T = j.state.Seq+1, now, j.state.Clock(now)
	if err := check(j.s, e); err != nil {
		return Event{}, err
	}
	next := j.state.clone()
	if err := next.Apply(e); err != nil {
		return Event{}, err
	}
	line, err := json.Marshal(e)
	if err != nil {
		return Event{}, err
	}
	if _, err := j.file.Write(append(line, '\n')); err != nil {
		return Event{}, fmt.Errorf("writing the journal: %w", err)
	}
	if err := j.file.Sync(); err != nil {
		return Event{}, fmt.Errorf("syncing the journal: %w", err)
	}
	j.state = next
	return e, nil
}

// State is a copy of the state now, safe to read while events arrive.
func (j *Journal) State() *State {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.state.clone()
}

// Close closes the journal's file.
func (j *Journal) Close() error { return j.file.Close() }
