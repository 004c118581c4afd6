package ideaconsole

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestADeviceIsHeldToItsBounds: three dots, one a target unless Stack,
// none outside the vote; a device's bucket of posts; every refusal
// stores nothing, and a refused dot is not spent.
func TestADeviceIsHeldToItsBounds(t *testing.T) {
	t.Parallel()
	r := openRoom(t, "en")
	fac, phone := r.srv.reg.File.Facilitator, r.join()
	r.post(fac, map[string]any{"kind": "phase", "phase": "writing"})
	var ids []string
	for _, text := range []string{"one", "two", "three", "four"} {
		ids = append(ids, r.post(phone, map[string]any{"kind": "idea", "text": text}).ID)
	}
	r.do("POST", "/api/events", phone, map[string]any{"kind": "vote", "target": ids[0]}, http.StatusBadRequest)
	for _, p := range []string{"reveal", "group", "vote"} {
		r.post(fac, map[string]any{"kind": "phase", "phase": p})
	}
	r.post(phone, map[string]any{"kind": "vote", "target": ids[0]})
	r.do("POST", "/api/events", phone, map[string]any{"kind": "vote", "target": ids[0]}, http.StatusBadRequest)
	r.do("POST", "/api/events", phone, map[string]any{"kind": "vote", "target": "inope"}, http.StatusBadRequest)
	r.post(phone, map[string]any{"kind": "vote", "target": ids[1]})
	r.post(phone, map[string]any{"kind": "vote", "target": ids[2]})
	if got := string(r.do("POST", "/api/events", phone, map[string]any{"kind": "vote", "target": ids[3]}, http.StatusBadRequest)); !strings.Contains(got, "all 3") {
		t.Errorf("a fourth dot: %s", got)
	}
	if st := r.srv.j.State(); st.Votes[ids[0]] != 1 || len(st.Votes) != 3 {
		t.Errorf("votes %v", st.Votes)
	}
	stacked := openRoom(t, "en")
	stacked.srv.Stack = true
	fac, phone = stacked.srv.reg.File.Facilitator, stacked.join()
	stacked.post(fac, map[string]any{"kind": "phase", "phase": "writing"})
	id := stacked.post(phone, map[string]any{"kind": "idea", "text": "one"}).ID
	stacked.post(fac, map[string]any{"kind": "phase", "phase": "reveal"})
	stacked.post(fac, map[string]any{"kind": "reveal"})
	stacked.post(fac, map[string]any{"kind": "phase", "phase": "vote"})
	for range 3 {
		stacked.post(phone, map[string]any{"kind": "vote", "target": id})
	}
	stacked.do("POST", "/api/events", phone, map[string]any{"kind": "vote", "target": id}, http.StatusBadRequest)
}

// TestAFloodIsRefused: a device past its burst of posts is answered 429
// with Retry-After; the facilitator never is.
func TestAFloodIsRefused(t *testing.T) {
	t.Parallel()
	r := openRoom(t, "en")
	r.srv.now = func() time.Time { return time.Date(2026, 12, 6, 20, 0, 0, 0, time.UTC) } // no time passes
	fac, phone := r.srv.reg.File.Facilitator, r.join()
	r.post(fac, map[string]any{"kind": "phase", "phase": "writing"})
	for range 20 {
		r.post(phone, map[string]any{"kind": "idea", "text": "again"})
	}
	r.do("POST", "/api/events", phone, map[string]any{"kind": "idea", "text": "one too many"}, http.StatusTooManyRequests)
	for range 30 {
		r.post(fac, map[string]any{"kind": "phase", "phase": "writing"})
	}
}

// TestADeviceSendsAtMost40Ideas: past its bound, a device's idea is
// refused, however slowly it sends.
func TestADeviceSendsAtMost40Ideas(t *testing.T) {
	t.Parallel()
	r := openRoom(t, "en")
	at := time.Date(2026, 12, 6, 20, 0, 0, 0, time.UTC)
	r.srv.now = func() time.Time { at = at.Add(time.Second); return at } // not called concurrently: one request at a time
	fac, phone := r.srv.reg.File.Facilitator, r.join()
	r.post(fac, map[string]any{"kind": "phase", "phase": "writing"})
	for range maxIdeasADevice {
		r.post(phone, map[string]any{"kind": "idea", "text": "again"})
	}
	r.do("POST", "/api/events", phone, map[string]any{"kind": "idea", "text": "one more"}, http.StatusBadRequest)
	if n := len(r.srv.j.State().Ideas); n != maxIdeasADevice {
		t.Errorf("%d ideas stored", n)
	}
}

// TestTheRoomGroupsWhenAllowed: a phone's group is refused unless the
// room may group (--room-groups), and then stored like the facilitator's.
func TestTheRoomGroupsWhenAllowed(t *testing.T) {
	t.Parallel()
	for _, allowed := range []bool{false, true} {
		r := openRoom(t, "en")
		r.srv.RoomGroups = allowed
		fac, phone := r.srv.reg.File.Facilitator, r.join()
		r.post(fac, map[string]any{"kind": "phase", "phase": "writing"})
		id := r.post(phone, map[string]any{"kind": "idea", "text": "one"}).ID
		for _, p := range []string{"reveal", "group"} {
			r.post(fac, map[string]any{"kind": "phase", "phase": p})
		}
		want := map[bool]int{false: http.StatusForbidden, true: http.StatusOK}[allowed]
		r.do("POST", "/api/events", phone, map[string]any{"kind": "group", "title": "Ours", "ideas": []string{id}}, want)
	}
}
