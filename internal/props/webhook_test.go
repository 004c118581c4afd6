package props

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/written"
)

// TestWebhookTriesABusyChatAgain: a 503 is tried again, a 400 is not; a
// failure is reported without the URL, whose path is the secret; Slack's
// flavour escapes its markup.
func TestWebhookTriesABusyChatAgain(t *testing.T) {
	s := shipped(t)["hostile"]
	var mu sync.Mutex
	calls := map[string]int{}
	var texts []string
	chat := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		calls[r.URL.Path]++
		data, _ := io.ReadAll(r.Body)
		var body map[string]string
		_ = json.Unmarshal(data, &body)
		switch {
		case r.URL.Path == "/busy" && calls[r.URL.Path] == 1:
			http.Error(w, "busy", http.StatusServiceUnavailable)
		case r.URL.Path == "/refuses":
			http.Error(w, "no", http.StatusBadRequest)
		default:
			texts = append(texts, body["text"])
		}
	}))
	defer chat.Close()
	var reports []string
	send := func(path, flavour string, clue *written.Clue) {
		u, _ := url.Parse(chat.URL + path)
		w := NewWebhook(s, u, flavour)
		w.backoff = time.Millisecond
		w.Report = func(m string) { reports = append(reports, m) }
		w.Post(clue)
		w.Close()
	}
	page := &s.Clues()[0]
	send("/busy", "slack", page)
	send("/refuses", "mattermost", page)
	if calls["/busy"] != 2 || calls["/refuses"] != 1 {
		t.Errorf("calls %v: a busy chat is tried again, a refusal is not", calls)
	}
	if len(texts) != 1 || strings.Contains(texts[0], "<script>") || !strings.Contains(texts[0], "&lt;script&gt;") || !strings.HasPrefix(texts[0], "@ic ") {
		t.Errorf("Slack got %q", texts)
	}
	if len(reports) != 2 || !strings.Contains(reports[1], "400 Bad Request") {
		t.Errorf("reports %q", reports)
	}
	u, _ := url.Parse("http://127.0.0.1:1/hooks/the-secret-path")
	w := NewWebhook(s, u, "mattermost")
	w.backoff = time.Millisecond
	w.Report = func(m string) { reports = append(reports, m) }
	w.Post(page)
	w.Close()
	if last := reports[len(reports)-1]; strings.Contains(last, "the-secret-path") || !strings.Contains(last, "did not answer") {
		t.Errorf("an unreachable chat is reported as %q", last)
	}
}

func TestWebhookFlavourAndURL(t *testing.T) {
	for raw, want := range map[string]string{"https://hooks.slack.com/services/T/B/X": "slack", "https://chat.example.com/hooks/abc": "mattermost"} {
		u, err := ParseWebhook(raw)
		if err != nil || FlavourOf(u) != want {
			t.Errorf("%s: %v %v", raw, FlavourOf(u), err)
		}
	}
	for _, bad := range []string{"ftp://x/y", "/hooks/abc", "http://", "not a url"} {
		if _, err := ParseWebhook(bad); err == nil {
			t.Errorf("%q is taken for a webhook", bad)
		}
	}
}

