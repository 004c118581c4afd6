package console

import (
	"encoding/json"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/session"
)

// carriedTitle is a carried action's title, which only the facilitator
// may ever see.
const carriedTitle = "no replica-lag panel on the on-call board"

func newCarriedFixture(t *testing.T, example string) *fixture {
	t.Helper()
	s, err := examples.LoadExample(example, nil)
	if err != nil {
		t.Fatal(err)
	}
	j, err := session.Open(s, filepath.Join(t.TempDir(), "j.jsonl"), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	tokens := newTokens(s)
	srv := New(s, j, tokens, time.Now)
	srv.Carried = []session.Carried{{ID: "old-session/2026-03-10/1", Title: carriedTitle, Owner: "lag-owners-team", Due: "2026-04-01", From: "2026-03-10"}}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return &fixture{t: t, s: s, srv: hs, tokens: tokens}
}

// TestCarriedActionsRatedLive: the facilitator rates a carried action and
// its view says so; a rating of an action not carried, or of one carried
// and an expected action at once, is refused and nothing is stored; the
// scribe may not rate one.
func TestCarriedActionsRatedLive(t *testing.T) {
	t.Parallel()
	for _, example := range []string{"eu-db-latency", "dns-change-ko"} {
		f := newCarriedFixture(t, example)
		f.post(`{"kind":"start"}`)
		f.post(`{"kind":"rating","retest":"old-session/2026-03-10/1","rating":"met","note":"panel there"}`)
		x := f.s.Rounds()[0].Expect[0]
		for _, tc := range []struct {
			name, token, body string
			want              int
		}{
			{"not carried", f.tokens.Facilitator, `{"kind":"rating","retest":"old-session/2026-03-10/2","rating":"met"}`, 400},
			{"both", f.tokens.Facilitator, `{"kind":"rating","retest":"old-session/2026-03-10/1","role":"` + x.Role + `","action":"` + x.Action + `","rating":"met"}`, 400},
			{"bad rating", f.tokens.Facilitator, `{"kind":"rating","retest":"old-session/2026-03-10/1","rating":"great"}`, 400},
			{"scribe", f.tokens.Scribe, `{"kind":"rating","retest":"old-session/2026-03-10/1","rating":"partly"}`, 403},
		} {
			code, body := f.do("POST", "/api/events", tc.token, tc.body)
			if code != tc.want {
				t.Errorf("%s %s: %d %s, want %d", example, tc.name, code, body, tc.want)
			}
			if code == 400 && strings.Contains(body, "event-") {
				t.Errorf("%s %s: the refusal is a key, not words: %s", example, tc.name, body)
			}
		}
		_, body := f.do("GET", "/api/state", f.tokens.Facilitator, "")
		var st struct {
			Seq     int                   `json:"seq"`
			Carried []session.CarriedView `json:"carried"`
		}
		if err := json.Unmarshal([]byte(body), &st); err != nil {
			t.Fatal(err)
		}
		if st.Seq != 2 || len(st.Carried) != 1 || st.Carried[0].Rating != "met" || st.Carried[0].Note != "panel there" || st.Carried[0].Owner != "lag-owners-team" {
			t.Errorf("%s: the facilitator's view after one rating: seq %d, %+v", example, st.Seq, st.Carried)
		}
	}
}

// TestCarriedActionsOnlyForTheFacilitator: no page but the facilitator's,
// nor its stream, ever holds a carried action.
func TestCarriedActionsOnlyForTheFacilitator(t *testing.T) {
	t.Parallel()
	f := newCarriedFixture(t, "eu-db-latency")
	f.post(`{"kind":"start"}`)
	f.post(`{"kind":"rating","retest":"old-session/2026-03-10/1","rating":"partly"}`)
	views := map[string]string{"/api/screen": f.tokens.Screen, "/screen": f.tokens.Screen, "/api/notes": f.tokens.Scribe, "/scribe": f.tokens.Scribe}
	for role, tok := range f.tokens.Roles {
		views["/api/play/"+role] = tok
		views["/play/"+role] = tok
	}
	for path, tok := range views {
		_, body := f.do("GET", path, tok, "")
		body += f.firstStreamEvent(tok)
		for _, secret := range []string{carriedTitle, "old-session/2026-03-10/1", "lag-owners-team"} {
			if strings.Contains(body, secret) {
				t.Errorf("%s shows the carried action's %q", path, secret)
			}
		}
	}
	if _, body := f.do("GET", "/api/state", f.tokens.Facilitator, ""); !strings.Contains(body, carriedTitle) {
		t.Errorf("the facilitator's view lacks the carried action")
	}
}
