package documents

import (
	"testing"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// FuzzBuild lays out every deck of any scenario that validates: layout must
// never panic or loop, whatever the numbers and texts.
func FuzzBuild(f *testing.F) {
	for _, ex := range examples.Examples() {
		src, _ := examples.ExampleSource(ex.Name)
		f.Add(src)
	}
	f.Add([]byte(examples.Template("ko")))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := scenarios.Parse("fuzz.toml", data, rules.DirSource(t.TempDir()), nil)
		if err != nil {
			return
		}
		// Beneath the recovery Build does: a panic here is a crasher.
		direct := func(s *scenarios.Session, opt Options, b deckBuilder) (*draw.Deck, error) { return b(s, opt) }
		decks, err := build(s, DefaultOptions(), direct)
		if err != nil {
			return
		}
		for _, d := range decks {
			if len(d.Pages) == 0 {
				t.Fatalf("%s has no pages", d.Name)
			}
		}
	})
}
