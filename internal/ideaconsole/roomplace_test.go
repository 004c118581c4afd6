package ideaconsole

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/ideas"
)

// TestTheRoomPlaces: with placing opened to the room, each phone rates
// impact and likelihood one tap at a time, kept beside its token and
// never journaled; the facilitator sees nothing but how many rated while
// it is open, and the medians and counts once it closes, never which
// device; a rate off the grid, out of its phase or by another page is
// refused and stores nothing.
func TestTheRoomPlaces(t *testing.T) {
	t.Parallel()
	r := openRoom(t, "en")
	fac := r.srv.reg.File.Facilitator
	phones := []string{r.join(), r.join(), r.join(), r.join()}
	r.post(fac, map[string]any{"kind": "phase", "phase": "writing"})
	a := r.post(phones[0], map[string]any{"kind": "idea", "text": "the certificate expired"}).ID
	b := r.post(phones[1], map[string]any{"kind": "idea", "text": "nobody knew the failover"}).ID
	for _, p := range []string{"reveal", "group", "vote", "place"} {
		r.post(fac, map[string]any{"kind": "phase", "phase": p})
	}
	rate := func(target string, impact, likelihood int) string {
		data, _ := json.Marshal(map[string]any{"kind": "rate", "target": target, "impact": impact, "likelihood": likelihood})
		return string(data)
	}
	r.refused(t, []attack{
		{name: "a rate before the room may", tok: phones[0], body: rate(a, 3, 0), want: 400},
		{name: "the room opened on another phase", tok: fac, body: `{"kind":"phase","phase":"pick","room":true}`, want: 400},
	})
	journal := len(r.srv.j.State().Events)
	r.post(fac, map[string]any{"kind": "phase", "phase": "place", "room": true})
	r.refused(t, []attack{
		{name: "a rate off the grid", tok: phones[0], body: rate(a, 4, 0), want: 400},
		{name: "a rate of nothing", tok: phones[0], body: rate(a, 0, 0), want: 400},
		{name: "a rate of no idea", tok: phones[0], body: rate("i00000000", 1, 1), want: 400},
		{name: "the facilitator rating", tok: fac, body: rate(a, 1, 1), want: 403},
		{name: "the screen rating", tok: r.srv.reg.File.Screen, body: rate(a, 1, 1), want: 403},
		{name: "a rate with an author", tok: phones[0], body: `{"kind":"rate","target":"` + a + `","impact":1,"author":"me"}`, want: 400},
	})
	// Impact 3, 3, 1, 2 and likelihood 2, 1, 2: one tap each.
	for i, imp := range []int{3, 3, 1, 2} {
		r.do("POST", "/api/events", phones[i], json.RawMessage(rate(a, imp, 0)), http.StatusOK)
	}
	for i, like := range []int{2, 1, 2} {
		r.do("POST", "/api/events", phones[i], json.RawMessage(rate(a, 0, like)), http.StatusOK)
	}
	r.do("POST", "/api/events", phones[2], json.RawMessage(rate(a, 2, 0)), http.StatusOK) // a mind changed
	var open pageView
	_ = json.Unmarshal(r.do("GET", "/api/view", fac, nil, http.StatusOK), &open)
	if !open.RoomPlaces || open.Raters != 4 || open.Rated != nil {
		t.Errorf("while the room places: room %v, raters %d, rated %v", open.RoomPlaces, open.Raters, open.Rated)
	}
	var mine pageView
	_ = json.Unmarshal(r.do("GET", "/api/view", phones[2], nil, http.StatusOK), &mine)
	if got := mine.Me.Rates[a]; got != (ideas.Rate{Impact: 2, Likelihood: 2}) {
		t.Errorf("a phone's own rates: %v", got)
	}
	if n := len(r.srv.j.State().Events); n != journal+1 {
		t.Errorf("the rates were journaled: %d events", n)
	}
	// A device that rated as many as it may rates nothing new, and may
	// still change what it rated.
	_, full := r.srv.reg.who(phones[3])
	r.srv.reg.mu.Lock()
	for i := range maxRatesADevice - 1 {
		full.Rates[fmt.Sprintf("g%08x", i)] = ideas.Rate{Impact: 1}
	}
	r.srv.reg.mu.Unlock()
	r.refused(t, []attack{{name: "a rate past the device's bound", tok: phones[3], body: rate(b, 1, 0), want: 400}})
	r.do("POST", "/api/events", phones[3], json.RawMessage(rate(a, 2, 0)), http.StatusOK)
	r.post(fac, map[string]any{"kind": "phase", "phase": "place"})
	r.refused(t, []attack{{name: "a rate once closed", tok: phones[3], body: rate(a, 0, 3), want: 400}})
	var closed pageView
	_ = json.Unmarshal(r.do("GET", "/api/view", fac, nil, http.StatusOK), &closed)
	got := closed.Rated[a]
	if got.Impact.Median != 3 || !slices.Equal(got.Impact.Counts, []int{0, 2, 2}) || got.Likelihood.Median != 2 || !slices.Equal(got.Likelihood.Counts, []int{1, 2, 0}) {
		t.Errorf("the room's rates: %+v", got)
	}
	var screen map[string]any
	_ = json.Unmarshal(r.do("GET", "/api/view", r.srv.reg.File.Screen, nil, http.StatusOK), &screen)
	if screen["rated"] != nil {
		t.Error("the screen is shown the rates")
	}
	r.post(fac, map[string]any{"kind": "place", "target": a, "impact": got.Impact.Median, "likelihood": got.Likelihood.Median})
	if p := r.srv.j.State().Places[a]; p.Impact != 3 || p.Likelihood != 2 {
		t.Errorf("placed %d × %d", p.Impact, p.Likelihood)
	}
	for _, tok := range phones {
		if strings.Contains(r.answers.String(), tok) {
			t.Error("an answer holds a device's token")
		}
	}
}
