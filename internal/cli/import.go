package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/importer"
	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/termsafe"
	"github.com/propdeck/propdeck/internal/text"
)

func importCommand() *cli.Command {
	return &cli.Command{
		Name:  "import",
		Usage: "turn a Backstage catalog, an incident timeline or a postmortem into propdeck files",
		Commands: []*cli.Command{
			{
				Name:      "backstage",
				Usage:     "write a catalog of systems from Backstage descriptor files",
				ArgsUsage: "catalog-info.yaml...",
				Description: "Reads Components, Resources, Systems and APIs (and Groups, for owners' names) from\n" +
					"Backstage descriptor files (multi-document YAML) and writes a catalog of [[systems]]\n" +
					"that scenarios include. Other kinds are skipped with a line each on stderr. The same\n" +
					"input gives the same bytes.\n\n" +
					"Example:\n   propdeck import backstage catalog-info.yaml teams.yaml -o catalog/systems.toml",
				Flags: []cli.Flag{
					outFlag("the catalog file to write (default: standard output)", ""),
					forceFlag(),
					langFlag("en"),
				},
				Action: importBackstageAction,
			},
			importIcebergCommand(),
			importPostmortemCommand(),
			{
				Name:      "timeline",
				Usage:     "write a scenario skeleton from an incident timeline export (CSV)",
				ArgsUsage: "FILE.csv",
				Description: "Reads a CSV (comma, semicolon or tab) with a time column (RFC 3339, 2018-10-21 22:54:12 UTC,\n" +
					"Unix seconds, or HH:MM on the day of --t0) and a text column (detected from common export\n" +
					"names such as PagerDuty's created_at/summary and Slack's ts/text, or named with\n" +
					"--time-column and --text-column), and writes a scenario: start at --t0, one clue per row\n" +
					"of what the team saw (kind from a type column or guessed from its words, marked # check),\n" +
					"what responders did as expected actions of a role per person, rounds where the timeline\n" +
					"pauses, a note to add the twist. It validates and builds as it is.\n\n" +
					"Example:\n   propdeck import timeline incident-42.csv --t0 2026-03-10T09:00:00+01:00 -o drills/replay-42.toml",
				Flags: []cli.Flag{
					outFlag("the scenario file to write (default: standard output)", ""),
					forceFlag(),
					&cli.StringFlag{Name: "t0", Usage: "wall clock of T+0, RFC 3339 (required)", Required: true},
					&cli.StringFlag{Name: "time-column", Usage: "header of the time column (default: detected)"},
					&cli.StringFlag{Name: "text-column", Usage: "header of the text column (default: detected)"},
					&cli.StringFlag{Name: "id", Usage: "the scenario id (default: from the file name)"},
					langFlag("en"),
				},
				Action: importTimelineAction,
			},
		},
	}
}

// langFlag is --lang for a command that says its lines in its input's
// language where the input says it, else in def.
func langFlag(def string) cli.Flag {
	return &cli.StringFlag{Name: "lang", Usage: "language of the messages: en or ko (default: " + def + ")"}
}

// langOr is --lang when it is given, else the input's language def.
func langOr(cmd *cli.Command, def string) (string, error) {
	if !cmd.IsSet("lang") {
		return cmp.Or(def, "en"), nil
	}
	return cmd.String("lang"), checkLang(cmd.String("lang"))
}

// writeOut writes data to path atomically, or to standard output, and
// says so in lang. An existing file is a user's work (a catalog or
// skeleton edited by hand): it is replaced only with --force, as init and
// record never replace one.
func writeOut(ctx context.Context, cmd *cli.Command, path string, data []byte, lang string) error {
	if path == "" {
		_, err := cmd.Root().Writer.Write(data)
		return err
	}
	write := output.WriteNew
	if cmd.Bool("force") {
		write = output.WriteAll
	}
	if err := write(ctx, filepath.Dir(path), []output.File{{Name: filepath.Base(path), Data: data}}); errors.Is(err, output.ErrExists) {
		return saidIn(text.Fail("import-exists", "path", path), lang)
	} else if err != nil {
		return saidIn(text.Fail("file-error", "file", path, "err", err), lang)
	}
	fmt.Fprintln(cmd.Root().Writer, text.M("wrote", "path", path).In(lang))
	return nil
}

func forceFlag() cli.Flag {
	return &cli.BoolFlag{Name: "force", Usage: "replace the -o file if it exists (it may hold hand edits)"}
}

