package cli

import (
	"context"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/premortem"
	"github.com/propdeck/propdeck/internal/scenarios"
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
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			data := scenarios.Schema()
			switch {
			case cmd.Bool("record"):
				data = scenarios.RecordSchema()
			case cmd.Bool("catalog"):
				data = scenarios.CatalogSchema()
			case cmd.Bool("premortem"):
				data = premortem.RecordSchema()
			}
			_, err := cmd.Root().Writer.Write(data)
			return err
		},
	}
}
