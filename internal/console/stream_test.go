package console

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/session"
)

// bigJournal writes a started session with n notes of size bytes each,
// as a long session's journal is, and returns its path.
func bigJournal(t testing.TB, n, size int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "big.jsonl")
	at := time.Now().UTC().Add(-time.Duration(n+1) * time.Second).Truncate(time.Millisecond)
	var b strings.Builder
	line := func(e session.Event) {
		data, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(append(data, '\n'))
	}
	line(session.Event{Seq: 1, At: at, Kind: "start"})
	for i := 1; i <= n; i++ {
		line(session.Event{Seq: i + 1, At: at.Add(time.Duration(i) * time.Second), T: float64(i), Kind: "note", Tag: "other",
			Text: fmt.Sprintf("note %d %s", i, strings.Repeat("x", size))})
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// tight wraps a listener so that each connection's send buffer is a few
// KB: a stream that is not read blocks at once, as one to a phone that
// went to sleep does once the network's buffers are full.
type tight struct{ net.Listener }

func (l tight) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetWriteBuffer(4096)
	}
	return c, err
}

// newConsole serves example from the journal at path ("" for a new one)
// on a loopback listener with small send buffers.
func newConsole(t testing.TB, example, path string) (*fixture, *Server) {
	t.Helper()
	s, err := examples.LoadExample(example, nil)
	if err != nil {
		t.Fatal(err)
	}
	if path == "" {
		path = filepath.Join(t.TempDir(), "j.jsonl")
	}
	j, err := session.Open(s, path, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	srv := New(s, j, newTokens(s), time.Now)
	hs := httptest.NewUnstartedServer(srv)
	hs.Listener = tight{hs.Listener}
	hs.Start()
	t.Cleanup(hs.Close)
	tt, _ := t.(*testing.T)
	return &fixture{t: tt, s: s, srv: hs, tokens: srv.tokens}, srv
}

// stuck opens a stream that reads the answer's header and nothing more.
func stuck(t testing.TB, addr, path string) net.Conn { return reader(t, addr, path, 4096) }

// reader opens a stream with a receive buffer of size bytes and reads
// the answer's header.
func reader(t testing.TB, addr, path string, size int) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	_ = c.(*net.TCPConn).SetReadBuffer(size)
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", path, addr)
	_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
	res, err := http.ReadResponse(bufio.NewReaderSize(c, 4096), nil)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("%s: %v %v", path, res, err)
	}
	return c
}

func heap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestStuckStreamsShareTheirView: streams and answers of one page kind
// that are not read hold the one view built for them all, not a copy
// each: forty scribe's pages of a session with 2 MB of notes, half of them
// loading their notes, stay within a few MB.
func TestStuckStreamsShareTheirView(t *testing.T) {
	f, _ := newConsole(t, "eu-db-latency", bigJournal(t, 2000, 1000))
	addr := f.srv.Listener.Addr().String()
	before := heap()
	for i := range 40 {
		path := "/api/stream?token=" + f.tokens.Scribe
		if i%2 == 1 {
			path = "/api/notes?token=" + f.tokens.Scribe
		}
		stuck(t, addr, path)
	}
	grew := int64(heap()) - int64(before)
	if grew > 12<<20 {
		t.Errorf("40 stuck streams hold %d MB", grew>>20)
	}
	t.Logf("40 stuck streams of 2 MB of notes hold %d KB", grew>>10)
}

// TestStuckStreamsAreDropped: a stream that takes nothing for the write
// window is closed, so that what it holds goes; its page's EventSource
// connects again by itself.
func TestStuckStreamsAreDropped(t *testing.T) {
	f, srv := newConsole(t, "eu-db-latency", bigJournal(t, 500, 1000))
	srv.window = 300 * time.Millisecond
	addr := f.srv.Listener.Addr().String()
	for _, tok := range []string{f.tokens.Scribe, f.tokens.Facilitator, f.tokens.Scribe} {
		stuck(t, addr, "/api/stream?token="+tok)
	}
	waitFor(t, "every stuck stream to be dropped", func() bool { return srv.hub.count() == 0 })
}

// waitFor waits until cond holds, and fails the test if it never does
// before go test's own deadline: no time of its own, which a loaded
// machine could overrun.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	ctx, cancel := untilDeadline(t)
	defer cancel()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatalf("waited until the test's deadline for %s", what)
		case <-tick.C:
		}
	}
}

// untilDeadline is a context that ends half a minute before go test's
// deadline, so that a wait that never ends is named, not killed.
func untilDeadline(t testing.TB) (context.Context, context.CancelFunc) {
	if tt, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if d, ok := tt.Deadline(); ok {
			return context.WithDeadline(context.Background(), d.Add(-30*time.Second))
		}
	}
	return context.WithCancel(context.Background())
}

// sse is a stream's messages as a page's EventSource reads them.
type sse struct {
	t   *testing.T
	res *http.Response
	sc  *bufio.Scanner
}

// open opens the stream at path with the headers given in pairs.
func (f *fixture) open(path string, header ...string) *sse {
	f.t.Helper()
	// A stream that never gives what a test waits for ends the test.
	ctx, cancel := untilDeadline(f.t)
	f.t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", f.srv.URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 200 {
		f.t.Fatalf("%s: %v %v", path, res, err)
	}
	f.t.Cleanup(func() { res.Body.Close() })
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 1<<16), 1<<26)
	return &sse{t: f.t, res: res, sc: sc}
}

