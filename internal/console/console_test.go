package console

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/session"
	"github.com/propdeck/propdeck/internal/written"
)

// fixture is a console on a test server, its scenario and its tokens.
type fixture struct {
	t      *testing.T
	s      *scenarios.Session
	srv    *httptest.Server
	tokens Tokens
}

func newFixture(t *testing.T, example string, edit ...func(*written.Scenario)) *fixture {
	t.Helper()
	s, err := examples.LoadExample(example, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range edit {
		s = s.Edited(e)
	}
	j, err := session.Open(s, filepath.Join(t.TempDir(), "j.jsonl"), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	tokens := newTokens(s)
	srv := httptest.NewServer(New(s, j, tokens, time.Now))
	t.Cleanup(srv.Close)
	return &fixture{t: t, s: s, srv: srv, tokens: tokens}
}

func (f *fixture) do(method, path, token, body string, header ...string) (int, string) {
	f.t.Helper()
	req, _ := http.NewRequest(method, f.srv.URL+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("X-Token", token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(data)
}

func (f *fixture) post(event string) {
	f.t.Helper()
	if code, body := f.do("POST", "/api/events", f.tokens.Facilitator, event); code != 200 {
		f.t.Fatalf("%s: %d %s", event, code, body)
	}
}

// TestTokensOpenOnlyTheirView: no token opens nothing, static files
// included; a player's token opens its own view only; a screen's the
// screen only; neither can read the state or post an event.
func TestTokensOpenOnlyTheirView(t *testing.T) {
	f := newFixture(t, "eu-db-latency")
	ic, comms := f.tokens.Roles["ic"], f.tokens.Roles["comms"]
	for _, tc := range []struct {
		method, path, token string
		want                int
	}{
		{"GET", "/", "", 401}, {"GET", "/static/app.js", "", 401}, {"GET", "/api/state", "", 401},
		{"GET", "/api/state", "0123456789abcdef0123456789abcdef", 401},
		{"GET", "/", f.tokens.Facilitator, 200}, {"GET", "/static/app.js", ic, 200},
		{"GET", "/api/state", ic, 403}, {"GET", "/api/state", f.tokens.Screen, 403},
		{"POST", "/api/events", ic, 403}, {"POST", "/api/events", f.tokens.Screen, 403},
		{"GET", "/api/play/ic", ic, 200}, {"GET", "/api/play/comms", ic, 403}, {"GET", "/play/comms", ic, 403},
		{"GET", "/api/play/comms", comms, 200}, {"GET", "/api/screen", ic, 403}, {"GET", "/api/screen", f.tokens.Screen, 200},
		{"GET", "/screen", f.tokens.Screen, 200}, {"GET", "/", f.tokens.Screen, 403},
		{"GET", "/api/play/nobody", f.tokens.Facilitator, 404},
	} {
		if code, _ := f.do(tc.method, tc.path, tc.token, `{"kind":"start"}`); code != tc.want {
			t.Errorf("%s %s with %.8s…: %d, want %d", tc.method, tc.path, tc.token, code, tc.want)
		}
	}
	if code, _ := f.do("GET", "/api/play/ic?token="+ic, "", ""); code != 200 {
		t.Errorf("a token in the query: %d", code)
	}
}

// TestStateChangesNeedTheOrigin: a page of another origin cannot post, a
// body over 64 KB is refused, a wrong event is 400; none writes a line.
func TestStateChangesNeedTheOrigin(t *testing.T) {
	f := newFixture(t, "eu-db-latency")
	fac := f.tokens.Facilitator
	if code, _ := f.do("POST", "/api/events", fac, `{"kind":"start"}`, "Origin", "http://evil.example"); code != 403 {
		t.Errorf("another origin: %d", code)
	}
	if code, _ := f.do("POST", "/api/events", fac, `{"kind":"start"}`, "Sec-Fetch-Site", "cross-site"); code != 403 {
		t.Errorf("a cross-site fetch: %d", code)
	}
	big := `{"kind":"note","text":"` + strings.Repeat("x", 70<<10) + `"}`
	if code, _ := f.do("POST", "/api/events", fac, big); code != 413 {
		t.Errorf("a 70 KB body: %d", code)
	}
	if code, body := f.do("POST", "/api/events", fac, `{"kind":"reveal","clue":"c01"}`); code != 400 || !strings.Contains(body, "not started") {
		t.Errorf("a card before the start: %d %s", code, body)
	}
	origin := strings.Replace(f.srv.URL, "127.0.0.1", "127.0.0.1", 1)
	if code, _ := f.do("POST", "/api/events", fac, `{"kind":"start"}`, "Origin", origin); code != 200 {
		t.Errorf("the console's own origin: %d", code)
	}
	_, state := f.do("GET", "/api/state", fac, "")
	if !strings.Contains(state, `"seq":1`) {
		t.Errorf("refused events were written: %s", state)
	}
}

// TestHeadersAndEscaping: every answer forbids inline script and other
// origins, and outside text reaches the page as text.
func TestHeadersAndEscaping(t *testing.T) {
	f := newFixture(t, "eu-db-latency", func(w *written.Scenario) { w.Scenario.Title = `<script>alert(1)</script>` })
	res, err := http.Get(f.srv.URL + "/?token=" + f.tokens.Facilitator)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	page, _ := io.ReadAll(res.Body)
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || res.Header.Get("Referrer-Policy") != "no-referrer" {
		t.Errorf("headers %v", res.Header)
	}
	if strings.Contains(string(page), "<script>alert") || !strings.Contains(string(page), "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the title is not escaped:\n%s", page)
	}
}

// secrets are the strings of a scenario no player or screen may see
// before the facilitator hands a card out: notes, conditions, expected
// actions, on-request and future cards, complications.
func secrets(s *scenarios.Session, handed map[string]bool) []string {
	var out []string
	for _, c := range s.Clues() {
		out = append(out, c.Note, c.When)
		if !handed[c.ID] {
			out = append(out, c.Title, c.Body, c.Ask)
		}
	}
	for _, r := range s.Rounds() {
		for _, x := range r.Expect {
			out = append(out, x.Action)
		}
	}
	for _, c := range s.ComplicationCards() {
		out = append(out, c.Title, c.Body)
	}
	var kept []string
	for _, x := range out {
		if len(x) > 6 {
			kept = append(kept, x)
		}
	}
	return kept
}

// TestNoSpoilers: everything a player or screen token can reach, pages,
// data, the fonts' style sheet and the stream, holds no secret; a card
// handed out to a role reaches that role's view, not another's. Of two
// complications drawn, the one the facilitator shows is on the screen
// (and in no player's view); the other, and those not drawn, nowhere. A
// role's ask that matches an on-request card leaves the card (the
// facilitator's suggestion) off the role's page; see also
// TestNoSpoilersInTheRoom.
func TestNoSpoilers(t *testing.T) {
	for _, example := range []string{"eu-db-latency", "dns-change-ko"} {
		f := newFixture(t, example)
		f.post(`{"kind":"start"}`)
		handed := map[string]bool{}
		for _, rv := range f.s.Timeline().Of(written.Timed)[:2] {
			f.post(`{"kind":"reveal","clue":"` + rv.Clue.ID + `"}`)
			handed[rv.Clue.ID] = true
		}
		deck := f.s.ComplicationCards()
		f.post(`{"kind":"complication","card":"` + deck[0].ID + `"}`)
		f.post(`{"kind":"complication","card":"` + deck[1].ID + `"}`)
		f.post(`{"kind":"show","card":"` + deck[0].ID + `"}`)
		// The room talks: an ask whose words match an on-request card
		// not handed out (the facilitator's suggestion, which no other
		// page may learn), an answer, a poll voted on.
		req := f.s.Timeline().Of(written.OnRequest)[0].Clue
		role := f.s.Roles()[0].ID
		word := ""
		for _, w := range strings.Fields(req.Ask) {
			if len(w) > len(word) {
				word = w
			}
		}
		f.as(role, `{"kind":"ask","text":"`+word+`?"}`)
		f.as(role, `{"kind":"answer","text":"we wait"}`)
		f.post(`{"kind":"poll","id":"p","question":"now?","options":["yes","no"]}`)
		f.as(role, `{"kind":"vote","poll":"p","option":"yes"}`)
		secret := secrets(f.s, handed)
		views := map[string]string{"/api/screen": f.tokens.Screen, "/screen": f.tokens.Screen, "/static/app.js": f.tokens.Screen,
			"/fonts/faces.css": f.tokens.Screen}
		for role, tok := range f.tokens.Roles {
			views["/api/play/"+role] = tok
			views["/play/"+role] = tok
		}
		for path, tok := range views {
			_, body := f.do("GET", path, tok, "")
			body += f.firstStreamEvent(tok)
			for _, x := range secret {
				if strings.Contains(body, x) && !(tok == f.tokens.Screen && (x == deck[0].Title || x == deck[0].Body)) {
					t.Errorf("%s %s shows the secret %q", example, path, x)
				}
			}
		}
		if _, body := f.do("GET", "/api/screen", f.tokens.Screen, ""); !strings.Contains(body, deck[0].Title) {
			t.Errorf("%s: the screen does not show the complication shown", example)
		}
	}
}

// firstStreamEvent reads the first server-sent event a token gets.
func (f *fixture) firstStreamEvent(tok string) string {
	f.t.Helper()
	ctx, cancel := untilDeadline(f.t)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", f.srv.URL+"/api/stream?token="+tok, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	line, err := bufio.NewReader(res.Body).ReadString('\n')
	if err != nil {
		f.t.Fatal(err)
	}
	return line
}

// TestCardImagesOnlyForTheirViews: a card's image opens for a view only
// once the card is handed out to it; otherwise it is as missing as a card
// that does not exist.
func TestCardImagesOnlyForTheirViews(t *testing.T) {
	f := newFixture(t, "eu-db-latency")
	f.post(`{"kind":"start"}`)
	var forIC, forAll string
	for _, rv := range f.s.Timeline().Of(written.Timed) {
		c := rv.Clue
		if c.To == nil && forAll == "" {
			forAll = c.ID
		}
		if len(c.To) == 1 && c.To[0] == "ic" && forIC == "" {
			forIC = c.ID
		}
	}
	if forIC == "" || forAll == "" {
		t.Skip("the example has no card for ic alone and one for everyone")
	}
	for _, id := range []string{forIC, forAll} {
		if code, _ := f.do("GET", "/api/card/"+id, f.tokens.Roles["ic"], ""); code != 404 {
			t.Errorf("%s before it is handed out: %d", id, code)
		}
		f.post(`{"kind":"reveal","clue":"` + id + `"}`)
	}
	for _, tc := range []struct {
		id, token string
		want      int
	}{
		{forIC, f.tokens.Roles["ic"], 200}, {forIC, f.tokens.Roles["comms"], 404}, {forIC, f.tokens.Screen, 404},
		{forAll, f.tokens.Roles["comms"], 200}, {forAll, f.tokens.Screen, 200}, {"nope", f.tokens.Facilitator, 404},
	} {
		code, body := f.do("GET", "/api/card/"+tc.id, tc.token, "")
		if code != tc.want || code == 200 && !strings.HasPrefix(body, "<?xml") {
			t.Errorf("%s: %d, want %d", tc.id, code, tc.want)
		}
	}
}

// TestTheScribeWritesNotesOnly: the scribe's page, on a second device,
// reads the notes and writes notes and decisions, and nothing else.
func TestTheScribeWritesNotesOnly(t *testing.T) {
	f := newFixture(t, "eu-db-latency")
	f.post(`{"kind":"start"}`)
	sc := f.tokens.Scribe
	for _, tc := range []struct {
		method, path, body string
		want               int
	}{
		{"GET", "/scribe", "", 200}, {"GET", "/api/notes", "", 200}, {"GET", "/api/state", "", 403}, {"GET", "/", "", 403},
		{"POST", "/api/events", `{"kind":"note","tag":"ownership","text":"who owns the CDN?"}`, 200},
		{"POST", "/api/events", `{"kind":"decision","text":"page the vendor","who":"ic"}`, 200},
		{"POST", "/api/events", `{"kind":"reveal","clue":"c01"}`, 403},
		{"POST", "/api/events", `{"kind":"pause"}`, 403},
	} {
		if code, body := f.do(tc.method, tc.path, sc, tc.body); code != tc.want {
			t.Errorf("%s %s %s: %d %s, want %d", tc.method, tc.path, tc.body, code, body, tc.want)
		}
	}
	if _, notes := f.do("GET", "/api/notes", sc, ""); !strings.Contains(notes, "who owns the CDN?") || strings.Contains(notes, "c01") {
		t.Errorf("the scribe's data: %s", notes)
	}
}

// TestPageKnowsWhereTheStoryJumps: the facilitator's page carries each
// round's start and the story's time there, for its story clock.
func TestPageKnowsWhereTheStoryJumps(t *testing.T) {
	f := newFixture(t, "split-brain-failover")
	code, body := f.do("GET", "/", f.tokens.Facilitator, "")
	// Round 3 starts at T+45m (2,700,000 ms) with the story at T+4h.
	if code != 200 || !strings.Contains(body, `data-jumps="[[0,0],[1200000,1200000],[2700000,14400000],[4200000,36000000]]"`) {
		t.Errorf("%d: the page's jumps are not the rounds' clocks:\n%s", code, body[:min(len(body), 600)])
	}
}

// TestCardForOneRole: a card handed to one role is in the facilitator's
// cards handed out and that role's hand, in that role's view, and in no
// other page's data; a card for everyone is in every page's.
func TestCardForOneRole(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "eu-db-latency")
	f.post(`{"kind":"start"}`)
	f.post(`{"kind":"reveal","clue":"c01"}`) // oncall-db's alone
	f.post(`{"kind":"reveal","clue":"c09"}`) // everyone's
	one, all := "orders-db p99 latency above 2 s", "Status page draft from comms"
	for _, tc := range []struct {
		path, token string
		shows       bool
	}{
		{"/api/state", f.tokens.Facilitator, true},
		{"/api/play/oncall-db", f.tokens.Roles["oncall-db"], true},
		{"/api/play/comms", f.tokens.Roles["comms"], false},
		{"/api/screen", f.tokens.Screen, false},
	} {
		code, body := f.do("GET", tc.path, tc.token, "")
		if code != 200 || strings.Contains(body, one) != tc.shows || !strings.Contains(body, all) {
			t.Errorf("%s: %d; shows %q: %v, want %v; shows %q: %v", tc.path, code, one, !tc.shows, tc.shows, all, strings.Contains(body, all))
		}
	}
	_, state := f.do("GET", "/api/state", f.tokens.Facilitator, "")
	var v struct {
		Cards  []struct{ ID string }
		ByRole []struct {
			Role  string
			Holds []struct{ ID string }
		}
	}
	if err := json.Unmarshal([]byte(state), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Cards) != 2 || v.Cards[0].ID != "c01" || len(v.ByRole) != len(f.s.Roles()) {
		t.Errorf("the facilitator's cards %v, hands %v", v.Cards, v.ByRole)
	}
	for _, h := range v.ByRole {
		if want := map[bool]int{true: 2, false: 1}[h.Role == "oncall-db"]; len(h.Holds) != want {
			t.Errorf("%s holds %v, want %d cards", h.Role, h.Holds, want)
		}
	}
}
