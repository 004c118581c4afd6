package ideaconsole

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/ideas"
	"github.com/propdeck/propdeck/internal/premortem"
)

// room is a premortem served over httptest, with every answer kept.
type room struct {
	t       *testing.T
	srv     *Server
	http    *httptest.Server
	dir     string
	answers bytes.Buffer
}

func openRoom(t *testing.T, lang string) *room {
	t.Helper()
	dir := t.TempDir()
	j, err := ideas.Open(filepath.Join(dir, "p.ideas.jsonl"), lang, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Close() })
	kit := ideas.Room{Lang: lang, Prompt: "Six months from now: how did it fail?", Rules: []string{"No blame."}, Themes: []string{"Monitoring gaps"}, Dots: 3}
	srv, err := New(Config{Journal: j, Room: kit, Cards: premortem.Cards(lang), Now: time.Now})
	if err != nil {
		t.Fatal(err)
	}
	r := &room{t: t, srv: srv, http: httptest.NewServer(srv), dir: dir}
	t.Cleanup(r.http.Close)
	return r
}

// do sends a request with a token and keeps the answer; want is the
// status expected.
func (r *room) do(method, path, tok string, body any, want int) []byte {
	r.t.Helper()
	data, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, r.http.URL+path, bytes.NewReader(data))
	req.Header.Set("X-Token", tok)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	r.answers.Write(out)
	if res.StatusCode != want {
		r.t.Fatalf("%s %s %s: %d %s", method, path, data, res.StatusCode, out)
	}
	return out
}

func (r *room) post(tok string, e map[string]any) ideas.Event {
	r.t.Helper()
	var got ideas.Event
	_ = json.Unmarshal(r.do("POST", "/api/events", tok, e, http.StatusOK), &got)
	return got
}

// join gives a device its token: the one answer that holds it, which
// goes to that device alone and is left out of the answers searched.
func (r *room) join() string {
	var j struct{ Token string }
	n := r.answers.Len()
	defer r.answers.Truncate(n)
	_ = json.Unmarshal(r.do("POST", "/api/join", r.srv.reg.File.Join, map[string]any{}, http.StatusOK), &j)
	return j.Token
}

// stream is one page's server-sent events, each message as it came.
type stream struct {
	msgs chan []byte
	all  bytes.Buffer
}

func (r *room) stream(tok string) *stream {
	ctx, cancel := context.WithCancel(context.Background())
	r.t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", r.http.URL+"/api/stream?token="+tok, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	s := &stream{msgs: make(chan []byte, 1024)}
	go func() {
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			if line, ok := bytes.CutPrefix(sc.Bytes(), []byte("data: ")); ok {
				s.msgs <- bytes.Clone(line)
			}
		}
		close(s.msgs)
	}()
	return s
}

// until reads messages until one has seq at least seq, and returns it;
// every message read is kept.
func (s *stream) until(t *testing.T, seq int) map[string]any {
	t.Helper()
	for m := range s.msgs {
		s.all.Write(append(m, '\n'))
		var v map[string]any
		_ = json.Unmarshal(m, &v)
		if int(v["seq"].(float64)) >= seq {
			return v
		}
	}
	t.Fatal("the stream closed")
	return nil
}

// derived are a token and the ids one might make of it: its halves, its
// ends and its SHA-256.
func derived(tok string) []string {
	sum := sha256.Sum256([]byte(tok))
	h := hex.EncodeToString(sum[:])
	return []string{tok, tok[:16], tok[16:], tok[:8], tok[len(tok)-8:], h[:16], h[len(h)-16:]}
}

// leaks names each device token, or id derived from one, found in data.
func leaks(data []byte, tokens []string) []string {
	var out []string
	for _, tok := range tokens {
		for _, d := range derived(tok) {
			if bytes.Contains(data, []byte(d)) {
				out = append(out, d)
			}
		}
	}
	return out
}

