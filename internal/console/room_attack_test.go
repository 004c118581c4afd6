package console

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/session"
	"github.com/propdeck/propdeck/internal/written"
)

// The room as a hostile player would try it: each attack is refused
// with its status and leaves the journal as it was.

// attackFixture is a console on a clock the test moves, a poll by role
// open to ic and comms alone, one open to everyone and one closed.
func attackFixture(t *testing.T) (*fixture, string, *fakeClock) {
	t.Helper()
	c := &fakeClock{now: time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	f, path := newFixtureAt(t, c)
	f.post(`{"kind":"start"}`)
	f.post(`{"kind":"poll","id":"leads","question":"Page the vendor?","options":["yes","no"],"roles":["ic","comms"]}`)
	f.post(`{"kind":"poll","id":"all","question":"Backups tested?","options":["yes","no"],"anonymous":true}`)
	f.post(`{"kind":"poll","id":"done","question":"Over?","options":["yes","no"]}`)
	f.post(`{"kind":"poll-close","poll":"done"}`)
	return f, path, c
}

// journalOf is the journal's bytes.
func journalOf(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestAttackPostingAsAnother: a role's token never posts as another role,
// never posts the facilitator's kinds, and votes only where, and as, the
// poll lets it; nothing refused is written.
func TestAttackPostingAsAnother(t *testing.T) {
	f, path, _ := attackFixture(t)
	dev := []string{"X-Device", "device-one-7f3a9c2e41b0"}
	for _, tc := range []struct {
		name, event string
		header      []string
		want        int
	}{
		{"role field", `{"kind":"answer","text":"x","role":"comms"}`, nil, 400},
		{"ballot field", `{"kind":"vote","poll":"leads","option":"yes","ballot":"0123456789abcdef0123456789abcdef"}`, nil, 400},
		{"a poll", `{"kind":"poll","id":"mine","question":"q","options":["a","b"]}`, nil, 403},
		{"a poll-close", `{"kind":"poll-close","poll":"leads"}`, nil, 403},
		{"a hide", `{"kind":"hide","event":1}`, nil, 403},
		{"feedback-open", `{"kind":"feedback-open"}`, nil, 403},
		{"a request", `{"kind":"request","clue":"c01"}`, nil, 403},
		{"a show", `{"kind":"show","event":1}`, nil, 403},
		{"a decline", `{"kind":"decline","answers":1}`, nil, 403},
		{"an end", `{"kind":"end"}`, nil, 403},
		{"a poll of other roles", `{"kind":"vote","poll":"leads","option":"yes"}`, nil, 400},
		{"a closed poll", `{"kind":"vote","poll":"done","option":"yes"}`, nil, 400},
		{"an unknown poll", `{"kind":"vote","poll":"nope","option":"yes"}`, nil, 400},
		{"an option not offered", `{"kind":"vote","poll":"all","option":"maybe"}`, dev, 400},
		{"confidence 6", `{"kind":"vote","poll":"all","option":"yes","confidence":6}`, dev, 400},
		{"confidence -1", `{"kind":"vote","poll":"all","option":"yes","confidence":-1}`, dev, 400},
		{"confidence 2.5", `{"kind":"vote","poll":"all","option":"yes","confidence":2.5}`, dev, 400},
		{"a device too long", `{"kind":"vote","poll":"all","option":"yes"}`, []string{"X-Device", strings.Repeat("d", 65)}, 400},
		{"a device empty", `{"kind":"vote","poll":"all","option":"yes"}`, []string{"X-Device", ""}, 400},
		{"a device with a tab", `{"kind":"vote","poll":"all","option":"yes"}`, []string{"X-Device", "device\tone-7f3a9c2e41b0"}, 400},
		{"a device of UTF-8", `{"kind":"vote","poll":"all","option":"yes"}`, []string{"X-Device", "device-one-7f3a9c2e41b0\u00e9"}, 400},
		{"a score of 6", `{"kind":"feedback","worked":"x","score":6}`, nil, 400},
	} {
		before := journalOf(t, path)
		if code, body := f.as("oncall-db", tc.event, tc.header...); code != tc.want {
			t.Errorf("%s: %d %s, want %d", tc.name, code, body, tc.want)
		}
		if journalOf(t, path) != before {
			t.Errorf("%s: the journal changed", tc.name)
		}
	}
	// Two tokens on one request: the one it is checked by is the one it
	// posts as.
	code, body := f.do("POST", "/api/events?token="+f.tokens.Roles["ic"], f.tokens.Roles["oncall-db"], `{"kind":"ask","text":"who am I"}`)
	if code != 200 || !strings.Contains(body, `"role":"oncall-db"`) {
		t.Errorf("two tokens: %d %s", code, body)
	}
	// Another role's token as a device is a device like any other: a
	// ballot, no role.
	e := f.mustAs("oncall-db", `{"kind":"vote","poll":"all","option":"no"}`, "X-Device", f.tokens.Roles["ic"])
	if e.Role != "" || e.Ballot == "" || strings.Contains(journalOf(t, path), f.tokens.Roles["ic"]) {
		t.Errorf("a token as a device: %+v", e)
	}
}

// TestAttackAnonymousPollOfRoles: a poll open to everyone names no
// roles, since a ballot keeps none to check them by; opening one that
// does is refused.
func TestAttackAnonymousPollOfRoles(t *testing.T) {
	f, path, _ := attackFixture(t)
	before := journalOf(t, path)
	code, body := f.do("POST", "/api/events", f.tokens.Facilitator,
		`{"kind":"poll","id":"leads2","question":"q","options":["a","b"],"anonymous":true,"roles":["ic"]}`)
	if code != 400 || journalOf(t, path) != before {
		t.Fatalf("an anonymous poll of roles: %d %s", code, body)
	}
	if code, _ := f.as("oncall-db", `{"kind":"vote","poll":"leads2","option":"a"}`, "X-Device", "device-one-7f3a9c2e41b0"); code != 400 {
		t.Errorf("a role outside the poll voted: %d", code)
	}
}

// TestAttackBlindPoll: before a poll closes, no player's answer, view or
// stream changes with what another voted, only with how many voted; a
// device's second vote replaces its first, two devices count twice.
func TestAttackBlindPoll(t *testing.T) {
	f, _, _ := attackFixture(t)
	d1, d2 := "device-one-7f3a9c2e41b0", "device-two-0c8e5d1f9a36"
	f.mustAs("ic", `{"kind":"vote","poll":"all","option":"yes"}`, "X-Device", d1)
	f.mustAs("comms", `{"kind":"vote","poll":"leads","option":"yes","confidence":5}`)
	seen := map[string]string{}
	for _, who := range []string{"", "scribe", "ic", "oncall-db"} {
		seen[who] = f.everyView(who)
	}
	if strings.Contains(seen["oncall-db"], "Page the vendor?") {
		t.Error("a role's page shows an open poll it may not vote in")
	}
	// Every vote is replaced by the other option: the same number of
	// ballots, each saying the opposite.
	f.mustAs("ic", `{"kind":"vote","poll":"all","option":"no"}`, "X-Device", d1)
	f.mustAs("comms", `{"kind":"vote","poll":"leads","option":"no","confidence":5}`)
	for who, v := range seen {
		if now := f.everyView(who); !sameButSeq(v, now) {
			t.Errorf("%q's page changed with what was voted (%d bytes, then %d)", who, len(v), len(now))
		}
	}
	f.mustAs("comms", `{"kind":"vote","poll":"all","option":"no"}`, "X-Device", d2)
	f.post(`{"kind":"poll-close","poll":"all"}`)
	f.post(`{"kind":"poll-close","poll":"leads"}`)
	if code, _ := f.as("ic", `{"kind":"vote","poll":"all","option":"yes"}`, "X-Device", d1); code != 400 {
		t.Error("a vote after the close was taken")
	}
	_, screen := f.do("GET", "/api/state", f.tokens.Facilitator, "")
	if !strings.Contains(screen, `{"option":"no","votes":2}`) || !strings.Contains(screen, `{"option":"no","votes":1,"confidence":5}`) {
		t.Errorf("the closed polls: %s", screen)
	}
}

// sameButSeq reports whether two views differ only in the state's seq
// (the scribe's, the stream's message id), which every event moves on.
func sameButSeq(a, b string) bool {
	return seqOf.ReplaceAllString(a, "${1}N") == seqOf.ReplaceAllString(b, "${1}N")
}

var seqOf = regexp.MustCompile(`(id: |"seq":)[0-9]+`)

// TestAttackTexts: what a player types is held to the scenario's text
// rule (length, control characters, direction controls) with 400 and
// nothing written; markup is taken as text and reaches no page as
// markup. Zero-width characters are taken: a joiner is part of an emoji
// or a word in some scripts, and none of them turns a text around.
func TestAttackTexts(t *testing.T) {
	f, path, _ := attackFixture(t)
	for _, tc := range []struct{ name, event string }{
		{"an ask too long", `{"kind":"ask","text":"` + strings.Repeat("é", 2001) + `"}`},
		{"a feedback too long", `{"kind":"feedback","broke":"` + strings.Repeat("x", 4001) + `"}`},
		{"a right-to-left override", `{"kind":"ask","text":"pay \u202egnp.exe"}`},
		{"a bidi isolate", `{"kind":"answer","text":"a\u2066b\u2069"}`},
		{"a left-to-right embedding", `{"kind":"feedback","worked":"a\u202ab"}`},
		{"a NUL", `{"kind":"ask","text":"a\u0000b"}`},
		{"a C1 control", `{"kind":"ask","text":"a\u009bb"}`},
		{"a DEL", `{"kind":"ask","text":"a\u007fb"}`},
		{"a carriage return", `{"kind":"answer","text":"a\rb"}`},
		{"only spaces", `{"kind":"ask","text":"   "}`},
		{"an empty feedback", `{"kind":"feedback","worked":" ","broke":"","action":""}`},
	} {
		before := journalOf(t, path)
		if code, body := f.as("ic", tc.event); code != 400 {
			t.Errorf("%s: %d %s, want 400", tc.name, code, body)
		}
		if journalOf(t, path) != before {
			t.Errorf("%s: the journal changed", tc.name)
		}
	}
	markup := []string{"<script>alert(1)</script>", `<img src=x onerror=alert(1)>`, "=HYPERLINK(\"https://evil.example\")", "[x](javascript:alert(1))", "@here <!channel>"}
	for _, m := range markup {
		q, _ := json.Marshal(m)
		f.mustAs("ic", `{"kind":"ask","text":`+string(q)+`}`)
		f.mustAs("ic", `{"kind":"answer","text":`+string(q)+`}`)
	}
	for _, who := range []string{"facilitator", "scribe", "ic"} {
		v := f.everyView(who)
		for _, m := range markup[:2] {
			if strings.Contains(v, m) {
				t.Errorf("%q's page holds %q as markup", who, m)
			}
		}
	}
}

// TestAttackHiddenStaysHidden: a hidden ask, answer or feedback reaches
// the facilitator's page alone: not its author's, the scribe's, the
// screen's, a stream's or the record; the answer shown on the screen
// leaves it when hidden.
func TestAttackHiddenStaysHidden(t *testing.T) {
	c := &fakeClock{now: time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	s, err := examples.LoadExample("eu-db-latency", nil)
	if err != nil {
		t.Fatal(err)
	}
	j, err := session.Open(s, filepath.Join(t.TempDir(), "j.jsonl"), c.Now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	f := newFixtureOn(t, s, j)
	f.post(`{"kind":"start"}`)
	ask := f.mustAs("ic", `{"kind":"ask","text":"HIDDEN-ASK replica lag"}`)
	answer := f.mustAs("ic", `{"kind":"answer","text":"HIDDEN-ANSWER"}`)
	fb := f.mustAs("comms", `{"kind":"feedback","worked":"HIDDEN-FEEDBACK"}`)
	f.post(`{"kind":"show","event":` + itoa(answer.Seq) + `}`)
	f.post(`{"kind":"request","clue":"` + f.s.Timeline().Of(written.OnRequest)[0].Clue.ID + `","answers":` + itoa(ask.Seq) + `}`)
	// Streams open before the hide: their message after it is clean.
	streams := map[string]*sse{}
	for who, tok := range map[string]string{"stream screen": f.tokens.Screen, "stream scribe": f.tokens.Scribe, "stream ic": f.tokens.Roles["ic"]} {
		streams[who] = f.open("/api/stream?token=" + tok)
	}
	for _, e := range []session.Event{ask, answer, fb} {
		f.post(`{"kind":"hide","event":` + itoa(e.Seq) + `}`)
	}
	f.post(`{"kind":"end"}`)
	all := map[string]string{"record": string(j.State().Record())}
	for who, st := range streams {
		for {
			id, data := st.next()
			if id == itoa(j.State().Seq) {
				all[who] = data
				break
			}
		}
	}
	for _, who := range []string{"facilitator", "", "scribe", "ic", "comms"} {
		all[who] = f.everyView(who)
	}
	for who, v := range all {
		for _, x := range []string{"HIDDEN-ASK", "HIDDEN-ANSWER", "HIDDEN-FEEDBACK"} {
			if strings.Contains(v, x) != (who == "facilitator") {
				t.Errorf("%q: holds %s is %v", who, x, strings.Contains(v, x))
			}
		}
	}
	if code, _ := f.do("POST", "/api/events", f.tokens.Facilitator, `{"kind":"show","event":`+itoa(answer.Seq)+`}`); code != 400 {
		t.Errorf("a hidden answer was shown again: %d", code)
	}
}

// TestAttackVoteFlood: one page voting again and again in one poll (each
// vote replacing its last, or each from a made-up device) stops at
// maxVotes with 429, so that it cannot fill the session's bound on what
// the room says and silence the other roles; the others still vote.
func TestAttackVoteFlood(t *testing.T) {
	f, path, c := attackFixture(t)
	options := []string{"yes", "no"}
	for i := range maxVotes {
		c.add(time.Second) // past the rate: the bound is on the count
		if code, body := f.as("comms", `{"kind":"vote","poll":"all","option":"`+options[i%2]+`"}`, "X-Device", "made-up-device-"+itoa(100000+i)); code != 200 {
			t.Fatalf("vote %d: %d %s", i+1, code, body)
		}
	}
	c.add(time.Second)
	before := journalOf(t, path)
	if code, _ := f.as("comms", `{"kind":"vote","poll":"all","option":"yes"}`, "X-Device", "made-up-device-0"); code != 429 {
		t.Errorf("vote %d: %d, want 429", maxVotes+1, code)
	}
	if journalOf(t, path) != before {
		t.Error("a vote past the bound was written")
	}
	f.mustAs("ic", `{"kind":"vote","poll":"all","option":"yes"}`, "X-Device", "device-one-7f3a9c2e41b0")
	f.mustAs("comms", `{"kind":"ask","text":"still heard"}`)
}

// TestAttackFeedbackBound: a page's token sends at most maxFeedback
// feedback, then 429 and nothing written; the refusal says that page's
// own count, and another page's feedback is still taken.
func TestAttackFeedbackBound(t *testing.T) {
	f, path, c := attackFixture(t)
	for i := range maxFeedback {
		c.add(time.Second)
		f.mustAs("comms", `{"kind":"feedback","worked":"again `+itoa(i)+`"}`)
	}
	c.add(time.Second)
	before := journalOf(t, path)
	code, body := f.as("comms", `{"kind":"feedback","worked":"once more"}`)
	if code != 429 || journalOf(t, path) != before {
		t.Errorf("feedback %d: %d %s", maxFeedback+1, code, body)
	}
	if strings.Contains(body, "comms") {
		t.Errorf("the refusal names a role: %s", body)
	}
	if e := f.mustAs("ic", `{"kind":"feedback","worked":"mine"}`); e.Role != "" {
		t.Errorf("an anonymous feedback keeps its role: %+v", e)
	}
}
