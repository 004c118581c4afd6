package ideaconsole

import (
	"cmp"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"strconv"
	"syscall"

	"github.com/propdeck/propdeck/internal/console"
	"github.com/propdeck/propdeck/internal/ideas"
	"github.com/propdeck/propdeck/internal/text"
)

// maxBody is the largest request body read: an idea is 500 characters.
const maxBody = 16 << 10

// writes are the events each page may post. A participant's idea, vote
// and done carry nothing of the device into the journal; everything else
// is the facilitator's (and group the room's too, with RoomGroups).
var writes = map[string][]ideas.Kind{
	"facilitator":    {ideas.KindPhase, ideas.KindHide, ideas.KindReveal, ideas.KindGroup, ideas.KindPlace, ideas.KindPick, ideas.KindEnd},
	participantsKind: {ideas.KindIdea, ideas.KindVote, ideas.KindDone, ideas.KindRate},
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(v)
}

// refuse answers an error in the room's language.
func (srv *Server) refuse(w http.ResponseWriter, status int, m text.Message) {
	http.Error(w, m.In(srv.room.Lang), status)
}

// statusOf is the answer to an event refused: 400 for one that cannot
// be (now), 507 for a full disk, 500 for another failed write.
func statusOf(err error) int {
	var ie *ideas.Error
	switch {
	case errors.As(err, &ie), errors.Is(err, errTooManyDevices):
		return http.StatusBadRequest
	case errors.Is(err, syscall.ENOSPC):
		return http.StatusInsufficientStorage
	}
	return http.StatusInternalServerError
}

func (srv *Server) failed(w http.ResponseWriter, err error) {
	http.Error(w, text.In(err, srv.room.Lang), statusOf(err))
}

// posted checks a post's origin, size and rate, and reads it; false when
// it has answered already.
func (srv *Server) posted(w http.ResponseWriter, r *http.Request, limited bool) ([]byte, bool) {
	if !srv.guard.SameOrigin(r) {
		srv.refuse(w, http.StatusForbidden, text.M("console-other-origin"))
		return nil, false
	}
	if limited {
		if ok, wait := srv.guard.Allow(srv.bucketOf(r), srv.now()); !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			srv.refuse(w, http.StatusTooManyRequests, text.M("ideas-too-fast"))
			return nil, false
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		srv.refuse(w, http.StatusRequestEntityTooLarge, text.M("console-too-large"))
		return nil, false
	}
	return body, true
}

// bucketOf is a post's rate bucket: its token's.
func (srv *Server) bucketOf(r *http.Request) string { return console.TokenOf(r) }

// joinDevice gives a phone that opened the join link its own token.
func (srv *Server) joinDevice(w http.ResponseWriter, r *http.Request, _ who) {
	if _, ok := srv.posted(w, r, true); !ok {
		return
	}
	tok, err := srv.reg.join()
	if err != nil {
		srv.failed(w, err)
		return
	}
	writeJSON(w, map[string]string{"token": tok})
	srv.changes.Publish()
}

// event stores one event a page posts and tells every page.
func (srv *Server) event(w http.ResponseWriter, r *http.Request, a who) {
	body, ok := srv.posted(w, r, a.device != nil)
	if !ok {
		return
	}
	e, err := ideas.Decode(body, false)
	if err != nil {
		srv.failed(w, err)
		return
	}
	if !mayWrite(a.kind, e.Kind) && !(srv.RoomGroups && a.device != nil && e.Kind == ideas.KindGroup) {
		srv.refuse(w, http.StatusForbidden, text.M("console-may-not-write", "page", a.kind, "kind", e.Kind))
		return
	}
	switch {
	case a.device != nil:
		e, err = srv.fromDevice(a.device, e)
	case e.Kind == ideas.KindEnd:
		e, err = srv.end(r.Context(), e)
	default:
		e, err = srv.j.Append(e)
	}
	if err != nil {
		srv.failed(w, err)
		return
	}
	writeJSON(w, e)
	_ = http.NewResponseController(w).Flush()
	srv.changes.Publish()
}

func mayWrite(kind string, k ideas.Kind) bool {
	for _, w := range writes[kind] {
		if w == k {
			return true
		}
	}
	return false
}

// fromDevice stores a participant's event within the device's bounds,
// kept beside the tokens: its count of ideas, its dots (one an idea or
// group unless Stack), its done. A dot is kept before it is journaled,
// so that a kill between the two costs the device a dot, never gives it
// one more.
func (srv *Server) fromDevice(d *device, e ideas.Event) (ideas.Event, error) {
	switch e.Kind {
	case ideas.KindDone:
		return e, srv.reg.change(d, func(d *device) error { d.Done = true; return nil }, func(d *device) { d.Done = false })
	case ideas.KindRate:
		return e, srv.rate(d, e)
	case ideas.KindIdea:
		if err := srv.reg.change(d, func(d *device) error {
			if d.Ideas >= maxIdeasADevice {
				return &ideas.Error{Text: text.M("ideas-device-ideas", "max", maxIdeasADevice)}
			}
			d.Ideas++
			return nil
		}, func(d *device) { d.Ideas-- }); err != nil {
			return e, err
		}
	case ideas.KindVote:
		if err := srv.reserveDot(d, e.Target); err != nil {
			return e, err
		}
	}
	stored, err := srv.j.Append(e)
	if err != nil {
		_ = srv.reg.change(d, func(d *device) error { undo(d, e); return nil }, func(*device) {})
	}
	return stored, err
}

// undo gives a device back what an event it could not store took.
func undo(d *device, e ideas.Event) {
	switch e.Kind {
	case ideas.KindIdea:
		d.Ideas--
	case ideas.KindVote:
		if d.Dots[e.Target]--; d.Dots[e.Target] <= 0 {
			delete(d.Dots, e.Target)
		}
	}
}

func (srv *Server) reserveDot(d *device, target string) error {
	return srv.reg.change(d, func(d *device) error {
		if d.dotsUsed() >= srv.room.Dots {
			return &ideas.Error{Text: text.M("ideas-no-dots", "dots", srv.room.Dots)}
		}
		if d.Dots[target] > 0 && !srv.Stack {
			return &ideas.Error{Text: text.M("ideas-one-dot")}
		}
		if d.Dots == nil {
			d.Dots = map[string]int{}
		}
		d.Dots[target]++
		return nil
	}, func(d *device) { undo(d, ideas.Event{Kind: ideas.KindVote, Target: target}) })
}

// rate keeps a device's tap on impact or likelihood of an idea or group
// beside its token, while the room places: the journal never holds it.
func (srv *Server) rate(d *device, e ideas.Event) error {
	if err := srv.j.State().MayRate(e.Target); err != nil {
		return err
	}
	var was ideas.Rate
	return srv.reg.change(d, func(d *device) error {
		if d.Rates == nil {
			d.Rates = map[string]ideas.Rate{}
		}
		was = d.Rates[e.Target]
		if was == (ideas.Rate{}) && len(d.Rates) >= maxRatesADevice {
			return &ideas.Error{Text: text.M("ideas-device-rates", "max", maxRatesADevice)}
		}
		r := was
		r.Impact, r.Likelihood = cmp.Or(e.Impact, r.Impact), cmp.Or(e.Likelihood, r.Likelihood)
		d.Rates[e.Target] = r
		return nil
	}, func(d *device) {
		if d.Rates[e.Target] = was; was == (ideas.Rate{}) {
			delete(d.Rates, e.Target)
		}
	})
}
