//go:build linux

package session

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/journal"
)

// TestMain lets a test run this binary as a second process: a second
// console holding a journal, or one whose file size is capped.
func TestMain(m *testing.M) {
	switch os.Getenv("PROPDECK_SESSION_CHILD") {
	case "hold":
		holdChild()
	case "short-write":
		shortWriteChild()
	}
	os.Exit(m.Run())
}

// holdChild opens the journal, says it holds it, and waits to be killed.
func holdChild() {
	s, _ := examples.LoadExample("eu-db-latency", nil)
	j, err := Open(s, os.Getenv("PROPDECK_JOURNAL"), time.Now)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	j.Hold("http://127.0.0.1:4242")
	fmt.Println("holding")
	// Blocked in a read of the pipe the test holds open until it kills
	// this process: a bare select{} would let the runtime find every
	// goroutine asleep and exit, letting go of the lock under the test.
	io.Copy(io.Discard, os.Stdin)
	os.Exit(0)
}

// TestTwoConsolesOneJournal: a second console on a journal another holds
// (another process, or another open in this one: flock locks belong to an
// open file) is refused at once, naming the first's PID and address; a
// reader is never blocked; a holder killed with SIGKILL leaves a holder
// file that does not block the next console.
func TestTwoConsolesOneJournal(t *testing.T) {
	// Not in parallel: its child process is forked while another test
	// could hold a journal open, and a fork shares every open file, its
	// flock included, until the child execs: a test closing and reopening a
	// journal then would find it held. Tests that are not parallel run
	// before every parallel one, alone.
	s := example(t, "eu-db-latency")
	c := &clock{time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	j, path := newJournal(t, s, c)
	mustAppend(t, j, Event{Kind: start})
	j.Hold("http://127.0.0.1:5555")
	_, err := Open(s, path, c.Now)
	var be *busyError
	if !errors.As(err, &be) || be.PID != os.Getpid() || !strings.Contains(err.Error(), "http://127.0.0.1:5555") {
		t.Errorf("a second open in this process: %v", err)
	}
	if st, _, err := Read(s, path); err != nil || st.Seq != 1 {
		t.Errorf("a reader beside the console: %v", err)
	}
	if info, err := os.Stat(FilesOf(path).Holder); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the holder file: %v", err)
	}
	j.Close()
	if _, err := os.Stat(FilesOf(path).Holder); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the holder file outlived its console: %v", err)
	}

	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), "PROPDECK_SESSION_CHILD=hold", "PROPDECK_JOURNAL="+path)
	out, _ := child.StdoutPipe()
	stdin, _ := child.StdinPipe()
	defer stdin.Close()
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer child.Process.Kill()
	if line, _ := bufio.NewReader(out).ReadString('\n'); line != "holding\n" {
		t.Fatalf("the second process: %q", line)
	}
	_, err = Open(s, path, c.Now)
	if !errors.As(err, &be) || be.PID != child.Process.Pid || !strings.Contains(err.Error(), "PID "+strconv.Itoa(child.Process.Pid)+", at http://127.0.0.1:4242") {
		t.Errorf("a journal another process holds: %v", err)
	}
	child.Process.Signal(syscall.SIGKILL)
	child.Wait()
	if _, err := os.Stat(FilesOf(path).Holder); err != nil {
		t.Fatalf("a killed console leaves its holder file: %v", err)
	}
	again, err := Open(s, path, c.Now)
	if err != nil {
		t.Fatalf("a stale holder file blocked the next console: %v", err)
	}
	again.Close()
}

// shortWriteChild appends to a journal with the process's file size
// capped just past it: the kernel lands part of the line and refuses the
// rest (EFBIG), as on a full disk.
func shortWriteChild() {
	s, _ := examples.LoadExample("eu-db-latency", nil)
	path := os.Getenv("PROPDECK_JOURNAL")
	j, err := Open(s, path, time.Now)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	info, _ := os.Stat(path)
	signal.Ignore(syscall.SIGXFSZ)
	var lim syscall.Rlimit
	syscall.Getrlimit(syscall.RLIMIT_FSIZE, &lim)
	capped := lim
	capped.Cur = uint64(info.Size() + 10)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &capped); err != nil {
		fmt.Println("skip:", err)
		os.Exit(0)
	}
	_, err = j.Append(Event{Kind: note, Text: "past the cap"})
	var we *journal.WriteError
	if !errors.As(err, &we) || !we.NoSpace() {
		fmt.Println("error: want a WriteError, got", err)
		os.Exit(1)
	}
	syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim)
	if _, err := j.Append(Event{Kind: note, Text: "after the cap"}); err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("ok")
	os.Exit(0)
}

