package scenarios

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/text/texttest"
	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/vocab"
	"github.com/propdeck/propdeck/internal/written"
)

// koreanBase is a Korean scenario that validates; each case adds one
// mistake to it.
const koreanBase = `format = 1
[scenario]
id = "k"
title = "결제 지연"
language = "ko"
duration = "60m"
[[roles]]
id = "ic"
name = "지휘자"
[[roles]]
id = "ops"
name = "운영"
[[systems]]
id = "db"
name = "데이터베이스"
`

// TestKoreanMistakesAreKorean: the mistakes a new author makes most, in a
// Korean scenario, come back wholly in Korean: each line's words are
// Korean, and only the ids, keys and values the author wrote (or the
// names of propdeck's own things, like T+0 and id) stay as written.
func TestKoreanMistakesAreKorean(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, add string
		want      []string
	}{
		{"a role's name for its id", "[[clues]]\nid = \"c1\"\nat = \"T+5m\"\ntitle = \"경보\"\nto = [\"지휘자\"]\n",
			[]string{`단서 "c1": id가 "지휘자"인 역할이 없음 (혹시 "ic"? "지휘자"는 그 역할의 이름이니 id를 쓸 것)`}},
		{"a time without a unit", "[[clues]]\nid = \"c1\"\nat = \"T+10\"\ntitle = \"경보\"\n",
			[]string{`단서 "c1": at: 시각 "T+10"에 단위가 없음: 혹시 "T+10m"?`}},
		{"a misspelt key", "[[clues]]\nid = \"c1\"\nat = \"T+5m\"\ntitel = \"경보\"\n",
			[]string{`단서 "c1"에 알 수 없는 키 "titel"이 있음 (혹시 꼭 필요한 키 "title"?)`}},
		{"a value not in the list", "[[clues]]\nid = \"c1\"\nat = \"T+5m\"\ntitle = \"경보\"\nkind = \"alrt\"\n",
			[]string{`단서 "c1": kind = "alrt": 다음 중 하나여야 함:`, `(혹시 "alert"?)`}},
		{"a missing key", "[[clues]]\nid = \"c1\"\nat = \"T+5m\"\n",
			[]string{`단서 "c1"에 꼭 필요한 키 "title"이 없음`}},
		{"a repeated id", "[[roles]]\nid = \"ic\"\nname = \"둘째\"\n",
			[]string{`역할 id "ic"가 중복됨 (처음 쓴 곳: 8번째 줄); 역할마다 id가 달라야 함`}},
		{"a wall clock without a start", "[[clues]]\nid = \"c1\"\nat = \"09:45\"\ntitle = \"경보\"\n",
			[]string{`단서 "c1": at: 시각 "09:45"는 벽시계 시각인데 scenario.start가 없음`}},
		{"a number for a string", "[[clues]]\nid = \"c1\"\nat = \"T+5m\"\ntitle = 5\n",
			[]string{`단서 "c1": title은 정수가 아니라 문자열이어야 함: 따옴표로 감쌀 것`}},
		{"a key written twice", "[[clues]]\nid = \"c1\"\nat = \"T+5m\"\ntitle = \"경보\"\ntitle = \"경보\"\n",
			[]string{`k.toml:20:1: TOML 문법: clues[0].title이 두 번 정의됨`}},
		{"a system that is not there", "[[clues]]\nid = \"c1\"\nat = \"T+5m\"\ntitle = \"경보\"\nsystem = \"dbb\"\n",
			[]string{`단서 "c1": id가 "dbb"인 시스템이 없음 (혹시 "db"?)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			src := koreanBase + tc.add
			_, err := Parse("k.toml", []byte(src), nil, nil)
			if err == nil {
				t.Fatal("no error")
			}
			for _, want := range tc.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("want %q in\n%v", want, err)
				}
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if words := english(line, src); len(words) > 0 {
					t.Errorf("English words %q in %s", words, line)
				}
			}
		})
	}
}

// formatKeys are the keys a scenario may have, which messages name as
// they are written.
var formatKeys = func() map[string]bool {
	keys := map[string]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || keys[t.String()] {
			return
		}
		keys[t.String()] = true
		for i := 0; i < t.NumField(); i++ {
			if name := tomlfile.FieldName(t.Field(i)); name != "" && name != "-" {
				keys[name] = true
				walk(t.Field(i).Type)
			}
		}
	}
	walk(reflect.TypeOf(written.Scenario{}))
	return keys
}()

// english is the words of a message line that are neither the author's
// (what the file says, quoted or as a key) nor propdeck's own names.
func english(line, src string) []string {
	_, msg, _ := strings.Cut(line, ": ")
	return texttest.EnglishWords(msg, func(w string) bool { return authorsOrOwn(w, src) })
}

// authorsOrOwn reports whether w is the author's or propdeck's own.
func authorsOrOwn(w, src string) bool {
	switch {
	case w == "id" || w == "T+0" || w == "TOML" || strings.HasPrefix(w, "scenario."):
	case strings.Contains(src, w), formatKeys[w]:
	case strings.ContainsAny(w, ".["):
		// A key path as the file nests it: clues[0].title.
		for _, part := range strings.FieldsFunc(w, func(r rune) bool { return strings.ContainsRune(".[]0123456789", r) }) {
			if !strings.Contains(src, part) && !formatKeys[part] {
				return false
			}
		}
	default:
		return false
	}
	return true
}

// TestEnglishMistakesStayAsTheyWere: the same mistakes in an English
// scenario say what they said before messages had keys.
func TestEnglishMistakesStayAsTheyWere(t *testing.T) {
	t.Parallel()
	src := strings.Replace(koreanBase, `language = "ko"`, `language = "en"`, 1) + "[[clues]]\nid = \"c1\"\nat = \"T+10\"\ntitle = \"경보\"\nto = [\"지휘자\"]\n"
	_, err := Parse("e.toml", []byte(src), nil, nil)
	want := "e.toml:18:1: clue \"c1\": at: time \"T+10\" has no unit: did you mean \"T+10m\"?\n" +
		"e.toml:20:7: clue \"c1\": no role has id \"지휘자\" (did you mean \"ic\"? \"지휘자\" is that role's name; use its id)"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

// TestAThirdLanguageSaysItsOwnMessages: a language added as a catalog
// folder alone (here only its messages.toml, every sentence shouted) is
// one a scenario may name, and its errors are in it.
func TestAThirdLanguageSaysItsOwnMessages(t *testing.T) {
	en := string(text.Raw("en", "messages"))
	// Upper-case each sentence, never the {fields} it fills nor a TOML
	// escape (\t would become \T).
	fieldOrWords := regexp.MustCompile(`\{[^}]*\}|\\.|[^{\\]+`)
	lines := strings.Split(en, "\n")
	for i, l := range lines {
		if k, v, ok := strings.Cut(l, " = "); ok && !strings.HasPrefix(l, "#") {
			lines[i] = k + " = " + fieldOrWords.ReplaceAllStringFunc(v, func(s string) string {
				if strings.HasPrefix(s, "{") || strings.HasPrefix(s, `\`) {
					return s
				}
				return strings.ToUpper(s)
			})
		}
	}
	shout := strings.Join(lines, "\n")
	// The language list is the process's: give it back for the tests after.
	langs := slices.Clone(vocab.Language.Values)
	t.Cleanup(func() { vocab.SetLanguages(langs) })
	text.Register("zz", fstest.MapFS{"messages.toml": &fstest.MapFile{Data: []byte(shout)}})
	src := strings.Replace(koreanBase, `language = "ko"`, `language = "zz"`, 1) + "[[clues]]\nid = \"c1\"\nat = \"T+10\"\ntitle = \"x\"\n"
	_, err := Parse("z.toml", []byte(src), nil, nil)
	want := `z.toml:18:1: CLUE "c1": at: TIME "T+10" HAS NO UNIT: DID YOU MEAN "T+10m"?`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}
