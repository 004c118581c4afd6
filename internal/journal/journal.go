// Package journal is the append-only file a live session and a live
// premortem keep: one JSON line an event, synced before the caller hears
// it is done, locked to one process while open, and replayed line by line
// at its places, a last line a crash cut short left out. What a line
// means, and the state it builds, are the caller's.
package journal

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"

	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
)

// disk is what a journal needs of its file; tests put a disk that fills
// up in its place.
type disk interface {
	Write([]byte) (int, error)
	Sync() error
	Truncate(size int64) error
	Close() error
}

// File is an open journal, locked for as long as it is open. It is not
// safe for concurrent use: its owner holds its own lock around it.
type File struct {
	path string
	lang string
	file disk
	info fs.FileInfo
	id   input.ID // the file the path named at open, to notice it replaced
	read int      // the bytes open read, for Repair to cut back to the whole lines
	size int64    // the bytes of whole lines: what a failed write is cut back to
	cut  bool     // a failed write's fragment could not be cut off yet
	// Restore is every line the journal holds, from its owner's memory,
	// for writing the journal again when it is removed under the process.
	Restore func() []byte
	// Report, when set, is told each failed write and each repair as it
	// happens, for the console's stderr.
	Report func(string)
	// warning is the last write that failed, until one succeeds; notice
	// what was done about the file that the facilitator must know.
	warning, notice string
}

// lockError is a journal whose lock could not be taken; it wraps
// output.ErrHeld when another process (or another open) holds it.
type lockError struct {
	Path string
	Err  error
}

func (e *lockError) Error() string { return e.Message().String() }

// Message is what the error says, for the reader's language.
func (e *lockError) Message() text.Message {
	return text.M("journal-lock", "path", e.Path, "err", e.Err)
}

func (e *lockError) Unwrap() error { return e.Err }

// open opens the journal at path, or creates it readable by the user
// only, takes its lock at once or refuses, and reads what it holds
// through the guarded reader, for the caller to replay and then Repair.
// lang is the language its notes and warnings are said in.
func open(path, lang string) (*File, []byte, error) {
	f, info, err := input.OpenJournal(path)
	if err != nil {
		return nil, nil, err
	}
	if err := output.TryLock(f); err != nil {
		f.Close()
		return nil, nil, &lockError{Path: path, Err: err}
	}
	data, id, err := input.ReadID(context.Background(), path, input.MaxBytes)
	switch {
	case err != nil:
		err = fmt.Errorf("%s: %w", path, err)
	case id != input.IDOf(info):
		err = text.Fail("journal-replaced-opening", "path", path)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return &File{path: path, lang: lang, file: f, info: info, id: id, read: len(data)}, data, nil
}

// Replayed is what a replay found: the bytes of the whole lines, and the
// line a crash cut short (0 when none).
type Replayed struct{ Good, Cut int }

// Replay hands every whole line that is not blank to apply, in order;
// what apply refuses comes back at its FILE:LINE, every one at once, in
// lang. A last line without its newline is what a crash cuts short: it
// is left out (a blank one silently), for Repair to cut off.
func Replay(path, lang string, data []byte, apply func(line []byte) error) (Replayed, error) {
	var (
		r    Replayed
		errs tomlfile.Errors
	)
	for i, line := range bytes.SplitAfter(data, []byte("\n")) {
		if !bytes.HasSuffix(line, []byte("\n")) {
			if len(bytes.TrimSpace(line)) > 0 {
				r.Cut = i + 1
			}
			break
		}
		r.Good += len(line)
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if err := apply(line); err != nil {
			e := tomlfile.Error{File: path, Pos: tomlfile.Pos{Line: i + 1}, Msg: err.Error(), Lang: lang}
			e.Text, _ = text.Of(err)
			errs = append(errs, e)
		}
	}
	return r, errs.Err()
}

// Repair makes the file what its replay read: a cut last line is cut
// off, and the permissions others had are taken away, since a journal
// holds what the room said. Each is noted, said in the journal's
// language; private says what was done to the mode, in words that name
// what this journal holds.
func (f *File) Repair(r Replayed, private func(was, now string) text.Message) (notes []string, err error) {
	if r.Good < f.read {
		if err := f.file.Truncate(int64(r.Good)); err != nil {
			return nil, text.Fail("journal-drop-cut-line", "path", f.path, "err", err)
		}
	}
	if r.Cut > 0 {
		notes = append(notes, f.say(text.M("journal-cut-dropped", "path", f.path, "line", r.Cut)))
	}
	f.size = int64(r.Good)
	if was, now, changed := input.Private(f.file.(*os.File), f.info); changed {
		notes = append(notes, f.say(private(fmt.Sprintf("%#o", was), fmt.Sprintf("%#o", now))))
	}
	return notes, nil
}

// Fits reports whether n more bytes keep the journal within what
// propdeck reads of one file: the process that wrote a journal must
// always be able to read it again.
// Load opens the journal at path as open does, hands what it holds to
// replay and repairs what a crash left (Repair, with private's words for
// a mode made private): the one way both journals start. Its notes say
// each repair; the file is closed again when anything fails.
func Load(path, lang string, replay func(data []byte) (Replayed, error), private func(was, now string) text.Message) (*File, []string, error) {
	f, data, err := open(path, lang)
	if err != nil {
		return nil, nil, err
	}
	r, err := replay(data)
	var notes []string
	if err == nil {
		notes, err = f.Repair(r, private)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, notes, nil
}

func (f *File) Fits(n int) bool { return f.size+int64(n) <= input.MaxBytes }

// Warning is the last failed write's message while no write has
// succeeded since, and what was done about the file; "" when all is well.
func (f *File) Warning() string {
	if f.warning == "" || f.notice == "" {
		return f.warning + f.notice
	}
	return f.warning + "\n" + f.notice
}

// Path is the journal's file.
func (f *File) Path() string { return f.path }

// Named reports whether the journal's name still names the file this
// process holds.
func (f *File) Named() bool {
	info, err := os.Lstat(f.path)
	return err == nil && input.IDOf(info) == f.id
}

// Close lets go of the journal and its lock.
func (f *File) Close() error { return f.file.Close() }

func (f *File) say(m text.Message) string { return m.In(f.lang) }
