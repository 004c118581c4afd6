//go:build linux

package journal

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/text"
)

// fullDisk is a journal's file on a disk that takes room more bytes, then
// lands part of a write and fails; sync and truncate may fail too.
type fullDisk struct {
	*os.File
	room              int
	syncFails, noCuts bool
}

func (d *fullDisk) Write(p []byte) (int, error) {
	if len(p) <= d.room {
		d.room -= len(p)
		return d.File.Write(p)
	}
	n, _ := d.File.Write(p[:d.room])
	d.room = 0
	return n, &fs.PathError{Op: "write", Path: d.Name(), Err: syscall.ENOSPC}
}

func (d *fullDisk) Sync() error {
	if d.syncFails {
		return &fs.PathError{Op: "sync", Path: d.Name(), Err: syscall.EIO}
	}
	return d.File.Sync()
}

func (d *fullDisk) Truncate(n int64) error {
	if d.noCuts {
		return &fs.PathError{Op: "truncate", Path: d.Name(), Err: syscall.EIO}
	}
	return d.File.Truncate(n)
}

// TestFailedWriteLeavesNothing: a write that lands part of its line, or a
// sync that fails, leaves the journal byte for byte as it was, answers a
// *WriteError and a warning for the page; the next line is stored, and
// the journal replays. A fragment that cannot be cut off at once is cut
// off before the next line is written.
func TestFailedWriteLeavesNothing(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		disk    fullDisk
		noSpace bool
	}{
		{"a write half landed", fullDisk{room: 20}, true},
		{"nothing landed", fullDisk{room: 0}, true},
		{"the sync failed", fullDisk{room: 1 << 20, syncFails: true}, false},
		{"the cut failed too", fullDisk{room: 20, noCuts: true}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "s.journal.jsonl")
			j := openTest(t, path)
			defer j.Close()
			mustAppend(t, j, `{"seq":1}`)
			before, _ := os.ReadFile(path)
			disk := tc.disk
			disk.File = j.file.(*os.File)
			j.file = &disk
			err := j.Append([]byte(`{"seq":2,"text":"lost to a full disk"}` + "\n"))
			var we *WriteError
			if !errors.As(err, &we) || we.NoSpace() != tc.noSpace || !strings.Contains(j.Warning(), "the journal could not be written") {
				t.Fatalf("%v (warning %q)", err, j.Warning())
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) && !tc.disk.noCuts {
				t.Errorf("the journal changed:\n%s", after)
			}
			disk.room, disk.syncFails, disk.noCuts = 1<<20, false, false
			mustAppend(t, j, `{"seq":2,"text":"stored"}`)
			if j.Warning() != "" {
				t.Errorf("the warning outlived a good write: %q", j.Warning())
			}
			data, _ := os.ReadFile(path)
			var lines []string
			r, err := Replay(path, "en", data, func(line []byte) error {
				lines = append(lines, string(line))
				return nil
			})
			if err != nil || r.Cut != 0 || len(lines) != 2 || !strings.Contains(lines[1], "stored") {
				t.Errorf("the journal after a failed write: %q, %+v, %v", lines, r, err)
			}
		})
	}
}

// TestReplay: every whole line goes to the caller with its place; what
// the caller refuses comes back at FILE:LINE, all at once, in the
// journal's language; a last line without its newline is the cut one
// (a blank one is no line); blank lines are skipped.
func TestReplay(t *testing.T) {
	t.Parallel()
	refuse := func(line []byte) error {
		if strings.Contains(string(line), "bad") {
			return text.Fail("journal-replaced-opening", "path", "x")
		}
		return nil
	}
	for _, tc := range []struct {
		data, lang, err string
		good, cut       int
	}{
		{"a\n\nb\n", "en", "", 5, 0},
		{"a\nb", "en", "", 2, 2},
		{"a\n  ", "en", "", 2, 0},
		{"a\nbad\nbad\n", "en", "j:2: x was replaced while it was being opened; start again\nj:3: x was replaced", 10, 0},
		{"bad\n", "ko", "j:1: x가 여는 동안 바뀜", 4, 0},
	} {
		r, err := Replay("j", tc.lang, []byte(tc.data), refuse)
		if r.Good != tc.good || r.Cut != tc.cut || (err == nil) != (tc.err == "") || err != nil && !strings.HasPrefix(err.Error(), tc.err) {
			t.Errorf("%q: %+v, %v", tc.data, r, err)
		}
	}
}

// TestRepair: a cut last line is cut off the file and said, and a
// journal others could read is made the user's only, in the words its
// owner gives.
func TestRepair(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "p.ideas.jsonl")
	os.WriteFile(path, []byte("{}\n{\"cut"), 0o644)
	os.Chmod(path, 0o644)
	f, data, err := open(path, "ko")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, _ := Replay(path, "ko", data, func([]byte) error { return nil })
	notes, err := f.Repair(r, func(was, now string) text.Message {
		return text.M("ideas-journal-private", "path", path, "was", was, "now", now)
	})
	info, _ := os.Stat(path)
	after, _ := os.ReadFile(path)
	if err != nil || len(notes) != 2 || !strings.Contains(notes[0], "2번째 줄") || !strings.Contains(notes[1], "0600") ||
		string(after) != "{}\n" || info.Mode().Perm() != 0o600 {
		t.Errorf("%v: notes %q, file %q, mode %v", err, notes, after, info.Mode().Perm())
	}
}

// TestOneHolder: a journal open in one place is refused in another at
// once, as held.
func TestOneHolder(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "s.journal.jsonl")
	j := openTest(t, path)
	defer j.Close()
	_, _, err := open(path, "en")
	var le *lockError
	if !errors.As(err, &le) || !errors.Is(err, output.ErrHeld) {
		t.Errorf("a second open: %v", err)
	}
}

func openTest(t *testing.T, path string) *File {
	t.Helper()
	f, data, err := open(path, "en")
	if err == nil {
		var r Replayed
		if r, err = Replay(path, "en", data, func([]byte) error { return nil }); err == nil {
			_, err = f.Repair(r, func(was, now string) text.Message { return text.M("as-error", "err", now) })
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func mustAppend(t *testing.T, f *File, line string) {
	t.Helper()
	if !f.Fits(len(line) + 1) {
		t.Fatal("full")
	}
	if err := f.Append([]byte(line + "\n")); err != nil {
		t.Fatal(err)
	}
}
