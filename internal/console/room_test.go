package console

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/session"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/vocab"
)

// as posts an event with a role's token (and a device), and says what
// the console answered.
func (f *fixture) as(role, event string, header ...string) (int, string) {
	f.t.Helper()
	return f.do("POST", "/api/events", f.tokens.Roles[role], event, header...)
}

func (f *fixture) mustAs(role, event string, header ...string) session.Event {
	f.t.Helper()
	code, body := f.as(role, event, header...)
	if code != 200 {
		f.t.Fatalf("%s posts %s: %d %s", role, event, code, body)
	}
	var e session.Event
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		f.t.Fatal(err)
	}
	return e
}

// everyView is every page and answer a token can read, and its stream's
// first message: what a page of it may ever hold.
func (f *fixture) everyView(role string) string {
	f.t.Helper()
	tok, paths := f.tokens.Screen, []string{"/screen", "/api/screen"}
	switch role {
	case "":
	case "facilitator":
		tok, paths = f.tokens.Facilitator, []string{"/", "/api/state"}
	case "scribe":
		tok, paths = f.tokens.Scribe, []string{"/scribe", "/api/notes"}
	default:
		tok, paths = f.tokens.Roles[role], []string{"/play/" + role, "/api/play/" + role}
	}
	var all strings.Builder
	for _, p := range paths {
		_, body := f.do("GET", p, tok, "")
		all.WriteString(body)
	}
	all.WriteString(f.firstStreamEvent(tok))
	// A page carries its own token, to ask for its data with: any other
	// is a leak.
	return strings.ReplaceAll(all.String(), tok, "OWN-TOKEN")
}

