package documents

import (
	"reflect"
	"testing"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/premortem"
)

// TestNothingChangesTheScenario: every deck, card and warning reads the
// resolved scenario and leaves it as it was read, so that a console, a
// board and a converter can share one.
func TestNothingChangesTheScenario(t *testing.T) {
	for _, name := range []string{"eu-db-latency", "dns-change-ko"} {
		s, fresh := example(t, name), example(t, name)
		opt := DefaultOptions()
		opt.Fold = true
		for _, build := range []func() error{
			func() error { _, err := Build(s, DefaultOptions()); return err },
			func() error { _, err := Build(s, opt); return err },
			func() error { _, err := Screen(s, true); return err },
			func() error { _, err := Packets(s, DefaultOptions()); return err },
			func() error { _, err := Refill(s, DefaultOptions(), 3, "ko"); return err },
			func() error {
				_, err := PremortemKit(s, s.Meta().Language, premortem.Cards(s.Meta().Language), DefaultOptions())
				return err
			},
			func() error { _, err := cards.AllCards(s, cards.DefaultOptions()); return err },
			func() error { sheetWarnings(s); return nil },
		} {
			if err := build(); err != nil {
				t.Fatal(err)
			}
		}
		if !reflect.DeepEqual(s, fresh) {
			t.Errorf("%s: building changed the scenario", name)
		}
	}
}
