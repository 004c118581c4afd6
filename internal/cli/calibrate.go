package cli

import (
	"context"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/text"
)

func calibrateCommand() *cli.Command {
	return &cli.Command{
		Name:  "calibrate",
		Usage: "write a two-page sheet that measures how far a printer shifts duplex backs",
		Description: "Print DIR/calibrate-PAPER.pdf duplex at actual size, hold the sheet up to the light and\n" +
			"read where the front's lines cross the back's scales; pass the two numbers to build.\n\n" +
			"Example:\n   propdeck calibrate -o out --paper letter\n   propdeck build eu-db-latency -o out --back-offset 1.5,-0.5",
		Flags: []cli.Flag{
			outFlag("output folder", "out"),
			&cli.StringFlag{Name: "paper", Usage: "paper size: a4 or letter", Value: "a4"},
			&cli.StringFlag{Name: "lang", Usage: "language of the sheet: en or ko", Value: "en"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() > 0 {
				return usage(text.M("cli-no-arguments", "command", "calibrate"))
			}
			lang := cmd.String("lang")
			if err := checkLang(lang); err != nil {
				return err
			}
			p, err := layouts.Paper(cmd.String("paper"))
			if err != nil {
				return usage(text.M("print-flag", "flag", "paper", "err", hinted(err)))
			}
			return writeDecks(ctx, cmd, lang, []*draw.Deck{documents.Calibration(p, strings.ToLower(cmd.String("paper")), lang)})
		},
	}
}
