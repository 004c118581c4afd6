package output

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func writeOld(t *testing.T, dir string, names ...string) {
	t.Helper()
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("old "+n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func newFiles(names ...string) []File {
	var out []File
	for _, n := range names {
		out = append(out, File{n, []byte("new " + n)})
	}
	return out
}

func folder(t *testing.T, dir string) string {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var b strings.Builder
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		fmt.Fprintf(&b, "%s=%s;", e.Name(), data)
	}
	return b.String()
}

// TestTargetThatCannotBeReplaced: a folder where a deck goes is found
// before any file is replaced.
func TestTargetThatCannotBeReplaced(t *testing.T) {
	dir := t.TempDir()
	writeOld(t, dir, "a.pdf", "b.pdf", "d.pdf")
	os.Mkdir(filepath.Join(dir, "c.pdf"), 0o755)
	before := folder(t, dir)
	err := WriteAll(context.Background(), dir, newFiles("a.pdf", "b.pdf", "c.pdf", "d.pdf"))
	if err == nil || !strings.Contains(err.Error(), "c.pdf exists and is a folder, not a file") {
		t.Fatalf("error %v", err)
	}
	if after := folder(t, dir); after != before {
		t.Errorf("folder changed:\n%s\n%s", before, after)
	}
}

// TestRenameFailingHalfwayPutsTheOldFilesBack: when the third rename of a
// build fails (an immutable file, a file held open), the folder ends as it
// began and the message says so.
func TestRenameFailingHalfwayPutsTheOldFilesBack(t *testing.T) {
	for fail := 1; fail <= 8; fail++ {
		dir := t.TempDir()
		writeOld(t, dir, "a.pdf", "b.pdf", "c.pdf")
		before := folder(t, dir)
		calls := 0
		rename = func(from, to string) error {
			calls++
			if calls == fail {
				return errors.New("operation not permitted")
			}
			return os.Rename(from, to)
		}
		err := WriteAll(context.Background(), dir, newFiles("a.pdf", "b.pdf", "c.pdf", "d.pdf"))
		rename = os.Rename
		if err == nil {
			if fail <= 4 {
				t.Fatalf("failure at rename %d not reported", fail)
			}
			continue
		}
		if !strings.Contains(err.Error(), "previous files are back in place") {
			t.Errorf("rename %d: message %q", fail, err)
		}
		if after := folder(t, dir); after != before {
			t.Errorf("rename %d: folder changed:\n%s\n%s", fail, before, after)
		}
	}
}

// TestOnlyPropdecksOwnStagingIsRemoved: files that merely look temporary
// (a user's notes, an editor's swap file, what an older propdeck left) are
// never deleted; an uncommitted staging folder of propdeck's is.
func TestOnlyPropdecksOwnStagingIsRemoved(t *testing.T) {
	dir := t.TempDir()
	writeOld(t, dir, ".x-clues.pdf.123456.tmp", ".x-clues.pdf.99.old.tmp", ".notes.20261201.tmp", ".keep", "notes.tmp")
	os.Mkdir(filepath.Join(dir, ".propdeck-commit.x"), 0o755) // no pid: not ours
	stage := filepath.Join(dir, ".propdeck-commit.4242.77")
	os.MkdirAll(filepath.Join(stage, "new"), 0o755)
	writeOld(t, filepath.Join(stage, "new"), "x-clues.pdf")
	if err := WriteAll(context.Background(), dir, newFiles("y.csv")); err != nil {
		t.Fatal(err)
	}
	want := ".keep=old .keep;.notes.20261201.tmp=old .notes.20261201.tmp;.propdeck-commit.x=;" +
		".x-clues.pdf.123456.tmp=old .x-clues.pdf.123456.tmp;.x-clues.pdf.99.old.tmp=old .x-clues.pdf.99.old.tmp;" +
		"notes.tmp=old notes.tmp;y.csv=new y.csv;"
	if got := folder(t, dir); got != want {
		t.Errorf("folder:\n got %s\nwant %s", got, want)
	}
}

// TestBuildsIntoOneFolderTakeTurns: many writers at once, each a whole set;
// the folder ends with one writer's set, never a mix.
func TestBuildsIntoOneFolderTakeTurns(t *testing.T) {
	dir := t.TempDir()
	names := []string{"a.pdf", "b.pdf", "c.pdf", "d.pdf", "e.pdf"}
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var files []File
			for _, n := range names {
				files = append(files, File{n, []byte(fmt.Sprint(w))})
			}
			if err := WriteAll(context.Background(), dir, files); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	first, _ := os.ReadFile(filepath.Join(dir, names[0]))
	for _, n := range names {
		data, _ := os.ReadFile(filepath.Join(dir, n))
		if string(data) != string(first) {
			t.Errorf("%s from writer %s, %s from writer %s", names[0], first, n, data)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != len(names) {
		t.Errorf("%d entries left", len(entries))
	}
}

// TestFailedWriteLeavesNoNewFolder: a build that fails in the write phase
// removes the folders it made for its output.
func TestFailedWriteLeavesNoNewFolder(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "new", "out")
	err := WriteAll(context.Background(), dir, []File{{"a/b.pdf", []byte("x")}})
	if err == nil {
		t.Fatal("a file name with a slash was written")
	}
	if entries, _ := os.ReadDir(base); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestQuiesceWaitsForACommit: a second Ctrl-C (Quiesce, then exit) that
// lands after the commit point waits until every file is in place.
func TestQuiesceWaitsForACommit(t *testing.T) {
	dir := t.TempDir()
	writeOld(t, dir, "a.pdf", "b.pdf")
	atCommit, resume := make(chan struct{}), make(chan struct{})
	step = func(s string) {
		if s == "committed" {
			close(atCommit)
			<-resume
		}
	}
	defer func() { step = func(string) {} }()
	done := make(chan error)
	go func() { done <- WriteAll(context.Background(), dir, newFiles("a.pdf", "b.pdf", "c.pdf")) }()
	<-atCommit
	quiesced := make(chan struct{})
	go func() { Quiesce(); close(quiesced) }()
	select {
	case <-quiesced:
		t.Fatal("Quiesce returned in the middle of a commit")
	case <-time.After(50 * time.Millisecond):
	}
	close(resume)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	<-quiesced
	committing.Unlock()
	if got := folder(t, dir); got != "a.pdf=new a.pdf;b.pdf=new b.pdf;c.pdf=new c.pdf;" {
		t.Errorf("folder: %s", got)
	}
}

func TestWriteAllLandsEveryFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "out")
	files := []File{{"b.pdf", []byte("B")}, {"a.pdf", []byte("A")}}
	if err := WriteAll(context.Background(), dir, files); err != nil {
		t.Fatal(err)
	}
	if files[0].Name != "b.pdf" {
		t.Error("WriteAll reordered the caller's slice")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("want exactly the two files, got %v", entries)
	}
}

func TestInterruptedWriteChangesNothing(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.pdf"), []byte("old"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := WriteAll(ctx, dir, []File{{"a.pdf", []byte("new")}})
	if err == nil {
		t.Fatal("an interrupted write reported success")
	}
	data, _ := os.ReadFile(filepath.Join(dir, "a.pdf"))
	entries, _ := os.ReadDir(dir)
	if string(data) != "old" || len(entries) != 1 {
		t.Errorf("folder changed: %q, %d entries", data, len(entries))
	}
}

// TestAddFromStreamsOrAbandons: a file streamed with AddFrom lands whole
// on commit, through a buffer smaller than it; one whose writer fails is
// an error, and aborting leaves the folder as it was.
func TestAddFromStreamsOrAbandons(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeOld(t, dir, "a.json")
	big := strings.Repeat("x", 200<<10) // more than the writer's buffer
	tx, err := Begin(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	broken := errors.New("an image failed to draw")
	err = tx.AddFrom("a.json", func(w io.Writer) error {
		io.WriteString(w, big)
		return broken
	})
	if !errors.Is(err, broken) {
		t.Fatalf("a failing writer gave %v", err)
	}
	tx.Abort()
	if got := folder(t, dir); got != "a.json=old a.json;" {
		t.Errorf("after an abandoned stream the folder holds %.60s", got)
	}
	tx, err = Begin(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	err = tx.AddFrom("a.json", func(w io.Writer) error {
		_, err := io.WriteString(w, big)
		return err
	})
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "a.json")); string(data) != big {
		t.Errorf("the streamed file holds %d bytes, want %d", len(data), len(big))
	}
}
