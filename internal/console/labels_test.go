package console

import (
	"maps"
	"slices"
	"testing"
	"unicode"

	"github.com/propdeck/propdeck/internal/text"
)

// TestEnglishLabelsAreCapitalised: a label the pages show on its own or
// between dots (a card kind, a note tag, a rating, an ask's status, a
// session's status) starts with a capital in English, as the others do.
func TestEnglishLabelsAreCapitalised(t *testing.T) {
	t.Parallel()
	w := text.Load[consoleWords]("en", "console")
	labels := map[string]string{"Paused": w.Paused, "NotStarted": w.NotStarted, "Ended": w.Ended, "Late": w.Late,
		"By": w.By, "Hidden": w.Hidden, "OnScreen": w.OnScreen, "NoCard": w.NoCard, "Replaces": w.Replaces}
	for name, list := range map[string]map[string]string{"Tags": w.Tags, "Kinds": w.Kinds, "Ratings": w.Ratings, "AskStatus": w.AskStatus} {
		for _, id := range slices.Sorted(maps.Keys(list)) {
			labels[name+"."+id] = list[id]
		}
	}
	for _, name := range slices.Sorted(maps.Keys(labels)) {
		if l := []rune(labels[name]); len(l) == 0 || !unicode.IsUpper(l[0]) {
			t.Errorf("%s = %q: not capitalised", name, labels[name])
		}
	}
}
