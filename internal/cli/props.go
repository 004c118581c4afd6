package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/props"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/written"
)

func propsCommand() *cli.Command {
	return &cli.Command{
		Name:      "props",
		Usage:     "write the story in the real tools' formats: chat, status page, pager, dashboards",
		ArgsUsage: "SCENARIO.toml|EXAMPLE",
		Description: "Writes, for a sandbox of each tool, the clues handed out unasked at their story time:\n" +
			"  ID-mattermost.jsonl        a Mattermost bulk import: team, incident channel, a user per role, the posts\n" +
			"  ID-slack-export.zip        the same channel as a Slack export\n" +
			"  ID-statuspage-CLUE.json    each status draft with a [clues.status_page] as a Statuspage incident body\n" +
			"  ID-pagerduty-CLUE.json     each alert as a PagerDuty Events API v2 trigger\n" +
			"  ID-prometheus-CLUE-N.json  each metric series as a Prometheus query_range answer\n" +
			"  ID-loki-CLUE.json          each log snapshot as a Loki query_range answer\n" +
			"  ID-otlp-metrics.jsonl, ID-otlp-logs.jsonl  the same as OTLP JSON lines\n" +
			"  ID-props.txt               how to load each into its tool\n" +
			"Nothing of the facilitator's is in them: no note, condition, expected action or contingency.\n" +
			"The same input gives the same bytes. Nothing is written unless all are.\n\n" +
			"Example:\n   propdeck props eu-db-latency -o props\n   propdeck props eu-db-latency -o props --until T+20m --start 2026-12-03T14:00:00Z",
		Flags: []cli.Flag{
			requiredOut("output folder"),
			&cli.StringFlag{Name: "start", Usage: "wall clock of T+0, RFC 3339 (default: the scenario's start)"},
			&cli.StringFlag{Name: "until", Usage: "only the clues handed out by this time, e.g. T+20m: a channel seeded mid-session"},
			&cli.BoolFlag{Name: "requests", Usage: "also the on-request log and metric clues, in the telemetry files, so that a sandbox dashboard answers them"},
			&cli.StringSliceFlag{Name: "statuspage-component", Usage: "SYSTEM=ID: the sandbox Statuspage's component id of a system, for the incident bodies (repeat for several)"},
		},
		Action: propsAction,
	}
}

func propsAction(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() != 1 {
		return usage(text.M("cli-needs-one-scenario", "command", "props"))
	}
	opt := props.Options{Requests: cmd.Bool("requests")}
	if v := cmd.String("start"); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return usage(text.M("cli-not-rfc3339", "flag", "start", "value", v))
		}
		opt.Start = t
	}
	comps, err := componentIDs(cmd.StringSlice("statuspage-component"))
	if err != nil {
		return err
	}
	opt.Components = comps
	if v := cmd.String("until"); v != "" {
		d, err := written.ParseOffsetValue(v)
		if err != nil {
			return usage(text.M("print-flag", "flag", "until", "err", err))
		}
		opt.Until, opt.HasUntil = d, true
	}
	s, err := loadScenario(ctx, cmd.Args().First())
	if err != nil {
		return err
	}
	files, err := props.Files(s, opt)
	var ns *props.ErrNoStart
	var us *props.ErrUnknownSystem
	if errors.As(err, &ns) || errors.As(err, &us) {
		return saidIn(usage(text.M("file-error", "file", s.File(), "err", err)), s.Language())
	}
	if err != nil {
		return saidIn(text.Fail("file-nothing-written", "file", s.File(), "err", err), s.Language())
	}
	dir := cmd.String("out")
	if err := output.WriteAll(ctx, dir, files); err != nil {
		return err
	}
	fmt.Fprintln(cmd.Root().Writer, text.M("props-wrote", "files", count(len(files), "prop file"), "id", s.ID(), "dir", dir, "size", size(totalSize(files))).In(s.Language()))
	return nil
}

// componentIDs reads --statuspage-component SYSTEM=ID values; the systems
// are checked against the scenario by props.
func componentIDs(values []string) (map[string]string, error) {
	out := map[string]string{}
	for _, v := range values {
		sys, id, ok := strings.Cut(v, "=")
		sys, id = strings.TrimSpace(sys), strings.TrimSpace(id)
		if !ok || sys == "" || id == "" || strings.ContainsAny(id, " \t/") {
			return nil, usage(text.M("cli-component-form", "value", v))
		}
		if prev, dup := out[sys]; dup && prev != id {
			return nil, usage(text.M("cli-component-twice", "system", sys))
		}
		out[sys] = id
	}
	return out, nil
}
