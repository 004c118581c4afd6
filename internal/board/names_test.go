package board

import (
	"context"
	"testing"

	"github.com/propdeck/propdeck/internal/examples"
)

// TestFrameNamesClearAtTheOverview: on every board of every example,
// zoomed out as Excalidraw fits the whole board to a 1280×800 window, no
// frame's name (drawn at 14 px whatever the zoom) touches anything above
// its frame.
func TestFrameNamesClearAtTheOverview(t *testing.T) {
	t.Parallel()
	for _, ex := range examples.Examples() {
		s, err := examples.LoadExample(ex.Name, nil)
		if err != nil {
			t.Fatal(err)
		}
		d, err := loadDeck(context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		for name, b := range map[string]*scene{"table": tableBoard(d), "facilitator": facilitatorBoard(d), "library": libraryBoard(d)} {
			z := fitZoom(b)
			for _, f := range b.Items {
				if f.Kind != frameItem || f.Parent != "" {
					continue
				}
				top := f.Y - nameBand/z
				for _, it := range b.Items {
					if it.Kind == arrowItem || it.ID == f.ID || it.Parent == f.ID {
						continue
					}
					if min(it.X+it.W, f.X+f.W) > max(it.X, f.X) && min(it.Y+it.H, f.Y) > max(it.Y, top) {
						t.Errorf("%s %s board at %.0f%%: the name of frame %s runs into %s", ex.Name, name, 100*z, f.ID, it.ID)
						break
					}
				}
			}
		}
	}
}
