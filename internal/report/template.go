package report

import (
	"fmt"
	"strings"

	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/tomlw"
	"github.com/propdeck/propdeck/internal/vocab"
)

// recordText is what a pre-filled record says around its keys, per language.
var recordText = map[string]struct {
	head, date, timeline, expected, rating, findings, actions string
	example                                                   string
}{
	"en": {
		head: "# Session record of “%s” (%s). Type in what is on the paper worksheets, then:\n#   propdeck report %s %s -o out\n# Every key is explained in the format reference (propdeck reference).",
		date: "# the day of the session: confirm it", timeline: "# What happened, in order: one [[timeline]] each. at is an offset (T+4m), or a wall clock (09:04).",
		expected: "# The scenario's expected actions, from the evaluator sheet.", rating: "# met | partly | not-met | n/a",
		findings: "# The scribe and debrief boxes: one short note per item.", actions: "# The improvement plan: one [[actions]] per item. kind: runbook | alert | dashboard | training | process | other",
		example: "IC declared SEV-2 in the incident channel",
	},
	"ko": {
		head: "# “%s”(%s) 세션 기록. 종이 기록지의 내용을 옮겨 적은 뒤:\n#   propdeck report %s %s -o out\n# 모든 키의 설명은 형식 문서에 있다 (propdeck reference).",
		date: "# 세션 날짜: 확인할 것", timeline: "# 일어난 일을 순서대로: [[timeline]] 하나에 한 가지. at은 T+4m 같은 시점이나 09:04 같은 시각.",
		expected: "# 시나리오의 기대 행동: 평가자 기록지에서 옮긴다.", rating: "# met(달성) | partly(부분) | not-met(미달성) | n/a(해당 없음)",
		findings: "# 기록자와 회고 칸: 한 항목에 짧은 메모 하나.", actions: "# 개선 계획: 항목마다 [[actions]] 하나. kind: runbook | alert | dashboard | training | process | other",
		example: "지휘자가 장애 채널에 심각도 2를 선언했다",
	},
}

// shellWord quotes a path for a shell when it needs it.
func shellWord(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// RecordTemplate is a record to fill in after a session of s: the scenario
// id, the date to confirm, one [[expected]] per expected action of the
// scenario, and commented examples of the rest, in the scenario's language.
// scenarioArg and path are how the scenario and the record were named on
// the command line: the command the header gives then works as it is.
func RecordTemplate(s *scenarios.Scenario, scenarioArg, path, date string) string {
	tx, ok := recordText[s.Scenario.Language]
	if !ok {
		tx = recordText["en"]
	}
	q := tomlw.Quote
	var b strings.Builder
	fmt.Fprintf(&b, "#:schema record.schema.json\n"+tx.head+"\nformat = 1\n", tomlw.Comment(s.Scenario.Title), s.Scenario.ID, tomlw.Comment(shellWord(scenarioArg)), tomlw.Comment(shellWord(path)))
	fmt.Fprintf(&b, "scenario = %s\ndate = %s %s\nfacilitator = \"\"\nscribe = \"\"\nparticipants = []\nsummary = \"\"\n\n", q(s.Scenario.ID), q(date), tx.date)
	var roles []string
	for _, r := range s.Roles {
		roles = append(roles, r.ID)
	}
	fmt.Fprintf(&b, "%s\n# [[timeline]]\n# at = \"T+4m\"\n# what = %s\n# decision = \"\"\n# who = %s   # %s\n\n", tx.timeline, q(tx.example), q(roles[0]), tomlw.Comment(strings.Join(roles, ", ")))
	first := true
	for _, r := range s.Rounds {
		for _, e := range r.Expect {
			if first {
				b.WriteString(tx.expected + "\n")
				first = false
			}
			by := ""
			if e.HasBy {
				by = scenarios.FormatOffset(e.ByOffset)
			}
			fmt.Fprintf(&b, "[[expected]]\nrole = %s\naction = %s\nby = %s\nrating = \"\"   %s\nobserved = \"\"\nnote = \"\"\n\n", q(e.Role), q(e.Action), q(by), tx.rating)
		}
	}
	b.WriteString(tx.findings + "\n[findings]\n")
	for _, key := range vocab.FindingList.Values {
		fmt.Fprintf(&b, "%s = []\n", key)
	}
	fmt.Fprintf(&b, "\n%s\n# [[actions]]\n# title = \"\"\n# kind = \"dashboard\"\n# owner = \"\"\n# due = %s\n# from = \"missing_data\"\n", tx.actions, q(date))
	return b.String()
}
