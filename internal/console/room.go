package console

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"regexp"
	"sync"

	"github.com/propdeck/propdeck/internal/session"
	"github.com/propdeck/propdeck/internal/text"
)

// A role's page posts the room's events as its own role: the page never
// names a role or a ballot, the console fills them in from its token and
// device, so that a page cannot speak for another role, nor an anonymous
// one be made to carry its author.

// maxFeedback is the most feedback one page's token sends in one
// console's life, and maxVotes the most votes it sends in one poll: kept
// here, in memory, since the journal keeps no token or role for an
// anonymous one. A vote replaces the last but is kept all the same, so
// without its bound one page voting again and again would fill the
// session's bound on what the room says and silence every other role.
const (
	maxFeedback = 50
	maxVotes    = 200
)

// roomLimits counts each token's feedback, and its votes in each poll.
type roomLimits struct {
	mu     sync.Mutex
	counts map[string]int
}

// take counts one more under key, or reports that it has reached most.
func (l *roomLimits) take(key string, most int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.counts == nil {
		l.counts = map[string]int{}
	}
	if l.counts[key] >= most {
		return false
	}
	l.counts[key]++
	return true
}

// deviceID is a page's own id for its device, which the page makes once
// and keeps (localStorage) and sends with a vote as X-Device.
var deviceID = regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)

// roomError is a role page's event refused before it is checked: its
// status and what it says.
type roomError struct {
	status int
	msg    text.Message
}

func (e *roomError) Error() string { return e.msg.String() }

// decode reads a posted event; a role page's is filled in by fillRoom.
func (srv *Server) decode(body []byte, a audience, r *http.Request) (session.Event, error) {
	if a.role == "" {
		return session.Decode(srv.s, body, false)
	}
	return session.DecodeAs(srv.s, body, func(e *session.Event) error { return srv.fillRoom(e, a, r) })
}

// fillRoom fills in who posted a role page's event, or refuses it.
func (srv *Server) fillRoom(e *session.Event, a audience, r *http.Request) error {
	if !e.Kind.PlayerPosts() {
		return &roomError{http.StatusForbidden, text.M("console-may-not-write", "page", a.kind, "kind", e.Kind)}
	}
	if e.Role != "" || e.Ballot != "" {
		return &roomError{http.StatusBadRequest, text.M("console-role-filled")}
	}
	st := srv.j.State()
	if e.Kind == session.Vote && !srv.room.take("vote\x00"+e.Poll+"\x00"+tokenOf(r), maxVotes) {
		return &roomError{http.StatusTooManyRequests, text.M("console-too-many-votes-poll", "poll", e.Poll, "max", maxVotes)}
	}
	switch {
	case e.Kind == session.Vote && st.Anonymous(e.Poll):
		// One ballot a device: the same device's second vote replaces
		// its first, and nothing in the journal names the device.
		device := r.Header.Get("X-Device")
		if !deviceID.MatchString(device) {
			return &roomError{http.StatusBadRequest, text.M("console-no-device")}
		}
		e.Ballot = ballotOf(srv.tokens.Ballots, e.Poll, device)
	case e.Kind == session.Feedback:
		if !srv.room.take("feedback\x00"+tokenOf(r), maxFeedback) {
			return &roomError{http.StatusTooManyRequests, text.M("console-too-much-feedback", "max", maxFeedback)}
		}
		if st.Named() {
			e.Role = a.role
		}
	default:
		e.Role = a.role
	}
	return nil
}

// ballotOf is a device's ballot in a poll: HMAC-SHA-256 of the poll and
// the device under the secret kept beside the tokens, cut to 128 bits.
// Without the secret, a ballot links to no device, and one device's
// ballots in two polls are not the same.
func ballotOf(secret, poll, device string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(poll + "\x00" + device))
	return hex.EncodeToString(m.Sum(nil))[:32]
}