// TestNoSpoilersInTheRoom: a role's page (its HTML, data and stream)
// holds its own ask and answer and no other role's; no page, the
// facilitator's included, holds a vote before its poll closes, only how
// many; a hidden text reaches the facilitator's page alone; the screen
// shows an answer only once the facilitator shows it.
func TestNoSpoilersInTheRoom(t *testing.T) {
	f := newFixture(t, "eu-db-latency")
	f.post(`{"kind":"start"}`)
	f.mustAs("ic", `{"kind":"ask","text":"ASK-OF-IC we check the replica lag"}`)
	f.mustAs("comms", `{"kind":"ask","text":"ASK-OF-COMMS the DPO's number"}`)
	answer := f.mustAs("comms", `{"kind":"answer","text":"ANSWER-OF-COMMS we post a status","round":1}`)
	hidden := f.mustAs("ic", `{"kind":"answer","text":"HIDDEN-ANSWER of ic"}`)
	f.post(`{"kind":"hide","event":` + itoa(hidden.Seq) + `}`)
	f.post(`{"kind":"poll","id":"failover","question":"Fail over now?","options":["FAIL-OVER","WAIT-IT-OUT"]}`)
	f.mustAs("ic", `{"kind":"vote","poll":"failover","option":"WAIT-IT-OUT","confidence":3}`)
	f.mustAs("oncall-db", `{"kind":"vote","poll":"failover","option":"FAIL-OVER"}`)
	views := map[string]string{}
	for _, who := range []string{"facilitator", "", "scribe", "ic", "comms", "oncall-db"} {
		views[who] = f.everyView(who)
	}
	for who, v := range views {
		for _, vote := range []string{`"results"`, `"top"`, `"agreement"`} {
			if strings.Contains(v, vote) {
				t.Errorf("%q holds %s of an open poll", who, vote)
			}
		}
		if who != "facilitator" && strings.Contains(v, "HIDDEN-ANSWER") {
			t.Errorf("%q holds a hidden text", who)
		}
		own := map[string][]string{"ic": {"ASK-OF-IC"}, "comms": {"ASK-OF-COMMS", "ANSWER-OF-COMMS"}, "facilitator": {"ASK-OF-IC", "ASK-OF-COMMS", "ANSWER-OF-COMMS"},
			"scribe": {"ASK-OF-IC", "ASK-OF-COMMS", "ANSWER-OF-COMMS"}}[who]
		for _, x := range []string{"ASK-OF-IC", "ASK-OF-COMMS", "ANSWER-OF-COMMS"} {
			if strings.Contains(v, x) != strings.Contains(strings.Join(own, " "), x) {
				t.Errorf("%q: holds %s is %v", who, x, strings.Contains(v, x))
			}
		}
	}
	if !strings.Contains(views["ic"], `"mine":"WAIT-IT-OUT"`) || strings.Contains(views["comms"], `"mine"`) || strings.Contains(views["oncall-db"], "WAIT-IT-OUT\"}") {
		t.Error("a role's page lacks its own vote, or holds another's")
	}
	f.post(`{"kind":"show","event":` + itoa(answer.Seq) + `}`)
	if !strings.Contains(f.everyView(""), "ANSWER-OF-COMMS") || strings.Contains(f.everyView("ic"), "ANSWER-OF-COMMS") {
		t.Error("a shown answer is not on the screen, or is on another role's page")
	}
	f.post(`{"kind":"poll-close","poll":"failover"}`)
	if screen := f.everyView(""); !strings.Contains(screen, `"agreement":50`) || !strings.Contains(screen, `"results"`) {
		t.Errorf("the screen lacks the closed poll's result: %s", screen)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// newFixtureOn is a console on a journal the test holds.
func newFixtureOn(t *testing.T, s *scenarios.Session, j *session.Journal) *fixture {
	t.Helper()
	tokens := newTokens(s)
	srv := httptest.NewServer(New(s, j, tokens, time.Now))
	t.Cleanup(srv.Close)
	return &fixture{t: t, s: s, srv: srv, tokens: tokens}
}

// TestRoleTokensPostAsTheirRole: a role's token posts the room's four
// kinds and nothing else, never naming a role or ballot; from another
// origin, with a text too long or with a control character, or past the
// rate, it is refused and nothing is written.
func TestRoleTokensPostAsTheirRole(t *testing.T) {
	f := newFixture(t, "eu-db-latency")
	f.post(`{"kind":"start"}`)
	f.post(`{"kind":"poll","id":"all","question":"Backups tested?","options":["yes","no"],"anonymous":true}`)
	for _, tc := range []struct {
		name, event string
		header      []string
		want        int
	}{
		{"a reveal", `{"kind":"reveal","clue":"c01"}`, nil, 403},
		{"a note", `{"kind":"note","text":"x"}`, nil, 403},
		{"another role", `{"kind":"ask","text":"x","role":"comms"}`, nil, 400},
		{"its own role named", `{"kind":"ask","text":"x","role":"ic"}`, nil, 400},
		{"a ballot", `{"kind":"vote","poll":"all","option":"yes","ballot":"0123456789abcdef0123456789abcdef"}`, nil, 400},
		{"a vote with no device", `{"kind":"vote","poll":"all","option":"yes"}`, nil, 400},
		{"a vote with a short device", `{"kind":"vote","poll":"all","option":"yes"}`, []string{"X-Device", "abc"}, 400},
		{"another origin", `{"kind":"ask","text":"x"}`, []string{"Origin", "http://evil.example"}, 403},
		{"a text too long", `{"kind":"ask","text":"` + strings.Repeat("x", 4001) + `"}`, nil, 400},
		{"a terminal escape", `{"kind":"answer","text":"a\u001b]0;x\u0007"}`, nil, 400},
		{"an unknown field", `{"kind":"feedback","worked":"x","device":"d"}`, nil, 400},
	} {
		if code, body := f.as("ic", tc.event, tc.header...); code != tc.want {
			t.Errorf("%s: %d %s, want %d", tc.name, code, body, tc.want)
		}
	}
	if _, st := f.do("GET", "/api/state", f.tokens.Facilitator, ""); !strings.Contains(st, `"seq":2,`) {
		t.Errorf("a refused event was written")
	}
	e := f.mustAs("ic", `{"kind":"ask","text":"x"}`)
	if e.Role != "ic" {
		t.Errorf("the console did not fill in the role: %+v", e)
	}
	var refused int
	for range noteBurst + 1 {
		if code, _ := f.as("comms", `{"kind":"answer","text":"again"}`); code == 429 {
			refused++
		}
	}
	if refused == 0 {
		t.Errorf("%d answers at once were all taken", noteBurst+1)
	}
}

// TestAnonymousLeavesNoTrace: an anonymous feedback and the ballots of
// a poll open to everyone keep no role, token or device: not in the
// journal, the record or any page's answer. Two devices of one role vote
// once each, a second vote replacing the first.
func TestAnonymousLeavesNoTrace(t *testing.T) {
	s, err := examples.LoadExample("eu-db-latency", nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "j.journal.jsonl")
	j, err := session.Open(s, path, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	f := newFixtureOn(t, s, j)
	f.post(`{"kind":"start"}`)
	f.post(`{"kind":"poll","id":"all","question":"Backups tested?","options":["yes","no"],"anonymous":true}`)
	devices := []string{"device-one-7f3a9c2e41b0", "device-two-0c8e5d1f9a36"}
	f.mustAs("ic", `{"kind":"vote","poll":"all","option":"yes"}`, "X-Device", devices[0])
	f.mustAs("ic", `{"kind":"vote","poll":"all","option":"no"}`, "X-Device", devices[1])
	f.mustAs("ic", `{"kind":"vote","poll":"all","option":"no"}`, "X-Device", devices[0])
	if code, _ := f.as("ic", `{"kind":"vote","poll":"all","option":"no"}`); code != 400 {
		t.Error("a vote without a device was taken")
	}
	fb := f.mustAs("comms", `{"kind":"feedback","worked":"the runbook","broke":"paging","score":4}`)
	if fb.Role != "" {
		t.Errorf("an anonymous feedback keeps its role: %+v", fb)
	}
	f.post(`{"kind":"poll-close","poll":"all"}`)
	var all strings.Builder
	for _, who := range []string{"facilitator", "", "scribe", "ic", "comms"} {
		all.WriteString(f.everyView(who))
	}
	journal, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	all.Write(journal)
	all.Write(j.State().Record())
	secret := append([]string{f.tokens.Facilitator, f.tokens.Screen, f.tokens.Scribe, f.tokens.Ballots}, devices...)
	for _, tok := range f.tokens.Roles {
		secret = append(secret, tok)
	}
	for _, x := range secret {
		if strings.Contains(all.String(), x) {
			t.Errorf("%.12s… is in a file or an answer", x)
		}
	}
	for _, line := range strings.Split(string(journal), "\n") {
		if strings.Contains(line, `"kind":"feedback"`) && strings.Contains(line, `"role"`) ||
			strings.Contains(line, `"kind":"vote"`) && strings.Contains(line, `"role"`) {
			t.Errorf("an anonymous event says whose it is: %s", line)
		}
	}
	_, screen := f.do("GET", "/api/screen", f.tokens.Screen, "")
	if !strings.Contains(screen, `"votes":2`) || !strings.Contains(screen, `{"option":"no","votes":2}`) {
		t.Errorf("two devices, their last votes: %s", screen)
	}
}

// TestAskStatusesLabelled: each way an ask is answered has its words in
// every language, which the page's script looks up.
func TestAskStatusesLabelled(t *testing.T) {
	t.Parallel()
	script, _ := staticFS.ReadFile("static/app.js")
	for _, lang := range vocab.Language.Values {
		w := text.Load[consoleWords](lang, "console")
		for _, v := range vocab.AskAnswer.Values {
			if w.AskStatus[v] == "" {
				t.Errorf("%s: no words for an ask %s", lang, v)
			}
		}
	}
	// "card" and "no-card" are a class and an id of the page too: the
	// script never compares an ask's status with a value.
	if strings.Contains(string(script), ".status ==") || strings.Contains(string(script), ".status !=") {
		t.Error("app.js compares an ask's status with a value it spells")
	}
}
