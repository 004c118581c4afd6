package scenarios

import (
	"fmt"
	"strings"
	"testing"
)

// TestSnapshotFromTheFutureIsWarned: a window that ends after its own
// card is handed out is warned of at its line.
func TestSnapshotFromTheFutureIsWarned(t *testing.T) {
	src := scenarioWith("") + "\n[[clues]]\nid = \"m1\"\nat = \"T+5m\"\nkind = \"metric\"\ntitle = \"x\"\n  [clues.metric]\n  unit = \"ms\"\n  from = \"T-10m\"\n  to = \"T+9m\"\n  [[clues.metric.series]]\n  name = \"p99\"\n  baseline = 100\n"
	s, err := Parse("t.toml", []byte(src), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Notes()) != 1 || !strings.Contains(s.Notes()[0].Error(), `t.toml:20:3: clue "m1": the chart runs to T+9m, after the card is handed out at T+5m`) {
		t.Errorf("notes %v", s.Notes())
	}
}

// TestMessagesFollowTheirEntries: rounds and clues are put in time order
// while they are checked; a message about one written before another but
// played after it is still at its own line.
func TestMessagesFollowTheirEntries(t *testing.T) {
	t.Parallel()
	metric := "kind = \"metric\"\ntitle = \"x\"\n  [clues.metric]\n  unit = \"ms\"\n  from = \"T-10m\"\n  to = \"T+9m\"\n  [[clues.metric.series]]\n  name = \"p99\"\n  baseline = 100\n"
	tests := []struct{ name, src, want string }{
		{"a warning", "\n[[clues]]\nid = \"late\"\nat = \"T+20m\"\ntitle = \"x\"\n\n[[clues]]\nid = \"m1\"\nat = \"T+5m\"\n" + metric,
			`t.toml:25:3: clue "m1": the chart runs to T+9m`},
		{"a clue's text", "\n[[clues]]\nid = \"late\"\nat = \"T+20m\"\ntitle = \"a\\u0007b\"\n\n[[clues]]\nid = \"early\"\nat = \"T+5m\"\ntitle = \"x\"\n",
			`t.toml:15:1: clue "late" title has a control character`},
		{"a round's text", "\n[[rounds]]\nat = \"T+30m\"\ntitle = \"B\"\nsetup = \"a\\u0007b\"\n\n[[rounds]]\nat = \"T+0\"\ntitle = \"A\"\n",
			`t.toml:15:1: rounds[0].setup has a control character`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := Parse("t.toml", []byte(scenarioWith("")+tt.src), nil, nil)
			got := fmt.Sprint(err)
			if s != nil {
				got = fmt.Sprint(s.Notes())
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestKoreanScenarioErrorsInKorean: a scenario written in Korean gets the
// fixed words of its errors in Korean; ids, keys and values stay as
// written, with their line.
func TestKoreanScenarioErrorsInKorean(t *testing.T) {
	src := "format = 1\n[scenario]\nid = \"k\"\ntitle = \"테스트\"\nlanguage = \"ko\"\ntitel = \"x\"\n[[roles]]\nid = \"ic\"\nname = \"지휘자\"\n[[clues]]\nid = \"c1\"\nat = \"T+0\"\nto = [\"oncal\"]\nkind = \"alrt\"\ntitle = \"제목\"\n"
	_, err := Parse("k.toml", []byte(src), nil, nil)
	for _, want := range []string{`k.toml:6:1: scenario에 알 수 없는 키 "titel"이 있음`, `k.toml:13:7: 단서 "c1": id가 "oncal"인 역할이 없음`, `kind = "alrt": 다음 중 하나여야 함`, `(혹시 "alert"?)`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("want %q in\n%v", want, err)
		}
	}
	if _, err := Parse("e.toml", []byte(strings.Replace(src, `language = "ko"`, `language = "en"`, 1)), nil, nil); err == nil || !strings.Contains(err.Error(), "unknown key") {
		t.Errorf("an English scenario's errors changed: %v", err)
	}
}
