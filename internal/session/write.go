package session

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"

	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/text"
)

// WriteError is an event the disk did not take: a write or sync that
// failed (a full disk, a quota), or a journal removed or replaced under
// the console. The journal is left as it was before the event, unless
// Cut says it could not be.
type WriteError struct {
	Path string
	Op   string // "writing", "syncing", or what happened to the file
	Err  error
	Cut  error // why the part of the line that landed could not be cut off
}

func (e *WriteError) Error() string { return e.Message().String() }

// writeOps are the words of WriteError's Op.
var writeOps = map[string]text.Message{
	"writing": text.M("journal-op-writing"), "syncing": text.M("journal-op-syncing"), "checking": text.M("journal-op-checking"),
	"cutting off a failed write in": text.M("journal-op-cutting"), "writing again the removed": text.M("journal-op-restoring"),
}

// Message is what the error says, for the reader's language.
func (e *WriteError) Message() text.Message {
	op, ok := writeOps[e.Op]
	if !ok {
		op = text.M("as-error", "err", e.Op)
	}
	if e.Cut != nil {
		return text.M("journal-write-uncut", "op", op, "path", e.Path, "err", e.Err, "cut", e.Cut)
	}
	return text.M("journal-write-failed", "op", op, "path", e.Path, "err", e.Err)
}

func (e *WriteError) Unwrap() error { return e.Err }

// NoSpace reports whether the disk or the user's quota is full.
func (e *WriteError) NoSpace() bool { return noSpace(e.Err) }

// write appends one line and syncs it, or leaves the file as it was: a
// fragment that landed before a failure would glue the next line to it
// and the journal would never replay again, so it is cut off.
func (j *Journal) write(line []byte) error {
	if err := j.still(); err != nil {
		return j.failed(err)
	}
	if j.cut {
		if err := j.file.Truncate(j.size); err != nil {
			return j.failed(&WriteError{Path: j.path, Op: "cutting off a failed write in", Err: err, Cut: err})
		}
		j.cut = false
	}
	op := "writing"
	_, err := j.file.Write(line)
	if err == nil {
		op = "syncing"
		err = j.file.Sync()
	}
	if err == nil {
		j.size += int64(len(line))
		j.warning = ""
		return nil
	}
	werr := &WriteError{Path: j.path, Op: op, Err: err}
	if werr.Cut = j.file.Truncate(j.size); werr.Cut == nil {
		// The cut itself is made durable as far as the disk lets it.
		j.file.Sync()
	} else {
		j.cut = true
	}
	return j.failed(werr)
}

func (j *Journal) failed(err error) error {
	j.warning = j.say(text.M("as-error", "err", err))
	j.report(j.warning)
	return err
}

func (j *Journal) report(msg string) {
	if j.Report != nil {
		j.Report(msg)
	}
}

// still checks that the journal's name still names the file the console
// holds. A journal removed under the console is written again from the
// events in memory, so that nothing is lost; one replaced by another file
// is refused, since that file is not the console's to write over.
func (j *Journal) still() error {
	info, err := os.Lstat(j.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return j.restore()
	case err != nil:
		return &WriteError{Path: j.path, Op: "checking", Err: err}
	case input.IDOf(info) != j.id:
		return &WriteError{Path: j.path, Op: "checking", Err: errReplaced}
	}
	return nil
}

var errReplaced = text.Fail("journal-replaced")

// restore writes the journal again, under its name, from the state's
// events, locked, and carries on with that file.
func (j *Journal) restore() error {
	var data []byte
	for _, e := range j.state.Events {
		line, _ := json.Marshal(e)
		data = append(append(data, line...), '\n')
	}
	f, err := os.OpenFile(j.path, os.O_RDWR|os.O_CREATE|os.O_EXCL|os.O_APPEND|input.NoFollow, 0o600)
	if err == nil {
		if err = output.TryLock(f); err == nil {
			if _, err = f.Write(data); err == nil {
				err = f.Sync()
			}
		}
		if err != nil {
			f.Close()
			os.Remove(j.path)
		}
	}
	if err != nil {
		return &WriteError{Path: j.path, Op: "writing again the removed", Err: err}
	}
	info, _ := f.Stat()
	j.file.Close()
	j.file, j.id, j.size, j.cut = f, input.IDOf(info), int64(len(data)), false
	j.notice = j.say(text.M("journal-restored", "path", j.path, "n", len(j.state.Events)))
	j.report(j.notice)
	return nil
}
