//go:build unix

package ideas

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOpenKeepsTheJournalGuards: a symlink or a FIFO at the journal's
// name is refused and the link's target left as it was; a journal others
// could read is opened, tightened to the user only, and said so.
func TestOpenKeepsTheJournalGuards(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	if err := os.WriteFile(target, []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	link, fifo, open := filepath.Join(dir, "link.ideas.jsonl"), filepath.Join(dir, "fifo.ideas.jsonl"), filepath.Join(dir, "open.ideas.jsonl")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(open, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{link, fifo} {
		if j, err := Open(bad, "en", clock()); err == nil {
			j.Close()
			t.Errorf("%s was opened", bad)
		}
	}
	if b, _ := os.ReadFile(target); string(b) != "keep" {
		t.Errorf("the link's target became %q", b)
	}
	j, err := Open(open, "en", clock())
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	info, err := os.Stat(open)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 || !strings.Contains(j.Note, "0644") {
		t.Errorf("mode %#o, note %q: want 0600, said", info.Mode().Perm(), j.Note)
	}
}
