package console

import (
	"strings"
	"testing"
)

// TestRefusalsInTheScenarioLanguage: an event the console refuses is
// answered in the scenario's language, ids as written.
func TestRefusalsInTheScenarioLanguage(t *testing.T) {
	f := newFixture(t, "dns-change-ko")
	fac := f.tokens.Facilitator
	for _, tc := range []struct{ body, want string }{
		{`{"kind":"reveal","clue":"c01"}`, `reveal: 단서 "c01"이 없음 (혹시 "k01"?)`},
		{`{"kind":"reveal","clue":"k01"}`, "세션이 시작되지 않음: 먼저 시작할 것"},
		{`{"kind":"note","tag":"confused","text":"x"}`, `note: 알 수 없는 태그 "confused"; 있는 태그: decision, confusion`},
		{`{"kind":"start","seq":7}`, `start: 알 수 없는 필드 "seq"`},
	} {
		if code, body := f.do("POST", "/api/events", fac, tc.body); code != 400 || !strings.Contains(body, tc.want) {
			t.Errorf("%s: %d %s, want %q", tc.body, code, body, tc.want)
		}
	}
}
