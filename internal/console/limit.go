package console

import (
	"math"
	"sync"
	"time"

	"github.com/propdeck/propdeck/internal/session"
	"github.com/propdeck/propdeck/internal/text"
)

// The scribe's notes and decisions are rate-limited per token, a token
// bucket of noteBurst that refills at noteRate a second: a person typing
// never meets it, a device or a script gone wrong cannot drown the
// session (the journal also caps their count, 5,000 a session). The
// facilitator's token, which can end the session, is not limited.
const (
	noteBurst = 20
	noteRate  = 2.0
)

// limiter holds one bucket per token.
type limiter struct {
	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	level float64 // events it may still take
	at    time.Time
}

// allow takes one event from the token's bucket, or says how long until
// it may send one.
func (l *limiter) allow(token string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.buckets == nil {
		l.buckets = map[string]*bucket{}
	}
	b, ok := l.buckets[token]
	if !ok {
		b = &bucket{level: noteBurst, at: now}
		l.buckets[token] = b
	}
	if now.After(b.at) {
		b.level = math.Min(noteBurst, b.level+now.Sub(b.at).Seconds()*noteRate)
		b.at = now
	}
	if b.level < 1 {
		return false, time.Duration((1 - b.level) / noteRate * float64(time.Second))
	}
	b.level--
	return true, 0
}

// tooManyKeys name what a 429 held back, by the kind of event refused:
// the bucket is the page's, but the person asked to post one thing, and
// "too many notes" on a phone that sent a vote reads as a mistake.
var tooManyKeys = map[session.Kind]string{
	"note": "console-too-many-notes", "decision": "console-too-many-decisions",
	"ask": "console-too-many-asks", "answer": "console-too-many-answers",
	"vote": "console-too-many-votes", "feedback": "console-too-many-feedback",
}

// tooMany is the refusal of an event of kind k past the page's limit.
func tooMany(k session.Kind) text.Message {
	key, ok := tooManyKeys[k]
	if !ok {
		key = "console-too-many-posts"
	}
	return text.M(key, "burst", noteBurst, "rate", noteRate)
}
