package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/session"
)

// lines is a writer a test can wait on: it tells each write to whoever
// waits for a text.
type lines struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{}
}

func newLines() *lines { return &lines{changed: make(chan struct{}, 1)} }

func (l *lines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	select {
	case l.changed <- struct{}{}:
	default:
	}
	return l.buf.Write(p)
}

func (l *lines) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.buf.String() }

// waitFor waits until the text has been written, or the run ended.
func (l *lines) waitFor(t *testing.T, text string, done <-chan int) {
	t.Helper()
	for !strings.Contains(l.String(), text) {
		select {
		case <-l.changed:
		case code := <-done:
			t.Fatalf("run ended (%d) before it said %q:\n%s", code, text, l.String())
		case <-time.After(30 * time.Second):
			t.Fatalf("run did not say %q:\n%s", text, l.String())
		}
	}
}

// startRun runs propdeck run until stop; done has its exit code.
func startRun(t *testing.T, args ...string) (stdout, stderr *lines, stop func() int, done chan int) {
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr, done = newLines(), newLines(), make(chan int, 1)
	go func() { done <- Run(ctx, append([]string{"propdeck", "run"}, args...), stdout, stderr) }()
	return stdout, stderr, func() int { cancel(); return <-done }, done
}

// endedJournal writes a journal of a session that started and ended, as a
// console killed right after the end leaves it.
func endedJournal(t *testing.T, path string) {
	t.Helper()
	s, err := examples.LoadExample("eu-db-latency", nil)
	if err != nil {
		t.Fatal(err)
	}
	j, err := session.Open(s, path, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	for _, line := range []string{`{"kind":"start"}`, `{"kind":"note","text":"kept"}`, `{"kind":"end"}`} {
		e, err := session.Decode(s, []byte(line), false)
		if err == nil {
			_, err = j.Append(e)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestRunFinishesAnEndedSession: a console started on an ended journal
// whose record and report were never written writes them, and says so.
func TestRunFinishesAnEndedSession(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "s.journal.jsonl")
	endedJournal(t, path)
	files := session.FilesOf(path)
	_, stderr, stop, done := startRun(t, "eu-db-latency", "--journal", path)
	stderr.waitFor(t, "Ctrl-C stops the console", done)
	stop()
	if !strings.Contains(stderr.String(), "has ended, but its record or report was not written") {
		t.Errorf("run did not say it wrote them:\n%s", stderr)
	}
	if _, err := os.Stat(files.Record); err != nil {
		t.Errorf("no record: %v", err)
	}
	if _, err := os.Stat(filepath.Join(files.Report, "eu-db-latency-report.md")); err != nil {
		t.Errorf("no report: %v", err)
	}
}

// TestSecondRunIsRefused: a second console on a journal a first one
// holds is refused at once, by the first's PID and address (never its
// token); the first goes on, and once it stops the journal is free.
func TestSecondRunIsRefused(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "s.journal.jsonl")
	stdout, stderr, stop, done := startRun(t, "eu-db-latency", "--journal", path)
	stderr.waitFor(t, "Ctrl-C stops the console", done)
	first := strings.SplitN(strings.TrimSpace(stdout.String()), "\n", 2)[0]
	url, token, _ := strings.Cut(first, "/?token=")
	var out, errw bytes.Buffer
	// Refused at once: a second console that serves is stopped, and fails.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	code := Run(ctx, []string{"propdeck", "run", "eu-db-latency", "--journal", path}, &out, &errw)
	msg := errw.String()
	if code != 1 || !strings.Contains(msg, "PID "+strconv.Itoa(os.Getpid())+", at "+url) || strings.Contains(msg, token) || out.Len() != 0 {
		t.Errorf("a second run: exit %d, stdout %q, stderr:\n%s", code, out.String(), msg)
	}
	if code := stop(); code != 0 {
		t.Errorf("the first run: exit %d\n%s", code, stderr)
	}
	_, stderr, stop, done = startRun(t, "eu-db-latency", "--journal", path)
	stderr.waitFor(t, "Ctrl-C stops the console", done)
	stop()
}

// TestRunSpeaksTheSessionsLanguage: run's own lines are said in the
// session's language (--lang ko here), the journal's path as written.
func TestRunSpeaksTheSessionsLanguage(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "s.journal.jsonl")
	_, stderr, stop, done := startRun(t, "eu-db-latency", "--lang", "ko", "--journal", path)
	stderr.waitFor(t, "Ctrl-C로 콘솔을 멈추고", done)
	if code := stop(); code != 0 {
		t.Errorf("run: exit %d\n%s", code, stderr)
	}
	if want := "propdeck: 저널 " + path + "; Ctrl-C로 콘솔을 멈추고, 다시 시작하면 이어서 진행함\n"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}
}

// TestRunRefusesOthersTokensInKorean: a tokens file that holds no tokens
// is refused before the console serves, in the session's language.
func TestRunRefusesOthersTokensInKorean(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "s.journal.jsonl")
	tokens := session.FilesOf(path).Tokens
	if err := os.WriteFile(tokens, []byte("{}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errw bytes.Buffer
	code := Run(context.Background(), []string{"propdeck", "run", "eu-db-latency", "--lang", "ko", "--journal", path}, &out, &errw)
	want := "propdeck: " + tokens + "에는 세션의 토큰이 없음; 지우면 새 토큰을 만듦\n"
	if code != 1 || errw.String() != want {
		t.Errorf("exit %d, stderr %q, want %q", code, errw.String(), want)
	}
}
