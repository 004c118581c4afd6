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
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
)

// journalFile is what the journal needs of its file; tests put a disk
// that fills up in its place.
type journalFile interface {
	Write([]byte) (int, error)
	Sync() error
	Truncate(size int64) error
	Close() error
}

// Journal is a session's events, appended one JSON line each and synced
// to disk before the caller hears it is done, so that a killed process
// loses nothing it answered for. The state is the journal's replay. An
// open journal is locked: one console writes it at a time.
type Journal struct {
	mu    sync.Mutex
	path  string
	file  journalFile
	id    input.ID // the file the path named at Open, to notice it replaced
	size  int64    // the bytes of whole lines: what a failed write is cut back to
	cut   bool     // a failed write's fragment could not be cut off yet
	held  bool     // this console wrote the holder file
	s     *scenarios.Session
	state *State
	now   func() time.Time
	// warning is the last write that failed, until one succeeds; notice
	// what the console did about its file that the facilitator must know.
	warning, notice string
	// Report, when set, is told each failed write and each repair as it
	// happens, for the console's stderr.
	Report func(string)
	// Note says what opening the journal found worth telling: a last line
	// cut short by a crash, dropped; a mode tightened. It is said in the
	// scenario's language, one line each.
	Note string
	// cutLine is the line a crash cut short, 0 when none.
	cutLine int
}

// Open opens the journal at path for s, locked for as long as it is open,
// replaying the events it holds, or creates it readable by the user only.
// A journal another console holds is refused at once, naming it. now is the
// wall clock (time.Now outside tests).
func Open(s *scenarios.Session, path string, now func() time.Time) (*Journal, error) {
	j := &Journal{path: path, s: s, state: newState(s), now: now}
	f, info, err := input.OpenJournal(path)
	if err != nil {
		return nil, err
	}
	if err := output.TryLock(f); err != nil {
		f.Close()
		if errors.Is(err, output.ErrHeld) {
			return nil, busy(path)
		}
		return nil, text.Fail("journal-lock", "path", path, "err", err)
	}
	j.file, j.id = f, input.IDOf(info)
	if err := j.load(f, info); err != nil {
		f.Close()
		return nil, err
	}
	if err := j.Hold(""); err != nil {
		j.Note = joinNote(j.Note, j.say(text.M("as-error", "err", err)))
	}
	return j, nil
}

// load replays what the locked file holds, read through the guarded
// reader, and repairs it: a cut last line goes, a mode others could read
// is tightened. Each is said in Note.
func (j *Journal) load(f *os.File, info fs.FileInfo) error {
	data, id, err := input.ReadID(context.Background(), j.path, input.MaxBytes)
	if err != nil {
		return fmt.Errorf("%s: %w", j.path, err)
	}
	if id != j.id {
		return text.Fail("journal-replaced-opening", "path", j.path)
	}
	good, err := j.replay(data)
	if err != nil {
		return err
	}
	if good < len(data) {
		if err := f.Truncate(int64(good)); err != nil {
			return text.Fail("journal-drop-cut-line", "path", j.path, "err", err)
		}
		j.Note = joinNote(j.Note, j.say(text.M("journal-cut-dropped", "path", j.path, "line", j.cutLine)))
	}
	j.size = int64(good)
	if perm, now, changed := input.Private(f, info); changed {
		j.Note = joinNote(j.Note, j.say(text.M("journal-mode-fixed", "path", j.path, "was", fmt.Sprintf("%#o", perm), "now", fmt.Sprintf("%#o", now))))
	}
	return nil
}

// say is a message in the session's language, for its console's stderr
// and the facilitator's page.
func (j *Journal) say(m text.Message) string { return m.In(j.s.Meta().Language) }

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

// replay applies every line; errors name the file and line, all at once.
// A last line without its newline is what a crash cuts short: it is
// left out and said in Note. good is the length of the whole lines, for
// the console to trim the file to; a reader never writes.
func (j *Journal) replay(data []byte) (good int, err error) {
	var errs tomlfile.Errors
	lines := bytes.SplitAfter(data, []byte("\n"))
	for i, line := range lines {
		if len(bytes.TrimSpace(line)) == 0 {
			good += len(line)
			continue
		}
		if !bytes.HasSuffix(line, []byte("\n")) {
			j.cutLine = i + 1
			break
		}
		e, err := Decode(j.s, line, true)
		if err == nil {
			err = j.state.Apply(e)
		}
		if err != nil {
			errs = append(errs, tomlfile.Error{File: j.path, Pos: tomlfile.Pos{Line: i + 1}, Msg: err.Error()})
		}
		good += len(line)
	}
	return good, errs.Err()
}

// maxNoted is the most notes and decisions one session's journal takes,
// so that one device cannot drown a session (or its report) in them.
const maxNoted = 5000

// Append checks an event against the scenario and the state, stamps it
// with its sequence number, wall time and session time, writes it and
// syncs it, then applies it. An event that cannot be is refused, and
// nothing is written: one the state refuses is a *StateError, one past a
// bound a *LimitError, one the disk did not take a *WriteError.
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
	// The console that wrote a journal must always be able to read it.
	if j.size+int64(len(line)) > input.MaxBytes {
		return Event{}, limit(text.M("limit-journal", "mb", input.MaxBytes>>20))
	}
	if err := j.write(line); err != nil {
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
	return joinNote(j.warning, j.notice)
}

// Path is the journal's file.
func (j *Journal) Path() string { return j.path }

// Close removes the holder file and closes the journal, which lets go of
// its lock.
func (j *Journal) Close() error {
	// Another console may hold the name by now (the journal was replaced
	// under this one): its holder file is left to it.
	if info, err := os.Lstat(j.path); j.held && err == nil && input.IDOf(info) == j.id {
		os.Remove(FilesOf(j.path).Holder)
	}
	return j.file.Close()
}
