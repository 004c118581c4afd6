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
	"sync"
	"time"

	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/written"
)

// Webhook posts each handed-out page and status draft to a chat's incoming
// webhook (Mattermost's, or Slack's), in the order they are handed out,
// without holding up the console: posts wait in a queue, and one that
// fails is reported and left. Close waits a bounded grace for the queue,
// so that a chat that never answers cannot hold up a Ctrl-C.
type Webhook struct {
	url     string
	flavour string
	s       *scenarios.Session
	client  *http.Client
	queue   chan post
	done    chan struct{}
	backoff time.Duration // before the second try; twice that before the third
	grace   time.Duration // Close's wait for the queue before it gives up
	// stop cancels the post in flight and the tries still to come.
	ctx  context.Context
	stop context.CancelFunc
	// mu keeps Post from queueing into a queue Close has closed.
	mu     sync.Mutex
	closed bool
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

// closeGrace is how long Close lets the queue drain to a chat that
// answers: a Ctrl-C stops the console within it, whatever the chat does.
const closeGrace = 3 * time.Second

// NewWebhook starts the poster; Close drains its queue.
func NewWebhook(s *scenarios.Session, u *url.URL, flavour string) *Webhook {
	ctx, stop := context.WithCancel(context.Background())
	w := &Webhook{url: u.String(), flavour: flavour, s: s, client: &http.Client{Timeout: 10 * time.Second},
		queue: make(chan post, 256), done: make(chan struct{}), backoff: time.Second, grace: closeGrace,
		ctx: ctx, stop: stop, Report: func(string) {}}
	go w.run()
	return w
}

// Post queues a handed-out clue; one chat does not carry is ignored, and
// when the queue is full, or closed, the post is dropped and reported.
func (w *Webhook) Post(c *written.Clue) {
	body, ok := message(w.s, c, w.flavour)
	if !ok {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		w.say(text.M("webhook-stopped", "clue", clueName(c)))
		return
	}
	select {
	case w.queue <- post{clueName(c), body}:
	default:
		w.say(text.M("webhook-queue-full", "clue", clueName(c), "n", cap(w.queue)))
	}
}

// clueName is a clue as reports name it: its id and its title, clipped.
func clueName(c *written.Clue) string {
	return fmt.Sprintf("%s (%s)", c.ID, clip(strings.Join(strings.Fields(c.Title), " "), 60))
}

// post is a message waiting in the queue, and the clue it tells.
type post struct{ clue, text string }

// Close posts what is queued within its grace, then gives up: the post in
// flight is cancelled, and each post not delivered is reported.
func (w *Webhook) Close() {
	w.mu.Lock()
	if !w.closed {
		w.closed = true
		close(w.queue)
	}
	w.mu.Unlock()
	timer := time.NewTimer(w.grace)
	defer timer.Stop()
	select {
	case <-w.done:
	case <-timer.C:
		w.say(text.M("webhook-grace", "grace", w.grace))
		w.stop()
		<-w.done
	}
	w.stop()
}

func (w *Webhook) run() {
	defer close(w.done)
	for p := range w.queue {
		err := w.send(p.text)
		switch {
		case w.ctx.Err() != nil:
			w.say(text.M("webhook-cancelled", "clue", p.clue))
		case err != nil:
			w.say(text.M("webhook-failed", "clue", p.clue, "err", err))
		default:
			w.say(text.M("webhook-posted", "clue", p.clue))
		}
	}
}

// send posts one message, trying again twice when the chat is busy or
// unreachable (a 429, a 5xx, a network error), not when it refuses; it
// gives up at once when Close stops it.
func (w *Webhook) send(text string) error {
	body, err := json.Marshal(map[string]string{"text": text})
	if err != nil {
		return err
	}
	var last error
	for attempt := range 3 {
		if attempt > 0 {
			wait := time.NewTimer(time.Duration(attempt) * w.backoff)
			select {
			case <-wait.C:
			case <-w.ctx.Done():
				wait.Stop()
				return w.ctx.Err()
			}
		}
		retry, err := w.try(body)
		if err == nil || !retry || w.ctx.Err() != nil {
			return err
		}
		last = err
	}
	return last
}

func (w *Webhook) try(body []byte) (retry bool, err error) {
	req, err := http.NewRequestWithContext(w.ctx, http.MethodPost, w.url, bytes.NewReader(body))
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
		return true, text.Fail("webhook-no-answer", "err", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 == 2 {
		return false, nil
	}
	// The status code alone, with Go's own words for it: the reason phrase
	// is the chat's text (any server the URL names), up to the client's
	// header limit, and the report line is the terminal's.
	code := resp.StatusCode
	status := text.M("as-error", "err", http.StatusText(code))
	if http.StatusText(code) == "" {
		status = text.M("webhook-unnamed-status")
	}
	return code == http.StatusTooManyRequests || code >= 500, text.Fail("webhook-answered", "code", code, "status", status)
}

// say tells Report a message in the scenario's language: the console's
// stderr speaks to the facilitator who runs it.
func (w *Webhook) say(m text.Message) { w.Report(m.In(w.s.Language())) }
