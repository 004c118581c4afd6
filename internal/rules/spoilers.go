package rules

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/propdeck/propdeck/internal/written"
)

// spoilers warns when a text players see before the start (the title and
// the briefing) names words of a sealed clue: one handed out later, on a
// condition or on request. A run of three words of the clue's ask, title
// or body in the same order, none of them a short or common word ("in the
// main" names nothing), is a name; Korean particles after a word ("메일은",
// "메일을") do not hide it.
func (v *validator) spoilers() {
	for _, key := range []string{"title", "briefing"} {
		text := v.s.Scenario.Title
		if key == "briefing" {
			text = v.s.Scenario.Briefing
		}
		public := words(text)
		if len(public) < spoilerRun {
			continue
		}
		for _, c := range v.s.Clues {
			if c.Mode == written.Timed && c.Offset <= 0 {
				continue
			}
			if run := sharedRun(public, words(c.Ask+"\n"+c.Title+"\n"+c.Body)); run != "" {
				v.warnf("scenario."+key, "spoiler-words", "key", key, "clue", c.ID, "when", sealedUntil(c), "words", run)
				break
			}
		}
	}
}

// spoilerRun is how many words in a row make a name: two are often a
// system's name the briefing may say ("orders-db p99").
const spoilerRun = 3

// sealedUntil says when a clue is handed out, for the warning.
func sealedUntil(c written.Clue) string {
	if c.Mode == written.Timed {
		return written.FormatOffset(c.Offset)
	}
	return strconv.Quote(string(c.Mode))
}

// words splits a text into words, lower-cased, a Korean particle cut from
// the end of a word of Hangul, each with the word as written. A line
// break ends a run.
func words(s string) [][2]string {
	var out [][2]string
	for _, line := range strings.Split(s, "\n") {
		for _, w := range strings.FieldsFunc(line, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' }) {
			w = strings.Trim(w, "-")
			if w == "" {
				continue
			}
			out = append(out, [2]string{stem(strings.ToLower(w)), w})
		}
		out = append(out, [2]string{"\n", ""})
	}
	return out
}

// particles are the Korean endings a noun takes in a sentence, longest
// first.
var particles = []string{"에서는", "으로는", "에서", "으로", "부터", "까지", "에게", "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만"}

func stem(w string) string {
	last, _ := utf8.DecodeLastRuneInString(w)
	if !unicode.Is(unicode.Hangul, last) {
		return w
	}
	for _, p := range particles {
		if rest, ok := strings.CutSuffix(w, p); ok && utf8.RuneCountInString(rest) >= 1 {
			return rest
		}
	}
	return w
}

// sharedRun is the first run of spoilerRun words of public that the clue
// has in the same order, as public writes it; "" when there is none.
func sharedRun(public, clue [][2]string) string {
	seen := map[string]bool{}
	key := func(ws [][2]string) (string, bool) {
		parts := make([]string, len(ws))
		for i, w := range ws {
			if w[0] == "\n" {
				return "", false
			}
			parts[i] = w[0]
		}
		return strings.Join(parts, " "), true
	}
	content := func(ws [][2]string) bool {
		for _, w := range ws {
			if !contentWord(w[0]) {
				return false
			}
		}
		return true
	}
	for i := 0; i+spoilerRun <= len(clue); i++ {
		if k, ok := key(clue[i : i+spoilerRun]); ok {
			seen[k] = true
		}
	}
	for i := 0; i+spoilerRun <= len(public); i++ {
		if k, ok := key(public[i : i+spoilerRun]); ok && seen[k] && content(public[i:i+spoilerRun]) {
			shown := make([]string, spoilerRun)
			for j, w := range public[i : i+spoilerRun] {
				shown[j] = w[1]
			}
			return strings.Join(shown, " ")
		}
	}
	return ""
}

// commonWords are English words of four letters or more that name
// nothing on their own.
var commonWords = map[string]bool{"that": true, "this": true, "with": true, "from": true, "have": true, "been": true, "were": true, "will": true, "what": true, "when": true, "which": true, "into": true, "over": true, "than": true, "then": true, "only": true, "also": true, "they": true, "them": true, "their": true, "there": true, "every": true, "after": true, "before": true, "still": true, "does": true, "nobody": true, "anyone": true}

// contentWord says whether a word may name something: a number, a word of
// Hangul of two syllables or more, or any other of four letters or more
// that is not common.
func contentWord(w string) bool {
	n := utf8.RuneCountInString(w)
	first, _ := utf8.DecodeRuneInString(w)
	switch {
	case strings.ContainsFunc(w, unicode.IsDigit):
		return true
	case unicode.Is(unicode.Hangul, first):
		return n >= 2
	}
	return n >= 4 && !commonWords[w]
}
