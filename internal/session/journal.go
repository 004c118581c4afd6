package session

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/journal"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
)

// Journal is a session's events, appended one JSON line each and synced
// to disk before the caller hears it is done, so that a killed process
// loses nothing it answered for. The state is the journal's replay. An
// open journal is locked: one console writes it at a time.
type Journal struct {
	mu    sync.Mutex
	f     *journal.File
	held  bool // this console wrote the holder file
	s     *scenarios.Session
	state *State
	now   func() time.Time
	// Report, when set, is told each failed write and each repair as it
	// happens, for the console's stderr.
	Report func(string)
	// Note says what opening the journal found worth telling: a last line
	// cut short by a crash, dropped; a mode tightened. It is said in the
	// scenario's language, one line each.
	Note string
}

// Open opens the journal at path for s, locked for as long as it is open,
// replaying the events it holds, or creates it readable by the user only.
// A journal another console holds is refused at once, naming it. now is the
// wall clock (time.Now outside tests).
func Open(s *scenarios.Session, path string, now func() time.Time) (*Journal, error) {
	j := &Journal{s: s, state: newState(s), now: now}
	f, notes, err := journal.Load(path, s.Language(), func(data []byte) (journal.Replayed, error) { return j.replay(path, data) },
		func(was, now string) text.Message {
			return text.M("journal-mode-fixed", "path", path, "was", was, "now", now)
		})
	if errors.Is(err, output.ErrHeld) {
		return nil, busy(path)
	}
	if err != nil {
		return nil, err
	}
	j.f = f
	f.Report = func(msg string) {
		if j.Report != nil {
			j.Report(msg)
		}
	}
	f.Restore = func() []byte { return journal.Lines(j.state.Events) }
	j.Note = strings.Join(notes, "\n")
	if err := j.Hold(""); err != nil {
		j.Note = joinNote(j.Note, j.say(text.M("as-error", "err", err)))
	}
	return j, nil
}

// say is a message in the session's language, for its console's stderr
// and the facilitator's page.
func (j *Journal) say(m text.Message) string { return m.In(j.s.Language()) }

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n" + b
}

// readJournal reads a journal through the guarded reader.
func readJournal(path string) ([]byte, error) {
	data, err := input.Read(context.Background(), path, input.MaxBytes)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return data, err
}

// replay applies every line of the journal at path to the state; errors
// name the file and line, all at once, and a last line a crash cut short
// is left out (journal.Replay's rule); a reader never writes.
func (j *Journal) replay(path string, data []byte) (journal.Replayed, error) {
	return journal.Replay(path, j.s.Language(), data, func(line []byte) error {
		e, err := Decode(j.s, line, true)
		if err == nil {
			err = j.state.Apply(e)
		}
		return err
	})
}

// maxNoted is the most notes and decisions one session's journal takes,
// so that one device cannot drown a session (or its report) in them.
const maxNoted = 5000

// Append checks an event against the scenario and the state, stamps it
// with its sequence number, wall time and session time, writes it and
// syncs it, then applies it. An event that cannot be is refused, and
// nothing is written: one the state refuses is a *StateError, one past a
// bound a *LimitError, one the disk did not take a *journal.WriteError.
func (j *Journal) Append(e Event) (Event, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	now := j.now().UTC().Truncate(time.Millisecond)
	e.Seq, e.At, e.T = j.state.Seq+1, now, j.state.Clock(now)
	if n := len(j.state.Events); e.Kind == Feedback && e.Role == "" && n > 0 {
		// An anonymous feedback takes the times of the event before it:
		// its own millisecond beside the same phone's named events would
		// say whose it was.
		e.At, e.T = j.state.Events[n-1].At, j.state.Events[n-1].T
	}
	if err := check(j.s, e); err != nil {
		return Event{}, err
	}
	if e.Kind.Noted() && len(j.state.Notes) >= maxNoted {
		return Event{}, limit(text.M("limit-noted", "max", maxNoted))
	}
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
		return Event{}, limit(text.M("limit-journal", "mb", input.MaxBytes>>20))
	}
	if err := j.f.Append(line); err != nil {
		return Event{}, err
	}
	j.state = next
	return e, nil
}

// LimitError is an event refused because it would pass a bound: the
// journal's size, or the session's count of notes and decisions.
type LimitError struct {
	Msg  string
	Text text.Message // Msg's words, for the reader's language
}

func (e *LimitError) Error() string { return e.Msg }

// Message is what the error says, for the reader's language.
func (e *LimitError) Message() text.Message {
	if e.Text.Key == "" {
		return text.M("as-error", "err", e.Msg)
	}
	return e.Text
}

func limit(m text.Message) *LimitError { return &LimitError{Msg: m.String(), Text: m} }

// State is a copy of the state now, safe to read while events arrive.
func (j *Journal) State() *State {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.state.clone()
}

// Warning is the last failed write's message while no write has
// succeeded since, for the facilitator's page; "" when all is well.
func (j *Journal) Warning() string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.f.Warning()
}

// Path is the journal's file.
func (j *Journal) Path() string { return j.f.Path() }

// Close removes the holder file and closes the journal, which lets go of
// its lock.
func (j *Journal) Close() error {
	// Another console may hold the name by now (the journal was replaced
	// under this one): its holder file is left to it.
	if j.held && j.f.Named() {
		os.Remove(FilesOf(j.f.Path()).Holder)
	}
	return j.f.Close()
}
