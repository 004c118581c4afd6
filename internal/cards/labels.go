package cards

import (
	"strconv"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// Labels are the words propdeck itself prints, in the scenario's language.
type Labels struct {
	Holder, Mission, Owns, Decides, EscalatesTo, Runbook           string
	Owner, DependsOn, UsedBy, System                               string
	RevealAt, OpenAt, To, Everyone, Continued, Clue                string
	FacilitatorOnly                                                string
	Kinds                                                          map[string]string
	LinesOmitted, Window, Unit, Threshold, Source                  string
	LinesHidden                                                    string
	Scribe, Timeline, Findings, Time, Clock, WhatHappened          string
	Decision, WhoDecided, Confusion, MissingData, UnclearOwner     string
	RunbookGaps, ShouldHaveExisted, Debrief, WhatWorked, WhatBroke string
	Questions, ActionItems, Action, ActionKind, DueDate            string
	ActionKinds, Premortem, Brainstorm, Themes, RehearseNext       string
	DefaultPrompt, Date, Scenario, RunSheet, Summary, Duration     string
	Roster, Role, Holder2, Setup, ToReveal, Note, Checklist        string
	Deck, Sheets, Warnings, NoRecipient, ReceivesNothing, Start    string
	Page, Kind, Round, ReadAloud, Facilitator, Blank, Copies       string
	Scribe2, NameLine                                              string
	AfterEnd, EmptyRound                                           string
	Sheet                                                          string
	DuplexFlip                                                     map[layouts.Duplex]string
	Modes                                                          map[scenarios.Mode]string
	NotBefore, System2, Asked, Condition, ReplacesClue             string
	Expected, By, RequestIndex, IfTheyAsk, Complications, DrawRule string
	Evaluator, Observed, DecisionLog, Rationale, FollowUp          string
	NoCard, NoCardHint                                             string
	Ratings                                                        []string
	Report, Participants, Score, Owner2, Due, From, Clock2         string
	RatingNames, KindNames                                         map[string]string
	FindingTitles                                                  map[string]string
	RecordHead, Facilitator2, Evaluator2, Findings2                string
	// HourUnit and MinuteUnit spell a duration ("1h20m", "1시간 20분");
	// UnitSep stands between its parts.
	HourUnit, MinuteUnit, UnitSep string
	// Complication heads one complication card.
	Complication string
	// LateBy marks an action done after its deadline ("late: due T+40m").
	LateBy string
	// Situation, AtStart and YourSystems head a packet's briefing.
	Situation, AtStart, YourSystems string
}

// Span is a duration as the language says it: 1h20m, or 1시간 20분.
func (lb Labels) Span(d time.Duration) string {
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	if d%time.Minute != 0 || d <= 0 {
		return scenarios.FormatDuration(d)
	}
	var parts []string
	if h > 0 {
		parts = append(parts, strconv.Itoa(h)+lb.HourUnit)
	}
	if m > 0 {
		parts = append(parts, strconv.Itoa(m)+lb.MinuteUnit)
	}
	return strings.Join(parts, lb.UnitSep)
}

var english = Labels{
	Holder: "Holder", Mission: "Mission", Owns: "Owns", Decides: "May decide", EscalatesTo: "Escalates to", Runbook: "Runbook",
	Owner: "Owner", DependsOn: "Depends on", UsedBy: "Used by", System: "SYSTEM",
	RevealAt: "Reveal at", OpenAt: "OPEN AT", To: "To", Everyone: "Everyone", FacilitatorOnly: "Facilitator only", Continued: "continued", Clue: "Clue",
	Kinds: map[string]string{
		"alert": "ALERT", "observation": "OBSERVATION", "customer": "CUSTOMER REPORT", "social": "SOCIAL POST",
		"constraint": "CONSTRAINT", "status": "STATUS UPDATE", "log": "LOG SNAPSHOT", "metric": "METRIC SNAPSHOT",
	},
	LinesOmitted: "%d earlier lines not shown", LinesHidden: "%d lines not shown here", Window: "Window", Unit: "Unit", Threshold: "threshold", Source: "Source",
	Scribe: "Scribe", Timeline: "Scribe timeline", Findings: "Scribe findings", Time: "Time", Clock: "Clock", WhatHappened: "What happened",
	Decision: "Decision", WhoDecided: "Who decided", Confusion: "Where were people confused?", MissingData: "What data or tools were missing?",
	UnclearOwner: "Where was ownership unclear? (who may fail over, who may speak publicly?)", RunbookGaps: "Runbook steps nobody could carry out",
	ShouldHaveExisted: "This should have existed", Debrief: "Debrief", WhatWorked: "What worked", WhatBroke: "What broke",
	Questions: "Questions", ActionItems: "Action items", Action: "Action", ActionKind: "Kind", DueDate: "Due date",
	ActionKinds: "runbook / alert / dashboard / training / process", Premortem: "Premortem", Brainstorm: "Brainstorm: every way this could happen",
	Themes: "Cluster the ideas", RehearseNext: "Scenarios to rehearse next",
	DefaultPrompt: "It is six months from now. This system just had the worst outage in its history. Write down every way it could have happened.",
	Date:          "Date", Scenario: "Scenario", RunSheet: "Facilitator run sheet", Summary: "Summary", Duration: "Duration",
	Roster: "Roster", Role: "Role", Holder2: "Holder", Setup: "Read aloud", ToReveal: "Clues to reveal", Note: "Note",
	Checklist: "Print checklist", Deck: "Deck", Sheets: "sheets", Warnings: "Warnings",
	NoRecipient: "clue %s reaches no role", ReceivesNothing: "role %s receives no clue all session", Start: "T+0 is",
	Page: "page", Kind: "Kind", Round: "Round", ReadAloud: "Read aloud", Facilitator: "FACILITATOR ONLY", Blank: "(blank)", Copies: "copies",
	Scribe2: "Scribe", NameLine: "Name",
	AfterEnd: "clue %s is revealed at %s, after the session's planned %s",
	HourUnit: "h", MinuteUnit: "m",
	EmptyRound: "round %s %q reveals no clue",
	Sheet:      "sheet",
	DuplexFlip: map[layouts.Duplex]string{layouts.DuplexLong: "duplex, flip on the long edge", layouts.DuplexShort: "duplex, flip on the short edge"},
	Modes:      map[scenarios.Mode]string{scenarios.Timed: "TIMED", scenarios.Contingent: "CONTINGENCY", scenarios.OnRequest: "ON REQUEST"},
	NotBefore:  "not before", System2: "System", Asked: "Asked for", Condition: "Only if", ReplacesClue: "instead of",
	Expected: "Expected actions", By: "by", RequestIndex: "Request index", IfTheyAsk: "If they ask about",
	Complications: "Complications", Complication: "Complication", LateBy: "late: due %s", Situation: "The situation", AtStart: "What you know at T+0", YourSystems: "Systems your cards are about", DrawRule: "Draw one when the team is ahead of plan or stuck on one idea.",
	Evaluator: "Evaluator sheet", Observed: "Time observed", DecisionLog: "Decision log", Rationale: "Rationale", FollowUp: "Follow-up",
	NoCard:     "Asked for, but no card existed",
	NoCardHint: "Every dashboard, log or fact the team asked for that the scenario did not foresee: the missing observability this exercise is here to find.",
	Ratings:    []string{"Met", "Partly", "Not met", "N/A"},
	Report:     "After-action report", Participants: "Participants", Score: "%d of %d met, %d partly, %d not met, %d n/a, %d not rated",
	Owner2: "Owner", Due: "Due", From: "From", Clock2: "Clock",
	RatingNames: map[string]string{"met": "met", "partly": "partly", "not-met": "not met", "n/a": "n/a", "": "not rated"},
	KindNames:   map[string]string{"runbook": "runbook", "alert": "alert", "dashboard": "dashboard", "training": "training", "process": "process", "other": "other"},
	FindingTitles: map[string]string{
		"confusion": "Where people were confused", "missing_data": "Data and tools that were missing",
		"ownership": "Where ownership was unclear", "runbook_gaps": "Runbook steps nobody could carry out",
		"should_have_existed": "What should have existed", "worked": "What worked", "broke": "What broke",
		"asked_no_card": "Asked for, but no card existed",
	},
	RecordHead: "Session record", Facilitator2: "Facilitator", Evaluator2: "Rating", Findings2: "Findings",
}

var korean = Labels{
	Holder: "담당자", Mission: "임무", Owns: "책임", Decides: "결정 권한", EscalatesTo: "에스컬레이션", Runbook: "런북",
	Owner: "소유 팀", DependsOn: "의존 대상", UsedBy: "사용처", System: "시스템",
	RevealAt: "공개 시각", OpenAt: "공개 시각", To: "받는 사람", Everyone: "전원", FacilitatorOnly: "진행자만", Continued: "계속", Clue: "단서",
	Kinds: map[string]string{
		"alert": "알림", "observation": "관찰", "customer": "고객 문의", "social": "소셜 게시물",
		"constraint": "제약 사항", "status": "상태 업데이트", "log": "로그 스냅샷", "metric": "지표 스냅샷",
	},
	LinesOmitted: "앞선 %d줄 생략", LinesHidden: "여기서 %d줄 생략", Window: "구간", Unit: "단위", Threshold: "임계값", Source: "출처",
	Scribe: "기록자", Timeline: "기록자 타임라인", Findings: "기록자 발견 사항", Time: "시점", Clock: "시각", WhatHappened: "일어난 일",
	Decision: "결정", WhoDecided: "결정한 사람", Confusion: "사람들이 혼란스러워한 지점은?", MissingData: "부족했던 데이터나 도구는?",
	UnclearOwner: "책임이 불분명했던 곳은? (누가 장애 조치를, 누가 대외 발표를 할 수 있나?)", RunbookGaps: "아무도 수행하지 못한 런북 단계",
	ShouldHaveExisted: "있었어야 했던 것", Debrief: "회고", WhatWorked: "잘된 점", WhatBroke: "안 된 점",
	Questions: "질문", ActionItems: "후속 조치", Action: "조치", ActionKind: "유형", DueDate: "기한",
	ActionKinds: "런북 / 알림 / 대시보드 / 교육 / 프로세스", Premortem: "사전 부검", Brainstorm: "브레인스토밍: 이 일이 일어날 수 있는 모든 경로",
	Themes: "아이디어 묶기", RehearseNext: "다음에 연습할 시나리오",
	DefaultPrompt: "지금으로부터 6개월 뒤, 이 시스템에 역대 최악의 장애가 방금 끝났습니다. 어떻게 일어났을지 가능한 모든 경로를 적어 보세요.",
	Date:          "날짜", Scenario: "시나리오", RunSheet: "진행자 운영표", Summary: "요약", Duration: "진행 시간",
	Roster: "역할 명단", Role: "역할", Holder2: "담당자", Setup: "낭독", ToReveal: "공개할 단서", Note: "메모",
	Checklist: "인쇄 체크리스트", Deck: "덱", Sheets: "장", Warnings: "경고",
	NoRecipient: "단서 %s를 받는 역할이 없습니다", ReceivesNothing: "역할 %s는 세션 내내 단서를 받지 않습니다", Start: "T+0 기준",
	Page: "쪽", Kind: "유형", Round: "라운드", ReadAloud: "낭독", Facilitator: "진행자 전용", Blank: "(빈 양식)", Copies: "부",
	Scribe2: "기록자", NameLine: "이름",
	AfterEnd: "단서 %s는 %s에 공개되어 세션 예정 시간 %s을 넘깁니다",
	HourUnit: "시간", MinuteUnit: "분", UnitSep: " ",
	EmptyRound: "라운드 %s %q에 공개되는 단서가 없습니다",
	Sheet:      "장",
	DuplexFlip: map[layouts.Duplex]string{layouts.DuplexLong: "양면 인쇄, 긴 쪽으로 넘김", layouts.DuplexShort: "양면 인쇄, 짧은 쪽으로 넘김"},
	Modes:      map[scenarios.Mode]string{scenarios.Timed: "시간 공개", scenarios.Contingent: "조건부", scenarios.OnRequest: "요청 시"},
	NotBefore:  "이후 공개", System2: "시스템", Asked: "요청 내용", Condition: "조건", ReplacesClue: "대신할 단서",
	Expected: "기대 행동", By: "기한", RequestIndex: "요청 목록", IfTheyAsk: "이것을 물으면",
	Complications: "돌발 상황", Complication: "돌발 상황", LateBy: "늦음: 기한 %s", Situation: "상황", AtStart: "T+0에 아는 것", YourSystems: "카드에 나오는 시스템", DrawRule: "팀이 계획보다 앞서 있거나 한 가지 생각에 갇혀 있을 때 한 장 뽑는다.",
	Evaluator: "평가자 기록지", Observed: "관찰 시각", DecisionLog: "결정 기록", Rationale: "근거", FollowUp: "후속 조치",
	NoCard:     "요청했지만 카드가 없던 것",
	NoCardHint: "팀이 요청했지만 시나리오가 준비하지 못한 대시보드, 로그, 사실: 이 훈련이 찾으려는 관측의 빈틈이다.",
	Ratings:    []string{"달성", "부분 달성", "미달성", "해당 없음"},
	Report:     "사후 검토 보고서", Participants: "참가자", Score: "%[2]d개 중 달성 %[1]d, 부분 달성 %[3]d, 미달성 %[4]d, 해당 없음 %[5]d, 평가 안 함 %[6]d",
	Owner2: "담당", Due: "기한", From: "근거", Clock2: "시각",
	RatingNames: map[string]string{"met": "달성", "partly": "부분 달성", "not-met": "미달성", "n/a": "해당 없음", "": "평가 안 함"},
	KindNames:   map[string]string{"runbook": "런북", "alert": "알림", "dashboard": "대시보드", "training": "교육", "process": "프로세스", "other": "기타"},
	FindingTitles: map[string]string{
		"confusion": "혼란스러웠던 지점", "missing_data": "부족했던 데이터와 도구",
		"ownership": "책임이 불분명했던 곳", "runbook_gaps": "아무도 수행하지 못한 런북 단계",
		"should_have_existed": "있었어야 했던 것", "worked": "잘된 점", "broke": "안 된 점",
		"asked_no_card": "요청했지만 카드가 없던 것",
	},
	RecordHead: "세션 기록", Facilitator2: "진행자", Evaluator2: "평가", Findings2: "발견 사항",
}

// LabelsFor returns the labels of a language ("en" or "ko").
func LabelsFor(lang string) Labels {
	if lang == "ko" {
		return korean
	}
	return english
}
