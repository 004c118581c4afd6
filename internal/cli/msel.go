package cli

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/report"
	"github.com/propdeck/propdeck/internal/text"
)

func mselCommand() *cli.Command {
	return &cli.Command{
		Name:      "msel",
		Usage:     "print the Master Scenario Events List of a scenario as CSV",
		ArgsUsage: "SCENARIO.toml|EXAMPLE",
		Description: "One row per clue in run order (timed and contingent by time, then on request): sequence,\n" +
			"clue id, offset, wall clock, kind, mode, to (role ids, * for everyone, none for the\n" +
			"facilitator's own), system, title, ask, condition, replaces, expected actions due by then\n" +
			"and the facilitator's note. --hseep writes the HSEEP template's columns instead (Seq No,\n" +
			"Time, Inject Type, Delivery Method, From, To, Inject Description, Expected Action, Notes).\n" +
			"UTF-8 with a BOM, so that Excel reads Korean right. Standard output, or -o FILE.csv.\n\n" +
			"Example:\n   propdeck msel eu-db-latency -o out/eu-db-latency-msel.csv\n   propdeck msel eu-db-latency --hseep -o out/msel-hseep.csv",
		Flags: []cli.Flag{
			outFlag("a CSV file to write instead of standard output", ""),
			&cli.BoolFlag{Name: "hseep", Usage: "the HSEEP MSEL template's column names and human-readable cells"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() != 1 {
				return usage(text.M("cli-needs-one-scenario", "command", "msel"))
			}
			s, err := loadScenario(ctx, cmd.Args().First())
			if err != nil {
				return err
			}
			data := report.MSEL(s)
			if cmd.Bool("hseep") {
				data = report.HSEEPMSEL(s)
			}
			path := cmd.String("out")
			if path == "" {
				_, err := cmd.Root().Writer.Write(data)
				return err
			}
			if err := output.WriteAll(ctx, filepath.Dir(path), []output.File{{Name: filepath.Base(path), Data: data}}); err != nil {
				return text.Fail("file-nothing-written", "file", path, "err", err)
			}
			fmt.Fprintln(cmd.Root().Writer, text.M("wrote-what", "path", path, "what", count(len(s.Timeline().Reveals), "clue")).In(s.Language()))
			return nil
		},
	}
}
