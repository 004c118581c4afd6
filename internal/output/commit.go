package output

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/propdeck/propdeck/internal/text"
)

// The commit is a small redo/undo log kept in a staging folder inside the
// output folder, because a set of renames cannot be made atomic and a kill
// can land between any two of them:
//
//  1. every new file is written and synced into STAGE/new;
//  2. every file it replaces gets a second name in STAGE/old (a hard link,
//     or a copy where links are not supported), so the previous set is kept
//     whatever happens to the targets;
//  3. STAGE/state is written with the list of names and renamed into place:
//     this one rename is the commit point;
//  4. the new files are renamed over their targets;
//  5. the staging folder is removed.
//
// A kill before 3 leaves the targets untouched: the next write into the
// folder removes the staging folder (uncommitted). A kill after 3 leaves a
// state the next write rolls forward from STAGE/new. A rename that fails
// in 4 (not a kill) marks the state "abort" and puts STAGE/old back, so
// the folder again holds the previous set. Nothing outside a staging
// folder is ever deleted, except a file this commit itself added and is
// taking back.
//
// A single final rename (of a whole folder) would need the output folder
// itself to be replaced, which the user owns and may hold other files in;
// the log keeps every other file of the folder where it is.

// stagePrefix starts the name of every staging folder: propdeck's marker,
// then the pid of the process that made it.
const stagePrefix = ".propdeck-commit."

// step is called after every step of a commit; the fault-injection test
// kills the process there.
var step = func(string) {}

// committing is held for reading by every commit between its commit point
// and its end; Quiesce takes it for writing to wait those out.
var committing sync.RWMutex

// Quiesce waits until no commit is between its commit point and its end,
// and keeps any other from starting. A second Ctrl-C calls it before the
// program exits, so that an exit never cuts a commit in half.
func Quiesce() { committing.Lock() }

// Txn is one all-or-nothing write of many files into a folder, which it
// holds locked from Begin to Commit or Abort.
type Txn struct {
	ctx     context.Context
	dir     string
	stage   string
	created []string
	unlock  func()
	entries []entry
	seen    map[string]bool
	done    bool
}

type entry struct {
	Name    string `json:"name"`
	Replace bool   `json:"replace,omitempty"`
}

type stateFile struct {
	State string  `json:"state"` // "commit" or "abort"
	Files []entry `json:"files"`
}

// Begin locks dir (making it if needed), finishes any write into it that
// an earlier process was killed in, and opens a staging folder.
func Begin(ctx context.Context, dir string) (*Txn, error) {
	created, err := makeDir(dir)
	if err != nil {
		return nil, text.Fail("out-folder", "err", err)
	}
	t := &Txn{ctx: ctx, dir: dir, created: created, seen: map[string]bool{}, unlock: func() {}}
	if t.unlock, err = lockDir(dir); err != nil {
		t.Abort()
		return nil, text.Fail("out-folder", "err", err)
	}
	if err := recoverDir(dir); err != nil {
		t.Abort()
		return nil, err
	}
	stage, err := os.MkdirTemp(dir, stagePrefix+strconv.Itoa(os.Getpid())+".")
	if err == nil {
		t.stage = stage
		err = errors.Join(os.Mkdir(filepath.Join(stage, "new"), 0o755), os.Mkdir(filepath.Join(stage, "old"), 0o755))
	}
	if err != nil {
		t.Abort()
		return nil, text.Fail("out-folder", "err", err)
	}
	return t, nil
}

// Add writes one file into the staging folder and syncs it.
func (t *Txn) Add(f File) error {
	return t.AddFrom(f.Name, func(w io.Writer) error {
		_, err := w.Write(f.Data)
		return err
	})
}

// AddFrom is Add for a file too big to hold: write streams its bytes into
// the staging folder, so that a file of any size costs only its writer's
// buffer. An error from write abandons the file like a failed write.
func (t *Txn) AddFrom(name string, write func(io.Writer) error) error {
	if err := t.ctx.Err(); err != nil {
		return text.Fail("out-interrupted", "err", err)
	}
	if err := checkName(name); err != nil {
		return err
	}
	if t.seen[name] {
		return text.Fail("out-twice", "name", name)
	}
	if err := checkTarget(t.dir, name); err != nil {
		return err
	}
	if err := writeSyncedFrom(filepath.Join(t.stage, "new", name), write); err != nil {
		// The staging path means nothing to the user; the cause does.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return text.Fail("out-writing", "path", filepath.Join(t.dir, name), "err", err)
	}
	t.seen[name] = true
	t.entries = append(t.entries, entry{Name: name})
	step("staged " + name)
	return nil
}

// Commit puts every added file in place, all or nothing.
func (t *Txn) Commit() error {
	if err := t.ctx.Err(); err != nil {
		return text.Fail("out-interrupted", "err", err)
	}
	committing.RLock()
	defer committing.RUnlock()
	if err := t.keepOld(); err != nil {
		return err
	}
	if err := writeState(t.stage, stateFile{State: "commit", Files: t.entries}); err != nil {
		return text.Fail("out-folder", "err", err)
	}
	step("committed")
	for _, e := range t.entries {
		if err := rename(filepath.Join(t.stage, "new", e.Name), filepath.Join(t.dir, e.Name)); err != nil {
			return t.rollBack(text.Fail("out-placing", "name", e.Name, "err", err))
		}
		step("placed " + e.Name)
	}
	syncDir(t.dir)
	t.done = true
	err := os.RemoveAll(t.stage)
	step("cleaned")
	t.release()
	if err != nil {
		return text.Fail("out-stage-left", "stage", t.stage, "err", err)
	}
	return nil
}

