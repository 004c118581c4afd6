package importer

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/text/texttest"
)

// TestKoreanPostmortemMistakesAreKorean: the mistakes a Korean author
// makes most in a postmortem come back wholly in Korean, each at
// FILE:LINE:COL (or FILE where the whole file is the place): every
// word is Korean but the headings, times and cells as written and the
// names of formats and of propdeck's own options.
func TestKoreanPostmortemMistakesAreKorean(t *testing.T) {
	t.Parallel()
	base, err := os.ReadFile("testdata/postmortem/korean.md")
	if err != nil {
		t.Fatal(err)
	}
	src := string(base)
	for _, tc := range []struct {
		name, from, to string
		want           []string
	}{
		{"no timeline", "## 타임라인\n", "## 메모\n",
			[]string{`k.md: 타임라인이 없음: 제목이 타임라인(또는 경과, Timeline)인 섹션에`}},
		{"a misspelt timeline heading", "## 타임라인\n", "## 타임라안\n",
			[]string{`k.md: 타임라인이 없음:`, `; 13번째 줄의 섹션 "타임라안" (혹시 "타임라인"?)`}},
		{"a time that does not read", "| 14:09 |", "| 2시쯤 |",
			[]string{`k.md:18:3: 시각 "2시쯤"은 RFC 3339(2026-03-10T09:04:00Z), 날짜와 시각`}},
		{"a time a week away", "| 14:27 |", "| 2026-04-20 14:27 |",
			[]string{`k.md:22:3: 시각 "2026-04-20 14:27"은 --t0 2026-04-02T14:05:00Z에서 일주일 넘게 떨어져 있음`}},
		{"a table without a time column", "| 시각 | 내용 | 담당 |\n| --- | --- | --- |\n| 14:05 |", "| 순서 | 내용 | 담당 |\n| --- | --- | --- |\n| 첫째 |",
			[]string{`k.md:15:1: 타임라인 표에 시각 열이 없음: 열 하나의 머리글을 시각(또는 Time)으로 하거나`, `지금 있는 열: 순서, 내용, 담당`}},
		{"a timeline with no entries", "| 14:05 | 결제 게이트웨이 설정 배포 완료 | |\n| 14:09 | 결제 지연 경보 발생 (p99 30초 초과) | |\n| 14:12 | 김하늘이 호출을 수락함 | 김하늘 |\n| 14:18 | 고객센터: \"결제가 안 된다\"는 문의 급증 | |\n| 14:21 | 박준호가 장애를 선언하고 지휘를 맡음 | 박준호 |\n| 14:27 | 게이트웨이 설정 롤백 시작 | |\n| 14:36 | 승인 지연 정상화 | |\n",
			"| 14:05 | | |\n",
			[]string{`k.md: 타임라인에 시각과 내용이 모두 있는 항목이 없음`}},
		{"not UTF-8", "27분 동안", "27\xb0분 동안",
			[]string{`k.md:11:3: UTF-8 텍스트가 아님; 포스트모템을 UTF-8로 저장할 것`}},
		{"a character the fonts cannot print", "# 포스트모템: 결제 승인 지연", "# 포스트모템: 결제 승인 지연 🔥",
			[]string{`k.md:1:12: 텍스트에 글꼴로 인쇄할 수 없는 문자`, `U+1F525`}},
		{"a heading the draft does not read", "## 교훈\n", "## 교휸\n",
			[]string{`k.md:41:4: 넣지 못함: 섹션 "교휸"은 초안이 읽는 섹션이 아님`}},
		{"a second summary", "## 영향\n", "## 요약\n",
			[]string{`k.md:9:4: 넣지 못함: 섹션 "요약" (두 번째 것; 5번째 줄의 첫 번째 것을 씀)`}},
		{"a timeline line without a time", "## 근본 원인\n", "- 곧 복구됨\n\n## 근본 원인\n",
			[]string{`넣지 못함: 하루 중의 시각이 없는 타임라인 줄: "곧 복구됨"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if !strings.Contains(src, tc.from) {
				t.Fatalf("the postmortem has no %q", tc.from)
			}
			md := strings.Replace(src, tc.from, tc.to, 1)
			if lang := PostmortemLanguage([]byte(md)); lang != "ko" {
				t.Fatalf("read as %s", lang)
			}
			_, notes, err := Postmortem("k.md", []byte(md), "k", PostmortemOptions{})
			var lines []string
			if err != nil {
				lines = strings.Split(text.In(err, "ko"), "\n")
			}
			for _, n := range notes {
				lines = append(lines, n.In("ko"))
			}
			said := strings.Join(lines, "\n")
			for _, want := range tc.want {
				if !strings.Contains(said, want) {
					t.Errorf("want %q in\n%s", want, said)
				}
			}
			for _, line := range lines {
				if !atPlace.MatchString(line) {
					t.Errorf("not at k.md:LINE:COL: %s", line)
				}
				if words := englishIn(line, md); len(words) > 0 {
					t.Errorf("English words %q in %s", words, line)
				}
			}
		})
	}
}

var (
	atPlace = regexp.MustCompile(`^k\.md(:\d+(:\d+)?)?: `)
	stamp   = regexp.MustCompile(`\d{4}-\d{2}-\d{2}T[\d:]+Z?`)
	// ownNames are the names a Korean message keeps as they are: the
	// formats and encodings it names, propdeck's options and the
	// headings it reads in either language.
	ownNames = map[string]bool{"UTF-8": true, "RFC": true, "UTC": true, "HH": true, "MM": true, "t0": true, "Timeline": true, "Time": true, "U+1F525": true}
)

// inSource reports whether the file holds w, or each part of a key path
// (metadata.name) that it nests.
func inSource(w, src string) bool {
	for _, part := range strings.Split(w, ".") {
		if !strings.Contains(src, part) {
			return false
		}
	}
	return true
}

// englishIn is the words of a line that are neither the author's (quoted,
// or in the postmortem) nor propdeck's own names.
func englishIn(line, src string) []string {
	_, msg, _ := strings.Cut(line, ": ")
	return texttest.EnglishWords(stamp.ReplaceAllString(msg, ""), func(w string) bool { return ownNames[w] || inSource(w, src) })
}

// TestOtherImportsSayTheirMistakesInKorean: the other importers' common
// mistakes, said in Korean (--lang ko): a CSV export's bad time and
// short row, a Backstage descriptor's wrong type and an IcebergTTX
// file's broken reference, each at its place, every word Korean but
// the file's own.
func TestOtherImportsSayTheirMistakesInKorean(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	csv := "time,text\n09:00,경보 발생\n곧,배포 되돌림\n09:20\n"
	yaml := "kind: Component\nmetadata:\n  name: [a]\n"
	ice := `{"schema_version": "1.0", "title": "t", "participant_teams": [{"id": "ops", "label": "운영"}],
"injects": [{"id": "a", "title": "경보", "target_teams": ["opps"], "next_inject_id": "bb"}, {"id": "b", "title": "끝"}],
"start_inject_id": "a"}`
	for _, tc := range []struct {
		name, src string
		run       func() error
		want      []string
	}{
		{"timeline", csv, func() error {
			_, _, err := Timeline("t.csv", []byte(csv), "t", TimelineOptions{T0: t0})
			return err
		}, []string{`t.csv:3: 시각 "곧"은 RFC 3339`, `t.csv:4: 열이 1개뿐이라 text 열이 빠짐`}},
		{"backstage", yaml, func() error {
			_, _, err := Backstage([]File{{"c.yaml", []byte(yaml)}}, "ko")
			return err
		}, []string{`c.yaml:3:9: metadata.name는 목록이 아니라 텍스트여야 함`}},
		{"iceberg", ice, func() error {
			_, _, err := Iceberg(context.Background(), "i.json", []byte(ice), "i")
			return err
		}, []string{`i.json:2:13: 인젝트 "a": 대상 팀 "opps"는 참가 팀이 아님 (혹시 "ops"?)`, `i.json:2:13: 인젝트 "a": 그 next_inject_id "bb"는 인젝트가 아님 (혹시 "b"?)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.run()
			if err == nil {
				t.Fatal("no error")
			}
			said := text.In(err, "ko")
			for _, want := range tc.want {
				if !strings.Contains(said, want) {
					t.Errorf("want %q in\n%s", want, said)
				}
			}
			for _, line := range strings.Split(said, "\n") {
				if words := englishIn(line, tc.src); len(words) > 0 {
					t.Errorf("English words %q in %s", words, line)
				}
			}
		})
	}
}
