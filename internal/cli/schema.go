package cli

import (
	"context"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/ideas"
	"github.com/propdeck/propdeck/internal/ledger"
	"github.com/propdeck/propdeck/internal/premortem"
	"github.com/propdeck/propdeck/internal/programme"
	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/session"
)

func schemaCommand() *cli.Command {
	return &cli.Command{
		Name:        "schema",
		Usage:       "print the JSON Schema of the scenario format, for editors",
		Description: "Example:\n   propdeck schema > scenario.schema.json\n   (then keep '#:schema scenario.schema.json' as the first line of a scenario)",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "record", Usage: "the schema of session records instead"},
			&cli.BoolFlag{Name: "catalog", Usage: "the schema of catalogs instead"},
			&cli.BoolFlag{Name: "premortem", Usage: "the schema of premortem records instead"},
			&cli.BoolFlag{Name: "actions", Usage: "the schema of a programme's action ledger (actions.toml) instead"},
			&cli.BoolFlag{Name: "roster", Usage: "the schema of a roster file (run and record --roster) instead"},
			&cli.BoolFlag{Name: "programme", Usage: "the schema of a programme's plan (programme.toml) instead"},
			&cli.BoolFlag{Name: "journal", Usage: "the schema of a line of a session journal (propdeck run) instead"},
			&cli.BoolFlag{Name: "ideas", Usage: "the schema of a line of a live premortem's journal (propdeck premortem --live) instead"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			data := rules.Schema()
			switch {
			case cmd.Bool("record"):
				data = records.RecordSchema()
			case cmd.Bool("catalog"):
				data = rules.CatalogSchema()
			case cmd.Bool("premortem"):
				data = premortem.RecordSchema()
			case cmd.Bool("actions"):
				data = ledger.Schema()
			case cmd.Bool("roster"):
				data = records.RosterSchema()
			case cmd.Bool("programme"):
				data = programme.PlanSchema()
			case cmd.Bool("journal"):
				data = session.Schema()
			case cmd.Bool("ideas"):
				data = ideas.Schema()
			}
			_, err := cmd.Root().Writer.Write(data)
			return err
		},
	}
}
