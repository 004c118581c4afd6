package board

import (
	"context"
	"fmt"

	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// Formats are the board apps propdeck writes for, the default first.
var Formats = []string{"excalidraw", "tldraw"}

// Files lays out a scenario's three boards in an app's format: the
// players' table, the facilitator's board, and the cards to hand out.
func Files(ctx context.Context, s *scenarios.Scenario, format string) ([]output.File, error) {
	d, err := loadDeck(ctx, s)
	if err != nil {
		return nil, err
	}
	id := s.Scenario.ID
	type file struct {
		name  string
		write func() ([]byte, error)
	}
	var list []file
	switch format {
	case "excalidraw":
		list = []file{
			{id + "-table.excalidraw", func() ([]byte, error) { return excalidrawScene(tableBoard(d)) }},
			{id + "-facilitator.excalidraw", func() ([]byte, error) { return excalidrawScene(facilitatorBoard(d)) }},
			{id + "-cards.excalidrawlib", func() ([]byte, error) { return excalidrawLib(d) }},
		}
	case "tldraw":
		list = []file{
			{id + "-table.tldr", func() ([]byte, error) { return tldrawFile(tableBoard(d)) }},
			{id + "-facilitator.tldr", func() ([]byte, error) { return tldrawFile(facilitatorBoard(d)) }},
			{id + "-cards.tldr", func() ([]byte, error) { return tldrawFile(libraryBoard(d)) }},
		}
	default:
		return nil, fmt.Errorf("no board format %q", format)
	}
	var out []output.File
	for _, f := range list {
		data, err := f.write()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
		out = append(out, output.File{Name: f.name, Data: data})
	}
	return out, nil
}
