package links

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/written"
)

// server has live, dead, slow, redirecting and HEAD-refusing paths, and
// counts the requests each path gets. The slow path never answers: only
// the checker's timeout or cancellation ends it, so that a check that
// failed to cut it off would hang rather than pass by luck.
func server(t *testing.T) (*httptest.Server, map[string]int, *sync.Mutex) {
	srv, counts, mu, _ := slowServer(t)
	return srv, counts, mu
}

// slowServer is server, with a channel that gets a value each time a
// request reaches the slow path.
func slowServer(t *testing.T) (*httptest.Server, map[string]int, *sync.Mutex, <-chan struct{}) {
	slow := make(chan struct{}, 64)
	counts := map[string]int{}
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		counts[r.Method+" "+r.URL.Path]++
		mu.Unlock()
		switch r.URL.Path {
		case "/live", "/target":
		case "/dead":
			http.NotFound(w, r)
		case "/broken":
			w.WriteHeader(http.StatusInternalServerError)
		case "/slow":
			select {
			case slow <- struct{}{}:
			default:
			}
			<-r.Context().Done()
		case "/moved":
			http.Redirect(w, r, "/target", http.StatusMovedPermanently)
		case "/nowhere":
			w.WriteHeader(http.StatusFound) // a redirect that says not where
		case "/get-only":
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
			}
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, counts, &mu, slow
}

func TestCheck(t *testing.T) {
	srv, counts, mu := server(t)
	var list []Link
	for _, p := range []string{"/live", "/dead", "/broken", "/slow", "/moved", "/get-only"} {
		list = append(list, Link{URL: srv.URL + p, UsedBy: []Use{{Kind: text.M("links-clue"), ID: p}}})
	}
	results := Check(context.Background(), list, Options{Timeout: 300 * time.Millisecond, Parallel: 3})
	want := map[string]struct {
		dead   bool
		status int
	}{
		"/live": {false, 200}, "/dead": {true, 404}, "/broken": {true, 500}, "/slow": {true, 0},
		"/moved": {false, 200}, "/get-only": {false, 200},
	}
	for _, r := range results {
		path := strings.TrimPrefix(r.URL, srv.URL)
		w := want[path]
		if r.Dead() != w.dead || r.Status != w.status {
			t.Errorf("%s: dead=%v status=%d err=%q; want dead=%v status=%d", path, r.Dead(), r.Status, r.Err, w.dead, w.status)
		}
	}
	if results[3].Err != "timeout" {
		t.Errorf("slow link error %q, want timeout", results[3].Err)
	}
	if results[5].Method != http.MethodGet {
		t.Errorf("HEAD-refusing link not retried with GET")
	}
	mu.Lock()
	defer mu.Unlock()
	for k, n := range counts {
		if n > 1 {
			t.Errorf("%s requested %d times", k, n)
		}
	}
	for _, r := range results {
		moved := strings.HasSuffix(r.URL, "/moved")
		if moved && r.Final != srv.URL+"/target" || !moved && r.Final != "" {
			t.Errorf("%s: final URL %q", r.URL, r.Final)
		}
	}
	table := Table(results, "en")
	for _, wantText := range []string{"DEAD", "timeout", "200 (GET)", "clue /dead", "-> " + srv.URL + "/target"} {
		if !strings.Contains(table, wantText) {
			t.Errorf("table lacks %q:\n%s", wantText, table)
		}
	}
}

func TestDNSFailureIsDead(t *testing.T) {
	r := Check(context.Background(), []Link{{URL: "http://no-such-host.invalid/x"}}, Options{Timeout: 2 * time.Second})
	if !r[0].Dead() || r[0].Err == "" {
		t.Errorf("unresolvable host: %+v", r[0])
	}
}

func TestCollectOncePerURL(t *testing.T) {
	s, err := examples.LoadExample("eu-db-latency", nil)
	if err != nil {
		t.Fatal(err)
	}
	s = s.Edited(func(w *written.Scenario) { w.Clues[0].RunbookURL = w.Roles[0].RunbookURL })
	links := Collect(s)
	seen := map[string]bool{}
	for _, l := range links {
		if seen[l.URL] {
			t.Errorf("%s collected twice", l.URL)
		}
		seen[l.URL] = true
		if l.URL == s.Roles()[0].RunbookURL && len(l.UsedBy) != 2 {
			t.Errorf("shared link used by %v", l.UsedBy)
		}
	}
}

// TestRedirectWithoutLocationIsDead: a 302 with no Location leads nowhere.
func TestRedirectWithoutLocationIsDead(t *testing.T) {
	srv, _, _ := server(t)
	r := Check(context.Background(), []Link{{URL: srv.URL + "/nowhere"}}, Options{Timeout: 2 * time.Second})
	if !r[0].Dead() || !strings.Contains(r[0].Err, "without a Location") {
		t.Errorf("%+v", r[0])
	}
}

// TestInterruptedCheckSaysNotChecked: after Ctrl-C the links the check did
// not finish are "not checked", never DEAD.
func TestInterruptedCheckSaysNotChecked(t *testing.T) {
	srv, _, _, slow := slowServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	var list []Link
	for range 6 {
		list = append(list, Link{URL: srv.URL + "/slow"})
	}
	// Ctrl-C once a check is under way, whatever the machine's speed.
	go func() { <-slow; cancel() }()
	results := Check(ctx, list, Options{Timeout: time.Hour, Parallel: 2})
	for _, r := range results {
		if r.Dead() || !r.Skipped {
			t.Errorf("%+v: want not checked", r)
		}
	}
	if table := Table(results, "en"); !strings.Contains(table, "not checked") || strings.Contains(table, "DEAD") {
		t.Errorf("table:\n%s", table)
	}
}

// TestMergeAsksEachLinkOnce: a catalog's link used by several scenarios is
// one link, with every user named by file.
func TestMergeAsksEachLinkOnce(t *testing.T) {
	role := Use{Kind: text.M("links-role"), ID: "ic"}
	got := Merge(map[string][]Link{
		"catalog/roles.toml": {{URL: "https://rb/ic", UsedBy: []Use{role}}},
		"drills/a.toml":      {{URL: "https://rb/ic", UsedBy: []Use{role}}, {URL: "https://rb/db", UsedBy: []Use{{Kind: text.M("links-system"), ID: "db"}}}},
		"drills/b.toml":      {{URL: "https://rb/ic", UsedBy: []Use{role}}},
	})
	if len(got) != 2 || got[1].URL != "https://rb/ic" || len(got[1].UsedBy) != 3 || got[1].UsedBy[0].Message().String() != "catalog/roles.toml: role ic" {
		t.Errorf("%+v", got)
	}
}

// TestFailuresAreNamedByType: a refused connection, a redirect loop and a
// timeout are told apart by their errors' types, with real sockets.
func TestFailuresAreNamedByType(t *testing.T) {
	loop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Path+"x", http.StatusFound)
	}))
	defer loop.Close()
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	refused := closed.URL
	closed.Close()
	for _, tc := range []struct{ url, want string }{
		{refused + "/x", "connection refused"},
		{loop.URL + "/a", "too many redirects"},
		{slow.URL + "/s", "timeout"},
	} {
		res := Check(context.Background(), []Link{{URL: tc.url}}, Options{Timeout: 300 * time.Millisecond, Parallel: 1})
		if len(res) != 1 || res[0].Err != tc.want {
			t.Errorf("%s: %+v, want %q", tc.url, res, tc.want)
		}
	}
}
