package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/render"
	"github.com/propdeck/propdeck/internal/text"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/report"
	"github.com/propdeck/propdeck/internal/scenarios"
)

func reportCommand() *cli.Command {
	return &cli.Command{
		Name:      "report",
		Usage:     "turn a session record into an after-action report and action items",
		ArgsUsage: "SCENARIO.toml|EXAMPLE RECORD.toml",
		Description: "Checks the record against the scenario (every error at once, as RECORD:LINE:COL: message)\n" +
			"and writes, only when all is well:\n" +
			"   DIR/ID-report.md    the after-action report in Markdown (renders on GitHub and GitLab)\n" +
			"   DIR/ID-report.pdf   the same report, printable\n" +
			"   DIR/ID-actions.csv  one row per action item, for a tracker's CSV import\n\n" +
			"Example:\n   propdeck report eu-db-latency records/2026-03-10.toml -o out",
		Flags: []cli.Flag{
			outFlag("output folder", "out"),
			&cli.StringFlag{Name: "paper", Usage: "paper size of the PDF: a4 or letter"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() != 2 {
				return usage(text.M("cli-report-args"))
			}
			s, err := loadScenario(ctx, cmd.Args().First())
			if err != nil {
				return err
			}
			r, err := records.LoadRecord(cmd.Args().Get(1), s)
			if err != nil {
				return err
			}
			paper, err := layouts.Paper(cmd.String("paper"))
			if err != nil {
				return saidIn(usage(text.M("print-flag", "flag", "paper", "err", hinted(err))), s.Language())
			}
			files, err := reportFiles(ctx, s, r, paper)
			if err != nil {
				return text.Fail("file-nothing-written", "file", r.File, "err", err)
			}
			dir := cmd.String("out")
			if err := output.WriteAll(ctx, dir, files); err != nil {
				return text.Fail("file-nothing-written", "file", r.File, "err", err)
			}
			for _, f := range files {
				fmt.Fprintf(cmd.Root().Writer, "%s/%s  %s\n", strings.TrimRight(dir, "/"), f.Name, size(len(f.Data)))
			}
			return nil
		},
	}
}

// reportFiles are a record's report: Markdown, PDF and the action items.
func reportFiles(ctx context.Context, s *scenarios.Session, r *records.Record, paper layouts.Size) ([]output.File, error) {
	opt := documents.DefaultOptions()
	opt.Paper = paper
	lb := cards.LabelsFor(s.Language())
	pdf, err := render.PDFs(ctx, []*draw.Deck{documents.Report(s, r, report.ScoreOf(r).Line(lb), opt)})
	if err != nil {
		return nil, err
	}
	return append(pdf,
		output.File{Name: s.ID() + "-report.md", Data: report.Markdown(s, r)},
		output.File{Name: s.ID() + "-actions.csv", Data: report.ActionsCSV(s, r)}), nil
}
