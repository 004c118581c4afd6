package ideaconsole

import (
	"net/http"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/ideas"
	"github.com/propdeck/propdeck/internal/vocab"
)

// TestPagesGetTheirWordsAndLists: every phase and class has a label in
// every language and is served to the pages; the script spells no class
// (the phases it does, as the protocol it follows, like the event kinds).
func TestPagesGetTheirWordsAndLists(t *testing.T) {
	t.Parallel()
	script, _ := staticFS.ReadFile("static/ideas.js")
	for _, lang := range vocab.Language.Values {
		w := ideas.WordsFor(lang)
		served := vocabularies(w)
		for _, tc := range []struct {
			values []string
			labels map[string]string
		}{{ideas.Phases, w.Phases}, {ideas.Classes, w.Classes}} {
			for _, v := range tc.values {
				if tc.labels[v] == "" || !strings.Contains(served, `"id":"`+v+`"`) {
					t.Errorf("%s: %q has no label or is not served", lang, v)
				}
			}
		}
		for _, c := range ideas.Classes {
			if strings.Contains(string(script), `"`+c+`"`) {
				t.Errorf("ideas.js spells the class %q", c)
			}
		}
	}
}

// TestThePerimeterHolds: a foreign origin, another host, no token and
// another page's token are each refused before anything is written.
func TestThePerimeterHolds(t *testing.T) {
	t.Parallel()
	r := openRoom(t, "ko")
	phone := r.join()
	for _, tc := range []struct {
		name, path, token, origin, host string
		want                            int
	}{
		{"foreign origin", "/api/events", r.srv.reg.File.Facilitator, "http://evil.example", "", http.StatusForbidden},
		{"rebound host", "/api/events", r.srv.reg.File.Facilitator, "", "evil.example", http.StatusMisdirectedRequest},
		{"no token", "/api/events", "", "", "", http.StatusUnauthorized},
		{"the screen posts", "/api/events", r.srv.reg.File.Screen, "", "", http.StatusForbidden},
		{"a phone opens the facilitator's page", "/", phone, "", "", http.StatusForbidden},
		{"a phone phases", "/api/events", phone, "", "", http.StatusForbidden},
	} {
		req, _ := http.NewRequest("POST", r.http.URL+tc.path, strings.NewReader(`{"kind":"phase","phase":"writing"}`))
		if tc.path == "/" {
			req.Method = "GET"
		}
		req.Header.Set("X-Token", tc.token)
		if tc.origin != "" {
			req.Header.Set("Origin", tc.origin)
		}
		if tc.host != "" {
			req.Host = tc.host
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, res.StatusCode, tc.want)
		}
	}
	if st := r.srv.j.State(); st.Seq != 0 {
		t.Errorf("%d events stored", st.Seq)
	}
}