// TestWebhookURLErrorsKeepTheSecret: a mistyped webhook URL is refused
// with a reason, and no refusal holds its path, query or password (the
// secrets), whatever is wrong with it.
func TestWebhookURLErrorsKeepTheSecret(t *testing.T) {
	t.Parallel()
	secrets := []string{"s3cr3t", "pw5ecret", "q5ecret", "ss5ecret"}
	for _, tc := range []struct{ raw, says string }{
		{"https://chat.example.com/hooks/%zzs3cr3t", "%"},
		{"https://chat.example.com/hooks/s3cr3t?x=%g1q5ecret", "%"},
		{"https://chat.example.com/hooks/s3cr3t with space", "space"},
		{"https://chat.example.com/hooks/s3cr3t\x7f", "control"},
		{"https://chat.example.com/hooks/s3cr3t\x00", "control"},
		{"https://chat.example.com/hooks/s3cr3t\n", "control"},
		{"https://chat.example.com:0/hooks/s3cr3t", "1 and 65535"},
		{"https://chat.example.com:65536/hooks/s3cr3t", "1 and 65535"},
		{"https://chat.example.com:99999/hooks/s3cr3t", "1 and 65535"},
		{"https://chat.example.com:99999999999999999999/hooks/s3cr3t", "1 and 65535"},
		{"https://chat.example.com:abc/hooks/s3cr3t", "port"},
		{"https://chat.example.com:-1/hooks/s3cr3t", "port"},
		{"https://chat.example.com:8065:1/hooks/s3cr3t", "port"},
		{"chat.example.com/hooks/s3cr3t", "http(s)"},
		{"//chat.example.com/hooks/s3cr3t", "http(s)"},
		{"hooks/s3cr3t", "http(s)"},
		{"ftp://chat.example.com/hooks/s3cr3t", "http(s)"},
		{"javascript:s3cr3t//x", "http(s)"},
		{"https:/hooks/s3cr3t", "http(s)"},
		{"https://user:pw5ecret@chat.example.com:99999/hooks/s3cr3t", "1 and 65535"},
		{"https://user:pw5ecret@/hooks/s3cr3t", "host"},
		{"https:///hooks/s3cr3t", "host"},
		{"https://[::1/hooks/s3cr3t", "host"},
		{"https://chat.example.com\\hooks\\s3cr3t", "host"},
		{"https://%41%42/hooks/s3cr3t", "host"},
		{"https://s3cr3t.example.com%2F/hooks/x", "host"},
		{"https://chat.example.com/hooks/s3cr3t?token=%", "%"},
		{"https://chat.example.com/hooks/s3cr3t\u3000", "space"},
		{"https://chat%2eexample.com/hooks/s3cr3t", "host"},
		{"https://u:p@ss5ecret@chat.example.com:0/s3cr3t", "1 and 65535"},
		{"https://u:pw5ecret@chat.example.com/s3cr3t%", "%"},
		{"http s://chat.example.com/hooks/s3cr3t", "space"},
		{"https//chat.example.com/hooks/s3cr3t", "http(s)"},
		{"gopher://chat.example.com:70/s3cr3t", "http(s)"},
	} {
		_, err := ParseWebhook(tc.raw)
		if err == nil {
			t.Errorf("%q is taken for a webhook", tc.raw)
			continue
		}
		for _, s := range secrets {
			if strings.Contains(err.Error(), s) {
				t.Errorf("%q: the refusal shows %q: %v", tc.raw, s, err)
			}
		}
		if !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%q: the refusal %q does not say %q", tc.raw, err, tc.says)
		}
	}
	for _, ok := range []string{"https://chat.example.com:1/hooks/x", "http://127.0.0.1:65535/hooks/x", "HTTPS://chat.example.com/hooks/x",
		"https://u:p@chat.example.com/hooks/x", "http://[::1]:8065/hooks/x", "https://chat.example.com/hooks/a%20b?c=d", "https://bücher.example/hooks/x", "http://chat_1.corp:8065/hooks/x",
		"http://[fe80::1%25eth0]:8065/hooks/x", "https://chat.example.com:8065", "https://chat.example.com/hooks/x#frag"} {
		if _, err := ParseWebhook(ok); err != nil {
			t.Errorf("%q is refused: %v", ok, err)
		}
	}
}