// next is the next message's id and data.
func (s *sse) next() (id, data string) {
	s.t.Helper()
	for s.sc.Scan() {
		line := s.sc.Text()
		switch {
		case line == "" && data != "":
			return id, data
		case strings.HasPrefix(line, "id: "):
			id = line[4:]
		case strings.HasPrefix(line, "data: "):
			data = line[6:]
		}
	}
	s.t.Fatalf("the stream ended: %v", s.sc.Err())
	return "", ""
}

// notesUntil reads messages until the one of event seq, and returns the
// seqs of the notes they carried, in order.
func (s *sse) notesUntil(seq string) []int {
	s.t.Helper()
	var got []int
	for {
		id, data := s.next()
		var v struct{ Notes []struct{ Seq int } }
		if err := json.Unmarshal([]byte(data), &v); err != nil {
			s.t.Fatal(err)
		}
		for _, n := range v.Notes {
			got = append(got, n.Seq)
		}
		if id == seq {
			return got
		}
	}
}

// TestStreamsSendNewNotes: a stream sends the notes after the last event
// its page has (Last-Event-ID when EventSource reconnects, else ?since=,
// else none) and then, each time, only the notes that are new; every
// message names its event in its id.
func TestStreamsSendNewNotes(t *testing.T) {
	f := newFixture(t, "eu-db-latency")
	f.post(`{"kind":"start"}`)
	for range 3 {
		f.post(`{"kind":"note","tag":"other","text":"n"}`)
	}
	scribe := f.open("/api/stream?token=" + f.tokens.Scribe)
	fac := f.open("/api/stream?token="+f.tokens.Facilitator+"&since=3", "Last-Event-ID", "")
	if got := fmt.Sprint(scribe.notesUntil("4")); got != "[2 3 4]" {
		t.Errorf("a stream without since: notes %s", got)
	}
	if got := fmt.Sprint(fac.notesUntil("4")); got != "[4]" {
		t.Errorf("a facilitator's stream since 3: notes %s", got)
	}
	f.post(`{"kind":"note","tag":"other","text":"n"}`)
	f.post(`{"kind":"pause"}`)
	if got := fmt.Sprint(scribe.notesUntil("6")); got != "[5]" {
		t.Errorf("after one more note: notes %s", got)
	}
	if got := fmt.Sprint(fac.notesUntil("6")); got != "[5]" {
		t.Errorf("the facilitator's, after one more note: notes %s", got)
	}
	for _, tc := range []struct {
		query, last, want string
	}{
		{"&since=3", "4", "[5]"}, {"&since=1", "", "[2 3 4 5]"}, {"&since=99", "", "[2 3 4 5]"},
		{"&since=x", "", "[2 3 4 5]"}, {"&since=-4", "", "[2 3 4 5]"}, {"", "5", "[]"}, {"", "junk", "[2 3 4 5]"},
	} {
		s := f.open("/api/stream?token="+f.tokens.Scribe+tc.query, "Last-Event-ID", tc.last)
		if got := fmt.Sprint(s.notesUntil("6")); got != tc.want {
			t.Errorf("since %q, Last-Event-ID %q: notes %s, want %s", tc.query, tc.last, got, tc.want)
		}
	}
	if _, data := f.open("/api/stream?token=" + f.tokens.Screen).next(); strings.Contains(data, "notes") {
		t.Errorf("the screen's stream has notes: %s", data)
	}
}

// TestSlowStreamsStay: a page that reads slowly but keeps reading is not
// dropped, however long its message takes: the window is for taking
// nothing.
func TestSlowStreamsStay(t *testing.T) {
	f, srv := newConsole(t, "eu-db-latency", bigJournal(t, 1000, 1000))
	srv.window = 200 * time.Millisecond
	c := reader(t, f.srv.Listener.Addr().String(), "/api/stream?token="+f.tokens.Scribe, 64<<10)
	tick := time.NewTicker(10 * time.Millisecond) // about 1.6 MB a second, 1 MB to read
	defer tick.Stop()
	var got []byte
	buf := make([]byte, 16<<10)
	for !bytes.Contains(got, []byte("note 1000 ")) {
		<-tick.C
		n, err := io.ReadAtLeast(c, buf, 1)
		if err != nil {
			t.Fatalf("dropped after %d KB: %v", len(got)>>10, err)
		}
		got = append(got, buf[:n]...)
	}
}

// TestStreamsPerToken: one token holds a bounded number of streams; one
// more closes its oldest (a reloaded page's, or one a device opened a
// thousand times), and the other tokens' streams stay.
func TestStreamsPerToken(t *testing.T) {
	f, srv := newConsole(t, "eu-db-latency", "")
	srv.hub.perKey = 3
	f.post(`{"kind":"start"}`)
	var screens []*sse
	for range 5 {
		s := f.open("/api/stream?token=" + f.tokens.Screen)
		s.next()
		screens = append(screens, s)
	}
	ic := f.open("/api/stream?token=" + f.tokens.Roles["ic"])
	ic.next()
	for _, s := range screens[:2] {
		for s.sc.Scan() { // what was sent before it was closed
		}
		if err := s.sc.Err(); err != nil {
			t.Errorf("an old stream of the screen's token was not closed: %v", err)
		}
	}
	f.post(`{"kind":"pause"}`)
	for _, s := range append(screens[2:], ic) {
		s.notesUntil("2")
	}
	if n := srv.hub.count(); n != 4 {
		t.Errorf("%d streams open, want 4", n)
	}
}
