package ideas

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/journal"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/text"
)

// Journal is a premortem's events, one JSON line each, synced before the
// caller hears it is done: a killed process loses nothing it answered
// for, and at most the line it was writing. It is locked while open.
type Journal struct {
	mu    sync.Mutex
	f     *journal.File
	state *State
	now   func() time.Time
	// Note says what opening found worth telling, in the premortem's
	// language: a cut last line dropped, a mode others could read
	// tightened.
	Note string
	// Report, when set, is told each failed write and each repair as it
	// happens, in the premortem's language, for stderr.
	Report func(string)
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
// locked, and replays it; what it says, it says in lang.
func Open(path, lang string, now func() time.Time) (*Journal, error) {
	j := &Journal{state: newState(), now: now}
	f, notes, err := journal.Load(path, lang, func(data []byte) (journal.Replayed, error) { return j.replay(path, lang, data) },
		func(was, now string) text.Message {
			return text.M("ideas-journal-private", "path", path, "was", was, "now", now)
		})
	if errors.Is(err, output.ErrHeld) {
		return nil, text.Fail("ideas-journal-busy", "path", path)
	}
	if err != nil {
		return nil, err
	}
	j.f = f
	f.Restore = func() []byte { return journal.Lines(j.state.Events) }
	f.Report = func(msg string) {
		if j.Report != nil {
			j.Report(msg)
		}
	}
	j.Note = strings.Join(notes, "\n")
	return j, nil
}

// Read replays the journal at path without opening it for writing.
func Read(path string) (*State, error) {
	data, err := input.Read(context.Background(), path, input.MaxBytes)
	if err != nil {
		return nil, text.Fail("file-error", "file", path, "err", err)
	}
	j := &Journal{state: newState()}
	_, err = j.replay(path, "", data)
	return j.state, err
}

// replay applies every whole line, every error at its FILE:LINE at once;
// a last line a crash cut short is left out (journal.Replay's rule).
func (j *Journal) replay(path, lang string, data []byte) (journal.Replayed, error) {
	return journal.Replay(path, lang, data, func(line []byte) error {
		e, err := Decode(line, true)
		if err == nil {
			err = j.state.Apply(e)
		}
		return err
	})
}

// Append checks e against the state, stamps it, writes and syncs it, and
// only then applies it. A refused event writes nothing; one the disk did
// not take is a *journal.WriteError.
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
	if !j.f.Fits(len(line)) {
		return Event{}, fail("ideas-journal-full", "max", input.MaxBytes>>20)
	}
	if err := j.f.Append(line); err != nil {
		return Event{}, err
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

// Seq is the seq of the last event, without copying the state: a view
// cached at it is still the latest.
func (j *Journal) Seq() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.state.Seq
}

// Path is the journal's file.
func (j *Journal) Path() string { return j.f.Path() }

// Close lets go of the journal and its lock.
func (j *Journal) Close() error { return j.f.Close() }