// TestCloseGivesUpOnASilentChat: against a chat that takes posts and
// never answers, Close returns within its grace and a little more, and
// says which posts were not delivered, by clue id and title.
func TestCloseGivesUpOnASilentChat(t *testing.T) {
	t.Parallel()
	s := shipped(t)["eu-db-latency"]
	arrived := make(chan struct{}, 16)
	release := make(chan struct{})
	chat := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer chat.Close()
	defer close(release)
	u, _ := url.Parse(chat.URL + "/hooks/x")
	w := NewWebhook(s, u, "mattermost")
	w.grace = 200 * time.Millisecond
	var mu sync.Mutex
	var reports []string
	w.Report = func(m string) {
		mu.Lock()
		defer mu.Unlock()
		reports = append(reports, m)
	}
	var posted []*written.Clue
	clues := s.Clues()
	for i := range clues {
		if c := &clues[i]; carried(c) && len(posted) < 3 {
			w.Post(c)
			posted = append(posted, c)
		}
	}
	<-arrived // the first post is in flight
	closed := make(chan struct{})
	go func() {
		w.Close()
		close(closed)
	}()
	bound := w.grace + 2*time.Second
	select {
	case <-closed:
	case <-time.After(bound):
		t.Fatalf("Close did not return within %v of a chat that never answers", bound)
	}
	w.Post(posted[0]) // a hand-out after the stop is said, not a panic
	mu.Lock()
	defer mu.Unlock()
	if last := reports[len(reports)-1]; !strings.Contains(last, "poster has stopped") {
		t.Errorf("a post after Close is reported as %q", last)
	}
	all := strings.Join(reports, "\n")
	for _, c := range posted {
		if !strings.Contains(all, c.ID) || !strings.Contains(all, c.Title) {
			t.Errorf("clue %s (%s) is not reported undelivered:\n%s", c.ID, c.Title, all)
		}
	}
	if !strings.Contains(all, "not delivered") {
		t.Errorf("the reports do not say what was not delivered:\n%s", all)
	}
}

// TestWebhookReportsNoTextOfTheChats: a report line says the status code
// in Go's words, never the reason phrase the chat sent, which is any
// server's text (a forged report line, an escape sequence, megabytes).
func TestWebhookReportsNoTextOfTheChats(t *testing.T) {
	t.Parallel()
	s := shipped(t)["hostile"]
	for _, tc := range []struct{ status, want string }{
		{"400 propdeck: webhook: posted clue c1 \x1b]0;pwned\x07", "the chat answered 400 Bad Request"},
		{"418 " + strings.Repeat("tea", 10000), "the chat answered 418 I'm a teapot"},
		{"599 busy, see http://evil", "the chat answered 599 (a status HTTP does not name)"},
	} {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		go func() {
			for {
				conn, err := ln.Accept()
				if err != nil {
					return
				}
				_, _ = http.ReadRequest(bufio.NewReader(conn))
				fmt.Fprintf(conn, "HTTP/1.1 %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", tc.status)
				conn.Close()
			}
		}()
		u, _ := url.Parse("http://" + ln.Addr().String() + "/hooks/x")
		w := NewWebhook(s, u, "mattermost")
		w.backoff = time.Millisecond
		var reports []string
		w.Report = func(m string) { reports = append(reports, m) }
		w.Post(&s.Clues()[0])
		w.Close()
		ln.Close()
		if len(reports) != 1 || !strings.HasSuffix(reports[0], tc.want) {
			t.Errorf("status %.40q: reports %.200q, want one ending %q", tc.status, reports, tc.want)
		}
	}
}

// TestWebhookURLErrorsReadInKorean: a Korean refusal puts its particle
// (에, 이, 의) right after --webhook, as Korean writes it, with no space.
func TestWebhookURLErrorsReadInKorean(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ raw, says string }{
		{"https://chat.example.com/hooks/s3cr3t with space", "--webhook에 공백이나"},
		{"hooks/s3cr3t", "--webhook이 https://"},
		{"https:///hooks/s3cr3t", "--webhook에 호스트가"},
		{"https://chat.example.com:0/hooks/s3cr3t", "--webhook(호스트 chat.example.com)의 포트가"},
	} {
		_, err := ParseWebhook(tc.raw)
		var ue *URLError
		if !errors.As(err, &ue) {
			t.Errorf("%q: %v is not a URLError", tc.raw, err)
			continue
		}
		if got := ue.Message().In("ko"); !strings.Contains(got, tc.says) {
			t.Errorf("%q: %q does not say %q", tc.raw, got, tc.says)
		}
	}
}
