package console

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// BenchmarkManyPages: 500 open pages of every kind on a session with 1 MB
// of notes (10 facilitator's, 90 screens, 100 scribe's, 300 players'),
// one in five never reading, and 20 events a second, each an op: a note
// the facilitator posts. It reports the heap when the pages are open and
// at the end (flat: what a page holds does not grow with events or
// notes), and the facilitator's POST latency (p50, p99). Loopback only.
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
	addr := f.srv.Listener.Addr().String()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	var roles []string
	for _, tok := range f.tokens.Roles {
		roles = append(roles, tok)
	}
	slices.Sort(roles)
	for i := range pages {
		tok := roleOf(i, f.tokens, roles)
		if i%5 == 4 {
			stuck(b, addr, "/api/stream?token="+tok) // from the first note
			continue
		}
		wg.Go(func() { drain(ctx, client, f.srv.URL+"/api/stream?token="+tok+"&since=2001") })
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

// drain reads a stream as a page does, keeping nothing.
func drain(ctx context.Context, client *http.Client, url string) {
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	res, err := client.Do(req)
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
