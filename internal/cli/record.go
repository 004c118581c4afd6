package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/report"
	"github.com/propdeck/propdeck/internal/session"
	"github.com/propdeck/propdeck/internal/text"
)

func recordCommand() *cli.Command {
	return &cli.Command{
		Name:      "record",
		Usage:     "write a session record to fill in after a session, pre-filled from the scenario",
		ArgsUsage: "SCENARIO.toml|EXAMPLE",
		Description: "Writes FILE: the scenario id, today's date to confirm, one [[expected]] per expected\n" +
			"action of the scenario, and commented examples of the timeline, findings and actions,\n" +
			"in the scenario's language; and record.schema.json beside it for editors. Never\n" +
			"overwrites a file. Then: propdeck report SCENARIO FILE -o DIR\n\n" +
			"Example:\n   propdeck record eu-db-latency -o records/2026-03-10.toml",
		Flags: []cli.Flag{
			requiredOut("the record file to write"),
			&cli.StringFlag{Name: "journal", Usage: "a session's journal (propdeck run): the record of what the room did, nothing to type in"},
			programmeFlag(),
			rosterFlag(),
			todayFlag(),
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() != 1 {
				return usage(text.M("cli-needs-one-scenario", "command", "record"))
			}
			s, err := loadScenario(ctx, cmd.Args().First())
			if err != nil {
				return err
			}
			path := cmd.String("out")
			tmpl := report.RecordTemplate(s, cmd.Args().First(), path, time.Now().Format("2006-01-02"))
			if journal := cmd.String("journal"); journal != "" {
				st, note, err := session.Read(s, journal)
				if err != nil {
					return err
				}
				if note != "" {
					fmt.Fprintln(cmd.Root().ErrWriter, "propdeck: "+note)
				}
				tmpl = string(st.Record())
			}
			added, err := additionsOf(ctx, cmd, s)
			if err != nil {
				return err
			}
			tmpl = added.to(s, tmpl, nil)
			wrote, err := writeNew(ctx, path, tmpl, "record.schema.json", records.RecordSchema())
			if err != nil {
				return err
			}
			for _, f := range wrote {
				fmt.Fprintln(cmd.Root().Writer, text.M("wrote", "path", f).In(s.Language()))
			}
			fmt.Fprintln(cmd.Root().Writer, text.M("record-next", "scenario", cmd.Args().First(), "path", path).In(s.Language()))
			return nil
		},
	}
}
