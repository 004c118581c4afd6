package cli

import (
	"context"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/text"
)

func worksheetsCommand() *cli.Command {
	return &cli.Command{
		Name:      "worksheets",
		Usage:     "print scribe, debrief and premortem worksheets only (refills)",
		ArgsUsage: "[SCENARIO.toml|EXAMPLE]",
		Description: "With a scenario, writes DIR/ID-worksheets-refill.pdf for it (never the set a build\n" +
			"wrote, which the run sheet's checklist counts). Without one, writes\n" +
			"DIR/blank-worksheets-LANG.pdf: an undated set for exercises run from a whiteboard.\n\n" +
			"Example:\n   propdeck worksheets eu-db-latency -o out --copies 3\n   propdeck worksheets -o out --lang ko",
		Flags: []cli.Flag{
			outFlag("output folder", "out"),
			&cli.IntFlag{Name: "copies", Usage: "how many times the whole set is printed, 1 to 100 (default: the scenario's worksheets.copies, else 1)", HideDefault: true},
			&cli.StringFlag{Name: "lang", Usage: "language of the labels: en or ko (default: the scenario's language, else en)", HideDefault: true},
			&cli.StringFlag{Name: "paper", Usage: "paper size: a4 or letter"},
		},
		Action: worksheetsAction,
	}
}

func worksheetsAction(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() > 1 {
		return usage(text.M("cli-at-most-one-scenario", "command", "worksheets"))
	}
	if err := inRange(cmd, "copies", 1, 100); err != nil {
		return err
	}
	copies := int(cmd.Int("copies"))
	lang := cmd.String("lang")
	if lang == "" {
		lang = "en"
	}
	if err := checkLang(lang); err != nil {
		return err
	}
	var d *draw.Deck
	if cmd.Args().Len() == 1 {
		s, err := loadScenario(ctx, cmd.Args().First())
		if err != nil {
			return err
		}
		opt, err := options(ctx, s, cmd)
		if err != nil {
			return err
		}
		if !cmd.IsSet("lang") {
			lang = s.Language()
		}
		if d, err = documents.Refill(s, opt, copies, lang); err != nil {
			return err
		}
		if d == nil {
			return saidIn(text.Fail("worksheets-all-off", "file", s.File()), s.Language())
		}
		d.Name += "-refill"
	} else {
		opt := documents.DefaultOptions()
		p, err := layouts.Paper(cmd.String("paper"))
		if err != nil {
			return saidIn(usage(text.M("print-flag", "flag", "paper", "err", hinted(err))), lang)
		}
		opt.Paper = p
		if d, err = documents.BlankWorksheets(lang, copies, opt); err != nil {
			return err
		}
	}
	return writeDecks(ctx, cmd, lang, []*draw.Deck{d})
}
