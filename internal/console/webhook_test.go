package console

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/props"
	"github.com/propdeck/propdeck/internal/session"
)

// chat is an incoming webhook on 127.0.0.1 that keeps what it is sent.
type chat struct {
	mu    sync.Mutex
	texts []string
}

func (c *chat) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body map[string]string
	data, _ := io.ReadAll(r.Body)
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" || json.Unmarshal(data, &body) != nil || len(body) != 1 {
		http.Error(w, "not a webhook payload", http.StatusBadRequest)
		return
	}
	c.mu.Lock()
	c.texts = append(c.texts, body["text"])
	c.mu.Unlock()
}

// TestWebhookPostsWhatTheRoomIsHandedOut runs a console whose stored
// events feed a webhook, as propdeck run --webhook wires them: a page and
// a fired contingency's status clue reach the chat, in order; a metric
// card, a contingency not needed and a refused event do not.
func TestWebhookPostsWhatTheRoomIsHandedOut(t *testing.T) {
	s, err := examples.LoadExample("eu-db-latency", nil)
	if err != nil {
		t.Fatal(err)
	}
	j, err := session.Open(s, filepath.Join(t.TempDir(), "j.jsonl"), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	room := &chat{}
	chatSrv := httptest.NewServer(room)
	defer chatSrv.Close()
	u, _ := url.Parse(chatSrv.URL + "/hooks/secret")
	hook := props.NewWebhook(s, u, "mattermost")
	srv := New(s, j, newTokens(s), time.Now)
	srv.Stored = func(e session.Event) {
		if c := session.HandedOut(s, e); c != nil {
			hook.Post(c)
		}
	}
	console := httptest.NewServer(srv)
	defer console.Close()
	f := &fixture{t: t, s: s, srv: console, tokens: srv.tokens}
	f.post(`{"kind":"start"}`)
	f.post(`{"kind":"reveal","clue":"c01"}`)
	f.post(`{"kind":"reveal","clue":"c02"}`)
	f.post(`{"kind":"contingency","clue":"x1","fired":false}`)
	f.post(`{"kind":"contingency","clue":"x2","fired":true}`)
	if code, _ := f.do("POST", "/api/events", srv.tokens.Facilitator, `{"kind":"reveal","clue":"c01"}`); code != 400 {
		t.Errorf("a second reveal of c01 gave %d", code)
	}
	hook.Close()
	want := []string{"PAGE: orders-db p99 latency above 2 s", "Replica promoted: writes lost since 09:24"}
	if len(room.texts) != len(want) {
		t.Fatalf("the chat got %d posts, want %d: %q", len(room.texts), len(want), room.texts)
	}
	for i, w := range want {
		if !strings.Contains(room.texts[i], w) {
			t.Errorf("post %d is %q, want the clue %q", i+1, room.texts[i], w)
		}
	}
	if !slices.ContainsFunc(room.texts, func(s string) bool { return strings.HasPrefix(s, "@oncall-db ") }) {
		t.Errorf("the page does not mention its role: %q", room.texts[0])
	}
}
