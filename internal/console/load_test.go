package console

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestLoad: 50 open views of every kind and 20 events a second. No event
// is lost or reordered in the journal, every view comes to show the last
// event, and memory stays flat. It waits on what the views saw, never on
// a guess of how long they take, and lasts two seconds everywhere.
func TestLoad(t *testing.T) {
	f := newFixture(t, "eu-db-latency")
	f.post(`{"kind":"start"}`)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tokens := []string{f.tokens.Facilitator, f.tokens.Screen, f.tokens.Scribe}
	for _, tok := range f.tokens.Roles {
		tokens = append(tokens, tok)
	}
	seen := make([]atomic.Int64, 50)
	var wg sync.WaitGroup
	for i := range seen {
		tok := tokens[i%len(tokens)]
		wg.Go(func() { f.watch(ctx, tok, func(seq int64) { seen[i].Store(seq) }) })
	}
	every := func(seq int64) func() bool {
		return func() bool {
			for i := range seen {
				if seen[i].Load() < seq {
					return false
				}
			}
			return true
		}
	}
	waitFor(t, "every view to open", every(1))
	var heap []uint64
	posted := int64(1)
	tick := time.NewTicker(50 * time.Millisecond) // 20 events a second
	for ; posted < 41; posted++ {
		<-tick.C
		f.post(`{"kind":"note","tag":"other","text":"load"}`)
		if posted%10 == 0 {
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			heap = append(heap, m.HeapAlloc)
		}
	}
	tick.Stop()
	waitFor(t, "every view to show the last event", every(posted))
	cancel()
	wg.Wait()
	f.checkJournal(int(posted))
	if heap[len(heap)-1] > 3*heap[0] {
		t.Errorf("memory grew from %d to %d bytes", heap[0], heap[len(heap)-1])
	}
	t.Logf("%d events to 50 views; heap %v", posted, heap)
}

// watch follows a stream, telling seen the event of each message (its
// id) once the message is whole.
func (f *fixture) watch(ctx context.Context, tok string, seen func(int64)) {
	req, _ := http.NewRequestWithContext(ctx, "GET", f.srv.URL+"/api/stream?token="+tok, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return
	}
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var id int64
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "id: "); ok {
			id, _ = strconv.ParseInt(v, 10, 64)
		}
		if line == "" {
			seen(id)
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
