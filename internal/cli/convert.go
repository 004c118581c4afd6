package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/convert"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/text"
)

func convertCommand() *cli.Command {
	return &cli.Command{
		Name:      "convert",
		Usage:     "write a scenario in another exercise platform's format: IcebergTTX, OpenAEV, HSEEP",
		ArgsUsage: "SCENARIO.toml|EXAMPLE",
		Description: "--to iceberg   IcebergTTX scenario JSON (schema 1.0): rounds as a chain of injects with their\n" +
			"               expected actions, timed clues released on their clock, contingencies as branch\n" +
			"               options, comms clues as triggered messages, on-request clues released by hand\n" +
			"--to openaev   OpenAEV's chronogram workbook (.xlsx), in its template's columns (Action to be\n" +
			"               taken, Timeline T+x as D+1 H+2 M+30, Teams, Subject, Content, Comments, Expectation …)\n" +
			"--to hseep     the HSEEP MSEL as a workbook, or as CSV when FILE ends in .csv\n" +
			"What each format has no place for is said on stderr, and in the reference. The same input\n" +
			"gives the same bytes. propdeck import iceberg reads an IcebergTTX file back.\n\n" +
			"Example:\n   propdeck convert eu-db-latency --to iceberg -o eu-db-latency.iceberg.json\n   propdeck convert eu-db-latency --to openaev -o chronogram.xlsx",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "to", Usage: strings.Join(convert.Targets, ", "), Required: true},
			outFlag("the file to write (default: standard output, for JSON and CSV)", ""),
			langFlag("the scenario's language"),
		},
		Action: convertAction,
	}
}

func convertAction(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() != 1 {
		return usage(text.M("cli-needs-one-scenario", "command", "convert"))
	}
	target, path := cmd.String("to"), cmd.String("out")
	if !slices.Contains(convert.Targets, target) {
		return usage(text.M("cli-flag-one-of", "flag", "to", "values", strings.Join(convert.Targets, ", "), "hint", hintOf(target, convert.Targets)))
	}
	ext, err := convert.Extension(target, path)
	if err != nil {
		return usage(text.M("as-error", "err", err))
	}
	if cmd.IsSet("lang") {
		if err := checkLang(cmd.String("lang")); err != nil {
			return err
		}
	}
	s, err := loadScenario(ctx, cmd.Args().First())
	if err != nil {
		return err
	}
	lang, _ := langOr(cmd, s.Language())
	data, notes, err := convert.File(s, target, ext)
	if err != nil {
		return saidIn(text.Fail("file-nothing-written", "file", s.File(), "err", err), lang)
	}
	for _, n := range notes {
		sayIn(cmd, lang, "as-written", "text", n)
	}
	sayIn(cmd, lang, "convert-no-place", "target", target, "what", convert.Dropped[target])
	if path == "" {
		_, err := cmd.Root().Writer.Write(data)
		return err
	}
	if err := output.WriteAll(ctx, filepath.Dir(path), []output.File{{Name: filepath.Base(path), Data: data}}); err != nil {
		return saidIn(text.Fail("file-nothing-written", "file", path, "err", err), lang)
	}
	fmt.Fprintln(cmd.Root().Writer, text.M("convert-wrote", "path", path, "target", target, "size", size(len(data))).In(lang))
	return nil
}
