package props

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/scenarios"
)

// Webhook posts each handed-out page and status draft to a chat's incoming
// webhook (Mattermost's, or Slack's), in the order they are handed out,
// without holding up the console: posts wait in a queue, and one that
// fails is reported and left.
type Webhook struct {
	url     string
	flavour string
	s       *scenarios.Scenario
	client  *http.Client
	queue   chan post
	done    chan struct{}
	backoff time.Duration // before the second try; twice that before the third
	// Report is told of each post that failed, and of each that landed.
	Report func(msg string)
}

// Flavours are the chats a webhook may be, the default first.
var Flavours = []string{"mattermost", "slack"}

// FlavourOf is the chat a webhook URL belongs to: Slack's hooks host is
// Slack, anything else is taken for Mattermost (which also reads Slack's
// payload, but not its escapes).
func FlavourOf(u *url.URL) string {
	if strings.EqualFold(u.Hostname(), "hooks.slack.com") {
		return "slack"
	}
	return "mattermost"
}

// NewWebhook starts the poster; Close drains its queue.
func NewWebhook(s *scenarios.Scenario, u *url.URL, flavour string) *Webhook {
	w := &Webhook{url: u.String(), flavour: flavour, s: s, client: &http.Client{Timeout: 10 * time.Second},
		queue: make(chan post, 256), done: make(chan struct{}), backoff: time.Second, Report: func(string) {}}
	go w.run()
	return w
}

// Post queues a handed-out clue; one chat does not carry is ignored, and
// when the queue is full the post is dropped and reported.
func (w *Webhook) Post(c *scenarios.Clue) {
	text, ok := message(w.s, c, w.flavour)
	if !ok {
		return
	}
	select {
	case w.queue <- post{c.ID, text}:
	default:
		w.Report(fmt.Sprintf("webhook: clue %s not posted: %d posts are waiting", c.ID, cap(w.queue)))
	}
}

// post is a message waiting in the queue, and the clue it tells.
type post struct{ clue, text string }

// Close posts what is queued, then stops.
func (w *Webhook) Close() {
	close(w.queue)
	<-w.done
}

func (w *Webhook) run() {
	defer close(w.done)
	for p := range w.queue {
		if err := w.send(p.text); err != nil {
			w.Report(fmt.Sprintf("webhook: clue %s not posted: %v", p.clue, err))
		} else {
			w.Report(fmt.Sprintf("webhook: posted clue %s", p.clue))
		}
	}
}

// send posts one message, trying again twice when the chat is busy or
// unreachable (a 429, a 5xx, a network error), not when it refuses.
func (w *Webhook) send(text string) error {
	body, err := json.Marshal(map[string]string{"text": text})
	if err != nil {
		return err
	}
	var last error
	for attempt := range 3 {
		if attempt > 0 {
			time.Sleep(time.Duration(attempt) * w.backoff)
		}
		retry, err := w.try(body)
		if err == nil || !retry {
			return err
		}
		last = err
	}
	return last
}

func (w *Webhook) try(body []byte) (retry bool, err error) {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, w.url, bytes.NewReader(body))
	if err != nil {
		return false, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := w.client.Do(req)
	if err != nil {
		// The error names the URL, and a webhook's URL is its secret.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return true, fmt.Errorf("the chat did not answer: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 == 2 {
		return false, nil
	}
	return resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500, fmt.Errorf("the chat answered %s", resp.Status)
}
