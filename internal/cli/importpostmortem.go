package cli

import (
	"cmp"
	"context"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/importer"
	"github.com/propdeck/propdeck/internal/text"
)

func importPostmortemCommand() *cli.Command {
	return &cli.Command{
		Name:      "postmortem",
		Usage:     "draft a scenario from a Markdown postmortem",
		ArgsUsage: "FILE.md",
		Description: "Reads a postmortem in Markdown, in the shapes of Google's SRE book template, Atlassian's\n" +
			"and PagerDuty's templates or a GitHub issue, in English or Korean, and drafts a scenario: the\n" +
			"summary as the synopsis, the impact as the first round's situation, the timeline (a table\n" +
			"or lines opening with a time) as timed clues and expected actions as import timeline splits\n" +
			"them, the root cause and contributing factors as on-request clues and complications, the\n" +
			"action items as expected actions of the last round. T+0 is the first timeline entry unless\n" +
			"--t0 says. The draft validates and builds as written; \"# fill in\" marks what is yours to\n" +
			"write, \"# check\" a guess, and stderr lists what could not be placed.\n\n" +
			"Example:\n   propdeck import postmortem incident-42.md -o drills/replay-42.toml\n" +
			"   propdeck import postmortem 장애-보고서.md --t0 2026-03-10T14:00:00+09:00 -o drills/replay.toml",
		Flags: []cli.Flag{
			outFlag("the scenario file to write (default: standard output)", ""),
			forceFlag(),
			&cli.StringFlag{Name: "t0", Usage: "wall clock of T+0, RFC 3339 (default: the first timeline entry)"},
			&cli.StringFlag{Name: "lang", Usage: "language of the draft and the messages: en or ko (default: ko for a postmortem in Korean)"},
			&cli.StringFlag{Name: "id", Usage: "the scenario id (default: from the file name)"},
		},
		Action: importPostmortemAction,
	}
}

func importPostmortemAction(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() != 1 {
		return usage(text.M("cli-import-postmortem-needs"))
	}
	var opt importer.PostmortemOptions
	if s := cmd.String("t0"); s != "" {
		t0, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return usage(text.M("cli-t0-not-rfc3339", "value", s))
		}
		opt.T0 = t0
	}
	if cmd.IsSet("lang") {
		if err := checkLang(cmd.String("lang")); err != nil {
			return err
		}
		opt.Lang = cmd.String("lang")
	}
	name, data, id, err := importSource(ctx, cmd, cmp.Or(opt.Lang, "en"))
	if err != nil {
		return err
	}
	// The messages are in the postmortem's language when --lang says none.
	lang := cmp.Or(opt.Lang, importer.PostmortemLanguage(data))
	out, notes, err := importer.Postmortem(name, data, id, opt)
	if err != nil {
		return saidIn(err, lang)
	}
	return writeImported(ctx, cmd, out, notes, "propdeck: ", lang)
}
