package documents

import (
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/examples"
)

// TestScreenOpensWithTheBriefing: the screen deck's first slide is the
// title and the players' briefing, never the facilitator's summary, which
// in cert-expiry-ko says where the renewal mails went.
func TestScreenOpensWithTheBriefing(t *testing.T) {
	t.Parallel()
	for _, ex := range examples.Examples() {
		s := example(t, ex.Name)
		d, err := Screen(s, false)
		if err != nil {
			t.Fatal(err)
		}
		first := deckText(&draw.Deck{Pages: d.Pages[:1]})
		hasWords(t, ex.Name+" first slide", first, s.Meta().Briefing)
		for _, w := range strings.Fields(s.Meta().Summary) {
			if !strings.Contains(s.Meta().Briefing+" "+s.Meta().Title, w) && strings.Contains(first, w) && len([]rune(w)) > 4 {
				t.Errorf("%s: the first slide says %q, from the summary", ex.Name, w)
			}
		}
	}
}
