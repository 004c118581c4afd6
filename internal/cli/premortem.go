package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/premortem"
	"github.com/propdeck/propdeck/internal/scenarios"
)

func premortemCommand() *cli.Command {
	return &cli.Command{
		Name:      "premortem",
		Usage:     "print the premortem kit: agenda, prompt cards, idea slips, clustering and next-scenario sheets",
		ArgsUsage: "[SCENARIO.toml|EXAMPLE]",
		Description: "Writes DIR/ID-premortem.pdf (or DIR/premortem.pdf without a scenario): a one-page agenda\n" +
			"for a 60-minute session with the opening prompt and ground rules, prompt cards and idea\n" +
			"slips with cut marks, a clustering sheet with an impact × likelihood grid, and a sheet for\n" +
			"the scenarios to rehearse next. Type the picks into a premortem record afterwards (--record\n" +
			"FILE writes an empty one, with the kit's prompt and themes, to fill in), then:\n" +
			"propdeck init --from-premortem RECORD -o DIR\n\n" +
			"Example:\n   propdeck premortem -o out\n   propdeck premortem eu-db-latency -o out --lang ko --cards our-cards.toml\n" +
			"   propdeck premortem eu-db-latency --record premortems/2026-12-06.toml",
		Flags: []cli.Flag{
			outFlag("output folder", "out"),
			&cli.StringFlag{Name: "lang", Usage: "language of the kit: en or ko (default: the scenario's, else en)"},
			&cli.StringFlag{Name: "paper", Usage: "paper size: a4 or letter"},
			&cli.StringFlag{Name: "cards", Usage: "a TOML file of [[cards]] (id, theme, provocation, question) to add to the built-in prompt cards"},
			&cli.StringFlag{Name: "record", Usage: "instead of the kit, write FILE.toml: an empty premortem record to fill in from the paper kit, and premortem.schema.json beside it"},
			&cli.StringFlag{Name: "today", Usage: "with --record: the day of the session, YYYY-MM-DD (default: today)"},
		},
		Action: premortemAction,
	}
}

// startersFromPremortem writes one starter scenario per picked idea of a
// premortem record into dir, never over an existing file.
func startersFromPremortem(ctx context.Context, cmd *cli.Command, recordPath, dir, catalog, lang string) error {
	data, err := input.Read(ctx, recordPath, input.MaxBytes)
	if err != nil {
		return fmt.Errorf("%s: %v", recordPath, err)
	}
	starters, err := premortem.Starters(premortem.StarterRequest{Record: recordPath, Data: data, Dir: dir, Catalog: catalog, Lang: lang, Printing: cards.Printing})
	if err != nil {
		return err
	}
	files := make([]output.File, len(starters))
	for i, f := range starters {
		files[i] = output.File(f)
	}
	if err := output.WriteNew(ctx, dir, files); err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintf(cmd.Root().Writer, "wrote %s\n", filepath.Join(dir, f.Name))
	}
	return nil
}

func premortemAction(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() > 1 {
		return usagef("premortem takes at most one scenario")
	}
	var s *scenarios.Scenario
	lang := "en"
	if cmd.Args().Len() == 1 {
		var err error
		if s, err = loadScenario(ctx, cmd.Args().First()); err != nil {
			return err
		}
		lang = s.Scenario.Language
	}
	if cmd.IsSet("lang") {
		lang = cmd.String("lang")
	}
	if err := checkLang(lang); err != nil {
		return err
	}
	if path := cmd.String("record"); path != "" {
		return writeBlankRecord(ctx, cmd, s, lang, path)
	}
	if cmd.IsSet("today") {
		return usagef("--today goes with --record")
	}
	opt := documents.DefaultOptions()
	var err error
	if opt.Paper, err = layouts.Paper(cmd.String("paper")); err != nil {
		return usagef("--paper: %v", hinted(err))
	}
	prompts := premortem.Cards(lang)
	if f := cmd.String("cards"); f != "" {
		data, err := input.Read(ctx, f, input.MaxBytes)
		if err != nil {
			return fmt.Errorf("%s: %v", f, err)
		}
		own, err := premortem.ParseCards(f, data, cards.Printing)
		if err != nil {
			return err
		}
		prompts = append(prompts, own...)
	}
	d, err := documents.PremortemKit(s, lang, prompts, opt)
	if err != nil {
		return err
	}
	return writeDecks(ctx, cmd, []*draw.Deck{d})
}

// writeBlankRecord writes an empty premortem record at path, with the
// kit's prompt and themes (the scenario's, else the built-in ones), and
// its schema beside it when there is none; never over an existing file.
func writeBlankRecord(ctx context.Context, cmd *cli.Command, s *scenarios.Scenario, lang, path string) error {
	if !strings.HasSuffix(path, ".toml") {
		return usagef("--record %s: a premortem record's file name ends in .toml", path)
	}
	today, err := todayOf(cmd)
	if err != nil {
		return err
	}
	b := premortem.Blank{Lang: lang, Date: today.Format(time.DateOnly), Prompt: cards.LabelsFor(lang).DefaultPrompt, Themes: cards.KitTextFor(lang).DefaultThemes}
	if s != nil {
		if s.Premortem.Prompt != "" {
			b.Prompt = s.Premortem.Prompt
		}
		if len(s.Premortem.Themes) > 0 {
			b.Themes = s.Premortem.Themes
		}
	}
	wrote, err := writeNew(ctx, path, string(premortem.EmptyRecord(b)), premortem.RecordSchemaFile, premortem.RecordSchema())
	if err != nil {
		return err
	}
	w := cmd.Root().Writer
	for _, f := range wrote {
		fmt.Fprintf(w, "wrote %s\n", f)
	}
	fmt.Fprintf(w, "next: add the ideas, then propdeck init --from-premortem %s -o DIR\n", path)
	return nil
}
