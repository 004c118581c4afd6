package console

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/journal"
	"github.com/propdeck/propdeck/internal/session"
	"github.com/propdeck/propdeck/internal/text"
)

// fakeClock is a wall clock a test moves by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *fakeClock) add(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

// newFixtureAt is a console on a clock the test moves, and its journal's
// path.
func newFixtureAt(t *testing.T, c *fakeClock) (*fixture, string) {
	t.Helper()
	s, err := examples.LoadExample("eu-db-latency", nil)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "j.jsonl")
	j, err := session.Open(s, path, c.Now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	tokens := newTokens(s)
	srv := httptest.NewServer(New(s, j, tokens, c.Now))
	t.Cleanup(srv.Close)
	return &fixture{t: t, s: s, srv: srv, tokens: tokens}, path
}

// TestScribeNotesAreRateLimited: a scribe's page may send a burst of
// notes, then two a second; past that it gets 429 with Retry-After and
// nothing is stored. The facilitator is not held back.
func TestScribeNotesAreRateLimited(t *testing.T) {
	t.Parallel()
	c := &fakeClock{now: time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	f, _ := newFixtureAt(t, c)
	f.post(`{"kind":"start"}`)
	note := `{"kind":"note","tag":"other","text":"x"}`
	for i := range noteBurst {
		if code, body := f.do("POST", "/api/events", f.tokens.Scribe, note); code != 200 {
			t.Fatalf("note %d of the burst: %d %s", i+1, code, body)
		}
	}
	code, body := f.do("POST", "/api/events", f.tokens.Scribe, note)
	if code != 429 || !strings.Contains(body, "too many notes from this page") {
		t.Errorf("a note past the burst: %d %s", code, body)
	}
	for range 5 {
		f.post(note)
	}
	c.add(500 * time.Millisecond)
	if code, _ := f.do("POST", "/api/events", f.tokens.Scribe, note); code != 200 {
		t.Errorf("a note half a second later: %d", code)
	}
	if _, state := f.do("GET", "/api/state", f.tokens.Facilitator, ""); !strings.Contains(state, `"seq":27`) {
		t.Errorf("refused notes were stored, or stored ones lost: %.200s", state)
	}
}

// TestRetryAfter: a refused note says when to try again.
func TestRetryAfter(t *testing.T) {
	t.Parallel()
	var l limiter
	now := time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)
	for range noteBurst {
		l.allow("a", now)
	}
	if ok, wait := l.allow("a", now); ok || wait != 500*time.Millisecond {
		t.Errorf("past the burst: %v, wait %v", ok, wait)
	}
	if ok, _ := l.allow("b", now); !ok {
		t.Error("another token was held back")
	}
}

// TestJournalTroubleIsSaid: an event the journal refuses for a bound is
// 413, a full disk 507, another failed write 500; the facilitator's view
// carries the warning until a write succeeds.
func TestJournalTroubleIsSaid(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		err  error
		want int
	}{
		{&session.LimitError{Msg: "16 MB"}, 413},
		{&journal.WriteError{Op: "writing", Err: syscall.ENOSPC}, 507},
		{&journal.WriteError{Op: "writing", Err: syscall.EDQUOT}, 507},
		{&journal.WriteError{Op: "syncing", Err: syscall.EIO}, 500},
		{&session.StateError{Text: text.M("state-ended")}, 400},
	} {
		if got := statusOf(tc.err); got != tc.want {
			t.Errorf("%v: %d, want %d", tc.err, got, tc.want)
		}
	}
	c := &fakeClock{now: time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	f, path := newFixtureAt(t, c)
	f.post(`{"kind":"start"}`)
	os.Rename(path, path+".moved")
	os.WriteFile(path, []byte("another file\n"), 0o600)
	if code, body := f.do("POST", "/api/events", f.tokens.Facilitator, `{"kind":"pause"}`); code != 500 || !strings.Contains(body, "the event was not stored") {
		t.Errorf("a replaced journal: %d %s", code, body)
	}
	if _, state := f.do("GET", "/api/state", f.tokens.Facilitator, ""); !strings.Contains(state, `"warning":"the journal could not be written`) {
		t.Errorf("the facilitator's view does not say it: %.300s", state)
	}
	if _, screen := f.do("GET", "/api/screen", f.tokens.Screen, ""); strings.Contains(screen, "warning") {
		t.Errorf("the screen shows the journal's trouble: %s", screen)
	}
}