// keepOld gives every file about to be replaced a second name in the
// staging folder, and syncs the staging folder before the commit point.
func (t *Txn) keepOld() error {
	for i := range t.entries {
		target := filepath.Join(t.dir, t.entries[i].Name)
		if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := linkOrCopy(target, filepath.Join(t.stage, "old", t.entries[i].Name)); err != nil {
			return text.Fail("out-cannot-replace", "name", t.entries[i].Name, "err", err)
		}
		t.entries[i].Replace = true
		step("kept " + t.entries[i].Name)
	}
	syncDir(filepath.Join(t.stage, "new"))
	syncDir(filepath.Join(t.stage, "old"))
	return nil
}

// rollBack is a failed rename's way back to the previous set.
func (t *Txn) rollBack(cause error) error {
	// Whatever happens now, the staging folder holds the only copy of
	// some previous files: Abort must not remove it.
	t.done = true
	defer t.release()
	st := stateFile{State: "abort", Files: t.entries}
	if err := writeState(t.stage, st); err != nil {
		return text.Fail("out-kept-resume", "cause", cause, "stage", t.stage, "err", err.Error())
	}
	if err := finish(t.dir, t.stage, st); err != nil {
		return text.Fail("out-kept", "cause", cause, "stage", t.stage, "err", err.Error())
	}
	return text.Fail("out-restored", "cause", cause)
}

// Abort gives up a write that was not committed: the staging folder goes,
// and so do the folders Begin made. It is safe to call more than once.
func (t *Txn) Abort() {
	if t.done {
		return
	}
	t.done = true
	if t.stage != "" {
		os.RemoveAll(t.stage)
	}
	t.release()
	for i := len(t.created) - 1; i >= 0; i-- {
		os.Remove(t.created[i]) // only removes a folder left empty
	}
}

func (t *Txn) release() {
	t.unlock()
	t.unlock = func() {}
}

// recoverDir finishes, in dir, every write a killed process left: a committed
// one rolls forward, an aborted one back, an uncommitted one is dropped.
// The caller holds dir's lock, so no live process is writing there.
func recoverDir(dir string) error {
	list, err := os.ReadDir(dir)
	if err != nil {
		return text.Fail("out-folder", "err", err)
	}
	for _, e := range list {
		if !e.IsDir() || !isStage(e.Name()) {
			continue
		}
		stage := filepath.Join(dir, e.Name())
		st, err := readState(stage)
		if err == nil {
			err = finish(dir, stage, st)
		}
		if errors.Is(err, fs.ErrNotExist) {
			err = os.RemoveAll(stage) // not committed: the targets were never touched
		}
		if err != nil {
			return text.Fail("out-unfinished", "dir", dir, "stage", stage, "err", err)
		}
	}
	return nil
}

func isStage(name string) bool {
	if len(name) <= len(stagePrefix) || name[:len(stagePrefix)] != stagePrefix {
		return false
	}
	rest := name[len(stagePrefix):]
	i := 0
	for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
		i++
	}
	return i > 0 && i < len(rest) && rest[i] == '.'
}

// finish carries a logged commit forward or back, then removes the staging
// folder. Every step can be repeated, so a kill during finish is finished
// by the next run.
func finish(dir, stage string, st stateFile) error {
	for _, e := range st.Files {
		if err := checkName(e.Name); err != nil {
			return err
		}
		target := filepath.Join(dir, e.Name)
		newer := filepath.Join(stage, "new", e.Name)
		older := filepath.Join(stage, "old", e.Name)
		var err error
		switch {
		case st.State == "commit" && exists(newer):
			err = rename(newer, target)
		case st.State == "abort" && e.Replace && exists(older):
			err = rename(older, target)
		case st.State == "abort" && !e.Replace && !exists(newer):
			// This commit added the file and placed it: take it back.
			if err = os.Remove(target); errors.Is(err, fs.ErrNotExist) {
				err = nil
			}
		}
		if err != nil {
			return err
		}
	}
	syncDir(dir)
	return os.RemoveAll(stage)
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func readState(stage string) (stateFile, error) {
	var st stateFile
	data, err := os.ReadFile(filepath.Join(stage, "state"))
	if err != nil {
		return st, err
	}
	if err := json.Unmarshal(data, &st); err != nil || (st.State != "commit" && st.State != "abort") {
		return st, text.Fail("out-not-log", "path", filepath.Join(stage, "state"))
	}
	return st, nil
}

// writeState replaces STAGE/state in one rename, after syncing its bytes,
// and syncs the folder so that the rename itself is on disk.
func writeState(stage string, st stateFile) error {
	data, err := json.Marshal(st)
	if err != nil {
		return err
	}
	tmp := filepath.Join(stage, "state.next")
	os.Remove(tmp)
	if err := writeSynced(tmp, data); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(stage, "state")); err != nil {
		return err
	}
	syncDir(stage)
	return nil
}

func writeSynced(path string, data []byte) error {
	return writeSyncedFrom(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeSyncedFrom is writeSynced of what write writes, through a buffer.
func writeSyncedFrom(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	werr := write(bw)
	if werr == nil {
		werr = bw.Flush()
	}
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		return err
	}
	// The umask may have narrowed the mode; a deck is for everyone to read.
	return os.Chmod(path, 0o644)
}

// linkOrCopy gives src a second name; where the file system has no hard
// links, it copies the bytes instead.
func linkOrCopy(src, dst string) error {
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	data, err := io.ReadAll(in)
	if err != nil {
		return err
	}
	return writeSynced(dst, data)
}

// syncDir makes the folder's entries durable; a file system that cannot
// sync a folder has nothing better to offer, so its error is not fatal.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}
