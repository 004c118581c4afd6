package console

import (
	"strings"
	"testing"
)

// TestTheLimitSaysWhatItHeldBack: past a page's burst, the 429 names the
// kind of post refused, in the scenario's language, whatever the page
// sent before it; the bucket is the page's.
func TestTheLimitSaysWhatItHeldBack(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		example, page, filler, event, want string
	}{
		{"eu-db-latency", "scribe", `{"kind":"note","tag":"other","text":"x"}`, `{"kind":"decision","text":"roll back"}`, "too many decisions from this page"},
		{"eu-db-latency", "role", `{"kind":"answer","text":"x"}`, `{"kind":"ask","text":"lag history"}`, "too many asks for data from this page"},
		{"eu-db-latency", "role", `{"kind":"ask","text":"x"}`, `{"kind":"vote","poll":"p","option":"yes"}`, "too many votes from this page"},
		{"dns-change-ko", "role", `{"kind":"ask","text":"x"}`, `{"kind":"answer","text":"되돌림"}`, "이 페이지에서 보낸 답변이 너무 많음"},
		{"dns-change-ko", "scribe", `{"kind":"decision","text":"x"}`, `{"kind":"note","tag":"other","text":"x"}`, "이 페이지에서 보낸 메모가 너무 많음"},
	} {
		f := newFixture(t, tc.example)
		f.post(`{"kind":"start"}`)
		f.post(`{"kind":"poll","id":"p","question":"Fail over?","options":["yes","no"]}`)
		token := f.tokens.Scribe
		if tc.page == "role" {
			token = f.tokens.Roles[f.s.Roles()[0].ID]
		}
		for range noteBurst {
			if code, body := f.do("POST", "/api/events", token, tc.filler); code != 200 {
				t.Fatalf("%s: %s: %d %s", tc.example, tc.filler, code, body)
			}
		}
		if code, body := f.do("POST", "/api/events", token, tc.event); code != 429 || !strings.Contains(body, tc.want) {
			t.Errorf("%s: %s past the burst: %d %s, want 429 %q", tc.example, tc.event, code, body, tc.want)
		}
	}
}
