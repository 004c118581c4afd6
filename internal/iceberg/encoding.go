package iceberg

import (
	"regexp"
	"strconv"
	"strings"
)

// How propdeck writes what IcebergTTX has no field for, in fields
// IcebergTTX keeps (an import and export there drop any other key), so
// that propdeck → IcebergTTX → propdeck keeps it. Ids with a dot cannot be
// a propdeck id, so they never meet one.
const (
	// roundPrefix starts a round's inject id: round.1, round.2.
	roundPrefix = "round."
	// Briefing is the start inject of a scenario with no rounds.
	Briefing = "propdeck.briefing"
	// Otherwise is the option of a round with contingencies that takes
	// none of them.
	Otherwise = "otherwise"
	// insteadOf joins a contingency's option id to the clue it replaces.
	insteadOf = " instead of "
	// questionsHead opens a round's questions at the end of its content.
	questionsHead = "\n\nQuestions:\n"
)

// Cues are evaluator cues, which IcebergTTX shows in the facilitator's
// console only: the run sheet's note, what an on-request card answers.
const (
	NoteCue      = "Note: "
	AskCue       = "Asked for: "
	NotBeforeCue = "Not before "
	NobodyCue    = "For the facilitator only"
)

// RoundID is the inject id of round i (from 0).
func RoundID(i int) string { return roundPrefix + strconv.Itoa(i+1) }

// RoundIndex is the round an inject id stands for, or false.
func RoundIndex(id string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimPrefix(id, roundPrefix))
	if !strings.HasPrefix(id, roundPrefix) || err != nil || n < 1 {
		return 0, false
	}
	return n - 1, true
}

// OptionID is the option id of a contingency, naming the timed clue it
// replaces, if any.
func OptionID(clue, replaces string) string {
	if replaces == "" {
		return clue
	}
	return clue + insteadOf + replaces
}

// Replaced is the clue a contingency's option id says it replaces.
func Replaced(optionID string) string {
	_, r, _ := strings.Cut(optionID, insteadOf)
	return r
}

// RoundContent is a round's inject content: what is read aloud, then the
// questions as a list.
func RoundContent(setup string, questions []string) string {
	if len(questions) == 0 {
		return setup
	}
	return setup + questionsHead + "- " + strings.Join(questions, "\n- ")
}

// SplitRoundContent undoes RoundContent.
func SplitRoundContent(content string) (string, []string) {
	setup, qs, ok := strings.Cut(content, questionsHead)
	if !ok {
		return content, nil
	}
	var out []string
	for _, q := range strings.Split(qs, "\n") {
		if q, ok := strings.CutPrefix(q, "- "); ok {
			out = append(out, q)
		}
	}
	return setup, out
}

// ExpectText is an expected action as an evaluator cue: "ic: Declare an
// incident (by T+5m)".
func ExpectText(role, action, by string) string {
	s := role + ": " + action
	if by != "" {
		s += " (by " + by + ")"
	}
	return s
}

var expectRe = regexp.MustCompile(`(?s)^([^:\s]+): (.*?)(?: \(by (T[+-][0-9a-z.]+)\))?$`)

// ParseExpect undoes ExpectText; false when the cue names no role.
func ParseExpect(cue string) (role, action, by string, ok bool) {
	m := expectRe.FindStringSubmatch(cue)
	if m == nil {
		return "", "", "", false
	}
	return m[1], m[2], m[3], true
}
