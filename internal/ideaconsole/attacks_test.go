package ideaconsole

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/ideas"
)

// send is a raw request, with headers, a Host and a body as an attacker
// would send them; it answers the status and the body.
func (r *room) send(method, path, tok, body string, header map[string]string, host string) (int, string) {
	r.t.Helper()
	req, _ := http.NewRequest(method, r.http.URL+path, strings.NewReader(body))
	if tok != "" {
		req.Header.Set("X-Token", tok)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	if host != "" {
		req.Host = host
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer res.Body.Close()
	var out bytes.Buffer
	_, _ = out.ReadFrom(res.Body)
	return res.StatusCode, out.String()
}

// files are the journal's and the tokens' bytes, to show that a refusal
// stored nothing.
func (r *room) files() string {
	f := ideas.FilesOf(r.srv.j.Path())
	j, _ := os.ReadFile(f.Journal)
	d, _ := os.ReadFile(f.Devices)
	return string(j) + "\x00" + string(d)
}

// refused sends each attack and checks its status, and that neither the
// journal nor the tokens' file changed.
type attack struct {
	name, method, path, tok, body string
	header                        map[string]string
	host                          string
	want                          int
}

func (r *room) refused(t *testing.T, attacks []attack) {
	t.Helper()
	for _, a := range attacks {
		before := r.files()
		method := a.method
		if method == "" {
			method = "POST"
		}
		path := a.path
		if path == "" {
			path = "/api/events"
		}
		if got, body := r.send(method, path, a.tok, a.body, a.header, a.host); got != a.want {
			t.Errorf("%s: %d %s, want %d", a.name, got, body, a.want)
		}
		if r.files() != before {
			t.Errorf("%s: stored something", a.name)
		}
	}
}

// TestHostileTextsAreRefused: texts over their bounds, control
// characters, terminal escapes, bidi overrides and zero-width characters
// in every text field are refused, 400, and nothing is journaled.
func TestHostileTextsAreRefused(t *testing.T) {
	t.Parallel()
	r := openRoom(t, "en")
	fac, phone := r.srv.reg.File.Facilitator, r.join()
	r.post(fac, map[string]any{"kind": "phase", "phase": "writing"})
	idea := func(s string) string { return `{"kind":"idea","text":"` + s + `"}` }
	attacks := []attack{
		{name: "501 characters", tok: phone, body: idea(strings.Repeat("é", 501)), want: 400},
		{name: "spaces only", tok: phone, body: idea(" \\n\\t "), want: 400},
		{name: "a terminal escape", tok: phone, body: idea(`\u001b[31mred`), want: 400},
		{name: "NUL", tok: phone, body: idea(`a\u0000b`), want: 400},
		{name: "a carriage return", tok: phone, body: idea(`a\rb`), want: 400},
		{name: "a right-to-left override", tok: phone, body: idea("gpj.\u202eexe"), want: 400},
		{name: "a bidi isolate", tok: phone, body: idea("a\u2067b"), want: 400},
		{name: "a zero-width space", tok: phone, body: idea("DN\u200bS"), want: 400},
		{name: "a zero-width joiner", tok: phone, body: idea("DN\u200dS"), want: 400},
		{name: "a byte-order mark", tok: phone, body: idea("\ufeffDNS"), want: 400},
		{name: "invalid UTF-8", tok: phone, body: idea("a\xffb"), want: 400},
		{name: "a body over 16 KB", tok: phone, body: idea(strings.Repeat("a", 17<<10)), want: 413},
		{name: "not JSON", tok: phone, body: `{"kind":"idea",`, want: 400},
		{name: "two events", tok: phone, body: idea("a") + idea("b"), want: 400},
		{name: "the server's id", tok: phone, body: `{"kind":"idea","text":"a","id":"i00000000"}`, want: 400},
		{name: "a seq", tok: phone, body: `{"kind":"idea","text":"a","seq":99}`, want: 400},
		{name: "an author", tok: phone, body: `{"kind":"idea","text":"a","author":"me"}`, want: 400},
		{name: "a field again in capitals", tok: phone, body: `{"kind":"idea","text":"a","TEXT":"b"}`, want: 400},
		{name: "a kind in capitals", tok: phone, body: `{"KIND":"idea","text":"a"}`, want: 400},
		{name: "a number past any int", tok: fac, body: `{"kind":"phase","phase":"writing","timer":1e400}`, want: 400},
		{name: "a timer too long", tok: fac, body: `{"kind":"phase","phase":"writing","timer":14401}`, want: 400},
	}
	r.refused(t, attacks)
	id := r.post(phone, map[string]any{"kind": "idea", "text": "ok"}).ID
	for _, p := range []string{"reveal", "group"} {
		r.post(fac, map[string]any{"kind": "phase", "phase": p})
	}
	group := func(title string) string { return `{"kind":"group","title":"` + title + `","ideas":["` + id + `"]}` }
	r.refused(t, []attack{
		{name: "a title of two lines", tok: fac, body: group(`a\nb`), want: 400},
		{name: "a title over 200", tok: fac, body: group(strings.Repeat("a", 201)), want: 400},
		{name: "a title with an override", tok: fac, body: group("a\u202eb"), want: 400},
	})
	g := r.post(fac, map[string]any{"kind": "group", "title": "ok", "ideas": []string{id}}).ID
	for _, p := range []string{"vote", "place", "pick"} {
		r.post(fac, map[string]any{"kind": "phase", "phase": p})
	}
	pick := func(owner, signal string) string {
		return `{"kind":"pick","target":"` + g + `","owner":"` + owner + `","signals":["` + signal + `"]}`
	}
	r.refused(t, []attack{
		{name: "an owner with a zero-width space", tok: fac, body: pick("Da\u200bna", "s"), want: 400},
		{name: "an owner with an escape", tok: fac, body: pick(`\u001b]0;x\u0007`, "s"), want: 400},
		{name: "a signal of two lines", tok: fac, body: pick("Dana", `a\nb`), want: 400},
		{name: "an empty signal", tok: fac, body: pick("Dana", " "), want: 400},
		{name: "a signal with an isolate", tok: fac, body: pick("Dana", "a\u2066b"), want: 400},
		{name: "eleven signals", tok: fac, body: `{"kind":"pick","target":"` + g + `","signals":["1","2","3","4","5","6","7","8","9","10","11"]}`, want: 400},
		{name: "a due that is no date", tok: fac, body: `{"kind":"pick","target":"` + g + `","due":"2027-02-30"}`, want: 400},
	})
}

// TestMarkupStaysText: HTML, script, a CSV formula and TOML in every text
// field are stored as typed, served as JSON that no page parses as HTML,
// and written by the end as text: the record reads back with them.
func TestMarkupStaysText(t *testing.T) {
	t.Parallel()
	r := openRoom(t, "en")
	fac, phone := r.srv.reg.File.Facilitator, r.join()
	script := `<script>alert(1)</script><img src=x onerror=alert(2)>`
	texts := []string{script, `=HYPERLINK("http://evil.example","x")`, "\"\"\"\n[[ideas]]\nid = \"x\"", "# heading\n[link](javascript:alert(3))"}
	r.post(fac, map[string]any{"kind": "phase", "phase": "writing"})
	var ids []string
	for _, tx := range texts {
		ids = append(ids, r.post(phone, map[string]any{"kind": "idea", "text": tx}).ID)
	}
	for _, p := range []string{"reveal", "group"} {
		r.post(fac, map[string]any{"kind": "phase", "phase": p})
	}
	g := r.post(fac, map[string]any{"kind": "group", "title": script, "ideas": ids[:2]}).ID
	for _, p := range []string{"vote", "place", "pick"} {
		r.post(fac, map[string]any{"kind": "phase", "phase": p})
	}
	r.post(fac, map[string]any{"kind": "pick", "target": g, "owner": script, "signals": []string{script, `=1+1`}})
	r.post(fac, map[string]any{"kind": "pick", "target": ids[2], "owner": `"]] x = 1`})
	r.post(fac, map[string]any{"kind": "end"})
	view := r.do("GET", "/api/view", r.srv.reg.File.Screen, nil, http.StatusOK)
	if bytes.Contains(view, []byte("<script")) || !bytes.Contains(view, []byte(`\u003cscript`)) {
		t.Errorf("the view: %.300s", view)
	}
	if bytes.Contains(r.answers.Bytes(), []byte("<img")) {
		t.Error("an answer holds markup unescaped")
	}
	out := ideas.FilesOf(r.srv.j.Path()).Out
	md, err := os.ReadFile(filepath.Join(out, "summary.md"))
	if err != nil {
		t.Fatal(err)
	}
	// mdw escapes what would start markup with a backslash: what is
	// left unescaped would be HTML, a link or a heading.
	for _, bad := range []*regexp.Regexp{regexp.MustCompile(`(^|[^\\])<`), regexp.MustCompile(`[^\\]\]\(`), regexp.MustCompile(`(?m)^# heading`)} {
		if loc := bad.FindIndex(md); loc != nil {
			t.Errorf("summary.md holds %q unescaped: %q", bad, md[max(0, loc[0]-40):loc[1]])
		}
	}
}

// TestEachPageWritesOnlyItsOwn: a phone cannot post the facilitator's
// events, the facilitator cannot post a phone's (nor so vote or write as
// the room), the screen and the join link post nothing; 403, nothing
// stored.
func TestEachPageWritesOnlyItsOwn(t *testing.T) {
	t.Parallel()
	r := openRoom(t, "en")
	f := r.srv.reg.File
	phone := r.join()
	var attacks []attack
	for _, e := range []string{`{"kind":"phase","phase":"writing"}`, `{"kind":"reveal"}`, `{"kind":"hide","target":"i1"}`, `{"kind":"place","target":"i1","impact":1,"likelihood":1}`, `{"kind":"pick","target":"i1"}`, `{"kind":"end"}`, `{"kind":"group","title":"x","ideas":[]}`} {
		attacks = append(attacks, attack{name: "a phone's " + e, tok: phone, body: e, want: 403})
	}
	for _, e := range []string{`{"kind":"idea","text":"a"}`, `{"kind":"vote","target":"i1"}`, `{"kind":"done"}`} {
		attacks = append(attacks, attack{name: "the facilitator's " + e, tok: f.Facilitator, body: e, want: 403})
	}
	for _, tok := range []string{f.Screen, f.Join} {
		attacks = append(attacks, attack{name: "a page's idea", tok: tok, body: `{"kind":"idea","text":"a"}`, want: 403},
			attack{name: "a page's phase", tok: tok, body: `{"kind":"phase","phase":"writing"}`, want: 403})
	}
	attacks = append(attacks, attack{name: "a join by a phone", path: "/api/join", tok: phone, body: `{}`, want: 403},
		attack{name: "a join by the facilitator", path: "/api/join", tok: f.Facilitator, body: `{}`, want: 403},
		attack{name: "an unknown kind", tok: phone, body: `{"kind":"author"}`, want: 400})
	r.refused(t, attacks)
}

// TestEventsOutOfPhaseAreRefused: every kind at a phase not its own, a
// phase gone back to, ids no idea or group has; 400, nothing stored.
func TestEventsOutOfPhaseAreRefused(t *testing.T) {
	t.Parallel()
	r := openRoom(t, "en")
	fac, phone := r.srv.reg.File.Facilitator, r.join()
	r.post(fac, map[string]any{"kind": "phase", "phase": "writing"})
	id := r.post(phone, map[string]any{"kind": "idea", "text": "one"}).ID
	early := []attack{
		{name: "a vote while writing", tok: phone, body: `{"kind":"vote","target":"` + id + `"}`, want: 400},
		{name: "a hide while writing", tok: fac, body: `{"kind":"hide","target":"` + id + `"}`, want: 400},
		{name: "a place while writing", tok: fac, body: `{"kind":"place","target":"` + id + `","impact":1,"likelihood":1}`, want: 400},
		{name: "a pick while writing", tok: fac, body: `{"kind":"pick","target":"` + id + `"}`, want: 400},
		{name: "an end with no pick", tok: fac, body: `{"kind":"end"}`, want: 400},
	}
	r.refused(t, early)
	r.post(fac, map[string]any{"kind": "phase", "phase": "reveal"})
	r.refused(t, []attack{
		{name: "an idea after writing", tok: phone, body: `{"kind":"idea","text":"late"}`, want: 400},
		{name: "a hide of no idea", tok: fac, body: `{"kind":"hide","target":"i00000000"}`, want: 400},
		{name: "a phase gone back to", tok: fac, body: `{"kind":"phase","phase":"writing"}`, want: 400},
	})
	r.post(fac, map[string]any{"kind": "reveal"})
	r.refused(t, []attack{{name: "a hide after the reveal", tok: fac, body: `{"kind":"hide","target":"` + id + `"}`, want: 400}})
	for _, p := range []string{"group", "vote"} {
		r.post(fac, map[string]any{"kind": "phase", "phase": p})
	}
	r.refused(t, []attack{
		{name: "a vote for no idea", tok: phone, body: `{"kind":"vote","target":"g00000000"}`, want: 400},
		{name: "a vote for an empty target", tok: phone, body: `{"kind":"vote"}`, want: 400},
		{name: "a group while voting", tok: fac, body: `{"kind":"group","title":"late","ideas":["` + id + `"]}`, want: 400},
	})
	r.post(fac, map[string]any{"kind": "phase", "phase": "place"})
	r.refused(t, []attack{
		{name: "a vote after the vote", tok: phone, body: `{"kind":"vote","target":"` + id + `"}`, want: 400},
		{name: "a place off the grid", tok: fac, body: `{"kind":"place","target":"` + id + `","impact":4,"likelihood":1}`, want: 400},
		{name: "a place of no idea", tok: fac, body: `{"kind":"place","target":"i00000000","impact":1,"likelihood":1}`, want: 400},
	})
}

// TestDotsHoldUnderARush: a device's posts all at once give exactly its
// dots, and many devices at once each theirs (run with -race).
func TestDotsHoldUnderARush(t *testing.T) {
	t.Parallel()
	r := openRoom(t, "en")
	r.srv.Stack = true
	fac := r.srv.reg.File.Facilitator
	phones := []string{r.join(), r.join(), r.join()}
	r.post(fac, map[string]any{"kind": "phase", "phase": "writing"})
	id := r.post(phones[0], map[string]any{"kind": "idea", "text": "one"}).ID
	for _, p := range []string{"reveal", "group", "vote"} {
		r.post(fac, map[string]any{"kind": "phase", "phase": p})
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok := map[string]int{}
	for _, p := range phones {
		for range 12 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				req, _ := http.NewRequestWithContext(context.Background(), "POST", r.http.URL+"/api/events", strings.NewReader(`{"kind":"vote","target":"`+id+`"}`))
				req.Header.Set("X-Token", p)
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				res.Body.Close()
				mu.Lock()
				defer mu.Unlock()
				if res.StatusCode == http.StatusOK {
					ok[p]++
				} else if res.StatusCode != http.StatusBadRequest {
					t.Errorf("a dot: %d", res.StatusCode)
				}
			}()
		}
	}
	wg.Wait()
	for _, p := range phones {
		if ok[p] != 3 {
			t.Errorf("a device gave %d dots", ok[p])
		}
	}
	if n := r.srv.j.State().Votes[id]; n != 9 {
		t.Errorf("%d dots journaled", n)
	}
}

// TestAHostileNetworkIsRefused: a foreign origin, a rebound Host, guessed
// tokens and too many streams are refused before anything is read or
// stored.
func TestAHostileNetworkIsRefused(t *testing.T) {
	t.Parallel()
	r := openRoom(t, "en")
	f := r.srv.reg.File
	phone := r.join()
	r.post(f.Facilitator, map[string]any{"kind": "phase", "phase": "writing"})
	idea := `{"kind":"idea","text":"a"}`
	host := strings.TrimPrefix(r.http.URL, "http://")
	guesses := []string{phone[:len(phone)-1], strings.ToUpper(phone), phone + "0", f.Facilitator[:16], "0", strings.Repeat("0", len(phone))}
	attacks := []attack{
		{name: "a foreign origin", tok: phone, body: idea, header: map[string]string{"Origin": "http://evil.example"}, want: 403},
		{name: "an origin on another port", tok: phone, body: idea, header: map[string]string{"Origin": "http://127.0.0.1:1"}, want: 403},
		{name: "a null origin", tok: phone, body: idea, header: map[string]string{"Origin": "null"}, want: 403},
		{name: "a cross-site fetch", tok: phone, body: idea, header: map[string]string{"Sec-Fetch-Site": "cross-site"}, want: 403},
		{name: "a foreign origin joining", path: "/api/join", tok: f.Join, body: `{}`, header: map[string]string{"Origin": "http://evil.example"}, want: 403},
		{name: "a rebound host", tok: phone, body: idea, host: "evil.example:" + host[strings.LastIndex(host, ":")+1:], want: 421},
		{name: "a rebound host reading", method: "GET", path: "/api/view", tok: f.Facilitator, host: "evil.example", want: 421},
		{name: "no token", body: idea, want: 401},
	}
	for _, g := range guesses {
		attacks = append(attacks, attack{name: "a guessed token " + g, tok: g, body: idea, want: 401})
	}
	r.refused(t, attacks)
	var streams []*stream
	for range perToken {
		s := r.stream(phone)
		s.until(t, 0)
		streams = append(streams, s)
	}
	if got, _ := r.send("GET", "/api/stream", phone, "", nil, ""); got != http.StatusTooManyRequests {
		t.Errorf("a stream past %d: %d", perToken, got)
	}
	_ = streams
	r.srv.changes.Bound(perToken, len(streams)+1) // room for one stream more
	r.stream(f.Screen).until(t, 0)
	if got, _ := r.send("GET", "/api/stream", f.Facilitator, "", nil, ""); got != http.StatusTooManyRequests {
		t.Errorf("a stream past the room's bound: %d", got)
	}
}

// TestJoinsAreBounded: the join link's posts share one bucket, answered
// 429 with Retry-After past it, and the room holds at most maxDevices.
func TestJoinsAreBounded(t *testing.T) {
	t.Parallel()
	r := openRoom(t, "en")
	r.srv.now = func() time.Time { return time.Date(2026, 12, 6, 20, 0, 0, 0, time.UTC) } // no time passes
	devices := func() int {
		var v pageView
		_ = json.Unmarshal(r.do("GET", "/api/view", r.srv.reg.File.Screen, nil, http.StatusOK), &v)
		return v.Count.Devices
	}
	if n := devices(); n != 0 {
		t.Errorf("%d devices before any joined", n)
	}
	for range 20 {
		r.join()
	}
	// The room's view is kept from one event to the next; the devices
	// that joined meanwhile are counted all the same.
	if n := devices(); n != 20 {
		t.Errorf("%d devices after 20 joined", n)
	}
	before := r.files()
	req, _ := http.NewRequest("POST", r.http.URL+"/api/join", strings.NewReader("{}"))
	req.Header.Set("X-Token", r.srv.reg.File.Join)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Errorf("the 21st join at once: %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	if r.files() != before {
		t.Error("a refused join stored a device")
	}
}
