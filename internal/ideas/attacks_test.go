package ideas

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/journal"
)

// TestAHandEditedJournalIsRefused: a line given an author (or a device,
// a token), a vote given a count, or a text with a bidi override is
// refused at FILE:LINE, every one at once, and the journal is left as it
// was.
func TestAHandEditedJournalIsRefused(t *testing.T) {
	t.Parallel()
	lines := []string{
		`{"seq":1,"at":"2026-12-06T20:00:00Z","kind":"phase","phase":"writing"}`,
		`{"seq":2,"at":"2026-12-06T20:00:00Z","kind":"idea","id":"i0000abcd","text":"x","author":"Dana"}`,
		`{"seq":3,"at":"2026-12-06T20:00:00Z","kind":"idea","id":"i0000abce","text":"y","token":"0123456789abcdef0123456789abcdef"}`,
		`{"seq":4,"at":"2026-12-06T20:00:00Z","kind":"idea","id":"i0000abcf","text":"z\u202e"}`,
		`{"seq":5,"at":"2026-12-06T20:00:00Z","kind":"vote","target":"i0000abcd","device":2}`,
	}
	path := filepath.Join(t.TempDir(), "p.ideas.jsonl")
	data := strings.Join(lines, "\n") + "\n"
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path, "en", clock())
	if err == nil {
		t.Fatal("a journal with an author opened")
	}
	for _, want := range []string{":2: idea: unknown field \"author\"", ":3: idea: unknown field \"token\"", ":4:", ":5: vote: unknown field \"device\""} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("no %q in %v", want, err)
		}
	}
	if got, _ := os.ReadFile(path); string(got) != data {
		t.Error("the journal changed")
	}
}

// TestASecondServerIsRefused: a journal open in one server is refused to
// a second, which writes nothing, and opens once the first let go.
func TestASecondServerIsRefused(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "p.ideas.jsonl")
	first, err := Open(path, "en", clock())
	if err != nil {
		t.Fatal(err)
	}
	run(t, first, `{"kind":"phase","phase":"writing"}`)
	if second, err := Open(path, "en", clock()); err == nil || !strings.Contains(err.Error(), "in use") {
		if second != nil {
			second.Close()
		}
		t.Fatalf("a second server: %v", err)
	}
	first.Close()
	again, err := Open(path, "en", clock())
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if again.State().Phase != "writing" {
		t.Errorf("phase %q", again.State().Phase)
	}
}

// TestARemovedJournalIsWrittenAgain: a journal removed while the server
// runs is written again from the events in memory, and said; one put in
// its place is not written over.
func TestARemovedJournalIsWrittenAgain(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "p.ideas.jsonl")
	j, err := Open(path, "ko", clock())
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	var said []string
	j.Report = func(msg string) { said = append(said, msg) }
	run(t, j, `{"kind":"phase","phase":"writing"}`)
	os.Remove(path)
	run(t, j, `{"kind":"phase","phase":"reveal"}`)
	if st, err := Read(path); err != nil || st.Seq != 2 || len(said) != 1 || !strings.Contains(said[0], "다시 씀") {
		t.Errorf("a removed journal: %v, said %q", err, said)
	}
	os.Rename(path, path+".old")
	os.WriteFile(path, []byte("someone else's\n"), 0o600)
	var we *journal.WriteError
	if _, err := j.Append(Event{Kind: KindPhase, Phase: "group"}); !errors.As(err, &we) {
		t.Errorf("a replaced journal: %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "someone else's\n" {
		t.Errorf("the file put in the journal's place: %q", data)
	}
}
