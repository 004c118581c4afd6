package premortem_test

import (
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/premortem"
)

// TestCardTextIsPrintable: a prompt card with a rune no face of the decks
// prints (cards.Printing answers, as in the binary), or a control
// character, is refused at its line, like a scenario's text; before, an
// emoji crashed the PDF library and the rest vanished.
func TestCardTextIsPrintable(t *testing.T) {
	t.Parallel()
	for _, r := range []string{`\U0001F525`, `\U0001D54F`, `\u2603`, `\u0000`, `\u0007`, `\u202E`, `\uFFFF`, `\uE000`} {
		src := "[[cards]]\nid = \"own-1\"\ntheme = \"people\"\nprovocation = \"ok\"\nquestion = \"Who " + r + " decides?\"\n"
		_, err := premortem.ParseCards("own.toml", []byte(src), cards.Printing)
		if err == nil || !strings.Contains(err.Error(), "own.toml:5:") || !strings.Contains(err.Error(), `card "own-1" question has a`) {
			t.Errorf("%s: error %v", r, err)
		}
	}
}
