package scenarios

import "strings"

// Template returns the commented starter scenario propdeck init writes, in
// English ("en") or Korean ("ko"). It validates and builds as it is.
func Template(lang string) string {
	if lang == "ko" {
		return templateKO
	}
	return templateEN
}

// ReferenceURL is where the format reference of this version is published;
// the same file ships in the repository as docs/scenario-format.md.
const ReferenceURL = "https://github.com/propdeck/propdeck/blob/main/docs/scenario-format.md"

// TemplateID is the scenario id a template gets for a file name.
func TemplateID(fileBase string) string {
	return slug(strings.TrimSuffix(fileBase, ".toml"))
}

const templateEN = `#:schema scenario.schema.json
# A propdeck scenario (format 1). Build it with:
#   propdeck build THIS_FILE -o out
# Check it with propdeck validate THIS_FILE. Every key is explained in the
# scenario format reference: propdeck reference prints it, and it is at
# ` + ReferenceURL + `
# Editors read scenario.schema.json (written by propdeck init, or by
# propdeck schema > scenario.schema.json) to complete keys.
format = 1

[scenario]
id = "my-exercise"                      # lower-case letters, digits, dashes; names the PDF files
title = "Checkout errors after a deploy"
summary = "A routine deploy of checkout-api goes out at 14:00. Ten minutes later, error rates climb."
language = "en"                         # labels propdeck prints: "en" or "ko"
duration = "60m"                        # planned length of the session
start = "2026-06-02T14:10:00+02:00"     # wall clock of T+0, for log and chart timestamps
seed = 1                                # change it to get other generated log lines and noise
runbooks = "https://runbooks.example.com/"   # relative runbook links are joined to this

[print]
paper = "a4"                            # "a4" or "letter"
duplex = "none"                         # "none", "long-edge" or "short-edge": backs for clue cards

[[roles]]                               # one badge per role
id = "ic"
name = "Incident Commander"
mission = "Own the incident, keep the timeline, make the calls."
responsibilities = ["Declare severity", "Run the bridge"]
decides = ["Roll back checkout-api", "Page more people"]
escalates_to = "Head of Engineering"
runbook = "roles/incident-commander"

[[roles]]
id = "oncall"
name = "On-call engineer: checkout"
mission = "Find out what is broken and fix it safely."
responsibilities = ["Read dashboards and logs", "Propose mitigations"]
decides = ["Turn off feature flags"]
escalates_to = "Incident Commander"

[[systems]]                             # one post-it card per system on the table
id = "checkout-api"
name = "checkout-api"
description = "Takes orders and payments; 12 pods behind the load balancer."
owner = "checkout team"
runbook = "services/checkout-api"

[[rounds]]                              # the facilitator's run sheet
at = "T+0"
title = "Errors start"
setup = "14:10. The deploy finished ten minutes ago. An alert fires."
questions = ["Who is incident commander?", "What do you check first?"]

[[rounds]]
at = "T+15m"
title = "Roll back or fix forward?"
setup = "The error rate is still climbing. A fix is 'almost ready'."
questions = ["Who may decide to roll back?"]

[[clues]]                               # one card each, sealed until its time
id = "c01"
at = "T+0"
kind = "alert"                          # alert observation customer social constraint status log metric
to = ["oncall"]                         # role ids; leave out for everyone
title = "PAGE: checkout-api 5xx rate above 5%"
body = "Triggered 14:10:03. 7.2% of requests failing for 3 minutes."
runbook = "alerts/checkout-5xx"
note = "Only the facilitator sees notes: they go on the run sheet, never on a card."

[[clues]]
id = "c02"
at = "T+5m"
kind = "log"
to = ["oncall"]
title = "checkout-api, last 10 minutes"
  [clues.log]
  source = "checkout-api"
  format = "logfmt"                     # "plain", "logfmt" or "json"
  from = "T-5m"
  to = "T+5m"
  lines = [                             # lines that must appear, in time order
    { at = "T+1m12s", level = "error", msg = "payment provider returned 502", fields = { route = "/pay" } },
  ]
  [clues.log.generate]                  # background lines, the same every build
  count = 15
  levels = { info = 8, warn = 2, error = 1 }
  # a list per level, so that no line contradicts its level; {n} is a number,
  # {n:1-12} one from 1 to 12
  messages = { info = ["GET /cart 200", "POST /pay 201", "cache miss key=cart:{n}"], warn = ["payment provider slow: {n:800-2400}ms"], error = ["payment provider returned 502"] }

[[clues]]
id = "c03"
at = "T+15m"
kind = "metric"
title = "checkout-api error rate"
  [clues.metric]
  unit = "%"
  from = "T-20m"
  to = "T+15m"
  step = "30s"
  threshold = 5
  annotations = [ { at = "T-10m", text = "deploy" } ]
  [[clues.metric.series]]
  name = "5xx"
  baseline = 0.4
  noise = 0.1
  changes = [ { at = "T-8m", to = 9.5, over = "10m" } ]
`

