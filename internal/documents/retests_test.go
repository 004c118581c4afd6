package documents

import (
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/cards"
)

// TestRetestsAreCarriedIntoTheSession: with the programme's open actions,
// the run sheet lists each ("last time: …; still open") and the evaluator
// sheet gives each rating boxes, in the scenario's language; without any,
// neither sheet changes.
func TestRetestsAreCarriedIntoTheSession(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"eu-db-latency", "dns-change-ko"} {
		s := example(t, name)
		lb := cards.LabelsFor(s.Meta().Language)
		opt := DefaultOptions()
		opt.Retests = []Retest{{ID: name + "/2026-03-10/1", Title: "No replica-lag panel <b>", Owner: "data-platform", Due: "2026-04-01", Opened: "2026-03-10", Overdue: true}}
		decks, err := Build(s, opt)
		if err != nil {
			t.Fatal(err)
		}
		plain, _ := Build(s, DefaultOptions())
		for i, d := range decks {
			text := deckText(d)
			carried := strings.Contains(text, "No replica-lag panel <b>")
			switch {
			case strings.HasSuffix(d.Name, "-facilitator"), strings.HasSuffix(d.Name, "-evaluator"):
				if !carried || !strings.Contains(text, lb.Retests) || !strings.Contains(text, lb.StillOpen+", "+lb.Overdue) {
					t.Errorf("%s: the open action is not carried:\n%s", d.Name, text)
				}
				if strings.HasSuffix(d.Name, "-evaluator") && strings.Count(text, lb.Observed) != strings.Count(deckText(plain[i]), lb.Observed)+1 {
					t.Errorf("%s: the retest has no rating boxes", d.Name)
				}
			case carried || deckText(plain[i]) != text:
				t.Errorf("%s changed with retests", d.Name)
			}
		}
	}
}
