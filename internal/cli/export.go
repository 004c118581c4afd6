package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/export"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/render"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/vocab"
)

// svgTexts are the ways export writes an SVG's text, the default first.
var svgTexts = []string{"outlines", "text"}

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:      "export",
		Usage:     "write every card face as its own PNG or SVG, for digital boards",
		ArgsUsage: "SCENARIO.toml|EXAMPLE",
		Description: "Writes one image per card face, named to sort in play order: ID-badge-ROLE, ID-system-SYS,\n" +
			"ID-clue-010-c01 (and ID-clue-010-c01-back), ID-request-…, ID-complication-…; a card\n" +
			"continued on a second card gives two images. PNG is the card's size at --dpi, SVG keeps\n" +
			"text as outlines (every glyph a path, the text invisible beside it for search), so that\n" +
			"librsvg and board tools that convert SVG draw it as the PNG does; --text text keeps live\n" +
			"text in embedded fonts instead, for a browser. --card and --log-theme apply as for build; paper,\n" +
			"cut marks, duplex, fold and bleed do not (there is no sheet). Nothing is written unless\n" +
			"every image drew.\n\n" +
			"Example:\n   propdeck export eu-db-latency -o board\n   propdeck export dns-change-ko -o board --format svg\n   propdeck export eu-db-latency -o board --dpi 150 --contact-sheet",
		Flags: []cli.Flag{
			outFlag("output folder", "out"),
			&cli.StringFlag{Name: "format", Usage: "png or svg", Value: "png"},
			&cli.FloatFlag{Name: "dpi", Usage: "resolution of PNG images, 50 to 600", Value: 200},
			&cli.StringFlag{Name: "text", Usage: "SVG text: " + strings.Join(svgTexts, " or "), Value: svgTexts[0]},
			&cli.BoolFlag{Name: "contact-sheet", Usage: "also write DIR/ID-board.png: every card's front laid out as a board"},
			&cli.StringFlag{Name: "card", Usage: "clue card size: " + strings.Join(vocab.Card.Values, ", "), Value: "quarter"},
			&cli.StringFlag{Name: "log-theme", Usage: "log snapshots: dark or light (default: the scenario's [print] log_theme, else dark)"},
		},
		Action: exportAction,
	}
}

// exportInto streams the images into dir through one all-or-nothing
// commit: each is staged as it is drawn, so that memory stays flat however
// many cards there are, and nothing lands unless every one drew.
func exportInto(ctx context.Context, dir, id string, list export.Cards, format string, o render.Settings, sheet bool) (n, total int, err error) {
	t, err := output.Begin(ctx, dir)
	if err != nil {
		return 0, 0, err
	}
	defer func() {
		if err != nil {
			t.Abort()
		}
	}()
	put := func(f output.File) error {
		n, total = n+1, total+len(f.Data)
		return t.Add(f)
	}
	// The contact sheet is one image of every front: it keeps the fronts,
	// and only when asked for.
	var fronts []cards.Card
	if sheet {
		all := list
		list = func(yield func(cards.Card) error) error {
			return all(func(c cards.Card) error {
				fronts = append(fronts, cards.Card{ID: c.ID, Kind: c.Kind, Name: c.Name, Size: c.Size, Front: c.Front})
				return yield(c)
			})
		}
	}
	if err = export.Stream(ctx, id, list, format, o, put); err != nil {
		return 0, 0, err
	}
	if sheet {
		board, err := export.Board(fronts, min(o.DPI, 100))
		if err != nil {
			return 0, 0, err
		}
		if err := put(output.File{Name: id + "-board.png", Data: board}); err != nil {
			return 0, 0, err
		}
	}
	return n, total, t.Commit()
}

func exportAction(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() != 1 {
		return usage(text.M("cli-needs-one-scenario", "command", "export"))
	}
	format := cmd.String("format")
	if !slices.Contains(export.Formats, format) {
		return usage(text.M("cli-flag-one-of", "flag", "format", "values", text.OrList(export.Formats), "hint", hintOf(format, export.Formats)))
	}
	if err := inRange(cmd, "dpi", 50, 600); err != nil {
		return err
	}
	svgText := cmd.String("text")
	if !slices.Contains(svgTexts, svgText) {
		return usage(text.M("cli-flag-one-of", "flag", "text", "values", text.OrList(svgTexts), "hint", hintOf(svgText, svgTexts)))
	}
	settings := render.Settings{DPI: cmd.Float("dpi"), Outlines: svgText == "outlines"}
	s, err := loadScenario(ctx, cmd.Args().First())
	if err != nil {
		return err
	}
	opt := cards.DefaultOptions()
	opt.Ctx = ctx
	opt.ClueCard = cmd.String("card")
	if err := documents.CheckCard(opt.ClueCard); err != nil {
		return err
	}
	if opt.LogTheme, err = documents.LogTheme(s, documents.Setting{Value: cmd.String("log-theme"), Set: cmd.IsSet("log-theme")}); err != nil {
		return err
	}
	start := time.Now()
	each := func(yield func(cards.Card) error) error { return cards.Each(s, opt, yield) }
	dir := cmd.String("out")
	n, total, err := exportInto(ctx, dir, s.ID(), each, format, settings, cmd.Bool("contact-sheet"))
	var se *tomlfile.Errors
	if errors.As(cards.Positioned(s, err), &se) {
		return se
	}
	if err != nil {
		return saidIn(text.Fail("file-nothing-written", "file", s.File(), "err", err), s.Language())
	}
	fmt.Fprintln(cmd.Root().Writer, text.M("exported", "images", count(n, "image"), "id", s.ID(), "dir", dir, "size", size(total), "took", time.Since(start).Round(time.Millisecond)).In(s.Language()))
	return nil
}
