package examples

import (
	"fmt"
	"strings"
)

// Synthetic writes a scenario of n clues for tests and benchmarks: 60% text
// clues, 20% log snapshots with 20 generated lines, 20% metric snapshots
// with two series; 20 roles and 20 systems; English and Korean mixed.
func Synthetic(n int) string {
	var b strings.Builder
	b.WriteString(`format = 1

[scenario]
id = "synthetic"
title = "Synthetic game day 합성 시나리오"
summary = "A generated scenario for measuring propdeck. 성능 측정용으로 생성된 시나리오입니다."
duration = "4h"
start = "2026-03-10T09:00:00+01:00"
seed = 1
runbooks = "https://runbooks.example.com/"
`)
	syntheticCast(&b)
	for i := 0; i < n; i++ {
		syntheticClue(&b, i, n)
	}
	return b.String()
}

// syntheticCast writes 20 roles, 20 systems in a chain of dependencies
// and 6 rounds half an hour apart.
func syntheticCast(b *strings.Builder) {
	for i := 0; i < 20; i++ {
		fmt.Fprintf(b, `
[[roles]]
id = "r%02d"
name = "Role %02d 역할"
mission = "Keep service %02d healthy and tell the incident commander what it is doing. 서비스 상태를 보고한다."
responsibilities = ["Read the dashboards", "대응 조치 제안"]
decides = ["Restart service %02d"]
escalates_to = "Incident Commander"
runbook = "roles/r%02d"
`, i, i, i, i, i)
	}
	for i := 0; i < 20; i++ {
		dep := ""
		if i > 0 {
			dep = fmt.Sprintf(`depends_on = ["s%02d"]`, i-1)
		}
		fmt.Fprintf(b, `
[[systems]]
id = "s%02d"
name = "service-%02d"
description = "Service number %02d with a replica in a second region. 두 번째 리전에 복제본이 있다."
owner = "team-%02d"
%s
runbook = "services/s%02d"
`, i, i, i, i%7, dep, i)
	}
	for r := 0; r < 6; r++ {
		fmt.Fprintf(b, "\n[[rounds]]\nat = \"T+%dm\"\ntitle = \"Round %d 라운드\"\nsetup = \"Things get worse. 상황이 나빠진다.\"\nquestions = [\"Who decides? 누가 결정하는가?\"]\n", r*30, r+1)
	}
}

// syntheticClue writes clue i of n: every fifth a log, every fifth a
// metric, the rest text clues of each kind in turn.
func syntheticClue(b *strings.Builder, i, n int) {
	at := fmt.Sprintf("T+%dm", i*180/max(n, 1))
	to := fmt.Sprintf(`to = ["r%02d"]`, i%20)
	switch {
	case i%5 == 3:
		fmt.Fprintf(b, syntheticLogClue, i, at, to, i%20, i%20, []string{"plain", "logfmt", "json"}[i%3], at)
	case i%5 == 4:
		fmt.Fprintf(b, syntheticMetricClue, i, at, to, i%20, at)
	default:
		fmt.Fprintf(b, syntheticTextClue, i, at, []string{"alert", "observation", "customer", "social", "constraint", "status"}[i%6], to, i, i%50, i)
	}
}

// The clues Synthetic writes, by kind.
const (
	syntheticLogClue = `
[[clues]]
id = "c%04d"
at = "%s"
kind = "log"
%s
title = "service-%02d logs 로그"
  [clues.log]
  source = "service-%02d"
  format = "%s"
  from = "T-5m"
  to = "%s"
  lines = [ { at = "T-1m", level = "error", msg = "upstream timeout 업스트림 시간 초과", fields = { route = "/checkout" } } ]
  [clues.log.generate]
  count = 20
  levels = { info = 6, warn = 3, error = 1 }
  messages = ["GET /checkout 200", "cache miss key=cart:{n}", "결제 승인 완료 order=A-{n}"]
`
	syntheticMetricClue = `
[[clues]]
id = "c%04d"
at = "%s"
kind = "metric"
%s
title = "service-%02d latency 지연 시간"
  [clues.metric]
  unit = "ms"
  from = "T-30m"
  to = "%s"
  step = "30s"
  threshold = 2000
  annotations = [ { at = "T-4m", text = "deploy 배포" } ]
  [[clues.metric.series]]
  name = "p99"
  baseline = 120
  noise = 0.08
  changes = [ { at = "T-4m", to = 2600, over = "4m" } ]
  [[clues.metric.series]]
  name = "p50"
  baseline = 20
  noise = 0.05
`
	syntheticTextClue = `
[[clues]]
id = "c%04d"
at = "%s"
kind = "%s"
%s
title = "Clue %d: checkout latency is climbing 결제 지연 증가"
body = "Support reports slow checkouts in Germany and France. 고객센터에 결제 지연 문의가 늘고 있다. Seven tickets in five minutes."
runbook = "alerts/a%d"
note = "Facilitator note %d"
`
)
