package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/board"
	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
)

func boardCommand() *cli.Command {
	return &cli.Command{
		Name:      "board",
		Usage:     "lay out the remote table as Excalidraw or tldraw boards",
		ArgsUsage: "SCENARIO.toml|EXAMPLE",
		Description: "Writes three files for a remote or hybrid session:\n" +
			"  ID-table.excalidraw        the players' board: a frame per role with its badge, the systems wall\n" +
			"                             with its dependencies, an empty frame per round to deal cards into,\n" +
			"                             the timeline and the scribe's notes; nothing sealed\n" +
			"  ID-facilitator.excalidraw  everything: each round's clue cards and expected actions, the\n" +
			"                             contingencies with their conditions, the requests by system, the\n" +
			"                             complications face down; never share it\n" +
			"  ID-cards.excalidrawlib     every clue, request and complication card as a library item, to drag\n" +
			"                             onto the players' board when it is handed out\n" +
			"--format tldraw writes the same three as ID-table.tldr, ID-facilitator.tldr and ID-cards.tldr.\n" +
			"Cards are drawn as the printed decks draw them. Nothing is written unless all three are.\n\n" +
			"Example:\n   propdeck board eu-db-latency -o board\n   propdeck board dns-change-ko -o board --format tldraw",
		Flags: []cli.Flag{
			requiredOut("output folder"),
			&cli.StringFlag{Name: "format", Usage: strings.Join(board.Formats, " or "), Value: board.Formats[0]},
		},
		Action: boardAction,
	}
}

func boardAction(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() != 1 {
		return usage(text.M("cli-needs-one-scenario", "command", "board"))
	}
	format := cmd.String("format")
	if !slices.Contains(board.Formats, format) {
		return usage(text.M("cli-flag-one-of", "flag", "format", "values", text.OrList(board.Formats), "hint", hintOf(format, board.Formats)))
	}
	s, err := loadScenario(ctx, cmd.Args().First())
	if err != nil {
		return err
	}
	start := time.Now()
	dir := cmd.String("out")
	total, err := boardInto(ctx, dir, s, format)
	var se *tomlfile.Errors
	if errors.As(cards.Positioned(s, err), &se) {
		return se
	}
	if err != nil {
		return saidIn(text.Fail("file-nothing-written", "file", s.File(), "err", err), s.Language())
	}
	fmt.Fprintln(cmd.Root().Writer, text.M("boards-wrote", "format", format, "id", s.ID(), "dir", dir, "size", size(total), "took", time.Since(start).Round(time.Millisecond)).In(s.Language()))
	return nil
}

// boardInto streams the three boards into dir through one all-or-nothing
// commit, each file written as it is drawn, so that memory stays flat
// however many clues there are; it returns how many bytes it wrote.
func boardInto(ctx context.Context, dir string, s *scenarios.Session, format string) (total int, err error) {
	t, err := output.Begin(ctx, dir)
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			t.Abort()
		}
	}()
	err = board.Write(ctx, s, format, func(name string, write func(io.Writer) error) error {
		return t.AddFrom(name, func(w io.Writer) error {
			c := &counter{w: w}
			err := write(c)
			total += c.n
			return err
		})
	})
	if err != nil {
		return 0, err
	}
	return total, t.Commit()
}

// counter counts the bytes written through it.
type counter struct {
	w io.Writer
	n int
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += n
	return n, err
}
