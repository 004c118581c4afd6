package scenarios

import (
	"regexp"
	"strings"
)

// koreanFixed are the fixed words of the messages people meet most, in
// Korean, for a scenario whose language is ko. Ids, keys, values and file
// names stay as written: they are what the author searches the file for.
// Each rule rewrites one fixed phrase; what no rule knows stays English.
var koreanFixed = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`^unknown key ("[^"]*") in (.+?); known keys: (.*)$`), `${2}에 알 수 없는 키 ${1}; 쓸 수 있는 키: ${3}`},
	{regexp.MustCompile(`^unknown key ("[^"]*") in (.+?)( \(did you mean [^)]*\))?$`), `${2}에 알 수 없는 키 ${1}${3}`},
	{regexp.MustCompile(`^missing required key ("[^"]*") in (.+)$`), `${2}에 꼭 필요한 키 ${1}이(가) 없음`},
	{regexp.MustCompile(`no role has id ("[^"]*")`), `id가 ${1}인 역할이 없음`},
	{regexp.MustCompile(`no system has id ("[^"]*")`), `id가 ${1}인 시스템이 없음`},
	{regexp.MustCompile(`no clue has id ("[^"]*")`), `id가 ${1}인 단서가 없음`},
	{regexp.MustCompile(`^duplicate (\w+) id ("[^"]*") \(first used at ([^)]*)\); every \w+ needs its own id$`), `${1} id ${2}가 중복됨 (처음 쓴 곳: ${3}); id는 하나씩 달라야 함`},
	{regexp.MustCompile(`(= "[^"]*") is not one of (.*)$`), `${1}은(는) 다음 중 하나여야 함: ${2}`},
	{regexp.MustCompile(` has a control character: (U\+[0-9A-F]+) ?(.*); remove or replace it$`), `에 제어 문자 ${1} ${2}이(가) 있음; 지우거나 바꿀 것`},
	{regexp.MustCompile(` has a character the fonts cannot print: (U\+[0-9A-F]+) ?(.*); remove or replace it$`), `에 글꼴로 인쇄할 수 없는 문자 ${1} ${2}이(가) 있음; 지우거나 바꿀 것`},
	{regexp.MustCompile(`\(did you mean ("[^"]*")\?\)`), `(혹시 ${1}?)`},
	{regexp.MustCompile(`, which is required\?\)`), `? 꼭 필요한 키)`},
	{regexp.MustCompile(`^no such file$`), `파일이 없음`},
	{regexp.MustCompile(`; known: (.*)$`), `; 있는 것: ${1}`},
}

// inKorean puts the fixed parts of each message in Korean.
func inKorean(errs Errors) Errors {
	out := make(Errors, len(errs))
	for i, e := range errs {
		msg := e.Msg
		for _, r := range koreanFixed {
			msg = r.re.ReplaceAllString(msg, r.with)
		}
		e.Msg = strings.TrimSpace(msg)
		out[i] = e
	}
	return out
}
