package session

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
)

// TestReadNeverWrites: a reader (record --journal) leaves a journal whose
// last line a crash cut short exactly as it was, bytes and mtime, even
// when it could write it; it says what it left out. Only Open repairs.
func TestReadNeverWrites(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	c := &clock{time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	for _, mode := range []os.FileMode{0o444, 0o600} {
		j, path := newJournal(t, s, c)
		mustAppend(t, j, Event{Kind: start})
		j.Close()
		f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		f.WriteString(`{"seq":2,"at":"2026-12-01T14:01:00Z","t":60,"kind":"rev`)
		f.Close()
		old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
		os.Chtimes(path, old, old)
		os.Chmod(path, mode)
		before, _ := os.ReadFile(path)
		st, note, err := Read(s, path)
		if err != nil {
			t.Fatal(err)
		}
		after, _ := os.ReadFile(path)
		info, _ := os.Stat(path)
		if !bytes.Equal(before, after) || !info.ModTime().Equal(old) {
			t.Errorf("mode %v: Read changed the journal: %d bytes before, %d after, mtime %v", mode, len(before), len(after), info.ModTime())
		}
		if st.Seq != 1 || !strings.Contains(note, "line 2 was cut short") {
			t.Errorf("mode %v: seq %d, note %q", mode, st.Seq, note)
		}
	}
}