func importBackstageAction(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() == 0 {
		return usage(text.M("cli-import-backstage-needs"))
	}
	lang, err := langOr(cmd, "")
	if err != nil {
		return err
	}
	var files []importer.File
	for _, name := range cmd.Args().Slice() {
		data, err := input.Read(ctx, name, input.MaxBytes)
		if err != nil {
			return saidIn(text.Fail("file-error", "file", name, "err", err), lang)
		}
		files = append(files, importer.File{Name: name, Data: data})
	}
	catalog, notes, err := importer.Backstage(files, lang)
	if err != nil {
		return saidIn(err, lang)
	}
	return writeImported(ctx, cmd, catalog, notes, "", lang)
}

func importTimelineAction(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() != 1 {
		return usage(text.M("cli-import-timeline-needs"))
	}
	t0, err := time.Parse(time.RFC3339, cmd.String("t0"))
	if err != nil {
		return usage(text.M("cli-t0-not-rfc3339", "value", cmd.String("t0")))
	}
	lang, err := langOr(cmd, "")
	if err != nil {
		return err
	}
	name, data, id, err := importSource(ctx, cmd, lang)
	if err != nil {
		return err
	}
	out, notes, err := importer.Timeline(name, data, id, importer.TimelineOptions{T0: t0, TimeColumn: cmd.String("time-column"), TextColumn: cmd.String("text-column"), Lang: lang})
	if err != nil {
		return saidIn(err, lang)
	}
	return writeImported(ctx, cmd, out, notes, "", lang)
}

func importIcebergAction(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() != 1 {
		return usage(text.M("cli-import-iceberg-needs"))
	}
	lang, err := langOr(cmd, "")
	if err != nil {
		return err
	}
	name, data, id, err := importSource(ctx, cmd, lang)
	if err != nil {
		return err
	}
	out, notes, err := importer.Iceberg(ctx, name, data, id)
	if err != nil {
		return saidIn(err, lang)
	}
	return writeImported(ctx, cmd, out, notes, "propdeck: ", lang)
}

// writeImported says an import's notes on stderr in lang, each after
// prefix and never as terminal syntax (they quote the imported file),
// then writes what it made.
func writeImported(ctx context.Context, cmd *cli.Command, out []byte, notes []text.Message, prefix, lang string) error {
	errw := termsafe.Writer(cmd.Root().ErrWriter)
	for _, n := range notes {
		fmt.Fprintln(errw, prefix+n.In(lang))
	}
	return writeOut(ctx, cmd, cmd.String("out"), out, lang)
}

func importIcebergCommand() *cli.Command {
	return &cli.Command{
		Name:      "iceberg",
		Usage:     "write a scenario from an IcebergTTX scenario file (JSON)",
		ArgsUsage: "FILE.json",
		Description: "Reads an IcebergTTX scenario (schema 1.0), holds it to IcebergTTX's own rules, and writes a\n" +
			"propdeck scenario that validates and builds: participant teams as roles, injects as clues\n" +
			"to their target teams, expected actions, triggered messages as customer clues. A file\n" +
			"propdeck convert wrote comes back with its rounds, times, contingencies, notes and asks;\n" +
			"any other becomes a round per inject on the way from the start inject, its branches\n" +
			"contingencies, with times spread over the estimated duration when it has none. What does\n" +
			"not map is listed on stderr.\n\n" +
			"Example:\n   propdeck import iceberg ransomware_response.json -o drills/ransomware.toml",
		Flags: []cli.Flag{
			outFlag("the scenario file to write (default: standard output)", ""),
			forceFlag(),
			&cli.StringFlag{Name: "id", Usage: "the scenario id (default: from the file name)"},
			langFlag("en"),
		},
		Action: importIcebergAction,
	}
}

// importSource reads the one file an import takes, and the scenario id to
// write: --id, else one from the file's name. lang is the language of a
// failed read's message.
func importSource(ctx context.Context, cmd *cli.Command, lang string) (name string, data []byte, id string, err error) {
	name = cmd.Args().First()
	data, err = input.Read(ctx, name, input.MaxBytes)
	if err != nil {
		return "", nil, "", saidIn(text.Fail("file-error", "file", name, "err", err), lang)
	}
	id = cmd.String("id")
	if id == "" {
		id = examples.TemplateID(strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)) + ".toml")
	}
	return name, data, id, nil
}