// TestNoAuthorAnywhere runs a premortem with six devices over HTTP and
// searches the journal, every file the end wrote, every answer and three
// pages' streams for every device's token and any id derived from it; and
// the screen's and a phone's streams for a text before its reveal and a
// dot before the vote closed. Each check is shown to fail on a corpus
// with the rule broken: a token put in an answer, the facilitator's
// moderation view (which has the texts) sent as the screen's.
func TestNoAuthorAnywhere(t *testing.T) {
	t.Parallel()
	r := openRoom(t, "en")
	fac := r.srv.reg.File.Facilitator
	var phones []string
	for range 6 {
		phones = append(phones, r.join())
	}
	screen, phone := r.stream(r.srv.reg.File.Screen), r.stream(phones[0])
	facStream := r.stream(fac)
	texts := []string{"The DNS change took the resolvers down", "A DNS change broke the resolvers", "Nobody owned the expiring certificate",
		"The backup was never restored once", "One engineer knew the failover", "Something rude"}
	r.post(fac, map[string]any{"kind": "phase", "phase": "writing", "timer": 300})
	var ids []string
	for i, p := range phones {
		ids = append(ids, r.post(p, map[string]any{"kind": "idea", "text": texts[i]}).ID)
		r.post(p, map[string]any{"kind": "done"})
	}
	r.post(fac, map[string]any{"kind": "phase", "phase": "reveal"})
	hide := r.post(fac, map[string]any{"kind": "hide", "target": ids[5]}).Seq
	spoiled := func(s *stream, seq int) []string {
		s.until(t, seq)
		var out []string
		for _, tx := range texts {
			if bytes.Contains(s.all.Bytes(), []byte(tx)) {
				out = append(out, tx)
			}
		}
		return out
	}
	for _, s := range []*stream{screen, phone} {
		if got := spoiled(s, hide); len(got) > 0 {
			t.Errorf("texts before the reveal: %q", got)
		}
	}
	// The mutation check: the facilitator's view before the reveal holds
	// the texts, so a screen sent it would fail the check above.
	mutant := &stream{msgs: make(chan []byte, 1)}
	data, _ := json.Marshal(r.srv.j.State().ViewFor(r.srv.room, ideas.Count{}, true))
	mutant.msgs <- data
	close(mutant.msgs)
	if got := spoiled(mutant, 0); len(got) == 0 {
		t.Error("the spoiler check passed a screen sent the facilitator's view")
	}
	r.post(fac, map[string]any{"kind": "reveal"})
	vote(t, r, fac, phones, ids, screen, phone)
	finish(t, r, fac, phones, ids)
	facStream.until(t, r.srv.j.State().Seq)
	screen.until(t, r.srv.j.State().Seq)
	phone.until(t, r.srv.j.State().Seq)
	for _, s := range []*stream{screen, phone} {
		if bytes.Contains(s.all.Bytes(), []byte(texts[5])) {
			t.Error("the hidden idea was shown")
		}
	}
	corpus := corpusOf(t, r.dir)
	corpus = append(corpus, r.answers.Bytes(), screen.all.Bytes(), phone.all.Bytes(), facStream.all.Bytes())
	for _, c := range corpus {
		if got := leaks(c, phones); len(got) > 0 {
			t.Errorf("a device's token or an id of it: %q in %.200s", got, c)
		}
	}
	if len(leaks([]byte(`{"seq":3,"note":"`+phones[2][:8]+`"}`), phones)) == 0 {
		t.Error("the search missed a token's first 8 characters")
	}
}

// vote gives each phone's dots during the vote and checks that no page
// learns a dot's target before the vote closes.
func vote(t *testing.T, r *room, fac string, phones, ids []string, screen, phone *stream) {
	r.post(fac, map[string]any{"kind": "phase", "phase": "group"})
	g := r.post(fac, map[string]any{"kind": "group", "title": "DNS", "ideas": []string{ids[0], ids[1]}})
	r.post(fac, map[string]any{"kind": "phase", "phase": "vote"})
	for i, p := range phones {
		r.post(p, map[string]any{"kind": "vote", "target": g.ID})
		r.post(p, map[string]any{"kind": "vote", "target": ids[2+i%3]})
	}
	r.do("POST", "/api/events", phones[0], map[string]any{"kind": "vote", "target": g.ID}, http.StatusBadRequest)
	seq := r.srv.j.State().Seq
	for _, s := range []*stream{screen, phone} {
		if v := s.until(t, seq); v["votes"] != nil {
			t.Errorf("dots shown during the vote: %v", v["votes"])
		}
		if bytes.Contains(s.all.Bytes(), []byte(`"votes"`)) {
			t.Error("a message during the vote holds the dots")
		}
	}
	r.post(fac, map[string]any{"kind": "phase", "phase": "place"})
	if v := screen.until(t, seq+1); v["votes"] == nil {
		t.Error("the dots are not shown once the vote closed")
	}
}

// finish places, picks and ends, and checks what the end wrote.
func finish(t *testing.T, r *room, fac string, phones, ids []string) {
	st := r.srv.j.State()
	g := st.Groups[0].ID
	r.post(fac, map[string]any{"kind": "place", "target": g, "impact": 3, "likelihood": 3, "class": "tiger"})
	r.post(fac, map[string]any{"kind": "place", "target": ids[2], "impact": 2, "likelihood": 3, "class": "elephant"})
	r.post(fac, map[string]any{"kind": "phase", "phase": "pick"})
	r.post(fac, map[string]any{"kind": "pick", "target": g, "owner": "Dana", "due": "2027-01-15", "signals": []string{"resolver SERVFAIL rate"}})
	r.post(fac, map[string]any{"kind": "pick", "target": ids[2], "owner": "Kim"})
	r.do("POST", "/api/events", phones[1], map[string]any{"kind": "end"}, http.StatusForbidden)
	r.post(fac, map[string]any{"kind": "end"})
	out := ideas.FilesOf(r.srv.j.Path()).Out
	rec, err := os.ReadFile(filepath.Join(out, recordFile))
	if err != nil {
		t.Fatal(err)
	}
	if picks, err := premortem.ParsePicks(recordFile, rec, cards.Printing); err != nil || len(picks) != 2 {
		t.Errorf("the record: %d picks, %v", len(picks), err)
	}
	starters, _ := filepath.Glob(filepath.Join(out, "*.toml"))
	if len(starters) != 3 { // the record and two starters
		t.Errorf("wrote %v", starters)
	}
}

// corpusOf is every file under dir but the tokens' own file.
func corpusOf(t *testing.T, dir string) [][]byte {
	var out [][]byte
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, ".devices") {
			return err
		}
		data, err := os.ReadFile(path)
		out = append(out, data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 6 {
		t.Errorf("only %d files written", len(out))
	}
	return out
}
