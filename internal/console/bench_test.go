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
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// BenchmarkManyPages: 500 open pages of every kind on a session with 1 MB
// of notes (10 facilitator's, 90 screens, 100 scribe's, 300 players'),
// one in five never reading, and 20 events a second, each an op: a note
// the facilitator posts. It reports the console's heap when the pages are
// open and at the end (flat: what a page holds does not grow with events
// or notes), and the facilitator's POST latency (p50, p99). The pages
// live in a process of their own, as phones and laptops do, so that
// reading them does not queue in the console's scheduler. Loopback only.
//
// pages=0 is the floor: the same events with no page open, the time of
// writing and syncing the journal alone.
//
//	go test -run '^$' -bench ManyPages -benchtime 400x ./internal/console
func BenchmarkManyPages(b *testing.B) {
	for _, n := range []int{0, 500} {
		b.Run("pages="+strconv.Itoa(n), func(b *testing.B) { manyPages(b, n) })
	}
}

func manyPages(b *testing.B, pages int) {
	f, _ := newConsole(b, "eu-db-latency", bigJournal(b, 2000, 500))
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	var roles []string
	for _, tok := range f.tokens.Roles {
		roles = append(roles, tok)
	}
	slices.Sort(roles)
	var paths []string
	for i := range pages {
		tok := roleOf(i, f.tokens, roles)
		if i%5 == 4 {
			paths = append(paths, "!/api/stream?token="+tok) // stuck, from the first note
		} else {
			paths = append(paths, "/api/stream?token="+tok+"&since=2001")
		}
	}
	if pages > 0 {
		defer openPages(b, f.srv.URL, paths)()
	}
	start := heapInUse()
	var lat []time.Duration
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	b.ResetTimer()
	for range b.N {
		<-tick.C
		lat = append(lat, postNote(b, client, f.srv.URL, f.tokens.Facilitator))
	}
	b.StopTimer()
	end := heapInUse()
	slices.Sort(lat)
	b.ReportMetric(float64(start)/(1<<20), "heap-MB-open")
	b.ReportMetric(float64(end)/(1<<20), "heap-MB-end")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}

// openPages opens the pages in a process of their own (this test binary,
// running TestPagesProcess) and returns once they are all open; calling
// what it returns closes them.
func openPages(b *testing.B, base string, paths []string) func() {
	spec, _ := json.Marshal(pagesSpec{Base: base, Paths: paths})
	cmd := exec.Command(os.Args[0], "-test.run=^TestPagesProcess$")
	cmd.Env = append(os.Environ(), "CONSOLE_PAGES="+string(spec))
	cmd.Stderr = os.Stderr
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	for sc.Scan() && sc.Text() != "ready" {
	}
	if sc.Err() != nil {
		b.Fatal(sc.Err())
	}
	return func() {
		stdin.Close()
		_ = cmd.Wait()
	}
}

type pagesSpec struct {
	Base  string
	Paths []string // a path that starts with ! is a page that never reads
}

// TestPagesProcess is BenchmarkManyPages' pages, in a process of their
// own: it opens them, says "ready", and keeps them open until its input
// closes. Without CONSOLE_PAGES it has nothing to do.
func TestPagesProcess(t *testing.T) {
	raw := os.Getenv("CONSOLE_PAGES")
	if raw == "" {
		t.Skip("BenchmarkManyPages runs it")
	}
	var spec pagesSpec
	if err := json.Unmarshal([]byte(raw), &spec); err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	ctx, cancel := context.WithCancel(context.Background())
	var open, done sync.WaitGroup
	var stuckConns []net.Conn
	for _, path := range spec.Paths {
		if p, ok := strings.CutPrefix(path, "!"); ok {
			stuckConns = append(stuckConns, stuck(t, strings.TrimPrefix(spec.Base, "http://"), p))
			continue
		}
		open.Add(1)
		done.Go(func() { drain(ctx, client, spec.Base+path, open.Done) })
	}
	open.Wait()
	fmt.Println("ready")
	_, _ = io.Copy(io.Discard, os.Stdin)
	cancel()
	done.Wait()
	runtime.KeepAlive(stuckConns)
}

// roleOf is the token of page i: 2% facilitator's, 18% screens, 20%
// scribe's, the rest players' of every role in turn.
func roleOf(i int, t Tokens, roles []string) string {
	switch n := i % 50; {
	case n == 0:
		return t.Facilitator
	case n < 10:
		return t.Screen
	case n < 20:
		return t.Scribe
	}
	return roles[i%len(roles)]
}

// drain reads a stream as a page does, keeping nothing, and says when
// it is open.
func drain(ctx context.Context, client *http.Client, url string, opened func()) {
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	res, err := client.Do(req)
	opened()
	if err != nil {
		return
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
}

// postNote posts one note as the facilitator and returns how long the
// answer took.
func postNote(b *testing.B, client *http.Client, base, tok string) time.Duration {
	req, _ := http.NewRequest("POST", base+"/api/events", bytes.NewReader([]byte(`{"kind":"note","tag":"other","text":"bench"}`)))
	req.Header.Set("X-Token", tok)
	began := time.Now()
	res, err := client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		b.Fatalf("POST: %d", res.StatusCode)
	}
	return time.Since(began)
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}
