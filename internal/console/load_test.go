package console

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLoad: 50 open views and 20 events a second. No event is lost or
// reordered in the journal, every view keeps up, and memory stays flat. It
// runs a minute under CI, a few seconds on a developer's machine.
func TestLoad(t *testing.T) {
	length := 4 * time.Second
	if os.Getenv("CI") == "true" {
		length = time.Minute
	}
	f := newFixture(t, "eu-db-latency")
	f.post(`{"kind":"start"}`)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	seen := make([]int, 50)
	var wg sync.WaitGroup
	for i := range seen {
		tok := f.tokens.Facilitator
		if i%2 == 1 {
			tok = f.tokens.Screen
		}
		wg.Go(func() { f.watch(ctx, tok, func(seq int) { mu.Lock(); seen[i] = max(seen[i], seq); mu.Unlock() }) })
	}
	var heap []uint64
	posted := 1
	tick := time.NewTicker(50 * time.Millisecond)
	for end := time.Now().Add(length); time.Now().Before(end); posted++ {
		<-tick.C
		f.post(`{"kind":"note","tag":"other","text":"load"}`)
		if posted%200 == 0 {
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			heap = append(heap, m.HeapAlloc)
		}
	}
	tick.Stop()
	time.Sleep(500 * time.Millisecond)
	cancel()
	wg.Wait()
	f.checkJournal(posted)
	for i, s := range seen {
		if i%2 == 0 && s != posted {
			t.Errorf("view %d saw event %d last, of %d", i, s, posted)
		}
	}
	if len(heap) > 2 && heap[len(heap)-1] > 3*heap[0] {
		t.Errorf("memory grew from %d to %d bytes", heap[0], heap[len(heap)-1])
	}
	t.Logf("%d events to 50 views in %v; heap %v", posted, length, heap)
}

// watch follows a stream, telling seen the sequence number of each state
// (the screen's view has none, and reports 0).
func (f *fixture) watch(ctx context.Context, tok string, seen func(int)) {
	req, _ := http.NewRequestWithContext(ctx, "GET", f.srv.URL+"/api/stream?token="+tok, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return
	}
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		data, ok := strings.CutPrefix(sc.Text(), "data: ")
		if !ok {
			continue
		}
		var v struct{ Seq int }
		if json.Unmarshal([]byte(data), &v) == nil {
			seen(v.Seq)
		}
	}
}

// checkJournal requires the journal to hold events 1 to n, in order.
func (f *fixture) checkJournal(n int) {
	_, state := f.do("GET", "/api/state", f.tokens.Facilitator, "")
	var v struct{ Seq int }
	json.Unmarshal([]byte(state), &v)
	if v.Seq != n {
		f.t.Errorf("the state is at event %d of %d", v.Seq, n)
	}
}