const templateKO = `#:schema scenario.schema.json
# propdeck 시나리오 (형식 1). 빌드:
#   propdeck build 이_파일 -o out
# 검사: propdeck validate 이_파일. 모든 키의 설명은 시나리오 형식 문서에 있다:
# propdeck reference 로 출력하거나 ` + ReferenceURL + `
# 편집기는 scenario.schema.json
# (propdeck init 이 함께 쓰거나 propdeck schema > scenario.schema.json)으로 키를 자동 완성한다.
format = 1

[scenario]
id = "my-exercise"                      # 영문 소문자, 숫자, 대시; PDF 파일 이름이 된다
title = "배포 후 결제 오류"
summary = "14시에 checkout-api 정기 배포가 나갔다. 10분 뒤 오류율이 오르기 시작한다."
language = "ko"                         # 인쇄되는 표시 문구의 언어: "en" 또는 "ko"
duration = "60m"                        # 세션 예정 시간
start = "2026-06-02T14:10:00+09:00"     # T+0의 실제 시각: 로그와 차트 시각에 쓰인다
seed = 1                                # 바꾸면 생성되는 로그와 잡음이 달라진다
runbooks = "https://wiki.example.kr/runbooks"  # 상대 경로 런북 링크의 기준 주소

[print]
paper = "a4"                            # "a4" 또는 "letter"
duplex = "none"                         # "none", "long-edge", "short-edge": 단서 카드 뒷면

[[roles]]                               # 역할마다 명찰 한 장
id = "ic"
name = "장애 지휘자"
mission = "장애 대응을 지휘하고 시간표를 관리하며 결정을 내린다."
responsibilities = ["장애 등급 선언", "대응 채널 운영"]
decides = ["checkout-api 롤백", "추가 인원 호출"]
escalates_to = "CTO"
runbook = "roles/incident-commander"

[[roles]]
id = "oncall"
name = "결제 당직자"
mission = "무엇이 고장 났는지 찾아 안전하게 고친다."
responsibilities = ["대시보드와 로그 확인", "완화 조치 제안"]
decides = ["기능 플래그 끄기"]
escalates_to = "장애 지휘자"

[[systems]]                             # 테이블에 올릴 시스템마다 포스트잇 한 장
id = "checkout-api"
name = "checkout-api"
description = "주문과 결제를 받는 서비스. 로드 밸런서 뒤에 파드 12개."
owner = "결제팀"
runbook = "services/checkout-api"

[[rounds]]                              # 진행자 운영표
at = "T+0"
title = "오류 시작"
setup = "14시 10분. 배포가 끝난 지 10분. 알림이 울린다."
questions = ["누가 장애 지휘자인가?", "가장 먼저 무엇을 확인하는가?"]

[[rounds]]
at = "T+15m"
title = "롤백인가, 수정 배포인가?"
setup = "오류율이 계속 오른다. 수정본이 '거의 준비됐다'고 한다."
questions = ["롤백은 누가 결정할 수 있는가?"]

[[clues]]                               # 단서마다 카드 한 장, 공개 시각까지 봉인
id = "c01"
at = "T+0"
kind = "alert"                          # alert observation customer social constraint status log metric
to = ["oncall"]                         # 받는 역할 id; 생략하면 전원
title = "호출: checkout-api 5xx 비율 5% 초과"
body = "14:10:03 발생. 3분째 요청의 7.2%가 실패."
runbook = "alerts/checkout-5xx"
note = "메모는 진행자만 본다: 운영표에만 나오고 카드에는 인쇄되지 않는다."

[[clues]]
id = "c02"
at = "T+5m"
kind = "log"
to = ["oncall"]
title = "checkout-api 최근 10분 로그"
  [clues.log]
  source = "checkout-api"
  format = "json"                       # "plain", "logfmt", "json"
  from = "T-5m"
  to = "T+5m"
  lines = [                             # 반드시 나오는 줄, 시간 순서대로
    { at = "T+1m12s", level = "error", msg = "결제 대행사 502 응답", fields = { route = "/pay" } },
  ]
  [clues.log.generate]                  # 배경 줄: 빌드할 때마다 같다
  count = 15
  levels = { info = 8, warn = 2, error = 1 }
  # 레벨별 목록: 메시지가 레벨과 어긋나지 않게 한다. {n}은 숫자, {n:1-12}는 1에서 12 사이의 수
  messages = { info = ["GET /cart 200", "POST /pay 201", "캐시 미스 key=cart:{n}"], warn = ["결제사 응답 지연: {n:800-2400}ms"], error = ["결제사 502 응답"] }

[[clues]]
id = "c03"
at = "T+15m"
kind = "metric"
title = "checkout-api 오류율"
  [clues.metric]
  unit = "%"
  from = "T-20m"
  to = "T+15m"
  step = "30s"
  threshold = 5
  annotations = [ { at = "T-10m", text = "배포" } ]
  [[clues.metric.series]]
  name = "5xx"
  baseline = 0.4
  noise = 0.1
  changes = [ { at = "T-8m", to = 9.5, over = "10m" } ]
`
