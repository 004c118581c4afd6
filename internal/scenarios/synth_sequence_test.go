package scenarios

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

const logScenario = `format = 1
[scenario]
id = "t"
title = "T"
start = "2026-03-10T09:00:00Z"
[[roles]]
id = "ic"
name = "IC"
[[clues]]
id = "c1"
at = "T+12m"
kind = "log"
title = "replica"
  [clues.log]
  format = "logfmt"
  from = "T+0"
  to = "T+12m"
  [clues.log.generate]
  count = 60
  levels = { info = 1 }
  messages = ["fetched chunk {seq:2670}/4096"]
  [[clues.log.generate.phases]]
  after = "T+8m"
  levels = { error = 1 }
  messages = ["replica connection refused"]
`

// TestLogsReadAsASequence: a {seq} counter goes up line by line in time
// order, and a phase's failure lines never come before its after.
func TestLogsReadAsASequence(t *testing.T) {
	s, err := Parse("t.toml", []byte(logScenario), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	next := 2670
	for _, e := range s.LogEntries(s.Clues()[0]) {
		switch {
		case strings.HasPrefix(e.Msg, "fetched chunk "):
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(e.Msg, "fetched chunk "), "/4096"))
			if n != next || e.Offset >= 8*time.Minute {
				t.Errorf("at %v: %q, want chunk %d before T+8m", e.Offset, e.Msg, next)
			}
			next++
		case e.Msg == "replica connection refused":
			if e.Offset < 8*time.Minute || e.Level != "error" {
				t.Errorf("a failure line at %v (%s), before the failure", e.Offset, e.Level)
			}
		default:
			t.Errorf("line %q", e.Msg)
		}
	}
	if next == 2670 {
		t.Error("no counted line")
	}
}

// TestNoContradictionInKoreanOrAtWarn: success words in Korean and 2xx
// statuses are never printed at warn or worse; Korean failure words never
// at info.
func TestNoContradictionInKoreanOrAtWarn(t *testing.T) {
	for _, tc := range []struct {
		msg, level string
		bad        bool
	}{
		{"결제 승인 완료", "error", true},
		{"결제 승인 완료", "warn", true},
		{"주문 처리 성공", "info", false},
		{"결제 대행사 응답 실패", "info", true},
		{"DNS 조회 오류", "debug", true},
		{"GET /checkout 200", "warn", true},
		{"GET /checkout 503", "warn", false},
		{"캐시 미스", "error", false},
	} {
		if got := contradicts(tc.msg, tc.level); got != tc.bad {
			t.Errorf("Contradicts(%q, %s) = %v", tc.msg, tc.level, got)
		}
	}
}