// TestRealShortWrite: a write the kernel cuts short (RLIMIT_FSIZE) leaves
// no fragment: the journal replays with the events that were stored.
func TestRealShortWrite(t *testing.T) {
	// Not in parallel: its child process is forked while another test
	// could hold a journal open, and a fork shares every open file, its
	// flock included, until the child execs: a test closing and reopening a
	// journal then would find it held. Tests that are not parallel run
	// before every parallel one, alone.
	s := example(t, "eu-db-latency")
	c := &clock{time.Now()}
	j, path := newJournal(t, s, c)
	mustAppend(t, j, Event{Kind: start})
	j.Close()
	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), "PROPDECK_SESSION_CHILD=short-write", "PROPDECK_JOURNAL="+path)
	out, _ := child.CombinedOutput()
	switch got := string(out); {
	case strings.HasPrefix(got, "skip:"):
		t.Skip(got)
	case got != "ok\n":
		t.Fatalf("the capped process: %s", got)
	}
	st, note, err := Read(s, path)
	if err != nil || note != "" || st.Seq != 2 || st.Notes[0].Text != "after the cap" {
		t.Errorf("after a short write: %v, %q, %+v", err, note, st.Events)
	}
}

// TestBounds: an event that would take the journal past the size it is
// read under is refused and writes nothing; so is a note past the
// session's count of notes and decisions, while the clock still works.
func TestBounds(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	c := &clock{time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	j, path := newJournal(t, s, c)
	defer j.Close()
	mustAppend(t, j, Event{Kind: start})
	before, _ := os.ReadFile(path)
	var le *LimitError
	// A blank line fills the journal to 50 bytes short of what propdeck
	// reads of one file: a replay skips it.
	full := filepath.Join(filepath.Dir(path), "full.journal.jsonl")
	os.WriteFile(full, append(append(before, bytes.Repeat([]byte(" "), input.MaxBytes-50-len(before)-1)...), '\n'), 0o600)
	big, err := Open(s, full, c.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer big.Close()
	if _, err := big.Append(Event{Kind: note, Text: strings.Repeat("x", 100)}); !errors.As(err, &le) {
		t.Errorf("an event past 16 MB: %v", err)
	}
	if info, _ := os.Stat(full); info.Size() != input.MaxBytes-50 {
		t.Errorf("a refused event was written: %d bytes", info.Size())
	}
	j.state.Notes = make([]Event, maxNoted)
	if _, err := j.Append(Event{Kind: decision, Text: "one more"}); !errors.As(err, &le) {
		t.Errorf("a decision past %d: %v", maxNoted, err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Errorf("a refused event was written:\n%s", after)
	}
	mustAppend(t, j, Event{Kind: pause})
}

// TestJournalFiles: a new journal is readable by the user only, a looser
// one is tightened and said; a symlink, a FIFO or a folder at the
// journal's name is refused at once; a journal removed under the console
// is written again from memory, one replaced is not written over.
func TestJournalFiles(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	c := &clock{time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	j, path := newJournal(t, s, c)
	mustAppend(t, j, Event{Kind: start})
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("a new journal is %v", info.Mode().Perm())
	}
	j.Close()
	os.Chmod(path, 0o644)
	j, err := Open(s, path, c.Now)
	if info, _ := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 || !strings.Contains(j.Note, "readable by you only") {
		t.Errorf("a 0644 journal: %v, note %q", err, j.Note)
	}
	os.Remove(path)
	mustAppend(t, j, Event{Kind: note, Text: "after the journal was removed"})
	if st, _, err := Read(s, path); err != nil || st.Seq != 2 || !strings.Contains(j.Warning(), "written again") {
		t.Errorf("a removed journal: %v, warning %q", err, j.Warning())
	}
	os.Rename(path, path+".old")
	os.WriteFile(path, []byte("someone else's\n"), 0o600)
	var we *journal.WriteError
	if _, err := j.Append(Event{Kind: pause}); !errors.As(err, &we) {
		t.Errorf("a replaced journal: %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "someone else's\n" {
		t.Errorf("the file put in the journal's place was written: %q", data)
	}
	j.Close()
	dir := t.TempDir()
	fifo, link, folder := filepath.Join(dir, "fifo.jsonl"), filepath.Join(dir, "link.jsonl"), filepath.Join(dir, "dir.jsonl")
	syscall.Mkfifo(fifo, 0o600)
	os.Symlink(path+".old", link)
	os.Mkdir(folder, 0o700)
	for _, p := range []string{fifo, link, folder} {
		done := make(chan error, 1)
		go func() { _, err := Open(s, p, c.Now); done <- err }()
		select {
		case err := <-done:
			if err == nil {
				t.Errorf("%s was opened as a journal", p)
			}
		case <-time.After(10 * time.Second):
			t.Errorf("%s: Open still waits", p)
		}
	}
}

// TestConsolesAtTheSameInstant: of consoles started on one new journal at
// once, one holds it and every other is refused; the holder file naming
// it may not be written yet, and the refusal says so.
func TestConsolesAtTheSameInstant(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	path := filepath.Join(t.TempDir(), "s.journal.jsonl")
	results := make(chan error, 8)
	opened := make(chan *Journal, 8)
	for range 8 {
		go func() {
			j, err := Open(s, path, time.Now)
			if err == nil {
				opened <- j
			}
			results <- err
		}()
	}
	held := 0
	for range 8 {
		var be *busyError
		switch err := <-results; {
		case err == nil:
			held++
		case !errors.As(err, &be):
			t.Errorf("a console refused for another reason: %v", err)
		}
	}
	if held != 1 {
		t.Errorf("%d consoles hold the journal", held)
	}
	(<-opened).Close()
}

// TestHolderFileThatCannotBeWritten: a holder file that cannot be written
// (here a folder in its place, as a full disk would refuse it) does not
// stop the console: it is said, the journal stays locked, the second
// console is still refused, and closing leaves the folder alone.
func TestHolderFileThatCannotBeWritten(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	path := filepath.Join(t.TempDir(), "s.journal.jsonl")
	os.Mkdir(FilesOf(path).Holder, 0o700)
	j, err := Open(s, path, time.Now)
	if err != nil || !strings.Contains(j.Note, "describing this console") {
		t.Fatalf("%v, note %q", err, j.Note)
	}
	var be *busyError
	if _, err := Open(s, path, time.Now); !errors.As(err, &be) || !strings.Contains(err.Error(), "unknown") {
		t.Errorf("a second console: %v", err)
	}
	j.Close()
	if info, err := os.Stat(FilesOf(path).Holder); err != nil || !info.IsDir() {
		t.Errorf("closing removed what it did not write: %v", err)
	}
	// A holder file planted as a symlink to a device or as a FIFO is
	// never read: the refusal comes at once, the holder unknown.
	os.Remove(FilesOf(path).Holder)
	j, err = Open(s, path, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	for _, plant := range []func(string) error{
		func(p string) error { return os.Symlink("/dev/zero", p) },
		func(p string) error { return syscall.Mkfifo(p, 0o600) },
	} {
		os.Remove(FilesOf(path).Holder)
		plant(FilesOf(path).Holder)
		if _, err := Open(s, path, time.Now); !errors.As(err, &be) || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("a planted holder file: %v", err)
		}
	}
}

// TestCloseLeavesAnotherConsolesHolder: a console whose journal was
// replaced, and another console started on the new one, leaves that
// console's holder file when it stops.
func TestCloseLeavesAnotherConsolesHolder(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	path := filepath.Join(t.TempDir(), "s.journal.jsonl")
	first, err := Open(s, path, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	os.Rename(path, path+".old")
	second, err := Open(s, path, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	first.Close()
	if _, err := os.Stat(FilesOf(path).Holder); err != nil {
		t.Errorf("the first console removed the second's holder file: %v", err)
	}
}
