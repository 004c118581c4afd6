package ideas

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
)

// Journal is a premortem's events, one JSON line each, synced before the
// caller hears it is done: a killed process loses nothing it answered
// for, and at most the line it was writing. It is locked while open.
type Journal struct {
	mu    sync.Mutex
	path  string
	file  *os.File
	size  int64
	state *State
	now   func() time.Time
	// Note says what opening found worth telling: a cut last line
	// dropped, a mode others could read tightened.
	Note string
}

// Files are a premortem journal's companions: for X.ideas.jsonl,
// X.ideas.devices (the pages' and the devices' tokens, and what each
// device's limits need) and the folder X-premortem that the end writes.
type Files struct{ Journal, Devices, Out string }

// FilesOf names the companions of the journal at path.
func FilesOf(path string) Files {
	own := strings.TrimSuffix(path, ".jsonl")
	base := strings.TrimSuffix(own, ".ideas")
	return Files{Journal: path, Devices: own + ".devices", Out: base + "-premortem"}
}

// Open opens (or creates, readable by the user only) the journal at path,
// locked, and replays it.
func Open(path string, now func() time.Time) (*Journal, error) {
	f, info, err := input.OpenJournal(path)
	if err != nil {
		return nil, err
	}
	if err := output.TryLock(f); err != nil {
		f.Close()
		return nil, text.Fail("ideas-journal-busy", "path", path)
	}
	j := &Journal{path: path, file: f, state: newState(), now: now}
	data, id, err := input.ReadID(context.Background(), path, input.MaxBytes)
	switch {
	case err != nil:
		err = fmt.Errorf("%s: %w", path, err)
	case id != input.IDOf(info):
		err = text.Fail("journal-replaced-opening", "path", path)
	default:
		err = j.replay(f, data)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	if was, now, changed := input.Private(f, info); changed {
		j.Note = joinNote(j.Note, text.M("ideas-journal-private", "path", path, "was", fmt.Sprintf("%#o", was), "now", fmt.Sprintf("%#o", now)).String())
	}
	return j, nil
}

// Read replays the journal at path without opening it for writing.
func Read(path string) (*State, error) {
	data, err := input.Read(context.Background(), path, input.MaxBytes)
	if err != nil {
		return nil, text.Fail("file-error", "file", path, "err", err)
	}
	j := &Journal{path: path, state: newState()}
	return j.state, j.replay(nil, data)
}

// replay applies every whole line, every error at its FILE:LINE at once;
// a last line without its newline is what a crash cut short: it is
// dropped (from the file too when f is open for writing).
func (j *Journal) replay(f *os.File, data []byte) error {
	var errs tomlfile.Errors
	good := 0
	for i, line := range bytes.SplitAfter(data, []byte("\n")) {
		if !bytes.HasSuffix(line, []byte("\n")) {
			if len(bytes.TrimSpace(line)) > 0 {
				j.Note = text.M("ideas-journal-cut", "path", j.path, "line", i+1).String()
			}
			break
		}
		good += len(line)
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		e, err := Decode(line, true)
		if err == nil {
			err = j.state.Apply(e)
		}
		if err != nil {
			errs = append(errs, tomlfile.Error{File: j.path, Pos: tomlfile.Pos{Line: i + 1}, Msg: err.Error()})
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	j.size = int64(good)
	if f != nil && good < len(data) {
		if err := f.Truncate(int64(good)); err != nil {
			return text.Fail("journal-drop-cut-line", "path", j.path, "err", err)
		}
	}
	return nil
}

// writeError is an event the disk did not take; the journal is as it
// was before it.
type writeError struct{ Err error }

func (e *writeError) Error() string { return e.Message().String() }

// Message is what the error says, for a page in its language.
func (e *writeError) Message() text.Message { return text.M("ideas-journal-write", "err", e.Err) }

func (e *writeError) Unwrap() error { return e.Err }

// Append checks e against the state, stamps it, writes and syncs it, and
// only then applies it. A refused event writes nothing.
func (j *Journal) Append(e Event) (Event, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if e.Kind == KindGroup && e.ID != "" && j.state.group(e.ID) < 0 {
		return Event{}, fail("ideas-no-target", "target", e.ID, "hint", hint(e.ID, j.state.targets()))
	}
	e.Seq, e.At = j.state.Seq+1, j.now().UTC().Truncate(time.Millisecond)
	if e.Kind == KindIdea || e.Kind == KindVote {
		// When an idea or a dot came, matched with who was typing or
		// tapping then, would name its author: it is stamped with its
		// phase's start instead.
		e.At = j.state.Since
	}
	j.state.prepare(&e)
	next := j.state.clone()
	if err := next.Apply(e); err != nil {
		return Event{}, err
	}
	line, err := json.Marshal(e)
	if err != nil {
		return Event{}, err
	}
	line = append(line, '\n')
	if j.size+int64(len(line)) > input.MaxBytes {
		return Event{}, fail("ideas-journal-full", "max", input.MaxBytes>>20)
	}
	if _, err = j.file.Write(line); err == nil {
		err = j.file.Sync()
	}
	if err != nil {
		// A fragment left behind would glue the next line to it.
		_ = j.file.Truncate(j.size)
		return Event{}, &writeError{err}
	}
	j.size += int64(len(line))
	j.state = next
	return e, nil
}

// State is a copy of the state now, safe to read while events arrive.
func (j *Journal) State() *State {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.state.clone()
}

// Seq is the seq of the last event, without copying the state: a view
// cached at it is still the latest.
func (j *Journal) Seq() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.state.Seq
}

// Path is the journal's file.
func (j *Journal) Path() string { return j.path }

// Close lets go of the journal and its lock.
func (j *Journal) Close() error { return j.file.Close() }

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}
