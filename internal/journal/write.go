package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"

	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/text"
)

// WriteError is a line the disk did not take: a write or sync that
// failed (a full disk, a quota), or a journal removed or replaced under
// the process. The journal is left as it was before the line, unless Cut
// says it could not be.
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

// Append writes one line (with its newline) and syncs it, or leaves the
// file as it was and answers a *WriteError: a fragment that landed before
// a failure would glue the next line to it and the journal would never
// replay again, so it is cut off. The caller applies the event only when
// Append succeeded, and has asked Fits first.
func (f *File) Append(line []byte) error {
	if err := f.still(); err != nil {
		return f.failed(err)
	}
	if f.cut {
		if err := f.file.Truncate(f.size); err != nil {
			return f.failed(&WriteError{Path: f.path, Op: "cutting off a failed write in", Err: err, Cut: err})
		}
		f.cut = false
	}
	op := "writing"
	_, err := f.file.Write(line)
	if err == nil {
		op = "syncing"
		err = f.file.Sync()
	}
	if err == nil {
		f.size += int64(len(line))
		f.warning = ""
		return nil
	}
	werr := &WriteError{Path: f.path, Op: op, Err: err}
	if werr.Cut = f.file.Truncate(f.size); werr.Cut == nil {
		// The cut itself is made durable as far as the disk lets it.
		f.file.Sync()
	} else {
		f.cut = true
	}
	return f.failed(werr)
}

func (f *File) failed(err error) error {
	f.warning = f.say(text.M("as-error", "err", err))
	f.report(f.warning)
	return err
}

func (f *File) report(msg string) {
	if f.Report != nil {
		f.Report(msg)
	}
}

// still checks that the journal's name still names the file the process
// holds. A journal removed under it is written again from the events in
// memory, so that nothing is lost; one replaced by another file is
// refused, since that file is not the process's to write over.
func (f *File) still() error {
	info, err := os.Lstat(f.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return f.restore()
	case err != nil:
		return &WriteError{Path: f.path, Op: "checking", Err: err}
	case input.IDOf(info) != f.id:
		return &WriteError{Path: f.path, Op: "checking", Err: errReplaced}
	}
	return nil
}

var errReplaced = text.Fail("journal-replaced")

// Lines are events as a journal holds them, one JSON line each: what
// Restore gives from its owner's memory.
func Lines[E any](events []E) []byte {
	var data []byte
	for _, e := range events {
		line, _ := json.Marshal(e)
		data = append(append(data, line...), '\n')
	}
	return data
}

// restore writes the journal again, under its name, from Restore's
// lines, locked, and carries on with that file.
func (f *File) restore() error {
	var data []byte
	if f.Restore != nil {
		data = f.Restore()
	}
	nf, err := os.OpenFile(f.path, os.O_RDWR|os.O_CREATE|os.O_EXCL|os.O_APPEND|input.NoFollow, 0o600)
	if err == nil {
		if err = output.TryLock(nf); err == nil {
			if _, err = nf.Write(data); err == nil {
				err = nf.Sync()
			}
		}
		if err != nil {
			nf.Close()
			os.Remove(f.path)
		}
	}
	if err != nil {
		return &WriteError{Path: f.path, Op: "writing again the removed", Err: err}
	}
	info, _ := nf.Stat()
	f.file.Close()
	f.file, f.info, f.id, f.size, f.cut = nf, info, input.IDOf(info), int64(len(data)), false
	f.notice = f.say(text.M("journal-restored", "path", f.path, "n", bytes.Count(data, []byte("\n"))))
	f.report(f.notice)
	return nil
}
