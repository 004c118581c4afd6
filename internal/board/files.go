package board

import (
	"context"
	"fmt"
	"io"

	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
)

// Formats are the board apps propdeck writes for, the default first.
var Formats = []string{"excalidraw", "tldraw"}

// Put takes one file of a command by its name and a function that writes
// its bytes: typically an output.Txn's AddFrom, so that every file streams
// into one all-or-nothing commit.
type Put func(name string, write func(io.Writer) error) error

// Write lays out a scenario's three boards in an app's format (the
// players' table, the facilitator's board, and the cards to hand out) and
// hands each to put. The cards are laid out once; each image is drawn as
// it is written and dropped, so that memory stays flat however many clues
// there are.
func Write(ctx context.Context, s *scenarios.Session, format string, put Put) error {
	var names [3]string
	id := s.ID()
	switch format {
	case "excalidraw":
		names = [3]string{id + "-table.excalidraw", id + "-facilitator.excalidraw", id + "-cards.excalidrawlib"}
	case "tldraw":
		names = [3]string{id + "-table.tldr", id + "-facilitator.tldr", id + "-cards.tldr"}
	default:
		return text.Fail("board-no-format", "format", format)
	}
	d, err := loadDeck(ctx, s)
	if err != nil {
		return err
	}
	writers := [3]func(io.Writer) error{
		func(w io.Writer) error { return writeScene(w, format, tableBoard(d), d) },
		func(w io.Writer) error { return writeScene(w, format, facilitatorBoard(d), d) },
		func(w io.Writer) error {
			if format == "excalidraw" {
				return excalidrawLib(w, d)
			}
			return tldrawFile(w, libraryBoard(d), d)
		},
	}
	for i, name := range names {
		if err := put(name, writers[i]); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// writeScene writes a board in a format's scene file.
func writeScene(w io.Writer, format string, b *scene, d *deck) error {
	if format == "excalidraw" {
		return excalidrawScene(w, b, d)
	}
	return tldrawFile(w, b, d)
}
